"""SIGKILL at each step of a sale, then a restart (start-up resume), with and without the
customer paying while the till was dead.

The till is a real process (``tests/faults/driver.py``: the runtime and engine the CLI and the
window use) that freezes at the named step; the test kills it there, plays the customer, then
starts the till again in process and checks the ledger against the sandbox: the sale ends as
Mercado Pago says, recorded once, and the order went to the box exactly once (never re-sent for
a sale already paid or still offered).
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from pos_app.checkout.events import Event
from pos_app.domain.sale import SaleStatus
from pos_app.ledger.store import Ledger
from pos_app.mercadopago.credentials import AccessToken
from pos_app.runtime import open_runtime
from pos_app.sandbox import orders_api
from pos_app.sandbox.app import create_sandbox_app
from pos_app.sandbox.server import SandboxServer
from pos_app.sandbox.state import SandboxState
from pos_app.settings import config as config_mod
from pos_app.settings import paths
from tests.checkout.harness import FILE_POLL, config_for, engine_clocks
from tests.faults import zygote
from tests.faults.invariants import check
from tests.faults.rig import WAIT
from tests.faults.zygote import Forked
from tests.virtual_time import current, run_virtual

pytestmark = pytest.mark.posix  # SIGKILL

REPO = Path(__file__).resolve().parents[2]


@dataclass
class TillProcess:
    proc: asyncio.subprocess.Process | Forked
    stderr: Path

    async def line(self, prefix: str) -> str:
        """The rest of the first stdout line starting with ``prefix``."""
        assert self.proc.stdout is not None
        async with asyncio.timeout(WAIT):
            while True:
                raw = await self.proc.stdout.readline()
                assert raw, f"the till ended early:\n{self.stderr.read_text(encoding='utf-8')}"
                text = raw.decode().strip()
                if text.startswith(prefix):
                    return text[len(prefix) :].strip()

    async def go_on(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"\n")
        await self.proc.stdin.drain()

    async def kill(self) -> None:
        if self.proc.returncode is None:
            self.proc.send_signal(signal.SIGKILL)
        await asyncio.wait_for(self.proc.wait(), WAIT)


async def start_till(server: SandboxServer, step: str, tmp: Path) -> TillProcess:
    env = dict(
        os.environ, MP_API_BASE_URL=server.base_url, MP_ACCESS_TOKEN=server.state.seller_token
    )
    stderr = tmp / f"till-{step}.err"
    with stderr.open("wb") as err:
        # Forked from a till that has imported the app already (tests/faults/zygote.py).
        proc = await zygote.spawn(
            "tests.faults.driver", step, cwd=REPO, env=env, stdin_pipe=True, stderr=err
        )
    return TillProcess(proc, stderr)


def on_box(state: SandboxState) -> str | None:
    box = state.find_box(state.seller_id, state.box_external_id)
    assert box is not None
    api_order = orders_api.order_on_box(state, box)
    if api_order is not None:
        return api_order.external_reference
    order = state.box_orders.get(box.id)
    return order.external_reference if order else None


def sent_to_mercado_pago(state: SandboxState, ref: str) -> int:
    """Orders that reached Mercado Pago for ``ref``: PUTs (instore v2) or created orders."""
    made = [o for o in state.orders_api.orders.values() if o.external_reference == ref]
    return len(state.bodies_for(ref)) + len(made)


CASES = [
    ("before_put", "nothing"),  # nothing on the box yet: nobody can pay while it is dead
    ("after_put", "nothing"),
    ("after_put", "paid"),
    # Paid while dead, and Mercado Pago's search index has not caught up at the restart: the
    # order is off the box and no merchant order shows, as if it had never been sent.
    ("after_put", "paid_search_lagging"),
    ("pending", "nothing"),
    ("pending", "paid"),
    ("cancel_before_delete", "nothing"),
    ("cancel_before_delete", "paid"),
    ("cancel_after_delete", "nothing"),
    ("cancel_after_delete", "paid"),
]
# The Orders API: once the cancel reached Mercado Pago the order cannot be paid any more, so
# "paid after the cancel was sent" does not exist there.
API_CASES = [("instore", *case) for case in CASES] + [
    ("orders", *case) for case in CASES if case != ("cancel_after_delete", "paid")
]


@pytest.mark.parametrize(("api", "step", "while_dead"), API_CASES)
def test_killed_at_each_step_then_restarted(
    api: str, step: str, while_dead: str, tmp_path: Path
) -> None:
    canceling = step.startswith("cancel")
    expected = SaleStatus.CANCELED if canceling and while_dead == "nothing" else SaleStatus.PAID

    state = SandboxState.seeded()
    config = config_for(state, poll=FILE_POLL, api=api)
    config_mod.save(config)

    async def killed() -> tuple[str, str | None]:
        """The till, a process of its own talking to the sandbox in real time, killed at
        ``step``: the sale's reference, and the merchant order a customer scanned."""
        async with SandboxServer(create_sandbox_app(state)) as server:
            till = await start_till(server, step, tmp_path)
            scanned = None
            try:
                if canceling:
                    await till.line("CHARGED")
                    if while_dead == "paid" and api == "instore":
                        scanned = state.scan_box()  # the customer is in the payment screen
                    await till.go_on()
                ref = await till.line(f"AT {step}")
            finally:
                await till.kill()
            assert till.proc.returncode == -signal.SIGKILL
        return ref, scanned

    ref, scanned = asyncio.run(killed())
    # What reached Mercado Pago before the kill.
    sent = sent_to_mercado_pago(state, ref)
    assert sent == (0 if step == "before_put" else 1)
    assert on_box(state) == (None if step in ("before_put", "cancel_after_delete") else ref)
    # The customer, while the till is dead.
    if while_dead == "paid_search_lagging":
        state.search_lag_seconds = 2.0
    if while_dead.startswith("paid"):
        if scanned is not None:
            state.pay_merchant_order(scanned, "approved")
        else:
            state.pay_box("approved")

    async def restarted() -> None:
        """Restart: what the window and ``pos-app charge`` do first. In this process only, so
        on virtual time (the engine's schedule and the search's lag pass at once); the same
        sandbox state, served again."""
        state.clock = current().wall  # from now on: the moment the till was killed, then on
        token = AccessToken(state.seller_token)
        with engine_clocks():  # the engine on the loop's clocks
            async with (
                SandboxServer(create_sandbox_app(state)) as server,
                open_runtime(config=config, token=token, base_url=server.base_url) as rt,
            ):
                lag = 5.0 if while_dead == "paid_search_lagging" else 0.5  # > the sandbox's
                rt.engine.settings = replace(
                    rt.engine.settings, cancel_recheck_delay=0.2, search_lag_allowance=lag
                )
                events: list[Event] = []
                rt.bus.subscribe(events.append)
                left = rt.ledger.get_sale(ref)
                assert left is not None and left.is_open and len(left.lines) == 1
                assert left.cancel_requested is canceling
                want = SaleStatus.PENDING if step in ("pending",) or canceling else None
                assert left.status is (want or SaleStatus.CREATING)

                [resumed] = await rt.engine.resume()
                assert resumed.external_reference == ref
                if expected is SaleStatus.PAID and while_dead == "nothing":
                    # Back on the box (re-sent only if it never got there): the customer pays.
                    await asyncio.wait_for(_until(lambda: on_box(state) == ref), WAIT)
                    state.pay_box("approved")
                final = await asyncio.wait_for(rt.engine.wait_final(ref), WAIT)
                assert final.status is expected, rt.ledger.sale_events(ref)
                report = check(rt.ledger, state, events=events)
                # The order went to the box once, never again (Orders API: one order; the
                # create may be repeated with its stored key, which is the same order).
                assert report.puts[ref] + report.api_orders[ref] == 1
                creates = [
                    e["idempotency_key"]
                    for e in state.request_log
                    if e["method"] == "POST" and e["path"] == "/v1/orders"
                ]
                assert set(creates) <= {left.create_key}  # the key stored before the kill
                assert not rt.ledger.open_sales()

    run_virtual(restarted())


