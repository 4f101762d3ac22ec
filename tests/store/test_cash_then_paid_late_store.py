"""``close --store``: a sale taken in cash, counted by its box's close, then paid by QR after it
ended (the customer had scanned too): the box's current period counts the QR payment alone,
the cash stays in the period that counted it, and a range holding both counts each once.
Until 2026-12-02 the store's figures counted the cash again when the QR payment landed."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pos_app.cli import main
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.settings import config as config_mod
from pos_app.store.replication import StoreReplicator
from tests.store.helpers import MLA, open_ledger, sell
from tests.store.pgserver import SUPERPASS, PgServer

pytestmark = pytest.mark.posix


def test_the_store_counts_the_cash_where_it_was_taken(
    tmp_path: Path,
    pg_server: PgServer,
    store_db: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = pg_server.url(dbname=store_db)
    a = open_ledger(tmp_path / "a")
    a.day.open_shift("Ana", Decimal("10.00"), now=datetime.now(UTC))
    sale = sell(a, "CAJA01", "100.50", tender=Tender.CASH)
    first = a.day.close(MLA, now=datetime.now(UTC), counted_cash=Decimal("110.50"))
    assert first.totals["cash"] == Decimal("100.50")
    # The QR payment lands after the close: what the engine writes (the cash stays the sale's).
    a.update_sale(
        sale.external_reference,
        {"status": SaleStatus.PAID, "paid_amount": Decimal("100.50"), "late_payment": True},
        now=datetime.now(UTC),
        kind="status",
        cause="poll",
        old_status=SaleStatus.CANCELED,
        new_status=SaleStatus.PAID,
    )

    async def push() -> None:
        rep = StoreReplicator(a, url, SUPERPASS, box="CAJA01", store="SUC001")
        assert await rep.flush(10)
        await rep.aclose()

    asyncio.run(push())
    config_mod.save(
        config_mod.Config(
            store_database=url, store_external_id="SUC001", box_external_id="CAJA03", site_id="MLA"
        )
    )
    monkeypatch.setenv("POS_STORE_DATABASE_PASSWORD", SUPERPASS)
    assert main(["close", "--store", "--json"]) == 0
    [box] = json.loads(capsys.readouterr().out)["boxes"]
    assert box["totals"] == {"mercadopago_qr": "100.50", "cash": "0.00"}
    assert box["late_payments"] == [sale.external_reference]

    today = datetime.now(ZoneInfo("America/Argentina/Buenos_Aires")).date().isoformat()
    assert main(["close", "--store", "--from", today, "--to", today, "--json"]) == 0
    [box] = json.loads(capsys.readouterr().out)["boxes"]
    assert box["totals"] == {"mercadopago_qr": "100.50", "cash": "100.50"}
    assert box["sales_count"] == 1
    a.close()
