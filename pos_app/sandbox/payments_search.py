"""``GET /v1/payments/search`` (a day's payments, §9) and a control call that makes a payment
no app sent (a crash, another system at the same box), to test a day's reconciliation."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pos_app.sandbox import orders
from pos_app.sandbox.auth import authenticate, json_body, sandbox_state
from pos_app.sandbox.errors import ApiError, bad_request
from pos_app.sandbox.jsonutil import JSONResponse
from pos_app.sandbox.models import Box, MerchantOrder, Payment, Seller
from pos_app.sandbox.query import date_param, int_param
from pos_app.sandbox.state import SandboxState
from pos_app.sandbox.validation import is_number
from pos_app.sandbox.views import payment_json

DEFAULT_LIMIT = 30
MAX_LIMIT = 1000  # MP documents limit up to 1000 for this search


def search_json(state: SandboxState, payment: Payment, seller: Seller) -> dict[str, Any]:
    """The payment as the search lists it: ``payment_json`` plus where it was paid."""
    data = payment_json(payment, seller)
    order = state.merchant_orders.get(payment.merchant_order_id)
    box = state.boxes.get(order.box_id) if order else None
    data["pos_id"] = box.id if box else None
    data["store_id"] = box.store_id if box else None
    data["order"] = {"id": payment.merchant_order_id, "type": "mercadopago"}
    return data


async def search_payments(request: Request) -> Response:
    state, seller = authenticate(request)
    range_field = request.query_params.get("range", "date_created")
    if range_field not in ("date_created", "date_approved", "date_last_updated"):
        raise bad_request("range must be date_created, date_approved or date_last_updated")
    begin, end = date_param(request, "begin_date"), date_param(request, "end_date")
    store_id = int_param(request, "store_id", 0)
    pos_id = int_param(request, "pos_id", 0)
    limit = min(int_param(request, "limit", DEFAULT_LIMIT), MAX_LIMIT)
    offset = int_param(request, "offset", 0)
    descending = request.query_params.get("criteria", "desc") == "desc"
    found = []
    for payment in state.payments.values():
        if payment.user_id != seller.id:
            continue
        moment = {
            "date_created": payment.date_created,
            "date_approved": payment.date_approved,
            "date_last_updated": payment.last_modified,
        }[range_field]
        if moment is None or (begin and moment < begin) or (end and moment > end):
            continue
        view = search_json(state, payment, seller)
        if (store_id and view["store_id"] != store_id) or (pos_id and view["pos_id"] != pos_id):
            continue
        found.append((payment.date_created, payment.id, view))
    found.sort(key=lambda f: (f[0], f[1]), reverse=descending)
    page = [view for _, _, view in found[offset : offset + limit]]
    return JSONResponse(
        {"paging": {"total": len(found), "limit": limit, "offset": offset}, "results": page}
    )


def foreign_payment(
    state: SandboxState,
    box: Box,
    amount: Decimal,
    *,
    external_reference: str | None = None,
    at: datetime | None = None,
) -> Payment:
    """An approved payment at ``box`` that no app sent (closed merchant order, no box order)."""
    now = state.now()
    seq = state.next_order_seq()
    order = MerchantOrder(
        id=state.next_merchant_order_id(),
        user_id=box.user_id,
        site_id=state.sellers[box.user_id].site_id,
        box_id=box.id,
        order_seq=-seq,  # no box order was ever put with this sequence
        external_reference=external_reference or f"OTRO-SISTEMA-{seq}",
        total_amount=amount,
        items=[],
        notification_url=None,
        sponsor_id=None,
        date_created=now,
        last_updated=now,
        expires_at=now + timedelta(minutes=10),
    )
    state.merchant_orders[order.id] = order
    payment = orders.pay(state, order, "approved", amount)
    if at is not None:
        payment.date_created = payment.last_modified = payment.date_approved = at
        order.date_created = order.last_updated = at
    return payment


async def make_foreign_payment(request: Request) -> Response:
    state = sandbox_state(request)
    raw_user = request.query_params.get("user_id")
    if raw_user is not None and not raw_user.isdigit():
        raise bad_request("user_id must be numeric")
    box = state.box_or_404(request.path_params["external_pos_id"], int(raw_user or 0) or None)
    body = await json_body(request)
    if not isinstance(body, dict):
        raise bad_request("body must be a JSON object with amount")
    if not is_number(body.get("amount")) or Decimal(body["amount"]) <= 0:
        raise bad_request("amount must be a positive number")
    ref = body.get("external_reference")
    if ref is not None and not isinstance(ref, str):
        raise bad_request("external_reference must be a string")
    at = None
    if body.get("date_created") is not None:
        try:
            at = datetime.fromisoformat(str(body["date_created"]))
        except ValueError:
            raise bad_request("date_created must be an ISO-8601 date") from None
        if at.tzinfo is None:
            raise ApiError(400, "bad_request", "date_created must have an offset")
    payment = foreign_payment(
        state, box, Decimal(str(body["amount"])), external_reference=ref, at=at
    )
    return JSONResponse(search_json(state, payment, state.sellers[box.user_id]), status_code=201)


routes = [
    Route("/v1/payments/search", search_payments, methods=["GET"]),
    Route(
        "/_sandbox/boxes/{external_pos_id}/foreign_payment", make_foreign_payment, methods=["POST"]
    ),
]
