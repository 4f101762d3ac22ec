"""Fault injection: in process for the HTTP-level faults, over a real socket for connection
faults (a dropped or hung connection only means something with a real one)."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from pos_app.sandbox import SandboxServer, SandboxState, create_sandbox_app, middleware
from pos_app.sandbox.faults import Faults
from pos_app.sandbox.testing import InProcessSandbox
from tests.uvicorn_log import uvicorn_errors


def test_500_and_429_and_recovery(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        set_faults = await client.post(
            "/_sandbox/faults", json={"error_rate": 1.0, "kinds": ["500"], "times": 2}
        )
        assert set_faults.json()["times"] == 2
        for _ in range(2):
            failed = await client.get("/users/me", headers=sb.auth)
            assert failed.status_code == 500
            assert failed.json() == {
                "message": "Internal server error",
                "error": "internal_error",
                "status": 500,
                "cause": [],
            }
        assert (await client.get("/users/me", headers=sb.auth)).status_code == 200

        await client.post(
            "/_sandbox/faults", json={"error_rate": 1, "kinds": ["429"], "retry_after": 2}
        )
        throttled = await client.get("/users/me", headers=sb.auth)
        assert throttled.status_code == 429
        assert throttled.headers["retry-after"] == "2"
        assert throttled.json()["error"] == "too_many_requests"
        # The control API is never faulted.
        assert (await client.get("/_sandbox/faults")).json()["injected"] == 1

        await client.post("/_sandbox/faults", json={"error_rate": 1, "kinds": ["502"]})
        bad_gateway = await client.get("/users/me", headers=sb.auth)
        assert bad_gateway.status_code == 502
        assert bad_gateway.headers["content-type"].startswith("text/html")

        await client.delete("/_sandbox/faults")
        assert (await client.get("/users/me", headers=sb.auth)).status_code == 200
        log = sb.state.request_log
        assert [entry["fault"] for entry in log] == [
            "500",
            "500",
            None,
            "429",
            "502",
            None,
        ]
        assert [entry["status"] for entry in log] == [500, 500, 200, 429, 502, 200]

    sb.run(scenario)


def test_path_prefix_seed_and_rate(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        sb.state.faults = Faults(error_rate=1.0, path_prefix="/merchant_orders")
        assert (await client.get("/users/me", headers=sb.auth)).status_code == 200
        search = await client.get("/merchant_orders/search", headers=sb.auth)
        assert search.status_code == 500

        async def statuses() -> list[int]:
            return [(await client.get("/users/me", headers=sb.auth)).status_code for _ in range(20)]

        sb.state.faults = Faults(error_rate=0.5, seed=7)
        first = await statuses()
        sb.state.faults = Faults(error_rate=0.5, seed=7)
        assert await statuses() == first  # reproducible chaos
        assert 200 in first and 500 in first

        bad_bodies: list[object] = [{"error_rate": 2}, {"kinds": ["boom"]}, {"latency_ms": -1}, []]
        for bad in bad_bodies:
            response = await client.post("/_sandbox/faults", json=bad)
            assert response.status_code == 400, bad

    sb.run(scenario)


def test_latency(sb: InProcessSandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    # The delays the sandbox asks for, recorded instead of timed (a loaded machine stretches
    # any wall-clock measurement).
    delays: list[float] = []
    real_sleep = asyncio.sleep

    async def sleep(seconds: float, *args: object) -> None:
        delays.append(seconds)
        await real_sleep(0)

    monkeypatch.setattr(middleware.asyncio, "sleep", sleep)

    async def scenario(client: httpx.AsyncClient) -> None:
        await client.post("/_sandbox/faults", json={"latency_ms": 150})
        assert (await client.get("/users/me", headers=sb.auth)).status_code == 200
        assert delays == [0.15]
        await client.get("/_sandbox/requests")  # the control API is never delayed
        assert delays == [0.15]

    sb.run(scenario)


def test_drop_and_timeout_in_process_raise_the_transport_errors(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        sb.state.faults = Faults(error_rate=1.0, kinds=["drop"])
        with pytest.raises(httpx.RemoteProtocolError):
            await client.get("/users/me", headers=sb.auth)
        sb.state.faults = Faults(error_rate=1.0, kinds=["timeout"])
        with pytest.raises(httpx.ReadTimeout):
            await asyncio.wait_for(client.get("/users/me", headers=sb.auth), 2)
        assert [entry["status"] for entry in sb.state.request_log] == [None, None]

    sb.run(scenario)


def test_drop_and_timeout_over_a_real_socket() -> None:
    async def main() -> None:
        state = SandboxState.seeded()
        auth = {"Authorization": f"Bearer {state.seller_token}"}
        async with (
            SandboxServer(create_sandbox_app(state)) as server,
            httpx.AsyncClient(base_url=server.base_url, timeout=0.3) as client,
        ):
            assert server.base_url.startswith("http://127.0.0.1:")
            assert (await client.get("/users/me", headers=auth)).status_code == 200

            state.faults = Faults(error_rate=1.0, kinds=["drop"], times=1)
            with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
                await client.get("/users/me", headers=auth)
            assert (await client.get("/users/me", headers=auth)).status_code == 200

            state.faults = Faults(error_rate=1.0, kinds=["timeout"], times=1)
            with pytest.raises(httpx.ReadTimeout):  # the client's 0.3 s, not the sandbox's 504
                await client.get("/users/me", headers=auth)
            assert (await client.get("/users/me", headers=auth)).status_code == 200

            state.faults = Faults(error_rate=1.0, kinds=["500"])
            assert (await client.get("/users/me", headers=auth)).status_code == 500
            assert [entry["fault"] for entry in state.request_log] == [
                None,
                "drop",
                None,
                "timeout",
                None,
                "500",
            ]

    # The hung request must not hold the server's shutdown: the client had gone away, so
    # uvicorn never reaches its graceful-shutdown timeout (it would log and cancel the task).
    # (tests/notifications/test_server_wakeups.py: the same capture hears it when it happens.)
    with uvicorn_errors() as said:
        asyncio.run(main())
    assert not [r for r in said if "graceful shutdown exceeded" in r.getMessage()]
