"""Item 8 of issue 16: forged webhooks and hints cost (almost) nothing.

- with a webhook secret set, a webhook without ``x-signature`` is refused (401) and never
  fetched; an IPN stays an unsigned hint by design;
- ``X-Forwarded-For`` is believed only from configured proxies, so rotating it does not get
  past the per-sender throttle;
- a flood of one resource costs one fetch per ``refetch_after``;
- refusals are logged once per burst, with a count, not once each.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest

from pos_app.cli import main
from pos_app.notifications import NotificationReceiver, ReceiverLimits
from pos_app.notifications.burstlog import BurstLog
from pos_app.notifications.diagnose import RECEIVER, check_receiver
from pos_app.notifications.signature import sign
from pos_app.settings import config as config_mod
from tests.virtual_time import run_virtual

SECRET = "s3cr3t"
WEBHOOK = {"type": "payment", "action": "payment.updated", "data": {"id": "%s"}}


@asynccontextmanager
async def receiver(
    secret: str = "", trusted_proxies: str = "", **limits: Any
) -> AsyncIterator[tuple[NotificationReceiver, list[tuple[float, str]], httpx.AsyncClient]]:
    fetches: list[tuple[float, str]] = []

    async def handler(topic: str, resource_id: str) -> None:
        fetches.append((asyncio.get_running_loop().time(), resource_id))

    limits.setdefault("settle", 0)
    rx = NotificationReceiver(
        handler,
        listen="127.0.0.1:0",
        secret=secret,
        trusted_proxies=trusted_proxies,
        limits=ReceiverLimits(**limits),
    )
    async with rx, httpx.AsyncClient(trust_env=False, base_url=rx.url) as http:
        yield rx, fetches, http


def webhook(data_id: str) -> tuple[str, dict[str, Any]]:
    body = json.loads(json.dumps(WEBHOOK).replace("%s", data_id))
    return f"?data.id={data_id}&type=payment", body


def test_unsigned_webhooks_are_refused_when_a_secret_is_set() -> None:
    async def scenario() -> None:
        async with receiver(secret=SECRET) as (rx, fetches, http):
            query, body = webhook("11")
            refused = await http.post(query, json=body)
            assert refused.status_code == 401 and "signature" in refused.text
            signed = {"x-signature": sign(SECRET, "12", "r1", "1704908010"), "x-request-id": "r1"}
            query, body = webhook("12")
            assert (await http.post(query, json=body, headers=signed)).status_code == 200
            # QR merchant-order IPNs are never signed: still a hint (re-fetched, never believed).
            assert (await http.post("?topic=merchant_order&id=13")).status_code == 200
            await rx.dispatcher.drain()
            assert sorted(r for _, r in fetches) == ["12", "13"]
            assert rx.endpoint.statuses[401] == 1
        async with receiver() as (rx, fetches, http):  # no secret: nothing can be checked
            query, body = webhook("14")
            assert (await http.post(query, json=body)).status_code == 200

    asyncio.run(scenario())


async def forged_from_many_addresses(http: httpx.AsyncClient, count: int) -> list[int]:
    codes = []
    for i in range(count):
        headers = {"X-Forwarded-For": f"198.51.100.{i % 250 + 1}"}
        response = await http.post(f"?topic=payment&id={500 + i}", headers=headers)
        codes.append(response.status_code)
    return codes


def test_rotating_x_forwarded_for_does_not_get_past_the_throttle() -> None:
    async def scenario() -> None:
        async with receiver(rate=0.01, burst=5) as (rx, fetches, http):
            codes = await forged_from_many_addresses(http, 30)
            assert codes == [200] * 5 + [429] * 25
            await rx.dispatcher.drain()
            assert len(fetches) == 5  # 25 forged hints cost no API call
        # A tunnel on this computer, configured as trusted: now the header names the sender.
        async with receiver(rate=0.01, burst=5, trusted_proxies="127.0.0.1") as (rx, _, http):
            assert await forged_from_many_addresses(http, 10) == [200] * 10
        # ...but only from that proxy: the same header from anywhere else is not believed.
        async with (
            receiver(rate=0.01, burst=5, trusted_proxies="127.0.0.2") as (rx, _, _),
            httpx.AsyncClient(trust_env=False, base_url=rx.url) as http,
        ):
            codes = await forged_from_many_addresses(http, 10)
            assert codes == [200] * 5 + [429] * 5

    asyncio.run(scenario())


def test_bad_trusted_proxy_values_are_refused() -> None:
    for bad in ("*", "localhost", "127.0.0.1, nonsense", "300.1.1.1"):
        with pytest.raises(ValueError):
            NotificationReceiver(lambda t, r: asyncio.sleep(0), listen="127.0.0.1:0",
                                 trusted_proxies=bad)  # fmt: skip
    rx = NotificationReceiver(
        lambda t, r: asyncio.sleep(0), listen="127.0.0.1:0", trusted_proxies=" 127.0.0.1, ::1 ,"
    )
    assert rx.trusted_proxies == "127.0.0.1,::1"


def test_a_flood_of_one_resource_costs_one_fetch_per_refetch_window() -> None:
    async def scenario() -> None:
        async with receiver(rate=1e9, burst=1e9, refetch_after=0.5) as (rx, fetches, http):
            loop = asyncio.get_running_loop()
            end = loop.time() + 1.2
            posted = 0
            while loop.time() < end:
                assert (await http.post("?topic=merchant_order&id=77")).status_code == 200
                posted += 1
                await asyncio.sleep(0.01)
            # The last hint was received by now (its answer is back): on a loaded machine a
            # post takes real time, and the flood lasts longer than the 1.2 s it was given.
            last_hint = loop.time()
            await rx.dispatcher.drain()
            assert posted >= 10  # a flood, however slow the machine is today
            # One at once, then at most one per 0.5 s while hints come (1.2 s: 3), then one for
            # the last hint of the flood: 4, or more only when the flood lasted longer.
            windows = int((last_hint - fetches[0][0]) / 0.5)
            assert 2 <= len(fetches) <= windows + 2, (fetches, last_hint)
            gaps = [b - a for (a, _), (b, _) in itertools.pairwise(fetches)]
            assert min(gaps) >= 0.45, gaps
            # Another resource is not held back by it.
            before = loop.time()
            assert (await http.post("?topic=payment&id=78")).status_code == 200
            await rx.dispatcher.drain()
            # Not held back by the first resource's 0.5 s window.
            assert fetches[-1][1] == "78" and loop.time() - before < 0.45

    # Virtual time (tests/virtual_time.py): the windows are the loop's, so the gaps are
    # exact and a busy machine only makes fewer posts, not a wrong count.
    run_virtual(scenario())


def test_refusals_are_logged_once_per_burst(caplog: pytest.LogCaptureFixture) -> None:
    async def scenario() -> None:
        async with receiver(secret=SECRET, rate=0.01, burst=40) as (_rx, fetches, http):
            for i in range(40):
                query, body = webhook(str(900 + i))
                assert (await http.post(query, json=body)).status_code == 401
            for _ in range(20):
                assert (await http.post("?topic=payment&id=1")).status_code == 429
        assert fetches == []

    with caplog.at_level(logging.INFO, logger="pos_app.notifications"):
        asyncio.run(scenario())
    lines = [r.getMessage() for r in caplog.records]
    unsigned = [m for m in lines if "without a signature" in m]
    throttled = [m for m in lines if "throttled (429)" in m]
    assert len(unsigned) == 1 and len(throttled) == 1, lines
    assert "39 more like it (unsigned webhooks)" in "\n".join(lines)
    assert "19 more like it (throttled)" in "\n".join(lines)
    assert len(lines) <= 6, lines


def test_burst_log_counts_and_starts_a_new_burst_after_its_window(
    caplog: pytest.LogCaptureFixture,
) -> None:
    now = [0.0]
    burst = BurstLog(logging.getLogger("tests.burst"), window=10, clock=lambda: now[0])
    with caplog.at_level(logging.INFO, logger="tests.burst"):
        for i in range(5):
            burst.log("kind", logging.WARNING, "refused %d", i)
        now[0] = 11.0  # no event loop here: the next one closes the old burst
        burst.log("kind", logging.WARNING, "refused %d", 99)
        burst.flush()
    assert [r.getMessage() for r in caplog.records] == [
        "refused 0",
        "4 more like it (kind) in 10 s",
        "refused 99",
    ]


def test_configure_and_doctor_show_the_trusted_proxy(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["configure", "--notify-trusted-proxy", "127.0.0.1, 10.0.0.0/8", "--json"]) == 0
    assert config_mod.load().config.notify_trusted_proxies == "127.0.0.1,10.0.0.0/8"
    capsys.readouterr()
    assert main(["configure", "--notify-trusted-proxy", "everyone"]) != 0
    assert "--notify-trusted-proxy" in capsys.readouterr().err
    assert config_mod.load().config.notify_trusted_proxies == "127.0.0.1,10.0.0.0/8"

    async def doctor() -> None:
        [found, _] = await check_receiver(
            "127.0.0.1:0", "", secret_set=True, trusted_proxies="127.0.0.1"
        )
        assert found.name == RECEIVER and found.ok
        assert "unsigned ones refused" in found.detail
        assert "X-Forwarded-For believed from 127.0.0.1 only" in found.detail

    asyncio.run(doctor())


def test_settings_with_a_new_trusted_proxy_restart_the_receiver() -> None:
    from tests.notifications.harness import Till, run_till

    async def scenario(till: Till) -> None:
        old = till.receiver
        assert old.trusted_proxies == ""
        await till.rt.reconfigure(till.rt.config.with_changes(notify_trusted_proxies="127.0.0.1"))
        assert till.receiver is not old and till.receiver.trusted_proxies == "127.0.0.1"
        assert not old.running and till.receiver.running

    run_till(scenario)


def test_a_flood_of_broken_http_is_one_log_line(caplog: pytest.LogCaptureFixture) -> None:
    async def scenario() -> None:
        async with receiver() as (rx, _, http):
            for _ in range(30):
                reader, writer = await asyncio.open_connection("127.0.0.1", rx.server.port)
                writer.write(b"GARBAGE\r\n\r\n")
                assert (await reader.read()).startswith(b"HTTP/1.1 400")
                writer.close()
            assert (await http.post("?topic=payment&id=5")).status_code == 200

    with caplog.at_level(logging.INFO):
        asyncio.run(scenario())
    invalid = [r for r in caplog.records if "Invalid HTTP request" in r.getMessage()]
    assert len(invalid) == 1, [r.getMessage() for r in caplog.records]
