"""Item 1 of issue 16: idle and slow connections cannot starve the receiver.

Everything runs over real loopback sockets. The attackers connect from other loopback
addresses (127.0.0.2 ...; all of 127/8 is this computer on Linux), so the per-address limit is
seen as it would be with senders on the internet; counts and times are bounded.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest

from pos_app.notifications import NotificationReceiver, ReceiverLimits
from pos_app.notifications.guard import peer_key

Conn = tuple[asyncio.StreamReader, asyncio.StreamWriter]
HEAD = b"POST /mp/notifications?topic=payment&id=%d HTTP/1.1\r\nHost: till\r\n"


def _other_loopback_works() -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.2", 0))
        except OSError:
            return False
    return True


pytestmark = pytest.mark.skipif(
    not _other_loopback_works(), reason="needs 127.0.0.2... as source addresses (Linux)"
)


@asynccontextmanager
async def receiver(**limits: Any) -> AsyncIterator[tuple[NotificationReceiver, list[str]]]:
    hints: list[str] = []

    async def handler(topic: str, resource_id: str) -> None:
        hints.append(resource_id)

    limits.setdefault("settle", 0)
    rx = NotificationReceiver(handler, listen="127.0.0.1:0", limits=ReceiverLimits(**limits))
    async with rx:
        yield rx, hints


class Crowd:
    """Client connections opened by the test; all closed on exit."""

    def __init__(self, rx: NotificationReceiver) -> None:
        self.port = rx.server.port
        self.conns: list[Conn] = []

    async def open(self, count: int, sources: int = 1, first: int = 2) -> list[Conn]:
        opened = []
        for i in range(count):
            source = f"127.0.0.{first + i % sources}"
            conn = await asyncio.open_connection("127.0.0.1", self.port, local_addr=(source, 0))
            opened.append(conn)
        self.conns += opened
        return opened

    def close(self) -> None:
        for _, writer in self.conns:
            writer.close()


@asynccontextmanager
async def crowd(rx: NotificationReceiver) -> AsyncIterator[Crowd]:
    c = Crowd(rx)
    try:
        yield c
    finally:
        c.close()


async def closed_by_server(conns: list[Conn], within: float) -> int:
    """How many of ``conns`` the server closed within ``within`` seconds (reads what came)."""

    async def ended(reader: asyncio.StreamReader) -> bool:
        with contextlib.suppress(TimeoutError, ConnectionError):
            async with asyncio.timeout(within):
                try:
                    while await reader.read(4096):
                        pass
                except (ConnectionResetError, BrokenPipeError):
                    # Closed by the server all the same: closed with a trickled line still
                    # unread there, or written to once closed, a connection ends in a reset.
                    pass
                return True
        return False

    results = await asyncio.gather(*(ended(reader) for reader, _ in conns))
    return sum(results)


async def genuine(rx: NotificationReceiver, count: int, first_id: int = 1000) -> None:
    """Post ``count`` genuine notifications one after the other: each answered 200 (a starved
    one would hit the client's 5 s timeout)."""
    async with httpx.AsyncClient(trust_env=False, timeout=5) as http:
        for i in range(count):
            response = await http.post(f"{rx.url}?topic=payment&id={first_id + i}")
            assert response.status_code == 200, (response.status_code, response.text)


async def until(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.01)


def run(scenario: Callable[[], Awaitable[None]]) -> None:
    asyncio.run(asyncio.wait_for(scenario(), 30))


def test_hundreds_of_idle_and_slow_connections_do_not_starve_genuine_notifications() -> None:
    async def scenario() -> None:
        async with receiver(rate=1000, burst=1000) as (rx, hints), crowd(rx) as c:
            # 300 silent connections and 100 that stopped half-way through their headers,
            # from 20 addresses (15 + 5 each, under the per-address limit).
            idle = await c.open(300, sources=20)
            for i, (_, writer) in enumerate(await c.open(100, sources=20)):
                writer.write(HEAD % i)
            await until(lambda: rx.guard.open == 400)  # all of them accepted and held
            # Each one answered 200 within the client's timeout, while all 400 stay open.
            await genuine(rx, 30)
            await rx.dispatcher.drain()
            assert len(hints) == 30
            # Nobody was pushed out for it: the crowd is still connected.
            assert await closed_by_server(c.conns, within=0.1) == 0
            assert rx.guard.open >= 400 and rx.guard.stats.evicted == 0
            assert len(idle) == 300

    run(scenario)


def test_connections_without_a_request_are_closed_after_the_header_timeout() -> None:
    async def scenario() -> None:
        limits = {"header_timeout": 0.25, "read_timeout": 0.25}
        async with receiver(**limits) as (rx, _), crowd(rx) as c:
            idle = await c.open(20, sources=4)
            trickled = await c.open(5, sources=5, first=10)
            slow_body = await c.open(5, sources=5, first=20)
            for i, (_, writer) in enumerate(slow_body):
                writer.write(HEAD % i + b"Content-Length: 100\r\n\r\n{")
            kept_alive = await c.open(1, first=30)
            reader, writer = kept_alive[0]
            writer.write(HEAD % 1 + b"Content-Length: 0\r\n\r\n")
            assert (await reader.readline()).startswith(b"HTTP/1.1 200")

            async def trickle() -> None:
                # A header line every 0.05 s: alive, but never a whole request.
                for step in range(40):
                    for _, w in trickled:
                        if not w.is_closing():
                            w.write(b"X-Pad: %d\r\n" % step if step else HEAD % 0)
                    await asyncio.sleep(0.05)

            task = asyncio.create_task(trickle())
            assert await closed_by_server(idle + trickled + kept_alive, within=3.0) == 26
            assert await closed_by_server(slow_body, within=3.0) == 5  # after their 408
            task.cancel()
            assert rx.guard.open == 0
            assert rx.guard.stats.timed_out == 31
            await genuine(rx, 3)

    run(scenario)


def test_one_address_holds_its_share_and_its_genuine_requests_still_get_in() -> None:
    async def scenario() -> None:
        async with receiver(per_address_connections=8) as (rx, hints), crowd(rx) as c:
            conns = await c.open(20, first=2)
            # The 12 oldest were closed to make room for the newer ones.
            assert await closed_by_server(conns[:12], within=2.0) == 12
            assert rx.guard.open == 8
            # A genuine request from the same address (a shared tunnel, a NAT) still gets in.
            async with httpx.AsyncClient(
                trust_env=False, transport=httpx.AsyncHTTPTransport(local_address="127.0.0.2")
            ) as http:
                response = await http.post(f"{rx.url}?topic=payment&id=7")
            assert response.status_code == 200
            await rx.dispatcher.drain()
            assert hints == ["7"]

    run(scenario)


def test_many_addresses_cannot_exhaust_the_total_either() -> None:
    async def scenario() -> None:
        limits = {"per_address_connections": 8, "max_connections": 40}
        async with receiver(**limits) as (rx, hints), crowd(rx) as c:
            conns = await c.open(80, sources=10)  # 8 from each of 10 addresses
            await until(lambda: rx.guard.open == 40)
            assert await closed_by_server(conns[:40], within=2.0) == 40
            await genuine(rx, 5)
            await rx.dispatcher.drain()
            assert len(hints) == 5
            assert rx.guard.stats.evicted == 41  # 40 for the crowd, 1 for the genuine client

    run(scenario)


def test_limits_count_an_ipv6_line_as_one_address_and_fit_the_file_limit() -> None:
    assert (
        peer_key("2001:db8:1:2:aaaa::1")
        == peer_key("2001:db8:1:2:bbbb::9")
        == ("2001:db8:1:2::/64")
    )
    assert peer_key("2001:db8:1:3::1") != peer_key("2001:db8:1:2::1")
    assert peer_key("::ffff:192.0.2.7") == "192.0.2.7"
    assert peer_key("192.0.2.7") == "192.0.2.7"
    resource = pytest.importorskip("resource")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard))  # macOS's default
    try:
        rx = NotificationReceiver(lambda t, r: asyncio.sleep(0), listen="127.0.0.1:0")
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    assert rx.guard.limits.max_connections == 128
