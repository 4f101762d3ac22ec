"""A command run where no access token can be read (a technician over SSH, where the desktop's
keyring is out of reach; a kiosk shell without MP_ACCESS_TOKEN) says so, sends nothing and
records nothing. It sent ``Authorization: Bearer `` (empty), which httpx refuses before
sending: "Cannot reach Mercado Pago (LocalProtocolError). Check the internet connection.",
and the waiting sale was marked "connection trouble (network)"."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from pos_app.cli import main
from pos_app.ledger.store import Ledger
from pos_app.mercadopago import errors as mp
from pos_app.mercadopago.client import MercadoPagoClient
from pos_app.mercadopago.credentials import AccessToken
from pos_app.settings import paths
from tests.thread_sandbox import ThreadSandbox, configured_fixture, sandbox_fixture  # noqa: F401


def test_the_client_sends_nothing_without_a_token() -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={})

    async def go() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
            base = "https://api.mercadopago.com"
            await MercadoPagoClient(http, AccessToken(""), base_url=base).get_me()

    with pytest.raises(mp.AuthenticationError) as caught:
        asyncio.run(go())
    assert sent == []
    assert caught.value.key == "no_token"
    text = str(caught.value)
    assert "no access token" in text and "Nothing was sent" in text


def test_charge_status_and_cancel_say_there_is_no_token(
    configured: ThreadSandbox,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert main(["charge", "--item", "Yerba:1:100"]) == 0
    ref = capsys.readouterr().out.strip().splitlines()[-1]
    monkeypatch.delenv("MP_ACCESS_TOKEN")  # the suite's keyring holds nothing either
    commands = (["charge", "--item", "Mate:1:50"], ["status", ref], ["cancel"])
    for argv in commands:
        code = main(argv)
        out = capsys.readouterr()
        text = out.out + out.err
        assert code == 1, (argv, text)
        assert "no access token" in text, (argv, text)
        assert "LocalProtocolError" not in text and "internet" not in text, (argv, text)
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        sales = ledger.all_sales()
        assert [s.external_reference for s in sales] == [ref]  # the second charge: nothing
        assert sales[0].trouble != "network"
    finally:
        ledger.close()
