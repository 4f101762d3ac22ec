"""IPN delivery: POST ``?topic=...&id=...`` to an order's notification_url, in the background.

Deliveries never block the request that caused them (MP does not wait for the receiver either),
are attempted once with a short timeout, and every attempt is recorded in
``state.notifications``. Real MP retries a failed delivery for hours; the sandbox does not,
which is the harsher case for the app: it must poll by reference anyway.
"""

from __future__ import annotations

import asyncio
import logging
import time

import httpx

from pos_app.sandbox.jsonutil import dumps
from pos_app.sandbox.models import Ipn
from pos_app.sandbox.state import SandboxState
from pos_app.sandbox.views import iso
from pos_app.system.tls import client_context

log = logging.getLogger(__name__)


class _BorrowedTransport(httpx.AsyncBaseTransport):
    """Lends a caller's transport to short-lived clients without letting them close it."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self._inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        pass


class Notifier:
    def __init__(
        self,
        state: SandboxState,
        transport: httpx.AsyncBaseTransport | None = None,
        *,
        timeout: float = 5.0,
    ) -> None:
        self.state = state
        self._transport = transport
        self._timeout = timeout
        self._tasks: set[asyncio.Task[None]] = set()
        state.outbox_listeners.append(self.kick)

    def kick(self) -> None:
        """Start delivering whatever is queued; a no-op outside a running event loop (the
        queue is then flushed by the next request)."""
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return
        while self.state.outbox:
            task = asyncio.ensure_future(self._deliver(self.state.outbox.pop(0)))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    @property
    def pending(self) -> int:
        return len(self._tasks)

    async def drain(self, timeout: float = 10.0) -> None:
        """Wait for deliveries in flight (tests call this before asserting on them)."""
        self.kick()
        deadline = time.monotonic() + timeout
        while self._tasks and time.monotonic() < deadline:
            await asyncio.wait(set(self._tasks), timeout=deadline - time.monotonic())

    def _client(self) -> httpx.AsyncClient:
        transport = _BorrowedTransport(self._transport) if self._transport else None
        # trust_env=False: a proxy from the environment must not intercept loopback receivers.
        return httpx.AsyncClient(
            transport=transport,
            timeout=self._timeout,
            trust_env=False,
            verify=client_context(),  # built once (pos_app.system.tls)
        )

    async def _deliver(self, ipn: Ipn) -> None:
        record: dict[str, object] = {
            "url": ipn.url,
            "topic": ipn.topic,
            "id": ipn.resource_id,
            "body": ipn.body,
            "status": None,
            "error": None,
            "time": iso(self.state.now()),
        }
        self.state.notifications.append(record)
        if not self.state.ipn_enabled:
            record["error"] = "disabled"
            return
        if self.state.ipn_delay_ms:
            await asyncio.sleep(self.state.ipn_delay_ms / 1000)
        try:
            async with self._client() as client:
                response = await client.post(
                    ipn.url,
                    content=dumps(ipn.body).encode(),
                    headers={
                        "content-type": "application/json",
                        "user-agent": "MercadoPago",
                        **ipn.headers,
                    },
                )
            record["status"] = response.status_code
            if response.status_code not in (200, 201):
                log.warning("IPN to %s answered %s", ipn.url, response.status_code)
        except Exception as exc:  # a broken receiver must never break the sandbox
            record["error"] = f"{type(exc).__name__}: {exc}"
            log.warning("IPN to %s failed: %s", ipn.url, record["error"])
