"""The day's payment search reads every page, and says so when there are too many to read
(a part of the list would make a day's check call every later payment missing)."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from pos_app.mercadopago import client as client_mod
from pos_app.mercadopago import errors
from pos_app.mercadopago.client import MercadoPagoClient
from pos_app.mercadopago.credentials import AccessToken
from pos_app.mercadopago.retry import RetryPolicy

NO_RETRY = RetryPolicy(max_attempts=1, base_delay=0, max_delay=0, total_budget=0)
TOKEN = "APP_USR-1234567890123456-112200-0123456789abcdef0123456789abcdef-123456789"


def payment(number: int) -> dict[str, Any]:
    return {
        "id": 1_000 + number,
        "status": "approved",
        "external_reference": f"CAJA01S{number:06d}XPAGES",
        "transaction_amount": 100,
        "date_created": "2026-12-01T10:00:00.000-03:00",
        "date_approved": "2026-12-01T10:00:05.000-03:00",
        "pos_id": 7,
        "store_id": 3,
    }


def search(total: int, per_page: int) -> list[int]:
    """Payment ids the client returns when Mercado Pago lists ``total`` payments."""
    offsets: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        offsets.append(offset)
        results = [payment(n) for n in range(offset, min(offset + per_page, total))]
        paging = {"total": total, "offset": offset, "limit": per_page}
        return httpx.Response(200, content=json.dumps({"paging": paging, "results": results}))

    async def go() -> list[int]:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
            client = MercadoPagoClient(
                http, AccessToken(TOKEN), base_url="https://api.mercadopago.com", retry=NO_RETRY
            )
            day = datetime(2026, 12, 1, 3, tzinfo=UTC)
            found = await client.search_payments(day, day.replace(hour=23))
            return sorted(p.id for p in found)

    return asyncio.run(go())


def test_every_page_is_read_up_to_the_last(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client_mod, "MAX_PAYMENT_PAGES", 3)
    assert search(total=12, per_page=4) == [1_000 + n for n in range(12)]


def test_more_pages_than_it_reads_is_an_error_not_a_part(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client_mod, "MAX_PAYMENT_PAGES", 3)
    with pytest.raises(errors.UnexpectedResponseError) as caught:
        search(total=13, per_page=4)
    assert "more than 12 payments" in str(caught.value)


def listing(answer: Any) -> list[int]:
    """Box ids the client lists when every page of ``GET /pos`` answers ``answer``."""
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.params["offset"])
        return httpx.Response(200, content=json.dumps(answer))

    async def go() -> list[int]:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
            client = MercadoPagoClient(
                http, AccessToken(TOKEN), base_url="https://api.mercadopago.com", retry=NO_RETRY
            )
            return [b.id for b in await client.search_boxes()]

    found = asyncio.run(go())
    assert len(calls) <= client_mod.MAX_LIST_PAGES
    return found


BOX = {"id": 7, "name": "Caja 1", "external_id": "CAJA01", "store_id": 3}


@pytest.mark.parametrize(
    "paging",
    [None, {}, {"total": "many"}, {"total": True}, {"total": -5}, {"total": 1.5e309}, "x"],
)
def test_a_listing_without_a_usable_total_is_one_page(paging: Any) -> None:
    answer: dict[str, Any] = {"results": [BOX]}
    if paging is not None:
        answer["paging"] = paging
    assert listing(answer) == [7]


def test_a_listing_that_never_ends_is_an_error_not_a_hang(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same page again and again, with a total that keeps it going: read up to the cap,
    then said, never an endless loop."""
    monkeypatch.setattr(client_mod, "MAX_LIST_PAGES", 5)
    with pytest.raises(errors.UnexpectedResponseError, match="more than 5 stores or boxes"):
        listing({"paging": {"total": 10**12}, "results": [BOX]})


def test_a_listing_with_no_results_or_garbage_lists_nothing() -> None:
    assert listing({"paging": {"total": 10**12}, "results": None}) == []
    assert listing({"paging": {"total": 3}, "results": []}) == []
