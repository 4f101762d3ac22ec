"""uvicorn inside the running event loop (the Qt window's or the CLI's), without its own loop.

The notification receiver serves with it, and so does the sandbox (:mod:`pos_app.sandbox.server`):
the emulator may import this production module, never the other way round.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import Generator
from types import TracebackType
from typing import Any, Self

import uvicorn
from starlette.types import ASGIApp

# uvicorn's own logger: its "graceful shutdown exceeded" message, where it always was.
log = logging.getLogger("uvicorn.error")


def url_host(host: str) -> str:
    """Where to reach a listening address from this computer (wildcards mean loopback)."""
    host = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)
    return f"[{host}]" if ":" in host else host


class Served:
    """``async with`` for what serves: :meth:`start` on the way in, :meth:`stop` on the way out
    (whatever ended the block)."""

    async def start(self) -> None:
        raise NotImplementedError

    async def stop(self) -> None:
        raise NotImplementedError

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()


class _EmbeddedServer(uvicorn.Server):
    """uvicorn without its signal handling (the host process owns Ctrl-C), and without its
    ten wake-ups a second."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self._stopping = asyncio.Event()

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield

    async def main_loop(self) -> None:
        """uvicorn's own loop wakes up every 0.1 s to see whether it should stop, and refreshes
        its Date header every tenth time: ten wake-ups a second of the host's event loop (the
        window's, through qasync) for as long as it serves. Here :meth:`stop_soon` wakes it,
        and it wakes once a second for the Date header (uvicorn's own refresh rate)."""
        ticks = 0
        while not await self.on_tick(ticks):
            ticks += 10  # on_tick refreshes the Date header on multiples of 10
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(1.0):
                    await self._stopping.wait()

    def stop_soon(self) -> None:
        self.should_exit = True
        self._stopping.set()

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        """uvicorn's shutdown without its fixed pauses: it slept 0.1 s after asking the
        connections to close, then looked every 0.1 s whether they and their requests had
        ended. A tenth of a second at every stop of the receiver or a sandbox (quitting the
        window, every test with a sandbox on real time). Here it looks every 5 ms: an idle
        connection closes at once, and a request in flight is still answered, within the
        graceful-shutdown timeout, after which its task is canceled as uvicorn does."""
        for server in self.servers:
            server.close()
        for sock in sockets or []:
            sock.close()
        state = self.server_state
        for connection in list(state.connections):
            connection.shutdown()
        try:
            async with asyncio.timeout(self.config.timeout_graceful_shutdown):
                while (state.connections or state.tasks) and not self.force_exit:
                    await asyncio.sleep(0.005)
                for server in self.servers:
                    await server.wait_closed()
        except TimeoutError:
            log.error(
                "Cancel %s running task(s), timeout graceful shutdown exceeded", len(state.tasks)
            )
            for task in state.tasks:
                task.cancel(msg="Task cancelled, timeout graceful shutdown exceeded")
        if not self.force_exit:
            await self.lifespan.shutdown()


def _bind(host: str, port: int) -> socket.socket:
    # Binding here turns "port in use" into an OSError for the caller; uvicorn would log it and
    # call sys.exit() inside a task.
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        if hasattr(socket, "SO_EXCLUSIVEADDRUSE"):
            # Windows: SO_REUSEADDR there would let two programs share a listening port.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
        else:
            # Elsewhere it only allows a quick restart over connections in TIME_WAIT.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError:
        sock.close()
        raise
    return sock


class EmbeddedServer(Served):
    """``await start()`` binds (``OSError`` when the address is taken) and serves ``app``;
    ``await stop()`` lets requests in flight finish for a moment, then returns.

    ``uvicorn_options`` add to (or override) the shared :class:`uvicorn.Config` settings.
    """

    def __init__(
        self, app: ASGIApp, *, host: str, port: int, name: str = "server", **uvicorn_options: Any
    ) -> None:
        self.app = app
        self.host = host
        self.port = port
        self.name = name
        self.base_url = ""
        self._options = uvicorn_options
        self._server: _EmbeddedServer | None = None
        self._task: asyncio.Future[None] | None = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def start(self) -> None:
        sock = _bind(self.host, self.port)
        options: dict[str, Any] = {
            "lifespan": "off",
            "log_level": "warning",
            "log_config": None,  # leave the host process's logging configuration alone
            "access_log": False,
            "http": "h11",
            "timeout_graceful_shutdown": 2,  # quitting the app must not hang on a slow sender
        }
        config = uvicorn.Config(self.app, **(options | self._options))
        server = _EmbeddedServer(config)
        self._server = server
        self._task = asyncio.ensure_future(server.serve(sockets=[sock]))
        while not server.started:
            if self._task.done():
                sock.close()
                self._server, task, self._task = None, self._task, None
                await task  # re-raises the startup failure
                raise RuntimeError(f"the {self.name} stopped while starting")
            await asyncio.sleep(0.005)
        self.port = sock.getsockname()[1]
        self.base_url = f"http://{url_host(self.host)}:{self.port}"

    async def stop(self) -> None:
        if self._server is None or self._task is None:
            return
        self._server.stop_soon()
        task, self._task, self._server = self._task, None, None
        await task
