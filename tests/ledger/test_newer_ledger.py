"""A ledger written by a newer release (the shop went back to an older version) is refused in
plain words and left exactly as it was: an older app never sells into a schema it does not know.

Until 2026-12-02 ``migrate`` found nothing to do (``MIGRATIONS[version:]`` is empty) and the
older app sold into the newer ledger, its new columns and tables ignored or half-written."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from pos_app.i18n import Message
from pos_app.ledger import migrations
from pos_app.ledger.store import Ledger, LedgerDamagedError, LedgerError, LedgerTooNewError


def _newer_ledger(path: Path) -> int:
    Ledger(path, exclusive=False).close()
    newer = len(migrations.MIGRATIONS) + 3
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {newer}")
        conn.execute("CREATE TABLE made_by_a_newer_release (x)")
    return newer


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_older_app_refuses_a_newer_ledger_and_leaves_it_alone(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    newer = _newer_ledger(path)
    before = _digest(path)
    with pytest.raises(LedgerTooNewError) as caught:
        Ledger(path, exclusive=False)
    err = caught.value
    assert isinstance(err, LedgerError)
    assert not isinstance(err, LedgerDamagedError)  # no "start a fresh ledger" offered
    text = str(err)
    assert "newer version" in text
    assert str(newer) in text and str(len(migrations.MIGRATIONS)) in text
    assert "nothing in it was changed" in text
    assert isinstance(err.msg, Message)  # translatable
    assert _digest(path) == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == newer


def test_migrate_itself_refuses_a_newer_schema(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "x.sqlite3", isolation_level=None)
    conn.execute(f"PRAGMA user_version = {len(migrations.MIGRATIONS) + 1}")
    with pytest.raises(migrations.NewerLedgerError):
        migrations.migrate(conn)
    conn.close()


def test_doctor_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("POS_APP_HOME", str(tmp_path))
    monkeypatch.delenv("MP_ACCESS_TOKEN", raising=False)
    from pos_app.cli.doctor import _ledger_checks
    from pos_app.settings import paths

    _newer_ledger(paths.ledger_path())
    (check,) = _ledger_checks()
    assert not check.ok
    assert "newer version" in check.detail


def test_restore_refuses_a_newer_backup_saying_why(tmp_path: Path) -> None:
    from pos_app.ledger import backup
    from pos_app.ledger.recovery import RecoveryError

    newer_backup = tmp_path / "ledger-20261202-090000.sqlite3"
    _newer_ledger(newer_backup)
    ledger = tmp_path / "home" / "ledger.sqlite3"
    ledger.parent.mkdir()
    Ledger(ledger, exclusive=False).close()
    before = _digest(ledger)
    with pytest.raises(RecoveryError, match="a newer version of pos-app made it"):
        backup.restore_backup(ledger, newer_backup)
    assert _digest(ledger) == before
