"""Helpers for tests that drive the sandbox in process (this package's and the app's).

``InProcessSandbox.run(scenario)`` builds an ``httpx.AsyncClient`` over ``ASGITransport`` in a
fresh event loop, runs the scenario, waits for IPNs in flight and closes everything, so that
``-W error`` never sees a leaked client. ``ManualClock`` replaces ``SandboxState.clock``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from starlette.applications import Starlette

from pos_app.sandbox.app import create_sandbox_app
from pos_app.sandbox.notifier import Notifier
from pos_app.sandbox.state import SandboxState

FIXED_NOW = datetime(2026, 11, 22, 19, 0, tzinfo=UTC)
SAMPLE_REFERENCE = "B01S000042X7K2"


class ManualClock:
    """A clock that only moves when told to: ``state.clock = ManualClock()``."""

    def __init__(self, start: datetime = FIXED_NOW) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def sample_order_body(now: datetime = FIXED_NOW, **overrides: Any) -> dict[str, Any]:
    """The notes' example order (one item, 3450.5), expiring 10 minutes after ``now``."""
    body: dict[str, Any] = {
        "external_reference": SAMPLE_REFERENCE,
        "title": "Almacen Don Pepe",
        "description": "3 items",
        "expiration_date": (now + timedelta(minutes=10)).isoformat(),
        "total_amount": 3450.5,
        "items": [
            {
                "sku_number": "7790001",
                "category": "FOOD",
                "title": "Yerba 1kg",
                "unit_price": 1725.25,
                "quantity": 2,
                "unit_measure": "unit",
                "total_amount": 3450.5,
            }
        ],
    }
    body.update(overrides)
    return body


class InProcessSandbox:
    def __init__(
        self,
        state: SandboxState | None = None,
        *,
        notifier_transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.state = state if state is not None else SandboxState.seeded()
        self.notifier_transport = notifier_transport
        self.app: Starlette | None = None

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.state.seller_token}"}

    @property
    def put_path(self) -> str:
        return (
            f"/instore/qr/seller/collectors/{self.state.seller_id}"
            f"/stores/{self.state.store_external_id}/pos/{self.state.box_external_id}/orders"
        )

    @property
    def order_path(self) -> str:
        return (
            f"/instore/qr/seller/collectors/{self.state.seller_id}"
            f"/pos/{self.state.box_external_id}/orders"
        )

    @property
    def notifier(self) -> Notifier:
        assert self.app is not None, "only inside run()"
        notifier: Notifier = self.app.state.notifier
        return notifier

    def run(self, scenario: Callable[[httpx.AsyncClient], Awaitable[None]]) -> None:
        async def main() -> None:
            self.app = create_sandbox_app(self.state, notifier_transport=self.notifier_transport)
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://mp.test") as c:
                await scenario(c)
                await self.notifier.drain()

        asyncio.run(main())

    async def put(self, client: httpx.AsyncClient, **overrides: Any) -> httpx.Response:
        body = sample_order_body(self.state.now(), **overrides)
        return await client.put(self.put_path, json=body, headers=self.auth)

    async def search(self, client: httpx.AsyncClient, **params: Any) -> dict[str, Any]:
        params.setdefault("external_reference", SAMPLE_REFERENCE)
        response = await client.get("/merchant_orders/search", params=params, headers=self.auth)
        assert response.status_code == 200, response.text
        data: dict[str, Any] = response.json()
        return data
