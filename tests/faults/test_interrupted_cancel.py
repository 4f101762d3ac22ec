"""A till SIGKILLed while a cancel is being confirmed (the box already empty, the sale still
``pending`` in the ledger) finishes that cancel when it starts again (issue 16, item 11).

Before, the restart left the sale pending and the next ``pos-app charge`` was refused ("the box
is still waiting for ...") until someone ran ``pos-app cancel`` by hand. The start-up resume now
confirms a sale with a recorded cancel intent the way a live cancel does: clear the box, look,
look again a moment later; a payment found wins (paid).
"""

from __future__ import annotations

import asyncio
import json
import signal
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.cli import main
from pos_app.domain.cart import CartLine
from pos_app.domain.sale import SaleStatus
from pos_app.ledger.store import Ledger
from pos_app.mercadopago.credentials import AccessToken
from pos_app.runtime import open_runtime
from pos_app.sandbox.app import create_sandbox_app
from pos_app.sandbox.server import SandboxServer
from pos_app.sandbox.state import SandboxState
from pos_app.settings import config as config_mod
from pos_app.settings import paths
from tests.checkout.harness import FILE_POLL, config_for, engine_clocks, quick_cancel_recheck
from tests.faults.invariants import check
from tests.faults.rig import WAIT
from tests.faults.test_sigkill import on_box, start_till
from tests.thread_sandbox import ThreadSandbox
from tests.virtual_time import current, run_virtual

NEXT = CartLine(sku="", title="Fideos", unit_price=Decimal("850"), quantity=1)


async def killed_while_confirming(
    state: SandboxState, server: SandboxServer, step: str, tmp: Path, *, pay: bool
) -> str:
    """Charge, cancel, SIGKILL at ``step``; the customer (who had scanned) pays if ``pay``."""
    till = await start_till(server, step, tmp)
    try:
        await till.line("CHARGED")
        scanned = state.scan_box()
        await till.go_on()
        ref = await till.line(f"AT {step}")
    finally:
        await till.kill()
    assert till.proc.returncode == -signal.SIGKILL
    assert on_box(state) is None  # the DELETE went through before the kill
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        left = ledger.get_sale(ref)
    finally:
        ledger.close()
    assert left is not None and left.status is SaleStatus.PENDING and left.cancel_requested
    if pay:
        state.pay_merchant_order(scanned, "approved")
    return ref


@pytest.mark.parametrize("step", ["cancel_after_delete", "cancel_recheck"])
@pytest.mark.parametrize("pay", [False, True], ids=["nobody_paid", "paid_while_dead"])
def test_resume_finishes_the_cancel_and_the_next_charge_goes_through(
    step: str, pay: bool, tmp_path: Path
) -> None:
    state = SandboxState.seeded()
    config = config_for(state, poll=FILE_POLL)
    config_mod.save(config)

    async def killed() -> str:  # the till, a process of its own: on real time
        async with SandboxServer(create_sandbox_app(state)) as server:
            return await killed_while_confirming(state, server, step, tmp_path, pay=pay)

    ref = asyncio.run(killed())

    async def restarted() -> None:
        """In this process only: on virtual time, the same sandbox state served again."""
        state.clock = current().wall
        token = AccessToken(state.seller_token)
        with engine_clocks():
            async with (
                SandboxServer(create_sandbox_app(state)) as server,
                open_runtime(config=config, token=token, base_url=server.base_url) as rt,
            ):
                rt.engine.settings = replace(rt.engine.settings, cancel_recheck_delay=0.2)
                [resumed] = await rt.engine.resume()
                # Decided by the resume itself, not left to a tracker a while later.
                want = SaleStatus.PAID if pay else SaleStatus.CANCELED
                assert resumed.status is want, rt.ledger.sale_events(ref)
                assert not rt.ledger.open_sales()
                kinds = [e.kind for e in rt.ledger.sale_events(ref)]
                assert kinds.count("cancel_requested") == 1  # the intent, recorded once
                nxt = await rt.engine.charge([NEXT])
                assert nxt.status is SaleStatus.PENDING and on_box(state) == nxt.external_reference
                state.pay_box("approved")
                paid = await asyncio.wait_for(rt.engine.wait_final(nxt.external_reference), WAIT)
                assert paid.status is SaleStatus.PAID
                report = check(rt.ledger, state)
                assert report.status(ref) is want and report.puts[ref] == 1

    run_virtual(restarted())


def test_the_cli_charges_right_after_a_till_killed_mid_cancel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """What the cashier saw: ``pos-app charge`` refused after the restart. Now it charges.

    The till killed is a process of its own; the ``pos-app charge`` after it runs in this
    process (its own ``asyncio.run``, as the command line runs it) against the same sandbox
    state served again, so its start-up resume confirms the cancel 0.2 s after the first look
    (:func:`quick_cancel_recheck`) instead of the engine's 2 s."""
    state = SandboxState.seeded()
    config_mod.save(config_for(state, poll=FILE_POLL))

    async def killed() -> str:
        async with SandboxServer(create_sandbox_app(state)) as server:
            return await killed_while_confirming(
                state, server, "cancel_recheck", tmp_path, pay=False
            )

    ref = asyncio.run(killed())
    quick_cancel_recheck(monkeypatch)
    with ThreadSandbox(state) as sandbox:
        monkeypatch.setenv("MP_API_BASE_URL", sandbox.base_url)
        monkeypatch.setenv("MP_ACCESS_TOKEN", state.seller_token)
        code = main(["charge", "--item", "Fideos:1:850", "--json"])
        captured = capsys.readouterr()
        assert code == 0, captured.err
        new = json.loads(captured.out)
        assert new["status"] == "pending" and new["external_reference"] != ref
        assert on_box(state) == new["external_reference"]
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        old = ledger.get_sale(ref)
    finally:
        ledger.close()
    assert old is not None and old.status is SaleStatus.CANCELED
