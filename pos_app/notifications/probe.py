"""A harmless request to a receiver (``?topic=ping&id=0``), for ``pos-app doctor``.

The receiver answers pings itself and never hands them to the engine, so probing a running
till changes nothing: no fetch, no slower polling.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from pos_app.mercadopago.credentials import is_loopback_host
from pos_app.notifications.app import PING_MARKER
from pos_app.system.tls import client_context


@dataclass(frozen=True)
class ProbeResult:
    ok: bool
    detail: str


def ping_url(url: str) -> str:
    return url + ("&" if "?" in url else "?") + "topic=ping&id=0"


async def probe(
    url: str, *, timeout: float = 5.0, transport: httpx.AsyncBaseTransport | None = None
) -> ProbeResult:
    host = urlsplit(url).hostname or ""
    # A proxy from the environment must never intercept a loopback probe; a public URL may
    # need it to get out.
    trust_env = not is_loopback_host(host)
    try:
        async with httpx.AsyncClient(
            transport=transport, timeout=timeout, trust_env=trust_env, verify=client_context()
        ) as http:
            response = await http.post(ping_url(url))
    except httpx.HTTPError as exc:
        return ProbeResult(False, f"no answer ({type(exc).__name__})")
    if response.status_code != 200:
        return ProbeResult(False, f"answered {response.status_code}")
    if PING_MARKER not in response.text:
        return ProbeResult(False, "answered, but not by this app's receiver")
    return ProbeResult(True, "answered")
