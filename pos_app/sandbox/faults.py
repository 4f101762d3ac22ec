"""Fault injection for the non-control API: latency, 5xx, 429, dropped and hung connections.

The app's client must survive a flaky network and a throttling API; these faults let tests (and
a person trying the app against ``pos-app sandbox``) produce each case on demand. ``times``
makes a fault deterministic ("fail the next two requests, then recover"), which is what retry
tests need; ``error_rate`` with a ``seed`` gives reproducible random chaos.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import httpx
from starlette.types import Message, Receive, Send

from pos_app.sandbox.errors import ApiError, bad_request
from pos_app.sandbox.jsonutil import dumps

# "drop_after": the request is processed (an order created, a cancel done), then the answer is
# lost with the connection: the case idempotency keys exist for.
FAULT_KINDS = ("500", "502", "429", "drop", "timeout", "drop_after")


@dataclass
class Faults:
    latency_ms: int = 0
    error_rate: float = 0.0
    # Default is a plain 500: a hung "timeout" as a default would stall anyone who forgot kinds.
    kinds: list[str] = field(default_factory=lambda: ["500"])
    retry_after: int = 1
    path_prefix: str | None = None
    times: int | None = None  # stop injecting errors after this many (None: no limit)
    seed: int | None = None
    hang_seconds: float = 30.0  # how long a "timeout" keeps the request open at most
    injected: int = 0
    _rng: random.Random = field(default_factory=random.Random, repr=False)

    def __post_init__(self) -> None:
        if self.seed is not None:
            self._rng.seed(self.seed)

    def applies_to(self, path: str) -> bool:
        return self.path_prefix is None or path.startswith(self.path_prefix)

    def draw(self, path: str) -> str | None:
        """Decide whether this request fails and how; consumes one of ``times`` if it does."""
        if not self.applies_to(path) or self.error_rate <= 0 or not self.kinds:
            return None
        if self.times is not None and self.times <= 0:
            return None
        if self.error_rate < 1 and self._rng.random() >= self.error_rate:
            return None
        if self.times is not None:
            self.times -= 1
        self.injected += 1
        return self._rng.choice(self.kinds)

    def to_json(self) -> dict[str, Any]:
        return {
            "latency_ms": self.latency_ms,
            "error_rate": self.error_rate,
            "kinds": list(self.kinds),
            "retry_after": self.retry_after,
            "path_prefix": self.path_prefix,
            "times": self.times,
            "seed": self.seed,
            "hang_seconds": self.hang_seconds,
            "injected": self.injected,
        }

    @classmethod
    def from_json(cls, body: Any) -> Faults:
        if not isinstance(body, dict):
            raise bad_request("faults must be a JSON object")
        faults = cls(
            latency_ms=_int(body, "latency_ms", 0),
            error_rate=_rate(body.get("error_rate", 0.0)),
            kinds=_kinds(body.get("kinds", ["500"])),
            retry_after=_int(body, "retry_after", 1),
            path_prefix=_optional_str(body, "path_prefix"),
            times=_int(body, "times", None),
            seed=_int(body, "seed", None),
            hang_seconds=float(_number(body, "hang_seconds", 30.0)),
        )
        return faults


def _number(body: dict[str, Any], key: str, default: float) -> float | int | Decimal:
    value = body.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal) or value < 0:
        raise bad_request(f"{key} must be a non-negative number")
    return value


def _int(body: dict[str, Any], key: str, default: int | None) -> Any:
    value = body.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise bad_request(f"{key} must be a non-negative integer")
    return value


def _rate(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise bad_request("error_rate must be a number between 0 and 1")
    if not 0 <= value <= 1:
        raise bad_request("error_rate must be a number between 0 and 1")
    return float(value)


def _kinds(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(kind, str) for kind in value):
        raise bad_request(f"kinds must be a list of {list(FAULT_KINDS)}")
    unknown = [kind for kind in value if kind not in FAULT_KINDS]
    if unknown:
        raise bad_request(f"unknown fault kinds {unknown}; expected some of {list(FAULT_KINDS)}")
    return list(value)


def _optional_str(body: dict[str, Any], key: str) -> str | None:
    value = body.get(key)
    if value is not None and not isinstance(value, str):
        raise bad_request(f"{key} must be a string or null")
    return value


async def send_fault(kind: str, faults: Faults, receive: Receive, send: Send) -> int | None:
    """Answer (or refuse to answer) with the given fault; returns the status sent, if any."""
    if kind == "500":
        error = ApiError(500, "internal_error", "Internal server error")
        return await _send(send, 500, dumps(error.envelope()).encode(), {})
    if kind == "429":
        error = ApiError(429, "too_many_requests", "Too many requests")
        headers = {"retry-after": str(faults.retry_after)}
        return await _send(send, 429, dumps(error.envelope()).encode(), headers)
    if kind == "502":
        # What a load balancer in front of the API answers: HTML, not MP's JSON envelope.
        body = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
        return await _send(send, 502, body, {}, content_type=b"text/html")
    if kind == "drop":
        await _drop(receive)
        return None
    if kind == "timeout":
        return await _hang(faults.hang_seconds, receive, send)
    raise AssertionError(f"unknown fault kind {kind}")


async def _send(
    send: Send,
    status: int,
    body: bytes,
    headers: dict[str, str],
    *,
    content_type: bytes = b"application/json; charset=utf-8",
) -> int:
    raw_headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
    raw_headers += [(key.encode(), value.encode()) for key, value in headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": body})
    return status


async def _drop(receive: Receive) -> None:
    # Over uvicorn, closing the connection's transport sends no byte at all, so the client sees
    # "server disconnected without sending a response" (httpx.RemoteProtocolError), like a
    # real dropped connection. Raising instead would make uvicorn answer a 500.
    transport = _connection_transport(receive)
    if transport is not None:
        transport.close()
        await _wait_for_disconnect(receive, 5.0)
        return
    # In process (httpx.ASGITransport) there is no connection to drop: the app's exception
    # reaches the client unchanged, so raise the very error a dropped connection produces.
    raise httpx.RemoteProtocolError("Server disconnected without sending a response.")


def _connection_transport(receive: Receive) -> asyncio.BaseTransport | None:
    # Over uvicorn, ``receive`` is a method of its request cycle, which holds the connection's
    # transport; in process (httpx.ASGITransport) it is a plain function and there is none.
    transport = getattr(getattr(receive, "__self__", None), "transport", None)
    return transport if isinstance(transport, asyncio.BaseTransport) else None


async def _hang(seconds: float, receive: Receive, send: Send) -> int | None:
    if _connection_transport(receive) is None:
        # In process there is no client timeout to wait for (ASGITransport has none): raise
        # what the client's timeout would have raised, instead of stalling the test.
        raise httpx.ReadTimeout("sandbox 'timeout' fault (in process)")
    # Hold the request until the client gives up (its timeout closes the connection) or until
    # ``seconds``; waiting on ``receive`` rather than a bare sleep lets the server shut down
    # promptly once the client has gone.
    if await _wait_for_disconnect(receive, seconds):
        return None
    error = ApiError(504, "gateway_timeout", "Gateway timeout")
    return await _send(send, 504, dumps(error.envelope()).encode(), {})


async def _wait_for_disconnect(receive: Receive, seconds: float) -> bool:
    async def until_disconnect() -> None:
        while True:
            message: Message = await receive()
            if message["type"] == "http.disconnect":
                return

    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(until_disconnect(), seconds)
        return True
    return False
