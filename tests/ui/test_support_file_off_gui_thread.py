"""Help → Save a support file does its disk work on a worker thread: the doctor's ledger check
(its quick check reads the whole file: seconds on a year's ~175 MiB ledger), the ledger's last
sales, the logs' tails and the zip. They ran on the window's thread (only the keyring had been
moved off it), so the window froze until the zip was written. Meanwhile the window says it is
saving; then the path, or what stopped it (a full disk) in one plain line."""

from __future__ import annotations

import errno
import os
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog
from pytestqt.qtbot import QtBot

from pos_app.cli import doctor, support
from pos_app.ledger import recovery
from pos_app.settings import paths
from pos_app.ui.counter.main_window import MainWindow

pytestmark = pytest.mark.gui

WAIT = 20_000


def visible(kind: type, name: str) -> Any:
    found = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, kind) and w.objectName() == name and w.isVisible()
    ]
    return found[-1] if found else None


def ask_for(window: MainWindow, qtbot: QtBot, out: Path) -> None:
    """Help → Save a support file…, and ``out`` chosen in its file dialog."""
    action = window.findChild(QAction, "supportFileAction")
    assert action is not None
    action.trigger()
    qtbot.waitUntil(lambda: visible(QFileDialog, "supportFileDialog") is not None, timeout=WAIT)
    dialog: QFileDialog = visible(QFileDialog, "supportFileDialog")
    dialog.fileSelected.emit(str(out))
    dialog.close()


class Threads:
    """Which threads the support file's disk work ran on, by what it did."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.gui = threading.current_thread()
        self.on_gui: list[str] = []
        self.off_gui: set[str] = set()
        self.monkeypatch = monkeypatch

    def note(self, what: str) -> None:
        if threading.current_thread() is self.gui:
            self.on_gui.append(what)
        else:
            self.off_gui.add(what)

    def wrap(self, owner: Any, name: str, what: str) -> None:
        real: Callable[..., Any] = getattr(owner, name)

        def noted(*args: Any, **kwargs: Any) -> Any:
            self.note(what)
            return real(*args, **kwargs)

        self.monkeypatch.setattr(owner, name, noted)


def with_a_log() -> None:
    logs = paths.logs_dir()
    (logs / "pos-app.log").write_text(
        "2026-12-02 10:00:00 INFO pos_app.notifications.app: hint\n", encoding="utf-8"
    )


def test_the_support_file_is_written_off_the_window_s_thread_which_keeps_working(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_a_log()
    threads = Threads(monkeypatch)
    threads.wrap(doctor, "Ledger", "the doctor's ledger check")
    threads.wrap(recovery, "read_only", "the ledger's last sales")
    threads.wrap(support, "_tail", "the logs")
    real_write = zipfile.ZipFile.writestr
    writing, go_on = threading.Event(), threading.Event()

    def write(self: zipfile.ZipFile, name: str, data: str | bytes, *args: Any) -> None:
        threads.note("the zip")
        if threading.current_thread() is not threads.gui:
            writing.set()
            assert go_on.wait(WAIT / 1000)  # held until the window has shown it works
        real_write(self, name, data, *args)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", write)
    out = tmp_path / "support.zip"
    ask_for(window, qtbot, out)
    try:
        qtbot.waitUntil(lambda: writing.is_set() or window.support.last_saved == out, timeout=WAIT)
        assert threads.on_gui == []
        assert threads.off_gui == {
            "the doctor's ledger check",
            "the ledger's last sales",
            "the logs",
            "the zip",
        }

        # The zip is held half-written: the window says what it is doing, and keeps selling.
        qtbot.waitUntil(lambda: visible(QProgressDialog, "supportFileProgress") is not None)
        progress: QProgressDialog = visible(QProgressDialog, "supportFileProgress")
        assert progress.labelText() == "Saving the support file…"
        assert not progress.isModal()
        fired: list[bool] = []
        QTimer.singleShot(0, lambda: fired.append(True))
        qtbot.waitUntil(lambda: bool(fired))
        window.activateWindow()
        qtbot.keyClicks(window.scan, "7790580001018")
        qtbot.keyClick(window.scan, Qt.Key.Key_Return)
        assert len(window.model.lines()) == 1
        assert window.support.last_saved is None and not out.exists()
    finally:
        go_on.set()  # never left holding a worker thread
    qtbot.waitUntil(lambda: window.support.last_saved == out, timeout=WAIT)
    qtbot.waitUntil(lambda: visible(QProgressDialog, "supportFileProgress") is None)
    notice: QMessageBox = visible(QMessageBox, "noticeBox")
    assert notice is not None and f"The support file was saved as {out}." in notice.text()
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
    assert {"doctor.json", "settings.json", "sales.json", "logs/pos-app.log"} <= names
    notice.close()


def test_a_full_disk_is_said_in_one_plain_line_and_leaves_no_half_zip(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = zipfile.ZipFile.writestr

    def full(self: zipfile.ZipFile, name: str, data: str | bytes, *args: Any) -> None:
        real_write(self, name, data, *args)
        if name == "sales.json":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    out = tmp_path / "support.zip"
    ask_for(window, qtbot, out)
    qtbot.waitUntil(lambda: visible(QMessageBox, "errorBox") is not None, timeout=WAIT)
    box: QMessageBox = visible(QMessageBox, "errorBox")
    said = box.text()
    assert said == (
        f"The support file could not be saved as {out}: {os.strerror(errno.ENOSPC)}. "
        "Free some space or choose another folder, then try again."
    )
    assert "\n" not in said and "went wrong" not in said
    assert visible(QProgressDialog, "supportFileProgress") is None
    assert list(tmp_path.iterdir()) == [] and window.support.last_saved is None
    box.close()


def test_the_file_dialog_proposes_a_folder_that_exists(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The desktop folder is proposed when there is one. Without it (a kiosk's account, a
    minimal install) the dialog took the missing folder's path as a name relative to the app's
    working folder: ``<working folder>/home/ana/Desktop/pos-app-support-….zip``, whose folders
    the zip's writing then made. The home folder instead."""
    home = tmp_path / "ana"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))  # no user-dirs.dirs there
    monkeypatch.chdir(tmp_path)
    for folder in (home, home / "Desktop"):
        folder.mkdir(exist_ok=True)
        dialog = window.support.ask_where()
        [chosen] = dialog.selectedFiles()
        assert Path(chosen).parent == folder, chosen
        assert Path(chosen).name.startswith("pos-app-support-") and chosen.endswith(".zip")
        dialog.close()
