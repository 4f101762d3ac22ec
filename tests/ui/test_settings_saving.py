"""Settings' OK saves on a worker thread: a keyring that hangs (a locked keyring's unlock
prompt, a secret service that answers only when D-Bus gives up, 25 s later) leaves the window
going and the dialog saying "Saving…"; a write refused half-way puts everything back.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring.backend
import keyring.errors
import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from pos_app.mercadopago.credentials import AccessToken
from pos_app.runtime import Runtime
from pos_app.sandbox.state import SandboxState
from pos_app.settings import config as config_mod
from pos_app.settings import paths, secrets
from pos_app.system import autostart
from pos_app.ui.settings.dialog import SECTION_CHARGING, SECTION_STORE_DB, SettingsDialog
from tests.keyring_threads import ThreadNotingKeyring, thread_noting_keyring
from tests.ui.test_settings_dialog import (
    WAIT,
    MakeDialog,
    closed_port,
    make_dialog,
    new_account_ready,
)

__all__ = ["make_dialog"]

pytestmark = pytest.mark.gui

NOBODY = "postgresql://pos@127.0.0.1:1/store"  # never dialled here
OLD_TOKEN = "APP_USR-1111111111111111-010101-the-old-one-1"


class HeldKeyring(ThreadNotingKeyring):
    """A keyring whose writes wait until the test lets them go, as one whose unlock prompt is
    waiting for the cashier, or a hung secret service. The wait is bounded: on the window's
    thread nothing could ever let it go, and the test would hang instead of failing."""

    def __init__(self) -> None:
        super().__init__()
        self.entered = threading.Event()
        self.release = threading.Event()

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entered.set()
        self.release.wait(WAIT / 1000)
        super().set_password(service, username, password)


class RefusingKeyring(ThreadNotingKeyring):
    """A keyring locked half-way through: it keeps some entries and refuses others."""

    def __init__(self) -> None:
        super().__init__()
        self.refused: set[str] = set()

    def set_password(self, service: str, username: str, password: str) -> None:
        if username in self.refused:
            self._note("set", username)
            raise keyring.errors.PasswordSetError(username)
        super().set_password(service, username, password)


# Never candidates for keyring's automatic choice (as MemoryKeyring and ThreadNotingKeyring).
keyring.backend.KeyringBackend._classes.discard(HeldKeyring)
keyring.backend.KeyringBackend._classes.discard(RefusingKeyring)


@pytest.fixture
def held() -> Iterator[HeldKeyring]:
    with thread_noting_keyring(HeldKeyring) as backend:
        assert isinstance(backend, HeldKeyring)
        yield backend
        backend.release.set()  # never left waiting


@pytest.fixture
def refusing() -> Iterator[RefusingKeyring]:
    with thread_noting_keyring(RefusingKeyring) as backend:
        assert isinstance(backend, RefusingKeyring)
        yield backend


class Paints(QObject):
    """Counts the paint events a widget gets (the window's thread is drawing)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_a_hung_keyring_leaves_the_window_going_and_settings_saying_saving(
    qtbot: QtBot, held: HeldKeyring, window: Any, runtime: Runtime, run: Any
) -> None:
    qtbot.keyClick(window.scan, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window._settings_dialog is not None, timeout=WAIT)
    dialog: SettingsDialog = window._settings_dialog
    qtbot.waitExposed(dialog)
    dialog.show_section(SECTION_CHARGING)
    charging = dialog.charging
    charging.ttl.setText("7")
    charging.notify.setChecked(True)
    port = closed_port()  # the till listens there once the settings are applied
    charging.listen.setText(f"127.0.0.1:{port}")
    charging.url.setText(f"http://127.0.0.1:{port}/mp/notifications")
    charging.secret.setText("webhook-secret")
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT)
    finished: list[int] = []
    dialog.finished.connect(finished.append)

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(held.entered.is_set, timeout=WAIT)  # the keyring is holding the write
    try:
        # The dialog says what is going on, and cannot be pressed again nor closed.
        assert dialog.isVisible() and not finished
        assert not dialog.ok_button.isEnabled() and not dialog.cancel_button.isEnabled()
        assert dialog.ok_button.text().replace("&", "") == "Saving…"
        assert dialog.footer.text().startswith("Saving…")
        assert "unlock" in dialog.footer.text()
        assert dialog.footer.property("state") == "busy"  # news, not a problem in red
        assert not dialog.stack.isEnabled()  # what is typed now would not be saved
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        dialog.close()  # its close button
        assert not dialog.try_accept()  # Enter, or a second click
        assert dialog.isVisible() and not finished and dialog.guard.box is None

        # The window's thread goes on: a timer fires, a coroutine runs to its end, and a
        # widget asked to repaint is painted.
        with qtbot.waitSignal(window.windowTitleChanged, timeout=WAIT):
            QTimer.singleShot(0, lambda: window.setWindowTitle(window.windowTitle() + " "))
        assert run(asyncio.sleep(0, result="ran")) == "ran"
        paints = Paints()
        dialog.footer.installEventFilter(paints)
        dialog.footer.update()
        qtbot.waitUntil(lambda: paints.count > 0, timeout=WAIT)
        dialog.footer.removeEventFilter(paints)

        # The config file comes first: written already; nothing applied to the till yet.
        assert config_mod.load().config.order_ttl_minutes == 7
        assert runtime.config.order_ttl_minutes == 1
        assert held.secrets == {}
    finally:
        held.release.set()

    qtbot.waitUntil(lambda: bool(finished), timeout=WAIT)
    assert finished == [QDialog.DialogCode.Accepted]
    qtbot.waitUntil(lambda: runtime.config.order_ttl_minutes == 7, timeout=WAIT)
    assert runtime.engine.settings.ttl.total_seconds() == 7 * 60
    assert held.secrets == {(secrets.SERVICE, secrets.WEBHOOK_KEY): "webhook-secret"}
    assert held.on_the_gui_thread() == []
    qtbot.waitUntil(lambda: window._settings_dialog is None, timeout=WAIT)


