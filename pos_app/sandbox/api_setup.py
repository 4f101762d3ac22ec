"""Account, stores and boxes (notes §4): what the app's setup wizard calls.

Error keys the notes give are used as is (``INVALID_NAME``, ``INVALID_LOCATION``,
``INVALID_STATE_NAME``, ``VALIDATION_ERROR``, 409 on a duplicate box). For ``POST /pos`` field
errors MP documents no keys, so the sandbox answers 400 ``invalid_<field>``, and 409
``point_of_sale_exists`` for a duplicate external_id.
"""

from __future__ import annotations

import re
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pos_app.sandbox.auth import authenticate, check_path_user, json_body
from pos_app.sandbox.errors import ApiError, bad_request
from pos_app.sandbox.jsonutil import JSONResponse
from pos_app.sandbox.models import Box, Seller
from pos_app.sandbox.state import SandboxState
from pos_app.sandbox.validation import number
from pos_app.sandbox.views import box_json, seller_json, store_json

BOX_EXTERNAL_ID_RE = re.compile(r"\A[A-Za-z0-9]{1,39}\Z")  # \Z: "$" matched before a final "\n"


async def users_me(request: Request) -> Response:
    _, seller = authenticate(request)
    return JSONResponse(seller_json(seller))


def _paging(request: Request, items: list[Any], default_limit: int = 50) -> dict[str, Any]:
    try:
        limit = int(request.query_params.get("limit", default_limit))
        offset = int(request.query_params.get("offset", 0))
    except ValueError:
        raise bad_request("limit and offset must be integers") from None
    return {
        "paging": {"total": len(items), "offset": offset, "limit": limit},
        "results": items[offset : offset + limit],
    }


def _location(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ApiError(400, "INVALID_LOCATION", "location is required")
    state_name = value.get("state_name")
    if not isinstance(state_name, str) or not state_name.strip():
        raise ApiError(400, "INVALID_STATE_NAME", "location.state_name is invalid")
    for key in ("street_number", "street_name", "city_name"):
        # street_number is a string in MP's API even though it holds digits.
        if not isinstance(value.get(key), str) or not value[key].strip():
            raise ApiError(400, "INVALID_LOCATION", f"location.{key} must be a non-empty string")
    for key, bound in (("latitude", 90), ("longitude", 180)):
        coordinate = number(value.get(key))
        if coordinate is None or not -bound <= coordinate <= bound:
            raise ApiError(400, "INVALID_LOCATION", f"location.{key} must be a number")
    return dict(value)


async def create_store(request: Request) -> Response:
    state, seller = authenticate(request)
    check_path_user(request, seller)
    body = await json_body(request)
    if not isinstance(body, dict):
        raise bad_request("body must be a JSON object")
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ApiError(400, "INVALID_NAME", "name is required")
    external_id = body.get("external_id", "")
    if not isinstance(external_id, str) or len(external_id) > 60:
        raise ApiError(400, "VALIDATION_ERROR", "external_id must be a string of up to 60 chars")
    if external_id and state.find_store(seller.id, external_id) is not None:
        raise ApiError(400, "VALIDATION_ERROR", f"external_id {external_id!r} is already used")
    location = _location(body.get("location"))
    hours = body.get("business_hours")
    store = state.add_store(
        seller.id, name, external_id, location, hours if isinstance(hours, dict) else None
    )
    return JSONResponse(store_json(store))


async def search_stores(request: Request) -> Response:
    state, seller = authenticate(request)
    check_path_user(request, seller)
    external_id = request.query_params.get("external_id")
    stores = [
        store_json(store)
        for store in state.stores_of(seller.id)
        if external_id is None or store.external_id == external_id
    ]
    return JSONResponse(_paging(request, stores))


def _store_id(value: Any) -> int | None:
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


async def create_box(request: Request) -> Response:
    state, seller = authenticate(request)
    body = await json_body(request)
    if not isinstance(body, dict):
        raise bad_request("body must be a JSON object")
    name = body.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) >= 45:
        raise ApiError(400, "invalid_name", "name must be a string shorter than 45 chars")
    external_id = body.get("external_id")
    if not isinstance(external_id, str) or not BOX_EXTERNAL_ID_RE.match(external_id):
        raise ApiError(
            400, "invalid_external_id", "external_id must be letters and digits, < 40 chars"
        )
    store_id = _store_id(body.get("store_id"))
    store = state.stores.get(store_id) if store_id is not None else None
    if store is None or store.user_id != seller.id:
        raise ApiError(400, "invalid_store_id", "store_id is not one of your stores")
    external_store_id = body.get("external_store_id")
    if external_store_id is not None and external_store_id != store.external_id:
        raise ApiError(
            400, "invalid_external_store_id", "external_store_id does not match store_id"
        )
    fixed_amount = body.get("fixed_amount", False)
    if not isinstance(fixed_amount, bool):
        raise ApiError(400, "invalid_fixed_amount", "fixed_amount must be boolean")
    category = body.get("category")
    if category is not None and (
        not isinstance(category, int) or isinstance(category, bool) or category < 0
    ):
        raise ApiError(400, "invalid_category", "category must be a number (MCC)")
    if state.find_box(seller.id, external_id) is not None:
        raise ApiError(409, "point_of_sale_exists", f"pos {external_id!r} already exists")
    box = state.add_box(
        seller.id, store, name, external_id, fixed_amount=fixed_amount, category=category
    )
    return JSONResponse(box_json(box), status_code=201)


async def search_boxes(request: Request) -> Response:
    state, seller = authenticate(request)
    query = request.query_params
    store_id = query.get("store_id")
    boxes = [
        box_json(box)
        for box in state.boxes_of(seller.id)
        if query.get("external_id") in (None, box.external_id)
        and query.get("external_store_id") in (None, box.external_store_id)
        and store_id in (None, str(box.store_id))
    ]
    return JSONResponse(_paging(request, boxes))


def _own_box(state: SandboxState, seller: Seller, box_id: int) -> Box:
    box = state.boxes.get(box_id)
    if box is None or box.user_id != seller.id:
        raise ApiError(404, "not_found", f"pos {box_id} not found")
    return box


async def get_box(request: Request) -> Response:
    state, seller = authenticate(request)
    box = _own_box(state, seller, request.path_params["id"])
    return JSONResponse(box_json(box, with_qr_code=True))


async def delete_box(request: Request) -> Response:
    state, seller = authenticate(request)
    box = _own_box(state, seller, request.path_params["id"])
    del state.boxes[box.id]
    state.box_orders.pop(box.id, None)
    return Response(status_code=204)


routes = [
    Route("/users/me", users_me, methods=["GET"]),
    Route("/users/{user_id}/stores", create_store, methods=["POST"]),
    Route("/users/{user_id}/stores/search", search_stores, methods=["GET"]),
    Route("/pos", create_box, methods=["POST"]),
    Route("/pos", search_boxes, methods=["GET"]),
    Route("/pos/{id:int}", get_box, methods=["GET"]),
    Route("/pos/{id:int}", delete_box, methods=["DELETE"]),
]
