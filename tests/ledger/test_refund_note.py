"""The cashier's note on a refund (why the money went back): its ledger step, written with the
row before Mercado Pago is asked, cleaned and limited like every free text, and kept apart from
``reason`` (Mercado Pago's refusal)."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.domain.cart import CartLine
from pos_app.domain.sale import Tender
from pos_app.domain.text_fields import REFUND_NOTE
from pos_app.domain.validation import ValidationError
from pos_app.ledger.migrations import MIGRATIONS
from pos_app.ledger.refunds import REFUNDS_NOTE, RefundStatus, RefundStore
from pos_app.ledger.store import Ledger
from tests.ledger_sales import record_sale

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
YERBA = CartLine("Y1", "Yerba", Decimal(1000), 2)


def _old_ledger(path: Path) -> None:
    """A ledger file as the release before the note left it: every step but the note's, with a
    paid sale and one refund (refused by Mercado Pago, with its reason)."""
    before = MIGRATIONS[: MIGRATIONS.index(REFUNDS_NOTE)]
    conn = sqlite3.connect(path)
    for number, step in enumerate(before, start=1):
        conn.executescript(f"{step}\nPRAGMA user_version = {number};")
    stamp = NOW.isoformat()
    conn.execute(
        "INSERT INTO sales (external_reference, user_id, store_external_id, box_external_id, "
        "site_id, currency, status, title, total, created_at, updated_at, tender, paid_amount, "
        "payment_ids) VALUES ('R1', 1, 'S', 'CAJA01', 'MLA', 'ARS', 'paid', 'T', '2000', ?, ?, "
        "'mercadopago_qr', '2000', '[5550001]')",
        (stamp, stamp),
    )
    conn.execute(
        "INSERT INTO refunds (sale_id, idempotency_key, payment_id, amount, tender, status, "
        "reason, created_at, updated_at) VALUES (1, 'old-key', 5550001, '500', "
        "'mercadopago_qr', 'refused', 'insufficient_balance', ?, ?)",
        (stamp, stamp),
    )
    conn.commit()
    conn.close()


def test_an_old_ledger_gets_the_note_step_and_its_refunds_an_empty_note(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _old_ledger(path)
    ledger = Ledger(path)
    try:
        version = ledger._conn.execute("PRAGMA user_version").fetchone()[0]
        assert version == len(MIGRATIONS) and REFUNDS_NOTE in MIGRATIONS
        (old,) = RefundStore(ledger).for_sale("R1")
        assert old.note == "" and old.reason == "insufficient_balance"
        assert old.status is RefundStatus.REFUSED
        # A refund written after the step keeps its note, next to (not in) the reason.
        new = RefundStore(ledger).add(
            "R1",
            key="new-key",
            amount=Decimal(300),
            tender=Tender.QR,
            payment_id=5550001,
            now=NOW,
            limit=Decimal(2000),
            note="Producto fallado",
        )
        assert new.note == "Producto fallado" and new.reason == ""
        row = ledger._conn.execute("SELECT note, reason FROM refunds WHERE id = ?", (new.id,))
        assert tuple(row.fetchone()) == ("Producto fallado", "")
    finally:
        ledger.close()


def test_the_note_is_on_the_row_written_before_the_call_and_in_its_outbox_change(
    tmp_path: Path,
) -> None:
    ledger = Ledger(tmp_path / "l.sqlite3")
    try:
        sale = record_sale(ledger, [YERBA], at=NOW)
        store = RefundStore(ledger)
        row = store.add(
            sale.external_reference,
            key="k1",
            amount=Decimal(500),
            tender=Tender.QR,
            payment_id=5550001,
            now=NOW,
            limit=sale.total,
            note="  cobrado\ndos veces\x1b[31m\u202e ",
        )
        # Pending: written before Mercado Pago is asked, note and all, cleaned to one line.
        assert row.status is RefundStatus.PENDING and row.note == "cobrado dos veces[31m"
        settled = store.settle(row.id, RefundStatus.REFUSED, now=NOW, reason="insufficient_balance")
        assert settled.note == "cobrado dos veces[31m"  # settling never touches the note
        assert settled.reason == "insufficient_balance"
        from pos_app.ledger.refunds import outbox_change

        with ledger._reading():
            change = outbox_change(ledger._conn, row.id)
        assert change["refund"]["note"] == "cobrado dos veces[31m"
        assert json.loads(json.dumps(change))["refund"]["reason"] == "insufficient_balance"
    finally:
        ledger.close()


def test_a_note_over_its_limit_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "l.sqlite3")
    try:
        sale = record_sale(ledger, [YERBA], at=NOW)
        store = RefundStore(ledger)
        with pytest.raises(ValidationError, match="Reason for the refund: at most 200"):
            store.add(
                sale.external_reference,
                key="k1",
                amount=Decimal(500),
                tender=Tender.CASH,
                payment_id=None,
                now=NOW,
                limit=sale.total,
                status=RefundStatus.REFUNDED,
                note="x" * (REFUND_NOTE.limit + 1),
            )
        assert store.for_sale(sale.external_reference) == []
        at_limit = store.add(
            sale.external_reference,
            key="k2",
            amount=Decimal(500),
            tender=Tender.CASH,
            payment_id=None,
            now=NOW,
            limit=sale.total,
            status=RefundStatus.REFUNDED,
            note="é" * REFUND_NOTE.limit,
        )
        assert at_limit.note == "é" * REFUND_NOTE.limit
    finally:
        ledger.close()
