"""The window never reads the keyring on its own thread (issue 19, item 5): a locked keyring's
unlock prompt or a slow D-Bus secret service would freeze it. Each path the window reaches reads
through a keyring that notes its thread."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.domain.money import site_for
from pos_app.settings import secrets
from pos_app.settings.config import Config
from tests.keyring_threads import ThreadNotingKeyring, thread_noting_keyring
from tests.ui.test_settings_dialog import WAIT, MakeDialog, make_dialog

__all__ = ["make_dialog"]

pytestmark = pytest.mark.gui

# Nothing listens on port 1: the connection is refused at once, after the password was read.
NOBODY = "postgresql://pos@127.0.0.1:1/store"


@pytest.fixture
def noting() -> Iterator[ThreadNotingKeyring]:
    with thread_noting_keyring() as backend:
        yield backend


def test_store_view_reads_the_password_off_the_window_thread(
    qtbot: QtBot, qloop: Any, noting: ThreadNotingKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pos_app.ui.day.store_view import StoreViewDialog

    monkeypatch.delenv("POS_STORE_DATABASE_PASSWORD", raising=False)
    noting.set_password(secrets.SERVICE, secrets.STORE_DB_KEY, "kept")
    config = Config().with_changes(store_database=NOBODY)
    dialog = StoreViewDialog(lambda: config, site_for("MLA"))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT) as got:
        dialog.refresh()
    assert got.args == [False] and "cannot be reached" in dialog.note.text()
    assert noting.reads(secrets.STORE_DB_KEY) == [False]  # read once, not on the GUI thread


def test_database_check_reads_the_password_off_the_window_thread(
    qtbot: QtBot,
    noting: ThreadNotingKeyring,
    make_dialog: MakeDialog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("POS_STORE_DATABASE_PASSWORD", raising=False)
    noting.set_password(secrets.SERVICE, secrets.STORE_DB_KEY, "kept")
    page = make_dialog().store_database
    page.address.setText(NOBODY)  # no password typed: the saved one is used
    with qtbot.waitSignal(page.checked, timeout=WAIT) as got:
        qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    assert got.args == [False] and "Not connected" in page.result.text()
    assert noting.reads(secrets.STORE_DB_KEY) == [False]


def test_charging_page_learns_of_a_saved_webhook_secret_off_the_window_thread(
    qtbot: QtBot,
    noting: ThreadNotingKeyring,
    make_dialog: MakeDialog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("MP_WEBHOOK_SECRET", raising=False)
    noting.set_password(secrets.SERVICE, secrets.WEBHOOK_KEY, "whsec")
    page = make_dialog().charging
    qtbot.waitUntil(
        lambda: page.secret.placeholderText() == "saved — type to replace", timeout=WAIT
    )
    assert noting.reads(secrets.WEBHOOK_KEY) == [False]


def test_settings_asks_the_keyring_whether_it_is_usable_off_the_window_thread(
    noting: ThreadNotingKeyring, make_dialog: MakeDialog
) -> None:
    """Whether the keyring is usable (upstream, the secret service's ``priority`` asks D-Bus
    each time it is looked at) is known from the start-up's token read on a worker thread:
    the account page does not ask again on the window's thread."""
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as worker:  # as the start-up does
        worker.submit(secrets.load_token).result()
    assert ThreadNotingKeyring.priority_looks and not any(ThreadNotingKeyring.priority_looks)
    dialog = make_dialog()
    assert "keyring (memory only" in dialog.account.storage.text()
    assert not any(ThreadNotingKeyring.priority_looks)


