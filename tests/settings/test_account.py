"""Checking a token and setting up stores and boxes, against the sandbox (Qt-free)."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from pos_app.mercadopago.client import MercadoPagoClient
from pos_app.mercadopago.credentials import AccessToken
from pos_app.mercadopago.retry import RetryPolicy
from pos_app.sandbox.app import create_sandbox_app
from pos_app.sandbox.state import SandboxState
from pos_app.settings import account
from pos_app.settings.account import AccountError
from pos_app.settings.config import Config
from pos_app.settings.forms import BoxDraft, StoreDraft

FAST_RETRY = RetryPolicy(max_attempts=2, base_delay=0.01, max_delay=0.02, total_budget=0.5)
PUBLIC_KEY = "APP_USR-6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b"


def on_sandbox(state: SandboxState, scenario: Callable[[MercadoPagoClient], Awaitable[Any]]) -> Any:
    async def main() -> Any:
        transport = httpx.ASGITransport(app=create_sandbox_app(state))
        async with httpx.AsyncClient(transport=transport) as http:
            client = MercadoPagoClient(
                http, AccessToken(""), base_url="http://127.0.0.1:9", retry=FAST_RETRY
            )
            return await scenario(client)

    return asyncio.run(main())


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_good_token_tells_whose_account_it_is() -> None:
    state = SandboxState.seeded("MLB")
    user = on_sandbox(
        state, lambda c: account.check_token(c, AccessToken(f"  {state.seller_token}\n"))
    )
    assert user.id == state.seller_id
    assert user.site_id == "MLB"
    assert user.is_test_user
    assert account.site_of(user) is not None and account.site_of(user).currency == "BRL"


def test_a_public_key_is_refused_without_asking_mercado_pago() -> None:
    state = SandboxState.seeded()
    with pytest.raises(AccountError) as caught:
        on_sandbox(state, lambda c: account.check_token(c, AccessToken(PUBLIC_KEY)))
    assert "public key" in str(caught.value.msg)
    assert caught.value.cause is None  # refused before any request


def test_empty_and_broken_tokens() -> None:
    assert "Paste" in str(account.token_problem(AccessToken("  ")))
    assert "spaces" in str(account.token_problem(AccessToken("APP_USR-123 456-abc")))
    assert account.token_problem(AccessToken("APP_USR-1234567890-abcdef-1234")) is None


def test_a_wrong_or_revoked_token_is_explained() -> None:
    state = SandboxState.seeded()
    state.set_revoked(state.seller_token, True)
    with pytest.raises(AccountError) as caught:
        on_sandbox(state, lambda c: account.check_token(c, AccessToken(state.seller_token)))
    assert "did not accept this access token" in str(caught.value.msg)
    assert caught.value.cause is not None and caught.value.cause.status == 401


def test_no_network_is_explained() -> None:
    async def main() -> None:
        async with httpx.AsyncClient() as http:
            client = MercadoPagoClient(
                http,
                AccessToken(""),
                base_url=f"http://127.0.0.1:{closed_port()}",
                retry=FAST_RETRY,
            )
            await account.check_token(client, AccessToken("APP_USR-1234567890-abcdef-1234"))

    with pytest.raises(AccountError) as caught:
        asyncio.run(main())
    assert "Cannot reach Mercado Pago" in str(caught.value.msg)


def test_places_stores_and_boxes_and_creating_them() -> None:
    state = SandboxState.seeded()

    async def scenario(client: MercadoPagoClient) -> tuple[Any, Any, Any]:
        client = client.with_token(AccessToken(state.seller_token))
        before = await account.load_places(client, state.seller_id)
        store = await account.create_store(
            client,
            state.seller_id,
            StoreDraft(
                name="Kiosco Norte",
                external_id="SUC002",
                street_name="Calle 1",
                street_number="10",
                city="Rosario",
                state="Santa Fe",
                latitude="-32.95",
                longitude="-60.66",
            ),
        )
        box = await account.create_box(client, store, BoxDraft("Caja Norte", "NORTE1", ""))
        box = await account.box_with_qr(client, box)
        after = await account.load_places(client, state.seller_id)
        return before, box, after

    before, box, after = on_sandbox(state, scenario)
    assert [s.external_id for s in before.stores] == ["SUC001"]
    assert [b.external_id for b in before.boxes_of(before.stores[0])] == ["CAJA01"]
    assert box.fixed_amount and box.external_store_id == "SUC002"
    assert box.qr_code.startswith("000201")  # the EMVCo text the sticker prints
    store2 = next(s for s in after.stores if s.external_id == "SUC002")
    assert [b.external_id for b in after.boxes_of(store2)] == ["NORTE1"]
    assert sorted(after.box_ids()) == ["CAJA01", "NORTE1"]


def test_a_duplicate_box_is_refused_with_its_cause() -> None:
    state = SandboxState.seeded()

    async def scenario(client: MercadoPagoClient) -> None:
        client = client.with_token(AccessToken(state.seller_token))
        places = await account.load_places(client, state.seller_id)
        await account.create_box(client, places.stores[0], BoxDraft("Otra", "CAJA01"))

    with pytest.raises(AccountError) as caught:
        on_sandbox(state, scenario)
    assert caught.value.cause is not None and caught.value.cause.status == 409


def test_what_counts_as_needing_setup() -> None:
    token = AccessToken("APP_USR-1234567890-abcdef-1234")
    ready = Config(user_id=1, store_external_id="SUC001", box_external_id="CAJA01")
    assert not account.needs_setup(ready, token)
    assert account.needs_setup(ready, None)
    assert account.needs_setup(ready, AccessToken(""))
    assert account.needs_setup(ready.with_changes(user_id=None), token)
    assert account.needs_setup(ready.with_changes(box_external_id=""), token)
    assert account.user_from_config(Config()) is None
    assert account.user_from_config(ready).id == 1


def test_people_are_not_kept_waiting_by_retries() -> None:
    async def main() -> None:
        async with httpx.AsyncClient() as http:
            patient = MercadoPagoClient(http, AccessToken(""), base_url="http://127.0.0.1:9")
            quick = account.interactive_client(patient, AccessToken("APP_USR-1-2-3-4"))
            assert quick.retry == account.INTERACTIVE_RETRY
            assert patient.retry.max_attempts > quick.retry.max_attempts  # engine untouched
            assert quick.token == AccessToken("APP_USR-1-2-3-4")
            patient.retry = FAST_RETRY  # already quicker: kept as it is
            assert account.interactive_client(patient, AccessToken("x")).retry == FAST_RETRY

    asyncio.run(main())
