"""The sandbox as a Starlette app: Mercado Pago's instore API subset plus ``/_sandbox/``."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware

from pos_app.sandbox import (
    api_instore,
    api_merchant_orders,
    api_setup,
    control,
    orders_api,
    payments_api,
    payments_search,
)
from pos_app.sandbox.errors import ApiError, handle_api_error, handle_http_exception
from pos_app.sandbox.middleware import SandboxMiddleware
from pos_app.sandbox.notifier import Notifier
from pos_app.sandbox.state import SandboxState


def create_sandbox_app(
    state: SandboxState | None = None,
    *,
    notifier_transport: httpx.AsyncBaseTransport | None = None,
) -> Starlette:
    """Build the app. ``state`` defaults to :meth:`SandboxState.seeded`; IPNs go out through
    ``notifier_transport`` when given (e.g. an ``httpx.ASGITransport`` to an in-process
    receiver), else over the network."""
    state = state if state is not None else SandboxState.seeded()
    # One notifier delivers a state's IPNs: the newest app built on it takes over.
    state.outbox_listeners.clear()
    notifier = Notifier(state, notifier_transport)
    app = Starlette(
        routes=[
            *api_setup.routes,
            *api_instore.routes,
            *payments_search.routes,  # before /v1/payments/{id}
            *api_merchant_orders.routes,
            *payments_api.routes,  # refunds (§8)
            *control.routes,
            *orders_api.routes,
            *orders_api.control_routes,
        ],
        middleware=[Middleware(SandboxMiddleware, state=state, notifier=notifier)],
        exception_handlers={
            ApiError: handle_api_error,
            HTTPException: handle_http_exception,
        },
    )
    app.state.sandbox = state
    app.state.notifier = notifier
    return app
