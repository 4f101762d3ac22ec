"""Times of the day book's facts, never earlier than the last close.

A close freezes everything up to its ``closed_at``; the next period starts exactly there. A
counter's clock set back past that moment (a flat CMOS battery, a manual "fix", a time zone
change) would otherwise write facts *before* the open period: no close would ever count them.
So the facts that arrive by themselves (a payment, a sale's status, a refund Mercado Pago
confirms) are dated by the clock unless that is earlier than the last close: then at the close's
own moment, the first instant of the open period (and the log says so). What a cashier types
(a cash movement, a shift) is refused instead, asking to check the clock (see
:class:`~pos_app.ledger.day.PeriodClosedError`): the cashier is there to do it again.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime

log = logging.getLogger(__name__)


def stamp_not_before_last_close(conn: sqlite3.Connection, moment: datetime) -> str:
    """:func:`not_before_last_close` in the ledger's text form (UTC, milliseconds), which the
    periods' ``>=`` comparisons in SQL rely on."""
    return not_before_last_close(conn, moment).astimezone(UTC).isoformat(timespec="milliseconds")


def not_before_last_close(conn: sqlite3.Connection, moment: datetime) -> datetime:
    row = conn.execute("SELECT MAX(closed_at) FROM closes").fetchone()
    if not row or not row[0]:
        return moment
    last = datetime.fromisoformat(row[0])
    if moment >= last:
        return moment
    log.warning(
        "the clock reads %s, before the last close at %s: the fact is dated at the close, so "
        "the open period counts it",
        moment.isoformat(),
        last.isoformat(),
    )
    return last
