"""The shop's day in the ledger: shifts, cash movements and closes, each with its history.

Every record here is append-only (SQLite triggers refuse UPDATE and DELETE), nothing is ever
written into a closed period, and a close is computed by :func:`pos_app.domain.day.compute_close`
from the ledger's own records inside the transaction that freezes it, so two tills (or two
clicks) can never produce two closes of the same period.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from pos_app.domain.day import (
    CashMovement,
    CloseReport,
    HandOver,
    MovementKind,
    RefundFact,
    SaleFact,
    ShiftFact,
    compute_close,
    report_from_json,
    report_to_json,
)
from pos_app.domain.money import Site, site_for
from pos_app.domain.refund_iva import IvaByRate
from pos_app.domain.sale import TERMINAL, Tender
from pos_app.domain.text_fields import CASH_REASON, CASHIER_NAME, check_text
from pos_app.errors import UserFacingError
from pos_app.i18n import QT_TRANSLATE_NOOP, message
from pos_app.ledger.amounts import movement_record, refund_record, shift_record, stored_amount
from pos_app.ledger.period import not_before_last_close
from pos_app.ledger.refunds import RefundStatus, RefundStore, refund_ivas

if TYPE_CHECKING:
    from pos_app.domain.records import SaleSnapshot
    from pos_app.ledger.store import Ledger

CTX = "DayBook"

_TERMINAL = tuple(s.value for s in TERMINAL)
_MARKS = ",".join("?" for _ in _TERMINAL)
# The sales that ended at or after a moment (a terminal event then: ``settled`` is each one's
# last, ``first_settled`` its first: when a cash sale took its cash), with every column. The
# sales are found through ``sale_events_at`` (the period's events), then each one's history
# through ``sale_events_sale``: grouping the whole history and keeping the groups whose last end
# was recent read every event of the ledger (a year of a busy box, ~440,000: 0.4 s per close
# preview, 1.3 s of the window's close). Arguments: the terminal statuses, the moment, the
# terminal statuses.
SETTLED_SINCE_SQL = (
    "SELECT s.*, t.settled, t.first_settled FROM sales s JOIN ("
    "SELECT sale_id, MAX(at) AS settled, MIN(at) AS first_settled FROM sale_events "
    f"WHERE new_status IN ({_MARKS}) "
    "AND sale_id IN (SELECT sale_id FROM sale_events WHERE at >= ? "
    f"AND new_status IN ({_MARKS})) GROUP BY sale_id) t ON t.sale_id = s.id ORDER BY s.id"
)
# Refund rows whose money did not leave (the refunds engineer's table; see refund_facts).


class PeriodClosedError(UserFacingError):
    """A movement dated inside a period that is already closed."""


class ShiftAlreadyOpenError(UserFacingError):
    """A shift asked for while the period already has one: one shift at a time per box.

    A shift lasts until the day's close or a hand-over (:meth:`DayBook.hand_over`), so a second
    float in the same period would be either added twice or left out of the expected cash:
    refused instead."""

    def __init__(self, cashier: str, opened_at: datetime) -> None:
        super().__init__(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "DayBook",
                    "A shift is already open: {cashier} since {time}. Only one shift is open "
                    "at a time; it ends with the day's close or when the drawer is handed over "
                    "to the next cashier (Hand over). To put more cash in the drawer, use Cash "
                    "in.",
                ),
                cashier=cashier,
                time=opened_at.astimezone().strftime("%H:%M"),
            )
        )
        self.cashier = cashier
        self.opened_at = opened_at


class NoShiftOpenError(UserFacingError):
    """A hand-over asked for while no shift holds the drawer."""

    def __init__(self) -> None:
        super().__init__(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "DayBook",
                    "No shift is open since the last close: there is no drawer to hand over. "
                    "Open a shift with the drawer's starting float instead.",
                ),
            )
        )


@dataclass(frozen=True)
class Shift:
    id: int
    cashier: str
    starting_float: Decimal
    opened_at: datetime


# The period's shift holding the drawer first: the last one it was handed to, else the first
# one (a ledger from before one shift at a time may hold later ones that took nothing over).
_HOLDER_ORDER = "ORDER BY handover DESC, CASE WHEN handover THEN -id ELSE id END"


def _row(conn: sqlite3.Connection, table: str, record_id: int) -> dict[str, object]:
    """A shift or cash movement as the store database gets it (its outbox change)."""
    row = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (record_id,)).fetchone()
    return {table: dict(row)}


def _ms(moment: datetime) -> datetime:
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def _close_moment(opened_at: datetime, now: datetime) -> datetime:
    """When a close ends: now, or, with a clock set back to the open period's start or before,
    just after that start, so the facts dated there (see :mod:`pos_app.ledger.period`) are in
    it and periods still follow one another."""
    return max(now, opened_at + timedelta(milliseconds=1))


def _iso(moment: datetime) -> str:
    from pos_app.ledger.store import iso

    text = iso(moment)
    assert text is not None
    return text


class DayBook:
    def __init__(self, ledger: Ledger) -> None:
        self._ledger = ledger

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._ledger._conn

    # -- writing -------------------------------------------------------------------------------
    def open_shift(self, cashier: str, starting_float: Decimal, *, now: datetime) -> Shift:
        """Open a shift; ``cashier`` is cleaned and checked (:data:`CASHIER_NAME`): a
        :class:`~pos_app.domain.validation.ValidationError` names the field and its limit."""
        if not starting_float.is_finite() or starting_float < 0:
            raise ValueError("a starting float is zero or a positive amount")
        cashier = check_text(cashier, CASHIER_NAME)
        with self._writing() as conn:
            # Checked in the writing transaction: two tills (or two clicks) never both open one.
            start = self._period_start(conn, now)
            open_row = conn.execute(  # the one holding the drawer (as current_shift)
                "SELECT cashier, opened_at FROM shifts WHERE opened_at >= ? "
                f"{_HOLDER_ORDER} LIMIT 1",
                (_iso(start),),
            ).fetchone()
            if open_row is not None:
                raise ShiftAlreadyOpenError(
                    str(open_row["cashier"]), datetime.fromisoformat(open_row["opened_at"])
                )
            shift_id = self._insert(
                conn,
                "INSERT INTO shifts (cashier, starting_float, opened_at) VALUES (?,?,?)",
                (cashier, str(starting_float), _iso(now)),
            )
            self._event(conn, now, "shift_opened", shift_id, f"{cashier}: {starting_float}")
            self._ledger.add_to_outbox(conn, "shift", str(shift_id), _row(conn, "shifts", shift_id))
        return Shift(shift_id, cashier, starting_float, now)

    def hand_over(
        self, site: Site, cashier: str, counted_cash: Decimal, *, now: datetime
    ) -> HandOver:
        """The drawer handed from the open shift to ``cashier``, with the cash counted now: a
        new shift whose starting float is that count (never added to the expected cash again).
        Returns the outgoing shift's figures (expected, counted, its difference)."""
        if not counted_cash.is_finite() or counted_cash < 0:
            raise ValueError("counted cash is zero or a positive amount")
        cashier = check_text(cashier, CASHIER_NAME)
        now = _ms(now)
        with self._writing() as conn:
            start = self._period_start(conn, now)
            if (
                conn.execute(
                    "SELECT 1 FROM shifts WHERE opened_at >= ? LIMIT 1", (_iso(start),)
                ).fetchone()
                is None
            ):
                raise NoShiftOpenError()
            now = _close_moment(start, now)  # a clock set back: still after the first shift
            shift_id = self._insert(
                conn,
                "INSERT INTO shifts (cashier, starting_float, opened_at, handover) "
                "VALUES (?,?,?,1)",
                (cashier, str(counted_cash), _iso(now)),
            )
            self._event(conn, now, "shift_handed_over", shift_id, f"{cashier}: {counted_cash}")
            self._ledger.add_to_outbox(conn, "shift", str(shift_id), _row(conn, "shifts", shift_id))
            report = self._report(conn, site, 0, start, now + timedelta(milliseconds=1))
        return report.handovers[-1]

    def add_movement(
        self, kind: MovementKind, amount: Decimal, reason: str, *, now: datetime
    ) -> CashMovement:
        """Put cash in or take it out; ``reason`` is cleaned and checked (:data:`CASH_REASON`)."""
        if amount <= 0:
            raise ValueError("a cash movement is a positive amount")
        reason = check_text(reason, CASH_REASON)
        with self._writing() as conn:
            movement_id = self._insert(
                conn,
                "INSERT INTO cash_movements (kind, amount, reason, at) VALUES (?,?,?,?)",
                (kind.value, str(amount), reason, _iso(now)),
            )
            self._event(conn, now, f"cash_{kind.value}", movement_id, f"{amount}: {reason}")
            self._ledger.add_to_outbox(
                conn, "cash_movement", str(movement_id), _row(conn, "cash_movements", movement_id)
            )
        return CashMovement(kind, amount, reason, now)

    def close(
        self, site: Site, *, now: datetime, counted_cash: Decimal | None = None
    ) -> CloseReport:
        """Close the open period at ``now`` and freeze its report; returns it."""
        now = _ms(now)  # the ledger's precision: the next period starts exactly here
        with self._writing() as conn:
            opened_at = self._period_start(conn, now)
            now = _close_moment(opened_at, now)
            row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'closes'").fetchone()
            number = (int(row[0]) if row else 0) + 1
            report = self._report(conn, site, number, opened_at, now, counted_cash)
            frozen = report_to_json(report, site)
            conn.execute(
                "INSERT INTO closes (number, opened_at, closed_at, report) VALUES (?,?,?,?)",
                (number, _iso(opened_at), _iso(now), json.dumps(frozen)),
            )
            self._event(conn, now, "close", number, f"net {report.net}")
            self._ledger.add_to_outbox(conn, "close", str(number), {"close": frozen})
        return report

    def adopt_payment(
        self,
        *,
        payment_id: int,
        merchant_order_id: int | None,
        external_reference: str,
        amount: Decimal,
        site: Site,
        user_id: int | None,
        store_external_id: str,
        box_external_id: str,
        paid_at: datetime,
        now: datetime,
        title: str = "",
    ) -> str:
        """A Mercado Pago payment the ledger did not know, recorded as a paid sale in one
        transaction (it never exists as an open sale, so nothing can ever charge it again).
        Returns the sale's reference: Mercado Pago's when free, else ``MP-<payment id>``.
        ``title``: its one line's name in the shop's language (English without)."""
        with self._writing() as conn:
            now = not_before_last_close(conn, now)
            taken = conn.execute(
                "SELECT 1 FROM sales WHERE external_reference = ?", (external_reference,)
            ).fetchone()
            ref = external_reference if external_reference and not taken else f"MP-{payment_id}"
            title = title or f"Mercado Pago payment {payment_id}"
            cur = conn.execute(
                "INSERT INTO sales (external_reference, user_id, store_external_id, "
                "box_external_id, site_id, currency, status, title, total, created_at, "
                "updated_at, merchant_order_ids, payment_ids, paid_amount, tender) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    ref,
                    user_id,
                    store_external_id,
                    box_external_id,
                    site.site_id,
                    site.currency,
                    "paid",
                    title,
                    str(amount),
                    _iso(paid_at),
                    _iso(now),
                    json.dumps([merchant_order_id] if merchant_order_id else []),
                    json.dumps([payment_id]),
                    str(amount),
                    Tender.QR.value,
                ),
            )
            sale_id = int(cur.lastrowid or 0)
            # Columns named: later steps add columns to sale_lines (all with defaults).
            conn.execute(
                "INSERT INTO sale_lines (sale_id, position, sku, barcode, title, unit_price, "
                "quantity, category, unit_measure, iva_rate) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (sale_id, 0, "", "", title, str(amount), 1, "", "unit", "0"),
            )
            event = conn.execute(
                "INSERT INTO sale_events (sale_id, at, kind, old_status, new_status, cause, "
                "detail) VALUES (?,?,?,?,?,?,?)",
                (
                    sale_id,
                    _iso(now),
                    "adopted",
                    None,
                    "paid",
                    "reconcile",
                    f"payment {payment_id} found at Mercado Pago, reference "
                    f"{external_reference or '(none)'}",
                ),
            )
            self._event(conn, now, "adopted", sale_id, f"payment {payment_id}: {amount}")
            self._ledger._sale_change(conn, sale_id, [int(event.lastrowid or 0)])
        return ref

    def queue_history(self, conn: sqlite3.Connection) -> None:
        """Every refund, shift, cash movement and close to the outbox (a store database was
        just configured; PostgreSQL ignores what it already has)."""
        from pos_app.ledger.refunds import outbox_change

        ledger = self._ledger
        for (refund_id,) in conn.execute("SELECT id FROM refunds ORDER BY id").fetchall():
            ledger.add_to_outbox(conn, "refund", str(refund_id), outbox_change(conn, refund_id))
        for kind, table in (("shift", "shifts"), ("cash_movement", "cash_movements")):
            for (record_id,) in conn.execute(f"SELECT id FROM {table} ORDER BY id").fetchall():
                ledger.add_to_outbox(conn, kind, str(record_id), _row(conn, table, record_id))
        for number, report in conn.execute("SELECT number, report FROM closes ORDER BY number"):
            ledger.add_to_outbox(conn, "close", str(number), {"close": json.loads(report)})

    # -- reading -------------------------------------------------------------------------------
    def preview(
        self, site: Site, *, now: datetime, counted_cash: Decimal | None = None
    ) -> CloseReport:
        """What closing now would say (nothing written)."""
        with self._ledger._reading():
            conn = self._conn
            start = self._period_start(conn, now)
            row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'closes'").fetchone()
            number = (int(row[0]) if row else 0) + 1
            # Up to and including this millisecond: what was just written shows.
            end = _close_moment(start, _ms(now) + timedelta(milliseconds=1))
            return self._report(conn, site, number, start, end, counted_cash)

    def closes(self) -> list[CloseReport]:
        with self._ledger._reading():
            rows = self._conn.execute("SELECT report FROM closes ORDER BY number").fetchall()
        return [report_from_json(json.loads(r["report"])) for r in rows]

    def current_shift(self, now: datetime) -> Shift | None:
        """The shift holding the drawer in the open period: the last one handed the drawer,
        else the first (in a ledger written before one shift at a time was enforced, the one
        whose float the close counts)."""
        with self._ledger._reading():
            start = self._period_start(self._conn, now)
            row = self._conn.execute(
                f"SELECT * FROM shifts WHERE opened_at >= ? {_HOLDER_ORDER} LIMIT 1",
                (_iso(start),),
            ).fetchone()
        if row is None:
            return None
        return Shift(
            int(row["id"]),
            row["cashier"],
            stored_amount(row["starting_float"], shift_record(row["id"]), "starting_float"),
            datetime.fromisoformat(row["opened_at"]),
        )

    def sale_facts(
        self, since: datetime, *, conn: sqlite3.Connection | None = None
    ) -> list[SaleFact]:
        """Sales that reached an ending status at or after ``since``, and the open ones."""
        conn = conn or self._conn
        # One query for the sales and when each ended, one per 500 sales for their lines (it was
        # three queries per sale: ~0.12 s of a close report with 1,000 sales of the day).
        rows = conn.execute(SETTLED_SINCE_SQL, (*_TERMINAL, _iso(since), *_TERMINAL)).fetchall()
        sales = self._ledger.snapshots(rows, conn)
        facts = [
            _sale_fact(
                sale,
                datetime.fromisoformat(r["settled"]),
                datetime.fromisoformat(r["first_settled"]),
            )
            for sale, r in zip(sales, rows, strict=True)
        ]
        facts.extend(_sale_fact(sale, None) for sale in self._ledger.open_sales())
        return facts

    def refund_facts(
        self, since: datetime, *, conn: sqlite3.Connection | None = None
    ) -> list[RefundFact]:
        """Refunds Mercado Pago confirmed (or cash handed back) since ``since``, from the
        ``refunds`` table (:mod:`pos_app.ledger.refunds`). A refund belongs to the period in
        which the money left: when it was confirmed (``updated_at``; the same moment as its
        writing for cash), so one still pending at a close counts in the next. Pending and
        refused ones moved no money and are left out."""
        conn = conn or self._conn
        rows = conn.execute(
            "SELECT r.id, r.amount, r.updated_at, r.tender, r.note, s.external_reference, "
            "s.site_id FROM refunds r JOIN sales s ON s.id = r.sale_id "
            "WHERE r.status = ? AND r.updated_at >= ?",
            (RefundStatus.REFUNDED.value, _iso(since)),
        ).fetchall()
        # Colombia: the IVA each refund gave back (its ticket's), taken off the sales' IVA.
        taxed = {str(r["external_reference"]) for r in rows if site_for(r["site_id"]).reports_iva}
        ivas: dict[int, IvaByRate] = {}
        for reference in sorted(taxed):
            sale = self._ledger.get_sale(reference)
            if sale is not None:
                ivas.update(refund_ivas(sale, RefundStore(self._ledger).for_sale(reference)))
        return [
            RefundFact(
                stored_amount(r["amount"], refund_record(r["id"]), "amount"),
                datetime.fromisoformat(r["updated_at"]),
                Tender(r["tender"]),
                str(r["external_reference"]),
                str(r["note"] or ""),
                iva=ivas.get(int(r["id"]), ()),
            )
            for r in rows
        ]

    def refunds_of(self, reference: str) -> list[RefundFact]:
        """One sale's confirmed refunds, oldest first."""
        with self._ledger._reading():
            rows = self._conn.execute(
                "SELECT id, amount, created_at, tender, note FROM refunds WHERE status = ? "
                "AND sale_id = (SELECT id FROM sales WHERE external_reference = ?) "
                "ORDER BY created_at, id",
                (RefundStatus.REFUNDED.value, reference),
            ).fetchall()
        return [
            RefundFact(
                stored_amount(r["amount"], refund_record(r["id"]), "amount"),
                datetime.fromisoformat(r["created_at"]),
                Tender(r["tender"]),
                reference,
                str(r["note"] or ""),
            )
            for r in rows
        ]

    def movements(
        self, since: datetime, *, conn: sqlite3.Connection | None = None
    ) -> list[CashMovement]:
        conn = conn or self._conn
        rows = conn.execute(
            "SELECT * FROM cash_movements WHERE at >= ? ORDER BY id", (_iso(since),)
        ).fetchall()
        return [
            CashMovement(
                MovementKind(r["kind"]),
                stored_amount(r["amount"], movement_record(r["id"]), "amount"),
                r["reason"],
                datetime.fromisoformat(r["at"]),
            )
            for r in rows
        ]

    def shifts(self, since: datetime, *, conn: sqlite3.Connection | None = None) -> list[ShiftFact]:
        conn = conn or self._conn
        rows = conn.execute(
            "SELECT * FROM shifts WHERE opened_at >= ? ORDER BY id", (_iso(since),)
        ).fetchall()
        return [
            ShiftFact(
                r["cashier"],
                stored_amount(r["starting_float"], shift_record(r["id"]), "starting_float"),
                datetime.fromisoformat(r["opened_at"]),
                handover=bool(r["handover"]),
            )
            for r in rows
        ]

    # -- helpers -------------------------------------------------------------------------------
    def _report(
        self,
        conn: sqlite3.Connection,
        site: Site,
        number: int,
        start: datetime,
        end: datetime,
        counted_cash: Decimal | None = None,
    ) -> CloseReport:
        """The close report of ``[start, end)`` from the ledger's facts (the close, its
        preview and a hand-over's figures: one reading of them)."""
        return compute_close(
            number=number,
            site=site,
            opened_at=start,
            closed_at=end,
            sales=self.sale_facts(start, conn=conn),
            refunds=self.refund_facts(start, conn=conn),
            movements=self.movements(start, conn=conn),
            shifts=self.shifts(start, conn=conn),
            counted_cash=counted_cash,
        )

    def _period_start(self, conn: sqlite3.Connection, now: datetime) -> datetime:
        """The open period starts where the last close ended; the first one at the local
        midnight of the day the day book arrived (or its first shift or movement, if earlier)."""
        row = conn.execute("SELECT MAX(closed_at) FROM closes").fetchone()
        if row[0]:
            return datetime.fromisoformat(row[0])
        first = conn.execute(
            "SELECT MIN(t) FROM (SELECT MIN(at) AS t FROM day_events "
            "UNION ALL SELECT MIN(at) FROM cash_movements "
            "UNION ALL SELECT MIN(opened_at) FROM shifts)"
        ).fetchone()
        return datetime.fromisoformat(first[0]) if first[0] else now

    def _writing(self) -> AbstractContextManager[sqlite3.Connection]:
        return self._ledger._tx()

    @staticmethod
    def _insert(conn: sqlite3.Connection, sql: str, args: tuple[object, ...]) -> int:
        """INSERT a record of the open period; one dated inside a closed period is refused."""
        try:
            return int(conn.execute(sql, args).lastrowid or 0)
        except sqlite3.IntegrityError as exc:
            if "that period is closed" not in str(exc):
                raise
            raise PeriodClosedError(
                message(
                    CTX,
                    QT_TRANSLATE_NOOP(
                        "DayBook",
                        "That time belongs to a day that is already closed: a closed day "
                        "never changes. Check the computer's clock.",
                    ),
                )
            ) from None

    @staticmethod
    def _event(
        conn: sqlite3.Connection, now: datetime, kind: str, subject: int, detail: str
    ) -> None:
        conn.execute(
            "INSERT INTO day_events (at, kind, subject_id, detail) VALUES (?,?,?,?)",
            (_iso(now), kind, subject, detail),
        )

    def events(self) -> list[tuple[datetime, str, int, str]]:
        with self._ledger._reading():
            rows = self._conn.execute("SELECT * FROM day_events ORDER BY id").fetchall()
        return [
            (datetime.fromisoformat(r["at"]), r["kind"], int(r["subject_id"]), r["detail"])
            for r in rows
        ]


def _sale_fact(
    sale: SaleSnapshot, settled_at: datetime | None, first_settled: datetime | None = None
) -> SaleFact:
    """``settled_at`` None: still open (a payment is only late once the sale has ended).
    ``first_settled``: its first ending, when the cash of a cash sale was taken (a QR payment
    landing after it ended does not move that cash to the payment's period)."""
    return SaleFact(
        sale.external_reference,
        sale.status,
        sale.tender,
        sale.total,
        sale.paid_amount,
        settled_at,
        sale.lines,
        late_payment=sale.late_payment and settled_at is not None,
        sale_discount=sale.sale_discount,
        cash_at=first_settled,
    )
