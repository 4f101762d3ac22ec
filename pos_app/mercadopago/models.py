"""Typed, frozen views of Mercado Pago's JSON, parsed defensively.

Mercado Pago's documented schemas and its answers do not always agree (``elements: null``, an
array documented where an object comes back), so every parser tolerates missing or null fields
and keeps amounts as ``Decimal``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Context, Decimal, Inexact, InvalidOperation, Overflow, localcontext
from typing import Any

from pos_app.domain.money import Site, quantize, to_api_number
from pos_app.mercadopago.errors import UnexpectedResponseError, unexpected

Json = Mapping[str, Any]


# Bounds of what Mercado Pago can mean by an amount or an id. Anything outside is an answer the
# app cannot read (an error, never a guess): a NaN or an infinite amount, a negative payment, a
# total of 10^400, an amount finer than 10^-20, an id that does not fit a 64-bit integer.
MAX_AMOUNT = Decimal("1e15")
_MIN_EXPONENT = -20
MAX_ID = 2**63 - 1
# Sums of amounts are exact (the default context rounds at 28 digits: 99.999...9 with 29 nines
# would add up to 100 and pay a sale of 100).
_EXACT = Context(prec=100, traps=[InvalidOperation, Overflow, Inexact])


def _dec(value: Any, what: str = "amount") -> Decimal:
    """A non-negative, finite, bounded amount; missing (``None``, ``""``) is 0, anything else
    that is not such a number raises :func:`unexpected`."""
    if value is None or value == "":
        return Decimal(0)
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise unexpected(f"{what} is not a number")
    if isinstance(value, int) and not 0 <= value < MAX_AMOUNT:
        raise unexpected(f"{what} is out of range")
    try:
        amount = Decimal(str(value).strip() if isinstance(value, str) else str(value))
    except (InvalidOperation, ValueError):
        raise unexpected(f"{what} is not a number") from None
    if not amount.is_finite() or not 0 <= amount < MAX_AMOUNT:
        raise unexpected(f"{what} is out of range")
    if int(amount.as_tuple().exponent) < _MIN_EXPONENT:
        raise unexpected(f"{what} has too many decimals")
    return amount


def amount_sum(amounts: Iterable[Decimal]) -> Decimal:
    """The exact sum of parsed amounts."""
    with localcontext(_EXACT):
        return sum(amounts, Decimal(0))


def _str(value: Any) -> str:
    return "" if value is None else str(value)


def _int(value: Any) -> int:
    """A count or an id: a whole number from 0 to :data:`MAX_ID` (also written as a string or
    as a float without a fraction); 0 for anything else."""
    if isinstance(value, bool):
        return 0
    number: int
    if isinstance(value, int):
        number = value
    elif isinstance(value, Decimal):
        if not value.is_finite() or abs(value) > MAX_ID or value % 1:
            return 0
        number = int(value)
    elif isinstance(value, float):
        # Above 2**53 a float is no longer exact: its id would be some other one.
        if not math.isfinite(value) or abs(value) > 2**53 or not value.is_integer():
            return 0
        number = int(value)
    elif isinstance(value, str):
        text = value.strip()
        if not (text.isascii() and text.isdigit() and len(text) <= 19):
            return 0
        number = int(text)
    else:
        return 0
    return number if 0 <= number <= MAX_ID else 0


def _id(value: Any, what: str) -> int:
    """A required id: a positive whole number, else :func:`unexpected`."""
    number = _int(value)
    if number <= 0:
        raise unexpected(f"{what} without a valid id")
    return number


def _list(value: Any, what: str) -> list[Any]:
    """A list that may be missing or null (then empty); anything else is unreadable."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise unexpected(f"{what} is not a list")
    return value


def _obj(value: Any) -> Json:
    return value if isinstance(value, Mapping) else {}


def _require_obj(value: Any, what: str) -> Json:
    if not isinstance(value, Mapping):
        raise unexpected(f"{what} is not an object")
    return value


# An EMVCo payload is at most 512 characters (EMV QR Code Specification for Payment Systems).
MAX_QR_TEXT = 512


def _qr_text(value: Any) -> str:
    """A dynamic QR's text, or "" (none to show) when it cannot be one: not text, longer than
    an EMVCo payload (a QR symbol cannot even hold 100 KB), or with control characters. The
    order is still read: whether it was paid does not depend on it."""
    if not isinstance(value, str) or len(value) > MAX_QR_TEXT or not value.isprintable():
        return ""
    return value


