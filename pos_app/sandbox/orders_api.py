"""The Orders API for QR (notes §7): ``/v1/orders`` create, read, cancel, refund.

Faithful to the traps the notes list: amounts are strings (two decimals, none for CLP/COP),
``title`` at the root and ``items[].total_amount``/``currency_id`` are refused, the payment
must equal the total, the reference is letters, digits and ``_`` only, the expiration is an
ISO-8601 duration between PT30S and 3600 h (default 15 minutes). ``X-Idempotency-Key`` is
required on every write: the same key with the same body gives the original order back, with
another body 409 ``idempotency_key_already_used``. Cancel only while ``created``; refunds total
(empty body) or partial (``transactions``). Every status change queues a signed ``order``
webhook to the URL set through ``/_sandbox/webhooks``.

Colombia: the IVA contained goes in ``taxes: [{"type": "IVA", "value": "<whole amount>"}]``,
a string like every Orders API amount, at most the total (the app's choice; see the README).
"""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pos_app.sandbox.auth import authenticate, json_body, sandbox_state
from pos_app.sandbox.emv import order_qr_text
from pos_app.sandbox.errors import ApiError, bad_request
from pos_app.sandbox.jsonutil import JSONResponse
from pos_app.sandbox.models import Box, site
from pos_app.sandbox.orders_api_model import (
    ApiOrder,
    ApiPayment,
    IdempotentWrite,
    OrdersBook,
    OrderWebhook,
    fingerprint,
)
from pos_app.sandbox.views import iso

if TYPE_CHECKING:
    from pos_app.sandbox.state import SandboxState

MODES = ("static", "dynamic", "hybrid")
_REFERENCE = re.compile(r"[A-Za-z0-9_]{1,64}")
_ORDER_ID = re.compile(r"ORD[A-Z0-9]{26}")
# [0-9], not \d: \d is any script's digit ("٣٤٥٠.٥٠" was an amount, and Decimal reads it).
_DURATION = re.compile(r"P(?:([0-9]+)D)?T?(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+)S)?")
_MIN_TTL, _MAX_TTL = timedelta(seconds=30), timedelta(hours=3600)
_DEFAULT_TTL = "PT15M"
_ROOT_FIELDS = {
    "type",
    "external_reference",
    "description",
    "total_amount",
    "expiration_time",
    "config",
    "transactions",
    "items",
    "taxes",
    "processing_mode",
    "marketplace",
}
_ITEM_FIELDS = {"title", "unit_price", "quantity", "unit_measure", "external_code"}
# "failed": the payment refused for good and the order ended with it (``status: failed``, a
# status the notes give other products; emulated so a till's handling of it can be tested).
OUTCOMES = ("approved", "rejected", "failed")


def book(state: SandboxState) -> OrdersBook:
    return state.orders_api


def _invalid(detail: str, code: str = "invalid_properties", status: int = 400) -> ApiError:
    # MP's Orders API answers ``{"errors": [{code, message, details}]}``; the sandbox adds the
    # envelope of the older APIs beside it (clients parse one or the other).
    error = ApiError(status, code, detail)
    error.cause = [{"code": code, "description": detail}]
    return error


# == validation ================================================================================
def _amount(value: Any, what: str, decimals: int) -> Decimal:
    if not isinstance(value, str):
        raise _invalid(f"{what} must be a string")
    pattern = r"[0-9]+" if decimals == 0 else r"[0-9]+(\.[0-9]{2})?"
    if not re.fullmatch(pattern, value):
        if decimals == 0:
            raise _invalid(f"{what}: amounts in this currency have no decimals")
        raise _invalid(f"{what} must have two decimals")
    amount = Decimal(value)
    if amount <= 0:
        raise _invalid(f"{what} must be positive")
    return amount


def _duration(value: Any) -> timedelta:
    if value is None:
        value = _DEFAULT_TTL
    match = _DURATION.fullmatch(value) if isinstance(value, str) else None
    if match is None or not any(match.groups()) or value in ("P", "PT"):
        raise _invalid("expiration_time must be an ISO-8601 duration", "invalid_expiration_time")
    days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
    ttl = timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
    if not _MIN_TTL <= ttl <= _MAX_TTL:
        raise _invalid(
            "expiration_time must be between PT30S and 3600 hours", "invalid_expiration_time"
        )
    return ttl


