"""Test harness for the receiver: a till on the sandbox over real loopback sockets.

``open_till()`` serves the sandbox with uvicorn, opens the real runtime against it (ledger in the
per-test ``POS_APP_HOME``) with the receiver on ``127.0.0.1:0``, and points the orders'
``notification_url`` at it, so the sandbox delivers its IPNs over a real socket. Everything is
closed on exit (the suite turns unclosed-resource warnings into errors).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import httpx

from pos_app.checkout.events import Event, SaleChanged
from pos_app.domain.cart import CartLine
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus
from pos_app.mercadopago.credentials import AccessToken
from pos_app.notifications import NotificationReceiver
from pos_app.runtime import Runtime, open_runtime
from pos_app.sandbox.app import create_sandbox_app
from pos_app.sandbox.server import SandboxServer
from pos_app.sandbox.state import SandboxState
from pos_app.settings.config import Config, PollSchedule
from pos_app.system.tls import client_context
from tests.checkout.harness import engine_clocks
from tests.virtual_time import VirtualTimeLoop, run_virtual

SLOW_POLL = PollSchedule.fixed(30)  # ``--poll-interval 30``: polling alone would take 30 s
LINE = CartLine(sku="7790001", title="Yerba 1kg", unit_price=Decimal("1725.25"), quantity=2)


def till_config(state: SandboxState, *, poll: PollSchedule, listen: str) -> Config:
    return Config(
        user_id=state.seller_id,
        site_id=state.site_id,
        nickname="TEST",
        is_test_user=True,
        store_external_id=state.store_external_id,
        box_external_id=state.box_external_id,
        poll=poll,
        notify_listen=listen,
    )


@dataclass
class Till:
    sandbox: SandboxServer
    rt: Runtime
    control: httpx.AsyncClient  # the sandbox's control API: the customer's phone
    changes: list[SaleChanged] = field(default_factory=list)

    @property
    def state(self) -> SandboxState:
        return self.sandbox.state

    @property
    def receiver(self) -> NotificationReceiver:
        assert self.rt.receiver is not None, self.rt.receiver_problem
        return self.rt.receiver

    async def charge(self) -> SaleSnapshot:
        sale = await self.rt.engine.charge([LINE])
        assert sale.status is SaleStatus.PENDING, sale
        return sale

    async def pay(self, outcome: str = "approved") -> dict[str, Any]:
        box = self.state.box_external_id
        response = await self.control.post(f"/_sandbox/boxes/{box}/pay", json={"outcome": outcome})
        response.raise_for_status()
        data: dict[str, Any] = response.json()
        return data

    async def scan(self) -> int:
        response = await self.control.post(f"/_sandbox/boxes/{self.state.box_external_id}/scan")
        response.raise_for_status()
        return int(response.json()["id"])

    async def settle(self) -> None:
        """Wait for IPNs in flight and the hints they caused."""
        await self.sandbox.app.state.notifier.drain()
        if self.rt.receiver is not None:
            await self.rt.receiver.dispatcher.drain()

    def sale(self, ref: str) -> SaleSnapshot:
        sale = self.rt.ledger.get_sale(ref)
        assert sale is not None
        return sale

    def history(self, ref: str) -> list[tuple[str, str]]:
        return [(e.kind, e.cause) for e in self.rt.ledger.sale_events(ref)]

    def paid_events(self, ref: str) -> list[SaleChanged]:
        return [
            c
            for c in self.changes
            if c.sale.external_reference == ref
            and c.sale.status is SaleStatus.PAID
            and c.previous is not SaleStatus.PAID
        ]

    def api_requests(self, path: str) -> int:
        return sum(1 for r in self.state.request_log if r["path"] == path)

    async def post(self, query: str, **kwargs: Any) -> httpx.Response:
        """A notification from "someone" straight to the receiver, over the socket."""
        async with httpx.AsyncClient(trust_env=False, verify=client_context()) as http:
            return await http.post(f"{self.receiver.url}{query}", **kwargs)


@asynccontextmanager
async def open_till(
    *, poll: PollSchedule = SLOW_POLL, receiver: bool = True, state: SandboxState | None = None
) -> AsyncIterator[Till]:
    state = state or SandboxState.seeded()
    loop = asyncio.get_running_loop()
    if isinstance(loop, VirtualTimeLoop):
        state.clock = loop.wall
    async with (
        SandboxServer(create_sandbox_app(state)) as sandbox,
        httpx.AsyncClient(
            base_url=sandbox.base_url, trust_env=False, verify=client_context()
        ) as control,
    ):
        config = till_config(state, poll=poll, listen="127.0.0.1:0" if receiver else "")
        with engine_clocks():
            async with open_runtime(
                config=config, token=AccessToken(state.seller_token), base_url=sandbox.base_url
            ) as rt:
                if receiver:
                    assert rt.receiver is not None, rt.receiver_problem
                    # Port 0 is only known now: this is what the public URL would be.
                    await rt.reconfigure(config.with_changes(notify_url=rt.receiver.url))
                till = Till(sandbox, rt, control)

                def record(event: Event) -> None:
                    if isinstance(event, SaleChanged):
                        till.changes.append(event)

                rt.bus.subscribe(record)
                yield till


def run_till(scenario: Callable[[Till], Awaitable[None]], **kwargs: Any) -> None:
    """On virtual time (tests/virtual_time.py): the poll schedule, the dispatcher's delays and
    every timeout pass at once, in order; the sockets are real."""

    async def main() -> None:
        async with open_till(**kwargs) as till:
            await scenario(till)

    run_virtual(main())