@dataclass(frozen=True)
class User:
    id: int
    nickname: str
    site_id: str
    country_id: str
    email: str
    is_test_user: bool

    @classmethod
    def parse(cls, data: Any) -> User:
        d = _require_obj(data, "users/me")
        tags = d.get("tags") or []
        return cls(
            id=_id(d.get("id"), "users/me"),
            nickname=_str(d.get("nickname")),
            site_id=_str(d.get("site_id")).upper(),
            country_id=_str(d.get("country_id")),
            email=_str(d.get("email")),
            is_test_user="test_user" in tags if isinstance(tags, list) else False,
        )


@dataclass(frozen=True)
class Store:
    id: int
    name: str
    external_id: str
    address_line: str = ""

    @classmethod
    def parse(cls, data: Any) -> Store:
        d = _require_obj(data, "store")
        return cls(
            id=_int(d.get("id")),
            name=_str(d.get("name")),
            external_id=_str(d.get("external_id")),
            address_line=_str(_obj(d.get("location")).get("address_line")),
        )


@dataclass(frozen=True)
class Box:
    """A point of sale ("caja") with its static QR."""

    id: int
    name: str
    external_id: str
    store_id: int
    external_store_id: str
    fixed_amount: bool
    category: int | None = None
    qr_code: str = ""
    qr_image_url: str = ""
    status: str = ""

    @classmethod
    def parse(cls, data: Any) -> Box:
        d = _require_obj(data, "pos")
        qr = _obj(d.get("qr"))
        category = d.get("category")
        return cls(
            id=_int(d.get("id")),
            name=_str(d.get("name")),
            external_id=_str(d.get("external_id")),
            store_id=_int(d.get("store_id")),
            external_store_id=_str(d.get("external_store_id")),
            fixed_amount=bool(d.get("fixed_amount")),
            category=_int(category) if category not in (None, "") else None,
            qr_code=_qr_text(d.get("qr_code")),  # printed as the box's sticker
            qr_image_url=_str(qr.get("image")),
            status=_str(d.get("status")),
        )


@dataclass(frozen=True)
class OrderItem:
    """One line of an order sent to a box. Amounts already valid for the site."""

    title: str
    unit_price: Decimal
    quantity: int
    unit_measure: str = "unit"
    sku_number: str = ""
    category: str = ""
    description: str = ""

    @property
    def total_amount(self) -> Decimal:
        return self.unit_price * self.quantity


@dataclass(frozen=True)
class BoxOrderRequest:
    """The body of ``PUT .../pos/{box}/orders``."""

    external_reference: str
    title: str
    total_amount: Decimal
    items: Sequence[OrderItem]
    expiration_date: datetime
    description: str = ""
    notification_url: str = ""
    sponsor_id: int | None = None
    iva_total: Decimal | None = None  # Colombia only: total IVA contained, an integer amount


@dataclass(frozen=True)
class BoxOrder:
    """The order currently on a box, as Mercado Pago gives it back."""

    external_reference: str
    total_amount: Decimal
    title: str

    @classmethod
    def parse(cls, data: Any) -> BoxOrder:
        # The schema says array, answers are objects: accept both.
        if isinstance(data, list):
            if not data:
                raise unexpected("empty box order list")
            data = data[0]
        d = _require_obj(data, "box order")
        reference = d.get("external_reference")
        if not isinstance(reference, str) or not reference:
            raise unexpected("box order without an external reference")
        return cls(
            external_reference=reference,
            total_amount=_dec(d.get("total_amount")),
            title=_str(d.get("title")),
        )


@dataclass(frozen=True)
class Payment:
    id: int
    status: str
    status_detail: str
    transaction_amount: Decimal
    total_paid_amount: Decimal
    currency_id: str
    date_approved: str = ""

    @property
    def approved(self) -> bool:
        return self.status == "approved"

    @classmethod
    def parse(cls, data: Any) -> Payment:
        d = _require_obj(data, "payment")
        return cls(
            id=_id(d.get("id"), "payment"),
            status=_str(d.get("status")),
            status_detail=_str(d.get("status_detail")),
            transaction_amount=_dec(d.get("transaction_amount")),
            total_paid_amount=_dec(d.get("total_paid_amount")),
            currency_id=_str(d.get("currency_id")),
            date_approved=_str(d.get("date_approved")),
        )


