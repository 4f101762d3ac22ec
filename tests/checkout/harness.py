"""An engine wired to the sandbox over a real loopback socket, for Qt-free tests."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from unittest.mock import patch

from pos_app import runtime as runtime_module
from pos_app.checkout.engine import CheckoutEngine
from pos_app.checkout.events import Event, SaleChanged
from pos_app.domain.cart import CartLine
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus
from pos_app.ledger.store import Ledger
from pos_app.mercadopago.credentials import AccessToken
from pos_app.runtime import Runtime, open_runtime
from pos_app.sandbox.app import create_sandbox_app
from pos_app.sandbox.server import SandboxServer
from pos_app.sandbox.state import SandboxState
from pos_app.settings.config import Config, PollSchedule
from tests.virtual_time import VirtualTimeLoop

FAST_POLL = PollSchedule(fast=0.05, fast_for=3600, medium=0.05, slow=0.05, with_notifications=0.05)
# The quickest schedule a config file may hold (Settings' bounds, checked on load): for tests
# that save the config for another process or the command line to read.
FILE_POLL = PollSchedule(fast=0.2, fast_for=3600, medium=0.2, slow=0.2, with_notifications=0.2)


def config_for(state: SandboxState, **changes: object) -> Config:
    base = Config(
        user_id=state.seller_id,
        site_id=state.site_id,
        nickname="TESTDEMO",
        is_test_user=True,
        store_external_id=state.store_external_id,
        store_name="Sucursal Centro",
        box_external_id=state.box_external_id,
        box_name="Caja 1",
        poll=FAST_POLL,
    )
    return base.with_changes(**changes)


@dataclass
class Rig:
    rt: Runtime
    state: SandboxState
    server: SandboxServer
    events: list[Event]

    @property
    def engine(self):  # type: ignore[no-untyped-def]
        return self.rt.engine

    def offered(self, ref: str) -> bool:
        """Can a customer still pay ``ref`` at the box (either API's order)?"""
        self.state.expire_due()
        box = self.state.find_box(self.state.seller_id, self.state.box_external_id)
        assert box is not None
        order = self.state.box_orders.get(box.id)
        if order is not None and order.external_reference == ref:
            return True
        return any(
            o.external_reference == ref and o.status == "created"
            for o in self.state.orders_api.orders.values()
        )

    def statuses(self, ref: str) -> list[str]:
        return [
            e.sale.status.value
            for e in self.events
            if isinstance(e, SaleChanged) and e.sale.external_reference == ref
        ]

    async def until(
        self, predicate: Callable[[], bool], timeout: float = 5.0, step: float = 0.02
    ) -> None:
        deadline = asyncio.get_running_loop().time() + timeout
        while not predicate():
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError("condition not reached in time")
            await asyncio.sleep(step)

    async def sale_until(
        self, ref: str, predicate: Callable[[SaleSnapshot], bool], timeout: float = 5.0
    ) -> SaleSnapshot:
        await self.until(lambda: predicate(self.rt.ledger.get_sale(ref)), timeout)  # type: ignore[arg-type]
        sale = self.rt.ledger.get_sale(ref)
        assert sale is not None
        return sale


@asynccontextmanager
async def rig(
    state: SandboxState | None = None,
    *,
    ttl: timedelta = timedelta(minutes=10),
    cancel_recheck_delay: float = 0.2,
    middleware: type[Any] | None = None,
    **config_changes: object,
) -> AsyncIterator[Rig]:
    """``middleware``: an ASGI middleware class of the test's own, outside the sandbox's.

    Under :func:`tests.virtual_time.run_virtual` the engine and the sandbox take the loop's
    virtual clocks, so a test can let minutes pass (the real schedule, the real TTL) at once.
    """
    state = state or SandboxState.seeded()
    loop = asyncio.get_running_loop()
    if isinstance(loop, VirtualTimeLoop):
        state.clock = loop.wall
    app = create_sandbox_app(state)
    if middleware is not None:
        app.add_middleware(middleware)
    async with SandboxServer(app) as server:
        config = config_for(state, **config_changes)
        with engine_clocks():
            async with open_runtime(
                config=config, token=AccessToken(state.seller_token), base_url=server.base_url
            ) as rt:
                rt.engine.settings = replace(
                    rt.engine.settings, ttl=ttl, cancel_recheck_delay=cancel_recheck_delay
                )
                events: list[Event] = []
                rt.bus.subscribe(events.append)
                yield Rig(rt, state, server, events)


@contextmanager
def engine_clocks(loop: asyncio.AbstractEventLoop | None = None) -> Iterator[None]:
    """On virtual time, the runtime's engine is built with the loop's clocks (the engine's
    ``clock`` and ``monotonic`` constructor seams); else nothing changes. ``loop``: the
    running one unless given."""
    loop = loop or asyncio.get_running_loop()
    if not isinstance(loop, VirtualTimeLoop):
        yield
        return
    built: list[CheckoutEngine] = []

    def build(*args: Any, **kwargs: Any) -> CheckoutEngine:
        engine = CheckoutEngine(*args, **kwargs, clock=loop.wall, monotonic=loop.time)
        built.append(engine)
        return engine

    with patch.object(runtime_module, "CheckoutEngine", build):
        yield
    assert built, "open_runtime no longer builds pos_app.runtime.CheckoutEngine: fix the seam"


def _every_runtime(monkeypatch: Any, **changes: Any) -> None:
    """Every runtime opened from here on gets ``changes`` to its engine's settings."""
    real = runtime_module.checkout_settings

    def settings(config: Config, **kwargs: Any) -> Any:
        return replace(real(config, **kwargs), **changes)

    monkeypatch.setattr(runtime_module, "checkout_settings", settings)


def quick_cancel_recheck(monkeypatch: Any, delay: float = 0.2) -> None:
    """Every runtime opened from here on confirms a cancel ``delay`` seconds after its first
    look, as :func:`rig` does, instead of the engine's 2 s: for commands run in the test's
    process against a sandbox thread, on real time (``pos-app cancel`` waited the 2 s)."""
    _every_runtime(monkeypatch, cancel_recheck_delay=delay)


def quick_poll(monkeypatch: Any, poll: PollSchedule = FAST_POLL) -> None:
    """Every runtime opened from here on follows its sales on ``poll`` (every 0.05 s), whatever
    the config file or ``--poll-interval`` says (neither goes under Settings' 0.2 s): for a
    command run in the test's process that must see several polls of the same state, on real
    time, against a sandbox thread."""
    _every_runtime(monkeypatch, poll=poll)


APIS = ["instore", "orders"]


def line(title: str = "Yerba 1kg", price: str = "1725.25", qty: int = 2) -> CartLine:
    return CartLine(sku="7790001", title=title, unit_price=Decimal(price), quantity=qty)


def lose_create_answer(ledger: Ledger, ref: str) -> None:
    """An Orders API sale as a till killed before it wrote the create's answer left it: no
    order id, no QR, still ``creating``."""
    ledger.update_sale(
        ref,
        {"order_id": "", "qr_data": "", "status": SaleStatus.CREATING},
        now=datetime.now(UTC),
        kind="status",
        cause="test",
    )
