"""The cashier's refund note reaches the store database (store step 6: a ``note`` column beside
the row, never mixed with Mercado Pago's refusal reason), from an older schema brought up to
date and from changes a counter queued before its ledger had notes; the store's close lists it."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest

from pos_app.domain.sale import Tender
from pos_app.ledger.refunds import RefundStatus, RefundStore
from pos_app.ledger.store import Ledger
from pos_app.store import schema
from pos_app.store.replication import connect
from pos_app.store.views import store_close
from tests.store.helpers import MLA, deliver_batch, open_ledger, rows, sell
from tests.store.pgserver import SUPERPASS, PgServer

pytestmark = [pytest.mark.posix, pytest.mark.slow]


def _refund(ledger: Ledger, box: str, key: str, note: str, *, refused: bool = False) -> None:
    sale = sell(ledger, box, "100.00")
    store = RefundStore(ledger)
    row = store.add(
        sale.external_reference,
        key=key,
        amount=Decimal("10.00"),
        tender=Tender.QR,
        payment_id=7,
        now=datetime.now(UTC),
        limit=sale.total,
        note=note,
    )
    if refused:
        store.settle(row.id, RefundStatus.REFUSED, now=datetime.now(UTC), reason="no_balance")
    else:
        store.settle(row.id, RefundStatus.REFUNDED, now=datetime.now(UTC), mp_refund_id="R1")


def test_the_note_is_a_column_of_its_own_beside_mercado_pagos_reason(
    tmp_path: Path, pg_server: PgServer, store_db: str
) -> None:
    url, admin = pg_server.url(dbname=store_db), pg_server.admin_url(store_db)
    ledger = open_ledger(tmp_path)
    _refund(ledger, "CAJA01", "k1", "Producto fallado")
    _refund(ledger, "CAJA01", "k2", "Cobrado dos veces", refused=True)
    _refund(ledger, "CAJA01", "k3", "")
    asyncio.run(deliver_batch(url, SUPERPASS, "CAJA01", ledger.outbox_batch(1000)))
    got = rows(
        admin,
        "SELECT id, status, note, row->>'note', row->>'reason' FROM refunds ORDER BY id",
    )
    assert got == [
        (1, "refunded", "Producto fallado", "Producto fallado", ""),
        (2, "refused", "Cobrado dos veces", "Cobrado dos veces", "no_balance"),
        (3, "refunded", "", "", ""),
    ]
    # The store's close lists each refund that moved money with its note.
    now = datetime.now(UTC)

    async def close() -> list[tuple[str, str]]:
        conn = await connect(url, SUPERPASS, box="CAJA01")
        try:
            report = await store_close(conn, MLA, now=now, store="SUC001")
        finally:
            await conn.close()
        return [(f.note, str(f.amount)) for f in report.total.refund_list]

    assert asyncio.run(close()) == [("Producto fallado", "10.00"), ("", "10.00")]
    ledger.close()


def test_a_change_queued_before_the_ledger_had_notes_arrives_with_an_empty_one(
    tmp_path: Path, pg_server: PgServer, store_db: str
) -> None:
    ledger = open_ledger(tmp_path)
    _refund(ledger, "CAJA01", "k1", "")
    batch = ledger.outbox_batch(1000)
    old = []
    for change in batch:  # as the release before the note wrote its outbox rows
        if change.kind == "refund":
            refund = dict(change.payload["refund"])
            del refund["note"]
            change = replace(change, payload={"refund": refund})
        old.append(change)
    asyncio.run(deliver_batch(pg_server.url(dbname=store_db), SUPERPASS, "CAJA01", old))
    assert rows(pg_server.admin_url(store_db), "SELECT status, note FROM refunds") == [
        ("refunded", "")
    ]
    ledger.close()


def test_an_older_store_schema_gets_the_note_column_and_keeps_its_rows(
    tmp_path: Path, pg_server: PgServer, store_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, admin = pg_server.url(dbname=store_db), pg_server.admin_url(store_db)
    before = schema.MIGRATIONS[:5]
    # A context of its own: monkeypatch.undo() also undid the suite's POS_APP_HOME.
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(schema, "MIGRATIONS", before)
        patched.setattr(schema, "VERSION", 5)

        async def old_release() -> None:
            conn = await psycopg.AsyncConnection.connect(url, password=SUPERPASS, autocommit=True)
            assert await schema.ensure_schema(conn) == 5
            await conn.close()

        asyncio.run(old_release())
        with psycopg.connect(admin, autocommit=True) as conn:  # a refund the old release delivered
            conn.execute("SET pos_app.box = 'CAJA01'")
            conn.execute(
                "INSERT INTO refunds (box, id, seq, reference, amount, tender, status, created_at, "
                "updated_at, row, ledger) VALUES ('CAJA01', 1, 3, 'R-OLD', 10, 'mercadopago_qr', "
                "'refunded', now(), now(), '{\"idempotency_key\": \"old\"}', 'L0')"
            )
        assert rows(
            admin,
            "SELECT count(*) FROM information_schema.columns "
            "WHERE table_name = 'refunds' AND column_name = 'note'",
        ) == [(0,)]
    assert len(schema.MIGRATIONS) == schema.VERSION >= 6
    ledger = open_ledger(tmp_path)
    _refund(ledger, "CAJA02", "k1", "Defective")
    asyncio.run(
        deliver_batch(url, SUPERPASS, "CAJA02", ledger.outbox_batch(1000))
    )  # connects: step 6 runs
    assert rows(admin, "SELECT version FROM pos_app_schema") == [(schema.VERSION,)]
    assert rows(admin, "SELECT box, reference, note FROM refunds ORDER BY box") == [
        ("CAJA01", "R-OLD", ""),
        ("CAJA02", ledger.all_sales(1)[0].external_reference, "Defective"),
    ]
    ledger.close()
