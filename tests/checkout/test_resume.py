"""Start-up after a crash: every open sale is checked and settled or tracked again."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from pos_app.domain.money import site_for
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus
from pos_app.mercadopago.credentials import AccessToken
from pos_app.runtime import Runtime, open_runtime
from pos_app.sandbox.app import create_sandbox_app
from pos_app.sandbox.server import SandboxServer
from pos_app.sandbox.state import SandboxState
from tests.checkout.harness import config_for, line


def test_resume_settles_many_open_sales() -> None:
    async def scenario() -> None:
        state = SandboxState.seeded()
        async with SandboxServer(create_sandbox_app(state)) as server:
            config = config_for(state)
            token = AccessToken(state.seller_token)
            # Run 1: a sale reaches the box, then the process dies (no tracking, no cancel).
            async with open_runtime(config=config, token=token, base_url=server.base_url) as rt:
                live = await rt.engine.charge([line()])
                await rt.engine.aclose()
                # Older sales left open by earlier crashes: long expired, never sent.
                past = datetime.now(UTC) - timedelta(hours=2)
                stale = [
                    rt.ledger.create_sale(
                        user_id=state.seller_id,
                        store_external_id="SUC001",
                        box_external_id="CAJA01",
                        site=site_for("MLA"),
                        title="T",
                        lines=[line()],
                        total=Decimal("3450.50"),
                        iva_total=None,
                        now=past,
                        expires_at=past + timedelta(minutes=10),
                    )
                    for _ in range(40)
                ]
            state.pay_box("approved")  # the customer paid while the app was down
            # Run 2: start-up resume.
            async with open_runtime(config=config, token=token, base_url=server.base_url) as rt:
                resumed = await rt.engine.resume()
                by_ref = {s.external_reference: s for s in resumed}
                assert by_ref[live.external_reference].status is SaleStatus.PAID
                assert all(by_ref[s.external_reference].status is SaleStatus.EXPIRED for s in stale)
                assert rt.ledger.open_sales() == []
                # Never sent, so nothing can have been put on the box for them.
                assert all(not state.bodies_for(s.external_reference) for s in stale)

    asyncio.run(scenario())


def test_resume_resends_an_order_that_never_left() -> None:
    """Killed between writing the sale and the PUT: start-up sends it and tracks it."""

    async def scenario() -> None:
        state = SandboxState.seeded()
        async with SandboxServer(create_sandbox_app(state)) as server:
            config = config_for(state)
            token = AccessToken(state.seller_token)
            async with open_runtime(config=config, token=token, base_url=server.base_url) as rt:
                now = datetime.now(UTC)
                sale = rt.ledger.create_sale(
                    user_id=state.seller_id,
                    store_external_id="SUC001",
                    box_external_id="CAJA01",
                    site=site_for("MLA"),
                    title="T",
                    lines=[line()],
                    total=Decimal("3450.50"),
                    iva_total=None,
                    now=now,
                    expires_at=now + timedelta(minutes=10),
                )
            async with open_runtime(config=config, token=token, base_url=server.base_url) as rt:
                rt.engine.settings = replace(rt.engine.settings, search_lag_allowance=0.2)
                [resumed] = await rt.engine.resume()
                # Not on the box, nothing scanned: maybe never sent, maybe paid a moment ago
                # and not yet searchable. It is re-sent once that held search_lag_allowance.
                assert resumed.status is SaleStatus.CREATING
                assert not state.bodies_for(sale.external_reference)
                ref = sale.external_reference
                sent = await asyncio.wait_for(_until_sent(rt, ref), 5)
                assert sent.status is SaleStatus.PENDING
                assert len(state.bodies_for(sale.external_reference)) == 1
                state.pay_box("approved")
                final = await asyncio.wait_for(rt.engine.wait_final(sale.external_reference), 5)
                assert final.status is SaleStatus.PAID

    asyncio.run(scenario())


async def _until_sent(rt: Runtime, ref: str) -> SaleSnapshot:
    while True:
        sale = rt.ledger.get_sale(ref)
        assert sale is not None
        if sale.status is not SaleStatus.CREATING:
            return sale
        await asyncio.sleep(0.02)
