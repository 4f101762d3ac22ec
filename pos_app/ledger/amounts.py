"""Amounts read back from the ledger: every one is checked before it is summed or shown.

The ledger stores amounts as text. What this version writes is always a finite amount within
:attr:`pos_app.domain.money.Site.max_amount` (ten integer digits), but a ledger from before the
amount limits, or one edited by hand or damaged, can hold anything: ``1e999``, 29 nines,
``NaN``, a word. ``Decimal`` reads most of those and then raises ``InvalidOperation`` deep in
a close, a receipt or a sum (its context carries 28 digits): a traceback for the person at the
counter and nothing a support technician can act on.

So each stored amount goes through :func:`stored_amount`: a finite number within
:data:`MAX_INTEGER_DIGITS` and :data:`MAX_DECIMALS` is read exactly as written (its sums of a
million of them still fit ``Decimal``'s 28 digits, so nothing rounds), anything else raises
:class:`DamagedAmount`, which names the record, the column and the stored text, and says what to
do (``pos-app doctor`` lists every such value; a backup restores the ledger). It is never
guessed into a number: a close that quietly counted it as zero would be wrong money.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from pos_app.domain.sale import OPEN
from pos_app.errors import UserFacingError
from pos_app.i18n import QT_TRANSLATE_NOOP, Message, message

CTX = "LedgerAmounts"

# 10^12 is some hundred times the largest sale any site allows; six decimals cover
# weights (0.350 kg), IVA rates and prices. A million such amounts add up within 28 digits.
MAX_INTEGER_DIGITS = 12
MAX_DECIMALS = 6
_SHOWN = 40  # characters of a damaged value quoted in the message


class DamagedAmount(UserFacingError):
    """A stored amount that is not a number this till can hold."""

    def __init__(self, record: Message, column: str, value: object) -> None:
        text = str(value)
        # Quoted, never obeyed: a control character (an escape sequence) is shown as "?".
        shown = "".join(c if c.isprintable() else "?" for c in text[:_SHOWN])
        shown += "…" if len(text) > _SHOWN else ""
        super().__init__(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "LedgerAmounts",
                    "The ledger holds an amount that cannot be right: {record}, {what} "
                    "(column {column}) is '{value}'. The ledger was edited by hand, damaged, or "
                    "comes from an old "
                    "version. Nothing was changed. 'pos-app doctor' lists every such amount; "
                    "restore a backup from before it ('pos-app ledger recover --restore "
                    "BACKUP') or call support.",
                ),
                record=record,
                what=column_words(column),
                column=column,
                value=shown,
            )
        )
        self.record = record
        self.column = column
        self.value = text


_WAITING = frozenset(status.value for status in OPEN)  # as the ledger stores them


@dataclass(frozen=True)
class UnreadableSale:
    """A sale whose stored amounts :func:`stored_amount` refuses: its reference, its status as
    stored, and the :class:`DamagedAmount` that names the value."""

    reference: str
    status: str
    problem: DamagedAmount

    @property
    def waiting(self) -> bool:
        """Still waiting for payment (``creating`` or ``pending``): nothing was paid in the
        books, so setting it aside hides no money the ledger counts."""
        return self.status in _WAITING


# Given the sales a read could not make snapshots of (ledger.store's ``set_aside=``): it may
# raise to stop the read after all.
SetAside = Callable[[UnreadableSale], None]


# The ledger's amount columns in the shop's words (the message also names the column itself,
# for support). A column not listed here is named by its column only.
_COLUMN_WORDS = {
    "total": QT_TRANSLATE_NOOP("LedgerAmounts", "the total"),
    "iva_total": QT_TRANSLATE_NOOP("LedgerAmounts", "the IVA included"),
    "paid_amount": QT_TRANSLATE_NOOP("LedgerAmounts", "the amount paid"),
    "partially_paid": QT_TRANSLATE_NOOP("LedgerAmounts", "the amount paid so far"),
    "sale_discount_value": QT_TRANSLATE_NOOP("LedgerAmounts", "the sale's discount"),
    "unit_price": QT_TRANSLATE_NOOP("LedgerAmounts", "a line's unit price"),
    "iva_rate": QT_TRANSLATE_NOOP("LedgerAmounts", "an IVA rate"),
    "measure": QT_TRANSLATE_NOOP("LedgerAmounts", "a line's weight or measure"),
    "discount_value": QT_TRANSLATE_NOOP("LedgerAmounts", "a line's discount"),
    "charged": QT_TRANSLATE_NOOP("LedgerAmounts", "a line's amount"),
    "amount": QT_TRANSLATE_NOOP("LedgerAmounts", "the amount"),
    "refund amount": QT_TRANSLATE_NOOP("LedgerAmounts", "a refund's amount"),
    "starting_float": QT_TRANSLATE_NOOP("LedgerAmounts", "the starting float"),
}


def column_words(column: str) -> Message | str:
    """What ``column`` holds, in words the shop's owner reads (translated where shown)."""
    words = _COLUMN_WORDS.get(column.rsplit(".", 1)[-1])
    return message(CTX, words) if words is not None else column


def sale_record(reference: str) -> Message:
    return message(CTX, QT_TRANSLATE_NOOP("LedgerAmounts", "sale {reference}"), reference=reference)


def refund_record(refund_id: object) -> Message:
    return message(CTX, QT_TRANSLATE_NOOP("LedgerAmounts", "refund {number}"), number=refund_id)


def movement_record(movement_id: object) -> Message:
    return message(
        CTX, QT_TRANSLATE_NOOP("LedgerAmounts", "cash movement {number}"), number=movement_id
    )