@dataclass(frozen=True)
class PaymentInfo:
    """``GET /v1/payments/{id}``: what a payment notification needs to find its sale."""

    id: int
    status: str
    external_reference: str
    merchant_order_id: int | None
    # Refunds (§8): what was paid, what went back, and when it was approved.
    transaction_amount: Decimal = Decimal(0)
    transaction_amount_refunded: Decimal = Decimal(0)
    status_detail: str = ""
    date_approved: str = ""

    @property
    def refundable(self) -> Decimal:
        """What is left to refund (0 once wholly refunded)."""
        with localcontext(_EXACT):
            return max(Decimal(0), self.transaction_amount - self.transaction_amount_refunded)

    @classmethod
    def parse(cls, data: Any) -> PaymentInfo:
        d = _require_obj(data, "payment")
        order = _obj(d.get("order"))
        mo_id = _int(order.get("id")) or None
        return cls(
            id=_int(d.get("id")),
            status=_str(d.get("status")),
            external_reference=_str(d.get("external_reference")),
            merchant_order_id=mo_id,
            transaction_amount=_dec(d.get("transaction_amount")),
            transaction_amount_refunded=_dec(d.get("transaction_amount_refunded")),
            status_detail=_str(d.get("status_detail")),
            date_approved=_str(d.get("date_approved")),
        )


@dataclass(frozen=True)
class MerchantOrder:
    id: int
    status: str  # opened | closed | expired
    order_status: str
    external_reference: str
    total_amount: Decimal
    paid_amount: Decimal
    payments: tuple[Payment, ...] = field(default_factory=tuple)
    date_created: str = ""
    last_updated: str = ""

    @property
    def approved_payments(self) -> tuple[Payment, ...]:
        """Approved payments, each counted once (an answer may list one twice)."""
        return tuple({p.id: p for p in self.payments if p.approved}.values())

    @property
    def approved_amount(self) -> Decimal:
        return amount_sum(p.transaction_amount for p in self.approved_payments)

    @property
    def is_paid(self) -> bool:
        """Only ``closed`` with approved payments covering the total means paid."""
        return self.status == "closed" and self.approved_amount >= self.total_amount > 0

    @classmethod
    def parse(cls, data: Any) -> MerchantOrder:
        d = _require_obj(data, "merchant order")
        payments = _list(d.get("payments"), "merchant order payments")
        return cls(
            id=_id(d.get("id"), "merchant order"),
            status=_str(d.get("status")),
            order_status=_str(d.get("order_status")),
            external_reference=_str(d.get("external_reference")),
            total_amount=_dec(d.get("total_amount")),
            paid_amount=_dec(d.get("paid_amount")),
            payments=tuple(Payment.parse(p) for p in payments if isinstance(p, Mapping)),
            date_created=_str(d.get("date_created")),
            last_updated=_str(d.get("last_updated")),
        )


@dataclass(frozen=True)
class SearchPage:
    elements: tuple[MerchantOrder, ...]
    total: int
    next_offset: int

    @classmethod
    def parse(cls, data: Any) -> SearchPage:
        d = _require_obj(data, "merchant order search")
        elements = d.get("elements")  # null (not []) before anyone scans
        if elements is not None and not isinstance(elements, list):
            raise unexpected("elements is not a list")
        return cls(
            elements=tuple(MerchantOrder.parse(e) for e in elements or []),
            total=_int(d.get("total")),
            next_offset=_int(d.get("next_offset")),
        )


@dataclass(frozen=True)
class StoreRequest:
    name: str
    external_id: str
    street_name: str
    street_number: str
    city_name: str
    state_name: str
    latitude: float
    longitude: float
    reference: str = ""
    business_hours: Mapping[str, Sequence[Mapping[str, str]]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "name": self.name,
            "external_id": self.external_id,
            "location": {
                "street_number": self.street_number,
                "street_name": self.street_name,
                "city_name": self.city_name,
                "state_name": self.state_name,
                "latitude": self.latitude,
                "longitude": self.longitude,
                "reference": self.reference,
            },
        }
        if self.business_hours:
            body["business_hours"] = {k: list(v) for k, v in self.business_hours.items()}
        return body


@dataclass(frozen=True)
class BoxRequest:
    name: str
    external_id: str
    store_id: int
    external_store_id: str
    category: int | None = None

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "name": self.name,
            "fixed_amount": True,  # the attended model needs it (loading screen before the order)
            "store_id": self.store_id,
            "external_store_id": self.external_store_id,
            "external_id": self.external_id,
        }
        if self.category is not None:
            body["category"] = self.category
        return body


