"""Colombia: part of a weighed line refunded by its weight gives back IVA at that line's rate
alone, in the box's close and in the store database's live close alike (the refund row's
weight, ``[[0, "0.200"]]``, read back from the delivered row). Until 2026-12-02 the store read
a refund's lines as whole numbers, and part of a weighed line could only be an amount, its IVA
split over every rate of the sale."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.checkout.refunds import RefundService
from pos_app.domain.cart import CartLine
from pos_app.domain.pricing import SaleUnit
from pos_app.domain.sale import SaleStatus, Tender
from tests.store.helpers import open_ledger
from tests.store.pgserver import PgServer
from tests.store.test_store_iva import MCO, _preview, _push, _store_close

pytestmark = pytest.mark.posix

D = Decimal
CHEESE = CartLine(
    "Q1",
    "Queso",
    D(40000),
    sale_unit=SaleUnit.KG,
    measure=D("0.350"),
    iva_rate=D(5),
)
WINE = CartLine("V1", "Vino", D(30000), 1, iva_rate=D(19))


def test_a_weight_refunded_takes_its_lines_iva_off_the_store_close(
    tmp_path: Path, pg_server: PgServer, store_db: str
) -> None:
    url = pg_server.url(dbname=store_db)
    a = open_ledger(tmp_path / "a")
    now = datetime.now(UTC)
    sale = a.create_sale(
        user_id=1,
        store_external_id="SUC001",
        box_external_id="CAJA01",
        site=MCO,
        title="Tienda",
        lines=[CHEESE, WINE],
        total=D(44000),
        iva_total=D(667 + 4790),
        now=now,
        expires_at=now + timedelta(minutes=10),
    )
    a.update_sale(
        sale.external_reference,
        {"status": SaleStatus.CANCELED, "tender": Tender.CASH},
        now=now,
        kind="status",
        cause="paid in cash",
        old_status=SaleStatus.CREATING,
        new_status=SaleStatus.CANCELED,
    )
    # IVA: cheese $ 14.000 at 5 % contains 666,67 → 667; wine $ 30.000 at 19 %: 4.790
    assert _preview(a) == {"5": D(667), "19": D(4790)}
    service = RefundService(a, lambda: None)  # type: ignore[arg-type,return-value]
    got = asyncio.run(service.refund(sale.external_reference, lines=[(0, D("0.200"))]))
    assert got.ok and got.refunds[0].amount == D(8000)
    # 667 × 8.000 / 14.000 = 381,1: the cheese's rate alone, the wine's untouched
    assert _preview(a) == {"5": D(667 - 381), "19": D(4790)}
    _push(url, (a, "CAJA01"))
    boxes = {box.box: box.report for box in _store_close(url).boxes}
    assert boxes["CAJA01"].iva == _preview(a)
    a.close()
