"""The client against the sandbox over a real socket: every method, every error class,
retries under injected faults, and the token never in a log line."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from pos_app.domain.money import site_for
from pos_app.mercadopago import errors
from pos_app.mercadopago.client import MercadoPagoClient
from pos_app.mercadopago.credentials import AccessToken, BaseUrlError, check_base_url
from pos_app.mercadopago.models import BoxOrderRequest, BoxRequest, OrderItem, StoreRequest
from pos_app.mercadopago.retry import RetryPolicy
from pos_app.sandbox.app import create_sandbox_app
from pos_app.sandbox.server import SandboxServer
from pos_app.sandbox.state import SandboxState
from pos_app.system.tls import client_context

ARS = site_for("MLA")
FAST_RETRY = RetryPolicy(max_attempts=4, base_delay=0.01, max_delay=0.05, total_budget=2)


def order(ref: str = "CAJA01S000001XTEST", minutes: int = 10) -> BoxOrderRequest:
    return BoxOrderRequest(
        external_reference=ref,
        title="Almacen Don Pepe",
        total_amount=Decimal("3450.50"),
        items=[OrderItem("Yerba 1kg", Decimal("1725.25"), 2, sku_number="7790001")],
        expiration_date=datetime.now(UTC) + timedelta(minutes=minutes),
    )


Scenario = Callable[[MercadoPagoClient, SandboxState], Awaitable[None]]


def on_sandbox(
    scenario: Scenario, *, token: str | None = None, retry: RetryPolicy = FAST_RETRY
) -> None:
    async def go() -> None:
        state = SandboxState.seeded()
        async with (
            SandboxServer(create_sandbox_app(state)) as server,
            httpx.AsyncClient(verify=client_context()) as http,
        ):
            client = MercadoPagoClient(
                http,
                AccessToken(token or state.seller_token),
                base_url=server.base_url,
                retry=retry,
            )
            await scenario(client, state)

    asyncio.run(go())


def test_account_and_box_order_cycle() -> None:
    async def scenario(c: MercadoPagoClient, s: SandboxState) -> None:
        me = await c.get_me()
        assert me.id == s.seller_id and me.site_id == "MLA" and me.is_test_user
        assert await c.get_box_order(me.id, "CAJA01") is None  # 404 means nothing pending
        assert await c.search_merchant_orders("CAJA01S000001XTEST") == []  # elements: null
        await c.put_box_order(me.id, "SUC001", "CAJA01", order(), ARS, idempotency_key="k1")
        current = await c.get_box_order(me.id, "CAJA01")
        assert current is not None and current.external_reference == "CAJA01S000001XTEST"
        assert current.total_amount == Decimal("3450.5")
        mo_id = s.scan_box()
        mo = await c.get_merchant_order(mo_id)
        assert mo.status == "opened" and mo.external_reference == "CAJA01S000001XTEST"
        payment_id = s.pay_box("approved")
        payment = await c.get_payment(payment_id)
        assert payment.merchant_order_id == mo_id and payment.status == "approved"
        found = await c.search_merchant_orders("CAJA01S000001XTEST")
        assert len(found) == 1 and found[0].is_paid
        await c.delete_box_order(me.id, "CAJA01")  # idempotent: nothing left, still fine

    on_sandbox(scenario)


def test_search_follows_pagination() -> None:
    async def scenario(c: MercadoPagoClient, s: SandboxState) -> None:
        await c.put_box_order(s.seller_id, "SUC001", "CAJA01", order(), ARS, idempotency_key="k")
        ids = {s.scan_box() for _ in range(7)}
        page = await c.search_merchant_orders_page("CAJA01S000001XTEST", limit=3)
        assert len(page.elements) == 3 and page.total == 7
        monkey = c.search_merchant_orders_page

        async def small_pages(ref: str, *, offset: int = 0, limit: int = 3) -> Any:
            return await monkey(ref, offset=offset, limit=3)

        c.search_merchant_orders_page = small_pages  # type: ignore[method-assign]
        assert {mo.id for mo in await c.search_merchant_orders("CAJA01S000001XTEST")} == ids

    on_sandbox(scenario)


def test_stores_and_boxes() -> None:
    async def scenario(c: MercadoPagoClient, s: SandboxState) -> None:
        stores = await c.search_stores(s.seller_id)
        assert [st.external_id for st in stores] == ["SUC001"]
        store = await c.create_store(
            s.seller_id,
            StoreRequest(
                "Sucursal Norte",
                "SUC002",
                "Av. Corrientes",
                "1234",
                "CABA",
                "Capital Federal",
                -34.6,
                -58.4,
            ),
        )
        assert store.external_id == "SUC002" and store.id
        box = await c.create_box(
            BoxRequest("Caja 2", "CAJA02", store.id, "SUC002", category=621102)
        )
        assert box.fixed_amount and box.external_store_id == "SUC002"
        assert (await c.get_box(box.id)).qr_code
        assert [b.external_id for b in await c.search_boxes(external_id="CAJA02")] == ["CAJA02"]
        with pytest.raises(errors.RejectedError) as dup:
            await c.create_box(BoxRequest("Caja 2", "CAJA02", store.id, "SUC002"))
        assert dup.value.status == 409
        await c.delete_box(box.id)
        assert await c.search_boxes(external_id="CAJA02") == []

    on_sandbox(scenario)


def test_error_classes() -> None:
    async def scenario(c: MercadoPagoClient, s: SandboxState) -> None:
        with pytest.raises(errors.RejectedError) as bad:
            await c.put_box_order(
                s.seller_id, "SUC001", "CAJA01", order(minutes=-5), ARS, idempotency_key="k"
            )
        assert bad.value.key == "invalid_expiration_date" and bad.value.status == 400
        with pytest.raises(errors.NotFoundError):
            await c.get_merchant_order(1)
        s.faults.error_rate, s.faults.kinds = 1.0, ["500"]
        with pytest.raises(errors.ServerError):
            await c.get_me()
        s.faults.kinds, s.faults.retry_after = ["429"], 0
        with pytest.raises(errors.RateLimitedError) as limited:
            await c.get_me()
        assert limited.value.retry_after == 0
        s.faults.kinds = ["drop"]
        with pytest.raises(errors.TransportError):
            await c.get_me()
        s.faults.error_rate = 0.0

    on_sandbox(scenario)
    with pytest.raises(errors.AuthenticationError):
        on_sandbox(lambda c, s: c.get_me(), token="APP_USR-wrong")  # type: ignore[arg-type,return-value]


def test_connection_refused_and_timeouts() -> None:
    async def go() -> None:
        async with httpx.AsyncClient() as http:
            client = MercadoPagoClient(
                http, AccessToken("APP_USR-x"), base_url="http://127.0.0.1:9", retry=FAST_RETRY
            )
            with pytest.raises(errors.TransportError, match="connection refused"):
                await client.get_me()

    asyncio.run(go())

    async def slow(c: MercadoPagoClient, s: SandboxState) -> None:
        c.timeout = httpx.Timeout(0.05)  # the sandbox holds the request: each attempt times out
        s.faults.error_rate, s.faults.kinds = 1.0, ["timeout"]
        with pytest.raises(errors.TimeoutError_):
            await c.get_me()
        s.faults.error_rate = 0

    on_sandbox(slow)


def test_retries_transient_faults_but_never_400_or_401() -> None:
    async def scenario(c: MercadoPagoClient, s: SandboxState) -> None:
        s.faults.error_rate, s.faults.kinds, s.faults.retry_after = 1.0, ["500", "429", "drop"], 0
        s.faults.times = 2  # two failures, then success
        assert (await c.get_me()).id == s.seller_id
        s.request_log.clear()
        with pytest.raises(errors.RejectedError):
            await c.put_box_order(
                s.seller_id, "SUC001", "CAJA01", order(minutes=-1), ARS, idempotency_key="k"
            )
        assert len(s.request_log) == 1  # a 400 is final
        s.set_revoked(s.seller_token, True)
        s.request_log.clear()
        with pytest.raises(errors.AuthenticationError):
            await c.get_me()
        assert len(s.request_log) == 1  # a 401 is final

    on_sandbox(scenario)


def test_post_is_not_repeated_after_a_server_error() -> None:
    async def scenario(c: MercadoPagoClient, s: SandboxState) -> None:
        s.faults.error_rate, s.faults.kinds, s.faults.times = 1.0, ["500"], 1
        s.request_log.clear()
        with pytest.raises(errors.ServerError):
            await c.create_box(BoxRequest("Caja 9", "CAJA09", 1, "SUC001"))
        assert len(s.request_log) == 1

    on_sandbox(scenario)


def test_the_token_never_reaches_a_log_or_a_repr(caplog: pytest.LogCaptureFixture) -> None:
    captured: list[str] = []

    async def scenario(c: MercadoPagoClient, s: SandboxState) -> None:
        captured.append(s.seller_token)
        captured.append(repr(c))
        await c.get_me()
        await c.put_box_order(s.seller_id, "SUC001", "CAJA01", order(), ARS, idempotency_key="k")
        s.faults.error_rate, s.faults.kinds, s.faults.times = 1.0, ["500"], 1
        await c.search_merchant_orders("CAJA01S000001XTEST")
        try:
            await c.get_merchant_order(1)
        except errors.NotFoundError as exc:
            captured.append(str(exc) + repr(exc))

    with caplog.at_level(logging.DEBUG):
        on_sandbox(scenario)
    token = captured[0]
    text = caplog.text + "".join(captured[1:])
    assert caplog.records and "GET /users/me" in caplog.text
    assert token not in text and token[-20:] not in text


def test_base_url_rules() -> None:
    assert check_base_url("https://api.mercadopago.com/") == "https://api.mercadopago.com"
    assert check_base_url("http://127.0.0.1:8765") == "http://127.0.0.1:8765"
    with pytest.raises(BaseUrlError):
        check_base_url("http://api.mercadopago.com")
    # User info would go out as Basic authorization instead of the Bearer token, and the
    # message must not repeat the password it refuses.
    for address in ("https://pos:APP_USR-secret-1@api.mercadopago.com", "http://x@127.0.0.1:8765"):
        with pytest.raises(BaseUrlError, match="user name or password") as refused:
            check_base_url(address)
        assert "APP_USR-secret-1" not in str(refused.value)
    # Garbage is refused with the same message as any address not allowed, never a ValueError.
    for garbage in ("http://[::1", "https://api.mercadopago.com:99999", "https://h:port", ""):
        with pytest.raises(BaseUrlError, match="is not allowed"):
            check_base_url(garbage)
    assert AccessToken("APP_USR-0fd7fcbf-4c3c-4fcf-9f46-a38e0d4d0b8a").looks_like_public_key
    assert not AccessToken("APP_USR-5001000000000001-112200-abcdef-5001").looks_like_public_key
    assert "5001" in repr(AccessToken("APP_USR-secretsecret-5001")) and "secret" not in repr(
        AccessToken("APP_USR-secretsecret-5001")
    )


def test_a_chain_s_stores_and_boxes_are_listed_past_the_first_page() -> None:
    """Mercado Pago answers 50 per page: a chain of 12 stores with 6 boxes each (73 boxes with
    the seeded one) showed only 50 boxes in Settings, and the others could not be chosen."""
    from pos_app.settings.account import load_places

    async def scenario(c: MercadoPagoClient, s: SandboxState) -> None:
        for n in range(2, 14):
            store = await c.create_store(
                s.seller_id,
                StoreRequest(f"Sucursal {n}", f"SUC{n:03d}", "Av. Corrientes", str(n), "CABA",
                             "Capital Federal", -34.6, -58.4),
            )  # fmt: skip
            for b in range(1, 7):
                await c.create_box(
                    BoxRequest(f"Caja {n}-{b}", f"CAJA{n:03d}{b}", store.id, store.external_id)
                )
        places = await load_places(c, s.seller_id)
        assert len(places.stores) == 13 and len({st.id for st in places.stores}) == 13
        assert len(places.boxes) == 73 and len({b.id for b in places.boxes}) == 73
        assert "CAJA0136" in {b.external_id for b in places.boxes}  # the very last one
        # A filtered search is still one short page.
        [box] = await c.search_boxes(external_id="CAJA0136")
        assert box.name == "Caja 13-6"

    on_sandbox(scenario)


def test_more_pages_of_boxes_than_the_client_reads_is_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pos_app.mercadopago import client as client_mod

    monkeypatch.setattr(client_mod, "MAX_LIST_PAGES", 1)

    async def scenario(c: MercadoPagoClient, s: SandboxState) -> None:
        store = (await c.search_stores(s.seller_id))[0]
        for b in range(60):
            await c.create_box(BoxRequest(f"Caja X{b}", f"CAJAX{b:03d}", store.id, "SUC001"))
        with pytest.raises(errors.UnexpectedResponseError, match="more than 50 stores or boxes"):
            await c.search_boxes()

    on_sandbox(scenario)
