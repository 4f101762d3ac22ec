"""The ledger's schema steps are applied together: a new ledger is one commit (one sync to
disk, not one per step), and a step that fails leaves the file at the version it had."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pos_app.ledger import migrations


def _version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


def test_a_new_ledger_is_migrated_in_one_commit(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "new.sqlite3", isolation_level=None)
    commits = 0

    def count(statement: str) -> None:
        nonlocal commits
        commits += statement.strip().upper().startswith("COMMIT")

    conn.set_trace_callback(count)
    assert migrations.migrate(conn) == len(migrations.MIGRATIONS)
    assert commits == 1
    assert migrations.migrate(conn) == len(migrations.MIGRATIONS)  # nothing left to do
    assert commits == 1
    conn.close()


def test_a_failing_step_leaves_the_version_it_had(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(migrations.MIGRATIONS[0] + "\nPRAGMA user_version = 1;")
    broken = [*migrations.MIGRATIONS, "CREATE TABLE sales (id INTEGER);"]  # already exists
    monkeypatch.setattr(migrations, "MIGRATIONS", broken)
    with pytest.raises(sqlite3.OperationalError, match="already exists"):
        migrations.migrate(conn)
    conn.execute("ROLLBACK")  # executescript stops at the error, inside the transaction
    conn.close()
    assert _version(path) == 1
    with sqlite3.connect(path) as check:
        tables = {r[0] for r in check.execute("SELECT name FROM sqlite_master")}
    assert "refunds" not in tables  # no step after 1 was kept either
