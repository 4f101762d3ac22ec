"""``pos-app doctor``'s receiver checks, and ``pos-app charge --wait`` with the receiver on."""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import threading
import time
from typing import Any

import httpx
import pytest

from pos_app.cli import main
from pos_app.cli.doctor import cmd_doctor
from pos_app.notifications import NotificationReceiver
from pos_app.notifications.diagnose import RECEIVER, URL, Finding, check_receiver
from pos_app.sandbox.server import SandboxServer
from pos_app.sandbox.state import SandboxState
from pos_app.settings import config as config_mod
from tests.notifications.harness import till_config
from tests.thread_sandbox import ThreadSandbox, sandbox_fixture  # noqa: F401


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _nothing(topic: str, resource_id: str) -> None:
    raise AssertionError("the doctor's probe must never become a hint")


def by_name(findings: list[Finding]) -> dict[str, Finding]:
    return {f.name: f for f in findings}


def test_doctor_off_and_half_configured() -> None:
    async def main_() -> None:
        [off] = await check_receiver("", "")
        assert off.ok and "polling" in off.detail
        [half] = await check_receiver("", "https://till.example.org/mp/notifications")
        assert not half.ok and "--notify-listen" in half.advice
        [bad] = await check_receiver("nonsense", "")
        assert not bad.ok

    asyncio.run(main_())


def test_doctor_starts_the_receiver_briefly_and_the_url_reaches_it() -> None:
    async def main_() -> None:
        port = free_port()
        listen = f"127.0.0.1:{port}"
        found = by_name(await check_receiver(listen, f"http://127.0.0.1:{port}/mp/notifications"))
        assert found[RECEIVER].ok and "not running" in found[RECEIVER].detail
        assert found[URL].ok, found[URL]
        wrong = by_name(await check_receiver(listen, f"http://127.0.0.1:{free_port()}/mp/x"))
        assert wrong[RECEIVER].ok and not wrong[URL].ok
        assert "tunnel" in wrong[URL].advice
        unset = by_name(await check_receiver(listen, ""))
        assert not unset[URL].ok and "--notify-url" in unset[URL].advice
        # It let go of the port: the app can have it.
        async with NotificationReceiver(_nothing, listen=listen):
            pass

    asyncio.run(main_())


def test_doctor_probes_the_running_app_without_disturbing_it() -> None:
    async def main_() -> None:
        async with NotificationReceiver(_nothing, listen="127.0.0.1:0") as app_receiver:
            port = app_receiver.server.port
            listen = f"127.0.0.1:{port}"
            found = by_name(await check_receiver(listen, app_receiver.url, secret_set=True))
            assert found[RECEIVER].ok and "running app" in found[RECEIVER].detail
            assert "signed webhooks are checked" in found[RECEIVER].detail
            assert found[URL].ok
            assert app_receiver.endpoint.pings == 2  # the local probe and the URL's
            await app_receiver.dispatcher.drain()

    asyncio.run(main_())


def test_doctor_reports_a_port_held_by_another_program() -> None:
    async def main_() -> None:
        async with SandboxServer() as other:  # answers HTTP, but 404 on our path
            listen = f"127.0.0.1:{other.port}"
            [held] = await check_receiver(listen, f"{other.base_url}/mp/notifications")
            assert not held.ok and "404" in held.detail and "another" in held.advice.lower()

    asyncio.run(main_())


def test_doctor_command_lists_the_receiver(capsys: pytest.CaptureFixture[str]) -> None:
    port = free_port()
    config = till_config(SandboxState.seeded(), poll=config_mod.PollSchedule(), listen="")
    config_mod.save(
        config.with_changes(
            notify_listen=f"127.0.0.1:{port}",
            notify_url=f"http://127.0.0.1:{port}/mp/notifications",
        )
    )
    asyncio.run(cmd_doctor(argparse.Namespace(json=True)))
    checks = {c["name"]: c for c in json.loads(capsys.readouterr().out)["checks"]}
    assert checks[RECEIVER]["ok"] and checks[URL]["ok"]
    assert checks["Mercado Pago API"]["detail"].startswith("instore orders v2")


def test_doctor_says_which_api(capsys: pytest.CaptureFixture[str]) -> None:
    config = till_config(SandboxState.seeded(), poll=config_mod.PollSchedule(), listen="")
    config_mod.save(config.with_changes(api="orders", qr_mode="hybrid"))
    asyncio.run(cmd_doctor(argparse.Namespace(json=True)))
    checks = {c["name"]: c for c in json.loads(capsys.readouterr().out)["checks"]}
    assert checks["Mercado Pago API"]["detail"] == "Orders API (/v1/orders), hybrid QR"
    assert "Orders API notifications" not in checks  # no receiver: nothing to point at


def test_doctor_tells_where_the_orders_api_posts(capsys: pytest.CaptureFixture[str]) -> None:
    """The Orders API takes no notification URL with its orders: every receiver check passed
    while Mercado Pago, never told in its panel, posted nothing."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/mp/notifications"
    config = till_config(SandboxState.seeded(), poll=config_mod.PollSchedule(), listen="")
    config_mod.save(
        config.with_changes(api="orders", notify_listen=f"127.0.0.1:{port}", notify_url=url)
    )
    asyncio.run(cmd_doctor(argparse.Namespace(json=True)))
    checks = {c["name"]: c for c in json.loads(capsys.readouterr().out)["checks"]}
    told = checks["Orders API notifications"]
    assert "panel" in told["detail"] and url in told["advice"] and "'Order'" in told["advice"]


def test_charge_wait_is_told_by_the_receiver(
    sandbox: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    port = free_port()
    config = till_config(sandbox.state, poll=config_mod.PollSchedule(), listen="")
    config_mod.save(
        config.with_changes(
            notify_listen=f"127.0.0.1:{port}",
            notify_url=f"http://127.0.0.1:{port}/mp/notifications",
        )
    )
    paid_at: dict[str, Any] = {}

    def customer() -> None:
        """Waits for the order on the box, then pays it from the phone."""
        with httpx.Client(base_url=sandbox.base_url, trust_env=False, timeout=5) as http:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                if http.get("/_sandbox/boxes/CAJA01").json()["order"] is not None:
                    paid_at["t"] = time.monotonic()
                    http.post("/_sandbox/boxes/CAJA01/pay", json={}).raise_for_status()
                    return
                time.sleep(0.02)

    phone = threading.Thread(target=customer)
    phone.start()
    try:
        argv = ["charge", "--item", "Yerba:2:1725.25", "--wait", "--poll-interval", "30"]
        code = main([*argv, "--timeout", "20", "--json"])
        done = time.monotonic()
    finally:
        phone.join(10)
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["status"] == "paid"
    assert done - paid_at["t"] < 5  # polling every 30 s could not have done it
    deliveries = sandbox.state.notifications
    assert deliveries and all(n["status"] == 200 for n in deliveries)
