"""Settings → Backups and Start-up, the daily backup, and the single-instance handoff."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDir, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from pos_app.ledger import backup
from pos_app.runtime import Runtime
from pos_app.settings import config as config_mod
from pos_app.settings import paths
from pos_app.settings.memory_keyring import memory_keyring
from pos_app.system import autostart
from pos_app.ui.qtkit import single_instance
from pos_app.ui.qtkit.single_instance import InstanceServer, hand_off, server_name
from pos_app.ui.settings.backups import DailyBackup
from pos_app.ui.settings.dialog import SECTION_BACKUPS, SECTION_STARTUP, SettingsDialog
from pos_app.ui.settings.session import SettingsSession
from tests.ui.held import Held
from tests.ui.test_settings_dialog import press_ok

pytestmark = pytest.mark.gui

WAIT = 10_000


@pytest.fixture
def dialog(runtime: Runtime, qtbot: QtBot) -> Iterator[SettingsDialog]:
    with memory_keyring():
        session = SettingsSession(
            runtime.config, runtime.client, token=runtime.client.token, origin="keyring"
        )
        made = SettingsDialog(session)
        made.open()
        qtbot.waitExposed(made)
        yield made
        for task in [t for page in made.pages for t in page.forget_tasks()]:
            qtbot.waitUntil(task.done, timeout=3000)
        made.close()
        made.delete_when_settled()  # after the canceled calls' last steps


def test_back_up_now_to_a_chosen_folder_and_ok_saves_the_choice(
    dialog: SettingsDialog, qtbot: QtBot, tmp_path: Path, screenshot: Any
) -> None:
    dialog.show_section(SECTION_BACKUPS)
    page = dialog.backups
    qtbot.waitUntil(lambda: page.result.text() != "", timeout=WAIT)  # listed on a worker
    assert page.result.text() == "No backup in this folder yet."
    usb = tmp_path / "usb"
    usb.mkdir()
    page.folder.setText(str(usb))
    page.keep.setValue(3)
    page.back_up_now()
    assert not page.now_button.isEnabled() and dialog.pages[SECTION_BACKUPS].is_busy()
    qtbot.waitUntil(lambda: page.now_button.isEnabled(), timeout=WAIT)
    assert "Backed up to" in page.result.text()
    assert len(backup.backups(usb)) == 1
    screenshot(dialog, "settings_backups")

    # A USB stick that is not plugged in: said beside the button, nothing else happens.
    page.folder.setText(str(tmp_path / "unplugged"))
    page.back_up_now()
    qtbot.waitUntil(lambda: page.now_button.isEnabled(), timeout=WAIT)
    assert "is not there" in page.result.text()

    page.folder.setText(str(usb))
    assert press_ok(qtbot, dialog)
    saved = config_mod.load().config
    assert (saved.backup_folder, saved.backup_keep) == (str(usb), 3)


def test_start_up_entry_is_written_on_ok_only_when_changed(
    dialog: SettingsDialog, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "appdata"))
    dialog.show_section(SECTION_STARTUP)
    dialog.startup._was_on = False
    dialog.startup.autostart.setChecked(True)
    assert press_ok(qtbot, dialog)
    assert autostart.is_enabled()
    assert autostart.entry_path().read_text(encoding="utf-8")


def notices() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "noticeBox" and w.isVisible()
    ]


def test_the_daily_backup_runs_once_a_day_and_a_missing_folder_is_said_once(
    runtime: Runtime, qtbot: QtBot, tmp_path: Path, qloop: Any
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    daily = DailyBackup(window, runtime)
    made: list[object] = []
    failed: list[str] = []
    daily.done.connect(made.append)
    daily.failed.connect(failed.append)
    today = date.today()
    daily.check(today)
    qtbot.waitUntil(lambda: len(made) == 1, timeout=WAIT)
    daily.check(today)  # the same day: nothing
    qtbot.wait(100)
    assert len(made) == 1
    assert len(backup.backups(paths.default_backup_dir())) == 1  # in the data folder

    runtime.config = runtime.config.with_changes(backup_folder=str(tmp_path / "unplugged"))
    tomorrow = today + timedelta(days=1)
    daily.check(tomorrow)
    qtbot.waitUntil(lambda: len(failed) == 1, timeout=WAIT)
    assert len(notices()) == 1 and "is not there" in notices()[0].text()
    daily.check(tomorrow)  # tried again (no backup yet that day), not said again
    qtbot.waitUntil(lambda: len(failed) == 2, timeout=WAIT)
    assert len(notices()) == 1
    for box in notices():
        box.close()

    (tmp_path / "unplugged").mkdir()  # plugged in: the next check makes that day's backup
    daily.check(tomorrow)
    qtbot.waitUntil(lambda: len(made) == 2, timeout=WAIT)
    assert len(backup.backups(tmp_path / "unplugged")) == 1
    daily.stop()


def test_starting_again_raises_the_running_window(qtbot: QtBot, tmp_path: Path) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    window.showMinimized()
    server = InstanceServer(window, server_name(tmp_path))
    assert server.listen()
    try:
        assert hand_off(server_name(tmp_path)) is True
        qtbot.waitUntil(lambda: server.raised == 1, timeout=WAIT)
        assert not window.isMinimized()
        # Another data folder is another till: nobody answers.
        assert hand_off(server_name(tmp_path / "other")) is False
    finally:
        server.close()
    assert hand_off(server_name(tmp_path)) is False  # closed: the next start opens normally


@pytest.mark.posix
def test_without_a_socket_file_the_start_does_not_try_to_connect(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Start-up time (issue 19): no socket file in QDir.tempPath(), nobody listens; no
    QLocalSocket is made (nor QtNetwork imported) before the first frame."""
    name = server_name(tmp_path)
    assert not single_instance.may_be_listening(name)
    import PySide6.QtNetwork

    made: list[object] = []

    class Counted(PySide6.QtNetwork.QLocalSocket):
        def __init__(self) -> None:
            made.append(self)
            super().__init__()

    monkeypatch.setattr(PySide6.QtNetwork, "QLocalSocket", Counted)
    assert hand_off(name) is False
    assert made == []
    window = QWidget()
    qtbot.addWidget(window)
    server = InstanceServer(window, name)
    try:
        assert server.listen()
        assert single_instance.may_be_listening(name)
        assert hand_off(name) is True  # a listening app is still found
        assert len(made) == 1
    finally:
        server.close()
    assert not single_instance.may_be_listening(name)


