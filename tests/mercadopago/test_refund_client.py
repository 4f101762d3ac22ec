"""The client's refund methods against the sandbox over a real socket: refund, list, the
payment's refunded amount, every refusal in plain words, and a lost answer retried with the
same key never refunding twice."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import httpx
import pytest

from pos_app.domain.money import site_for
from pos_app.mercadopago import errors
from pos_app.mercadopago.client import MercadoPagoClient
from pos_app.mercadopago.credentials import AccessToken
from pos_app.mercadopago.refunds import RefundRefusedError, RefusalReason
from pos_app.sandbox.app import create_sandbox_app
from pos_app.sandbox.server import SandboxServer
from pos_app.sandbox.state import SandboxState
from tests.mercadopago.test_client_contract import ARS, FAST_RETRY, on_sandbox, order


async def paid_payment(c: MercadoPagoClient, s: SandboxState) -> int:
    await c.put_box_order(s.seller_id, "SUC001", "CAJA01", order(), ARS, idempotency_key="k1")
    s.scan_box()
    return s.pay_box("approved")


def test_refund_partially_then_wholly() -> None:
    async def scenario(c: MercadoPagoClient, s: SandboxState) -> None:
        pid = await paid_payment(c, s)
        first = await c.refund_payment(pid, Decimal("1000.25"), idempotency_key="ref-1", site=ARS)
        assert first.payment_id == pid and first.amount == Decimal("1000.25")
        assert first.status == "approved" and first.id
        info = await c.get_payment(pid)
        assert info.transaction_amount == Decimal("3450.5")
        assert info.transaction_amount_refunded == Decimal("1000.25")
        assert info.refundable == Decimal("2450.25") and info.status == "approved"
        rest = await c.refund_payment(pid, None, idempotency_key="ref-2", site=ARS)
        assert rest.amount == Decimal("2450.25")
        assert (await c.get_payment(pid)).status == "refunded"
        assert [r.id for r in await c.list_refunds(pid)] == [first.id, rest.id]
        again = await c.refund_payment(pid, None, idempotency_key="ref-2", site=ARS)
        assert again == rest  # the same key: the same refund, not a second one
        assert len(s.payments[pid].refunds) == 2

    on_sandbox(scenario)


@pytest.mark.parametrize(
    ("setup", "amount", "reason", "words"),
    [
        ({}, Decimal("9999"), RefusalReason.AMOUNT_EXCEEDS, "more than what is left"),
        ({}, Decimal("0.001"), RefusalReason.AMOUNT_INVALID, "amount is not valid"),
        ({"partial_refunds": False}, Decimal(10), RefusalReason.PARTIAL_NOT_ALLOWED, "whole"),
        ({"insufficient_balance": True}, None, RefusalReason.INSUFFICIENT_BALANCE, "enough money"),
        ({"old": True}, None, RefusalReason.TOO_OLD, "too old"),
    ],
)
def test_refusals_in_plain_words(
    setup: dict[str, bool], amount: Decimal | None, reason: RefusalReason, words: str
) -> None:
    async def scenario(c: MercadoPagoClient, s: SandboxState) -> None:
        from pos_app.sandbox.payments_api import book

        pid = await paid_payment(c, s)
        switches = book(s).switches(s.seller_id)
        switches.partial_refunds = setup.get("partial_refunds", True)
        switches.insufficient_balance = setup.get("insufficient_balance", False)
        if setup.get("old"):
            s.advance(181 * 86400)
        # A refused refund is not retried and leaves nothing behind.
        with pytest.raises(RefundRefusedError) as caught:
            await c.refund_payment(pid, amount, idempotency_key="r", site=ARS)
        assert caught.value.reason is reason
        assert words in str(caught.value)
        assert isinstance(caught.value, errors.RejectedError)
        assert s.payments[pid].refunds == []

    on_sandbox(scenario)


def test_a_key_reused_with_another_amount() -> None:
    async def scenario(c: MercadoPagoClient, s: SandboxState) -> None:
        pid = await paid_payment(c, s)
        await c.refund_payment(pid, Decimal(10), idempotency_key="r", site=ARS)
        with pytest.raises(RefundRefusedError) as caught:
            await c.refund_payment(pid, Decimal(20), idempotency_key="r", site=ARS)
        assert caught.value.reason is RefusalReason.KEY_REUSED and caught.value.status == 409

    on_sandbox(scenario)


class LosingAnswers(httpx.AsyncBaseTransport):
    """Sends every request, then loses the answer of the first ``lose`` refund POSTs: the
    refund was made, the client never heard of it."""

    def __init__(self, lose: int) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.lose = lose
        self.refund_posts = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.method == "POST" and request.url.path.endswith("/refunds"):
            self.refund_posts += 1
            if self.lose:
                self.lose -= 1
                await response.aread()
                raise httpx.ReadError("connection dropped", request=request)
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


def test_lost_answers_are_retried_with_the_same_key_and_refund_once() -> None:
    async def go() -> None:
        state = SandboxState.seeded()
        transport = LosingAnswers(lose=2)
        async with (
            SandboxServer(create_sandbox_app(state)) as server,
            httpx.AsyncClient(transport=transport) as http,
        ):
            c = MercadoPagoClient(
                http, AccessToken(state.seller_token), base_url=server.base_url, retry=FAST_RETRY
            )
            pid = await paid_payment(c, state)
            got = await c.refund_payment(pid, Decimal(100), idempotency_key="once", site=ARS)
            assert transport.refund_posts == 3  # two answers lost, the third heard
            assert got.amount == Decimal(100)
            assert len(state.payments[pid].refunds) == 1  # never two
            assert state.payments[pid].amount_refunded == Decimal(100)

    asyncio.run(go())


def test_colombian_amounts_are_sent_as_integers() -> None:
    cop = site_for("MCO")

    async def scenario(c: MercadoPagoClient, s: SandboxState) -> None:
        pid = await paid_payment(c, s)
        s.sellers[s.seller_id].site_id = "MCO"  # an account whose pesos have no decimals
        got = await c.refund_payment(pid, Decimal(100), idempotency_key="co", site=cop)
        assert got.amount == Decimal(100)
        with pytest.raises(RefundRefusedError) as caught:
            await c.refund_payment(pid, Decimal("0.5"), idempotency_key="co2", site=ARS)
        assert caught.value.reason is RefusalReason.AMOUNT_INVALID

    on_sandbox(scenario)
