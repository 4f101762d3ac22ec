"""A sale is finished where it was made: at its own store and box, whatever Settings say now.

The till's box was changed in Settings while a sale made on the old box was still open (killed
mid-cancel, or before its order was sent). At start-up, the look, the re-send and the DELETE
must all go to the sale's own store and box, never to the configured ones."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from pos_app.domain.money import site_for
from pos_app.domain.sale import SaleStatus
from pos_app.mercadopago.credentials import AccessToken
from pos_app.runtime import open_runtime
from pos_app.sandbox.app import create_sandbox_app
from pos_app.sandbox.server import SandboxServer
from pos_app.sandbox.state import SandboxState
from tests.checkout.harness import config_for, line


def _second_store(state: SandboxState) -> None:
    first = next(iter(state.stores.values()))
    store = state.add_store(state.seller_id, "Sucursal Norte", "SUC002", first.location)
    state.add_box(state.seller_id, store, "Caja 2", "CAJA02", fixed_amount=True, category=None)


def test_resume_after_the_box_changed_uses_each_sales_own_store_and_box() -> None:
    async def scenario() -> None:
        state = SandboxState.seeded()
        _second_store(state)
        async with SandboxServer(create_sandbox_app(state)) as server:
            token = AccessToken(state.seller_token)
            now = datetime.now(UTC)
            made = {
                "user_id": state.seller_id,
                "store_external_id": "SUC001",
                "box_external_id": "CAJA01",
                "site": site_for("MLA"),
                "title": "T",
                "lines": [line()],
                "total": Decimal("3450.50"),
                "iva_total": None,
                "now": now,
                "expires_at": now + timedelta(minutes=10),
            }
            # Run 1, on box CAJA01 of store SUC001: one sale killed before its PUT, one on the
            # box killed in the middle of its cancel.
            async with open_runtime(
                config=config_for(state), token=token, base_url=server.base_url
            ) as rt:
                canceling = await rt.engine.charge([line()])
                await rt.engine.aclose()
                never_sent = rt.ledger.create_sale(**made, create_key="k-put")
                rt.ledger.update_sale(
                    canceling.external_reference,
                    {"cancel_requested": True},
                    now=now,
                    kind="cancel_requested",
                    cause="cancel",
                )
            # Settings now say: store SUC002, box CAJA02.
            moved = config_for(state, store_external_id="SUC002", box_external_id="CAJA02")
            async with open_runtime(config=moved, token=token, base_url=server.base_url) as rt:
                rt.engine.settings = replace(
                    rt.engine.settings, search_lag_allowance=0.0, cancel_recheck_delay=0.05
                )
                state.request_log.clear()
                resumed = {s.external_reference: s for s in await rt.engine.resume()}
                assert resumed[canceling.external_reference].status is SaleStatus.CANCELED
                ref = never_sent.external_reference
                sent = await rt.engine.reconcile(ref)  # the search lag is over: send it
                assert sent.status is SaleStatus.PENDING, sent
                box_calls = [
                    (r["method"], r["path"])
                    for r in state.request_log
                    if r["path"].endswith("/orders") and "/instore/" in r["path"]
                ]
                assert box_calls, state.request_log
                assert all("CAJA01" in path for _method, path in box_calls), box_calls
                puts = [path for method, path in box_calls if method == "PUT"]
                assert len(puts) == 1 and "/stores/SUC001/" in puts[0]
                assert any(method == "DELETE" for method, _path in box_calls)
                assert not any("CAJA02" in r["path"] for r in state.request_log)

    asyncio.run(scenario())


def test_a_sale_left_on_the_old_box_is_followed_until_its_customer_pays() -> None:
    """Restarted after the box was changed in Settings, the till still follows a sale whose
    order waits on the old box: the customer who pays it there is seen as paid (it used to be
    looked at once at start-up and then left "pending")."""

    async def scenario() -> None:
        state = SandboxState.seeded()
        _second_store(state)
        async with SandboxServer(create_sandbox_app(state)) as server:
            token = AccessToken(state.seller_token)
            async with open_runtime(
                config=config_for(state), token=token, base_url=server.base_url
            ) as rt:
                sale = await rt.engine.charge([line()])  # on CAJA01, waiting
            moved = config_for(state, store_external_id="SUC002", box_external_id="CAJA02")
            async with open_runtime(config=moved, token=token, base_url=server.base_url) as rt:
                ref = sale.external_reference
                resumed = {s.external_reference: s for s in await rt.engine.resume()}
                assert resumed[ref].status is SaleStatus.PENDING
                state.pay_box(external_pos_id="CAJA01")  # the customer pays at the old box
                for _ in range(200):
                    now = rt.ledger.get_sale(ref)
                    if now is not None and now.status is SaleStatus.PAID:
                        break
                    await asyncio.sleep(0.02)
                assert now is not None and now.status is SaleStatus.PAID, now

    asyncio.run(scenario())
