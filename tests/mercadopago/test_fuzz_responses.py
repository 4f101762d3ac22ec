"""Fuzzing what Mercado Pago (or a proxy in between) answers.

1. Every response model's ``parse``, fed any JSON value and mutations of valid sandbox-shaped
   answers: a model whose amounts are finite, non-negative ``Decimal`` and whose ids fit, or
   :class:`UnexpectedResponseError` with a message; never another exception.
2. The verdicts (:func:`evaluate`, :func:`evaluate_order`): "paid" only when the data says
   approved payments (each counted once) cover the sale's total on a ``closed`` merchant order
   (``processed`` order), checked against an oracle that reads the raw JSON; never an exception.
3. The client against bodies that are not Mercado Pago's JSON (MockTransport): one of its own
   error classes the engine handles, and the token in no error text.
"""

from __future__ import annotations

import asyncio
import copy
import dataclasses
import gzip
import json
from collections.abc import AsyncIterator, Callable
from decimal import Decimal, localcontext
from typing import Any

import httpx
import pytest
import segno
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pos_app.domain.money import site_for
from pos_app.mercadopago import errors
from pos_app.mercadopago.client import MAX_BODY, MercadoPagoClient
from pos_app.mercadopago.credentials import AccessToken
from pos_app.mercadopago.models import (
    Box,
    BoxOrder,
    FoundPayment,
    MerchantOrder,
    Payment,
    PaymentInfo,
    PaymentSearchPage,
    QrOrder,
    QrPayment,
    SearchPage,
    Store,
    User,
)
from pos_app.mercadopago.refunds import PaymentRefund
from pos_app.mercadopago.retry import RetryPolicy
from pos_app.mercadopago.verdict import evaluate, evaluate_order

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
REF = "CAJA01S000001XTEST"
MAX_ID = 2**63 - 1  # ids are 64-bit integers (the ledger, JSON, every SDK)
TOKEN = "APP_USR-1234567890123456-112233-0123456789abcdef0123456789abcdef-123456789"

