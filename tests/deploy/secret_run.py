"""A run at the most verbose log level that handles every secret: shared by the log and support
file tests."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from pos_app.cli.doctor import run_checks
from pos_app.sandbox.app import create_sandbox_app
from pos_app.sandbox.server import SandboxServer
from pos_app.sandbox.state import SandboxState
from pos_app.settings import paths
from pos_app.system import logs

# Not token-shaped on purpose: only remember_secret() can catch it.
TOKEN = "sandbox0seller0token0f3b9c2d7e1a"
WEBHOOK_SECRET = "whsec0a1b2c3d4e5f60718293a4b5c6d7"
DB_PASSWORD = "Pg0Secret0Pass"
SHAPED_TOKEN = "APP_USR-7771000000000001-112200-0123456789abcdef0123456789abcdef-777"
SECRETS = (TOKEN, WEBHOOK_SECRET, DB_PASSWORD, SHAPED_TOKEN)


def run_verbose_session(monkeypatch: pytest.MonkeyPatch) -> Path:
    """``-vv`` console + the log file; doctor against the sandbox with the token and the webhook
    secret in the environment; lines that carry secrets in arguments, dicts and tracebacks.
    Returns the log folder."""
    logs.setup(2)
    folder = paths.logs_dir()
    logs.add_file(folder)
    assert logging.getLogger("httpcore").getEffectiveLevel() == logging.DEBUG
    state = SandboxState.seeded(token=TOKEN)
    monkeypatch.setenv("MP_ACCESS_TOKEN", TOKEN)
    monkeypatch.setenv("MP_WEBHOOK_SECRET", WEBHOOK_SECRET)
    log = logging.getLogger("pos_app.test")

    async def main() -> None:
        async with SandboxServer(create_sandbox_app(state)) as server:
            monkeypatch.setenv("MP_API_BASE_URL", server.base_url)
            await run_checks()

    asyncio.run(main())
    from pos_app.settings import secrets

    secrets.load_webhook_secret()
    log.debug("request headers %s", {"Authorization": f"Bearer {TOKEN}"})
    log.debug("webhook secret is %s", WEBHOOK_SECRET)
    log.info("store database postgresql://pos:%s@db.local/shop", DB_PASSWORD)
    log.info("dsn host=db.local user=pos password=%s", DB_PASSWORD)
    log.warning("pasted %s", SHAPED_TOKEN)
    try:
        raise RuntimeError(f"token {TOKEN} refused")
    except RuntimeError:
        log.exception("it failed")
    log.debug("stack", stack_info=True)
    for handler in logging.getLogger().handlers:
        handler.flush()
    return folder
