"""Instore Orders v2: put, read and delete the order assigned to a box (notes §1).

Unknown boxes: the docs list ``invalid_externalPosId`` without a status; the sandbox answers
400 ``invalid_externalPosId`` on all three endpoints when the box (or, for PUT, the store) does
not exist for this collector, or the box is not in that store. A missing *order* on a known box
is the 404 ``point_of_sale_in_store_order_not_found`` the app treats as "nothing pending".
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pos_app.sandbox import orders
from pos_app.sandbox.auth import authenticate, check_collector, json_body
from pos_app.sandbox.errors import ApiError
from pos_app.sandbox.jsonutil import JSONResponse
from pos_app.sandbox.models import Box, Seller, site
from pos_app.sandbox.state import SandboxState
from pos_app.sandbox.validation import validate_order
from pos_app.sandbox.views import box_order_json


def _box(state: SandboxState, seller: Seller, external_pos_id: str) -> Box:
    box = state.find_box(seller.id, external_pos_id)
    if box is None:
        raise ApiError(
            400, "invalid_externalPosId", f"pos {external_pos_id!r} not found for this collector"
        )
    return box


async def put_order(request: Request) -> Response:
    state, seller = authenticate(request)
    check_collector(request, seller)
    store_id = request.path_params["external_store_id"]
    store = state.find_store(seller.id, store_id)
    if store is None:
        raise ApiError(400, "invalid_externalPosId", f"store {store_id!r} not found")
    box = _box(state, seller, request.path_params["external_pos_id"])
    if box.store_id != store.id:
        raise ApiError(400, "invalid_externalPosId", "the pos does not belong to that store")
    body = await json_body(request)
    valid = validate_order(body, site(seller.site_id), state.now())
    assert isinstance(body, dict)
    orders.put_order(state, store, box, valid, body)
    # Like MP: 204 and no body; the app correlates by external_reference.
    return Response(status_code=204)


async def get_order(request: Request) -> Response:
    state, seller = authenticate(request)
    check_collector(request, seller)
    box = _box(state, seller, request.path_params["external_pos_id"])
    order = orders.current_order(state, box)  # an expired order counts as absent
    if order is None:
        raise ApiError(404, "point_of_sale_in_store_order_not_found", "No associated order found")
    return JSONResponse(box_order_json(order))


async def delete_order(request: Request) -> Response:
    state, seller = authenticate(request)
    check_collector(request, seller)
    box = _box(state, seller, request.path_params["external_pos_id"])
    # 204 whether or not there was an order: the app deletes defensively (retries, races),
    # and MP does not document a "nothing to delete" error.
    orders.delete_order(state, box)
    return Response(status_code=204)


_COLLECTOR = "/instore/qr/seller/collectors/{user_id}"
routes = [
    Route(
        _COLLECTOR + "/stores/{external_store_id}/pos/{external_pos_id}/orders",
        put_order,
        methods=["PUT"],
    ),
    Route(_COLLECTOR + "/pos/{external_pos_id}/orders", get_order, methods=["GET"]),
    Route(_COLLECTOR + "/pos/{external_pos_id}/orders", delete_order, methods=["DELETE"]),
]
