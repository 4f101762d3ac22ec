"""Settings applied without a restart (``Runtime.reconfigure``) change what the config says and
keep the engine's own timings, which no setting holds.

Before 2026-12-03 the engine's settings were made anew from the config, every timing back at
its default: a runtime given a 0.3 s cancel recheck (every window test's) waited the default 2 s
after Settings switched it to the Orders API (~1.7 s of idle time in each of six window tests).
"""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import timedelta
from typing import Any

import httpx
import pytest

from pos_app import runtime as runtime_module
from pos_app.app import demo_config
from pos_app.checkout.options import CheckoutSettings
from pos_app.mercadopago.credentials import AccessToken
from pos_app.runtime import ENGINE_TIMINGS, checkout_settings, open_runtime
from pos_app.sandbox.app import create_sandbox_app
from pos_app.sandbox.state import SandboxState
from pos_app.settings.config import PollSchedule

SHORT: dict[str, Any] = {
    "cancel_recheck_delay": 0.3,
    "expiry_grace": timedelta(seconds=2),
    "trouble_backoff_max": 0.5,
    "box_check_interval": 1.5,
    "box_recheck_interval": 0.7,
    "search_lag_allowance": 0.4,
    "after_cancel_interval": 0.9,
}


def test_new_settings_keep_the_engines_timings() -> None:
    state = SandboxState.seeded()
    config = demo_config(state)

    async def main() -> None:
        async with open_runtime(
            config=config,
            token=AccessToken(state.seller_token),
            base_url="http://127.0.0.1:9",  # never dialled: the transport is in-process
            http_transport=httpx.ASGITransport(app=create_sandbox_app(state)),
        ) as rt:
            rt.engine.settings = dataclasses.replace(rt.engine.settings, **SHORT)
            poll = PollSchedule(fast=0.25, medium=0.5, slow=1.0)
            await rt.reconfigure(config.with_changes(api="orders", qr_mode="dynamic", poll=poll))
            settings = rt.engine.settings
            assert (settings.api, settings.qr_mode, settings.poll) == ("orders", "dynamic", poll)
            assert {name: getattr(settings, name) for name in SHORT} == SHORT

    asyncio.run(main())


def test_every_engine_setting_comes_from_the_config_or_is_a_kept_timing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A field the config does not set and ``ENGINE_TIMINGS`` does not name would still go
    back to its default at each reconfigure; one in both would not follow Settings."""
    given: list[set[str]] = []

    def record(**kwargs: Any) -> CheckoutSettings:
        given.append(set(kwargs))
        return CheckoutSettings(**kwargs)

    monkeypatch.setattr(runtime_module, "CheckoutSettings", record)
    checkout_settings(demo_config(SandboxState.seeded()))
    every = {f.name for f in dataclasses.fields(CheckoutSettings)}
    assert SHORT.keys() == set(ENGINE_TIMINGS)
    assert not given[0] & set(ENGINE_TIMINGS)
    assert given[0] | set(ENGINE_TIMINGS) == every