def validate_create(state: SandboxState, user_id: int, body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise _invalid("body must be a JSON object")
    unknown = sorted(set(body) - _ROOT_FIELDS)
    if unknown:
        raise _invalid(f"unsupported properties: {unknown}", "unsupported_properties")
    if body.get("type") != "qr":
        raise _invalid("type must be 'qr'")
    info = site(state.sellers[user_id].site_id)
    ref = body.get("external_reference")
    if not isinstance(ref, str) or not _REFERENCE.fullmatch(ref):
        raise _invalid(
            "external_reference: up to 64 letters, digits and '_'", "invalid_external_reference"
        )
    description = body.get("description", "")
    if not isinstance(description, str) or len(description) > 150:
        raise _invalid("description must be a string of at most 150 characters")
    total = _amount(body.get("total_amount"), "total_amount", info.decimals)
    ttl = _duration(body.get("expiration_time"))
    qr = (body.get("config") or {}).get("qr") if isinstance(body.get("config"), dict) else None
    if not isinstance(qr, dict):
        raise _invalid("config.qr is required")
    mode = qr.get("mode", "static")
    if mode not in MODES:
        raise _invalid(f"config.qr.mode must be one of {list(MODES)}")
    pos_id = qr.get("external_pos_id")
    box = state.find_box(user_id, pos_id) if isinstance(pos_id, str) else None
    if box is None:
        raise _invalid(f"pos {pos_id!r} not found", "pos_not_found")
    transactions = body.get("transactions")
    payments = transactions.get("payments") if isinstance(transactions, dict) else None
    if not isinstance(payments, list) or len(payments) != 1 or not isinstance(payments[0], dict):
        raise _invalid("transactions.payments must hold one payment")
    paid = _amount(payments[0].get("amount"), "transactions.payments[0].amount", info.decimals)
    if paid != total:
        raise _invalid("transactions.payments[0].amount must equal total_amount")
    items = body.get("items")
    if not isinstance(items, list) or not items:
        raise _invalid("items must be a non-empty list")
    for n, item in enumerate(items):
        if not isinstance(item, dict):
            raise _invalid(f"items[{n}] must be an object")
        extra = sorted(set(item) - _ITEM_FIELDS)
        if extra:
            raise _invalid(f"items[{n}]: unsupported properties {extra}", "unsupported_properties")
        if not isinstance(item.get("title"), str) or not item["title"].strip():
            raise _invalid(f"items[{n}].title is required")
        _amount(item.get("unit_price"), f"items[{n}].unit_price", info.decimals)
        quantity = item.get("quantity")
        if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity <= 0:
            raise _invalid(f"items[{n}].quantity must be a positive integer")
    taxes = body.get("taxes")
    if taxes is not None:
        _check_taxes(taxes, info.site_id, total)
    return {"ref": ref, "total": total, "ttl": ttl, "mode": mode, "box": box}


def _check_taxes(taxes: Any, site_id: str, total: Decimal) -> None:
    if site_id != "MCO":
        raise _invalid("taxes are only taken for Colombia", "unsupported_properties")
    if (
        not isinstance(taxes, list)
        or len(taxes) != 1
        or not isinstance(taxes[0], dict)
        or taxes[0].get("type") != "IVA"
    ):
        raise _invalid('taxes must be [{"type": "IVA", "value": "<amount>"}]', "invalid_taxes")
    value = taxes[0].get("value")
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]+", value) or Decimal(value) > total:
        raise _invalid(
            "taxes[0].value: the IVA amount contained, a whole amount string, at most the total",
            "invalid_taxes",
        )


# == lifecycle =================================================================================
def create(state: SandboxState, user_id: int, body: Any) -> ApiOrder:
    valid = validate_create(state, user_id, body)
    box: Box = valid["box"]
    b = book(state)
    info = site(state.sellers[user_id].site_id)
    now = state.now()
    total: Decimal = valid["total"]
    order = ApiOrder(
        id=b.new_id("ORD"),
        user_id=user_id,
        box_id=box.id,
        external_pos_id=box.external_id,
        external_reference=valid["ref"],
        description=body.get("description", ""),
        currency_id=info.currency_id,
        total_amount=total,
        mode=valid["mode"],
        created_at=now,
        expires_at=now + valid["ttl"],
        expiration_time=body.get("expiration_time") or _DEFAULT_TTL,
        items=body["items"],
        taxes=body.get("taxes") or [],
        body=body,
        payments=[ApiPayment(id=b.new_id("PAY"), amount=total)],
        last_updated=now,
    )
    if order.mode in ("dynamic", "hybrid"):
        store = state.stores.get(box.store_id)
        order.qr_data = order_qr_text(
            user_id=user_id,
            order_id=order.id,
            amount=body["total_amount"],
            currency_numeric=info.currency_numeric,
            country_id=info.country_id,
            merchant_name=store.name if store else "",
            city=info.city,
        )
    b.orders[order.id] = order
    if order.mode in ("static", "hybrid"):
        b.box_current[box.id] = order.id  # the box's printed QR now offers this order
    return order


