"""A new ledger is made from the newest schema in one script (:mod:`pos_app.ledger.newest_schema`)
instead of replaying the 15 steps (~3 ms of CPU less per new ledger: the app's first start, each
``--demo`` or command on a new data folder, a few thousand in the test suite), and is the very
ledger the steps make.

"The same ledger" means here, for a ledger made step by step from version 0 and one made new:

- ``sqlite_master`` holds the same rows (type, name, table, SQL text) in the same order: the
  statements are SQLite's own text of the stepped ledger, so a column a step added with
  ``ALTER TABLE ... ADD COLUMN`` is in the ``CREATE TABLE`` text exactly as SQLite wrote it
  there (a hand-written ``CREATE TABLE`` with the column would differ in text only);
- for each table ``PRAGMA table_xinfo`` (names, order, types, NOT NULL, defaults, primary key),
  ``index_list`` and ``foreign_key_list``, for each index ``index_xinfo`` (said again apart from
  the SQL text, so a difference names the column);
- the file's ``user_version``, journal mode (WAL), page size, auto-vacuum, text encoding,
  application id and schema format number (the header's byte 44), and the connection's
  ``foreign_keys`` and ``synchronous`` as :class:`Ledger` sets them;
- the rows every table holds (the day book's start, an identity of 32 hex digits, the catalog's
  search index), the random identity apart.

Not compared: the pages (root page numbers, file size), which say nothing of the schema.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from devtools import ledger_schema
from pos_app.ledger import migrations, newest_schema
from pos_app.ledger.store import Ledger

LOCAL_MIDNIGHT = "strftime('%Y-%m-%dT%H:%M:%f', date('now', 'localtime'), 'utc') || '+00:00'"


def _stepwise(conn: sqlite3.Connection, first: int = 0, upto: int | None = None) -> None:
    """Released steps ``first + 1`` to ``upto``, one script each (a ledger of an older release
    upgraded release after release)."""
    steps = migrations.MIGRATIONS[first:upto]
    for number, script in enumerate(steps, start=first + 1):
        conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")


def _all(conn: sqlite3.Connection, sql: str) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in conn.execute(sql)]


def _schema(conn: sqlite3.Connection) -> dict[str, Any]:
    master = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid"
    ).fetchall()
    tables = [name for kind, name, _, _ in master if kind == "table"]
    indexes = [name for kind, name, _, _ in master if kind == "index"]
    pragmas = {
        name: _all(conn, f"PRAGMA {name}")
        for name in (
            "user_version",
            "journal_mode",
            "page_size",
            "auto_vacuum",
            "encoding",
            "application_id",
        )
    }
    return {
        "sqlite_master": [tuple(row) for row in master],
        "table_xinfo": {t: _all(conn, f"PRAGMA table_xinfo('{t}')") for t in tables},
        "index_list": {t: _all(conn, f"PRAGMA index_list('{t}')") for t in tables},
        "foreign_key_list": {t: _all(conn, f"PRAGMA foreign_key_list('{t}')") for t in tables},
        "index_xinfo": {i: _all(conn, f"PRAGMA index_xinfo('{i}')") for i in indexes},
        "pragmas": pragmas,
    }


def _rows(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted; the random identity and the day book's start (the local
    midnight of the day it was made) are checked apart and left out here."""
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    rows = {t: sorted(map(tuple, conn.execute(f"SELECT * FROM '{t}'")), key=repr) for t in tables}
    [(identity, since)] = rows.pop("ledger_identity")
    assert re.fullmatch("[0-9a-f]{32}", identity) and since == ""
    rows["ledger_identity"] = [("<random>", since)]
    events = _all(conn, "SELECT * FROM day_events")
    assert [e[2:] for e in events] == [("day_book_started", 0, "")]
    rows["day_events"] = [(e[0], "<midnight>", *e[2:]) for e in events]
    return rows


def _started(conn: sqlite3.Connection) -> str:
    return str(conn.execute("SELECT at FROM day_events").fetchone()[0])


def _schema_format(path: Path) -> int:
    with path.open("rb") as file:
        return file.read(48)[44]


