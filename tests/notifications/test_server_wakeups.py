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
        # Virtual seconds: woken by the stop itself (then uvicorn's shutdown pauses 0.1 s),
        # not by the next tick up to a second later.
        assert loop.time() - stopping < 0.5

    run_virtual(scenario())
