"""The Settings dialog: the account token, charging options, language, OK and Cancel.

The dialog runs on the real runtime (sandbox in process, per-test POS_APP_HOME) and, unless a
test is about a missing keyring, on an in-memory keyring.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import keyring.errors
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from pos_app.mercadopago.client import MercadoPagoClient
from pos_app.mercadopago.credentials import AccessToken
from pos_app.mercadopago.retry import RetryPolicy
from pos_app.runtime import Runtime
from pos_app.sandbox.state import SandboxState
from pos_app.settings import config as config_mod
from pos_app.settings import paths, secrets
from pos_app.settings.config import PollSchedule
from pos_app.settings.memory_keyring import MemoryKeyring, memory_keyring
from pos_app.ui.settings.account import UNSAVED_CHOICE
from pos_app.ui.settings.dialog import (
    SECTION_ACCOUNT,
    SECTION_CHARGING,
    SECTION_LANGUAGE,
    SettingsDialog,
)
from pos_app.ui.settings.session import SettingsResult, SettingsSession

pytestmark = pytest.mark.gui

WAIT = 10_000
PUBLIC_KEY = "APP_USR-6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b"

MakeDialog = Callable[..., SettingsDialog]


@pytest.fixture
def keyring_memory() -> Iterator[MemoryKeyring]:
    with memory_keyring() as backend:
        yield backend


@pytest.fixture
def make_dialog(runtime: Runtime, qtbot: QtBot) -> Iterator[MakeDialog]:
    made: list[SettingsDialog] = []

    def make(*, client: MercadoPagoClient | None = None, origin: str = "keyring") -> SettingsDialog:
        session = SettingsSession(
            runtime.config,
            client or runtime.client,
            token=runtime.client.token,
            origin=origin,
        )
        dialog = SettingsDialog(session)
        dialog.resize(980, 720)
        dialog.open()
        qtbot.waitExposed(dialog)
        made.append(dialog)
        return dialog

    yield make
    for dialog in made:
        for task in [t for page in dialog.pages for t in page.forget_tasks()]:
            qtbot.waitUntil(task.done, timeout=3000)
        dialog.close()
        dialog.delete_when_settled()  # after the canceled calls' last steps


def results(dialog: SettingsDialog) -> list[SettingsResult]:
    got: list[SettingsResult] = []
    dialog.applied.connect(got.append)
    return got


def press_ok(qtbot: QtBot, dialog: SettingsDialog) -> bool:
    """Click OK and wait for the save it starts (on a worker thread) to end: True when
    everything was saved (the dialog is then closed, Accepted), False when nothing was (it is
    open and says why). A click that starts no save fails the test (no end to wait for)."""
    with qtbot.waitSignal(dialog.saveEnded, timeout=WAIT) as ended:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    saved = bool(ended.args[0])
    assert not dialog.is_saving()
    if saved:
        assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    else:
        assert dialog.isVisible() and dialog.cancel_button.isEnabled()
    return saved


def type_token(qtbot: QtBot, dialog: SettingsDialog, text: str) -> None:
    edit = dialog.account.token_edit
    edit.clear()
    qtbot.keyClicks(edit, text)


def press_test(qtbot: QtBot, dialog: SettingsDialog) -> None:
    qtbot.mouseClick(dialog.account.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.account.is_busy(), timeout=WAIT)


def test_account_shows_only_the_end_of_the_saved_token(
    keyring_memory: MemoryKeyring, make_dialog: MakeDialog, runtime: Runtime, screenshot: Any
) -> None:
    dialog = make_dialog()
    page = dialog.account
    hint = runtime.client.token.hint
    assert page.secret_status.text() == f"Access token: saved, ends in {hint}."
    assert runtime.client.token.reveal() not in page.secret_status.text()
    assert page.token_edit.echoMode() == page.token_edit.EchoMode.Password
    assert "memory" in page.storage.text()  # where the secret lives
    assert "business name and logo" in page.branding.text()
    assert page.card.isVisible() and page.nickname.text() == "DEMO"
    assert dialog.ok_button.isEnabled()  # nothing changed: a saved token is trusted
    screenshot(dialog, "settings_account")


def test_a_good_token_is_checked_then_saved_on_ok(
    qtbot: QtBot,
    keyring_memory: MemoryKeyring,
    make_dialog: MakeDialog,
    runtime: Runtime,
    sandbox_state: SandboxState,
    screenshot: Any,
) -> None:
    user_id, token = sandbox_state.add_seller("MLB")
    dialog = make_dialog()
    got = results(dialog)
    type_token(qtbot, dialog, token)
    assert not dialog.ok_button.isEnabled()  # not checked yet
    assert "Test connection" in dialog.footer.text()
    press_test(qtbot, dialog)
    page = dialog.account
    assert page.card.isVisible()
    assert page.user_id.text() == str(user_id)
    assert page.nickname.text().startswith("TESTDEMO")
    assert page.country.text() == "Brazil (MLB)"
    assert page.currency.text() == "BRL"
    assert page.test_user.text().startswith("Yes")
    screenshot(dialog, "settings_account_tested")
    # Another account: its store and box must be chosen before OK.
    assert not dialog.ok_button.isEnabled()
    assert dialog.footer.text().startswith("Store and box:")
    assert keyring_memory.secrets.get((secrets.SERVICE, secrets.TOKEN_KEY)) is None  # not yet

    dialog.show_section(1)
    place = dialog.place
    # The new account has one store with one box: both are proposed, and the QR fetched.
    qtbot.waitUntil(lambda: place.sticker.info is not None, timeout=WAIT)
    assert place.store_list.currentRow() == 0 and place.box_list.currentRow() == 0
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=WAIT)
    assert press_ok(qtbot, dialog)
    assert got and got[0].token == AccessToken(token)
    assert keyring_memory.secrets[(secrets.SERVICE, secrets.TOKEN_KEY)] == token
    saved = config_mod.load().config
    assert (saved.user_id, saved.site_id) == (user_id, "MLB")
    assert (saved.store_external_id, saved.box_external_id) == ("SUC001", "CAJA01")
    assert token not in paths.config_path().read_text(encoding="utf-8")  # never in the file
    assert page.secret_status.text().startswith("Access token: saved, ends in")
    assert page.token_edit.text() == ""


def test_a_wrong_token_is_explained_beside_the_field(
    qtbot: QtBot, keyring_memory: MemoryKeyring, make_dialog: MakeDialog, screenshot: Any
) -> None:
    dialog = make_dialog()
    type_token(qtbot, dialog, "APP_USR-1111111111111111-010101-notarealtoken-1")
    press_test(qtbot, dialog)
    error = dialog.account.token_field.error
    assert error.isVisible()
    assert "did not accept this access token" in error.text()
    assert not dialog.account.card.isVisible()
    assert not dialog.ok_button.isEnabled()
    screenshot(dialog, "settings_account_401")


def test_a_revoked_token_is_explained(
    qtbot: QtBot, keyring_memory: MemoryKeyring, make_dialog: MakeDialog, control: Any
) -> None:
    control.revoke_token()
    dialog = make_dialog()
    press_test(qtbot, dialog)  # the saved token, re-checked
    assert "revoked" in dialog.account.token_field.error.text()


def test_a_public_key_is_recognised_at_once(
    qtbot: QtBot, keyring_memory: MemoryKeyring, make_dialog: MakeDialog, screenshot: Any
) -> None:
    dialog = make_dialog()
    type_token(qtbot, dialog, PUBLIC_KEY)
    error = dialog.account.token_field.error
    assert error.isVisible() and "public key" in error.text()
    assert not dialog.ok_button.isEnabled()
    screenshot(dialog, "settings_account_public_key")


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_no_network_is_explained(
    qtbot: QtBot,
    keyring_memory: MemoryKeyring,
    make_dialog: MakeDialog,
    run: Any,
    screenshot: Any,
) -> None:
    http = httpx.AsyncClient()
    try:
        offline = MercadoPagoClient(
            http,
            AccessToken(""),
            base_url=f"http://127.0.0.1:{closed_port()}",
            retry=RetryPolicy(max_attempts=2, base_delay=0.01, max_delay=0.02, total_budget=0.5),
        )
        dialog = make_dialog(client=offline)
        type_token(qtbot, dialog, "APP_USR-1111111111111111-010101-offline-1")
        press_test(qtbot, dialog)
        assert "Cannot reach Mercado Pago" in dialog.account.token_field.error.text()
        screenshot(dialog, "settings_account_offline")
    finally:
        run(http.aclose())


def test_a_dropped_connection_is_explained_too(
    qtbot: QtBot, keyring_memory: MemoryKeyring, make_dialog: MakeDialog, control: Any
) -> None:
    control.faults(error_rate=1.0, kinds=["drop"], path_prefix="/users/me")
    dialog = make_dialog()
    press_test(qtbot, dialog)
    assert "Cannot reach Mercado Pago" in dialog.account.token_field.error.text()


def test_without_a_keyring_ok_waits_for_the_unsaved_choice_and_saves_no_token(
    qtbot: QtBot, make_dialog: MakeDialog, sandbox_state: SandboxState, screenshot: Any
) -> None:
    # No memory keyring here: the suite's "fail" backend, as on a PC without a secret service.
    UNSAVED_CHOICE.chosen = False
    dialog = make_dialog()
    page = dialog.account
    assert "no password keyring" in page.storage.text()
    assert "Keyring)" not in page.storage.text()  # never the backend's name ("fail Keyring")
    _, token = sandbox_state.add_seller()
    type_token(qtbot, dialog, token)
    press_test(qtbot, dialog)
    dialog.show_section(1)
    qtbot.waitUntil(lambda: dialog.place.sticker.info is not None, timeout=WAIT)
    dialog.show_section(SECTION_ACCOUNT)
    # OK only once it can work: the token can only be used unsaved here, and that is a choice.
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=WAIT)
    assert not dialog.ok_button.isEnabled()
    assert "without saving" in dialog.footer.text()
    assert not page.token_field.error.text()
    screenshot(dialog, "settings_account_no_keyring")
    got = results(dialog)
    page.unsaved_check.setChecked(True)
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT)
    assert press_ok(qtbot, dialog)
    assert not dialog.isVisible() and got
    assert got[0].token is not None and got[0].token.reveal() == token
    assert got[0].token_origin == "session"
    assert token not in paths.config_path().read_text(encoding="utf-8")
    UNSAVED_CHOICE.chosen = False


def test_a_token_from_the_environment_is_said_so(
    keyring_memory: MemoryKeyring,
    make_dialog: MakeDialog,
    runtime: Runtime,
    screenshot: Any,
) -> None:
    dialog = make_dialog(origin="environment")
    page = dialog.account
    assert "MP_ACCESS_TOKEN" in page.secret_status.text()
    assert runtime.client.token.hint in page.secret_status.text()
    assert not page.token_edit.isEnabled()
    screenshot(dialog, "settings_account_environment")


def test_charging_fields_are_validated_beside_the_field(
    qtbot: QtBot, keyring_memory: MemoryKeyring, make_dialog: MakeDialog, screenshot: Any
) -> None:
    dialog = make_dialog()
    dialog.show_section(SECTION_CHARGING)
    page = dialog.charging
    assert not page.notify.isChecked() and not page.notify_body.isVisible()  # off by default
    page.max_total.setText("12,34,5")
    assert "is not an amount" in page.max_total_field.error.text()
    assert not dialog.ok_button.isEnabled()
    assert dialog.footer.text().startswith("Charging:")
    page.ttl.setText("0")
    assert "1 to 1440" in page.ttl_field.error.text()
    page.fast.setText("fast")
    assert "number of seconds" in page.fast_field.error.text()
    page.steady.setChecked(True)
    assert page.fast_field.error.text() == ""  # not in use any more
    page.every.setText("0,1")
    assert "0.2" in page.every_field.error.text()
    screenshot(dialog, "settings_charging_errors")
    page.notify.setChecked(True)
    page.listen.setText("127.0.0.1:99999")
    page.url.setText("http://shop.example.com/mp")
    assert "HOST:PORT" in page.listen_field.error.text()
    assert "https://" in page.url_field.error.text()
    qtbot.wait(50)  # the notification fields appeared: let the page grow before scrolling
    dialog.stack.currentWidget().ensureWidgetVisible(page.secret)
    screenshot(dialog, "settings_charging_notification_errors")

    page.max_total.setText("250.000")
    page.listen.setText("127.0.0.1:8088")
    page.url.setText("https://shop.example.com/mp")
    page.secret.setText("s3cret-signature")
    page.ttl.setText("15")
    page.steady.setChecked(True)
    page.every.setText("5")
    page.sound.setChecked(False)
    assert dialog.ok_button.isEnabled() and dialog.footer.text() == ""
    dialog.stack.currentWidget().verticalScrollBar().setValue(0)
    screenshot(dialog, "settings_charging")
    got = results(dialog)
    assert press_ok(qtbot, dialog)
    config = got[0].config
    assert config.max_total == "250000"
    assert (config.notify_listen, config.notify_url) == (
        "127.0.0.1:8088",
        "https://shop.example.com/mp",
    )
    assert config.order_ttl_minutes == 15 and not config.sound_on_paid
    assert config.poll == PollSchedule.fixed(5.0)
    assert got[0].token is None  # the token did not change
    assert secrets.load_webhook_secret() == "s3cret-signature"
    assert config_mod.load().config == config


def test_language_choice_is_stored_for_the_next_start(
    qtbot: QtBot, keyring_memory: MemoryKeyring, make_dialog: MakeDialog, screenshot: Any
) -> None:
    dialog = make_dialog()
    dialog.show_section(SECTION_LANGUAGE)
    combo = dialog.language.language
    assert combo.currentData() == ""  # follows the system
    assert [combo.itemText(i) for i in range(1, combo.count())] == [
        "English",
        "Español",
        "Português (Brasil)",
    ]
    combo.setCurrentIndex(combo.findData("es"))
    assert "again" in dialog.language.restart_note.text()
    screenshot(dialog, "settings_language")
    assert press_ok(qtbot, dialog)
    assert config_mod.load().config.language == "es"


def test_cancel_discards_everything(
    qtbot: QtBot, keyring_memory: MemoryKeyring, make_dialog: MakeDialog, runtime: Runtime
) -> None:
    dialog = make_dialog()
    got = results(dialog)
    dialog.charging.ttl.setText("99")
    dialog.show_section(SECTION_ACCOUNT)
    type_token(qtbot, dialog, "APP_USR-2222222222222222-020202-discarded-2")
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    # Something was typed: Cancel asks first (Enter and Esc keep editing).
    qtbot.waitUntil(lambda: dialog.guard.box is not None, timeout=WAIT)
    assert dialog.isVisible()
    box = dialog.guard.box
    qtbot.mouseClick(box.findChild(QPushButton, "discardButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert not got
    assert not paths.config_path().exists()
    assert keyring_memory.secrets == {}
    assert runtime.config.order_ttl_minutes == 1


def test_f9_opens_settings_and_ok_reapplies_them(
    qtbot: QtBot, keyring_memory: MemoryKeyring, window: Any, runtime: Runtime, screenshot: Any
) -> None:
    assert window.settings_action.shortcut().toString() == "F9"
    screenshot(window, "settings_main_window_menu")
    tools = window.menuBar().actions()[0].menu().actions()
    assert tools == [window.products_action, window.add_product_action, window.settings_action]
    qtbot.keyClick(window.scan, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window._settings_dialog is not None, timeout=WAIT)
    dialog: SettingsDialog = window._settings_dialog
    qtbot.waitExposed(dialog)
    dialog.charging.ttl.setText("7")
    dialog.charging.order_title.setText("Kiosco  Ñandú")
    assert press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: runtime.config.order_ttl_minutes == 7, timeout=WAIT)
    assert runtime.engine.settings.ttl.total_seconds() == 7 * 60
    assert runtime.engine.settings.order_title == "Kiosco Ñandú"
    qtbot.waitUntil(lambda: window._settings_dialog is None, timeout=WAIT)


def test_settings_wait_while_a_charge_is_on_the_box(
    qtbot: QtBot, keyring_memory: MemoryKeyring, window: Any
) -> None:
    qtbot.keyClicks(window.scan, "7790580001018")
    qtbot.keyClick(window.scan, Qt.Key.Key_Return)
    qtbot.keyClick(window.scan, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.payment.sale is not None, timeout=WAIT)
    assert not window.settings_action.isEnabled()
    assert window.open_settings() is None


def test_charging_speaks_in_outcomes_with_the_schedule_behind_advanced(
    qtbot: QtBot, keyring_memory: MemoryKeyring, make_dialog: MakeDialog, screenshot: Any
) -> None:
    dialog = make_dialog()
    dialog.show_section(SECTION_CHARGING)
    page = dialog.charging
    qtbot.wait(50)
    assert page.outcome.isVisible()
    assert "noticed within about a second" in page.outcome.text()
    assert not page.schedule_box.isVisible() and not page.fast.isVisible()
    screenshot(dialog, "settings_charging_outcome")
    qtbot.mouseClick(page.advanced_button, Qt.MouseButton.LeftButton)
    assert page.schedule_box.isVisible() and page.fast.isVisible()
    page.steady.setChecked(True)
    page.every.setText("5")
    assert page.outcome.text() == "A payment is noticed within about 5 seconds."
    qtbot.mouseClick(page.advanced_button, Qt.MouseButton.LeftButton)
    assert not page.schedule_box.isVisible()
    page.every.setText("0,1")  # a problem in a hidden field opens the disclosure
    assert page.schedule_box.isVisible() and "0.2" in page.every_field.error.text()


def new_account_ready(qtbot: QtBot, dialog: SettingsDialog, token: str) -> None:
    """A new account's token checked and its one store and box chosen: OK can be pressed."""
    type_token(qtbot, dialog, token)
    press_test(qtbot, dialog)
    dialog.show_section(1)
    qtbot.waitUntil(lambda: dialog.place.sticker.info is not None, timeout=WAIT)
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT)