def _stepped_ledger(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    _stepwise(conn)
    conn.close()


def test_a_new_ledger_is_the_ledger_the_steps_make(tmp_path: Path) -> None:
    stepped_path, new_path = tmp_path / "stepped.sqlite3", tmp_path / "new.sqlite3"
    midnight_before = str(
        sqlite3.connect(":memory:").execute(f"SELECT {LOCAL_MIDNIGHT}").fetchone()[0]
    )
    _stepped_ledger(stepped_path)
    stepped, new = Ledger(stepped_path), Ledger(new_path)  # the catalog's search index, too
    try:
        conns = [stepped._conn, new._conn]
        assert _schema(new._conn) == _schema(stepped._conn)
        assert _rows(new._conn) == _rows(stepped._conn)
        midnight_after = str(new._conn.execute(f"SELECT {LOCAL_MIDNIGHT}").fetchone()[0])
        assert {_started(c) for c in conns} <= {midnight_before, midnight_after}
        assert new.ledger_id != stepped.ledger_id
        for conn in conns:
            assert conn.execute("PRAGMA user_version").fetchone()[0] == len(migrations.MIGRATIONS)
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
            assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
            assert [tuple(r) for r in conn.execute("PRAGMA integrity_check")] == [("ok",)]
    finally:
        stepped.close()
        new.close()
    assert _schema_format(new_path) == _schema_format(stepped_path)


def _traced(conn: sqlite3.Connection) -> list[str]:
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    return statements


def _alters(statements: list[str]) -> int:
    return sum(s.strip().upper().startswith("ALTER TABLE") for s in statements)


def _alters_in(scripts: list[str]) -> int:
    return sum(script.upper().count("ALTER TABLE") for script in scripts)


def test_a_new_ledger_is_made_in_one_script_without_replaying_the_steps(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "new.sqlite3", isolation_level=None)
    statements = _traced(conn)
    assert migrations.migrate(conn) == len(migrations.MIGRATIONS)
    conn.close()
    said = [s.strip().upper() for s in statements]
    assert _alters(statements) == 0  # step by step: 26 of them
    assert sum(s.startswith("PRAGMA USER_VERSION =") for s in said) == 1
    assert sum(s.startswith("COMMIT") for s in said) == 1


def test_the_newest_schema_is_written_from_every_step() -> None:
    """After a new step: ``python -m devtools.ledger_schema`` (a new ledger would still be right,
    made from the older schema and then the steps after it, only slower)."""
    assert len(migrations.MIGRATIONS) == newest_schema.VERSION
    assert ledger_schema.TARGET.read_text(encoding="utf-8") == ledger_schema.render()


@pytest.mark.parametrize("version", range(1, len(migrations.MIGRATIONS)))
def test_a_ledger_of_every_older_version_is_migrated_step_by_step(
    tmp_path: Path, version: int
) -> None:
    stepped = sqlite3.connect(tmp_path / "stepped.sqlite3", isolation_level=None)
    _stepwise(stepped)
    old = sqlite3.connect(tmp_path / "old.sqlite3", isolation_level=None)
    _stepwise(old, upto=version)
    statements = _traced(old)
    assert migrations.migrate(old) == len(migrations.MIGRATIONS)
    assert _alters(statements) == _alters_in(migrations.MIGRATIONS[version:])  # as released
    assert _schema(old) == _schema(stepped)
    assert _rows(old) == _rows(stepped)
    old.close()
    stepped.close()


def test_a_file_at_version_0_that_is_not_empty_is_migrated_step_by_step(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "odd.sqlite3", isolation_level=None)
    conn.execute("CREATE TABLE notes (text TEXT)")
    statements = _traced(conn)
    assert migrations.migrate(conn) == len(migrations.MIGRATIONS)
    assert _alters(statements) == _alters_in(migrations.MIGRATIONS)
    conn.close()


def test_steps_past_the_newest_schema_run_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A step added without writing the schema again: a new ledger gets the schema, then it."""
    extra = "ALTER TABLE sales ADD COLUMN extra TEXT NOT NULL DEFAULT 'x';"
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, extra])
    new = sqlite3.connect(tmp_path / "new.sqlite3", isolation_level=None)
    statements = _traced(new)
    assert migrations.migrate(new) == newest_schema.VERSION + 1
    assert _alters(statements) == 1  # only the step past the schema
    stepped = sqlite3.connect(tmp_path / "stepped.sqlite3", isolation_level=None)
    _stepwise(stepped)
    assert _schema(new) == _schema(stepped)
    assert _rows(new) == _rows(stepped)
    new.close()
    stepped.close()


def test_a_release_with_fewer_steps_than_the_schema_replays_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fewer = migrations.MIGRATIONS[:9]
    monkeypatch.setattr(migrations, "MIGRATIONS", fewer)
    conn = sqlite3.connect(tmp_path / "new.sqlite3", isolation_level=None)
    assert migrations.migrate(conn) == 9
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 9
    columns = {r[1] for r in conn.execute("PRAGMA table_info(refunds)")}
    assert "note" not in columns and "order_payment_id" in columns  # step 10 not run
    conn.close()
