"""SIGKILL around a refund, then a restart: the refund written before the request is found
(``GET …/refunds``) or sent once with its stored key, never twice, never beyond what was paid."""

from __future__ import annotations

import asyncio
import os
import signal
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.checkout.refunds import RefundService
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus
from pos_app.ledger.refunds import RefundStatus, RefundStore
from pos_app.mercadopago.credentials import AccessToken
from pos_app.runtime import open_runtime
from pos_app.sandbox.app import create_sandbox_app
from pos_app.sandbox.server import SandboxServer
from pos_app.sandbox.state import SandboxState
from pos_app.settings import config as config_mod
from tests.checkout.harness import FILE_POLL, config_for, engine_clocks, line
from tests.faults import zygote
from tests.faults.refund_invariants import check_refunds
from tests.faults.rig import WAIT
from tests.faults.test_sigkill import REPO, TillProcess
from tests.virtual_time import current, run_virtual

pytestmark = pytest.mark.posix  # SIGKILL


def refunds_made(state: SandboxState, api: str) -> list[Decimal]:
    """What Mercado Pago (the sandbox) has refunded on the one sale, refund by refund."""
    if api == "instore":
        (payment,) = state.payments.values()
        return [x.amount for x in payment.refunds]
    (order,) = state.orders_api.orders.values()
    return [order.refunded] if order.refunded else []


async def start_refund(server: SandboxServer, step: str, ref: str, tmp: Path) -> TillProcess:
    env = dict(
        os.environ, MP_API_BASE_URL=server.base_url, MP_ACCESS_TOKEN=server.state.seller_token
    )
    stderr = tmp / f"refund-{step}.err"
    with stderr.open("wb") as err:
        # Forked from a till that has imported the app already (tests/faults/zygote.py).
        proc = await zygote.spawn(
            "tests.faults.refund_driver", step, ref, "1000",
            cwd=REPO, env=env, stdin_pipe=False, stderr=err,
        )  # fmt: skip
    return TillProcess(proc, stderr)


@pytest.mark.parametrize("step", ["before_post", "after_post"])
@pytest.mark.parametrize("network_at_restart", ["up", "down_then_up"])
def test_killed_around_a_refund_then_restarted(
    step: str, network_at_restart: str, tmp_path: Path
) -> None:
    killed_and_restarted("instore", step, network_at_restart, tmp_path)


@pytest.mark.parametrize("step", ["before_post", "after_post"])
def test_killed_around_an_orders_api_refund_then_restarted(step: str, tmp_path: Path) -> None:
    killed_and_restarted("orders", step, "down_then_up", tmp_path)


def killed_and_restarted(api: str, step: str, network_at_restart: str, tmp_path: Path) -> None:
    state = SandboxState.seeded()
    config = config_for(state, poll=FILE_POLL, api=api)
    config_mod.save(config)
    token = AccessToken(state.seller_token)

    async def killed() -> tuple[str, SaleSnapshot]:
        """A paid sale, then the refund in a process of its own (on real time, like the
        sandbox it talks to), killed at ``step``."""
        async with SandboxServer(create_sandbox_app(state)) as server:
            async with open_runtime(config=config, token=token, base_url=server.base_url) as rt:
                sale = await rt.engine.charge([line()])  # 3450.50
                state.pay_box("approved")
                final = await asyncio.wait_for(rt.engine.wait_final(sale.external_reference), WAIT)
                assert final.status is SaleStatus.PAID
            ref = sale.external_reference

            till = await start_refund(server, step, ref, tmp_path)
            try:
                assert await till.line(f"AT {step}") == ref
            finally:
                await till.kill()
            assert till.proc.returncode == -signal.SIGKILL
        return ref, final

    ref, final = asyncio.run(killed())
    assert refunds_made(state, api) == ([Decimal(1000)] if step == "after_post" else [])

    async def restarted() -> None:
        """The restart, in this process only: on virtual time (the client's retries while the
        network is down pass at once), the same sandbox state served again."""
        state.clock = current().wall
        with engine_clocks():
            async with (
                SandboxServer(create_sandbox_app(state)) as server,
                open_runtime(config=config, token=token, base_url=server.base_url) as rt,
            ):
                (left,) = RefundStore(rt.ledger).for_sale(ref)
                assert left.status is RefundStatus.PENDING and left.amount == Decimal(1000)
                service = RefundService(rt.ledger, lambda: rt.client)
                if network_at_restart == "down_then_up":
                    state.faults.error_rate, state.faults.kinds = 1.0, ["500"]
                    assert [r.status for r in await service.resume()] == [RefundStatus.PENDING]
                    assert service.refundable(final) == Decimal("2450.50")  # still counted
                    state.faults.error_rate = 0.0
                (settled,) = await service.resume()
                assert settled.status is RefundStatus.REFUNDED
                assert refunds_made(state, api) == [
                    Decimal(1000)
                ]  # found or sent once: never twice
                if api == "instore":
                    (payment,) = state.payments.values()
                    assert settled.mp_refund_id == str(payment.refunds[0].id)
                assert (await service.refund(ref)).ok  # the rest, exactly what is left
                if api == "instore":
                    assert check_refunds(rt.ledger, state, [ref]) == Decimal("3450.50")
                else:
                    (order,) = state.orders_api.orders.values()
                    assert order.refunded == Decimal("3450.50") and order.status == "refunded"
                    posts = [
                        e["idempotency_key"]
                        for e in state.request_log
                        if e["method"] == "POST" and e["path"].endswith("/refund")
                    ]
                    assert posts.count(settled.idempotency_key) == 1  # never sent twice

    run_virtual(restarted())
