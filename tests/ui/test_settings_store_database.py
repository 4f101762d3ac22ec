"""Settings → Store database: the address without its password in the file, the password in the
keyring, and a check against a real (throwaway) PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.settings import config as config_mod
from pos_app.settings import paths, secrets
from pos_app.settings.memory_keyring import MemoryKeyring
from tests.store.fixtures import pg_server, store_db
from tests.store.pgserver import SUPERPASS, PgServer
from tests.ui.test_settings_dialog import (
    WAIT,
    MakeDialog,
    keyring_memory,
    make_dialog,
    press_ok,
    results,
)

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
    assert press_ok(qtbot, dialog)
    assert applied[0].config.store_database == pg_server.url(dbname=store_db)
    assert SUPERPASS not in paths.config_path().read_text(encoding="utf-8")
    assert config_mod.load().config.store_database == pg_server.url(dbname=store_db)
    assert secrets.load_store_password() == SUPERPASS


def test_the_window_delivers_and_listens_inside_the_qt_event_loop(
    qtbot: QtBot,
    window: Any,
    runtime: Any,
    run: Any,
    pg_server: PgServer,
    store_db: str,
    monkeypatch: pytest.MonkeyPatch,
    screenshot: Any,
) -> None:
    """psycopg's async connection under qasync: delivery, the status bar, LISTEN."""
    from decimal import Decimal

    from pos_app.domain.cart import CartLine
    from pos_app.store.hints import HintPublisher
    from tests.store.helpers import rows

    monkeypatch.setenv("POS_STORE_DATABASE_PASSWORD", SUPERPASS)
    url = pg_server.url(dbname=store_db)
    run(window.rt.reconfigure(window.rt.config.with_changes(store_database=url)))
    assert runtime.replicator is not None and runtime.store_hints is not None
    line = CartLine(sku="X1", title="Yerba", unit_price=Decimal("1500"), quantity=1)
    sale = run(runtime.engine.charge([line]))
    qtbot.waitUntil(lambda: runtime.replicator.status().up_to_date, timeout=WAIT)
    # Said by the delivery's own thread, posted to the window's (never read on it).
    qtbot.waitUntil(
        lambda: window.status.store_db.text() == "Store database: up to date", timeout=WAIT
    )
    got = rows(pg_server.admin_url(store_db), "SELECT reference FROM sales")
    assert got == [(sale.external_reference,)]
    qtbot.waitUntil(runtime.store_hints.listening.is_set, timeout=WAIT)
    publisher = HintPublisher(url, SUPERPASS)
    assert run(publisher.publish("merchant_order", "123456"))
    run(publisher.aclose())
    qtbot.waitUntil(lambda: runtime.store_hints.received >= 1, timeout=WAIT)
    screenshot(window, "store_database_up_to_date")
