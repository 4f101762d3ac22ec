"""The checkout rig (``tests/checkout/harness.py``) tuned for faults: short client timeouts, quick
retries and a short trouble backoff, so a 30 % fault rate costs seconds, not minutes.

Everything waits on conditions (``Rig.until``) with generous limits; nothing asserts a duration.
The in-process fault tests run on virtual time (``tests/virtual_time.py``): the retries, the
hung requests' client timeouts and the backoff pass at once, in order.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

import httpx
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pos_app.checkout.errors import CancelNotConfirmedError
from pos_app.domain.records import SaleSnapshot
from pos_app.mercadopago.client import MercadoPagoClient
from pos_app.mercadopago.credentials import AccessToken
from pos_app.mercadopago.retry import RetryPolicy
from pos_app.sandbox.models import Box
from pos_app.sandbox.state import SandboxState
from tests.checkout.harness import Rig, line, rig

# Three attempts, tens of milliseconds apart (a Retry-After of up to 2 s is honoured): enough
# to see retries work and give up.
QUICK_RETRY = RetryPolicy(max_attempts=3, base_delay=0.02, max_delay=1.0, total_budget=3.0)
# Loopback answers in milliseconds; a hung request is abandoned after half a second.
SHORT_TIMEOUT = httpx.Timeout(0.5, connect=1.0)
WAIT = 30.0  # generous: a loaded 2-core machine must never fail a condition that holds


@dataclass
class FaultRig:
    r: Rig
    slept: list[float] = field(default_factory=list)  # every delay the client waited

    @property
    def state(self) -> SandboxState:
        return self.r.state

    @property
    def engine(self) -> Any:
        return self.r.engine

    @property
    def box(self) -> Box:
        box = self.state.find_box(self.state.seller_id, self.state.box_external_id)
        assert box is not None
        return box

    @property
    def api(self) -> str:
        return str(self.engine.settings.api)

    def on_box(self) -> str | None:
        """The reference a customer scanning the box now would pay (None: nothing)."""
        from pos_app.sandbox import orders_api

        api_order = orders_api.order_on_box(self.state, self.box)
        if api_order is not None:
            return api_order.external_reference
        order = self.state.box_orders.get(self.box.id)
        if order is None or order.expiration_date <= self.state.now():
            return None
        return order.external_reference

    def faults(self, **settings: Any) -> None:
        self.state.faults = replace(self.state.faults, **settings)

    def no_faults(self) -> None:
        self.faults(error_rate=0.0, latency_ms=0)

    async def until_on_box(self, ref: str) -> None:
        await self.r.until(lambda: self.on_box() == ref, WAIT)

    async def final(self, ref: str) -> SaleSnapshot:
        sale = await asyncio.wait_for(self.engine.wait_final(ref), WAIT)
        assert not sale.is_open
        return sale  # type: ignore[no-any-return]

    async def cancel(self, ref: str) -> SaleSnapshot:
        """The cashier cancels; when Mercado Pago cannot confirm it, the app keeps trying."""
        try:
            return await self.engine.cancel(ref)  # type: ignore[no-any-return]
        except CancelNotConfirmedError as exc:
            assert exc.sale.is_open and exc.sale.cancel_requested
            return await self.final(ref)

    async def settled(self) -> None:
        """Faults off: every sale must end by itself (tracking never gives up)."""
        self.no_faults()
        await self.r.until(lambda: not self.r.rt.ledger.open_sales(), WAIT)

    def requests(self, method: str, path_part: str) -> int:
        return sum(
            1
            for entry in self.state.request_log
            if entry["method"] == method and path_part in entry["path"]
        )


def answer_lost(method: str, path_part: str, times: int) -> tuple[type[Any], list[str]]:
    """A middleware that lets the sandbox *process* the first ``times`` matching requests, then
    drops the connection instead of answering: the request took effect, the app cannot know.
    (The sandbox's own faults strike before the request is processed.)"""
    lost: list[str] = []

    class LoseTheAnswer:
        def __init__(self, app: ASGIApp) -> None:
            self.app = app

        async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
            if (
                scope["type"] != "http"
                or scope["method"] != method
                or path_part not in scope["path"]
                or len(lost) >= times
            ):
                await self.app(scope, receive, send)
                return

            async def swallow(message: Message) -> None:
                pass

            await self.app(scope, receive, swallow)
            lost.append(scope["path"])
            transport = getattr(getattr(receive, "__self__", None), "transport", None)
            assert transport is not None, "needs a real socket (uvicorn)"
            transport.close()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(5):
                    while (await receive())["type"] != "http.disconnect":
                        pass

    return LoseTheAnswer, lost


@asynccontextmanager
async def fault_rig(
    *,
    ttl: timedelta = timedelta(minutes=10),
    cancel_recheck_delay: float = 0.3,
    middleware: type[Any] | None = None,
    **changes: Any,
) -> AsyncIterator[FaultRig]:
    async with rig(
        ttl=ttl, cancel_recheck_delay=cancel_recheck_delay, middleware=middleware, **changes
    ) as r:
        f = FaultRig(r)

        async def sleep(seconds: float) -> None:
            f.slept.append(seconds)
            await asyncio.sleep(seconds)

        client = MercadoPagoClient(
            r.rt.http,
            AccessToken(r.state.seller_token),
            base_url=r.server.base_url,
            retry=QUICK_RETRY,
            timeout=SHORT_TIMEOUT,
            sleep=sleep,
        )
        r.rt.client = client
        r.engine.replace_client(client)
        # The sandbox's search never lags here (unless a test says so): re-send soon.
        r.engine.settings = replace(
            r.engine.settings, trouble_backoff_max=0.3, search_lag_allowance=0.3
        )
        # A "timeout" fault holds the request until the client gives up; never much longer.
        r.state.faults.hang_seconds = 5.0
        yield f


__all__ = ["WAIT", "FaultRig", "fault_rig", "line"]