# -- valid answers, shaped as the sandbox (and Mercado Pago) write them -----------------------
PAYMENT = {
    "id": 555001,
    "transaction_amount": 3450.5,
    "total_paid_amount": 3450.5,
    "currency_id": "ARS",
    "status": "approved",
    "status_detail": "accredited",
    "date_approved": "2026-12-01T10:00:00.000-03:00",
    "operation_type": "regular_payment",
}
MERCHANT_ORDER = {
    "id": 15140831325,
    "status": "closed",
    "order_status": "paid",
    "external_reference": REF,
    "total_amount": 3450.5,
    "paid_amount": 3450.5,
    "refunded_amount": 0,
    "site_id": "MLA",
    "date_created": "2026-12-01T09:59:00.000-03:00",
    "last_updated": "2026-12-01T10:00:00.000-03:00",
    "cancelled": False,
    "items": [{"title": "Yerba 1kg", "unit_price": 1725.25, "quantity": 2}],
    "payments": [PAYMENT],
}
VALID: dict[str, tuple[Callable[[Any], object], Any]] = {
    "user": (
        User.parse,
        {"id": 123456789, "nickname": "TESTUSER", "site_id": "MLA", "country_id": "AR",
         "email": "test@testuser.com", "tags": ["normal", "test_user"]},
    ),
    "store": (
        Store.parse,
        {"id": 1234567, "name": "Sucursal", "external_id": "SUC001",
         "location": {"address_line": "Av. Siempre Viva 742, CABA"}},
    ),
    "box": (
        Box.parse,
        {"id": 2345678, "name": "Caja 1", "external_id": "CAJA01", "store_id": 1234567,
         "external_store_id": "SUC001", "fixed_amount": True, "category": 621102,
         "qr": {"image": "https://example.org/qr.png"}, "qr_code": "000201...", "status": "active"},
    ),
    "box_order": (
        BoxOrder.parse,
        {"external_reference": REF, "title": "Almacen", "total_amount": 3450.5, "items": []},
    ),
    "payment": (Payment.parse, PAYMENT),
    "payment_info": (
        PaymentInfo.parse,
        {"id": 555001, "status": "approved", "external_reference": REF,
         "order": {"id": 15140831325, "type": "mercadopago"}, "transaction_amount": 3450.5,
         "transaction_amount_refunded": 0, "status_detail": "accredited",
         "date_approved": "2026-12-01T10:00:00.000-03:00"},
    ),
    "merchant_order": (MerchantOrder.parse, MERCHANT_ORDER),
    "search_page": (
        SearchPage.parse,
        {"elements": [MERCHANT_ORDER], "next_offset": 1, "total": 1},
    ),
    "qr_payment": (
        QrPayment.parse,
        {"id": "PAY01JD0000000000000000000000", "amount": "3450.50", "paid_amount": "3450.50",
         "refunded_amount": "0.00", "status": "processed", "status_detail": "accredited"},
    ),
    "qr_order": (
        QrOrder.parse,
        {"id": "ORD01JD0000000000000000000000", "type": "qr", "external_reference": REF,
         "total_amount": "3450.50", "total_paid_amount": "3450.50", "status": "processed",
         "status_detail": "accredited", "type_response": {"qr_data": "000201..."},
         "transactions": {"payments": [
             {"id": "PAY01JD0000000000000000000000", "amount": "3450.50",
              "paid_amount": "3450.50", "refunded_amount": "0.00", "status": "processed",
              "status_detail": "accredited"}]}},
    ),
    "found_payment": (
        FoundPayment.parse,
        {"id": 555001, "status": "approved", "external_reference": REF,
         "transaction_amount": 3450.5, "date_created": "2026-12-01T09:59:30.000-03:00",
         "date_approved": "2026-12-01T10:00:00.000-03:00", "store_id": 1234567,
         "pos_id": 2345678, "order": {"id": 15140831325}},
    ),
    "payment_search": (
        PaymentSearchPage.parse,
        {"paging": {"total": 1, "limit": 50, "offset": 0}, "results": [
            {"id": 555001, "status": "approved", "external_reference": REF,
             "transaction_amount": 3450.5, "order": {"id": 15140831325}}]},
    ),
    "refund": (
        PaymentRefund.parse,
        {"id": 9001, "payment_id": 555001, "amount": 100.25, "status": "approved",
         "date_created": "2026-12-01T11:00:00.000-03:00"},
    ),
}  # fmt: skip
PARSERS = sorted(VALID)

# -- hostile values -----------------------------------------------------------------------
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(
        ["", "NaN", "sNaN", "-Infinity", "1e999999999", "-0", "3450.50", " 7 ", "1_0", "0x10",
         "approved", "closed", "processed", "APPROVED", "١٢", "9" * 30]
    ),
)  # fmt: skip
JSON = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
WEIRD = st.one_of(
    SCALARS,
    st.sampled_from(
        [[], {}, [None], Decimal("3450.50000000000000000001"), Decimal("99.99999999999999999999"),
         Decimal("1E+400"), 15140831325.0, 1.5, -3450.5, 2**63, "opened", "expired", "rejected",
         "refunded", "partially_paid", "in_process", "charged_back"]
    ),
)  # fmt: skip


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place inside a JSON value (dict keys and list indexes)."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths(item, (*prefix, index))
    return found


@st.composite
def mutated(draw: st.DrawFn, base: Any) -> Any:
    """``base`` with one to three places removed, replaced, or (in lists) duplicated."""
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 3))):
        places = paths(data)
        if not places:
            break
        place = draw(st.sampled_from(places))
        parent = data
        for step in place[:-1]:
            parent = parent[step]
        last = place[-1]
        action = draw(st.sampled_from(["remove", "replace", "replace", "stringify", "duplicate"]))
        if action == "remove":
            del parent[last]
        elif action == "stringify":
            parent[last] = str(parent[last])
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
        else:
            parent[last] = copy.deepcopy(draw(WEIRD))  # the sampled [] and {} are shared
    return data


