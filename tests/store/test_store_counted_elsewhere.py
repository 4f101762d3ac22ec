"""A sale whose Mercado Pago payment is in the books as a sale of its own (``MP-<payment id>``,
:func:`pos_app.domain.records.counted_elsewhere`) in the store database's per-box totals
(``sales --store``): its payment is counted once, on the ``MP-…`` sale, as the box's own close
and its sales history count it. The totals added its amount of 0 right but counted the sale in
the Mercado Pago QR count too: two QR sales for one payment."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.cli import main
from pos_app.domain.records import counted_elsewhere
from pos_app.settings import config as config_mod
from pos_app.store.replication import StoreReplicator
from tests.store.helpers import MLA, open_ledger, sell
from tests.store.pgserver import SUPERPASS, PgServer

pytestmark = pytest.mark.posix


def test_a_payment_counted_elsewhere_is_one_qr_sale_in_the_store_totals(
    tmp_path: Path,
    pg_server: PgServer,
    store_db: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = pg_server.url(dbname=store_db)
    a = open_ledger(tmp_path / "a")
    sell(a, "CAJA01", "10.00")  # an ordinary QR sale beside them
    repaired = sell(a, "CAJA01", "3450.50")
    # As the engine leaves it once the payment was recorded as MP-<id>: paid, in an order,
    # with no payment of its own and nothing approved.
    now = datetime.now(UTC)
    repaired = a.update_sale(
        repaired.external_reference,
        {"merchant_order_ids": [7], "payment_ids": [], "paid_amount": Decimal(0)},
        now=now,
        kind="note",
        cause="repair",
    )
    assert counted_elsewhere(repaired)
    recorded = a.day.adopt_payment(
        payment_id=99,
        merchant_order_id=7,
        external_reference=repaired.external_reference,
        amount=Decimal("3450.50"),
        site=MLA,
        user_id=1,
        store_external_id="SUC001",
        box_external_id="CAJA01",
        paid_at=now,
        now=now,
    )
    assert recorded == "MP-99"
    own = a.day.preview(MLA, now=datetime.now(UTC))
    assert own.totals["mercadopago_qr"] == Decimal("3460.50") and own.sales_count == 3

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
    assert main(["sales", "--store", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    [qr] = [t for t in data["totals"] if t["tender"] == "mercadopago_qr"]
    # Two Mercado Pago payments (the 10.00 sale's and MP-99's), as the close's money says.
    assert (qr["box"], qr["sales"], qr["amount"]) == ("CAJA01", 2, "3460.50"), qr
    assert main(["sales", "--store"]) == 0
    out = capsys.readouterr().out
    [line] = [row for row in out.splitlines() if "mercadopago_qr" in row and " sales " in row]
    assert " 2 sales" in line and ("3,460.50" in line or "3460.50" in line), line
    a.close()
