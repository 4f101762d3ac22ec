"""Help → About in Spanish and Brazilian Portuguese: every label translated, the values (the
version, the paths, the ids) as they are, and the menu entry too."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from pos_app import version_text
from pos_app.ui.counter.main_window import MainWindow

pytestmark = pytest.mark.gui

EXPECTED = {
    "es": ("Acerca de…", "Versión: ", "Modo demo: no", "Copiar al portapapeles"),
    "pt_BR": (
        "Sobre…",
        "Versão: ",
        "Modo demonstração: não",
        "Copiar para a área de transferência",
    ),
}
ENGLISH_LABELS = ("Version:", "Data folder:", "Ledger:", "Settings file:", "Log folder:", "Store:")


@pytest.mark.parametrize("lang", ["es", "pt_BR"])
def test_about_is_translated(lang: str, window: MainWindow, qtbot: QtBot) -> None:
    entry, version, demo, copy = EXPECTED[lang]
    action = window.findChild(QAction, "aboutAction")
    assert action is not None and action.text() == entry
    dialog = window.support.about()
    qtbot.waitUntil(lambda: dialog.facts is not None, timeout=20_000)
    lines = dialog.text.toPlainText().splitlines()
    assert lines[0] == version + version_text()
    assert demo in lines and dialog.copy_button.text() == copy
    assert not [line for line in lines if line.startswith(ENGLISH_LABELS)], lines
    dialog.reject()
