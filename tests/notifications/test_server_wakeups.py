"""The embedded server (receiver, demo sandbox) leaves the host's event loop alone while idle.

uvicorn's own main loop wakes up every 0.1 s to see whether it should stop: ten wake-ups a
second of the window's event loop for as long as the app runs (and, on virtual time, 600 turns
of the loop per virtual minute in every test with a sandbox). The embedded server wakes once a
second (the Date header's refresh); its stop wakes it at once.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from pos_app.notifications import server as server_module
from pos_app.notifications.server import EmbeddedServer
from tests.uvicorn_log import uvicorn_errors
from tests.virtual_time import current, run_virtual


async def _ok(_request: Request) -> PlainTextResponse:
    return PlainTextResponse("ok")


def _app() -> Starlette:
    return Starlette(routes=[Route("/", _ok)])


def test_an_idle_server_wakes_the_loop_once_a_second_and_still_stops(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ticks: list[float] = []
    on_tick = server_module._EmbeddedServer.on_tick

    async def counted(self: server_module._EmbeddedServer, counter: int) -> bool:
        ticks.append(asyncio.get_running_loop().time())
        return await on_tick(self, counter)

    monkeypatch.setattr(server_module._EmbeddedServer, "on_tick", counted)

    async def scenario() -> None:
        loop = current()
        server = EmbeddedServer(_app(), host="127.0.0.1", port=0)
        await server.start()
        async with httpx.AsyncClient(base_url=server.base_url, trust_env=False) as client:
            answer = await client.get("/")
            assert answer.text == "ok" and "date" in answer.headers
        started = loop.time()
        await asyncio.sleep(60)  # virtual: an idle minute
        idle = [t for t in ticks if t >= started]
        assert 55 <= len(idle) <= 62, len(idle)  # uvicorn's own loop: ~600
        stopping = loop.time()
        await server.stop()
        assert not server.running
        # Virtual seconds: woken by the stop itself,
        # not by the next tick up to a second later.
        assert loop.time() - stopping < 0.5

    run_virtual(scenario())


def test_a_stop_waits_for_no_fixed_pause() -> None:
    """uvicorn's shutdown slept 0.1 s after asking the connections to close, then looked every
    0.1 s: a tenth of a second at every stop (quitting the window; every test with a sandbox on
    real time). An idle keep-alive connection now closes at once."""

    async def scenario() -> None:
        loop = current()
        server = EmbeddedServer(_app(), host="127.0.0.1", port=0)
        await server.start()
        async with httpx.AsyncClient(base_url=server.base_url, trust_env=False) as client:
            assert (await client.get("/")).text == "ok"  # its connection stays open, idle
            stopping = loop.time()
            await server.stop()
            assert loop.time() - stopping < 0.1  # virtual seconds: uvicorn's pause was 0.1
            assert not server.running
            with pytest.raises(httpx.TransportError):  # the connection was closed, no new one
                await client.get("/")

    run_virtual(scenario())


def test_a_request_in_flight_is_answered_before_the_stop_ends() -> None:
    arrived = asyncio.Event()
    release = asyncio.Event()

    async def slow(_request: Request) -> PlainTextResponse:
        arrived.set()
        await release.wait()
        return PlainTextResponse("answered")

    async def scenario() -> None:
        server = EmbeddedServer(Starlette(routes=[Route("/", slow)]), host="127.0.0.1", port=0)
        await server.start()
        async with httpx.AsyncClient(base_url=server.base_url, trust_env=False) as client:
            asking = asyncio.ensure_future(client.get("/"))
            await asyncio.wait_for(arrived.wait(), 5)
            stopping = asyncio.ensure_future(server.stop())
            await asyncio.sleep(1)  # virtual: the stop waits for the request meanwhile
            assert not stopping.done()
            release.set()
            answer = await asyncio.wait_for(asking, 5)
            await asyncio.wait_for(stopping, 5)
        assert answer.text == "answered"

    run_virtual(scenario())


def test_a_request_that_never_ends_is_canceled_at_the_graceful_timeout() -> None:
    arrived = asyncio.Event()
    canceled = asyncio.Event()

    async def hung(_request: Request) -> PlainTextResponse:
        arrived.set()
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            canceled.set()
            raise
        raise AssertionError("never")

    async def scenario() -> float:
        loop = current()
        server = EmbeddedServer(
            Starlette(routes=[Route("/", hung)]),
            host="127.0.0.1",
            port=0,
            timeout_graceful_shutdown=3,
        )
        await server.start()
        async with httpx.AsyncClient(base_url=server.base_url, trust_env=False) as client:
            asking = asyncio.ensure_future(client.get("/"))
            await asyncio.wait_for(arrived.wait(), 5)
            stopping = loop.time()
            await asyncio.wait_for(server.stop(), 10)
            took = loop.time() - stopping
            assert canceled.is_set()
            asking.cancel()
            with pytest.raises((asyncio.CancelledError, httpx.TransportError)):
                await asking
        return took

    with uvicorn_errors() as said:
        took = run_virtual(scenario())
    assert 3 <= took < 4  # virtual seconds: the graceful-shutdown timeout, then canceled
    # Said where uvicorn always said it (and heard: test_sandbox_faults checks its absence).
    assert sum("graceful shutdown exceeded" in r.getMessage() for r in said) == 1
