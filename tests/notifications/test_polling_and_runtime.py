"""Polling stays the safety net; the receiver lives and dies with the runtime."""

from __future__ import annotations

import asyncio
import socket

import httpx

from pos_app.domain.sale import SaleStatus
from pos_app.mercadopago.credentials import AccessToken
from pos_app.runtime import open_runtime
from pos_app.sandbox.state import SandboxState
from pos_app.settings.config import PollSchedule
from tests.notifications.harness import Till, open_till, run_till, till_config

SEARCH = "/merchant_orders/search"
# Fast enough that counting searches over a second tells the two modes apart.
BRISK = PollSchedule(
    fast=0.05, fast_for=3600, medium=0.05, slow=0.05, with_notifications=2.0, hint_window=60
)


async def searches_during(till: Till, seconds: float) -> int:
    before = till.api_requests(SEARCH)
    await asyncio.sleep(seconds)
    return till.api_requests(SEARCH) - before


def test_polling_slows_once_notifications_arrive_and_still_finds_a_lost_one() -> None:
    async def scenario(till: Till) -> None:
        sale = await till.charge()
        ref = sale.external_reference
        assert await searches_during(till, 1.0) >= 6  # polling alone: every 0.05 s
        await till.scan()  # Mercado Pago notifies the scan: the receiver evidently works
        await till.settle()
        assert till.rt.engine.notifications_recent()
        assert await searches_during(till, 1.0) <= 2  # now every 2 s at most
        # A notification that never arrives: polling, slower but on, still finds the payment.
        till.state.ipn_enabled = False
        await till.pay()
        final = await till.rt.engine.wait_final(ref, timeout=10)
        assert final.status is SaleStatus.PAID
        [paid] = till.paid_events(ref)
        assert paid.cause == "poll"

    run_till(scenario, poll=BRISK)


def test_oversized_and_wrong_method_over_a_real_socket() -> None:
    async def scenario(till: Till) -> None:
        sale = await till.charge()
        too_big = await till.post("?topic=payment&id=1", content=b"x" * (65 * 1024))
        assert too_big.status_code == 413
        async with httpx.AsyncClient(trust_env=False) as http:
            assert (await http.get(till.receiver.url)).status_code == 405
        assert (await till.post("?topic=payment&id=1", content=b"{")).status_code == 400
        await till.settle()
        assert till.sale(sale.external_reference).status is SaleStatus.PENDING
        assert till.receiver.dispatcher.stats.received == 0

    run_till(scenario)


def test_a_taken_port_leaves_the_till_selling_by_polling() -> None:
    async def main() -> None:
        blocker = socket.socket()
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        try:
            async with open_till(receiver=False, poll=BRISK) as till:
                config = till.rt.config.with_changes(notify_listen=f"127.0.0.1:{port}")
                await till.rt.reconfigure(config)
                assert till.rt.receiver is None
                assert f"127.0.0.1:{port}" in till.rt.receiver_problem
                sale = await till.charge()
                await till.pay()
                final = await till.rt.engine.wait_final(sale.external_reference, timeout=5)
                assert final.status is SaleStatus.PAID
                # The port comes free and Settings are applied again: the receiver starts.
                blocker.close()
                await till.rt.reconfigure(config)
                assert till.rt.receiver is not None and till.rt.receiver_problem == ""
                url = till.rt.receiver.url
                # Turned off in Settings: it stops listening.
                await till.rt.reconfigure(config.with_changes(notify_listen=""))
                assert till.rt.receiver is None
                async with httpx.AsyncClient(trust_env=False) as http:
                    try:
                        await http.post(url + "?topic=ping&id=0")
                        raise AssertionError("still listening")
                    except httpx.ConnectError:
                        pass
        finally:
            blocker.close()

    asyncio.run(main())


def test_receiver_off_unless_configured_or_enabled() -> None:
    async def main() -> None:
        state = SandboxState.seeded()
        token = AccessToken(state.seller_token)
        base = "http://127.0.0.1:9"  # never dialled
        off = till_config(state, poll=BRISK, listen="")
        async with open_runtime(config=off, token=token, base_url=base) as rt:
            assert rt.receiver is None and rt.receiver_problem == ""
        on = till_config(state, poll=BRISK, listen="127.0.0.1:0")
        async with open_runtime(config=on, token=token, base_url=base) as rt:
            assert rt.receiver is not None and rt.receiver.running
            receiver = rt.receiver
        assert not receiver.running  # closed with the runtime
        async with open_runtime(config=on, token=token, base_url=base, enable_receiver=False) as rt:
            assert rt.receiver is None
            await rt.reconfigure(on)  # Settings applied again: still off
            assert rt.receiver is None

    asyncio.run(main())