def check_model(model: object) -> None:
    """Amounts finite, non-negative Decimal; ids within 64 bits; nested models checked too."""
    for f in dataclasses.fields(model):  # type: ignore[arg-type]
        value = getattr(model, f.name)
        if isinstance(value, Decimal):
            assert value.is_finite() and value >= 0, (f.name, value)
        elif isinstance(value, float):
            raise AssertionError(f"{f.name} is a float")
        elif isinstance(value, int) and not isinstance(value, bool):
            assert 0 <= value <= MAX_ID, (f.name, value)
        elif isinstance(value, tuple):
            for item in value:
                if dataclasses.is_dataclass(item):
                    check_model(item)


def parse_or_refuse(name: str, data: Any) -> object | None:
    parse = VALID[name][0]
    try:
        model = parse(data)
    except errors.UnexpectedResponseError as exc:
        assert str(exc.msg), "an error without a message"
        return None
    check_model(model)
    # Whatever parsed can be compared and added up (what the verdicts and the UI do with it).
    if isinstance(model, MerchantOrder):
        assert isinstance(model.is_paid, bool) and model.approved_amount >= 0
    if isinstance(model, QrOrder):
        assert isinstance(model.is_paid, bool) and model.paid_amount >= 0
    qr_text = getattr(model, "qr_data", "") or getattr(model, "qr_code", "")
    if qr_text:  # drawn on the customer display, printed on a sticker: it must fit a symbol
        segno.make(qr_text, error="m", micro=False)
    if isinstance(model, PaymentInfo):
        assert model.refundable >= 0
    return model


@pytest.mark.parametrize("name", PARSERS)
def test_valid_answers_parse(name: str) -> None:
    assert parse_or_refuse(name, VALID[name][1]) is not None


@FAST
@given(st.sampled_from(PARSERS), JSON)
@example("merchant_order", {"id": 1, "payments": 5})  # TypeError: int is not iterable
@example("qr_order", {"id": "ORD1", "transactions": {"payments": 7}})
@example("user", {"id": float("inf")})  # OverflowError from int()
@example("merchant_order", {"id": 1e400, "status": "closed"})
@example("payment_info", {"id": 1, "transaction_amount": "sNaN"})  # InvalidOperation
def test_any_json_value_parses_or_is_refused(name: str, data: Any) -> None:
    parse_or_refuse(name, data)


@FAST
@given(st.data(), st.sampled_from(PARSERS))
def test_mutated_answers_parse_or_are_refused(data: st.DataObject, name: str) -> None:
    parse_or_refuse(name, data.draw(mutated(VALID[name][1])))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("merchant_order", {**MERCHANT_ORDER, "total_amount": float("nan")}),
        ("merchant_order", {**MERCHANT_ORDER, "total_amount": "1e999999999"}),
        ("merchant_order", {**MERCHANT_ORDER, "id": None}),
        ("merchant_order", {**MERCHANT_ORDER, "payments": [{**PAYMENT, "id": None}]}),
        ("merchant_order", {**MERCHANT_ORDER, "payments": [{**PAYMENT, "transaction_amount": -1}]}),
        ("merchant_order", {**MERCHANT_ORDER, "payments": "approved"}),
        ("merchant_order", {**MERCHANT_ORDER, "id": float(2**60 + 1)}),  # not exact
        ("payment_search", {"results": [{"status": "approved", "transaction_amount": 10}]}),
        ("user", {"id": 1.5, "site_id": "MLA"}),
        ("user", {"id": 2**64, "site_id": "MLA"}),
        ("box_order", {"total_amount": 10}),
        ("box_order", {"external_reference": None}),
        ("payment_info", {"id": 1, "transaction_amount": "3450.50000000000000000000001"}),
    ],
)
def test_answers_that_say_nothing_sure_are_refused(name: str, data: Any) -> None:
    with pytest.raises(errors.UnexpectedResponseError):
        VALID[name][0](data)


@pytest.mark.parametrize("qr_data", ["0" * 100_000, "00020101\x00", ["000201"], 42])
def test_a_dynamic_qr_that_cannot_be_drawn_is_not_kept(qr_data: Any) -> None:
    """segno raised DataOverflowError on 100 KB of text, in the customer display's paint."""
    raw = copy.deepcopy(VALID["qr_order"][1])
    raw["type_response"]["qr_data"] = qr_data
    order = QrOrder.parse(raw)
    assert order.qr_data == "" and order.is_paid  # still read: paid is paid
    box = Box.parse({**VALID["box"][1], "qr_code": qr_data})  # the box's printed sticker
    assert box.qr_code == "" and box.external_id == "CAJA01"


