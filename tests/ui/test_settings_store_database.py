"""Settings → Store database: the address without its password in the file, the password in the
keyring, and a check against a real (throwaway) PostgreSQL."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.settings import config as config_mod
from pos_app.settings import paths, secrets
from pos_app.settings.memory_keyring import MemoryKeyring
from tests.store.fixtures import pg_server, store_db
from tests.store.pgserver import SUPERPASS, PgServer
from tests.ui.test_settings_dialog import WAIT, MakeDialog, keyring_memory, make_dialog, results

__all__ = ["keyring_memory", "make_dialog", "pg_server", "store_db"]

pytestmark = [pytest.mark.gui, pytest.mark.posix]


def test_store_database_page_checks_and_saves_without_the_password_in_the_file(
    qtbot: QtBot,
    keyring_memory: MemoryKeyring,
    make_dialog: MakeDialog,
    pg_server: PgServer,
    store_db: str,
) -> None:
    dialog = make_dialog()
    page = dialog.store_database
    assert page.title == "Database"
    page.address.setText("http://not-postgres")
    assert "not a PostgreSQL address" in page.problem()
    assert not dialog.ok_button.isEnabled()
    page.address.setText(pg_server.admin_url(store_db))  # the password inside the address
    assert page.problem() == "" and dialog.ok_button.isEnabled()
    with qtbot.waitSignal(page.checked, timeout=WAIT) as got:
        qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    assert got.args == [True], page.result.text()
    assert "Connected" in page.result.text()
    page.password.setText("wrong")
    with qtbot.waitSignal(page.checked, timeout=WAIT) as got:
        qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    assert got.args == [False]
    assert "wrong" not in page.result.text() and "password" in page.result.text()
    page.password.clear()
    applied = results(dialog)
    assert dialog.try_accept()
    assert applied[0].config.store_database == pg_server.url(dbname=store_db)
    assert SUPERPASS not in paths.config_path().read_text(encoding="utf-8")
    assert config_mod.load().config.store_database == pg_server.url(dbname=store_db)
    assert secrets.load_store_password() == SUPERPASS
