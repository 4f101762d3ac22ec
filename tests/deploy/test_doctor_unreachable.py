"""``doctor`` when Mercado Pago cannot be reached says "check the internet connection" once: the
detail carried the client's message (which ends with that advice) and the advice said it again."""

from __future__ import annotations

import asyncio

from pos_app.cli.doctor import _api_checks
from pos_app.mercadopago.credentials import AccessToken
from pos_app.settings.config import Config


def test_unreachable_mercado_pago_says_check_the_internet_once() -> None:
    config = Config(api_base_url="http://127.0.0.1:1")  # nothing listens: refused at once
    checks = asyncio.run(_api_checks(config, AccessToken("TEST-123-abc")))
    [check] = checks
    assert check.name == "Mercado Pago reachable" and not check.ok
    assert "http://127.0.0.1:1" in check.detail and "connection refused" in check.detail
    said = f"{check.detail} {check.advice}".lower()
    assert said.count("internet connection") == 1, said
    assert "proxy or a firewall" in check.advice
