"""``pos-app close`` reads the ledger whole once to check it, not twice: the command checks it
when it opens it (``PRAGMA quick_check``, ~0.45 s for a busy shop's year) and holds its lock to
the end, so the backup after the close, a copy of those very pages made a second later, is not
checked again (~0.6 s more at a year: ``close`` took ~2 s). The window's close, whose ledger was
checked when the app started, hours before, still checks its backup's copy."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from pos_app.cli import main
from pos_app.domain.cart import CartLine
from pos_app.ledger import backup as backup_mod
from pos_app.ledger import store as ledger_store
from pos_app.ledger.store import Ledger
from pos_app.settings import paths
from tests.ledger_sales import record_sale
from tests.thread_sandbox import ThreadSandbox, configured_fixture, sandbox_fixture  # noqa: F401


def _count_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    checked: list[str] = []
    real = ledger_store.quick_check

    def counted(conn: sqlite3.Connection) -> str | None:
        checked.append(conn.execute("PRAGMA database_list").fetchone()[2])
        return real(conn)

    monkeypatch.setattr(ledger_store, "quick_check", counted)
    monkeypatch.setattr(backup_mod, "quick_check", counted)
    return checked


def _a_sale() -> None:
    ledger = Ledger(paths.ledger_path())
    try:
        line = CartLine("Y1", "Yerba", Decimal("1725.25"), 2)
        record_sale(ledger, [line], at=datetime.now(UTC) - timedelta(minutes=5))
    finally:
        ledger.close()


def test_the_close_command_checks_the_ledger_once_and_still_backs_it_up(
    configured: ThreadSandbox, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _a_sale()
    checked = _count_checks(monkeypatch)
    assert main(["close", "--json"]) == 0
    assert "backup failed" not in capsys.readouterr().err
    assert checked == [str(paths.ledger_path())]  # the ledger's own check, not its copy's
    made = backup_mod.backups(paths.backup_dir(""))
    assert len(made) == 1
    with sqlite3.connect(made[0]) as copy:  # a whole ledger, with the close in it
        assert copy.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT count(*) FROM closes").fetchone()[0] == 1


def test_a_backup_made_otherwise_still_checks_its_copy(
    configured: ThreadSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    _a_sale()
    checked = _count_checks(monkeypatch)
    folder = paths.backup_dir("")
    folder.mkdir(parents=True, exist_ok=True)
    backup_mod.backup_at_close(paths.ledger_path(), folder)  # what the window's close runs
    assert len(checked) == 1 and checked[0].endswith(".partial")
