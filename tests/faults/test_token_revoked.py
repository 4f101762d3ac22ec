"""The access token is revoked while a sale waits (401 on every call).

The cashier is told (the engine reports an authentication problem, which the window shows as
"Mercado Pago refused the credentials" in the status bar and the payment banner), the sale stays
pending (nothing is shown paid or ended that the app could not check), and once Settings hand
over a new token, tracking carries on and finds the payment made in the meantime.
"""

from __future__ import annotations

import asyncio

import pytest

from pos_app.checkout.events import ConnectionChanged
from pos_app.cli import main
from pos_app.domain.money import site_for
from pos_app.domain.sale import SaleStatus
from pos_app.ledger.store import Ledger
from pos_app.mercadopago.credentials import AccessToken
from pos_app.runtime import open_runtime
from pos_app.sandbox.app import create_sandbox_app
from pos_app.sandbox.server import SandboxServer
from pos_app.sandbox.state import SandboxState
from pos_app.settings import config as config_mod
from pos_app.settings import paths
from pos_app.ui.counter.sale_banner import BannerKind, banner_for
from tests.checkout.harness import FILE_POLL, config_for
from tests.faults.invariants import check
from tests.faults.rig import WAIT, FaultRig, fault_rig, line
from tests.virtual_time import run_virtual

NEW_TOKEN = "APP_USR-5001000000000001-112200-sandbox0fresh0token000000000000-5001000001"


def refused(f: FaultRig) -> int:
    return sum(1 for entry in f.state.request_log if entry["status"] == 401)


async def more_refusals(f: FaultRig, count: int) -> None:
    """Tracking goes on while refused (it never gives up): wait for ``count`` more 401s."""
    target = refused(f) + count
    await f.r.until(lambda: refused(f) >= target, WAIT)


def issue_new_token(f: FaultRig) -> None:
    """The seller makes a new access token: the old one stays dead, the new one works."""
    state = f.state
    old = state.seller_token
    user_id = state.tokens.pop(old)
    state.tokens[NEW_TOKEN] = user_id
    state.sellers[user_id].token = NEW_TOKEN
    state.sellers[user_id].revoked = False


def test_token_revoked_while_pending_then_replaced() -> None:
    async def scenario() -> None:
        async with fault_rig() as f:
            sale = await f.engine.charge([line()])
            ref = sale.external_reference
            f.state.set_revoked(f.state.seller_token, True)

            troubled = await f.r.sale_until(ref, lambda s: s.trouble == "auth", WAIT)
            assert troubled.status is SaleStatus.PENDING
            # The cashier is told, in words about the credentials, not "connection trouble".
            told = [e for e in f.r.events if isinstance(e, ConnectionChanged)][-1]
            assert not told.online and told.auth_problem
            assert told.problem is not None and "access token" in str(told.problem)
            banner = banner_for(troubled, site_for(troubled.site_id))
            assert banner.kind is BannerKind.AUTH and "do not charge again" in banner.detail

            # The customer pays while the app cannot look: nothing changes here yet.
            f.state.pay_box("approved")
            await more_refusals(f, 3)
            waiting = f.r.rt.ledger.get_sale(ref)
            assert waiting is not None and waiting.status is SaleStatus.PENDING
            check(f.r.rt.ledger, f.state, settled=False, events=f.r.events)

            # A new token exists at Mercado Pago, but the app still uses the old one.
            issue_new_token(f)
            await more_refusals(f, 2)
            assert f.r.rt.ledger.get_sale(ref).status is SaleStatus.PENDING  # type: ignore[union-attr]

            # Settings save the new token: tracking resumes at once and finds the payment.
            await f.r.rt.reconfigure(f.r.rt.config, AccessToken(NEW_TOKEN))
            final = await f.final(ref)
            assert final.status is SaleStatus.PAID and final.trouble == ""
            assert [e for e in f.r.events if isinstance(e, ConnectionChanged)][-1].online
            check(f.r.rt.ledger, f.state, events=f.r.events)

    run_virtual(scenario())


def test_token_revoked_before_the_order_is_sent_fails_the_sale() -> None:
    """Refused at the PUT: nothing reached the box, so the sale fails at once (nothing can be
    charged) and the cashier is told why; a new token makes the next sale work."""

    async def scenario() -> None:
        async with fault_rig() as f:
            f.state.set_revoked(f.state.seller_token, True)
            sale = await f.engine.charge([line()])
            assert sale.status is SaleStatus.FAILED and sale.failure_message is not None
            assert "access token" in sale.failure_reason
            assert not f.state.orders_received
            issue_new_token(f)
            await f.r.rt.reconfigure(f.r.rt.config, AccessToken(NEW_TOKEN))
            nxt = await f.engine.charge([line()])
            assert nxt.status is SaleStatus.PENDING
            await f.until_on_box(nxt.external_reference)
            f.state.pay_box("approved")
            assert (await f.final(nxt.external_reference)).status is SaleStatus.PAID
            check(f.r.rt.ledger, f.state, events=f.r.events)

    run_virtual(scenario())


def test_cli_names_a_revoked_token(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``pos-app status`` on a pending sale with a revoked token: the sale stays pending (exit
    4) and the message says the token was refused, not just "connection trouble"."""

    async def scenario() -> None:
        state = SandboxState.seeded()
        async with SandboxServer(create_sandbox_app(state)) as server:
            monkeypatch.setenv("MP_API_BASE_URL", server.base_url)
            monkeypatch.setenv("MP_ACCESS_TOKEN", state.seller_token)
            config = config_for(state, poll=FILE_POLL)
            config_mod.save(config)
            token = AccessToken(state.seller_token)
            async with open_runtime(config=config, token=token, base_url=server.base_url) as rt:
                ref = (await rt.engine.charge([line()])).external_reference
            state.set_revoked(state.seller_token, True)
            capsys.readouterr()
            code = await asyncio.to_thread(main, ["status", ref])
            told = capsys.readouterr()
            assert code == 4, told.err  # still pending
            assert "did not accept the access token" in told.err
            state.pay_box("approved")  # meanwhile
            state.set_revoked(state.seller_token, False)  # the token works again
            assert await asyncio.to_thread(main, ["status", ref]) == 0
            ledger = Ledger(paths.ledger_path(), exclusive=False)
            try:
                assert check(ledger, state).status(ref) is SaleStatus.PAID
            finally:
                ledger.close()

    run_virtual(scenario())
