"""The sandbox's outermost layer: lazy expiry, request log and fault injection.

Pure ASGI rather than Starlette's BaseHTTPMiddleware, because faults need the raw
``receive``/``send`` (to drop a connection or hold it open) and must not buffer responses.
"""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pos_app.sandbox.faults import send_fault
from pos_app.sandbox.notifier import Notifier
from pos_app.sandbox.state import SandboxState
from pos_app.sandbox.views import iso

CONTROL_PREFIX = "/_sandbox"


class SandboxMiddleware:
    def __init__(self, app: ASGIApp, state: SandboxState, notifier: Notifier) -> None:
        self.app = app
        self.state = state
        self.notifier = notifier

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = self.state
        # Expiry is lazy, like a clock only looked at when someone asks: every request first
        # lets due orders expire (and queues their IPNs), then flushes anything queued while no
        # event loop was running (Python-side calls on the state).
        state.expire_due()
        self.notifier.kick()
        path: str = scope["path"]
        if path.startswith(CONTROL_PREFIX):
            await self.app(scope, receive, send)  # the control API is never faulted or logged
            return

        entry = self._log_entry(scope)
        state.request_log.append(entry)
        faults = state.faults
        if faults.latency_ms and faults.applies_to(path):
            await asyncio.sleep(faults.latency_ms / 1000)
        kind = faults.draw(path)
        if kind is not None:
            entry["fault"] = kind
            if kind == "drop_after":

                async def lose(message: Message) -> None:
                    if message["type"] == "http.response.start":
                        entry["processed_status"] = message["status"]

                await self.app(scope, receive, lose)  # Mercado Pago acted...
                entry["status"] = await send_fault("drop", faults, receive, send)  # ...no answer
                return
            entry["status"] = await send_fault(kind, faults, receive, send)
            return

        async def send_and_record(message: Message) -> None:
            if message["type"] == "http.response.start":
                entry["status"] = message["status"]
            await send(message)

        await self.app(scope, receive, send_and_record)

    def _log_entry(self, scope: Scope) -> dict[str, Any]:
        headers = {key.decode("latin-1"): value for key, value in scope["headers"]}
        idempotency = headers.get("x-idempotency-key")
        # Never the Authorization header: the log is readable by anyone over the control API.
        return {
            "method": scope["method"],
            "path": scope["path"],
            "query": scope["query_string"].decode("latin-1"),
            "status": None,
            "fault": None,
            "idempotency_key": idempotency.decode("latin-1") if idempotency else None,
            "time": iso(self.state.now()),
        }
