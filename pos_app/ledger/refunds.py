"""Refunds in the ledger: money leaving the shop, written **before** Mercado Pago is asked.

A refund row is committed with its own ``X-Idempotency-Key`` (status ``pending``) before the
request; the same row, and so the same key, is reused on every retry and after a crash, so an
answer that was lost never refunds twice. It becomes ``refunded`` only when Mercado Pago
confirms it (or at once for cash, where nothing is sent), ``refused`` when Mercado Pago says no.
The check that a refund never exceeds what was paid runs inside the same ``BEGIN IMMEDIATE``
transaction that writes it, so two tills (or two windows) cannot both pass it.

The table comes with its own schema step (:data:`REFUNDS_SCHEMA`, appended to the ledger's
migrations) and is written with ``IF NOT EXISTS`` so the step can be renumbered safely.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pos_app.domain.money import site_for
from pos_app.domain.records import SaleSnapshot, amount_paid
from pos_app.domain.refund_iva import (
    GivenBack,
    GivenLines,
    IvaByRate,
    RefundIva,
    refunds_iva_detail,
)
from pos_app.domain.sale import Tender
from pos_app.domain.text_fields import REFUND_NOTE, check_text
from pos_app.ledger.amounts import refund_record, sale_record, stored_amount
from pos_app.ledger.period import stamp_not_before_last_close

if TYPE_CHECKING:
    from pos_app.ledger.store import Ledger

REFUNDS_SCHEMA = """
    CREATE TABLE IF NOT EXISTS refunds (
        id INTEGER PRIMARY KEY,
        sale_id INTEGER NOT NULL REFERENCES sales (id),
        idempotency_key TEXT NOT NULL UNIQUE,
        payment_id INTEGER,
        amount TEXT NOT NULL,
        tender TEXT NOT NULL,
        status TEXT NOT NULL,
        mp_refund_id TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '',
        lines TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS refunds_sale ON refunds (sale_id, id);
"""

# The Orders API refunds a payment of the order by its id ("PAY…"), not a number.
REFUNDS_ORDER_PAYMENT = """
    ALTER TABLE refunds ADD COLUMN order_payment_id TEXT NOT NULL DEFAULT '';
"""

# The cashier's note: why the money went back ("defective", "charged twice"), written with the
# row before Mercado Pago is asked. Not ``reason``, which is Mercado Pago's refusal reason.
REFUNDS_NOTE = """
    ALTER TABLE refunds ADD COLUMN note TEXT NOT NULL DEFAULT '';
"""


class RefundStatus(StrEnum):
    PENDING = "pending"  # written, not yet confirmed by Mercado Pago (may have been sent)
    REFUNDED = "refunded"
    REFUSED = "refused"  # Mercado Pago said no: nothing left the shop

    @property
    def counts(self) -> bool:
        """Pending refunds count against what is left: they may already have happened."""
        return self is not RefundStatus.REFUSED


@dataclass(frozen=True)
class RefundRecord:
    id: int
    reference: str  # the sale's external reference
    idempotency_key: str
    payment_id: int | None
    amount: Decimal
    tender: Tender
    status: RefundStatus
    mp_refund_id: str
    reason: str
    # (line position, units or a weighed line's weight: Decimal) when refunded by line
    lines: GivenLines
    created_at: datetime
    updated_at: datetime
    order_payment_id: str = ""  # Orders API sales: the order's payment refunded (PAY…)
    # The cashier's note (why the money went back); ``reason`` is Mercado Pago's refusal's.
    note: str = ""


@dataclass(frozen=True)
class RefundElsewhere:
    """A refund of a sale that another ledger wrote (not refused), as the store database has
    it: a restored backup's sale may have been refunded by the file it replaced."""

    key: str  # its idempotency key
    tender: Tender
    amount: Decimal


class StoreUnreachable(Exception):
    """The store database could not be asked what other ledgers refunded (it did not answer
    in time, or refused this counter); ``detail`` says why, without a password."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class RefundedElsewhereNow(Exception):
    """Another counter holds the sale's lock in the store database (refunding it right now)
    longer than a refund waits for it."""


class RefundExceedsError(ValueError):
    """The ledger refuses a refund beyond what was paid (checked in the writing transaction)."""


# A refund taken from several Mercado Pago payments is a row per payment: the first keeps its
# own key and the chosen lines, the others ``<its key>-part2``, ``-part3``… (their IVA is those
# lines', :func:`refund_ivas`).
PART = "-part"

FEW_SALES = 50  # refunded_amounts of at most this many sales asks for theirs alone


class RefundStore:
    """The ``refunds`` table of a :class:`~pos_app.ledger.store.Ledger` (same connection and
    transactions, so a refund and its sale event are written together)."""

    def __init__(self, ledger: Ledger) -> None:
        self._ledger = ledger

    def add(
        self,
        reference: str,
        *,
        key: str,
        amount: Decimal,
        tender: Tender,
        payment_id: int | None,
        now: datetime,
        limit: Decimal,
        status: RefundStatus = RefundStatus.PENDING,
        lines: GivenLines = (),
        mp_refund_id: str = "",
        order_payment_id: str = "",
        note: str = "",
        tender_limit: Decimal | None = None,
        elsewhere: Sequence[RefundElsewhere] = (),
    ) -> RefundRecord:
        """Write a refund; ``RefundExceedsError`` when, with the refunds already counted, it
        would pass ``limit`` (what the sale was paid), or, with ``tender_limit``, what was paid
        the refund's way (a sale paid both in cash and with Mercado Pago). ``note``, the
        cashier's reason, is cleaned and checked (:data:`~pos_app.domain.text_fields.
        REFUND_NOTE`: ``ValidationError``) before anything is written.

        ``elsewhere``: the sale's refunds other ledgers wrote (the store database's, read under
        its lock: :mod:`pos_app.store.refund_check`), counted too, in this same transaction;
        one whose key this ledger holds (a restored backup's) is counted once."""
        note = check_text(note, REFUND_NOTE)
        ledger = self._ledger
        with ledger._tx() as conn:
            sale_id = sale_id_of(conn, reference)
            mine = {
                str(r[0])
                for r in conn.execute(
                    "SELECT idempotency_key FROM refunds WHERE sale_id = ?", (sale_id,)
                )
            }
            others = [r for r in elsewhere if r.key not in mine]
            counted = _counted(conn, sale_id) + sum((r.amount for r in others), Decimal(0))
            if amount <= 0 or counted + amount > limit:
                raise RefundExceedsError(f"{counted} already refunded of {limit}")
            if tender_limit is not None:
                same_way = _counted(conn, sale_id, tender) + sum(
                    (r.amount for r in others if r.tender is tender), Decimal(0)
                )
                if same_way + amount > tender_limit:
                    raise RefundExceedsError(f"{same_way} already refunded of {tender_limit}")
            stamp = stamp_not_before_last_close(conn, now)
            cur = conn.execute(
                "INSERT INTO refunds (sale_id, idempotency_key, payment_id, amount, tender, "
                "status, mp_refund_id, lines, created_at, updated_at, order_payment_id, note) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    sale_id,
                    key,
                    payment_id,
                    str(amount),
                    tender.value,
                    status.value,
                    mp_refund_id,
                    lines_json(lines),
                    stamp,
                    stamp,
                    order_payment_id,
                    note,
                ),
            )
            conn.execute(
                "INSERT INTO sale_events (sale_id, at, kind, old_status, new_status, cause, "
                "detail) VALUES (?,?,?,?,?,?,?)",
                (sale_id, stamp, "refund", None, None, status.value, f"{amount} {key}"),
            )
            refund_id = int(cur.lastrowid or 0)
            ledger.add_to_outbox(conn, "refund", str(refund_id), outbox_change(conn, refund_id))
        found = self.get(refund_id)
        assert found is not None
        return found

    def settle(
        self,
        refund_id: int,
        status: RefundStatus,
        *,
        now: datetime,
        mp_refund_id: str = "",
        reason: str = "",
    ) -> RefundRecord:
        """A pending refund confirmed or refused (a settled one never changes again)."""
        with self._ledger._tx() as conn:
            row = conn.execute("SELECT * FROM refunds WHERE id = ?", (refund_id,)).fetchone()
            if row is None:
                raise KeyError(refund_id)
            if row["status"] == RefundStatus.PENDING.value:
                stamp = stamp_not_before_last_close(conn, now)
                conn.execute(
                    "UPDATE refunds SET status = ?, mp_refund_id = ?, reason = ?, updated_at = ? "
                    "WHERE id = ?",
                    (status.value, mp_refund_id, reason[:300], stamp, refund_id),
                )
                detail = f"{row['amount']} {mp_refund_id or reason}".strip()
                conn.execute(
                    "INSERT INTO sale_events (sale_id, at, kind, old_status, new_status, cause, "
                    "detail) VALUES (?,?,?,?,?,?,?)",
                    (row["sale_id"], stamp, "refund", None, None, status.value, detail),
                )
                self._ledger.add_to_outbox(
                    conn, "refund", str(refund_id), outbox_change(conn, refund_id)
                )
        found = self.get(refund_id)
        assert found is not None
        return found

    def as_delivered(self, refund_id: int) -> dict[str, Any]:
        """The refund as the store database gets it (its outbox change's payload)."""
        with self._ledger._reading():
            return outbox_change(self._ledger._conn, refund_id)

    def get(self, refund_id: int) -> RefundRecord | None:
        with self._ledger._reading():
            row = self._ledger._conn.execute(_SELECT + " WHERE r.id = ?", (refund_id,)).fetchone()
        return _record(row) if row else None

    def for_sale(self, reference: str) -> list[RefundRecord]:
        with self._ledger._reading():
            rows = self._ledger._conn.execute(
                _SELECT + " WHERE s.external_reference = ? ORDER BY r.id", (reference,)
            ).fetchall()
        return [_record(row) for row in rows]

    def pending(self) -> list[RefundRecord]:
        with self._ledger._reading():
            rows = self._ledger._conn.execute(
                _SELECT + " WHERE r.status = ? ORDER BY r.id", (RefundStatus.PENDING.value,)
            ).fetchall()
        return [_record(row) for row in rows]

    def refunded_amount(self, reference: str) -> Decimal:
        """What has left the shop for the sale (confirmed refunds only)."""
        return sum(
            (r.amount for r in self.for_sale(reference) if r.status is RefundStatus.REFUNDED),
            Decimal(0),
        )

    def refunded_amounts(self, references: list[str]) -> dict[str, Decimal]:
        """:meth:`refunded_amount` of many sales in one read (the sales table's status column);
        sales without a confirmed refund are left out."""
        totals: dict[str, Decimal] = {}
        wanted = set(references)
        if not wanted:
            return totals
        sql = (
            "SELECT s.external_reference, r.amount FROM refunds r "
            "JOIN sales s ON s.id = r.sale_id WHERE r.status = ?"
        )
        args = [RefundStatus.REFUNDED.value]
        if len(wanted) <= FEW_SALES:
            # A few sales (the history's one changed sale): theirs alone, through the sales'
            # reference and the refunds' sale index, not a year's refunds (~10 ms).
            sql += f" AND s.external_reference IN ({','.join('?' * len(wanted))})"
            args += sorted(wanted)
        with self._ledger._reading():
            rows = self._ledger._conn.execute(sql, args).fetchall()
        for reference, amount in rows:
            if reference in wanted:
                value = stored_amount(amount, sale_record(reference), "refund amount")
                totals[reference] = totals.get(reference, Decimal(0)) + value
        return totals

    def counted_amount(self, reference: str) -> Decimal:
        """Confirmed and pending refunds: what can no longer be refunded."""
        return sum((r.amount for r in self.for_sale(reference) if r.status.counts), Decimal(0))


def given_back_order(records: Iterable[RefundRecord]) -> list[RefundRecord]:
    """A sale's confirmed refunds in the order the money left: when each was confirmed (the
    close's period too), then written."""
    done = (r for r in records if r.status is RefundStatus.REFUNDED)
    return sorted(done, key=lambda r: (r.updated_at, r.id))


def refund_ivas(sale: SaleSnapshot, records: Sequence[RefundRecord]) -> dict[int, IvaByRate]:
    """Refund id → the IVA per rate it gave back (Colombia; empty elsewhere): the refund
    ticket's figures and what the close takes off the sales' IVA
    (:func:`pos_app.domain.refund_iva.refunds_iva`). The confirmed ones in the order the money
    left; one not confirmed (a ticket printed while it waits) as if it came next."""
    return {key: each.iva for key, each in refund_iva_details(sale, records).items()}


def refund_iva_details(sale: SaleSnapshot, records: Sequence[RefundRecord]) -> dict[int, RefundIva]:
    """:func:`refund_ivas`, with what each refund of items took beyond its items' money (its
    ticket says why its IVA has other rates than theirs)."""
    site = site_for(sale.site_id)
    if not site.reports_iva:
        return {}
    done = given_back_order(records)
    paid = amount_paid(sale)

    def back(record: RefundRecord) -> GivenBack:
        # A further part of a refund of lines (``<first part's key>-part2``): those lines.
        first = first_part(record, records)
        if first is not None:
            return GivenBack(record.amount, first.lines, group=first.idempotency_key)
        group = record.idempotency_key if record.lines else ""
        return GivenBack(record.amount, record.lines, group=group)

    def ivas(order: Sequence[RefundRecord]) -> list[RefundIva]:
        given = [back(r) for r in order]
        return refunds_iva_detail(site, sale.lines, sale.sale_discount, paid, given)

    out = dict(zip((r.id for r in done), ivas(done), strict=True))
    for record in records:
        if record.id not in out:
            out[record.id] = ivas([*done, record])[-1]
    return out


def first_part(record: RefundRecord, records: Sequence[RefundRecord]) -> RefundRecord | None:
    """The first row of the refund of lines ``record`` is a further part of (taken from
    another of the sale's payments: its key ``<first's key>-part2``), among ``records``; None
    for any other row."""
    head, mark, number = record.idempotency_key.rpartition(PART)
    if not (mark and number.isdigit()):
        return None
    return next((r for r in records if r.idempotency_key == head and r.lines), None)


_SELECT = "SELECT r.*, s.external_reference FROM refunds r JOIN sales s ON s.id = r.sale_id"


def sale_id_of(conn: sqlite3.Connection, reference: str) -> int:
    """The ledger row id of the sale ``reference`` (``KeyError`` when there is none)."""
    row = conn.execute("SELECT id FROM sales WHERE external_reference = ?", (reference,)).fetchone()
    if row is None:
        raise KeyError(reference)
    return int(row["id"])


def _counted(conn: sqlite3.Connection, sale_id: int, tender: Tender | None = None) -> Decimal:
    """Refunds of the sale not refused (of one tender, given one)."""
    sql = "SELECT id, amount FROM refunds WHERE sale_id = ? AND status != ?"
    args: tuple[object, ...] = (sale_id, RefundStatus.REFUSED.value)
    if tender is not None:
        sql += " AND tender = ?"
        args += (tender.value,)
    rows = conn.execute(sql, args).fetchall()
    return sum(
        (stored_amount(row["amount"], refund_record(row["id"]), "amount") for row in rows),
        Decimal(0),
    )


def outbox_change(conn: sqlite3.Connection, refund_id: int) -> dict[str, Any]:
    """The refund as the store database gets it (the ``refund`` kind of the outbox)."""
    row = conn.execute(_SELECT + " WHERE r.id = ?", (refund_id,)).fetchone()
    refund = dict(row)
    del refund["sale_id"]
    return {"refund": refund}


def lines_json(lines: GivenLines) -> str:
    """A refund's lines as stored: ``[[0, 2], [1, "0.200"]]``, units as numbers and a weighed
    line's weight as text (its three decimals exact; a reader taking it for units fails rather
    than giving back a whole line)."""
    return json.dumps([[p, f"{q:f}" if isinstance(q, Decimal) else int(q)] for p, q in lines])


def read_lines(pairs: Iterable[Sequence[object]]) -> GivenLines:
    """The stored lines (:func:`lines_json`) back: ``ValueError`` when one is not one."""
    out: list[tuple[int, int | Decimal]] = []
    for position, given in pairs:
        if isinstance(given, str):
            weight = Decimal(given)
            if not weight.is_finite():
                raise ValueError(f"refund line weight {given!r}")
            out.append((int(str(position)), weight))
        else:
            out.append((int(str(position)), int(str(given))))
    return tuple(out)


def _record(row: Any) -> RefundRecord:
    pairs = json.loads(row["lines"] or "[]")
    return RefundRecord(
        id=int(row["id"]),
        reference=str(row["external_reference"]),
        idempotency_key=str(row["idempotency_key"]),
        payment_id=int(row["payment_id"]) if row["payment_id"] is not None else None,
        amount=stored_amount(row["amount"], refund_record(row["id"]), "amount"),
        tender=Tender(row["tender"]),
        status=RefundStatus(row["status"]),
        mp_refund_id=str(row["mp_refund_id"]),
        reason=str(row["reason"]),
        lines=read_lines(pairs),
        created_at=datetime.fromisoformat(row["created_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
        order_payment_id=str(row["order_payment_id"] or ""),
        note=str(row["note"] or ""),
    )