def test_the_socket_name_is_the_data_folders_sha256_as_before(tmp_path: Path) -> None:
    """Qt's SHA-256 (no hashlib before the first frame, issue 19) gives the name earlier
    versions gave: a new start still raises a running older one."""
    import hashlib

    for folder in (tmp_path, tmp_path / "ñandú dáta"):
        digest = hashlib.sha256(str(folder.resolve()).encode("utf-8")).hexdigest()
        assert server_name(folder) == "pos-app-" + digest[:20]


@pytest.mark.posix
def test_with_no_app_socket_at_all_the_start_does_not_even_name_its_own(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No ``pos-app-*`` socket file in the temporary folder: nobody listens on any data folder,
    so the name (a hash: hashlib) is not computed before the first frame (issue 19)."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    assert QDir.tempPath() == str(tmp_path)
    named: list[object] = []
    real_name = single_instance.server_name

    def counted(data_dir: Path | None = None) -> str:
        named.append(data_dir)
        return real_name(data_dir)

    monkeypatch.setattr(single_instance, "server_name", counted)
    (tmp_path / "some-other-socket").touch()
    (tmp_path / "pos-app-tests-root").mkdir()  # not shaped like a server's name
    assert not single_instance.may_be_listening()
    assert hand_off() is False
    assert named == []
    window = QWidget()
    qtbot.addWidget(window)
    server = InstanceServer(window)  # this data folder's name, in tmp_path
    try:
        assert server.listen()
        assert single_instance.may_be_listening()
        assert hand_off() is True
        assert len(named) == 2  # the server's and the second start's
    finally:
        server.close()


@pytest.mark.posix
def test_a_socket_file_left_by_a_crash_does_not_stop_the_next_start(
    qtbot: QtBot, tmp_path: Path
) -> None:
    name = server_name(tmp_path)
    stale = Path(QDir.tempPath()) / name  # where QLocalServer puts it on Unix
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(stale))
    sock.close()  # the file stays, nobody listens: what a killed process leaves
    assert stale.exists()
    window = QWidget()
    qtbot.addWidget(window)
    server = InstanceServer(window, name)
    try:
        assert server.listen()
        assert hand_off(name) is True
    finally:
        server.close()