def test_ok_writes_the_config_file_before_the_token(
    qtbot: QtBot,
    keyring_memory: MemoryKeyring,
    make_dialog: MakeDialog,
    sandbox_state: SandboxState,
) -> None:
    user_id, token = sandbox_state.add_seller("MLB")
    dialog = make_dialog()
    got = results(dialog)
    new_account_ready(qtbot, dialog, token)
    paths.config_path().mkdir(parents=True)  # a folder where the file goes: it cannot be written
    assert not press_ok(qtbot, dialog)
    assert dialog.isVisible() and not got
    assert dialog.footer.text().startswith("The settings file could not be written")
    # The keyring was not touched: no token there that the config file does not know about.
    assert keyring_memory.secrets == {}
    paths.config_path().rmdir()
    assert press_ok(qtbot, dialog)
    assert not dialog.isVisible() and got and got[0].token == AccessToken(token)
    assert keyring_memory.secrets[(secrets.SERVICE, secrets.TOKEN_KEY)] == token
    assert config_mod.load().config.user_id == user_id


def test_ok_saves_the_config_and_every_secret_or_none_of_them(
    qtbot: QtBot,
    keyring_memory: MemoryKeyring,
    make_dialog: MakeDialog,
    sandbox_state: SandboxState,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    refused: set[str] = set()  # a keyring locked half-way through keeps some and refuses others
    keep = keyring_memory.set_password

    def set_password(service: str, username: str, password: str) -> None:
        if username in refused:
            raise keyring.errors.PasswordSetError(username)
        keep(service, username, password)

    monkeypatch.setattr(keyring_memory, "set_password", set_password)
    old = (secrets.SERVICE, secrets.TOKEN_KEY)
    keyring_memory.secrets[old] = "APP_USR-1111111111111111-010101-the-old-one-1"
    paths.config_path().parent.mkdir(parents=True, exist_ok=True)
    paths.config_path().write_bytes(b'{"order_ttl_minutes": 3}\n')
    user_id, token = sandbox_state.add_seller("MLB")
    dialog = make_dialog()
    got = results(dialog)
    new_account_ready(qtbot, dialog, token)
    charging = dialog.charging
    charging.notify.setChecked(True)
    charging.listen.setText("127.0.0.1:8088")
    charging.url.setText("http://127.0.0.1:8088/mp/notifications")
    charging.secret.setText("webhook-secret")
    refused.add(secrets.WEBHOOK_KEY)
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT)
    assert not press_ok(qtbot, dialog)

    # The token was saved, then the webhook secret was refused: all of it is undone.
    assert dialog.isVisible() and not got
    assert dialog.stack.currentIndex() == SECTION_CHARGING
    assert charging.secret_field.error.text()
    assert keyring_memory.secrets == {old: "APP_USR-1111111111111111-010101-the-old-one-1"}
    assert paths.config_path().read_bytes() == b'{"order_ttl_minutes": 3}\n'
    assert dialog.session.new_token == AccessToken(token)  # still to be saved

    refused.clear()
    assert press_ok(qtbot, dialog)
    assert not dialog.isVisible() and got and got[0].token == AccessToken(token)
    assert keyring_memory.secrets[old] == token
    assert keyring_memory.secrets[(secrets.SERVICE, secrets.WEBHOOK_KEY)] == "webhook-secret"
    saved = config_mod.load().config
    assert (saved.user_id, saved.notify_listen) == (user_id, "127.0.0.1:8088")


