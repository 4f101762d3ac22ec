"""A usability audit's pictures: every window and state at three screen sizes, per language.

Not part of the suite (the file name is not ``test_*``): run it by its path when a person is to
look at the windows::

    POS_APP_SCREENSHOTS=1 .venv/bin/python -m pytest -n0 -p no:cacheprovider \
        tests/i18n/audit_screens.py

Pictures: ``artifacts/screenshots/audit/<lang>/<size>_<state>.png``; beside them,
``audit/<lang>/report.txt`` lists every text a window clips and every window that is larger
than the screen it was drawn for.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from pos_app.domain.catalog import Product
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.sale_banner import BannerKind
from tests.i18n.texts import visible_texts
from tests.ui.conftest import SCREENSHOTS, keep_picture, settle, wait_settled
from tests.ui.test_ui_charging import WAIT, banner_is, charge, fill_cart

pytestmark = pytest.mark.gui

SIZES = [(1024, 600), (1366, 768), (1920, 1080)]
LANGS = ["en", "es", "pt_BR"]


class Audit:
    def __init__(self, lang: str, qtbot: QtBot) -> None:
        self.lang = lang
        self.qtbot = qtbot
        self.folder = Path("audit") / lang
        self.report = SCREENSHOTS / self.folder / "report.txt"
        self.lines: list[str] = []

    def shot(self, widget: QWidget, name: str) -> None:
        settle()
        (SCREENSHOTS / self.folder).mkdir(parents=True, exist_ok=True)
        keep_picture(widget.grab(), str(self.folder / f"{name}.png"))
        for shown in visible_texts(widget):
            if shown.clipped:
                self.lines.append(f"{name}: clipped {shown}")
        hint = widget.minimumSizeHint()
        least = widget.minimumSize().expandedTo(hint)
        if least.width() > 1024 or least.height() > 560:
            self.lines.append(
                f"{name}: needs at least {least.width()}x{least.height()} (1024x600 screen)"
            )
        focus = QApplication.focusWidget()
        if focus is not None and (focus is widget or widget.isAncestorOf(focus)):
            name_of = focus.objectName() or type(focus).__name__
            self.lines.append(f"{name}: focus on {name_of}")

    def sizes(self, window: QWidget, name: str) -> None:
        for w, h in SIZES:
            window.resize(w, h)
            settle()
            self.shot(window, f"{w}x{h}_{name}")
        window.resize(1024, 600)

    def write(self) -> None:
        if self.lines:
            self.report.parent.mkdir(parents=True, exist_ok=True)
            with self.report.open("a", encoding="utf-8") as out:
                out.write("\n".join(self.lines) + "\n")


@pytest.fixture
def audit(lang: str, qtbot: QtBot) -> Iterator[Audit]:
    a = Audit(lang, qtbot)
    yield a
    a.write()


def _charge(qtbot: QtBot, window: MainWindow) -> None:
    window.charge()
    qtbot.waitUntil(banner_is(window, BannerKind.WAITING), timeout=WAIT)


def _thirty(window: MainWindow) -> None:
    products = [p for p in window.rt.ledger.catalog.list_page(limit=200) if not p.is_measured]
    for i in range(30):
        p: Product = products[i % len(products)]
        window.model.add_line(dataclasses.replace(p, sku=f"{p.sku}-{i}").to_line())


@pytest.mark.parametrize("lang", LANGS)
def test_counter_states(
    window: MainWindow, qtbot: QtBot, control: Any, audit: Audit, lang: str
) -> None:
    audit.sizes(window, "counter_empty")
    _thirty(window)
    audit.sizes(window, "counter_30_lines")
    window.model.clear()
    from tests.ui.test_ui_prices import HAM_LABEL, YERBA_EAN, scan

    scan(qtbot, window, HAM_LABEL)
    scan(qtbot, window, YERBA_EAN)
    from pos_app.domain.pricing import Discount, DiscountKind

    line = window.model.lines()[1]
    window._apply_line_discount(line, Discount(DiscountKind.PERCENT, Decimal(10)))
    window._apply_sale_discount(Discount(DiscountKind.AMOUNT, Decimal(500)))
    audit.sizes(window, "counter_weighed_discounts")
    window.model.clear()

    fill_cart(window, "7790580001018", "FIA001")
    control.faults(latency_ms=1500, path_prefix="/instore")
    qtbot.keyClick(window.scan, Qt.Key.Key_F5)
    qtbot.wait(100)
    audit.sizes(window, "pay_sending")
    qtbot.waitUntil(banner_is(window, BannerKind.WAITING), timeout=WAIT)
    control.clear_faults()
    audit.sizes(window, "pay_waiting")
    control.pay("rejected")
    qtbot.waitUntil(banner_is(window, BannerKind.REJECTED), timeout=WAIT)
    audit.sizes(window, "pay_rejected")
    control.pay("approved")
    qtbot.waitUntil(banner_is(window, BannerKind.PAID), timeout=WAIT)
    audit.sizes(window, "pay_rejected_then_paid")
    window.new_sale()

    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    qtbot.keyClick(window.payment, Qt.Key.Key_Escape)
    qtbot.waitUntil(banner_is(window, BannerKind.CANCELED), timeout=WAIT)
    audit.sizes(window, "pay_canceled")
    window.back_to_cart()
    charge(qtbot, window)
    window.rt.engine.monotonic = lambda: time.monotonic() + 120
    qtbot.waitUntil(banner_is(window, BannerKind.EXPIRED), timeout=WAIT)
    audit.sizes(window, "pay_expired")
    window.rt.engine.monotonic = time.monotonic
    window.back_to_cart()
    charge(qtbot, window)
    control.faults(error_rate=1.0, kinds=["500"])
    qtbot.waitUntil(banner_is(window, BannerKind.TROUBLE), timeout=WAIT)
    audit.sizes(window, "pay_connection_trouble")
    control.clear_faults()
    qtbot.waitUntil(banner_is(window, BannerKind.WAITING), timeout=WAIT)
    qtbot.mouseClick(window.payment.cash_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(banner_is(window, BannerKind.CASH), timeout=WAIT)
    audit.sizes(window, "pay_cash")
    window.new_sale()
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    control.revoke_token()
    qtbot.waitUntil(banner_is(window, BannerKind.AUTH), timeout=WAIT)
    audit.sizes(window, "pay_token_refused_while_waiting")


@pytest.mark.parametrize("lang", LANGS)
def test_refused_order(
    window: MainWindow, qtbot: QtBot, control: Any, audit: Audit, lang: str
) -> None:
    fill_cart(window, "7790580001018")
    control.revoke_token()
    qtbot.keyClick(window.scan, Qt.Key.Key_F5)
    qtbot.waitUntil(banner_is(window, BannerKind.FAILED), timeout=WAIT)
    audit.sizes(window, "pay_refused_token")


@pytest.mark.parametrize("lang", LANGS)
def test_box_refused(
    window: MainWindow, qtbot: QtBot, control: Any, audit: Audit, lang: str
) -> None:
    fill_cart(window, "7790580001018")
    control.state.boxes.clear()  # the box was deleted in Mercado Pago's panel
    qtbot.keyClick(window.scan, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: not window.busy and not window._charging, timeout=WAIT)
    qtbot.wait(300)
    audit.sizes(window, "pay_box_refused")
    for w in QApplication.topLevelWidgets():
        if w.isVisible() and w is not window:
            audit.shot(w, f"box_refused_{type(w).__name__}")
            w.close()


@pytest.mark.parametrize("lang", LANGS)
def test_day_windows(
    window: MainWindow, qtbot: QtBot, control: Any, audit: Audit, lang: str
) -> None:
    from decimal import Decimal

    from pos_app.sandbox.payments_search import foreign_payment

    drawer = window.day.open_cash_drawer()
    qtbot.waitExposed(drawer)
    audit.shot(drawer, "drawer_closed_shift")
    drawer.cashier.setText("Ana")
    drawer.starting_float.setText("5000")
    drawer.open_shift()
    drawer.amount.setText("1000")
    drawer.reason.setText("Cambio del banco")
    drawer.cash_in_button.click()
    drawer.amount.setText("0")
    drawer.cash_out_button.click()
    audit.shot(drawer, "drawer_open_shift")
    drawer.close()

    fill_cart(window, "7790580001018", "FIA001", "FIA001")
    _charge(qtbot, window)
    control.pay("approved")
    qtbot.waitUntil(banner_is(window, BannerKind.PAID), timeout=WAIT)
    ref = window.current_sale.external_reference  # type: ignore[union-attr]
    window.new_sale()
    fill_cart(window, "ALM012")
    _charge(qtbot, window)
    window.cancel_charge()
    qtbot.waitUntil(banner_is(window, BannerKind.CANCELED), timeout=WAIT)
    canceled = window.current_sale.external_reference  # type: ignore[union-attr]
    window.back_to_cart()
    window.model.clear()

    sales = window.open_sales_dialog()
    qtbot.waitExposed(sales)
    sales.select_reference(ref)
    refund = window.open_refund(ref)
    assert refund is not None
    qtbot.waitExposed(refund)
    refund.spins[1].setValue(1)
    audit.shot(refund, "refund_dialog")
    task = refund.start_refund()
    assert task is not None
    wait_settled([task], WAIT)  # its callbacks too: Close and Refund as the cashier sees them
    assert refund.status.text() != ""
    audit.shot(refund, "refund_done")
    refund.close()
    sales.refresh()
    sales.select_reference(ref)
    audit.shot(sales, "sales_history_refunded")
    sales.select_reference(canceled)
    audit.shot(sales, "sales_history_canceled")
    for w, h in SIZES[:1]:
        sales.resize(w, h)
        audit.shot(sales, f"{w}x{h}_sales_history")
    sales.close()
    preview = window.open_receipt(ref)
    assert preview is not None
    qtbot.waitExposed(preview)
    audit.shot(preview, "receipt_preview")
    preview.close()

    box = control.state.box_or_404(control.state.box_external_id)
    foreign_payment(control.state, box, Decimal("777.00"))
    closing = window.day.open_close_day()
    qtbot.waitExposed(closing)
    audit.shot(closing, "close_day_start")
    closing.counted.setText("4000")
    closing.reconcile_button.click()
    qtbot.waitUntil(lambda: closing.reconciliation is not None, timeout=WAIT)
    audit.shot(closing, "close_day_reconcile_differences")
    closing.close()


@pytest.mark.parametrize("lang", LANGS)
def test_products(window: MainWindow, qtbot: QtBot, audit: Audit, lang: str, tmp_path: Any) -> None:
    from tests.ui.test_ui_products import GOOD_AND_BAD_CSV

    products = window.open_products()
    qtbot.waitExposed(products)
    audit.shot(products, "products")
    products.view.selectRow(0)
    editor = products.edit_selected()
    assert editor is not None
    qtbot.waitExposed(editor)
    audit.shot(editor, "product_editor")
    editor.reject()
    editor = window.add_product()
    assert editor is not None
    qtbot.waitExposed(editor)
    audit.shot(editor, "product_editor_new")
    audit.shot(editor, "product_editor_new_errors")
    editor.reject()
    csv_file = tmp_path / "lista.csv"
    csv_file.write_text(GOOD_AND_BAD_CSV, encoding="utf-8")
    preview = products.preview_import(csv_file)
    qtbot.waitUntil(lambda: preview.plan is not None, timeout=10_000)
    audit.shot(preview, "import_preview")
    preview.reject()
    products.close()


@pytest.mark.parametrize("lang", LANGS)
def test_settings(window: MainWindow, qtbot: QtBot, control: Any, audit: Audit, lang: str) -> None:
    from tests.i18n.texts import loading

    dialog = window.open_settings()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    for index in range(len(dialog.pages)):
        dialog.show_section(index)
        settle()
        qtbot.waitUntil(lambda: not loading(dialog), timeout=5000)
        audit.shot(dialog, f"settings_{index}")
    dialog.show_section(0)
    account = dialog.pages[0]
    if hasattr(account, "token_edit"):
        account.token_edit.setText(
            "APP_USR-0000000000000000-000000-00000000000000000000000000000000-000000000"
        )
        if hasattr(account, "test_button"):
            account.test_button.click()
        qtbot.waitUntil(lambda: not loading(dialog), timeout=5000)
        qtbot.wait(200)  # the refusal's words, after the check
        audit.shot(dialog, "settings_wrong_token")
    dialog.reject()
    for w in QApplication.topLevelWidgets():
        if w.isVisible() and w is not window:
            audit.shot(w, f"settings_after_{type(w).__name__}")
            w.close()


@pytest.mark.parametrize("lang", LANGS)
def test_settings_no_boxes(
    window: MainWindow, qtbot: QtBot, control: Any, audit: Audit, lang: str
) -> None:
    from tests.i18n.texts import loading

    control.state.boxes.clear()
    dialog = window.open_settings()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    for index in range(len(dialog.pages)):
        dialog.show_section(index)
        qtbot.waitUntil(lambda: not loading(dialog), timeout=5000)
        settle()
        audit.shot(dialog, f"settings_no_boxes_{index}")
    dialog.reject()


@pytest.mark.parametrize("lang", LANGS)
def test_customer_display(
    window: MainWindow, qtbot: QtBot, control: Any, audit: Audit, lang: str
) -> None:
    from pos_app.ui.display.customer_display import CustomerDisplay

    shown = CustomerDisplay(window.rt.site)
    shown.follow(window.model, window.bridge, window.rt.config.box_external_id)
    shown.set_shop(window.rt.config.store_name, "")
    shown.show()
    qtbot.waitExposed(shown)
    audit.sizes(shown, "display_idle")
    fill_cart(window, "7790580001018", "FIA001")
    audit.sizes(shown, "display_cart")
    _charge(qtbot, window)
    audit.sizes(shown, "display_charging")
    control.pay("rejected")
    qtbot.waitUntil(banner_is(window, BannerKind.REJECTED), timeout=WAIT)
    audit.sizes(shown, "display_rejected")
    control.pay("approved")
    qtbot.waitUntil(banner_is(window, BannerKind.PAID), timeout=WAIT)
    audit.sizes(shown, "display_paid")
    shown.close()


@pytest.mark.parametrize("lang", LANGS)
def test_store_view(window: MainWindow, qtbot: QtBot, audit: Audit, lang: str) -> None:
    dialog = window.open_store_view()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT):
        dialog.refresh()
    audit.shot(dialog, "store_view_no_database")
    dialog.close()


@pytest.mark.parametrize("lang", LANGS)
def test_min_sizes(window: MainWindow, qtbot: QtBot, audit: Audit, lang: str) -> None:
    """Each window's least size and the size it opens at."""
    opened: list[tuple[str, QWidget]] = [("main", window)]
    opened.append(("sales", window.open_sales_dialog()))
    opened.append(("products", window.open_products()))
    opened.append(("drawer", window.day.open_cash_drawer()))
    opened.append(("close_day", window.day.open_close_day()))
    opened.append(("settings", window.open_settings()))  # type: ignore[arg-type]
    for name, w in opened:
        qtbot.waitExposed(w)
        least = w.minimumSize().expandedTo(w.minimumSizeHint())
        audit.lines.append(
            f"size {name}: opens {w.width()}x{w.height()}, least {least.width()}x{least.height()}"
        )
        if w is not window:
            w.close()
