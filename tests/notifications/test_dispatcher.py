"""Background hints: one fetch per burst, one more for news during a fetch, bounded, never fatal."""

from __future__ import annotations

import asyncio
import logging

import pytest

from pos_app.i18n import message
from pos_app.mercadopago import errors as mp
from pos_app.notifications.dispatcher import HintDispatcher, Outcome


class Handler:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []
        self.gate = asyncio.Event()
        self.gate.set()
        self.started = asyncio.Event()
        self.fail: BaseException | None = None

    async def __call__(self, topic: str, resource_id: str) -> object:
        self.calls.append((topic, resource_id))
        self.started.set()
        await self.gate.wait()
        if self.fail is not None:
            raise self.fail
        return None


def test_a_burst_causes_one_fetch() -> None:
    async def main() -> None:
        handler = Handler()
        dispatcher = HintDispatcher(handler, settle=0.05)
        outcomes = [dispatcher.submit("merchant_order", "1") for _ in range(20)]
        assert outcomes[0] is Outcome.QUEUED
        assert set(outcomes[1:]) == {Outcome.COALESCED}
        assert dispatcher.submit("payment", "1") is Outcome.QUEUED  # another resource
        await dispatcher.drain()
        assert sorted(handler.calls) == [("merchant_order", "1"), ("payment", "1")]
        assert dispatcher.pending == 0
        assert dispatcher.stats.coalesced == 19 and dispatcher.stats.fetched == 2

    asyncio.run(main())


def test_news_during_a_fetch_earns_exactly_one_more() -> None:
    async def main() -> None:
        handler = Handler()
        handler.gate.clear()
        dispatcher = HintDispatcher(handler, settle=0)
        dispatcher.submit("merchant_order", "1")
        await handler.started.wait()  # the fetch is running: it may have missed what follows
        for _ in range(5):
            assert dispatcher.submit("merchant_order", "1") is Outcome.COALESCED
        handler.gate.set()
        await dispatcher.drain()
        assert handler.calls == [("merchant_order", "1")] * 2
        # Once done, the same notice later is a new fetch (it may carry new news).
        dispatcher.submit("merchant_order", "1")
        await dispatcher.drain()
        assert len(handler.calls) == 3

    asyncio.run(main())


def test_bounded_and_closed() -> None:
    async def main() -> None:
        handler = Handler()
        handler.gate.clear()
        dispatcher = HintDispatcher(handler, settle=0, max_pending=3, concurrency=1)
        assert [dispatcher.submit("payment", str(i)) for i in range(4)] == [
            Outcome.QUEUED,
            Outcome.QUEUED,
            Outcome.QUEUED,
            Outcome.FULL,
        ]
        assert dispatcher.stats.refused == 1
        await dispatcher.aclose()  # cancels what is in flight, even a fetch that hangs
        assert dispatcher.pending == 0
        assert dispatcher.submit("payment", "9") is Outcome.CLOSED

    asyncio.run(main())


@pytest.mark.parametrize(
    "error",
    [
        mp.NotFoundError(message("t", "not found"), status=404),
        mp.TransportError(message("t", "no network")),
        RuntimeError("a bug"),
    ],
)
def test_a_failing_fetch_is_logged_and_forgotten(
    error: BaseException, caplog: pytest.LogCaptureFixture
) -> None:
    async def main() -> None:
        handler = Handler()
        handler.fail = error
        dispatcher = HintDispatcher(handler, settle=0)
        with caplog.at_level(logging.INFO, logger="pos_app.notifications.dispatcher"):
            dispatcher.submit("payment", "1")
            await dispatcher.drain()
        assert dispatcher.stats.failed == 1 and dispatcher.pending == 0
        assert "payment 1" in caplog.text
        handler.fail = None
        dispatcher.submit("payment", "1")  # and the dispatcher goes on working
        await dispatcher.drain()
        assert len(handler.calls) == 2

    asyncio.run(main())