def test_ids_written_as_floats_or_strings_are_read_exactly() -> None:
    mo = MerchantOrder.parse({**MERCHANT_ORDER, "id": 15140831325.0})
    assert mo.id == 15140831325
    assert MerchantOrder.parse({**MERCHANT_ORDER, "id": "15140831325"}).id == 15140831325
    assert MerchantOrder.parse({**MERCHANT_ORDER, "id": Decimal("15140831325.0")}).id == mo.id


# == 2. the verdicts ==========================================================================
def _amount(value: Any) -> Decimal:
    return Decimal(str(value))


def oracle_paid(raw_orders: list[dict[str, Any]], total: Decimal) -> bool:
    """Read the raw JSON: some merchant order of the sale is ``closed``, its total positive, and
    its approved payments (each id once) add up to its total and to the sale's."""
    for mo in raw_orders:
        if mo["external_reference"] != REF or mo["status"] != "closed":
            continue
        approved = {p["id"]: _amount(p["transaction_amount"]) for p in mo["payments"]
                    if p["status"] == "approved"}  # fmt: skip
        with localcontext() as ctx:
            ctx.prec = 200
            got = sum(approved.values(), Decimal(0))
        mo_total = _amount(mo["total_amount"])
        if mo_total > 0 and got >= mo_total and got >= total:
            return True
    return False


STATUSES = st.sampled_from(["opened", "closed", "expired", "Closed", "closed ", "", "paid"])
PAY_STATUSES = st.sampled_from(
    ["approved", "rejected", "pending", "in_process", "refunded", "charged_back", "APPROVED", ""]
)
AMOUNTS = st.one_of(
    st.decimals(min_value=0, max_value=10_000, places=2),
    st.sampled_from(
        [Decimal("50"), Decimal("100"), Decimal("99.99999999999999999999"),
         Decimal("100.00000000000000000001"), Decimal("0.30000000000000004")]
    ),
)  # fmt: skip
AS_JSON = st.sampled_from([lambda d: d, str, float, lambda d: format(d, "f")])


@st.composite
def raw_merchant_orders(draw: st.DrawFn) -> list[dict[str, Any]]:
    orders = []
    for mo_id in draw(st.lists(st.integers(1, 6), max_size=4)):
        payments = []
        for pay_id in draw(st.lists(st.integers(1, 4), max_size=4)):  # repeated ids: duplicates
            amount = draw(AMOUNTS)
            payments.append(
                {"id": pay_id, "status": draw(PAY_STATUSES),
                 "transaction_amount": draw(AS_JSON)(amount)}
            )  # fmt: skip
        orders.append(
            {"id": mo_id, "status": draw(STATUSES),
             "external_reference": draw(st.sampled_from([REF, REF, "OTHER", REF.lower()])),
             "total_amount": draw(AS_JSON)(draw(AMOUNTS)), "payments": payments}
        )  # fmt: skip
    return orders


@FAST
@given(raw_merchant_orders(), AMOUNTS)
@example(  # one approved payment listed twice: half the money, shown paid
    [{"id": 1, "status": "closed", "external_reference": REF, "total_amount": 100,
      "payments": [{"id": 7, "status": "approved", "transaction_amount": 50}] * 2}],
    Decimal(100),
)  # fmt: skip
@example(  # 99.999...9 (29 nines) added at 28 digits became 100
    [{"id": 1, "status": "closed", "external_reference": REF, "total_amount": 100,
      "payments": [{"id": 7, "status": "approved",
                    "transaction_amount": Decimal("99.99999999999999999999")},
                   {"id": 8, "status": "approved",
                    "transaction_amount": Decimal("0.000000000000000000009")}]}],
    Decimal(100),
)  # fmt: skip
def test_paid_only_when_the_merchant_orders_say_so(raw: list[Any], total: Decimal) -> None:
    # One merchant order per id (a search deduplicates); the last one read wins, as in the app.
    by_id = {mo["id"]: mo for mo in raw}
    parsed = []
    for mo in by_id.values():
        try:
            parsed.append(MerchantOrder.parse(mo))
        except errors.UnexpectedResponseError:
            return  # an unreadable answer is an error before any verdict (the sale stays open)
    verdict = evaluate(parsed, REF, total)
    assert verdict.paid == oracle_paid(list(by_id.values()), total)
    assert len(set(verdict.approved_payment_ids)) == len(verdict.approved_payment_ids)
    if verdict.paid:
        assert verdict.paid_amount >= total and verdict.paid_orders >= 1
    else:
        assert verdict.paid_amount == 0 and verdict.paid_orders == 0