def test_a_secret_refused_after_others_were_saved_puts_everything_back(
    qtbot: QtBot,
    refusing: RefusingKeyring,
    make_dialog: MakeDialog,
    sandbox_state: SandboxState,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The token (replacing an older one), the webhook secret (new) and the start-up entry
    are saved, then the keyring refuses the store database's password: the config file, both
    keyring entries and the start-up entry are as they were, and the page says why."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "appdata"))
    old = (secrets.SERVICE, secrets.TOKEN_KEY)
    refusing.secrets[old] = OLD_TOKEN
    paths.config_path().parent.mkdir(parents=True, exist_ok=True)
    paths.config_path().write_bytes(b'{"order_ttl_minutes": 3}\n')
    user_id, token = sandbox_state.add_seller("MLB")
    dialog = make_dialog()
    applied: list[object] = []
    dialog.applied.connect(applied.append)
    new_account_ready(qtbot, dialog, token)
    dialog.charging.notify.setChecked(True)
    dialog.charging.listen.setText("127.0.0.1:8088")
    dialog.charging.url.setText("http://127.0.0.1:8088/mp/notifications")
    dialog.charging.secret.setText("webhook-secret")
    dialog.startup._was_on = False
    dialog.startup.autostart.setChecked(True)
    store = dialog.store_database
    store.address.setText(NOBODY)
    store.password.setText("store-pass")
    refusing.refused.add(secrets.STORE_DB_KEY)
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT)
    dialog.show_section(SECTION_STORE_DB)
    store.password.setFocus()
    qtbot.keyClick(store.password, Qt.Key.Key_Return)  # Enter saves, as OK does
    qtbot.waitUntil(lambda: bool(store.password_field.error.text()), timeout=WAIT)

    # The token and the webhook secret were written, then the password refused.
    for key in (secrets.TOKEN_KEY, secrets.WEBHOOK_KEY, secrets.STORE_DB_KEY):
        assert ("set", key, False) in refusing.accesses, key
    # ... and everything is as before: the keyring, the start-up entry, the config file.
    assert refusing.secrets == {old: OLD_TOKEN}
    assert not autostart.is_enabled()
    assert paths.config_path().read_bytes() == b'{"order_ttl_minutes": 3}\n'
    assert refusing.on_the_gui_thread() == []  # the undo too
    # The dialog stays open on the page that failed, and nothing was applied.
    assert dialog.isVisible() and not applied
    assert dialog.stack.currentIndex() == SECTION_STORE_DB
    assert "cannot be saved" in store.password_field.error.text()
    assert not dialog.footer.text().startswith("Saving") and not dialog.footer.property("state")
    assert dialog.session.new_token == AccessToken(token)  # still to be saved
    assert store.password.text() == "store-pass"  # still typed, for the next OK
    assert dialog.focusWidget() is store.password  # back where the person was typing
    assert dialog.cancel_button.isEnabled() and dialog.ok_button.text().replace("&", "") == "OK"

    # The keyring takes it now: everything is saved.
    refusing.refused.clear()
    store.password_field.set_error("")
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT)
    with qtbot.waitSignal(dialog.finished, timeout=WAIT) as finished:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert finished.args == [QDialog.DialogCode.Accepted]
    assert refusing.secrets == {
        old: token,
        (secrets.SERVICE, secrets.WEBHOOK_KEY): "webhook-secret",
        (secrets.SERVICE, secrets.STORE_DB_KEY): "store-pass",
    }
    assert autostart.is_enabled()
    saved = config_mod.load().config
    assert (saved.user_id, saved.store_database) == (user_id, NOBODY)
    assert refusing.on_the_gui_thread() == []


