"""The sandbox served from a background thread, so ``pos_app.cli.main()`` runs in the test's
thread exactly as the command line runs it (its own ``asyncio.run``)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from pos_app.sandbox.app import create_sandbox_app
from pos_app.sandbox.server import SandboxServer
from pos_app.sandbox.state import SandboxState
from pos_app.settings import config as config_mod
from pos_app.system.tls import client_context
from tests.checkout.harness import FILE_POLL, config_for


class ThreadSandbox:
    """The sandbox on a loopback port, served by its own event loop in a thread: ``state``,
    or a freshly seeded one."""

    def __init__(self, state: SandboxState | None = None) -> None:
        self.state = state or SandboxState.seeded()
        self.base_url = ""
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread = threading.Thread(target=lambda: asyncio.run(self._serve()), daemon=True)

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        async with SandboxServer(create_sandbox_app(self.state)) as server:
            self.base_url = server.base_url
            self._ready.set()
            await self._stop.wait()

    def __enter__(self) -> ThreadSandbox:
        self._thread.start()
        assert self._ready.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._loop is not None and self._stop is not None
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)

    def control(self, method: str, path: str, body: Any = None) -> Any:
        with httpx.Client(base_url=self.base_url, timeout=5, verify=client_context()) as http:
            response = http.request(method, path, json=body)
            response.raise_for_status()
            return response.json() if response.content else None


@pytest.fixture(name="sandbox")
def sandbox_fixture(monkeypatch: pytest.MonkeyPatch) -> Iterator[ThreadSandbox]:
    """``sandbox``: a thread sandbox the CLI reaches through its environment (URL, seller
    token). Import ``sandbox_fixture`` to use it in a
    module."""
    with ThreadSandbox() as sb:
        monkeypatch.setenv("MP_API_BASE_URL", sb.base_url)
        monkeypatch.setenv("MP_ACCESS_TOKEN", sb.state.seller_token)
        yield sb


@pytest.fixture(name="configured")
def configured_fixture(sandbox: ThreadSandbox) -> ThreadSandbox:
    """``configured``: the thread sandbox, and a config file for its seeded store and box."""
    config_mod.save(config_for(sandbox.state, poll=FILE_POLL))
    return sandbox
