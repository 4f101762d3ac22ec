"""Writes :mod:`pos_app.ledger.newest_schema`: the schema a new ledger is made with in one go.

Command (from a source checkout, after adding a step to :mod:`pos_app.ledger.migrations`)::

    python -m devtools.ledger_schema          # rewrite pos_app/ledger/newest_schema.py
    python -m devtools.ledger_schema --check  # exit 1 if it is stale

The statements are SQLite's own text in ``sqlite_master`` of a database that went through every
released step from version 0, in the order SQLite keeps them. Run again, they give back the very
same ``sqlite_master`` rows: a column a step added with ``ALTER TABLE ... ADD COLUMN`` is in the
table's ``CREATE TABLE`` text exactly as SQLite wrote it there (``tests/ledger/
test_newest_schema.py`` compares both ways of making a ledger).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from pos_app.ledger import migrations

TARGET = Path(migrations.__file__).resolve().with_name("newest_schema.py")
_WIDTH = 100 - 4 - 1  # the line length, less the tuple's indent and the comma
_PIECE = 80  # a long line of SQL is cut after a comma near this width

HEADER = '''\
"""The ledger's newest schema, for a new (empty) ledger file: made in one script instead of
replaying every step (``ALTER TABLE`` reparses the whole schema each time: ~3 ms of a new
ledger's ~4 ms). Written by ``python -m devtools.ledger_schema`` from the steps in
:mod:`pos_app.ledger.migrations`, never by hand; a ledger that exists is always migrated step by
step. ``STATEMENTS`` are the ``sqlite_master`` text of a ledger that went through steps 1 to
``VERSION``, in SQLite's order (``sqlite_sequence`` comes with the first ``AUTOINCREMENT``)."""

from __future__ import annotations

'''


def stepwise(conn: sqlite3.Connection, upto: int | None = None) -> None:
    """Every released step from version 0 (to ``upto``), one script each, as old releases did."""
    for number, script in enumerate(migrations.MIGRATIONS[:upto], start=1):
        conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")


def statements() -> list[str]:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        stepwise(conn)
        rows = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
        ).fetchall()
    finally:
        conn.close()
    return [str(sql) for name, sql in rows if not str(name).startswith("sqlite_")]


def _literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _pieces(sql: str) -> list[str]:
    pieces: list[str] = []
    for line in sql.splitlines(keepends=True):
        while len(line) > _PIECE and ", " in line[:_PIECE]:
            cut = line.rindex(", ", 0, _PIECE) + 1
            pieces.append(line[:cut])
            line = line[cut:]
        pieces.append(line)
    return pieces


def render() -> str:
    body = []
    for sql in statements():
        whole = _literal(sql)
        if len(whole) <= _WIDTH:
            body.append(f"    {whole},\n")
        else:
            lines = [f"    {_literal(piece)}" for piece in _pieces(sql)]
            body.append("\n".join(lines) + ",\n")
    return (
        HEADER
        + f"VERSION = {len(migrations.MIGRATIONS)}\n\n"
        + "STATEMENTS: tuple[str, ...] = (\n"
        + "".join(body)
        + ")\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.ledger_schema")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    text = render()
    current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
    if args.check:
        if current != text:
            print(f"{TARGET} is stale: run python -m devtools.ledger_schema", file=sys.stderr)
            return 1
        return 0
    if current != text:
        TARGET.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
