"""A proxy between the till and Mercado Pago answers the engine's looks with junk while the
customer pays: the sale is never shown paid on junk, stays open with the trouble shown (no
traceback in the log), and is paid as soon as Mercado Pago's own answers come through again."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest

from pos_app.domain.sale import SaleStatus
from tests.checkout.harness import APIS, line, rig
from tests.virtual_time import run_virtual

PAGE = b"<html><body><h1>Proxy error</h1></body></html>"
# (status, body, content type): what proxies, captive portals and broken gateways send.
JUNK = [
    (400, PAGE, b"text/html"),  # nginx "400 Bad Request"
    (407, PAGE, b"text/html"),  # proxy authentication required
    (302, b"", b"text/html"),  # captive portal
    (200, PAGE, b"text/html"),  # the portal's login page, with 200
    (200, b"", b"application/json"),
    (200, b'{"elements": [{"id": 1, "status": "clo', b"application/json"),
    (404, PAGE, b"text/html"),  # a proxy's own 404 for every path
]


class Proxy:
    """ASGI middleware: while ``answer`` is set, every GET gets it instead of the sandbox's."""

    answer: tuple[int, bytes, bytes] | None = None

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        answer = Proxy.answer
        if scope["type"] != "http" or scope["method"] != "GET" or answer is None:
            await self.app(scope, receive, send)
            return
        status, body, content_type = answer
        headers = [(b"content-type", content_type)]
        if 300 <= status < 400:
            headers.append((b"location", b"http://portal.example/login"))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


@pytest.mark.parametrize("api", APIS)
def test_junk_answers_never_pay_nor_lose_a_sale(api: str, caplog: pytest.LogCaptureFixture) -> None:
    async def scenario() -> None:
        async with rig(middleware=Proxy, api=api) as r:
            sale = await r.engine.charge([line()])
            ref = sale.external_reference
            await r.sale_until(ref, lambda s: s.status is SaleStatus.PENDING)
            try:
                for junk in JUNK:
                    Proxy.answer = junk
                    if junk is JUNK[0]:
                        r.state.pay_box("approved")  # paid while the till reads only junk
                    await asyncio.sleep(0.15)  # a few looks on the 0.05 s schedule
                    now = r.rt.ledger.get_sale(ref)
                    assert now is not None and now.status is SaleStatus.PENDING, junk
                    assert now.trouble == "network", junk
            finally:
                Proxy.answer = None
            paid = await r.sale_until(ref, lambda s: s.status is SaleStatus.PAID, timeout=10)
            assert paid.trouble == "" and paid.paid_amount == sale.total

    with caplog.at_level(logging.WARNING):
        run_virtual(scenario())
    tracebacks = [r for r in caplog.records if r.exc_info and r.name.startswith("pos_app")]
    assert not tracebacks, [r.getMessage() for r in tracebacks]
