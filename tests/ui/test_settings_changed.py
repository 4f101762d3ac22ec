"""Settings asks "Discard the changes?" only when the person changed something: a page that
fills itself after opening (the store and box lists loaded from the sandbox, the box's QR
fetched, forms moved, combos refilled) asked it after merely looking through the pages."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.ui.settings.dialog import SECTION_CHARGING, SettingsDialog
from tests.ui.test_settings_dialog import (  # noqa: F401  (fixtures)
    WAIT,
    MakeDialog,
    keyring_memory,
    make_dialog,
)

pytestmark = pytest.mark.gui


def look_through_every_page(qtbot: QtBot, dialog: SettingsDialog) -> None:
    for row in range(dialog.sections.count()):
        dialog.show_section(row)
        qtbot.wait(50)
        qtbot.waitUntil(lambda: not any(p.is_busy() for p in dialog.pages), timeout=WAIT)
    assert dialog.place.store_list.count() > 0  # the lists did load from the sandbox


def test_looking_is_not_changing(
    qtbot: QtBot,
    keyring_memory: Any,  # noqa: F811
    make_dialog: MakeDialog,  # noqa: F811
) -> None:
    dialog = make_dialog()
    look_through_every_page(qtbot, dialog)
    dialog.place.reload()  # loaded again (as after a new token): the lists refilled
    qtbot.waitUntil(lambda: not dialog.place.is_busy(), timeout=WAIT)
    assert not dialog.guard.changed()
    qtbot.keyClick(dialog.sections, Qt.Key.Key_Escape)
    assert dialog.guard.box is None  # no question
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)


def test_an_edit_asks_and_an_edit_undone_does_not(
    qtbot: QtBot,
    keyring_memory: Any,  # noqa: F811
    make_dialog: MakeDialog,  # noqa: F811
) -> None:
    dialog = make_dialog()
    look_through_every_page(qtbot, dialog)
    dialog.show_section(SECTION_CHARGING)
    ttl = dialog.charging.ttl
    was = ttl.text()
    ttl.setFocus()
    qtbot.keyClicks(ttl, "5")
    assert dialog.guard.changed()
    qtbot.keyClick(ttl, Qt.Key.Key_Backspace)  # typed back to what it was
    assert ttl.text() == was and not dialog.guard.changed()
    sound = dialog.charging.sound
    qtbot.mouseClick(sound, Qt.MouseButton.LeftButton)
    assert dialog.guard.changed()
    dialog.reject()
    qtbot.waitUntil(lambda: dialog.guard.box is not None, timeout=WAIT)
    assert dialog.isVisible()
    dialog.guard.box.done(0)
    qtbot.mouseClick(sound, Qt.MouseButton.LeftButton)  # ticked back
    assert not dialog.guard.changed()
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
