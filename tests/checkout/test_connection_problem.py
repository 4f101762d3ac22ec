"""The engine forgets why Mercado Pago was unreachable as soon as it answers again: a later
"cancel not confirmed" must never quote a stale reason."""

from __future__ import annotations

from pos_app.checkout.events import ConnectionChanged
from pos_app.sandbox.faults import Faults
from tests.checkout.harness import line, rig
from tests.virtual_time import run_virtual


def test_the_last_problem_is_cleared_when_mercado_pago_answers_again() -> None:
    async def scenario() -> None:
        async with rig() as r:
            sale = await r.engine.charge([line()])
            ref = sale.external_reference
            r.state.faults = Faults(error_rate=1.0, kinds=["500"], retry_after=0)
            await r.sale_until(ref, lambda s: s.trouble == "network", timeout=10)
            assert r.engine.recorder.problem is not None
            r.state.faults = Faults()
            await r.sale_until(ref, lambda s: s.trouble == "", timeout=15)
            assert r.engine.recorder.problem is None
            online = [e for e in r.events if isinstance(e, ConnectionChanged)]
            assert online[-1].online and online[-1].problem is None

    run_virtual(scenario())
