"""Start-up with a damaged ledger: the window says what happened and offers the way back (a
fresh ledger or a backup, the damaged file kept aside), or quits leaving it untouched (issue 16,
item 4)."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from pos_app import app as app_mod
from pos_app.ledger.store import Ledger
from pos_app.settings import config as config_mod
from pos_app.settings import paths
from pos_app.settings.config import Config
from pos_app.settings.memory_keyring import MemoryKeyring, memory_keyring
from pos_app.ui.counter.main_window import MainWindow
from tests.hostile.test_ledger_damage import digest, make_ledger, overwrite_middle

pytestmark = pytest.mark.gui

WAIT = 10_000


@pytest.fixture
def keyring_memory() -> Iterator[MemoryKeyring]:
    with memory_keyring() as backend:
        yield backend


@pytest.fixture(scope="module")
def _damaged_till_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    """The damaged till's ledger before its damage (30 sales, then 300 more, the last one
    waiting) and the backup of its first 30, made once for this module's tests and copied for
    each: adding the 300 sales one commit at a time (two syncs each) was ~0.4 s of CPU and
    ~4 s of wall time per test, for the same file."""
    folder = tmp_path_factory.mktemp("damaged_till")
    whole = folder / "ledger.sqlite3"
    refs = make_ledger(whole, 30)
    backup = folder / "ledger-backup.sqlite3"
    shutil.copy(whole, backup)
    make_ledger(whole, 300, open_last=True)
    assert not whole.with_name(whole.name + "-wal").exists()  # all in the one file
    return whole, backup, refs


@pytest.fixture
def damaged_till(
    keyring_memory: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    _damaged_till_files: tuple[Path, Path, list[str]],
) -> tuple[Path, Path, list[str]]:
    """A configured till whose ledger is damaged; a backup of its first 30 sales."""
    monkeypatch.setenv("MP_ACCESS_TOKEN", "APP_USR-1234567890-abcdef-1234")
    config_mod.save(Config(user_id=1, store_external_id="SUC001", box_external_id="CAJA01"))
    whole, made_backup, refs = _damaged_till_files
    path = paths.ledger_path()
    shutil.copyfile(whole, path)  # as make_ledger copies a new ledger
    backup = tmp_path / "ledger-backup.sqlite3"
    shutil.copy(made_backup, backup)
    overwrite_middle(path)
    return path, backup, list(refs)


def visible(kind: type, name: str = "") -> Any:
    found = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, kind) and w.isVisible() and (not name or w.objectName() == name)
    ]
    return found[-1] if found else None


def ready_window() -> MainWindow | None:
    """The counter window once its runtime is attached (it is shown before, "Connecting…")."""
    window = visible(MainWindow)
    return window if window is not None and window.is_ready else None


def damaged_box(qtbot: QtBot, task: asyncio.Future[int]) -> QMessageBox:
    qtbot.waitUntil(
        lambda: visible(QMessageBox, "ledgerDamagedBox") is not None or task.done(), timeout=WAIT
    )
    assert not task.done(), task.exception()
    box: QMessageBox = visible(QMessageBox, "ledgerDamagedBox")
    assert "damaged" in box.text() and "disk space" not in box.text()
    return box


def click(box: QMessageBox, name: str) -> None:
    button = box.findChild(QPushButton, name)
    assert button is not None, name
    button.click()


def notice_text() -> str:
    box = visible(QMessageBox, "noticeBox")
    return box.text() if box is not None else ""


def test_a_fresh_ledger_from_the_window(
    qloop: Any, qtbot: QtBot, damaged_till: tuple[Path, Path, list[str]], screenshot: Any
) -> None:
    path, _, _ = damaged_till
    before = digest(path)
    task = asyncio.ensure_future(app_mod.run_windows())
    box = damaged_box(qtbot, task)
    screenshot(box, "ledger_damaged")
    click(box, "freshLedgerButton")
    qtbot.waitUntil(lambda: ready_window() is not None, timeout=WAIT)
    window: MainWindow = visible(MainWindow)
    qtbot.waitUntil(lambda: "kept as" in notice_text(), timeout=WAIT)
    assert "S000330" in notice_text()  # the sale that was waiting for payment is named
    [kept] = [
        p
        for p in path.parent.glob("ledger.sqlite3.damaged-*")
        if p.name[-4:] not in ("-wal", "-shm")
    ]
    assert digest(kept) == before
    assert window.rt.ledger.all_sales() == []
    window.close()
    qtbot.waitUntil(task.done, timeout=WAIT)
    assert task.result() == 0


def test_a_backup_from_the_window(
    qloop: Any, qtbot: QtBot, damaged_till: tuple[Path, Path, list[str]]
) -> None:
    _path, backup, refs = damaged_till
    task = asyncio.ensure_future(app_mod.run_windows())
    click(damaged_box(qtbot, task), "restoreLedgerButton")
    qtbot.waitUntil(lambda: visible(QFileDialog, "ledgerBackupDialog") is not None, timeout=WAIT)
    dialog: QFileDialog = visible(QFileDialog, "ledgerBackupDialog")
    name_edit = dialog.findChild(QLineEdit, "fileNameEdit")  # what the cashier types
    name_edit.setText(str(backup))
    dialog.accept()
    qtbot.waitUntil(lambda: ready_window() is not None, timeout=WAIT)
    window: MainWindow = visible(MainWindow)
    qtbot.waitUntil(lambda: "restored from" in notice_text(), timeout=WAIT)
    assert {s.external_reference for s in window.rt.ledger.all_sales()} == set(refs)
    window.close()
    qtbot.waitUntil(task.done, timeout=WAIT)


def test_quitting_leaves_the_damaged_ledger_untouched(
    qloop: Any, qtbot: QtBot, damaged_till: tuple[Path, Path, list[str]]
) -> None:
    path, _, _ = damaged_till
    before = digest(path)
    task = asyncio.ensure_future(app_mod.run_windows())
    click(damaged_box(qtbot, task), "quitButton")
    qtbot.waitUntil(task.done, timeout=WAIT)
    assert task.result() == 0 and visible(MainWindow) is None
    assert digest(path) == before
    assert not list(path.parent.glob("*.damaged-*"))
    with pytest.raises(Exception, match="damaged"):
        Ledger(path)
