"""Backups (SQLite's backup API, retention, daily) and restore (same code as the recovery)."""

from __future__ import annotations

import errno
import json
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from pos_app.cli import main as cli_main
from pos_app.ledger import backup
from pos_app.ledger.lock import AlreadyRunningError
from pos_app.ledger.recovery import RecoveryError
from pos_app.ledger.store import Ledger
from pos_app.settings import config as config_mod
from pos_app.settings import paths
from tests.benchmarks.backup_bench import ledger_with_sales


def count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM sales").fetchone()[0])
    finally:
        conn.close()


def test_a_backup_of_the_open_ledger_is_a_whole_consistent_copy(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    ledger_with_sales(path, 500)
    folder = tmp_path / "usb"
    folder.mkdir()
    live = Ledger(path)  # the till is open (holds the lock, WAL mode)
    try:
        made = backup.make_backup(path, folder, keep=3)
    finally:
        live.close()
    assert made.path.parent == folder and made.path.name.startswith("ledger-")
    assert count(made.path) == 500
    assert backup.recovery.backup_problem(made.path) is None
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no partial left


def test_retention_keeps_the_newest_even_within_one_second(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    Ledger(path).close()
    folder = tmp_path / "b"
    folder.mkdir()
    now = datetime(2026, 12, 1, 10, 0, 0)
    made = [backup.make_backup(path, folder, keep=2, now=now).path for _ in range(4)]
    assert [p.name for p in backup.backups(folder)] == [made[3].name, made[2].name]
    later = backup.make_backup(path, folder, keep=2, now=now + timedelta(days=1))
    assert backup.backups(folder) == [later.path, made[3]]


def test_the_daily_backup_is_made_once_a_day(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    Ledger(path).close()
    folder = tmp_path / "b"
    folder.mkdir()
    day = datetime(2026, 12, 1, 8, 0)
    assert backup.daily_backup(path, folder, now=day) is not None
    assert backup.daily_backup(path, folder, now=day + timedelta(hours=10)) is None
    assert backup.daily_backup(path, folder, now=day + timedelta(days=1)) is not None
    assert len(backup.backups(folder)) == 2


def test_a_missing_folder_is_reported_not_created(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    Ledger(path).close()
    with pytest.raises(backup.BackupError, match="not there"):
        backup.make_backup(path, tmp_path / "unplugged")
    assert not (tmp_path / "unplugged").exists()


def test_a_full_folder_is_reported_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ledger.sqlite3"
    Ledger(path).close()
    folder = tmp_path / "b"
    folder.mkdir()

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup.os, "replace", full)
    with pytest.raises(backup.BackupError, match="No space left"):
        backup.make_backup(path, folder)
    assert list(folder.iterdir()) == []


def test_restore_is_refused_while_the_app_runs(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    ledger_with_sales(path, 3)
    folder = tmp_path / "b"
    folder.mkdir()
    made = backup.make_backup(path, folder)
    live = Ledger(path)
    try:
        with pytest.raises(AlreadyRunningError):
            backup.restore_backup(path, made.path)
    finally:
        live.close()


def test_restore_refuses_a_damaged_backup_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    ledger_with_sales(path, 3)
    bad = tmp_path / "ledger-20260101-000000.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(RecoveryError, match="cannot be restored"):
        backup.restore_backup(path, bad)
    assert count(path) == 3
    assert sorted(p.name for p in tmp_path.iterdir() if "replaced" in p.name) == []


def test_restore_reads_the_whole_backup_once_to_check_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``PRAGMA quick_check`` reads the whole file (~0.45 s for a busy shop's year): the backup
    is checked once, not again in each of its two copies (the trial and the one put back)."""
    from pos_app.ledger import recovery, store

    path = tmp_path / "ledger.sqlite3"
    ledger_with_sales(path, 3)
    folder = tmp_path / "b"
    folder.mkdir()
    made = backup.make_backup(path, folder)
    checked: list[str] = []
    real = store.quick_check

    def counted(conn: sqlite3.Connection) -> str | None:
        checked.append(conn.execute("PRAGMA database_list").fetchone()[2])
        return real(conn)

    monkeypatch.setattr(store, "quick_check", counted)
    monkeypatch.setattr(recovery, "quick_check", counted)
    backup.restore_backup(path, made.path)
    assert checked == [str(made.path)]
    assert count(path) == 3
    Ledger(path).close()  # and it opens, checked, as ever


def test_backup_delete_restore_and_sales_shows_everything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue's "done when": a backup, the ledger lost, the backup restored, every sale back."""
    ledger_with_sales(paths.ledger_path(), 25)
    assert cli_main(["backup", "--json"]) == 0
    made = Path(json.loads(capsys.readouterr().out)["backup"])
    assert made.parent == paths.default_backup_dir()
    for companion in ("", "-wal", "-shm"):
        paths.ledger_path().with_name("ledger.sqlite3" + companion).unlink(missing_ok=True)
    assert cli_main(["restore", str(made)]) == 0
    capsys.readouterr()
    assert cli_main(["sales", "--json", "--limit", "100"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 25


def test_restore_keeps_the_replaced_ledger(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    ledger_with_sales(path, 4)
    folder = tmp_path / "b"
    folder.mkdir()
    made = backup.make_backup(path, folder)
    ledger_with_sales(tmp_path / "other.sqlite3", 9)
    (tmp_path / "other.sqlite3").replace(path)
    done = backup.restore_backup(path, made.path)
    assert count(path) == 4
    assert done.kept_as and "replaced-" in done.kept_as[0].name
    assert count(done.kept_as[0]) == 9


def test_backup_to_the_configured_folder_and_a_missing_one_is_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Ledger(paths.ledger_path()).close()
    chosen = tmp_path / "synced"
    chosen.mkdir()
    config_mod.save(config_mod.Config(backup_folder=str(chosen), backup_keep=1))
    assert cli_main(["backup"]) == 0
    assert cli_main(["backup"]) == 0
    assert len(backup.backups(chosen)) == 1
    assert cli_main(["backup", "--to", str(tmp_path / "nope")]) == 1
    assert "not there" in capsys.readouterr().err


def test_a_damaged_ledger_is_not_backed_up_over_the_good_backups(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    ledger_with_sales(path, 300)
    folder = tmp_path / "b"
    folder.mkdir()
    good = backup.make_backup(path, folder, keep=1).path
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 6] = b"\xa5" * (4096 * 3)  # pages of the sales table overwritten
    path.write_bytes(bytes(data))
    with pytest.raises(backup.BackupError, match="sales ledger is damaged"):
        backup.make_backup(path, folder, keep=1)
    assert backup.backups(folder) == [good]  # the retention did not drop the last good one


def test_a_clock_set_back_keeps_every_backup_and_makes_one_a_day(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A counter PC whose clock went back (a flat CMOS battery: 2010-01-01) names its backups
    older than the real ones. The retention, by name, deleted each new backup the moment it was
    made (the 'oldest'), and the daily backup was made again at every start: while the clock
    was wrong the shop had no backup of its newest sales at all."""
    path = tmp_path / "ledger.sqlite3"
    Ledger(path).close()
    folder = tmp_path / "b"
    folder.mkdir()
    real = datetime(2026, 12, 1, 20, 0)
    for day in range(3):
        backup.make_backup(path, folder, keep=3, now=real + timedelta(days=day))
    wrong = datetime(2010, 1, 1, 9, 0)
    made = backup.daily_backup(path, folder, keep=3, now=wrong)
    assert made is not None and made.path.exists()
    assert made.removed == ()  # nothing deleted while the names' order cannot be trusted
    assert "clock" in caplog.text
    # Started again the same (wrong) day: today's backup is there, none more.
    assert backup.daily_backup(path, folder, keep=3, now=wrong + timedelta(hours=2)) is None
    nxt = backup.make_backup(path, folder, keep=3, now=wrong + timedelta(days=1))
    assert nxt.removed == () and made.path.exists() and nxt.path.exists()
    assert len(backup.backups(folder)) == 5
    # The clock put right: the retention by name applies again.
    fixed = backup.make_backup(path, folder, keep=3, now=real + timedelta(days=4))
    assert len(backup.backups(folder)) == 3 and fixed.path.exists()
