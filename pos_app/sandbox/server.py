"""Serve a sandbox app over real HTTP on loopback, inside the running event loop.

Used by tests that need a real socket (dropped connections, client timeouts), by the app when it
embeds the sandbox (demo mode), and by the CLI.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable

from starlette.applications import Starlette

from pos_app.notifications.server import EmbeddedServer, Served
from pos_app.sandbox.app import create_sandbox_app
from pos_app.sandbox.state import SandboxState


class SandboxServer(Served):
    """``async with SandboxServer(app) as server:`` then talk to ``server.base_url``."""

    def __init__(
        self, app: Starlette | None = None, *, host: str = "127.0.0.1", port: int = 0
    ) -> None:
        self.app = app if app is not None else create_sandbox_app()
        self.host = host
        self.port = port
        self.base_url = ""
        # h11: the "drop" fault relies on its request cycle (see faults.py). A request held by
        # a fault must not hold the shutdown up for long.
        self._server = EmbeddedServer(
            self.app, host=host, port=port, name="sandbox server", timeout_graceful_shutdown=3
        )

    @property
    def state(self) -> SandboxState:
        state: SandboxState = self.app.state.sandbox
        return state

    async def start(self) -> None:
        await self._server.start()
        self.port = self._server.port
        self.base_url = self._server.base_url

    async def stop(self) -> None:
        await self._server.stop()


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
