"""Bearer-token authentication and the "is this path yours" checks of the real API."""

from __future__ import annotations

from typing import cast

from starlette.requests import Request

from pos_app.sandbox.errors import ApiError, unauthorized
from pos_app.sandbox.jsonutil import JSONSyntaxError, loads
from pos_app.sandbox.models import Seller
from pos_app.sandbox.state import SandboxState


def sandbox_state(request: Request) -> SandboxState:
    return cast(SandboxState, request.app.state.sandbox)


def authenticate(request: Request) -> tuple[SandboxState, Seller]:
    """The seller owning the request's ``Authorization: Bearer`` token, or 401."""
    state = sandbox_state(request)
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthorized()
    seller = state.seller_by_token(token.strip())
    if seller is None:
        raise unauthorized()
    return state, seller


def check_collector(request: Request, seller: Seller) -> None:
    """Instore paths: a collector id that is not numeric or not the token's -> 400
    ``invalid_collectorId`` (the key the instore docs list; they give no 403)."""
    raw = request.path_params["user_id"]
    if not raw.isdigit() or int(raw) != seller.id:
        raise ApiError(400, "invalid_collectorId", f"collector {raw} is not the token's user")


def check_path_user(request: Request, seller: Seller) -> None:
    """``/users/{user_id}/...``: someone else's user id -> 403, as the stores docs say."""
    raw = request.path_params["user_id"]
    if not raw.isdigit() or int(raw) != seller.id:
        raise ApiError(403, "forbidden", "the token cannot access this user's resources")


async def json_body(request: Request) -> object:
    raw = await request.body()
    if not raw.strip():
        return None
    try:
        return loads(raw)
    except JSONSyntaxError as exc:
        raise ApiError(400, "bad_request", f"malformed JSON: {exc}") from None