def test_a_rejected_payment_leaves_the_order_open_and_the_customer_may_retry() -> None:
    rejected = {**PAYMENT, "status": "rejected", "status_detail": "cc_rejected_other_reason"}
    mo = MerchantOrder.parse({**MERCHANT_ORDER, "status": "opened", "payments": [rejected]})
    verdict = evaluate([mo], REF, Decimal("3450.50"))
    assert not verdict.paid and verdict.last_attempt_rejected and verdict.partially_paid is None


def test_one_payment_in_two_merchant_orders_is_paid_once() -> None:
    """Two closed merchant orders listing the same approved payment: paid once, for the money
    received once. It said "PAID 2 TIMES: refund the extra payments" and recorded twice the
    amount. Two payments of their own are still paid twice."""
    first = MerchantOrder.parse(MERCHANT_ORDER)
    again = MerchantOrder.parse({**MERCHANT_ORDER, "id": MERCHANT_ORDER["id"] + 1})
    verdict = evaluate([first, again], REF, Decimal("3450.50"))
    assert verdict.paid and verdict.paid_orders == 1
    assert verdict.paid_amount == Decimal("3450.5")
    assert verdict.approved_payment_ids == (PAYMENT["id"],)
    other = {**PAYMENT, "id": PAYMENT["id"] + 1}
    twice = MerchantOrder.parse(
        {**MERCHANT_ORDER, "id": MERCHANT_ORDER["id"] + 2, "payments": [other]}
    )
    verdict = evaluate([first, twice], REF, Decimal("3450.50"))
    assert verdict.paid and verdict.paid_orders == 2
    assert verdict.paid_amount == Decimal("6901.0")


def test_a_partial_payment_is_pending_and_told() -> None:
    half = {**PAYMENT, "transaction_amount": 1725.25}
    mo = MerchantOrder.parse({**MERCHANT_ORDER, "status": "opened", "payments": [half]})
    verdict = evaluate([mo], REF, Decimal("3450.50"))
    assert not verdict.paid and verdict.partially_paid == Decimal("1725.25")


QR_STATUSES = st.sampled_from(
    ["created", "processed", "refunded", "canceled", "expired", "failed", "action_required", ""]
)


@st.composite
def raw_qr_orders(draw: st.DrawFn) -> dict[str, Any]:
    payments = []
    for pay in draw(st.lists(st.sampled_from(["PAY1", "PAY2", ""]), max_size=3)):
        entry: dict[str, Any] = {"id": pay, "status": draw(QR_STATUSES)}
        entry["amount"] = draw(AS_JSON)(draw(AMOUNTS))
        if draw(st.booleans()):
            entry["paid_amount"] = draw(st.one_of(st.just(0), AMOUNTS.map(draw(AS_JSON))))
        payments.append(entry)
    return {"id": "ORD01", "status": draw(QR_STATUSES),
            "external_reference": draw(st.sampled_from([REF, "OTHER"])),
            "total_amount": draw(AS_JSON)(draw(AMOUNTS)), "transactions": {"payments": payments}}  # fmt: skip


def oracle_order_paid(raw: dict[str, Any], total: Decimal) -> bool:
    if raw["external_reference"] != REF or raw["status"] not in ("processed", "refunded"):
        return False
    got: dict[str, Decimal] = {}
    for p in raw["transactions"]["payments"]:
        if p["id"] and p["status"] in ("processed", "refunded"):
            got[p["id"]] = _amount(p["paid_amount"] if "paid_amount" in p else p["amount"])
    with localcontext() as ctx:
        ctx.prec = 200
        money = sum(got.values(), Decimal(0))
    order_total = _amount(raw["total_amount"])
    return order_total > 0 and money >= order_total and money >= total


