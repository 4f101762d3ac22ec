"""A ledger edited by hand, as a support case finds it: a column of a sale (or of every row of a
table) set to any text, the ledger's append-only guards set aside for the moment; and what the
ledger holds about one sale, to check that nothing touched it."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any


def edit_by_hand(
    path: Path, table: str, column: str, value: str, *, reference: str | None = None
) -> None:
    """``table.column`` set to ``value``: every row, or only the sale ``reference``'s (its row in
    ``sales``, its lines in ``sale_lines``)."""
    db = sqlite3.connect(path)
    try:
        guards = db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
            (table,),
        ).fetchall()
        for name, _sql in guards:
            db.execute(f"DROP TRIGGER {name}")
        if reference is None:
            db.execute(f"UPDATE {table} SET {column} = ?", (value,))
        else:
            sale_id = db.execute(
                "SELECT id FROM sales WHERE external_reference = ?", (reference,)
            ).fetchone()[0]
            key = "id" if table == "sales" else "sale_id"
            db.execute(f"UPDATE {table} SET {column} = ? WHERE {key} = ?", (value, sale_id))
        for _name, sql in guards:
            db.execute(sql)
        db.commit()
    finally:
        db.close()


def sale_as_stored(path: Path, reference: str) -> tuple[Any, ...]:
    """Everything the ledger holds about one sale: its row, its lines, its history."""
    db = sqlite3.connect(path)
    try:
        row = db.execute(
            "SELECT * FROM sales WHERE external_reference = ?", (reference,)
        ).fetchone()
        lines = db.execute("SELECT * FROM sale_lines WHERE sale_id = ?", (row[0],)).fetchall()
        events = db.execute("SELECT * FROM sale_events WHERE sale_id = ?", (row[0],)).fetchall()
        return row, lines, events
    finally:
        db.close()