async def _until(predicate: object) -> None:
    assert callable(predicate)
    while not predicate():
        await asyncio.sleep(0.02)


def test_killed_cli_charge_then_status_records_the_payment(tmp_path: Path) -> None:
    """The real ``pos-app charge --wait``, SIGKILLed while waiting (no hook); the customer pays
    while it is dead; ``pos-app status`` afterwards records the payment, once."""

    async def scenario() -> None:
        state = SandboxState.seeded()
        async with SandboxServer(create_sandbox_app(state)) as server:
            config_mod.save(config_for(state, poll=FILE_POLL))
            env = dict(
                os.environ, MP_API_BASE_URL=server.base_url, MP_ACCESS_TOKEN=state.seller_token
            )
            charge = await asyncio.create_subprocess_exec(
                *(sys.executable, "-m", "pos_app", "charge", "--item", "Yerba:1:100", "--wait"),
                env=env,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.DEVNULL,
            )
            try:
                await asyncio.wait_for(_until(lambda: on_box(state) is not None), WAIT)
            finally:
                if charge.returncode is None:
                    charge.send_signal(signal.SIGKILL)
                await asyncio.wait_for(charge.wait(), WAIT)
            assert charge.returncode == -signal.SIGKILL
            ref = on_box(state)
            assert ref is not None
            state.pay_box("approved")
            status = await asyncio.create_subprocess_exec(
                *(sys.executable, "-m", "pos_app", "status", ref, "--json"),
                env=env,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
            out, err = await asyncio.wait_for(status.communicate(), WAIT)
            assert status.returncode == 0, err.decode()
            assert json.loads(out)["status"] == "paid"
            ledger = Ledger(paths.ledger_path(), exclusive=False)
            try:
                report = check(ledger, state)
            finally:
                ledger.close()
            assert report.status(ref) is SaleStatus.PAID and report.puts[ref] == 1

    asyncio.run(scenario())
