"""One cashier process per data directory: a second instance is refused with a clear message,
touches neither the ledger nor Mercado Pago, and the lock dies with its holder (even SIGKILL)."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import pytest

from pos_app.cli import main
from pos_app.domain.sale import SaleStatus
from pos_app.ledger.lock import AlreadyRunningError
from pos_app.mercadopago.credentials import AccessToken
from pos_app.runtime import open_runtime
from pos_app.sandbox.app import create_sandbox_app
from pos_app.sandbox.server import SandboxServer
from pos_app.sandbox.state import SandboxState
from pos_app.settings import config as config_mod
from pos_app.settings import paths
from tests.checkout.harness import FILE_POLL, config_for
from tests.faults.invariants import check
from tests.faults.test_sigkill import start_till

pytestmark = pytest.mark.posix  # SIGKILL

# What a second cashier might try while the first till is selling.
REFUSED = {
    "charge": ["charge", "--item", "Otro:1:10", "--wait", "--timeout", "5"],
    "cancel": ["cancel"],
    "status": ["status", "{ref}"],
}


def test_second_instance_is_refused_while_a_till_sells(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    async def scenario() -> None:
        state = SandboxState.seeded()
        async with SandboxServer(create_sandbox_app(state)) as server:
            monkeypatch.setenv("MP_API_BASE_URL", server.base_url)
            monkeypatch.setenv("MP_ACCESS_TOKEN", state.seller_token)
            config = config_for(state, poll=FILE_POLL)
            config_mod.save(config)
            holder = await start_till(server, "pending", tmp_path)  # a till mid-sale, alive
            try:
                ref = await holder.line("AT pending")
                requests_before = len(state.request_log)
                capsys.readouterr()
                for name, argv in REFUSED.items():
                    argv = [a.format(ref=ref) for a in argv]
                    code = await asyncio.to_thread(main, argv)
                    stderr = capsys.readouterr().err
                    assert code == 1, (name, stderr)
                    assert "already running with this data folder" in stderr, (name, stderr)
                    assert str(paths.ledger_path().parent) in stderr
                # The window's start-up path (the app shows this message in a dialog).
                token = AccessToken(state.seller_token)
                with pytest.raises(AlreadyRunningError) as refused:
                    async with open_runtime(config=config, token=token, base_url=server.base_url):
                        pass
                assert "Only one cashier program may use a box" in str(refused.value.msg)
                # Refused instances asked Mercado Pago nothing: the box stays the holder's.
                assert len(state.request_log) == requests_before
                assert len(state.bodies_for(ref)) == 1
                # Reading the ledger (``pos-app sales``) does not need the lock.
                assert await asyncio.to_thread(main, ["sales", "--json"]) == 0
                assert ref in capsys.readouterr().out
            finally:
                await holder.kill()
            assert holder.proc.returncode == -signal.SIGKILL

            # The kernel released the lock with the process: the next till starts and resumes.
            async with open_runtime(config=config, token=token, base_url=server.base_url) as rt:
                [resumed] = await rt.engine.resume()
                assert resumed.status is SaleStatus.PENDING
                state.pay_box("approved")
                final = await asyncio.wait_for(rt.engine.wait_final(ref), 30)
                assert final.status is SaleStatus.PAID
                report = check(rt.ledger, state)
                assert len(rt.ledger.all_sales()) == 1  # the refused charge wrote nothing
                assert report.puts[ref] == 1

    asyncio.run(scenario())
