"""The control API under ``/_sandbox/``: the customer's phone, fault injection, inspection.

Unauthenticated (the sandbox only listens on loopback unless told otherwise), JSON in and out,
errors in MP's envelope. Box routes act on the first seeded seller unless ``?user_id=`` names
another one (every seller has its own ``CAJA01``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pos_app.sandbox import orders, orders_api
from pos_app.sandbox.auth import json_body, sandbox_state
from pos_app.sandbox.errors import ApiError, bad_request
from pos_app.sandbox.faults import Faults
from pos_app.sandbox.jsonutil import JSONResponse
from pos_app.sandbox.models import SITES, Box, MerchantOrder, Payment, site
from pos_app.sandbox.notifier import Notifier
from pos_app.sandbox.state import SandboxState
from pos_app.sandbox.validation import is_number
from pos_app.sandbox.views import (
    box_json,
    box_order_view,
    iso,
    merchant_order_json,
    payment_json,
)


async def _object(request: Request) -> dict[str, Any]:
    body = await json_body(request)
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise bad_request("body must be a JSON object")
    return body


def _box(request: Request) -> tuple[SandboxState, Box]:
    state = sandbox_state(request)
    raw_user = request.query_params.get("user_id")
    if raw_user is not None and not raw_user.isdigit():
        raise bad_request("user_id must be numeric")
    box = state.box_or_404(request.path_params["external_pos_id"], int(raw_user or 0) or None)
    return state, box


def _amount(body: dict[str, Any]) -> Decimal | None:
    raw = body.get("amount")
    if raw is None:
        return None
    if is_number(raw):
        return Decimal(raw)
    raise bad_request("amount must be a number")


def _paid(state: SandboxState, order: MerchantOrder, payment: Payment) -> Response:
    seller = state.sellers[order.user_id]
    return JSONResponse(
        {
            "merchant_order": merchant_order_json(order, seller),
            "payment": payment_json(payment, seller),
        }
    )


async def index(request: Request) -> Response:
    state = sandbox_state(request)
    sellers = [
        {
            "user_id": seller.id,
            "site_id": seller.site_id,
            "nickname": seller.nickname,
            "token": seller.token,  # test credentials of a fake seller: fine to show here
            "revoked": seller.revoked,
            "boxes": [box.external_id for box in state.boxes_of(seller.id)],
        }
        for seller in state.sellers.values()
    ]
    return JSONResponse({"sellers": sellers, "now": iso(state.now())})


async def box_status(request: Request) -> Response:
    """What the phone window polls: the box, its order (or null) and its merchant orders."""
    state, box = _box(request)
    order = orders.current_order(state, box)
    seller = state.sellers[box.user_id]
    return JSONResponse(
        {
            "box": box_json(box, with_qr_code=True),
            "site_id": seller.site_id,
            "currency_id": site(seller.site_id).currency_id,
            "order": box_order_view(order) if order else None,
            # The Orders API: the order on the printed QR, and the newest dynamic QR to pay.
            "api_order": orders_api.box_view(state, box),
            "dynamic_order": orders_api.latest_dynamic(state, box),
            "merchant_orders": [
                merchant_order_json(mo, seller) for mo in orders.merchant_orders_of_box(state, box)
            ],
        }
    )


async def scan(request: Request) -> Response:
    state, box = _box(request)
    merchant_order = orders.scan(state, box)
    return JSONResponse(merchant_order_json(merchant_order, state.sellers[box.user_id]))


async def pay_box(request: Request) -> Response:
    state, box = _box(request)
    body = await _object(request)
    api_order = orders_api.order_on_box(state, box)
    if api_order is not None and "merchant_order_id" not in body:
        paid = orders_api.pay(state, api_order, str(body.get("outcome", "approved")))
        return JSONResponse({"order": orders_api.order_json(paid)})
    mo_id = body.get("merchant_order_id")
    if mo_id is not None and (not isinstance(mo_id, int) or isinstance(mo_id, bool)):
        raise bad_request("merchant_order_id must be a number")
    order = orders.merchant_order_to_pay(
        state, box, rescan=body.get("scan") is True, merchant_order_id=mo_id
    )
    payment = orders.pay(state, order, str(body.get("outcome", "approved")), _amount(body))
    return _paid(state, order, payment)


async def pay_merchant_order(request: Request) -> Response:
    state = sandbox_state(request)
    body = await _object(request)
    order = state.merchant_orders.get(request.path_params["id"])
    if order is None:
        raise ApiError(404, "not_found", "merchant order not found")
    payment = orders.pay(state, order, str(body.get("outcome", "approved")), _amount(body))
    return _paid(state, order, payment)


async def settle_payment(request: Request) -> Response:
    state = sandbox_state(request)
    body = await _object(request)
    payment = state.payments.get(request.path_params["id"])
    if payment is None:
        raise ApiError(404, "not_found", "payment not found")
    orders.settle(state, payment, str(body.get("outcome", "approved")))
    return _paid(state, state.merchant_orders[payment.merchant_order_id], payment)


async def expire(request: Request) -> Response:
    state, box = _box(request)
    api_order = orders_api.order_on_box(state, box)
    if api_order is not None:
        return JSONResponse({"expired": orders_api.expire_now(state, api_order)})
    return JSONResponse({"expired": orders.expire_box(state, box)})


async def faults(request: Request) -> Response:
    state = sandbox_state(request)
    if request.method == "POST":
        state.faults = Faults.from_json(await _object(request))
    elif request.method == "DELETE":
        state.faults = Faults()
    return JSONResponse(state.faults.to_json())


async def tokens(request: Request) -> Response:
    state = sandbox_state(request)
    body = await _object(request)
    token = body.get("token")
    if token is None and isinstance(body.get("user_id"), int):
        seller = state.sellers.get(body["user_id"])
        token = seller.token if seller else None
    if not isinstance(token, str):
        raise bad_request('body must be {"token": ...} or {"user_id": ...}')
    seller = state.set_revoked(token, request.url.path.endswith("/revoke"))
    return JSONResponse({"user_id": seller.id, "revoked": seller.revoked})


async def add_seller(request: Request) -> Response:
    state = sandbox_state(request)
    body = await _object(request)
    site_id = body.get("site_id", "MLA")
    if site_id not in SITES:
        raise bad_request(f"site_id must be one of {sorted(SITES)}")
    user_id, token = state.add_seller(site_id)
    return JSONResponse(
        {
            "user_id": user_id,
            "token": token,
            "site_id": site_id,
            "store_external_id": "SUC001",
            "box_external_id": "CAJA01",
        },
        status_code=201,
    )


async def requests_log(request: Request) -> Response:
    state = sandbox_state(request)
    if request.method == "DELETE":
        state.request_log.clear()
        return Response(status_code=204)
    return JSONResponse({"requests": state.request_log})


async def received_orders(request: Request) -> Response:
    state = sandbox_state(request)
    reference = request.path_params["external_reference"]
    puts = [
        {**put, "time": iso(put["time"])}
        for put in state.orders_received
        if put["body"].get("external_reference") == reference
    ]
    return JSONResponse({"external_reference": reference, "puts": puts})


async def notifications(request: Request) -> Response:
    state = sandbox_state(request)
    if request.method == "DELETE":
        state.notifications.clear()
        return Response(status_code=204)
    if request.url.path.endswith("/drain"):
        await cast(Notifier, request.app.state.notifier).drain()
    return JSONResponse({"notifications": state.notifications})


async def settings(request: Request) -> Response:
    state = sandbox_state(request)
    if request.method == "PATCH":
        body = await _object(request)
        if "search_lag_seconds" in body:
            state.search_lag_seconds = float(_non_negative(body, "search_lag_seconds"))
        if "ipn_delay_ms" in body:
            state.ipn_delay_ms = int(_non_negative(body, "ipn_delay_ms"))
        if "ipn_enabled" in body:
            if not isinstance(body["ipn_enabled"], bool):
                raise bad_request("ipn_enabled must be boolean")
            state.ipn_enabled = body["ipn_enabled"]
    return JSONResponse(
        {
            "search_lag_seconds": state.search_lag_seconds,
            "ipn_enabled": state.ipn_enabled,
            "ipn_delay_ms": state.ipn_delay_ms,
            "clock_offset_seconds": state.clock_offset.total_seconds(),
            "now": iso(state.now()),
        }
    )


def _non_negative(body: dict[str, Any], key: str) -> Any:
    value = body[key]
    if not is_number(value) or value < 0:
        raise bad_request(f"{key} must be a non-negative number")
    return value


async def advance_clock(request: Request) -> Response:
    state = sandbox_state(request)
    body = await _object(request)
    state.advance(float(_non_negative(body, "seconds")))
    state.expire_due()
    return JSONResponse({"now": iso(state.now())})


_BOX = "/_sandbox/boxes/{external_pos_id}"
routes = [
    Route("/_sandbox", index, methods=["GET"]),
    Route(_BOX, box_status, methods=["GET"]),
    Route(_BOX + "/scan", scan, methods=["POST"]),
    Route(_BOX + "/pay", pay_box, methods=["POST"]),
    Route(_BOX + "/expire", expire, methods=["POST"]),
    Route("/_sandbox/merchant_orders/{id:int}/pay", pay_merchant_order, methods=["POST"]),
    Route("/_sandbox/payments/{id:int}/settle", settle_payment, methods=["POST"]),
    Route("/_sandbox/faults", faults, methods=["GET", "POST", "DELETE"]),
    Route("/_sandbox/tokens/revoke", tokens, methods=["POST"]),
    Route("/_sandbox/tokens/restore", tokens, methods=["POST"]),
    Route("/_sandbox/sellers", add_seller, methods=["POST"]),
    Route("/_sandbox/requests", requests_log, methods=["GET", "DELETE"]),
    Route("/_sandbox/orders/{external_reference}", received_orders, methods=["GET"]),
    Route("/_sandbox/notifications", notifications, methods=["GET", "DELETE"]),
    Route("/_sandbox/notifications/drain", notifications, methods=["POST"]),
    Route("/_sandbox/settings", settings, methods=["GET", "PATCH"]),
    Route("/_sandbox/clock/advance", advance_clock, methods=["POST"]),
]