@FAST
@given(raw_qr_orders(), AMOUNTS)
@example(  # paid_amount 0 fell back to "amount": a payment of nothing counted in full
    {"id": "ORD01", "status": "processed", "external_reference": REF, "total_amount": "100.00",
     "transactions": {"payments": [{"id": "PAY1", "status": "processed", "amount": "100.00",
                                    "paid_amount": 0}]}},
    Decimal(100),
)  # fmt: skip
@example(  # the same payment listed twice
    {"id": "ORD01", "status": "processed", "external_reference": REF, "total_amount": "100.00",
     "transactions": {"payments": [{"id": "PAY1", "status": "processed", "amount": "50.00"}] * 2}},
    Decimal(100),
)  # fmt: skip
def test_an_order_is_paid_only_when_it_says_so(raw: dict[str, Any], total: Decimal) -> None:
    try:
        order = QrOrder.parse(raw)
    except errors.UnexpectedResponseError:
        return
    verdict = evaluate_order(order, REF, total)
    assert verdict.paid == oracle_order_paid(raw, total)
    assert len(set(verdict.payment_refs)) == len(verdict.payment_refs)
    assert "" not in verdict.payment_refs


# == 3. the client against what is not Mercado Pago's JSON ===================================
ARS = site_for("MLA")
NO_RETRY = RetryPolicy(max_attempts=1, base_delay=0, max_delay=0, total_budget=0)


def call(
    handler: Callable[[httpx.Request], httpx.Response], method: str = "get_merchant_order"
) -> Any:
    async def go() -> Any:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
            client = MercadoPagoClient(
                http, AccessToken(TOKEN), base_url="https://api.mercadopago.com", retry=NO_RETRY
            )
            calls: dict[str, Callable[[], Any]] = {
                "get_me": client.get_me,
                "get_merchant_order": lambda: client.get_merchant_order(15140831325),
                "search_merchant_orders": lambda: client.search_merchant_orders(REF),
                "get_box_order": lambda: client.get_box_order(123456789, "CAJA01"),
                "get_qr_order": lambda: client.get_qr_order("ORD01JD0000000000000000000000"),
                "get_payment": lambda: client.get_payment(555001),
                "list_refunds": lambda: client.list_refunds(555001),
            }
            return await calls[method]()

    return asyncio.run(go())


CALLS = ["get_me", "get_merchant_order", "search_merchant_orders", "get_box_order",
         "get_qr_order", "get_payment"]  # fmt: skip
HTML = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
BODIES = {
    "html with 200": (200, HTML, "text/html"),
    "truncated json": (200, json.dumps(MERCHANT_ORDER).encode()[:-7], "application/json"),
    "not json": (200, b"OK", "text/plain"),
    "empty 200": (200, b"", "application/json"),
    "204": (204, b"", ""),
    "json null": (200, b"null", "application/json"),
    "deeply nested": (200, b"[" * 100_000 + b"]" * 100_000, "application/json"),
    "huge junk": (200, b"x" * 5_000_000, "application/octet-stream"),
    "binary": (200, bytes(range(256)) * 4, "application/json"),
    "redirect to a captive portal": (302, b"", "text/html"),
    "a proxy's 400 page": (400, HTML, "text/html"),
    "a firewall's 403 page": (403, HTML, "text/html"),
    "a proxy's 404 page": (404, HTML, "text/html"),
    "a proxy's 407": (407, b"", ""),
    "409 in plain text": (409, b"Conflict", "text/plain"),
    "html with 200 and a redirect": (301, HTML, "text/html"),
}


@pytest.mark.parametrize("body", sorted(BODIES))
@pytest.mark.parametrize("method", CALLS)
def test_a_body_that_is_not_an_answer_is_an_unexpected_response(method: str, body: str) -> None:
    status, content, content_type = BODIES[body]
    headers = {"Content-Type": content_type} if content_type else {}
    if body == "redirect to a captive portal":
        headers["Location"] = "http://login.example/"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=content, headers=headers)

    with pytest.raises(errors.UnexpectedResponseError) as caught:
        call(handler, method)
    # Read by the engine as trouble to show (the sale stays open), never a refusal or a crash.
    assert str(caught.value.msg) and TOKEN not in str(caught.value.msg)