class HeldListing(Held):
    """``backup.backups``, held (a USB stick pulled out, a share that does not answer) until
    the window's timer lets it go."""

    def __init__(self, real: Any, release_after_ticks: int = 3) -> None:
        super().__init__(release_after_ticks)
        self.real = real

    def __call__(self, folder: Path) -> list[Path]:
        self.hold()
        return list(self.real(folder))


def _settings(runtime: Runtime) -> SettingsDialog:
    session = SettingsSession(
        runtime.config, runtime.client, token=runtime.client.token, origin="keyring"
    )
    made = SettingsDialog(session)
    made.open()
    return made


def _close(qtbot: QtBot, made: SettingsDialog) -> None:
    for task in [t for page in made.pages for t in page.forget_tasks()]:
        qtbot.waitUntil(task.done, timeout=3000)
    made.close()
    made.delete_when_settled()


def test_the_backup_folder_is_listed_off_the_windows_thread(
    runtime: Runtime, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before 2026-12-02 opening Settings listed the backup folder (a USB stick, a share) on
    the window's thread: one pulled out or not answering froze the app until the system gave
    up. Now it is listed on a worker and Settings opens at once."""
    usb = tmp_path / "usb"
    usb.mkdir()
    runtime.config = runtime.config.with_changes(backup_folder=str(usb))
    held = HeldListing(backup.backups)
    monkeypatch.setattr(backup, "backups", held)
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(held.tick)
    timer.start()
    with memory_keyring():
        made = _settings(runtime)
        try:
            page = made.backups
            assert page.result.text() == ""  # not listed yet: the dialog did not wait for it
            qtbot.waitUntil(lambda: page.result.text() != "", timeout=WAIT)
            timer.stop()
            assert page.result.text() == "No backup in this folder yet."
            assert held.ticks_while_held >= 3
            assert held.threads and all(t is not threading.main_thread() for t in held.threads)
        finally:
            timer.stop()
            _close(qtbot, made)


def test_a_slow_listing_does_not_overwrite_a_backup_started_meanwhile(
    runtime: Runtime, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    runtime.config = runtime.config.with_changes(backup_folder=str(usb))
    real = backup.backups
    held = HeldListing(real, release_after_ticks=10**9)  # released by the test
    calls: list[Path] = []

    def listing(folder: Path) -> list[Path]:
        calls.append(folder)
        return held(folder) if len(calls) == 1 else real(folder)  # only the page's first look

    monkeypatch.setattr(backup, "backups", listing)
    with memory_keyring():
        made = _settings(runtime)
        try:
            page = made.backups
            qtbot.waitUntil(held.entered.is_set, timeout=WAIT)
            listing = page.listing
            page.back_up_now()
            qtbot.waitUntil(page.now_button.isEnabled, timeout=WAIT)
            assert "Backed up to" in page.result.text()
            held.release.set()
            qtbot.waitUntil(listing.done, timeout=WAIT)
            assert not listing.cancelled() and listing.exception() is None
            assert "Backed up to" in page.result.text()
        finally:
            held.release.set()
            _close(qtbot, made)