def test_each_page_is_made_in_its_place_and_restyled_once_while_the_dialog_is_built(
    runtime: Runtime, qtbot: QtBot
) -> None:
    """Moving a widget re-styles its whole subtree (the app has a stylesheet). Built loose and
    assembled afterwards, every page was re-styled three times (into its scroll area, the area
    into the stack, the stack into the dialog): 0.39 s to open Settings, 0.17 s then. Moved
    once into its scroll area, each of a page's widgets was still styled once more than needed
    (~20 % of the dialog's CPU): now each page is made inside its scroll area, so it is styled
    once, before anything in it, and never moved."""
    from PySide6.QtCore import QEvent, QObject
    from shiboken6 import Shiboken

    class StyleChanges(QObject):
        def __init__(self) -> None:
            super().__init__()
            # C++ addresses, not the objects: a page being made is seen through a short-lived
            # wrapper of its own (its Python object does not exist yet), and keeping that
            # wrapper would leave two owners of one widget.
            self.seen: list[int] = []

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.StyleChange:
                self.seen.append(Shiboken.getCppPointer(watched)[0])
            return False

    app = QApplication.instance()
    assert app is not None
    changes = StyleChanges()
    app.installEventFilter(changes)
    try:
        session = SettingsSession(
            runtime.config, runtime.client, token=runtime.client.token, origin="keyring"
        )
        dialog = SettingsDialog(session)
    finally:
        app.removeEventFilter(changes)
    try:
        for page in dialog.pages:
            assert isinstance(page, QWidget)
            at = Shiboken.getCppPointer(page)[0]
            inside = {Shiboken.getCppPointer(w)[0] for w in page.findChildren(QWidget)}
            assert inside
            own = [i for i, seen in enumerate(changes.seen) if seen == at]
            first_inside = min(i for i, seen in enumerate(changes.seen) if seen in inside)
            # Once: made where it stays. Before its widgets: made in place, then filled (a page
            # built loose and moved in is styled after all of them, and they all once more).
            assert len(own) == 1 and own[0] < first_inside, (type(page).__name__, own)
    finally:
        for task in [t for page in dialog.pages for t in page.forget_tasks()]:
            qtbot.waitUntil(task.done, timeout=3000)
        dialog.delete_when_settled()
