"""The virtual-time event loop the engine and receiver tests run on (tests/virtual_time.py)."""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import timedelta

import pytest

from tests.virtual_time import VirtualTimeLoop, current, run_virtual


def test_timers_pass_at_once_in_order_and_with_their_gaps() -> None:
    async def main() -> list[tuple[str, float]]:
        loop = current()
        started = loop.time()
        seen: list[tuple[str, float]] = []

        async def after(name: str, seconds: float) -> None:
            await asyncio.sleep(seconds)
            seen.append((name, loop.time() - started))

        await asyncio.gather(after("hour", 3600), after("minute", 60), after("day", 86400))
        return seen

    real = time.monotonic()
    seen = run_virtual(main())
    assert time.monotonic() - real < 5  # a day went by
    assert [name for name, _ in seen] == ["minute", "hour", "day"]
    for (_, at), want in zip(seen, (60, 3600, 86400), strict=True):
        assert want <= at < want + 1


def test_the_wall_clock_moves_with_the_loop() -> None:
    async def main() -> timedelta:
        loop = current()
        before = loop.wall()
        await asyncio.sleep(600)
        return loop.wall() - before

    moved = run_virtual(main())
    assert timedelta(seconds=600) <= moved < timedelta(seconds=601)


def test_work_out_in_a_thread_is_waited_for_in_real_time() -> None:
    """Were the clock to jump while the thread works, the 5 s timeout would fire at once."""

    async def main() -> str:
        # The loop is idle at once, with the 5 s timer its only one: a jump would come within
        # microseconds, long before the thread's 0.05 s are up.
        return await asyncio.wait_for(asyncio.to_thread(lambda: time.sleep(0.05) or "done"), 5)

    assert run_virtual(main()) == "done"

    release = threading.Event()

    async def too_slow() -> None:
        try:  # work that would take 5 s: it is let go once given up on (the runner joins it)
            await asyncio.wait_for(asyncio.to_thread(release.wait, 5), 0.1)
        finally:
            release.set()

    with pytest.raises(TimeoutError):
        run_virtual(too_slow())


def test_loopback_sockets_still_flow_between_jumps() -> None:
    async def main() -> bytes:
        async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await asyncio.sleep(30)  # the server thinks it over (virtually)
            writer.write(await reader.readline())
            await writer.drain()
            writer.close()

        server = await asyncio.start_server(echo, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        async with server:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"ping\n")
            answer = await asyncio.wait_for(reader.readline(), 60)
            writer.close()
            await writer.wait_closed()
            return answer

    assert run_virtual(main()) == b"ping\n"


def test_outside_a_virtual_loop_current_says_so() -> None:
    async def main() -> None:
        current()

    with pytest.raises(AssertionError, match="run_virtual"):
        asyncio.run(main())
    assert issubclass(VirtualTimeLoop, asyncio.SelectorEventLoop)