def test_a_refund_answered_by_a_proxy_page_is_unconfirmed_not_refused() -> None:
    """A refusal settles the refund as refused (another may be made); a proxy's 400 page may
    hide one that was made: unreadable, so the refund stays pending and is checked first."""

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, content=HTML, headers={"Content-Type": "text/html"})

    async def go() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
            client = MercadoPagoClient(
                http, AccessToken(TOKEN), base_url="https://api.mercadopago.com", retry=NO_RETRY
            )
            with pytest.raises(errors.UnexpectedResponseError):
                await client.refund_payment(555001, None, idempotency_key="k", site=ARS)
            with pytest.raises(errors.UnexpectedResponseError):
                await client.refund_qr_order("ORD01", idempotency_key="k")

    asyncio.run(go())


def test_a_delete_answered_404_is_done_whatever_the_body() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, content=b"Not Found")

    async def go() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
            client = MercadoPagoClient(
                http, AccessToken(TOKEN), base_url="https://api.mercadopago.com", retry=NO_RETRY
            )
            await client.delete_box_order(123456789, "CAJA01")

    asyncio.run(go())


def test_a_good_answer_with_a_wrong_content_type_is_read() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=json.dumps(MERCHANT_ORDER).encode())

    assert call(handler).is_paid


def test_only_a_404_means_nothing_on_the_box() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, json={"error": "point_of_sale_in_store_order_not_found"})

    assert call(handler, "get_box_order") is None


@FAST
@given(
    st.sampled_from([400, 401, 403, 404, 405, 407, 409, 418, 422, 429, 500, 502, 503, 599]),
    st.sampled_from(["message", "error", "cause", "errors"]),
    st.text(max_size=320),
    st.sampled_from(["get_merchant_order", "get_box_order", "get_me"]),
)
@example(400, "message", "x" * 290, "get_merchant_order")  # a token cut at 300 characters
def test_the_token_is_in_no_error_text(status: int, field: str, junk: str, method: str) -> None:
    echoed = f"{junk} Authorization: Bearer {TOKEN}"
    envelope: dict[str, Any] = {
        "message": echoed,
        "error": echoed,
        "status": status,
        "cause": [{"code": echoed, "description": echoed}],
        "errors": [{"code": echoed, "message": echoed}],
    }
    envelope = {field: envelope[field], "status": status}

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json=envelope)

    try:
        call(handler, method)
    except errors.MercadoPagoError as exc:
        texts = [
            str(exc.msg),
            exc.key,
            str(exc),
            *getattr(exc, "causes", ()),
            getattr(exc, "detail", ""),
        ]
        for text in texts:
            assert TOKEN not in text and TOKEN[:40] not in text, text
    else:
        assert method == "get_box_order" and status == 404


def test_an_endless_or_huge_body_is_cut_short() -> None:
    """A proxy streaming forever (or a gzip bomb) costs at most MAX_BODY bytes, then an error."""
    sent = 0

    async def endless() -> AsyncIterator[bytes]:
        nonlocal sent
        chunk = b"[" + b"0," * 512 * 1024
        while True:
            sent += len(chunk)
            yield chunk

    def streaming(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=endless())

    with pytest.raises(errors.UnexpectedResponseError):
        call(streaming)
    assert MAX_BODY <= sent <= MAX_BODY + 2 * 1024 * 1024

    good = json.dumps(MERCHANT_ORDER).encode()
    bomb = gzip.compress(good + b" " * MAX_BODY)  # some 16 KB that inflate past the limit

    def inflating(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=bomb, headers={"Content-Encoding": "gzip"})

    with pytest.raises(errors.UnexpectedResponseError):
        call(inflating)

    def declared(request: httpx.Request) -> httpx.Response:
        headers = {"Content-Length": str(MAX_BODY + 1)}
        return httpx.Response(200, content=good, headers=headers)

    with pytest.raises(errors.UnexpectedResponseError):
        call(declared)