def test_help_support_file_reads_the_keyring_off_the_window_thread(
    qtbot: QtBot, window: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Help → Save a support file runs the doctor's checks and the settings summary in the
    window: the token and the webhook secret are read on a worker thread."""
    from pos_app.mercadopago.credentials import AccessToken
    from pos_app.ui.widgets import form_parts

    monkeypatch.delenv("MP_ACCESS_TOKEN", raising=False)
    monkeypatch.delenv("MP_WEBHOOK_SECRET", raising=False)
    monkeypatch.setattr(form_parts, "show_notice", lambda *_args: None)
    with thread_noting_keyring() as noting:
        secrets.save_token(AccessToken("TEST-1-abc"))
        noting.accesses.clear()
        out = tmp_path / "support.zip"
        window.support.save(out)
        qtbot.waitUntil(lambda: window.support.last_saved == out, timeout=20_000)
        assert noting.reads(secrets.TOKEN_KEY) and not any(noting.reads(secrets.TOKEN_KEY))
        assert noting.reads(secrets.WEBHOOK_KEY) == [False]


@pytest.fixture
def config_writes(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """For each write of the config file: True when it ran on the GUI thread."""
    import threading

    from pos_app.settings import config as config_mod

    noted: list[bool] = []
    save = config_mod.save

    def noting_save(config: Config, path: Any = None) -> Any:
        noted.append(threading.current_thread() is threading.main_thread())
        return save(config, path)

    monkeypatch.setattr(config_mod, "save", noting_save)
    return noted


def test_settings_ok_writes_the_keyring_and_the_config_file_off_the_window_thread(
    qtbot: QtBot,
    noting: ThreadNotingKeyring,
    make_dialog: MakeDialog,
    sandbox_state: Any,
    config_writes: list[bool],
) -> None:
    """OK saves a new token, a webhook secret and the store database's password: each keyring
    write (and the read of what it replaces, for an undo) and the config file's write run on a
    worker thread; on the window's thread a locked keyring's unlock prompt, or a secret service
    that hangs until D-Bus gives up (25 s), froze the window."""
    import concurrent.futures

    from PySide6.QtWidgets import QDialog

    from tests.ui.test_settings_dialog import new_account_ready

    with concurrent.futures.ThreadPoolExecutor(1) as worker:  # the start-up's read
        worker.submit(secrets.load_token).result()
    _, token = sandbox_state.add_seller("MLB")
    dialog = make_dialog()
    new_account_ready(qtbot, dialog, token)
    dialog.charging.notify.setChecked(True)
    dialog.charging.listen.setText("127.0.0.1:8088")
    dialog.charging.url.setText("http://127.0.0.1:8088/mp/notifications")
    dialog.charging.secret.setText("webhook-secret")
    dialog.store_database.address.setText(NOBODY)
    dialog.store_database.password.setText("store-pass")
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT)
    with qtbot.waitSignal(dialog.finished, timeout=WAIT) as finished:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert finished.args == [QDialog.DialogCode.Accepted]
    stored = {key: value for (_service, key), value in noting.secrets.items()}
    assert stored == {
        secrets.TOKEN_KEY: token,
        secrets.WEBHOOK_KEY: "webhook-secret",
        secrets.STORE_DB_KEY: "store-pass",
    }
    for key in (secrets.TOKEN_KEY, secrets.WEBHOOK_KEY, secrets.STORE_DB_KEY):
        assert noting.writes(key) == [False], key
        assert noting.reads(key) and not any(noting.reads(key)), key  # the undo's read too
    assert noting.on_the_gui_thread() == []
    assert not any(ThreadNotingKeyring.priority_looks)
    assert config_writes == [False]


def test_the_assistant_saves_the_token_and_the_config_file_off_the_window_thread(
    qloop: Any,
    qtbot: QtBot,
    noting: ThreadNotingKeyring,
    sandbox_app: Any,
    sandbox_state: Any,
    config_writes: list[bool],
) -> None:
    """Leaving the first step saves the token in the keyring, "Start selling" the config file:
    both on a worker thread."""
    from pos_app.ui.settings.setup_assistant import STEP_PLACE, STEP_READY
    from tests.ui.test_setup_assistant import check_token, shown_assistant, start

    task = start(sandbox_app)
    assistant = shown_assistant(qtbot)
    check_token(qtbot, assistant, sandbox_state.seller_token)
    qtbot.waitUntil(assistant.next_button.isEnabled, timeout=WAIT)
    qtbot.mouseClick(assistant.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: assistant.step == STEP_PLACE, timeout=WAIT)
    assert noting.secrets[(secrets.SERVICE, secrets.TOKEN_KEY)] == sandbox_state.seller_token
    assert noting.writes(secrets.TOKEN_KEY) == [False]
    qtbot.waitUntil(assistant.next_button.isEnabled, timeout=WAIT)
    qtbot.mouseClick(assistant.next_button, Qt.MouseButton.LeftButton)
    assert assistant.step == STEP_READY
    qtbot.mouseClick(assistant.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(task.done, timeout=WAIT)
    outcome = task.result()
    assert outcome is not None and outcome.config is not None
    assert config_writes == [False]
    assert noting.on_the_gui_thread() == []
