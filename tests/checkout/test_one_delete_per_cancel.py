"""A cancel takes the order away once: one DELETE (or Orders API cancel) per cancel, counted
against the sandbox, whether the cashier's cancel or the poller confirms it."""

from __future__ import annotations

from typing import Any

import pytest

from pos_app.checkout.errors import CancelNotConfirmedError
from pos_app.domain.sale import SaleStatus
from pos_app.sandbox.faults import Faults
from tests.checkout.harness import APIS, line, rig
from tests.virtual_time import run_virtual


def withdrawals(log: list[dict[str, Any]]) -> int:
    return sum(
        1
        for r in log
        if (r["method"] == "DELETE" and r["path"].endswith("/orders"))
        or (r["method"] == "POST" and r["path"].endswith("/cancel"))
    )


@pytest.mark.parametrize("api", APIS)
def test_a_cancel_sends_one_delete(api: str) -> None:
    async def scenario() -> None:
        async with rig(api=api, cancel_recheck_delay=0.1) as r:
            await r.engine.charge([line()])
            r.state.request_log.clear()
            ended = await r.engine.cancel()
            assert ended.status is SaleStatus.CANCELED
            assert withdrawals(r.state.request_log) == 1, r.state.request_log
            reads = [x for x in r.state.request_log if x["method"] == "GET"]
            assert len(reads) >= 2  # two looks: at once, and the recheck

    run_virtual(scenario())


def test_a_cancel_the_poller_finishes_sends_one_delete() -> None:
    """The box is cleared, then the look fails: the poller confirms the cancel later, with
    looks only (the box is empty already)."""

    async def scenario() -> None:
        async with rig(cancel_recheck_delay=0.1) as r:
            sale = await r.engine.charge([line()])
            ref = sale.external_reference
            r.state.request_log.clear()
            # Every search fails for a while: the DELETE goes through, the look does not.
            r.state.faults = Faults(
                error_rate=1.0, kinds=["500"], path_prefix="/merchant_orders", retry_after=0
            )
            with pytest.raises(CancelNotConfirmedError):
                await r.engine.cancel()
            r.state.faults = Faults()
            ended = await r.sale_until(ref, lambda s: not s.is_open, timeout=15)
            assert ended.status is SaleStatus.CANCELED
            assert withdrawals(r.state.request_log) == 1, r.state.request_log

    run_virtual(scenario())
