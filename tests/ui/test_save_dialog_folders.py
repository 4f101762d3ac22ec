"""The receipt's Save as PDF… and the QR sticker's Save as PNG/PDF… propose the documents
folder when there is one. Without it (a kiosk's account, a minimal install) the dialogs took
the missing folder's path as a name under the app's working folder
(``<working folder>/home/ana/Documents/….pdf``): the home folder instead, as Help → Save a
support file proposes (tests/ui/test_support_file_off_gui_thread.py); one helper for the
three, :func:`pos_app.ui.qtkit.folders.existing_folder`."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from pos_app.receipts.service import receipt_for_sale
from pos_app.settings.config import Config
from pos_app.ui.receipts.preview import ReceiptPreviewDialog
from pos_app.ui.settings.qr_sticker import StickerPanel
from tests.receipts.test_discounts import discounted_sale

pytestmark = pytest.mark.gui


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "ana"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))  # no user-dirs.dirs there
    monkeypatch.chdir(tmp_path)
    return home


def proposed(button: QPushButton) -> Path:
    """The path the file dialog the button opens proposes (the cashier's click)."""
    button.click()
    [dialog] = [d for d in button.window().findChildren(QFileDialog) if d.isVisible()]
    [chosen] = dialog.selectedFiles()
    dialog.close()
    dialog.setParent(None)
    dialog.deleteLater()
    return Path(chosen)


def test_the_receipt_pdf_dialog_proposes_a_folder_that_exists(qtbot: QtBot, home: Path) -> None:
    sale = discounted_sale()
    preview = ReceiptPreviewDialog(receipt_for_sale(sale, Config()), Config())
    qtbot.addWidget(preview)
    for folder in (home, home / "Documents"):
        folder.mkdir(exist_ok=True)
        chosen = proposed(preview.pdf_button)
        assert chosen == folder / f"{sale.external_reference}.pdf", chosen


def test_the_sticker_dialogs_propose_a_folder_that_exists(qtbot: QtBot, home: Path) -> None:
    panel = StickerPanel()
    qtbot.addWidget(panel)
    panel.set_sticker("00020101021243650016COM.MERCADOLIBRE", "Almacén", "Caja 1")
    assert panel.info is not None
    for folder in (home, home / "Documents"):
        folder.mkdir(exist_ok=True)
        for kind, button in (("png", panel.png_button), ("pdf", panel.pdf_button)):
            chosen = proposed(button)
            assert chosen == folder / f"{panel.info.file_stem}.{kind}", chosen
