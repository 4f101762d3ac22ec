"""Layouts survive long translations: a pseudo-translation ~40 % longer than English.

The pseudo-locale (``pos_app_xx.qm``, built from a fresh extraction in a temporary folder) wraps
every string in brackets, accents its letters and pads it, so that:

* a text clipped by its widget shows up as a label, button, check box, group title or list item
  whose text needs more room than the widget has (word-wrapping labels: more height);
* a text that does not go through the translator shows up unbracketed.

Screenshots: ``artifacts/screenshots/pseudo_*.png``.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from pos_app.settings.memory_keyring import memory_keyring
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.settings.dialog import SettingsDialog
from pos_app.ui.settings.session import SettingsSession
from tests.i18n.conftest import PSEUDO
from tests.i18n.texts import Shown, loading, visible_texts
from tests.ui.conftest import settle
from tests.ui.test_ui_charging import charge, fill_cart

pytestmark = [pytest.mark.gui, pytest.mark.parametrize("lang", [PSEUDO])]

WAIT = 10_000
DATA_WIDGETS = {"storeList", "boxList"}  # the account's stores and boxes, as Mercado Pago has them
NO_BUTTON = QDialogButtonBox.StandardButton.NoButton
# Not meant to be translated: amounts, codes, times, names from the catalog or the account,
# and the brand names.
DATA = re.compile(r"^([\W\d_]*|.*\bDEMO\b.*|Mercado Pago|APP_USR-.*|https?://\S+|[A-Z0-9]+)$")


def qts_own(shown: Shown) -> bool:
    """A standard dialog button: Qt translates it (``qtbase_*.qm``), not our catalog."""
    box = shown.widget.parent()
    return isinstance(box, QDialogButtonBox) and box.standardButton(shown.widget) != NO_BUTTON


def untranslated(shown: list[Shown]) -> list[str]:
    return [
        str(s)
        for s in shown
        if "[" not in s.text
        and not DATA.match(s.text.strip())
        and s.kind != "combo"
        and not s.kind.startswith("cell")  # the cart's and the ledger's data
        and s.widget.objectName() not in DATA_WIDGETS
        and not qts_own(s)
    ]


def clipped(shown: list[Shown]) -> list[str]:
    """Translated texts that do not fit, sideways scrolling, and amounts or quantities squeezed
    by longer headers (a long address in a list or a long product title are the data's)."""
    return [
        str(s)
        for s in shown
        if s.clipped and ("[" in s.text or s.kind == "scroll" or s.kind.startswith("cell"))
    ]


def check(widget: QWidget) -> tuple[list[str], list[str]]:
    shown = list(visible_texts(widget))
    assert shown, "nothing visible to check"
    return untranslated(shown), clipped(shown)


def test_main_window_cart(window: MainWindow, qtbot: QtBot, screenshot: Any) -> None:
    fill_cart(window, "7790580001018", "FIA001")
    window.open_custom_amount()
    settle()
    screenshot(window, "pseudo_main_window")
    missing, cut = check(window)
    assert not missing, "\n".join(missing)
    assert not cut, "\n".join(cut)


def test_payment_panel_charging(window: MainWindow, qtbot: QtBot, screenshot: Any) -> None:
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    screenshot(window, "pseudo_payment_panel")
    missing, cut = check(window)
    assert not missing, "\n".join(missing)
    assert not cut, "\n".join(cut)


def test_settings_dialog(runtime: Any, qtbot: QtBot, screenshot: Any) -> None:
    session = SettingsSession(
        runtime.config, runtime.client, token=runtime.client.token, origin="keyring"
    )
    dialog = SettingsDialog(session)
    dialog.resize(980, 720)
    dialog.open()
    qtbot.waitExposed(dialog)
    problems: list[str] = []
    try:
        for index, _page in enumerate(dialog.pages):
            dialog.show_section(index)
            # A page that is still asking Mercado Pago shows a placeholder until it answers
            # (slower on a loaded machine): check what the store owner sees once it has.
            qtbot.waitUntil(lambda: not loading(dialog), timeout=10_000)
            settle()
            screenshot(dialog, f"pseudo_settings_{index}")
            missing, cut = check(dialog)
            problems += [f"page {index}: untranslated {m}" for m in missing]
            problems += [f"page {index}: clipped {c}" for c in cut]
    finally:
        for task in [t for page in dialog.pages for t in page.forget_tasks()]:
            qtbot.waitUntil(task.done, timeout=3000)
        dialog.close()
        dialog.delete_when_settled()
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_settings_new_store_and_new_box_forms(runtime: Any, qtbot: QtBot, screenshot: Any) -> None:
    session = SettingsSession(
        runtime.config, runtime.client, token=runtime.client.token, origin="keyring"
    )
    dialog = SettingsDialog(session)
    dialog.resize(980, 720)
    dialog.open()
    qtbot.waitExposed(dialog)
    problems: list[str] = []
    try:
        dialog.show_section(1)
        place = dialog.place
        qtbot.waitUntil(place.new_store_button.isEnabled, timeout=WAIT)
        for name, button in (("store", place.new_store_button), ("box", place.new_box_button)):
            qtbot.waitUntil(button.isEnabled, timeout=WAIT)
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            qtbot.wait(100)
            screenshot(dialog, f"pseudo_settings_new_{name}")
            missing, cut = check(dialog)
            problems += [f"new {name}: untranslated {m}" for m in missing]
            problems += [f"new {name}: clipped {c}" for c in cut]
            back = [
                b for b in dialog.findChildren(QPushButton) if b.isVisible() and "Bàçk" in b.text()
            ]
            for b in back[:1]:
                qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
            qtbot.wait(50)
    finally:
        for task in [t for page in dialog.pages for t in page.forget_tasks()]:
            qtbot.waitUntil(task.done, timeout=3000)
        dialog.close()
        dialog.delete_when_settled()
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_todays_sales_dialog(window: MainWindow, qtbot: QtBot, screenshot: Any) -> None:
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    dialog = window.open_sales_dialog()
    qtbot.waitExposed(dialog)
    dialog.select_reference(window.payment.sale.external_reference)  # type: ignore[union-attr]
    settle()
    screenshot(dialog, "pseudo_todays_sales")
    missing, cut = check(dialog)
    dialog.close()
    assert not missing, "\n".join(missing)
    assert not cut, "\n".join(cut)


def test_setup_assistant(
    qloop: Any, qtbot: QtBot, sandbox_app: Any, sandbox_state: Any, screenshot: Any
) -> None:
    from tests.ui.test_setup_assistant import check_token, shown_assistant, start

    with memory_keyring():
        task = start(sandbox_app)
        assistant = shown_assistant(qtbot)
        problems: list[str] = []
        missing, cut = check(assistant)
        problems += [f"step 1: untranslated {m}" for m in missing]
        problems += [f"step 1: clipped {c}" for c in cut]
        screenshot(assistant, "pseudo_assistant_1")
        check_token(qtbot, assistant, sandbox_state.seller_token)
        for step in (2, 3):
            qtbot.waitUntil(assistant.next_button.isEnabled, timeout=WAIT)
            qtbot.mouseClick(assistant.next_button, Qt.MouseButton.LeftButton)
            # The step shown and its stores and boxes loaded (a fixed 200 ms wait caught the
            # place step still loading on a loaded machine, and called its texts clipped).
            qtbot.waitUntil(lambda step=step: assistant.step == step - 1, timeout=WAIT)
            qtbot.waitUntil(lambda: not assistant.place.is_busy(), timeout=WAIT)
            QApplication.processEvents()  # the layout settles (its LayoutRequest is posted)
            screenshot(assistant, f"pseudo_assistant_{step}")
            missing, cut = check(assistant)
            problems += [f"step {step}: untranslated {m}" for m in missing]
            problems += [f"step {step}: clipped {c}" for c in cut]
        assistant.close()
        qtbot.waitUntil(task.done, timeout=WAIT)
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_payment_panel_rejected_then_paid(
    window: MainWindow, qtbot: QtBot, control: Any, screenshot: Any, monkeypatch: Any
) -> None:
    from pos_app.ui.counter.sale_banner import BannerKind
    from pos_app.ui.qtkit import sounds

    monkeypatch.setattr(sounds, "paid", lambda: None)
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    problems: list[str] = []
    for outcome, kind in (("rejected", BannerKind.REJECTED), ("approved", BannerKind.PAID)):
        control.pay(outcome)
        qtbot.waitUntil(lambda kind=kind: window.payment.banner_kind is kind, timeout=WAIT)
        settle()
        screenshot(window, f"pseudo_payment_{kind.name.lower()}")
        missing, cut = check(window)
        problems += [f"{kind.name}: untranslated {m}" for m in missing]
        problems += [f"{kind.name}: clipped {c}" for c in cut]
    assert not problems, "\n".join(dict.fromkeys(problems))


# -- the windows of issue 15: Products, its editor and import preview, the new counter states ---
PRODUCT_DATA = {"importErrors", "importRows", "productsTable"}  # the file's and catalog's data


def _problems(widget: QWidget, where: str) -> list[str]:
    missing, cut = check(widget)
    missing = [m for m in missing if not any(repr(d) in m for d in PRODUCT_DATA)]
    return [f"{where}: untranslated {m}" for m in missing] + [f"{where}: clipped {c}" for c in cut]


def test_products_window_editor_and_import_preview(
    window: MainWindow, qtbot: QtBot, screenshot: Any, tmp_path: Any
) -> None:
    from tests.ui.test_ui_products import GOOD_AND_BAD_CSV, fill

    products = window.open_products()
    qtbot.waitExposed(products)
    settle()
    screenshot(products, "pseudo_products")
    problems = _problems(products, "products")
    products.view.selectRow(0)
    editor = products.edit_selected()
    assert editor is not None
    qtbot.waitExposed(editor)
    fill(qtbot, editor, sku="FIA001", price="12,345")  # errors under the fields
    settle()
    screenshot(editor, "pseudo_product_editor")
    problems += _problems(editor, "editor")
    editor.done(QDialog.DialogCode.Rejected)  # typed into: reject() would ask first
    csv_file = tmp_path / "lista.csv"
    csv_file.write_text(GOOD_AND_BAD_CSV, encoding="utf-8")
    preview = products.preview_import(csv_file)
    qtbot.waitUntil(lambda: preview.plan is not None, timeout=WAIT)
    settle()
    screenshot(preview, "pseudo_import_preview")
    problems += _problems(preview, "import preview")
    preview.reject()
    products.close()
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_counter_offers_and_payment_canceling_canceled(
    window: MainWindow, qtbot: QtBot, screenshot: Any
) -> None:
    from pos_app.ui.counter.sale_banner import BannerKind

    qtbot.keyClicks(window.scan, "7799999000017")
    qtbot.keyClick(window.scan, Qt.Key.Key_Return)
    qtbot.wait(50)
    screenshot(window, "pseudo_unknown_code_offer")
    problems = _problems(window, "unknown code")
    window.scan.clear()
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    qtbot.keyClick(window.payment, Qt.Key.Key_Escape)
    qtbot.wait(30)
    screenshot(window, "pseudo_payment_canceling")
    problems += _problems(window, "canceling")
    qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.CANCELED, timeout=WAIT)
    screenshot(window, "pseudo_payment_canceled")
    problems += _problems(window, "canceled")
    assert not problems, "\n".join(dict.fromkeys(problems))
