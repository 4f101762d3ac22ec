"""An Orders API sale keeps the QR mode its order was made with.

Its create may have to be sent again after a restart (the till was killed before Mercado Pago's
answer was written): it goes with the same idempotency key, so it must be the very same
request, or Mercado Pago answers 409 ``idempotency_key_already_used``. The mode came from
Settings at the time of sending, so a mode changed in between broke the sale."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime

from pos_app.domain.sale import SaleStatus
from pos_app.sandbox.state import SandboxState
from tests.checkout.harness import line, rig


def test_a_create_sent_again_after_the_qr_mode_changed_is_the_same_request() -> None:
    async def scenario() -> None:
        state = SandboxState.seeded()
        async with rig(state, api="orders", qr_mode="dynamic") as r:
            sale = await r.engine.charge([line()])
            ref, order_id = sale.external_reference, sale.order_id
            assert r.rt.ledger.get_sale(ref).qr_mode == "dynamic"  # type: ignore[union-attr]
            # The create's answer never reached the ledger (killed before it was written): the
            # sale is as the till left it then, "creating", no order id.
            r.rt.ledger.update_sale(
                ref,
                {"order_id": "", "status": SaleStatus.CREATING},
                now=datetime.now(UTC),
                kind="status",
                cause="test",
            )
        # Restarted with the QR mode changed in Settings.
        async with rig(state, api="orders", qr_mode="static") as r:
            r.engine.settings = replace(r.engine.settings, search_lag_allowance=0.0)
            again = await r.engine.reconcile(ref)
            assert again.status is SaleStatus.PENDING, again
            assert again.order_id == order_id  # Mercado Pago's answer to the same request
            assert state.orders_api.orders[order_id].mode == "dynamic"
            assert not [e for e in state.request_log if e.get("status") == 409], state.request_log[
                -3:
            ]

    asyncio.run(scenario())
