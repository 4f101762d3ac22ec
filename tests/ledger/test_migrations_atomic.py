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
    assert not conn.in_transaction  # rolled back by migrate: no lock left held
    conn.close()
    assert _version(path) == 1
    with sqlite3.connect(path) as check:
        tables = {r[0] for r in check.execute("SELECT name FROM sqlite_master")}
    assert "refunds" not in tables  # no step after 1 was kept either


def test_two_openings_of_one_new_ledger_at_once_both_end_at_the_newest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window and a command opening the first day's new ledger at the same moment: both
    read version 0, the second to get the write lock ran the new-ledger script again over the
    first one's tables ("table sales already exists") and its program stopped. Here the other
    opening gets in between this one's first look and its lock, every time."""
    path = tmp_path / "new.sqlite3"
    first = sqlite3.connect(path, isolation_level=None)
    other = sqlite3.connect(path, isolation_level=None)
    known = migrations.check_known
    looks: list[int] = []

    def check_known(conn: sqlite3.Connection) -> int:
        version = known(conn)
        looks.append(version)
        if conn is first and len(looks) == 1:
            assert migrations.migrate(other) == len(migrations.MIGRATIONS)  # meanwhile
        return version

    monkeypatch.setattr(migrations, "check_known", check_known)
    assert migrations.migrate(first) == len(migrations.MIGRATIONS)
    assert looks[0] == 0  # this opening saw a new ledger, then found it made
    assert not first.in_transaction
    first.close()
    other.close()
    assert _version(path) == len(migrations.MIGRATIONS)
    with sqlite3.connect(path) as check:
        assert check.execute("SELECT COUNT(*) FROM ledger_identity").fetchone()[0] == 1


def test_a_script_is_cut_into_whole_statements() -> None:
    script = (
        "CREATE TABLE t (a TEXT DEFAULT ';');\n"
        "CREATE TRIGGER t_ro BEFORE DELETE ON t BEGIN SELECT RAISE(ABORT, 'no; never'); END;\n"
        "-- a note; with a semicolon\nPRAGMA user_version = 3;\n"
    )
    statements = migrations.statements_of(script)
    assert [s.strip().split()[0] for s in statements] == ["CREATE", "CREATE", "--"]
    assert "END;" in statements[1] and "PRAGMA user_version = 3;" in statements[2]
    conn = sqlite3.connect(":memory:", isolation_level=None)
    for statement in statements:
        conn.execute(statement)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
