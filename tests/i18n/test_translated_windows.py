"""The cashier's window, the payment panel, the settings and sales dialogs in Spanish and in
Brazilian Portuguese: translated texts (ours and Qt's own buttons), nothing clipped.

Screenshots: ``artifacts/screenshots/i18n_<lang>_*.png``.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from devtools import linguist
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.settings.dialog import SettingsDialog
from pos_app.ui.settings.session import SettingsSession
from tests.i18n.texts import loading, visible_texts
from tests.ui.conftest import settle
from tests.ui.test_ui_charging import charge, fill_cart

pytestmark = pytest.mark.gui

LANGS = ["es", "pt_BR"]
DATA_WIDGETS = {"storeList", "boxList"}  # names from the Mercado Pago account


@functools.cache
def _translations(path: Path, _stamp: tuple[int, int]) -> dict[str, str]:
    """Source → translation of a .ts file, read once per version of the file (its modification
    time and size): ~12 ms of XML for each of the ~50 checks."""
    return {e.source: e.translation for e in linguist.read_ts(path)}


def english_leftovers(root: QWidget, lang: str) -> list[str]:
    """Visible texts that are an English source string whose translation is different."""
    path = linguist.ts_path(lang)
    stat = path.stat()
    translated = _translations(path, (stat.st_mtime_ns, stat.st_size))
    return [
        str(s) for s in visible_texts(root) if s.text in translated and translated[s.text] != s.text
    ]


def clipped(root: QWidget) -> list[str]:
    return [
        str(s)
        for s in visible_texts(root)
        if s.clipped and s.widget.objectName() not in DATA_WIDGETS
    ]


def texts(root: QWidget) -> set[str]:
    return {s.text for s in visible_texts(root)}


@pytest.fixture
def settings_dialog(runtime: Any, qtbot: QtBot) -> Iterator[SettingsDialog]:
    session = SettingsSession(
        runtime.config, runtime.client, token=runtime.client.token, origin="keyring"
    )
    dialog = SettingsDialog(session)
    dialog.resize(980, 720)
    dialog.open()
    qtbot.waitExposed(dialog)
    yield dialog
    for task in [t for page in dialog.pages for t in page.forget_tasks()]:
        qtbot.waitUntil(task.done, timeout=3000)
    dialog.close()
    dialog.deleteLater()


EXPECTED = {
    "es": {
        "title": "Caja — QR de Mercado Pago",
        "charge": "Cobrar con QR  (F5)",
        "custom": "Monto libre  (F2)",
        "waiting": "Esperando que el cliente escanee y pague",
        "cancel_charge": "Cancelar cobro  (Esc)",
        "cancel": "Cancelar",
        "settings": "Configuración",
        "account": "Cuenta",
        "box": "Caja 1",
    },
    "pt_BR": {
        "title": "Caixa — QR do Mercado Pago",
        "charge": "Cobrar com QR  (F5)",
        "custom": "Valor avulso  (F2)",
        "waiting": "Aguardando o cliente escanear e pagar",
        "cancel_charge": "Cancelar cobrança  (Esc)",
        "cancel": "Cancelar",
        "settings": "Configurações",
        "account": "Conta",
        "box": "Caixa 1",
    },
}


@pytest.mark.parametrize("lang", LANGS)
def test_main_window(window: MainWindow, qtbot: QtBot, screenshot: Any, lang: str) -> None:
    want = EXPECTED[lang]
    fill_cart(window, "7790580001018", "FIA001")
    window.open_custom_amount()
    settle()
    screenshot(window, f"i18n_{lang}_main_window")
    assert window.windowTitle() == want["title"]
    assert window.totals.charge_button.text() == want["charge"]
    assert window.custom_button.text() == want["custom"]
    assert want["box"] in window.status.place.text()
    assert not english_leftovers(window, lang)
    assert not clipped(window), "\n".join(clipped(window))


@pytest.mark.parametrize("lang", LANGS)
def test_payment_panel_while_charging(
    window: MainWindow, qtbot: QtBot, screenshot: Any, lang: str
) -> None:
    want = EXPECTED[lang]
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    screenshot(window, f"i18n_{lang}_payment_panel")
    assert window.payment.banner.text() == want["waiting"]
    assert want["cancel_charge"] in texts(window.payment)
    assert not english_leftovers(window, lang)
    assert not clipped(window), "\n".join(clipped(window))


@pytest.mark.parametrize("lang", LANGS)
def test_settings_dialog(
    settings_dialog: SettingsDialog, qtbot: QtBot, screenshot: Any, lang: str
) -> None:
    want = EXPECTED[lang]
    dialog = settings_dialog
    assert dialog.windowTitle() == want["settings"]
    assert dialog.sections.item(0).text() == want["account"]
    # Qt's own button, translated by qtbase_<lang>.qm.
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text()
    assert cancel.replace("&", "") == want["cancel"]  # with its Alt+letter
    problems = []
    for index in range(len(dialog.pages)):
        dialog.show_section(index)
        settle()
        # Then until the page's calls to the sandbox have answered (the store page sets its
        # sticker's caption when the box's QR arrives: checked before that, a later caption
        # was caught mid-layout) and its layout has settled (a label is briefly short while it
        # grows: under load, longer than any fixed pause); one that stays clipped is reported.
        with contextlib.suppress(qtbot.TimeoutError):
            qtbot.waitUntil(lambda: not loading(dialog) and not clipped(dialog), timeout=5000)
        screenshot(dialog, f"i18n_{lang}_settings_{index}")
        problems += [f"page {index}: English: {t}" for t in english_leftovers(dialog, lang)]
        problems += [f"page {index}: clipped: {t}" for t in clipped(dialog)]
    assert not problems, "\n".join(dict.fromkeys(problems))


@pytest.mark.parametrize("lang", LANGS)
def test_todays_sales_dialog(window: MainWindow, qtbot: QtBot, screenshot: Any, lang: str) -> None:
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    dialog = window.open_sales_dialog()
    qtbot.waitExposed(dialog)
    settle()
    screenshot(dialog, f"i18n_{lang}_todays_sales")
    assert not english_leftovers(dialog, lang)
    # The export's file name in the shop's language too (it offered "sales-…csv").
    start, _ = dialog.period_bounds()
    word = {"es": "ventas", "pt_BR": "vendas"}[lang]
    assert dialog.export_file_name() == f"{word}-{start:%Y-%m-%d}.csv"
    assert not clipped(dialog), "\n".join(clipped(dialog))
    dialog.close()


@pytest.mark.parametrize("lang", LANGS)
def test_products_window_editor_and_import_preview(
    window: MainWindow, qtbot: QtBot, screenshot: Any, lang: str, tmp_path: Any
) -> None:
    from tests.ui.test_ui_products import GOOD_AND_BAD_CSV

    products = window.open_products()
    qtbot.waitExposed(products)
    settle()
    screenshot(products, f"i18n_{lang}_products")
    problems = [f"products: {t}" for t in clipped(products) + english_leftovers(products, lang)]
    products.view.selectRow(0)
    editor = products.edit_selected()
    assert editor is not None
    qtbot.waitExposed(editor)
    settle()
    screenshot(editor, f"i18n_{lang}_product_editor")
    problems += [f"editor: {t}" for t in clipped(editor) + english_leftovers(editor, lang)]
    editor.reject()
    csv_file = tmp_path / "lista.csv"
    csv_file.write_text(GOOD_AND_BAD_CSV, encoding="utf-8")
    preview = products.preview_import(csv_file)
    qtbot.waitUntil(lambda: preview.plan is not None, timeout=10_000)
    settle()
    screenshot(preview, f"i18n_{lang}_import_preview")
    problems += [f"preview: {t}" for t in clipped(preview) + english_leftovers(preview, lang)]
    preview.reject()
    products.close()
    assert not problems, "\n".join(dict.fromkeys(problems))


@pytest.mark.parametrize("lang", LANGS)
def test_cash_drawer_and_close_day_dialogs(
    window: MainWindow, qtbot: QtBot, screenshot: Any, lang: str
) -> None:
    drawer = window.day.open_cash_drawer()
    drawer.cashier.setText("Ana")
    drawer.starting_float.setText("5000")
    drawer.open_shift()
    drawer.amount.setText("1000")
    drawer.reason.setText("Cambio")
    drawer.add_movement(__import__("pos_app.domain.day").domain.day.MovementKind.IN)
    qtbot.waitExposed(drawer)
    settle()
    screenshot(drawer, f"i18n_{lang}_cash_drawer")
    problems = [f"drawer: {t}" for t in clipped(drawer) + english_leftovers(drawer, lang)]
    drawer.close()
    closing = window.day.open_close_day()
    closing.counted.setText("6000")
    qtbot.waitExposed(closing)
    qtbot.mouseClick(
        closing.reconcile_button, __import__("PySide6.QtCore").QtCore.Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: closing.reconciliation is not None, timeout=10_000)
    settle()
    screenshot(closing, f"i18n_{lang}_close_day")
    word = {"es": "cierre", "pt_BR": "fechamento"}[lang]  # the PDF's name (was "close-N.pdf")
    assert closing.pdf_file_name() == f"{word}-{closing.shown_report().number}.pdf"
    problems += [f"close: {t}" for t in clipped(closing) + english_leftovers(closing, lang)]
    closing.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_import_preview_of_one_product(
    window: MainWindow, qtbot: QtBot, screenshot: Any, lang: str, tmp_path: Any
) -> None:
    """One line, one new product: the summary and the button read right with a count of one
    (they said "1 productos nuevos" and "Importar 1 productos")."""
    csv_file = tmp_path / "uno.csv"
    csv_file.write_text("sku,title,unit_price\nU1,Yerba,1500\n", encoding="utf-8")
    products = window.open_products()
    qtbot.waitExposed(products)
    preview = products.preview_import(csv_file)
    qtbot.waitUntil(lambda: preview.plan is not None, timeout=5000)
    screenshot(preview, f"i18n_{lang}_import_preview_one")
    want, button = {
        "es": ("Líneas listas para importar: 1 de 1. Productos nuevos: 1.", "Importar 1 producto"),
        "pt_BR": ("Linhas prontas para importar: 1 de 1. Produtos novos: 1.", "Importar 1 produto"),
    }[lang]
    assert preview.summary.text().startswith(want), preview.summary.text()
    assert preview.import_button.text().replace("&", "") == button
    assert not english_leftovers(preview, lang)
    preview.reject()