def _set_status(state: SandboxState, order: ApiOrder, status: str, detail: str) -> None:
    order.status, order.status_detail = status, detail
    order.last_updated = state.now()
    if book(state).box_current.get(order.box_id) == order.id and status != "created":
        del book(state).box_current[order.box_id]
    action = {"processed": "order.processed", "canceled": "order.canceled"}.get(status)
    action = action or f"order.{status}"
    _webhook(state, order, action)


def _webhook(state: SandboxState, order: ApiOrder, action: str) -> None:
    b = book(state)
    if not b.webhook_url:
        return
    state.outbox.append(
        OrderWebhook(
            notification_url=b.webhook_url,
            topic="order",
            resource_id=0,
            order_id=order.id,
            action=action,
            external_reference=order.external_reference,
            status=order.status,
            secret=b.webhook_secret,
            ts=str(int(state.now().timestamp() * 1000)),
            request_id=str(uuid.uuid4()),
        )
    )
    for listener in list(state.outbox_listeners):
        listener()


def expire_due(state: SandboxState) -> None:
    now = state.now()
    for order in book(state).orders.values():
        if order.status == "created" and order.expires_at <= now:
            _set_status(state, order, "expired", "expired")


def cancel(state: SandboxState, order: ApiOrder) -> ApiOrder:
    expire_due(state)
    if order.status != "created":
        raise _invalid(
            f"the order cannot be canceled: it is {order.status}", "cannot_cancel_order", 409
        )
    for payment in order.payments:
        payment.status, payment.status_detail = "canceled", "canceled_by_api"
    _set_status(state, order, "canceled", "canceled")
    return order


def refund(state: SandboxState, order: ApiOrder, body: Any) -> ApiOrder:
    if order.status not in ("processed",):
        raise _invalid(
            f"the order cannot be refunded: it is {order.status}", "cannot_refund_order", 409
        )
    info = site(state.sellers[order.user_id].site_id)
    wanted: dict[str, Decimal] = {}
    if body is not None:
        transactions = body.get("transactions") if isinstance(body, dict) else None
        if not isinstance(transactions, list) or not transactions:
            raise _invalid("transactions must list the payments to refund")
        for tx in transactions:
            if not isinstance(tx, dict) or not isinstance(tx.get("id"), str):
                raise _invalid("each transaction needs the payment id")
            wanted[tx["id"]] = _amount(tx.get("amount"), "transactions[].amount", info.decimals)
    by_id = {p.id: p for p in order.payments}
    for pay_id, amount in wanted.items():
        payment = by_id.get(pay_id)
        if payment is None or payment.status != "processed":
            raise _invalid(f"payment {pay_id} cannot be refunded", "invalid_transaction_id")
        if amount > payment.amount - payment.refunded:
            raise _invalid("the amount exceeds what is left to refund", "refund_amount_exceeds")
    if not wanted:
        wanted = {p.id: p.amount - p.refunded for p in order.payments if p.status == "processed"}
    for pay_id, amount in wanted.items():
        payment = by_id[pay_id]
        payment.refunded += amount
        if payment.refunded >= payment.amount:
            payment.status, payment.status_detail = "refunded", "refunded"
        else:
            payment.status_detail = "partially_refunded"
    if order.refunded >= order.total_amount:
        _set_status(state, order, "refunded", "refunded")
    else:
        order.status_detail = "partially_refunded"
        order.last_updated = state.now()
        _webhook(state, order, "order.refunded")
    return order


def pay(state: SandboxState, order: ApiOrder, outcome: str = "approved") -> ApiOrder:
    """The customer pays (their app, the box's QR or the dynamic one)."""
    expire_due(state)
    if outcome not in OUTCOMES:
        raise bad_request(f"outcome must be one of {list(OUTCOMES)}")
    if order.status != "created":
        raise ApiError(409, "order_not_payable", f"order is {order.status}")
    payment = order.payments[0]
    payment.attempts += 1
    if outcome == "rejected":
        payment.status, payment.status_detail = "failed", "rejected_by_issuer"
        order.last_updated = state.now()  # still created: the customer may try again
        return order
    if outcome == "failed":
        payment.status, payment.status_detail = "failed", "high_risk"
        _set_status(state, order, "failed", "high_risk")  # ended: it can no longer be paid
        return order
    payment.status, payment.status_detail = "processed", "accredited"
    _set_status(state, order, "processed", "accredited")
    return order