def box_order_body(order: BoxOrderRequest, site: Site) -> dict[str, Any]:
    """The JSON body for ``order``; amounts become JSON numbers here and nowhere else."""
    items = []
    for item in order.items:
        entry: dict[str, Any] = {
            "title": item.title,
            "unit_price": to_api_number(item.unit_price, site),
            "quantity": item.quantity,
            "unit_measure": item.unit_measure,
            "total_amount": to_api_number(item.total_amount, site),
        }
        if item.sku_number:
            entry["sku_number"] = item.sku_number
        if item.category:
            entry["category"] = item.category
        if item.description:
            entry["description"] = item.description
        items.append(entry)
    body: dict[str, Any] = {
        "external_reference": order.external_reference,
        "title": order.title,
        "total_amount": to_api_number(order.total_amount, site),
        "items": items,
        "expiration_date": format_mp_datetime(order.expiration_date),
    }
    if order.description:
        body["description"] = order.description
    if order.notification_url:
        body["notification_url"] = order.notification_url
    if order.sponsor_id is not None:
        body["sponsor"] = {"id": order.sponsor_id}
    if order.iva_total is not None:
        body["taxes"] = [{"type": "IVA", "value": int(order.iva_total)}]
    return body


def format_mp_datetime(moment: datetime) -> str:
    """ISO-8601 with milliseconds and offset, as Mercado Pago writes it."""
    if moment.tzinfo is None:
        raise ValueError("expiration dates must be timezone-aware")
    text = moment.isoformat(timespec="milliseconds")
    return text


# -- the Orders API (``/v1/orders``, notes §7) -------------------------------------------------
QR_MODES = ("static", "dynamic", "hybrid")
# Statuses of an order, and of its payments, that mean money came in (a refund came later).
_PAID_STATUSES = ("processed", "refunded")


def to_api_string(amount: Decimal, site: Site) -> str:
    """An Orders API amount: a string with two decimals (``"1500.00"``), none for CLP/COP."""
    q = quantize(amount, site)
    return f"{q:.{site.decimals}f}"


def iso_duration(seconds: float) -> str:
    """``PT10M``-style duration, whole seconds, within the Orders API's bounds for QR."""
    whole = max(30, min(int(seconds), 3600 * 3600))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return text + (f"{secs}S" if secs or text == "PT" else "")


def qr_order_body(
    order: BoxOrderRequest, site: Site, *, external_pos_id: str, mode: str, ttl_seconds: float
) -> dict[str, Any]:
    """The body of ``POST /v1/orders`` for a QR order.

    Only fixed parts of the sale go in (never "time left"), so a retry after a crash sends the
    very same body and Mercado Pago's idempotency gives the same order back. Colombia: the IVA
    contained goes in ``taxes`` as an amount string (see README, "Orders API").
    """
    total = to_api_string(order.total_amount, site)
    items = []
    for item in order.items:
        entry: dict[str, Any] = {
            "title": item.title,
            "unit_price": to_api_string(item.unit_price, site),
            "quantity": item.quantity,
            "unit_measure": item.unit_measure,
        }
        if item.sku_number:
            entry["external_code"] = item.sku_number
        items.append(entry)
    body: dict[str, Any] = {
        "type": "qr",
        "external_reference": order.external_reference,
        "description": (order.title or order.description)[:150],
        "total_amount": total,
        "expiration_time": iso_duration(ttl_seconds),
        "config": {"qr": {"external_pos_id": external_pos_id, "mode": mode}},
        "transactions": {"payments": [{"amount": total}]},
        "items": items,
    }
    if order.iva_total is not None:
        body["taxes"] = [{"type": "IVA", "value": to_api_string(order.iva_total, site)}]
    return body


@dataclass(frozen=True)
class QrPayment:
    id: str  # PAY...
    status: str  # created | processed | failed | refunded | ...
    status_detail: str
    amount: Decimal
    paid_amount: Decimal
    refunded_amount: Decimal = Decimal(0)

    @property
    def money_in(self) -> bool:
        return self.status in _PAID_STATUSES

    @classmethod
    def parse(cls, data: Any) -> QrPayment:
        d = _obj(data)
        # ``paid_amount`` when sent (a 0 is 0, not "see amount"), else ``amount``.
        paid = d.get("paid_amount")
        return cls(
            id=_str(d.get("id")),
            status=_str(d.get("status")),
            status_detail=_str(d.get("status_detail")),
            amount=_dec(d.get("amount")),
            paid_amount=_dec(d.get("amount") if paid is None else paid),
            refunded_amount=_dec(d.get("refunded_amount")),
        )


