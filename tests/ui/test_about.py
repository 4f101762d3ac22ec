"""Help → About: what a support technician on the phone asks the cashier for (version, the
app's files, the Mercado Pago account's ids, the API, demo or not), never the token, in text
that can be copied with one button; its folders looked up off the window's thread. The same
version as ``pos-app --version`` and ``doctor``, the same files as ``doctor``."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from pos_app import __version__
from pos_app.cli import main
from pos_app.runtime import Runtime
from pos_app.settings import paths
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.maintenance.about import AboutDialog

pytestmark = pytest.mark.gui

WAIT = 20_000


def open_about(window: MainWindow, qtbot: QtBot) -> AboutDialog:
    action = window.findChild(QAction, "aboutAction")
    assert action is not None and action in window._help_menu.actions()
    with qtbot.waitSignal(window.findChild(QAction, "aboutAction").triggered, timeout=WAIT):
        action.trigger()
    dialog = window.support._about
    assert isinstance(dialog, AboutDialog) and dialog.isVisible()
    if dialog.facts is None:
        with qtbot.waitSignal(dialog.ready, timeout=WAIT):
            pass
    return dialog


def test_about_says_what_support_asks_for_and_copies_it(
    window: MainWindow, runtime: Runtime, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    looked_up_on: list[bool] = []  # True: on the window's thread
    real = paths.data_dir

    def data_dir() -> Path:
        looked_up_on.append(threading.current_thread() is threading.main_thread())
        return real()

    monkeypatch.setattr(paths, "data_dir", data_dir)
    dialog = open_about(window, qtbot)
    reads = list(looked_up_on)
    text = dialog.text.toPlainText()
    config = runtime.config
    lines = text.splitlines()
    assert lines[0] == f"Version: pos-app {__version__}"
    assert f"Data folder: {real()}" in lines
    assert f"Ledger: {paths.ledger_path()}" in lines
    assert f"Settings file: {paths.config_path()}" in lines
    assert f"Log folder: {paths.logs_dir()}" in lines
    assert f"Mercado Pago user id: {config.user_id}" in lines and config.user_id
    assert f"Store: {config.store_external_id}" in lines
    assert f"Box: {config.box_external_id}" in lines
    assert "API: in-store QR (the box's printed QR)" in lines
    assert "Demo mode: no" in lines
    assert runtime.client.token.reveal() not in text  # never the token
    assert reads and not any(reads)  # off the window's thread

    assert dialog.copy_button.isEnabled()
    QGuiApplication.clipboard().clear()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == text
    assert dialog.status.text().startswith("Copied")

    # One at a time; closed, the next one reads the settings in use then.
    assert window.support.about() is dialog
    dialog.reject()
    qtbot.waitUntil(lambda: window.support._about is None, timeout=WAIT)
    window.demo = True
    runtime.config = config.with_changes(api="orders", qr_mode="dynamic")
    again = open_about(window, qtbot)
    said = again.text.toPlainText().splitlines()
    assert "API: Orders API (dynamic QR)" in said and "Demo mode: yes" in said
    again.reject()


def test_version_and_files_agree_with_the_command_line(
    capsys: pytest.CaptureFixture[str], qtbot: QtBot
) -> None:
    from pos_app.system.about import read_facts
    from pos_app.ui.maintenance.about import about_text

    facts = read_facts(None, demo=False)
    said = about_text(facts).splitlines()
    with pytest.raises(SystemExit):
        main(["--version"])
    version = capsys.readouterr().out.strip()
    assert said[0] == f"Version: {version}"
    main(["doctor", "--json"])
    checks = {c["name"]: c for c in json.loads(capsys.readouterr().out)["checks"]}
    assert checks["version"]["detail"] == version
    files = checks["files"]["detail"]
    for path in (facts.data_folder, facts.ledger, facts.settings_file, facts.logs):
        assert str(path) in files and any(line.endswith(f": {path}") for line in said)
    assert "Mercado Pago user id: not set up yet" in said


def test_about_closed_while_it_reads_is_deleted_after_the_reading(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Help → About closed before its facts were read (a slow disk, a locked ledger): the dialog
    was deleted at once, and the reading then wrote into it ("Internal C++ object already
    deleted", and an error box about it)."""
    import asyncio

    from pos_app.ui.maintenance import about

    release = threading.Event()
    real = about.read_facts

    def slow_facts(*args: object, **kwargs: object) -> object:
        release.wait(WAIT / 1000)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(about, "read_facts", slow_facts)
    loop = asyncio.get_event_loop()
    failed: list[object] = []
    before = loop.get_exception_handler()
    loop.set_exception_handler(lambda _loop, context: failed.append(context))
    try:
        dialog = window.support.about()
        (reading,) = dialog.tasks.pending()
        gone: list[bool] = []
        dialog.destroyed.connect(lambda: gone.append(True))
        dialog.reject()
        release.set()
        qtbot.waitUntil(lambda: reading.done() and bool(gone), timeout=WAIT)
    finally:
        loop.set_exception_handler(before)
    assert reading.cancelled() or reading.exception() is None
    assert failed == []
    assert window.findChild(QMessageBox, "errorBox") is None