def order_on_box(state: SandboxState, box: Box) -> ApiOrder | None:
    expire_due(state)
    order_id = book(state).box_current.get(box.id)
    order = book(state).orders.get(order_id or "")
    return order if order is not None and order.status == "created" else None


def expire_now(state: SandboxState, order: ApiOrder) -> bool:
    if order.status != "created":
        return False
    order.expires_at = state.now()
    expire_due(state)
    return True


def by_qr_data(state: SandboxState, qr_data: str) -> ApiOrder:
    for order in book(state).orders.values():
        if order.qr_data and order.qr_data == qr_data:
            return order
    raise ApiError(404, "not_found", "no order has this QR")


# == JSON ======================================================================================
def _money(amount: Decimal, currency_id: str) -> str:
    decimals = 0 if currency_id in ("CLP", "COP") else 2
    return f"{amount:.{decimals}f}"


def order_json(order: ApiOrder) -> dict[str, Any]:
    def money(amount: Decimal) -> str:
        return _money(amount, order.currency_id)

    def received(p: ApiPayment) -> Decimal:
        return p.amount if p.status in ("processed", "refunded") else Decimal(0)

    out: dict[str, Any] = {
        "id": order.id,
        "type": "qr",
        "processing_mode": "automatic",
        "external_reference": order.external_reference,
        "description": order.description,
        "total_amount": money(order.total_amount),
        "total_paid_amount": money(
            sum(
                (p.amount for p in order.payments if p.status in ("processed", "refunded")),
                Decimal(0),
            )
        ),
        "currency": order.currency_id,
        "country_code": "",
        "user_id": str(order.user_id),
        "status": order.status,
        "status_detail": order.status_detail,
        "created_date": iso(order.created_at),
        "last_updated_date": iso(order.last_updated or order.created_at),
        "expiration_time": order.expiration_time,
        "config": {"qr": {"external_pos_id": order.external_pos_id, "mode": order.mode}},
        "transactions": {
            "payments": [
                {
                    "id": p.id,
                    "amount": money(p.amount),
                    "paid_amount": money(received(p)),
                    "refunded_amount": money(p.refunded),
                    "status": p.status,
                    "status_detail": p.status_detail,
                }
                for p in order.payments
            ]
        },
        "items": order.items,
    }
    if order.taxes:
        out["taxes"] = order.taxes
    if order.qr_data:
        out["type_response"] = {"qr_data": order.qr_data}
    return out


def _response(order: ApiOrder, status: int) -> Response:
    return JSONResponse(order_json(order), status_code=status)


# == routes ====================================================================================
def _key(request: Request) -> str:
    key = request.headers.get("x-idempotency-key", "").strip()
    if not key:
        raise _invalid("the X-Idempotency-Key header is required", "missing_idempotency_key")
    if len(key) > 64:
        raise _invalid("X-Idempotency-Key: at most 64 characters", "invalid_idempotency_key")
    return key


def _remembered(state: SandboxState, user_id: int, key: str, print_: str) -> ApiOrder | None:
    """The order this key already made, or None; 409 when the key came with another body."""
    done = book(state).keys.get((user_id, key))
    if done is None:
        return None
    if done.fingerprint != print_:
        raise _invalid(
            "the idempotency key was already used with another request",
            "idempotency_key_already_used",
            409,
        )
    return book(state).orders[done.order_id]


def _owned(state: SandboxState, user_id: int, raw_id: str) -> ApiOrder:
    if not _ORDER_ID.fullmatch(raw_id):
        raise _invalid(f"invalid order id {raw_id!r}", "invalid_path_param")
    order = book(state).orders.get(raw_id)
    if order is None or order.user_id != user_id:
        raise ApiError(404, "order_not_found", "order not found")
    return order


async def create_order(request: Request) -> Response:
    state, seller = authenticate(request)
    key = _key(request)
    body = await json_body(request)
    print_ = fingerprint("POST", "/v1/orders", body)
    again = _remembered(state, seller.id, key, print_)
    if again is not None:
        return _response(again, 201)
    order = create(state, seller.id, body)
    book(state).keys[(seller.id, key)] = IdempotentWrite(print_, order.id)
    return _response(order, 201)