@dataclass(frozen=True)
class QrRefund:
    """A refund an Orders API order lists in ``transactions.refunds`` (MP's notes show no such
    list for QR; read when present): its own id, and the payment it gave back through."""

    id: str
    transaction_id: str
    amount: Decimal
    status: str

    @classmethod
    def parse(cls, data: Any) -> QrRefund:
        d = _obj(data)
        return cls(
            id=_str(d.get("id")),
            transaction_id=_str(d.get("transaction_id")),
            amount=_dec(d.get("amount")),
            status=_str(d.get("status")),
        )


def _readable_refund(data: Any) -> QrRefund | None:
    """One listed refund, or None when it cannot be read (it only names the refund)."""
    if not isinstance(data, Mapping):
        return None
    try:
        return QrRefund.parse(data)
    except UnexpectedResponseError:
        return None


@dataclass(frozen=True)
class QrOrder:
    """An Orders API order, as ``POST /v1/orders`` and ``GET /v1/orders/{id}`` give it."""

    id: str  # ORD...
    status: str  # created | processed | canceled | expired | refunded | failed | ...
    status_detail: str
    external_reference: str
    total_amount: Decimal
    qr_data: str = ""
    payments: tuple[QrPayment, ...] = ()
    refunds: tuple[QrRefund, ...] = ()

    @property
    def paid_payments(self) -> tuple[QrPayment, ...]:
        """Payments that brought money in, each counted once; one without an id is not."""
        return tuple({p.id: p for p in self.payments if p.money_in and p.id}.values())

    @property
    def paid_amount(self) -> Decimal:
        return amount_sum(p.paid_amount for p in self.paid_payments)

    @property
    def is_paid(self) -> bool:
        """Processed (or refunded since) with payments covering the total; nothing else."""
        return self.status in _PAID_STATUSES and self.paid_amount >= self.total_amount > 0

    @classmethod
    def parse(cls, data: Any) -> QrOrder:
        d = _require_obj(data, "order")
        transactions = _obj(d.get("transactions"))
        payments = _list(transactions.get("payments"), "order payments")
        order_id = _str(d.get("id"))
        if not order_id:
            raise unexpected("order without an id")
        # Undocumented for QR: a list in another shape is ignored, never a failed read (a
        # refund made whose answer cannot be read would stay unconfirmed for ever).
        refunds = transactions.get("refunds")
        if not isinstance(refunds, list):
            refunds = []
        return cls(
            id=order_id,
            status=_str(d.get("status")),
            status_detail=_str(d.get("status_detail")),
            external_reference=_str(d.get("external_reference")),
            total_amount=_dec(d.get("total_amount")),
            qr_data=_qr_text(_obj(d.get("type_response")).get("qr_data")),
            payments=tuple(QrPayment.parse(p) for p in payments if isinstance(p, Mapping)),
            refunds=tuple(r for r in map(_readable_refund, refunds) if r is not None),
        )


@dataclass(frozen=True)
class FoundPayment:
    """One payment of ``GET /v1/payments/search`` (what a day's reconciliation compares)."""

    id: int
    status: str
    external_reference: str
    transaction_amount: Decimal
    date_created: str
    date_approved: str
    store_id: int
    pos_id: int
    merchant_order_id: int | None

    @classmethod
    def parse(cls, data: Any) -> FoundPayment:
        d = _require_obj(data, "payment")
        order = _obj(d.get("order"))
        return cls(
            # Payments are told apart by id (pages overlap): one without an id is unreadable.
            id=_id(d.get("id"), "payment"),
            status=_str(d.get("status")),
            external_reference=_str(d.get("external_reference")),
            transaction_amount=_dec(d.get("transaction_amount")),
            date_created=_str(d.get("date_created")),
            date_approved=_str(d.get("date_approved")),
            store_id=_int(d.get("store_id")),
            pos_id=_int(d.get("pos_id")),
            merchant_order_id=_int(order.get("id")) or None,
        )


@dataclass(frozen=True)
class PaymentSearchPage:
    results: tuple[FoundPayment, ...]
    total: int
    offset: int
    limit: int

    @classmethod
    def parse(cls, data: Any) -> PaymentSearchPage:
        d = _require_obj(data, "payment search")
        results = d.get("results")
        if results is not None and not isinstance(results, list):
            raise unexpected("results is not a list")
        paging = _obj(d.get("paging"))
        return cls(
            results=tuple(FoundPayment.parse(p) for p in results or []),
            total=_int(paging.get("total")),
            offset=_int(paging.get("offset")),
            limit=_int(paging.get("limit")),
        )