def shift_record(shift_id: object) -> Message:
    return message(CTX, QT_TRANSLATE_NOOP("LedgerAmounts", "shift {number}"), number=shift_id)


def product_record(sku: object) -> Message:
    return message(CTX, QT_TRANSLATE_NOOP("LedgerAmounts", "product {sku}"), sku=sku)


# What this version writes, and so nearly every stored amount: an optional minus, 1-12 digits,
# maybe a dot and 1-6 digits, nothing else. Within the bounds above by its shape alone, read
# without Decimal's checks (a year's ~1.9 million amounts: ~4 s through them for the doctor).
_PLAIN = re.compile(rf"-?[0-9]{{1,{MAX_INTEGER_DIGITS}}}(?:\.[0-9]{{1,{MAX_DECIMALS}}})?").fullmatch


def is_plain(value: object) -> bool:
    """``value`` is plainly an amount :func:`readable` takes (``1725.25``, ``-5``, ``0.350``):
    a sufficient test only, whatever it refuses :func:`readable` still reads."""
    return value.__class__ is str and _PLAIN(value) is not None


def readable(value: object) -> Decimal | None:
    """``value`` (as SQLite returns it) as an amount, or None when it is not one."""
    if is_plain(value):
        return Decimal(value)  # type: ignore[arg-type]
    return _full_check(value)


def _full_check(value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    try:
        amount = Decimal(str(value).strip()) if isinstance(value, str) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not amount.is_finite():
        return None
    exponent = amount.as_tuple().exponent
    assert isinstance(exponent, int)  # finite
    if exponent < -MAX_DECIMALS or amount.adjusted() >= MAX_INTEGER_DIGITS:
        return None
    return amount


def stored_amount(value: object, record: Message, column: str) -> Decimal:
    """``value`` read from the ledger's ``column`` of ``record``; :class:`DamagedAmount` when it
    is not a finite amount within the bounds above."""
    amount = readable(value)
    if amount is None:
        raise DamagedAmount(record, column, value)
    return amount


@dataclass(frozen=True)
class Found:
    """One damaged amount: where it is (for ``pos-app doctor``)."""

    record: Message
    column: str
    value: str


# Every column of the ledger that holds an amount, and how to name its row.
_SALE_COLUMNS = ("total", "iva_total", "paid_amount", "partially_paid", "sale_discount_value")
_LINE_COLUMNS = ("unit_price", "iva_rate", "measure", "discount_value", "charged")


def damaged_amounts(conn: sqlite3.Connection, limit: int = 20) -> Iterator[Found]:
    """The ledger's stored amounts that :func:`stored_amount` refuses, and catalog prices the
    catalog refuses (at most ``limit``)."""
    found = 0
    queries: list[tuple[str, tuple[str, ...], str]] = [
        ("SELECT external_reference AS ref, {cols} FROM sales", _SALE_COLUMNS, "sale"),
        (
            "SELECT s.external_reference AS ref, {cols} FROM sale_lines l "
            "JOIN sales s ON s.id = l.sale_id",
            tuple(f"l.{c}" for c in _LINE_COLUMNS),
            "sale",
        ),
        ("SELECT id AS ref, {cols} FROM refunds", ("amount",), "refund"),
        ("SELECT id AS ref, {cols} FROM cash_movements", ("amount",), "movement"),
        ("SELECT id AS ref, {cols} FROM shifts", ("starting_float",), "shift"),
        # A damaged price is never sold (ledger/catalog.py marks the product), but support
        # must see it here with the rest, not only when a cashier scans it.
        ("SELECT sku AS ref, {cols} FROM catalog", ("unit_price", "iva_rate"), "product"),
    ]
    namers = {
        "sale": sale_record,
        "refund": refund_record,
        "movement": movement_record,
        "shift": shift_record,
        "product": product_record,
    }
    plain = _PLAIN
    for sql, columns, kind in queries:
        present = _present(conn, sql, columns)
        if not present:
            continue
        # The catalog has rules of its own (no sign, rates under 100): every value is read.
        shape_will_do = kind != "product"
        cursor = conn.cursor()
        cursor.row_factory = None  # plain tuples: a year holds ~600,000 such rows
        for row in cursor.execute(sql.format(cols=", ".join(present))):
            for index in range(1, len(row)):
                value = row[index]
                if value is None or value == "":
                    continue  # optional columns (no IVA, no discount)
                if shape_will_do and value.__class__ is str and plain(value):
                    continue  # an amount as this version writes it (is_plain)
                column = present[index - 1]
                amount = catalog_amount(column, value) if kind == "product" else readable(value)
                if amount is None:
                    yield Found(namers[kind](row[0]), column.removeprefix("l."), str(value))
                    found += 1
                    if found >= limit:
                        return


def catalog_amount(column: str, value: object) -> Decimal | None:
    """A catalog price (``unit_price``) or IVA rate (``iva_rate``) as stored, or None when the
    catalog cannot sell at it: not an amount (:func:`readable`), a price below zero, a rate
    outside 0-100 %. The products (ledger/catalog.py) and ``pos-app doctor`` use this one rule."""
    amount = readable(value)
    if amount is None:
        return None
    sound = amount >= 0 if column == "unit_price" else 0 <= amount < 100
    return amount if sound else None


def _present(conn: sqlite3.Connection, sql: str, columns: tuple[str, ...]) -> list[str]:
    """The ``columns`` this ledger has (an old ledger lacks the later steps' columns)."""
    table = sql.split(" FROM ")[1].split()[0]
    try:
        have = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
    except sqlite3.Error:
        return []
    return [c for c in columns if c.removeprefix("l.") in have]
