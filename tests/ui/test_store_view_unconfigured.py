"""Day → Store and chain without a store database: it says so, and loads nothing for it.

psycopg and the store's modules are ~15,000 objects the garbage collector tracks for good; the
view imported them before it looked at the configuration, so every later full collection of a
counter without a store database walked them (~15-45 ms each on the 2-core machine)."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.test_settings_dialog import WAIT

pytestmark = pytest.mark.gui


def test_without_a_store_database_nothing_of_the_store_is_imported(
    qtbot: QtBot, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not window.rt.config.store_database
    for module in ("psycopg", "pos_app.store.views", "pos_app.store.replication"):
        monkeypatch.setitem(sys.modules, module, None)  # importing it now raises ImportError
    dialog = window.open_store_view()
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT) as got:
        dialog.refresh()
    assert got.args == [False]
    assert "Settings → Database" in dialog.note.text()
    dialog.close()
