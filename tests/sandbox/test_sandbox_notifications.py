"""IPN delivery to notification_url: in process (ASGI) and over a real loopback socket."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pos_app.sandbox import SandboxServer, SandboxState, create_sandbox_app
from pos_app.sandbox.testing import SAMPLE_REFERENCE, InProcessSandbox, sample_order_body


def receiver(received: list[dict[str, Any]], status: int = 200) -> Starlette:
    """A tiny notification receiver recording what it gets."""

    async def ipn(request: Request) -> Response:
        received.append(
            {
                "path": request.url.path,
                "query": dict(request.query_params),
                "body": json.loads(await request.body()),
            }
        )
        return Response(status_code=status)

    return Starlette(routes=[Route("/mp/ipn", ipn, methods=["POST"])])


def test_ipns_for_scan_payment_and_close(sb: InProcessSandbox) -> None:
    received: list[dict[str, Any]] = []
    sb.notifier_transport = httpx.ASGITransport(app=receiver(received))

    async def scenario(client: httpx.AsyncClient) -> None:
        await sb.put(client, notification_url="http://pos.local/mp/ipn?source_news=ipn")
        mo_id = (await client.post("/_sandbox/boxes/CAJA01/scan")).json()["id"]
        await sb.notifier.drain()
        assert received == [
            {
                "path": "/mp/ipn",
                "query": {"source_news": "ipn", "topic": "merchant_order", "id": str(mo_id)},
                "body": {
                    "resource": f"https://api.mercadolibre.com/merchant_orders/{mo_id}",
                    "topic": "merchant_order",
                },
            }
        ]
        paid = (await client.post("/_sandbox/boxes/CAJA01/pay", json={})).json()
        await sb.notifier.drain()
        topics = sorted((r["query"]["topic"], r["query"]["id"]) for r in received[1:])
        assert topics == [("merchant_order", str(mo_id)), ("payment", str(paid["payment"]["id"]))]
        payment_ipn = next(r for r in received if r["query"]["topic"] == "payment")
        assert payment_ipn["body"] == {"resource": str(paid["payment"]["id"]), "topic": "payment"}
        # The receiver follows the hint: the payment names its merchant order and reference.
        payment = await client.get(f"/v1/payments/{payment_ipn['query']['id']}", headers=sb.auth)
        assert payment.json()["order"]["id"] == mo_id
        assert payment.json()["external_reference"] == SAMPLE_REFERENCE

        log = (await client.get("/_sandbox/notifications")).json()["notifications"]
        assert len(log) == 3 and all(entry["status"] == 200 for entry in log)
        assert log[0]["url"].endswith(f"/mp/ipn?source_news=ipn&topic=merchant_order&id={mo_id}")

    sb.run(scenario)


def test_ipn_on_expiry_and_failures_are_recorded(sb: InProcessSandbox) -> None:
    received: list[dict[str, Any]] = []
    sb.notifier_transport = httpx.ASGITransport(app=receiver(received, status=500))

    async def scenario(client: httpx.AsyncClient) -> None:
        await sb.put(client, notification_url="http://pos.local/mp/ipn")
        await client.post("/_sandbox/boxes/CAJA01/scan")
        await client.post("/_sandbox/boxes/CAJA01/expire")
        await sb.notifier.drain()
        assert len(received) == 2  # created, expired
        assert [entry["status"] for entry in sb.state.notifications] == [500, 500]

        await sb.put(client, notification_url="http://pos.local/elsewhere")
        await client.post("/_sandbox/boxes/CAJA01/scan")
        drained = (await client.post("/_sandbox/notifications/drain")).json()["notifications"]
        assert drained[-1]["status"] == 404

    sb.run(scenario)


def test_no_notification_url_no_ipn_and_disabled_ipn(sb: InProcessSandbox) -> None:
    received: list[dict[str, Any]] = []
    sb.notifier_transport = httpx.ASGITransport(app=receiver(received))

    async def scenario(client: httpx.AsyncClient) -> None:
        await sb.put(client)
        await client.post("/_sandbox/boxes/CAJA01/pay", json={})
        await client.patch("/_sandbox/settings", json={"ipn_enabled": False})
        await sb.put(client, notification_url="http://pos.local/mp/ipn")
        await client.post("/_sandbox/boxes/CAJA01/scan")
        await sb.notifier.drain()
        assert received == []
        assert [entry["error"] for entry in sb.state.notifications] == ["disabled"]

    sb.run(scenario)


def test_ipn_over_loopback_does_not_block_the_request() -> None:
    """Both the sandbox and the receiver on real sockets; a slow receiver must not delay the
    control call that triggered the notification."""
    received: list[dict[str, Any]] = []
    gate = asyncio.Event()

    async def slow_ipn(request: Request) -> Response:
        await gate.wait()
        received.append({"query": dict(request.query_params)})
        return Response(status_code=201)

    async def main() -> None:
        slow = Starlette(routes=[Route("/ipn", slow_ipn, methods=["POST"])])
        state = SandboxState.seeded()
        async with (
            SandboxServer(slow) as receiver_server,
            SandboxServer(create_sandbox_app(state)) as server,
            httpx.AsyncClient(base_url=server.base_url) as client,
        ):
            auth = {"Authorization": f"Bearer {state.seller_token}"}
            path = (
                f"/instore/qr/seller/collectors/{state.seller_id}/stores/SUC001/pos/CAJA01/orders"
            )
            body = sample_order_body(
                notification_url=f"{receiver_server.base_url}/ipn", expiration_date=None
            )
            assert (await client.put(path, json=body, headers=auth)).status_code == 204
            scanned = await asyncio.wait_for(client.post("/_sandbox/boxes/CAJA01/scan"), 2)
            assert scanned.status_code == 200
            assert received == []
            gate.set()
            await client.post("/_sandbox/notifications/drain")
            mo_id = str(scanned.json()["id"])
            assert received == [{"query": {"topic": "merchant_order", "id": mo_id}}]
            assert state.notifications[0]["status"] == 201

    asyncio.run(main())
