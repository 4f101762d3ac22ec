"""Colombia: the store's live close states IVA per rate as each box's own close does (net of
its refunds, by line and by amount, in cash and by QR), in COP integers. Until 2026-12-02 the
live report's rows carried no lines, so its IVA was empty while the frozen closes beside it
stated theirs. And a refund confirmed after a box's close (written pending before it) was in
neither that close nor the live period after it: the store read refunds by when they were
written, the counter by when the money left."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.checkout.refunds import RefundService
from pos_app.cli import main
from pos_app.domain.cart import CartLine
from pos_app.domain.money import site_for
from pos_app.domain.pricing import Discount, DiscountKind
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.ledger.refunds import RefundStatus, RefundStore
from pos_app.ledger.store import Ledger
from pos_app.settings import config as config_mod
from pos_app.store.replication import StoreReplicator, connect
from pos_app.store.views import StoreClose, store_close
from tests.store.helpers import open_ledger
from tests.store.pgserver import SUPERPASS, PgServer

pytestmark = pytest.mark.posix

MCO = site_for("MCO")
D = Decimal
LINES = [
    CartLine("C1", "Cafe", D(3333), 3, iva_rate=D(19)),
    CartLine("P1", "Pan", D(1001), 1, iva_rate=D(5)),
    CartLine("L1", "Leche", D(2999), 2),
]
SEVEN = Discount(DiscountKind.PERCENT, D(7))


def sell_mco(ledger: Ledger, box: str, *, cash: bool) -> SaleSnapshot:
    """The sale of tests/day/test_close_iva_refunds.py ($ 15.808 after 7 % off: IVA $ 1.485 at
    19 %, $ 44 at 5 %), paid by QR or in cash."""
    now = datetime.now(UTC)
    sale = ledger.create_sale(
        user_id=1,
        store_external_id="SUC001",
        box_external_id=box,
        site=MCO,
        title="Tienda",
        lines=LINES,
        total=D(15808),
        iva_total=D(1529),
        now=now,
        expires_at=now + timedelta(minutes=10),
        sale_discount=SEVEN,
    )
    ref = sale.external_reference
    ledger.update_sale(
        ref,
        {"status": SaleStatus.PENDING},
        now=now,
        kind="status",
        cause="order created",
        old_status=SaleStatus.CREATING,
        new_status=SaleStatus.PENDING,
    )
    ended = (
        {"status": SaleStatus.CANCELED, "tender": Tender.CASH}
        if cash
        else {"status": SaleStatus.PAID, "paid_amount": D(15808), "tender": Tender.QR}
    )
    return ledger.update_sale(
        ref,
        ended,
        now=now,
        kind="status",
        cause="paid",
        old_status=SaleStatus.PENDING,
        new_status=ended["status"],  # type: ignore[arg-type]
    )


def _push(url: str, *counters: tuple[Ledger, str]) -> None:
    async def go() -> None:
        for ledger, box in counters:
            rep = StoreReplicator(ledger, url, SUPERPASS, box=box, store="SUC001")
            assert await rep.flush(10)
            await rep.aclose()

    asyncio.run(go())


def _store_close(url: str, **kw: datetime) -> StoreClose:
    async def go() -> StoreClose:
        conn = await connect(url, SUPERPASS, box="OFFICE")
        try:
            return await store_close(conn, MCO, now=datetime.now(UTC) + timedelta(hours=1), **kw)
        finally:
            await conn.close()

    return asyncio.run(go())


def _preview(ledger: Ledger) -> dict[str, Decimal]:
    return ledger.day.preview(MCO, now=datetime.now(UTC) + timedelta(hours=1)).iva


def test_live_store_close_states_iva_net_of_refunds_like_each_box(
    tmp_path: Path,
    pg_server: PgServer,
    store_db: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = pg_server.url(dbname=store_db)
    a = open_ledger(tmp_path / "a")
    b = open_ledger(tmp_path / "b")
    now = datetime.now(UTC)
    # Box A: a QR sale, one coffee of three refunded by line ($ 3.100, $ 495 of IVA) and
    # $ 5.000 by amount (19 %: $ 390, 5 %: $ 17); a cash sale untouched.
    qr = sell_mco(a, "CAJA01", cash=False)
    sell_mco(a, "CAJA01", cash=True)
    store = RefundStore(a)
    for key, amount, lines in (("l", D(3100), ((0, 1),)), ("m", D(5000), ())):
        row = store.add(
            qr.external_reference,
            key=key,
            amount=amount,
            tender=Tender.QR,
            payment_id=1,
            now=now,
            limit=D(15808),
            lines=lines,
        )
        store.settle(row.id, RefundStatus.REFUNDED, now=datetime.now(UTC))
    # Box B: a cash sale, half of it given back in cash (19 %: 743 back, 742 kept).
    cash = sell_mco(b, "CAJA02", cash=True)
    asyncio.run(RefundService(b, lambda: None).refund(cash.external_reference, D(7904)))  # type: ignore[arg-type,return-value]
    assert _preview(a) == {"5": D(27 + 44), "19": D(600 + 1485)}
    assert _preview(b) == {"5": D(22), "19": D(742)}
    _push(url, (a, "CAJA01"), (b, "CAJA02"))

    result = _store_close(url)
    boxes = {box.box: box.report for box in result.boxes}
    assert boxes["CAJA01"].iva == _preview(a)  # was {}: the live rows carried no lines
    assert boxes["CAJA02"].iva == _preview(b)
    assert result.total.iva == {"5": D(71 + 22), "19": D(2085 + 742)}
    assert result.stores[0].report.iva == result.total.iva

    # Box A closes: its frozen close (delivered) and the store's figure of the day agree.
    frozen = a.day.close(MCO, now=datetime.now(UTC))
    _push(url, (a, "CAJA01"))
    assert frozen.iva == {"5": D(71), "19": D(2085)}
    day = _store_close(url, since=now - timedelta(minutes=1), until=datetime.now(UTC))
    assert {box.box: box.report.iva for box in day.boxes}["CAJA01"] == frozen.iva
    live = {box.box: box.report for box in _store_close(url).boxes}
    assert live["CAJA01"].iva == {}  # nothing since its close

    # The command line states it too, in JSON and in words.
    config_mod.save(
        config_mod.Config(
            store_database=url, store_external_id="SUC001", box_external_id="CAJA09", site_id="MCO"
        )
    )
    monkeypatch.setenv("POS_STORE_DATABASE_PASSWORD", SUPERPASS)
    assert main(["close", "--store", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["iva"] == {"5": "22", "19": "742"}
    assert main(["close", "--store"]) == 0
    assert "IVA 19%" in capsys.readouterr().out
    a.close()
    b.close()


def test_a_refund_confirmed_after_the_boxs_close_is_in_the_live_period(
    tmp_path: Path, pg_server: PgServer, store_db: str
) -> None:
    url = pg_server.url(dbname=store_db)
    a = open_ledger(tmp_path / "a")
    qr = sell_mco(a, "CAJA01", cash=False)
    store = RefundStore(a)
    pending = store.add(
        qr.external_reference,
        key="p",
        amount=D(3100),
        tender=Tender.QR,
        payment_id=1,
        now=datetime.now(UTC),
        limit=D(15808),
        lines=((0, 1),),
    )
    closed = a.day.close(MCO, now=datetime.now(UTC) + timedelta(seconds=1))
    assert closed.refunds_total == 0  # still pending: no money had left
    store.settle(pending.id, RefundStatus.REFUNDED, now=datetime.now(UTC) + timedelta(seconds=2))
    own = a.day.preview(MCO, now=datetime.now(UTC) + timedelta(hours=1))
    assert (own.refunds_total, own.iva) == (D(3100), {"19": D(-495)})
    _push(url, (a, "CAJA01"))
    (box,) = _store_close(url).boxes
    assert (box.report.refunds_total, box.report.net) == (D(3100), D(-3100))  # was 0: lost
    assert box.report.iva == own.iva
    a.close()
