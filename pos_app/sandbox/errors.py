"""Errors in Mercado Pago's envelope: ``{"message", "error", "status", "cause"}``.

Every error the sandbox answers, API or control, uses this one shape so that the client's
error parsing is exercised on every path (the SDKs read exactly these four fields).
"""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from pos_app.sandbox.jsonutil import JSONResponse


class ApiError(Exception):
    """Raised anywhere in a handler (or a state operation) to answer with an MP error."""

    def __init__(
        self,
        status: int,
        error: str,
        message: str,
        *,
        cause: list[Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status} {error}: {message}")
        self.status = status
        self.error = error
        self.message = message
        self.cause: list[Any] = cause if cause is not None else []
        self.headers = headers or {}

    def envelope(self) -> dict[str, Any]:
        return {
            "message": self.message,
            "error": self.error,
            "status": self.status,
            "cause": self.cause,
        }

    def response(self) -> Response:
        return JSONResponse(self.envelope(), status_code=self.status, headers=self.headers)


def unauthorized() -> ApiError:
    # The exact body real MP gives for a missing, malformed or revoked token.
    return ApiError(401, "unauthorized", "invalid_token")


def bad_request(message: str, error: str = "bad_request") -> ApiError:
    return ApiError(400, error, message)


def not_found(message: str, error: str = "not_found") -> ApiError:
    return ApiError(404, error, message)


async def handle_api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return exc.response()


async def handle_http_exception(request: Request, exc: Exception) -> Response:
    # Router-level 404/405 (unknown path, wrong method) also get MP's envelope, never HTML.
    assert isinstance(exc, HTTPException)
    keys = {404: "not_found", 405: "method_not_allowed"}
    error = keys.get(exc.status_code, "bad_request")
    message = "resource not found" if exc.status_code == 404 else str(exc.detail)
    return ApiError(exc.status_code, error, message, headers=dict(exc.headers or {})).response()
