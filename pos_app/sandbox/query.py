"""Query parameters of the search endpoints, refused with a 400 as Mercado Pago does."""

from __future__ import annotations

from datetime import datetime

from starlette.requests import Request

from pos_app.sandbox.errors import bad_request


def int_param(request: Request, name: str, default: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit():
        raise bad_request(f"{name} must be a non-negative integer")
    return int(raw)


def date_param(request: Request, name: str) -> datetime | None:
    """An ISO-8601 moment with its offset (``Z`` too); None when the parameter is absent."""
    raw = request.query_params.get(name)
    if not raw:
        return None
    try:
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise bad_request(f"{name} must be an ISO-8601 date") from None
    if moment.tzinfo is None:
        raise bad_request(f"{name} must have an offset")
    return moment