async def get_order(request: Request) -> Response:
    state, seller = authenticate(request)
    return _response(_owned(state, seller.id, request.path_params["order_id"]), 200)


async def cancel_order(request: Request) -> Response:
    state, seller = authenticate(request)
    key = _key(request)
    order = _owned(state, seller.id, request.path_params["order_id"])
    print_ = fingerprint("POST", request.url.path, await json_body(request))
    again = _remembered(state, seller.id, key, print_)
    if again is not None:
        return _response(again, 200)
    cancel(state, order)
    book(state).keys[(seller.id, key)] = IdempotentWrite(print_, order.id)
    return _response(order, 200)


async def refund_order(request: Request) -> Response:
    state, seller = authenticate(request)
    key = _key(request)
    order = _owned(state, seller.id, request.path_params["order_id"])
    body = await json_body(request)
    print_ = fingerprint("POST", request.url.path, body)
    again = _remembered(state, seller.id, key, print_)
    if again is not None:
        return _response(again, 201)
    refund(state, order, body)
    book(state).keys[(seller.id, key)] = IdempotentWrite(print_, order.id)
    return _response(order, 201)


# == customer controls and webhooks (/_sandbox) ================================================
async def _control_body(request: Request) -> dict[str, Any]:
    body = await json_body(request)
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise bad_request("body must be a JSON object")
    return body


def _order_by_id(state: SandboxState, order_id: str) -> ApiOrder:
    order = book(state).orders.get(order_id)
    if order is None:
        raise ApiError(404, "not_found", "order not found")
    return order


async def control_pay(request: Request) -> Response:
    """The phone pays an Orders API order: by id, or by the dynamic QR's text."""
    state = sandbox_state(request)
    body = await _control_body(request)
    if "order_id" in request.path_params:
        order = _order_by_id(state, request.path_params["order_id"])
    else:
        qr_data = body.get("qr_data")
        if not isinstance(qr_data, str) or not qr_data:
            raise bad_request("qr_data is required")
        order = by_qr_data(state, qr_data)
    return _response(pay(state, order, str(body.get("outcome", "approved"))), 200)


async def control_expire(request: Request) -> Response:
    state = sandbox_state(request)
    order = _order_by_id(state, request.path_params["order_id"])
    return JSONResponse({"expired": expire_now(state, order)})


async def control_webhooks(request: Request) -> Response:
    """``POST {"url": ..., "secret": ...}``: where ``order`` webhooks go (the account's panel
    setting); ``{"url": null}`` turns them off."""
    state = sandbox_state(request)
    b = book(state)
    if request.method == "POST":
        body = await _control_body(request)
        url, secret = body.get("url"), body.get("secret", "")
        if url is not None and (
            not isinstance(url, str) or not url.startswith(("http://", "https://"))
        ):
            raise bad_request("url must be an http(s) URL or null")
        if not isinstance(secret, str):
            raise bad_request("secret must be a string")
        b.webhook_url, b.webhook_secret = url, secret
    return JSONResponse({"url": b.webhook_url, "signed": bool(b.webhook_secret)})


def box_view(state: SandboxState, box: Box) -> dict[str, Any] | None:
    """For the phone window: the Orders API order on the box's printed QR, if any."""
    order = order_on_box(state, box)
    return order_json(order) if order else None


def latest_dynamic(state: SandboxState, box: Box) -> dict[str, Any] | None:
    """The newest payable dynamic QR of the box (what a customer display shows)."""
    expire_due(state)
    found = [
        o
        for o in book(state).orders.values()
        if o.box_id == box.id and o.qr_data and o.status == "created"
    ]
    return order_json(found[-1]) if found else None


routes = [
    Route("/v1/orders", create_order, methods=["POST"]),
    Route("/v1/orders/{order_id}", get_order, methods=["GET"]),
    Route("/v1/orders/{order_id}/cancel", cancel_order, methods=["POST"]),
    Route("/v1/orders/{order_id}/refund", refund_order, methods=["POST"]),
]
control_routes = [
    Route("/_sandbox/v1/orders/{order_id}/pay", control_pay, methods=["POST"]),
    Route("/_sandbox/v1/orders/{order_id}/expire", control_expire, methods=["POST"]),
    Route("/_sandbox/qr/pay", control_pay, methods=["POST"]),
    Route("/_sandbox/webhooks", control_webhooks, methods=["GET", "POST"]),
]
