"""``pos-app close --store``: the figures of every box from the store database, two counters."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pos_app.cli import main
from pos_app.domain.day import MovementKind
from pos_app.domain.sale import Tender
from pos_app.ledger.refunds import RefundStatus, RefundStore
from pos_app.ledger.store import Ledger
from pos_app.settings import config as config_mod
from pos_app.store.replication import StoreReplicator
from tests.store.helpers import MLA, open_ledger, sell
from tests.store.pgserver import SUPERPASS, PgServer
from tests.store.test_day_kinds import day_of_work

pytestmark = pytest.mark.posix


def _push(url: str, *counters: tuple[Ledger, str]) -> None:
    async def go() -> None:
        for ledger, box in counters:
            rep = StoreReplicator(ledger, url, SUPERPASS, box=box, store="SUC001")
            assert await rep.flush(10)
            await rep.aclose()

    asyncio.run(go())


def test_close_store_adds_up_every_box(
    tmp_path: Path,
    pg_server: PgServer,
    store_db: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = pg_server.url(dbname=store_db)
    a = open_ledger(tmp_path / "a")
    b = open_ledger(tmp_path / "b")
    # Box A: a closed period (close #1: net 190), then a QR sale and cash in after it.
    day_of_work(a, "CAJA01")
    after_close = a.day.closes()[-1].closed_at
    sell(a, "CAJA01", "40.00")
    a.day.add_movement(MovementKind.IN, Decimal("5.00"), "coins", now=datetime.now(UTC))
    # Box B: never closed; a shift, a QR sale of 30 and a refund of 5 of it.
    b.day.open_shift("Bea", Decimal("100.00"), now=datetime.now(UTC))
    qr = sell(b, "CAJA02", "30.00")
    store = RefundStore(b)
    refund = store.add(
        qr.external_reference,
        key="kb",
        amount=Decimal("5.00"),
        tender=Tender.QR,
        payment_id=1,
        now=datetime.now(UTC),
        limit=qr.total,
    )
    store.settle(refund.id, RefundStatus.REFUNDED, now=datetime.now(UTC))
    _push(url, (a, "CAJA01"), (b, "CAJA02"))
    config_mod.save(
        config_mod.Config(
            store_database=url, store_external_id="SUC001", box_external_id="CAJA03", site_id="MLA"
        )
    )
    monkeypatch.setenv("POS_STORE_DATABASE_PASSWORD", SUPERPASS)

    # Each box's current period.
    assert main(["close", "--store", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    boxes = {box["box"]: box for box in data["boxes"]}
    assert sorted(boxes) == ["CAJA01", "CAJA02"]
    one, two = boxes["CAJA01"], boxes["CAJA02"]
    assert datetime.fromisoformat(one["opened_at"]) == after_close  # from its last close
    assert [c["number"] for c in one["closes"]] == [1]
    assert datetime.fromisoformat(one["closes"][0]["closed_at"]) == after_close
    assert (one["sales_count"], one["net"], one["cash_in"]) == (1, "40.00", "5.00")
    assert one["totals"] == {"mercadopago_qr": "40.00", "cash": "0.00"}
    assert two["closes"] == []
    assert (two["sales_count"], two["refunds"], two["net"]) == (1, "5.00", "25.00")
    assert two["starting_float"] == "100.00"
    assert data["totals"] == {"mercadopago_qr": "70.00", "cash": "0.00"}
    assert (data["refunds"], data["refunds_count"], data["net"]) == ("5.00", 1, "65.00")
    assert (data["starting_float"], data["cash_in"], data["expected_cash"]) == (
        "100.00",
        "5.00",
        "105.00",
    )
    assert [m["reason"] for m in data["movements"]] == ["coins"]
    assert data["number"] is None
    # The same field names as a counter's own close, plus the boxes.
    local = json.loads(json.dumps(_local_fields(a)))
    assert set(local) <= set(data)
    assert set(local) <= set(one)

    # A date range: the whole day for every box, the close inside it listed.
    today = datetime.now(ZoneInfo("America/Argentina/Buenos_Aires")).date().isoformat()
    assert main(["close", "--store", "--from", today, "--to", today, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    boxes = {box["box"]: box for box in data["boxes"]}
    assert boxes["CAJA01"]["net"] == "230.00"  # 190 of close #1 + 40 after it
    assert boxes["CAJA01"]["totals"] == {"mercadopago_qr": "140.00", "cash": "100.00"}
    assert boxes["CAJA01"]["refunds_count"] == 1  # the refused one moved no money
    assert [c["number"] for c in boxes["CAJA01"]["closes"]] == [1]
    assert data["net"] == "255.00"
    assert (data["cash_in"], data["cash_out"]) == ("55.00", "20.00")

    assert main(["close", "--store"]) == 0
    text = capsys.readouterr().out
    assert (
        "CAJA01" in text
        and "CAJA02" in text
        and "#1" in text
        and "store SUC001 (all boxes)" in text
    )
    assert main(["close", "--store", "--counted-cash", "10"]) == 2
    assert main(["close", "--store", "--from", "2026-13-01"]) == 2
    assert main(["close", "--from", today]) == 2
    a.close()
    b.close()


def _local_fields(ledger: Ledger) -> dict[str, object]:
    from pos_app.domain.day import report_to_json

    return report_to_json(ledger.day.closes()[-1], MLA)


def test_the_office_login_reads_the_chain_without_claiming_a_box(
    tmp_path: Path,
    pg_server: PgServer,
    store_db: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The README's office login (``IN ROLE pos_backoffice``: reads, writes nothing) was refused
    by every command and the window's store view: each read claimed the configured box first
    (``permission denied for table box_owners``)."""
    import psycopg

    url = pg_server.url(dbname=store_db)
    a = open_ledger(tmp_path / "a")
    sell(a, "CAJA01", "40.00")
    _push(url, (a, "CAJA01"))
    with psycopg.connect(pg_server.admin_url(store_db), autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS office_r")
        conn.execute("CREATE ROLE office_r LOGIN PASSWORD 'pw-office' IN ROLE pos_backoffice")
    config_mod.save(
        config_mod.Config(
            store_database=pg_server.url("office_r", store_db),
            store_external_id="SUC001",
            box_external_id="OFICINA",
            site_id="MLA",
        )
    )
    monkeypatch.setenv("POS_STORE_DATABASE_PASSWORD", "pw-office")
    assert main(["close", "--chain", "--json"]) == 0, capsys.readouterr().err
    assert json.loads(capsys.readouterr().out)["net"] == "40.00"
    assert main(["sales", "--store", "--json"]) == 0
    assert [s["box"] for s in json.loads(capsys.readouterr().out)["sales"]] == ["CAJA01"]
    admin = pg_server.admin_url(store_db)
    with psycopg.connect(admin, autocommit=True) as conn:
        assert conn.execute("SELECT box FROM box_owners").fetchall() == [("CAJA01",)]
    a.close()


def test_a_store_database_that_does_not_answer_ends_the_command(
    tmp_path: Path,
    pg_server: PgServer,
    store_db: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The sales table locked by the administrator's maintenance: ``close --store`` waited
    without end; now it ends, saying so."""
    import psycopg

    from pos_app.cli import store as store_cli

    url = pg_server.url(dbname=store_db)
    a = open_ledger(tmp_path / "a")
    sell(a, "CAJA01", "40.00")
    _push(url, (a, "CAJA01"))
    config_mod.save(
        config_mod.Config(
            store_database=url, store_external_id="SUC001", box_external_id="CAJA01", site_id="MLA"
        )
    )
    monkeypatch.setenv("POS_STORE_DATABASE_PASSWORD", SUPERPASS)
    monkeypatch.setattr(store_cli, "READ_TIMEOUT", 0.25)
    with psycopg.connect(pg_server.admin_url(store_db)) as admin:
        admin.execute("LOCK TABLE sales IN ACCESS EXCLUSIVE MODE")
        assert main(["close", "--store", "--json"]) == 1
    assert "did not answer within 0.25 s" in capsys.readouterr().err
    a.close()
