"""Serve a sandbox app over real HTTP on loopback, inside the running event loop.

Used by tests that need a real socket (dropped connections, client timeouts), by the app when it
embeds the sandbox (demo mode), and by the CLI.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import socket
from collections.abc import Callable, Generator
from types import TracebackType

import uvicorn
from starlette.applications import Starlette

from pos_app.sandbox.app import create_sandbox_app
from pos_app.sandbox.state import SandboxState


class _EmbeddedServer(uvicorn.Server):
    """uvicorn without its signal handling: the host process (pytest, the Qt app, the CLI's
    own handlers) owns Ctrl-C; uvicorn would otherwise swallow it and re-raise it later."""

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


def _bind(host: str, port: int) -> socket.socket:
    # Binding here rather than letting uvicorn do it turns "port in use" into an OSError in
    # the caller; uvicorn would log it and call sys.exit() inside a task.
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


class SandboxServer:
    """``async with SandboxServer(app) as server:`` then talk to ``server.base_url``."""

    def __init__(
        self, app: Starlette | None = None, *, host: str = "127.0.0.1", port: int = 0
    ) -> None:
        self.app = app if app is not None else create_sandbox_app()
        self.host = host
        self.port = port
        self.base_url = ""
        self._server: uvicorn.Server | None = None
        self._task: asyncio.Future[None] | None = None

    @property
    def state(self) -> SandboxState:
        state: SandboxState = self.app.state.sandbox
        return state

    async def __aenter__(self) -> SandboxServer:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    async def start(self) -> None:
        sock = _bind(self.host, self.port)
        config = uvicorn.Config(
            self.app,
            lifespan="off",
            log_level="warning",
            log_config=None,  # leave the host process's logging configuration alone
            access_log=False,
            http="h11",  # the "drop" fault relies on h11's request cycle (see faults.py)
            timeout_graceful_shutdown=3,  # never wait long for a request held by a fault
        )
        server = _EmbeddedServer(config)
        self._server = server
        self._task = asyncio.ensure_future(server.serve(sockets=[sock]))
        while not server.started:
            if self._task.done():
                sock.close()
                await self._task  # re-raises the startup failure
                raise RuntimeError("the sandbox server stopped while starting")
            await asyncio.sleep(0.005)
        host, port = sock.getsockname()[:2]
        self.port = port
        self.base_url = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    async def stop(self) -> None:
        if self._server is None or self._task is None:
            return
        self._server.should_exit = True
        task, self._task, self._server = self._task, None, None
        await task


def run_sandbox_forever(
    host: str = "127.0.0.1",
    port: int = 0,
    site_id: str = "MLA",
    *,
    state: SandboxState | None = None,
    on_ready: Callable[[SandboxServer], None] | None = None,
) -> None:
    """Serve until SIGINT/SIGTERM (or KeyboardInterrupt where signals cannot be handled)."""
    asyncio.run(_serve_forever(host, port, state or SandboxState.seeded(site_id), on_ready))


async def _serve_forever(
    host: str,
    port: int,
    state: SandboxState,
    on_ready: Callable[[SandboxServer], None] | None,
) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        # Not available on Windows: Ctrl-C then arrives as KeyboardInterrupt (the CLI's concern).
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    async with SandboxServer(create_sandbox_app(state), host=host, port=port) as server:
        if on_ready is not None:
            on_ready(server)
        await stop.wait()
