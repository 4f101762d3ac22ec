"""The HTTP endpoint in process: answers, refusals, limits, signatures, throttling."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx

from pos_app.notifications import PING_MARKER, NotificationReceiver, ReceiverLimits
from pos_app.notifications.signature import sign
from tests.virtual_time import run_virtual

SECRET = "s3cr3t"
Scenario = Callable[
    [httpx.AsyncClient, NotificationReceiver, list[tuple[str, str]]], Awaitable[None]
]


def run(scenario: Scenario, *, secret: str = "", **limits: Any) -> None:
    async def main() -> None:
        hints: list[tuple[str, str]] = []

        async def handler(topic: str, resource_id: str) -> None:
            hints.append((topic, resource_id))

        limits.setdefault("settle", 0)
        receiver = NotificationReceiver(
            handler, listen="127.0.0.1:0", secret=secret, limits=ReceiverLimits(**limits)
        )
        transport = httpx.ASGITransport(app=receiver.app)
        try:
            async with httpx.AsyncClient(transport=transport, base_url="http://till") as http:
                await scenario(http, receiver, hints)
        finally:
            await receiver.stop()

    run_virtual(main())  # the dispatcher's delays and the timeouts pass at once


P = "/mp/notifications"


def test_ipn_and_webhook_are_acknowledged_and_hinted() -> None:
    async def scenario(http: httpx.AsyncClient, rx: NotificationReceiver, hints: list) -> None:
        body = {"resource": "https://api.mercadolibre.com/merchant_orders/11", "topic": "x"}
        assert (await http.post(f"{P}?topic=merchant_order&id=11", json=body)).status_code == 200
        webhook = {"type": "payment", "action": "payment.created", "data": {"id": "22"}}
        assert (await http.post(f"{P}?data.id=22&type=payment", json=webhook)).status_code == 200
        assert (await http.post(f"{P}/?topic=payment&id=33")).status_code == 200  # trailing /
        order = {"type": "order", "action": "order.processed", "data": {"id": "ORD01X"}}
        assert (await http.post(f"{P}?data.id=ORD01X&type=order", json=order)).status_code == 200
        bad = await http.post(f"{P}?data.id=12345&type=order", json=order)
        assert bad.status_code == 400  # an order webhook names an ORD… id or nothing
        await rx.dispatcher.drain()
        assert sorted(hints) == [
            ("merchant_order", "11"),
            ("order", "ORD01X"),
            ("payment", "22"),
            ("payment", "33"),
        ]

    run(scenario)


def test_pings_and_other_topics_are_answered_but_never_hinted() -> None:
    async def scenario(http: httpx.AsyncClient, rx: NotificationReceiver, hints: list) -> None:
        ping = await http.post(f"{P}?topic=ping&id=0")
        assert ping.status_code == 200 and ping.json()["receiver"] == PING_MARKER
        assert (await http.post(f"{P}?topic=chargebacks&id=5")).status_code == 200
        await rx.dispatcher.drain()
        assert hints == [] and rx.endpoint.pings == 1

    run(scenario)


def test_other_methods_and_paths() -> None:
    async def scenario(http: httpx.AsyncClient, rx: NotificationReceiver, hints: list) -> None:
        for method in ("GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"):
            response = await http.request(method, f"{P}?topic=payment&id=1")
            assert response.status_code == 405, method
            assert response.headers["allow"] == "POST"
        assert (await http.post("/?topic=payment&id=1")).status_code == 404
        assert (await http.post("/mp/other")).status_code == 404
        assert hints == []

    run(scenario)


def test_malformed_input_is_400() -> None:
    async def scenario(http: httpx.AsyncClient, rx: NotificationReceiver, hints: list) -> None:
        bad = [
            (f"{P}", b""),
            (f"{P}?topic=merchant_order", b""),
            (f"{P}?topic=payment&id=abc", b""),
            (f"{P}?topic=payment&id=1&id=2", b""),
            (f"{P}?data.id=1&type=payment", b'{"type": "payment", '),
        ]
        for url, body in bad:
            response = await http.post(
                url, content=body, headers={"content-type": "application/json"}
            )
            assert response.status_code == 400, url
        await rx.dispatcher.drain()
        assert hints == []
        assert rx.endpoint.statuses[400] == len(bad)

    run(scenario)


def test_oversized_bodies_are_413_declared_or_streamed() -> None:
    async def scenario(http: httpx.AsyncClient, rx: NotificationReceiver, hints: list) -> None:
        url = f"{P}?topic=payment&id=1"
        declared = await http.post(url, content=b"x" * (64 * 1024 + 1))
        assert declared.status_code == 413
        exactly = await http.post(url, content=b" " * (64 * 1024))
        assert exactly.status_code == 200  # the limit itself is allowed

        async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: counted while read
            for _ in range(100):
                yield b"y" * 1024

        streamed = await http.post(url, content=chunks())
        assert "content-length" not in streamed.request.headers
        assert streamed.status_code == 413
        await rx.dispatcher.drain()
        assert hints == [("payment", "1")]

    run(scenario)


def test_a_trickled_body_times_out() -> None:
    async def scenario(http: httpx.AsyncClient, rx: NotificationReceiver, hints: list) -> None:
        async def slow() -> AsyncIterator[bytes]:
            yield b"{"
            await asyncio.sleep(1)
            yield b"}"

        response = await http.post(f"{P}?topic=payment&id=1", content=slow())
        assert response.status_code == 408 and hints == []

    run(scenario, read_timeout=0.1)


def test_raw_edge_cases_never_500() -> None:
    """What httpx would never send: a bad Content-Length, a disconnect mid-body."""

    async def call(app: Any, headers: list[tuple[bytes, bytes]], messages: list[dict]) -> int:
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": P,
            "raw_path": P.encode(),
            "query_string": b"topic=payment&id=1",
            "headers": headers,
            "client": ("203.0.113.9", 5000),
            "server": ("127.0.0.1", 8088),
        }
        sent: list[dict] = []
        queue = list(messages)

        async def receive() -> dict:
            return queue.pop(0) if queue else {"type": "http.disconnect"}

        async def send(message: dict) -> None:
            sent.append(message)

        await app(scope, receive, send)
        return int(sent[0]["status"])

    async def scenario(http: httpx.AsyncClient, rx: NotificationReceiver, hints: list) -> None:
        body = {"type": "http.request", "body": b"{}", "more_body": False}
        assert await call(rx.app, [(b"content-length", b"12abc")], [body]) == 400
        assert await call(rx.app, [(b"content-length", b"\xd9\xa1")], [body]) == 400
        assert await call(rx.app, [(b"content-length", b"9" * 5000)], [body]) == 413
        partial = {"type": "http.request", "body": b"{", "more_body": True}
        assert await call(rx.app, [], [partial]) == 400  # then the client went away
        assert await call(rx.app, [(b"x-signature", b"\xff\xfe")], [body]) == 200  # no secret
        await rx.dispatcher.drain()
        assert hints == [("payment", "1")]

    run(scenario)


def test_a_burst_from_one_address_is_throttled() -> None:
    async def scenario(http: httpx.AsyncClient, rx: NotificationReceiver, hints: list) -> None:
        codes = [(await http.post(f"{P}?topic=payment&id={i}")).status_code for i in range(8)]
        assert codes == [200] * 5 + [429] * 3
        limited = await http.post(f"{P}?topic=payment&id=1")
        assert int(limited.headers["retry-after"]) >= 1
        await rx.dispatcher.drain()
        assert len(hints) == 5

    run(scenario, rate=0.01, burst=5)


def test_queue_full_is_429_not_500() -> None:
    async def scenario(http: httpx.AsyncClient, rx: NotificationReceiver, hints: list) -> None:
        codes = [(await http.post(f"{P}?topic=payment&id={i}")).status_code for i in range(3)]
        assert codes == [200, 200, 429]

    run(scenario, max_pending=2, settle=5)


def test_signed_webhooks_are_verified() -> None:
    async def scenario(http: httpx.AsyncClient, rx: NotificationReceiver, hints: list) -> None:
        def headers(data_id: str, request_id: str = "req-1") -> dict[str, str]:
            return {"x-signature": sign(SECRET, data_id, request_id, "1704908010"),
                    "x-request-id": request_id}  # fmt: skip

        url = f"{P}?data.id=%s&type=payment"
        body = {"type": "payment", "action": "payment.updated", "data": {"id": "1"}}
        ok = await http.post(url % "1", json=body, headers=headers("1"))
        assert ok.status_code == 200
        forged = await http.post(url % "2", json=body, headers=headers("1"))
        assert forged.status_code == 401
        wrong_request = {**headers("3"), "x-request-id": "req-2"}
        assert (await http.post(url % "3", json=body, headers=wrong_request)).status_code == 401
        garbage = {"x-signature": "nonsense"}
        assert (await http.post(url % "4", json=body, headers=garbage)).status_code == 401
        # QR merchant-order IPNs are unsigned by design: still hints, whatever header they carry.
        assert (await http.post(f"{P}?topic=merchant_order&id=5")).status_code == 200
        ipn = await http.post(f"{P}?topic=merchant_order&id=5", headers=garbage)
        assert ipn.status_code == 200
        await rx.dispatcher.drain()
        assert set(hints) == {("merchant_order", "5"), ("payment", "1")}
        rx.set_secret("")  # no secret: a signature cannot be checked, so it is not
        assert (await http.post(url % "6", json=body, headers=garbage)).status_code == 200

    run(scenario, secret=SECRET)