def test_the_assistant_says_saving_while_a_hung_keyring_holds_the_token(
    qloop: Any,
    qtbot: QtBot,
    held: HeldKeyring,
    sandbox_app: Any,
    sandbox_state: SandboxState,
    run: Any,
) -> None:
    """Leaving the first step saves the token: while the keyring holds it the assistant says
    so, its buttons are off (no second Next, no demo half-way), and the window goes on."""
    from pos_app.ui.settings.setup_assistant import STEP_ACCOUNT, STEP_PLACE
    from tests.ui.test_setup_assistant import check_token, shown_assistant, start

    task = start(sandbox_app)
    assistant = shown_assistant(qtbot)
    check_token(qtbot, assistant, sandbox_state.seller_token)
    qtbot.waitUntil(assistant.next_button.isEnabled, timeout=WAIT)
    qtbot.mouseClick(assistant.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(held.entered.is_set, timeout=WAIT)
    try:
        assert assistant.isVisible() and assistant.step == STEP_ACCOUNT
        assert assistant.next_button.text().replace("&", "") == "Saving…"
        assert assistant.footer.text().startswith("Saving…")
        assert not assistant.next_button.isEnabled() and not assistant.demo_button.isEnabled()
        assistant.go_next()  # Enter, or a second click
        assistant.choose_demo()
        assert run(asyncio.sleep(0, result="ran")) == "ran"  # the loop goes on
        assert not task.done() and assistant.step == STEP_ACCOUNT
    finally:
        held.release.set()
    qtbot.waitUntil(lambda: assistant.step == STEP_PLACE, timeout=WAIT)
    assert held.secrets == {(secrets.SERVICE, secrets.TOKEN_KEY): sandbox_state.seller_token}
    assert assistant.next_button.text().replace("&", "") == "Next"
    assert assistant.demo_button.isEnabled() and assistant.back_button.isEnabled()
    assert held.on_the_gui_thread() == []
    assistant.close()
    qtbot.waitUntil(task.done, timeout=WAIT)


def test_the_assistant_says_when_the_settings_file_cannot_be_written(
    qloop: Any,
    qtbot: QtBot,
    refusing: RefusingKeyring,
    sandbox_app: Any,
    sandbox_state: SandboxState,
) -> None:
    """ "Start selling" writes the settings file on a worker thread: when it cannot be written
    the assistant stays on its last step and says why; once it can, the assistant ends."""
    from pos_app.ui.settings.setup_assistant import STEP_PLACE, STEP_READY
    from tests.ui.test_setup_assistant import check_token, shown_assistant, start

    task = start(sandbox_app)
    assistant = shown_assistant(qtbot)
    check_token(qtbot, assistant, sandbox_state.seller_token)
    qtbot.waitUntil(assistant.next_button.isEnabled, timeout=WAIT)
    qtbot.mouseClick(assistant.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: assistant.step == STEP_PLACE, timeout=WAIT)
    qtbot.waitUntil(assistant.next_button.isEnabled, timeout=WAIT)
    qtbot.mouseClick(assistant.next_button, Qt.MouseButton.LeftButton)
    assert assistant.step == STEP_READY
    paths.config_path().mkdir(parents=True)  # a folder where the file goes
    qtbot.mouseClick(assistant.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: assistant.footer.text().startswith("The settings file could not be written"),
        timeout=WAIT,
    )
    assert assistant.isVisible() and not task.done() and assistant.step == STEP_READY
    assert assistant.next_button.isEnabled()
    assert assistant.next_button.text().replace("&", "") == "Start selling"
    paths.config_path().rmdir()
    qtbot.mouseClick(assistant.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(task.done, timeout=WAIT)
    outcome = task.result()
    assert outcome is not None and outcome.config == config_mod.load().config


class HeldThenRefusingKeyring(HeldKeyring):
    """Holds the write, then refuses it (an unlock prompt dismissed)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entered.set()
        self.release.wait(WAIT / 1000)
        self._note("set", username)
        raise keyring.errors.PasswordSetError(username)


keyring.backend.KeyringBackend._classes.discard(HeldThenRefusingKeyring)


@pytest.fixture(params=[HeldKeyring, HeldThenRefusingKeyring], ids=["saved", "refused"])
def held_write(request: pytest.FixtureRequest) -> Iterator[HeldKeyring]:
    with thread_noting_keyring(request.param) as backend:
        assert isinstance(backend, HeldKeyring)
        yield backend
        backend.release.set()  # never left waiting


def test_closing_the_window_while_settings_save_says_so_and_closes_once_saved(
    qtbot: QtBot, held_write: HeldKeyring, window: Any, runtime: Runtime
) -> None:
    """The window closed (its close button, Ctrl-C, a log-out) while a hung keyring holds
    Settings' save: the dialog was dropped and the window went, and quitting then waited for
    the save's thread (up to D-Bus's 25 s) with nothing on screen, or was ended half-way. The
    window now stays, the dialog says it is finishing saving, and the window closes once the
    save has ended (all or nothing)."""
    qtbot.keyClick(window.scan, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window._settings_dialog is not None, timeout=WAIT)
    dialog: SettingsDialog = window._settings_dialog
    qtbot.waitExposed(dialog)
    dialog.show_section(SECTION_CHARGING)
    charging = dialog.charging
    charging.ttl.setText("7")
    charging.notify.setChecked(True)
    port = closed_port()
    charging.listen.setText(f"127.0.0.1:{port}")
    charging.url.setText(f"http://127.0.0.1:{port}/mp/notifications")
    charging.secret.setText("webhook-secret")
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT)
    closed: list[bool] = []
    window.closed.connect(lambda: closed.append(True))
    before = config_mod.saved_bytes()

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(held_write.entered.is_set, timeout=WAIT)  # the keyring is holding the write
    try:
        assert not window.close()  # the close button: not now
        window.close()  # pressed again: the same, once
        assert window.isVisible() and not window.was_closed and not closed
        assert dialog.isVisible() and dialog.is_saving()
        said = dialog.footer.text()
        assert said.startswith("Finishing saving the settings"), said
        assert "closes" in said and dialog.footer.property("state") == "busy"
    finally:
        held_write.release.set()

    qtbot.waitUntil(lambda: bool(closed), timeout=WAIT)  # then it closes, by itself
    assert closed == [True] and window.was_closed and not window.isVisible()
    # The save ended whole: the config file and the keyring agree (all, or nothing).
    if isinstance(held_write, HeldThenRefusingKeyring):
        assert config_mod.saved_bytes() == before  # put back
        assert held_write.secrets == {}
    else:
        assert config_mod.load().config.order_ttl_minutes == 7
        assert held_write.secrets == {(secrets.SERVICE, secrets.WEBHOOK_KEY): "webhook-secret"}
    assert held_write.on_the_gui_thread() == []
