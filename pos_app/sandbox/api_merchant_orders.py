"""Merchant orders and payments: what the app reads to know whether a sale is paid (§2, §3)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pos_app.sandbox.auth import authenticate
from pos_app.sandbox.errors import ApiError
from pos_app.sandbox.jsonutil import JSONResponse
from pos_app.sandbox.query import date_param, int_param
from pos_app.sandbox.views import merchant_order_json, payment_json

DEFAULT_LIMIT = 30
MAX_LIMIT = 100


async def get_merchant_order(request: Request) -> Response:
    state, seller = authenticate(request)
    state.expire_due()
    order = state.merchant_orders.get(request.path_params["id"])
    # Another seller's order is indistinguishable from a missing one.
    if order is None or order.user_id != seller.id:
        raise ApiError(404, "not_found", "Merchant Order not found")
    return JSONResponse(merchant_order_json(order, seller))


async def search_merchant_orders(request: Request) -> Response:
    state, seller = authenticate(request)
    state.expire_due()
    reference = request.query_params.get("external_reference")
    status = request.query_params.get("status")
    created_from = date_param(request, "date_created_from")
    limit = min(int_param(request, "limit", DEFAULT_LIMIT), MAX_LIMIT)
    offset = int_param(request, "offset", 0)
    # The search index lags the orders: brand-new ones are invisible here for a while,
    # although GET /merchant_orders/{id} already returns them.
    visible_until = state.now() - timedelta(seconds=state.search_lag_seconds)
    matches = [
        order
        for order in state.merchant_orders.values()
        if order.user_id == seller.id
        and (reference is None or order.external_reference == reference)
        and (status is None or order.status == status)
        and (created_from is None or order.date_created >= created_from)
        and order.date_created <= visible_until
    ]
    page = matches[offset : offset + limit]
    elements: list[dict[str, Any]] | None = [merchant_order_json(o, seller) for o in page]
    # The real API answers null (not []) when there is nothing, and next_offset 0 then.
    return JSONResponse(
        {
            "elements": elements or None,
            "next_offset": offset + len(page) if page else (offset if matches else 0),
            "total": len(matches),
        }
    )


async def get_payment(request: Request) -> Response:
    state, seller = authenticate(request)
    payment = state.payments.get(request.path_params["id"])
    if payment is None or payment.user_id != seller.id:
        raise ApiError(
            404,
            "not_found",
            "Payment not found",
            cause=[{"code": 2000, "description": "Payment not found", "data": None}],
        )
    return JSONResponse(payment_json(payment, seller))


routes = [
    Route("/merchant_orders/search", search_merchant_orders, methods=["GET"]),
    Route("/merchant_orders/{id:int}", get_merchant_order, methods=["GET"]),
    Route("/v1/payments/{id:int}", get_payment, methods=["GET"]),
]
