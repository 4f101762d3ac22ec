"""The counter on a small screen (1024 x 600, less a title bar): every state fits, nothing
overlaps, no sentence is cut, in English and in Spanish (longer).

At full size the window needed ~660 px of height: at 1024 x 600 a refused order's reason ran
under "New sale" and "Back to the cart" was drawn over it; the PAID detail sat on the banner.
Screenshots: ``artifacts/screenshots/small_<lang>_<state>.png``.
"""

from __future__ import annotations

import time
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from pos_app.domain.pricing import Discount, DiscountKind
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.sale_banner import BannerKind
from pos_app.ui.qtkit.window_settings import TITLE_BAR
from tests.i18n.texts import visible_texts
from tests.ui.brisk import brisk
from tests.ui.conftest import settle
from tests.ui.test_ui_charging import WAIT, banner_is, fill_cart

pytestmark = pytest.mark.gui

# A 1024 x 600 screen less a window title bar: the window's own height (menu and status bar in).
SMALL = (1024, 560)


def problems(window: MainWindow) -> list[str]:
    """What a person would see wrong: a window taller than the screen, widgets of the side
    panel drawn over each other, a wrapped sentence with fewer lines than it needs, a text
    cut at its widget's edge."""
    found = []
    if window.minimumSizeHint().height() > SMALL[1]:
        found.append(f"the window needs {window.minimumSizeHint().height()} px of height")
    page = window.side.currentWidget()
    shown = [w for w in page.findChildren(QWidget) if w.isVisible() and w.parent() is page]
    for i, first in enumerate(shown):
        for second in shown[i + 1 :]:
            if first.geometry().intersects(second.geometry()):
                found.append(f"{first.objectName()} overlaps {second.objectName()}")
    for label in page.findChildren(QLabel):
        if label.isVisible() and label.wordWrap() and label.text():
            need = label.heightForWidth(label.width())
            if need > label.height() + 2:
                found.append(f"{label.objectName()} cut: needs {need} px, has {label.height()}")
    found += [str(s) for s in visible_texts(window) if s.clipped]
    return found


def at_small_size(window: MainWindow, qtbot: QtBot, screenshot: Any, name: str) -> list[str]:
    window.resize(*SMALL)  # at most its minimum: then compact, and smaller
    qtbot.waitUntil(lambda: window.compact, timeout=3000)
    window.resize(*SMALL)
    qtbot.waitUntil(lambda: window.height() == SMALL[1], timeout=3000)
    settle()  # the re-styled widgets settle
    screenshot(window, f"small_{name}")
    return [f"{name}: {p}" for p in problems(window)]


def charge_now(qtbot: QtBot, window: MainWindow) -> None:
    window.charge()
    qtbot.waitUntil(banner_is(window, BannerKind.WAITING), timeout=WAIT)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_counter_state_fits_a_small_screen(
    window: MainWindow, qtbot: QtBot, control: Any, screenshot: Any, lang: str
) -> None:
    brisk(window.rt.engine)
    found = []
    # The cart: a weighed line, a line discount and a sale discount (two lines of discounts).
    fill_cart(window, "7790580001018", "FIA001")
    line = window.model.lines()[0]
    window._apply_line_discount(line, Discount(DiscountKind.PERCENT, Decimal(10)))
    window._apply_sale_discount(Discount(DiscountKind.AMOUNT, Decimal(500)))
    found += at_small_size(window, qtbot, screenshot, f"{lang}_cart_discounts")
    assert window.compact

    charge_now(qtbot, window)
    window._show_slow(True)  # "Mercado Pago is answering slowly…" as well
    found += at_small_size(window, qtbot, screenshot, f"{lang}_waiting_slow")
    window._show_slow(False)
    control.pay("rejected")
    qtbot.waitUntil(banner_is(window, BannerKind.REJECTED), timeout=WAIT)
    found += at_small_size(window, qtbot, screenshot, f"{lang}_refused")
    control.pay("approved")
    qtbot.waitUntil(banner_is(window, BannerKind.PAID), timeout=WAIT)
    found += at_small_size(window, qtbot, screenshot, f"{lang}_paid")
    window.new_sale()

    fill_cart(window, "7790580001018")
    charge_now(qtbot, window)
    window.cancel_charge()
    qtbot.waitUntil(banner_is(window, BannerKind.CANCELED), timeout=WAIT)
    found += at_small_size(window, qtbot, screenshot, f"{lang}_canceled")
    window.back_to_cart()
    charge_now(qtbot, window)
    window.rt.engine.monotonic = lambda: time.monotonic() + 120  # past the order's expiry
    qtbot.waitUntil(banner_is(window, BannerKind.EXPIRED), timeout=WAIT)
    window.rt.engine.monotonic = time.monotonic
    found += at_small_size(window, qtbot, screenshot, f"{lang}_expired")
    window.back_to_cart()
    # Refused outright, with the longest reason the panel shows: the box is gone.
    boxes = dict(control.state.boxes)
    control.state.boxes.clear()
    window.charge()
    qtbot.waitUntil(banner_is(window, BannerKind.FAILED), timeout=WAIT)
    found += at_small_size(window, qtbot, screenshot, f"{lang}_refused")
    control.state.boxes.update(boxes)
    window.back_to_cart()
    charge_now(qtbot, window)
    control.revoke_token()
    qtbot.waitUntil(banner_is(window, BannerKind.AUTH), timeout=WAIT)
    found += at_small_size(window, qtbot, screenshot, f"{lang}_credentials_refused")
    assert not found, "\n".join(found)

    # Back on a larger screen the counter's large type returns.
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: not window.compact, timeout=3000)
    assert window.payment.banner.font().pixelSize() > 22 or window.payment.banner.height() > 60


@pytest.mark.parametrize("lang", ["en", "es", "pt_BR"])
def test_every_window_opens_within_a_small_screen(
    window: MainWindow,
    qtbot: QtBot,
    control: Any,
    screenshot: Any,
    lang: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Any,
) -> None:
    """Each window opens no larger than a 1024 x 600 screen (less a title bar) and can be made
    that small: the cash drawer needed 670 px of height, the receipt preview ~650, the sales
    history 1,176 px of width in Spanish, and the day's dialogs opened 760 px tall, their
    buttons below the screen's edge."""
    from tests.ui.test_ui_products import GOOD_AND_BAD_CSV

    brisk(window.rt.engine)
    free = QRect(0, 0, 1024, 600)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _self: QRect(free))
    fill_cart(window, "7790580001018", "FIA001")
    charge_now(qtbot, window)
    control.pay("approved")
    qtbot.waitUntil(banner_is(window, BannerKind.PAID), timeout=WAIT)
    paid = window.current_sale.external_reference  # type: ignore[union-attr]
    window.new_sale()

    products = window.open_products()
    products.view.selectRow(0)
    csv_file = tmp_path / "lista.csv"
    csv_file.write_text(GOOD_AND_BAD_CSV, encoding="utf-8")
    preview = products.preview_import(csv_file)
    opened = {
        "sales": window.open_sales_dialog(),
        "products": products,
        "editor": products.edit_selected(),
        "import": preview,
        "drawer": window.day.open_cash_drawer(),
        "close_day": window.day.open_close_day(),
        "refund": window.open_refund(paid),
        "receipt": window.open_receipt(paid),
        "settings": window.open_settings(),
        "store_view": window.open_store_view(),
    }
    found = []
    for name, dialog in opened.items():
        assert dialog is not None, name
        qtbot.waitExposed(dialog)
        least = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        if least.width() > free.width() or least.height() > free.height() - TITLE_BAR:
            found.append(f"{name} needs at least {least.width()} x {least.height()}")
        if dialog.width() > free.width() or dialog.height() > free.height() - TITLE_BAR:
            found.append(f"{name} opens at {dialog.width()} x {dialog.height()}")
        dialog.resize(min(dialog.width(), free.width()), free.height() - TITLE_BAR)
        settle()
        screenshot(dialog, f"small_{lang}_{name}")
        found += [f"{name}: {s}" for s in visible_texts(dialog) if s.clipped and s.kind != "scroll"]
    for dialog in opened.values():
        if dialog is not None:
            dialog.close()
    assert not found, "\n".join(found)


def outside(window: MainWindow, size: tuple[int, int]) -> list[str]:
    """The payment panel's visible buttons and the dynamic QR that do not lie whole inside a
    window of ``size`` (a window taller than the screen puts them below its edge)."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QPushButton

    screen = QRect(0, 0, *size)
    found = []
    if window.height() > size[1]:
        found.append(f"the window is {window.height()} px high (needs {window.minimumHeight()})")
    shown: list[QWidget] = [b for b in window.payment.findChildren(QPushButton) if b.isVisible()]
    if window.payment.qr.isVisible():
        shown.append(window.payment.qr)
    for widget in shown:
        rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        if not screen.contains(rect):
            found.append(f"{widget.objectName()} at {rect.getRect()} is outside {size}")
    return found


def dynamic_qr_at(window: MainWindow, qtbot: QtBot, screenshot: Any, name: str) -> list[str]:
    """The window at 1024 x 560 and 1024 x 600 (compact): every button of the payment panel
    inside it, the QR (when on show) whole and at least QR_MIN_PX a side."""
    from pos_app.ui.counter.payment_panel import QR_MIN_PX

    found = []
    for size in (SMALL, (1024, 600)):
        window.resize(*size)
        qtbot.waitUntil(lambda: window.compact, timeout=3000)
        window.resize(*size)
        settle()  # the re-styled widgets settle
        screenshot(window, f"small_dynamic_qr_{name}_{size[1]}")
        found += [f"{name} {size[1]}: {p}" for p in outside(window, size) + problems(window)]
        qr = window.payment.qr
        if qr.isVisible():
            side = qr.pixmap().width()
            if side < QR_MIN_PX or qr.height() < side or qr.width() < side:
                found.append(f"{name} {size[1]}: the QR is {side} px in {qr.width()}x{qr.height()}")
    return found


@pytest.mark.parametrize("lang", ["en", "es", "pt_BR"])
def test_the_dynamic_qr_and_every_payment_button_fit_a_small_screen(
    window: MainWindow,
    runtime: Any,
    run: Any,
    qtbot: QtBot,
    control: Any,
    screenshot: Any,
    lang: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The Orders API's dynamic QR (at least 240 px) made the compact counter need 679 px of
    height while a sale waited: at 1024 x 600 "Cancel charge" and "Customer pays cash" were
    below the screen. Every state of the payment panel, with the QR: each button inside."""
    run(runtime.reconfigure(runtime.config.with_changes(api="orders", qr_mode="dynamic")))
    brisk(runtime.engine)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _self: QRect(0, 0, 1024, 600))
    fill_cart(window, "7790580001018", "FIA001")
    window.resize(*SMALL)  # a 1024 x 600 screen: the counter is compact
    qtbot.waitUntil(lambda: window.compact, timeout=3000)
    found = []
    charge_now(qtbot, window)
    qtbot.waitUntil(lambda: window.payment.qr.isVisible(), timeout=WAIT)
    found += dynamic_qr_at(window, qtbot, screenshot, f"{lang}_waiting")
    assert window.payment.qr.isVisible()
    assert window.payment.cancel_button.isVisible() and window.payment.cash_button.isVisible()
    window._show_slow(True)  # "Mercado Pago is answering slowly…" as well
    found += dynamic_qr_at(window, qtbot, screenshot, f"{lang}_waiting_slow")
    window._show_slow(False)
    qr_data = window.payment.sale.qr_data  # type: ignore[union-attr]
    control._call("POST", "/_sandbox/qr/pay", {"qr_data": qr_data})  # the phone scans it
    qtbot.waitUntil(banner_is(window, BannerKind.PAID), timeout=WAIT)
    found += dynamic_qr_at(window, qtbot, screenshot, f"{lang}_paid")
    window.new_sale()
    assert window.cart_view.isVisible()  # the cart is back where the QR was

    fill_cart(window, "7790580001018")
    charge_now(qtbot, window)
    window.cancel_charge()
    qtbot.waitUntil(banner_is(window, BannerKind.CANCELED), timeout=WAIT)
    found += dynamic_qr_at(window, qtbot, screenshot, f"{lang}_canceled")
    window.back_to_cart()
    charge_now(qtbot, window)
    window.rt.engine.monotonic = lambda: time.monotonic() + 120  # past the order's expiry
    qtbot.waitUntil(banner_is(window, BannerKind.EXPIRED), timeout=WAIT)
    window.rt.engine.monotonic = time.monotonic
    found += dynamic_qr_at(window, qtbot, screenshot, f"{lang}_expired")
    window.back_to_cart()
    charge_now(qtbot, window)
    qr_data = window.payment.sale.qr_data  # type: ignore[union-attr]
    control._call("POST", "/_sandbox/qr/pay", {"qr_data": qr_data, "outcome": "failed"})
    qtbot.waitUntil(lambda: window.payment.has_ended, timeout=WAIT)  # Mercado Pago refused it
    found += dynamic_qr_at(window, qtbot, screenshot, f"{lang}_refused")
    window.back_to_cart()
    charge_now(qtbot, window)
    window.payment.show_set_aside()  # the panel as the engine's set-aside leaves it
    found += dynamic_qr_at(window, qtbot, screenshot, f"{lang}_set_aside")
    assert not found, "\n".join(found)


def test_the_dynamic_qr_goes_back_under_the_amount_on_a_larger_screen(
    window: MainWindow, runtime: Any, run: Any, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Compact, the QR is in the cart's place; large again, under the amount, the cart back."""
    run(runtime.reconfigure(runtime.config.with_changes(api="orders", qr_mode="dynamic")))
    brisk(runtime.engine)
    # A context of its own: monkeypatch.undo() also undid the suite's POS_APP_HOME.
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(QScreen, "availableGeometry", lambda _self: QRect(0, 0, 1024, 600))
        fill_cart(window, "7790580001018")
        window.resize(*SMALL)
        qtbot.waitUntil(lambda: window.compact, timeout=3000)
        charge_now(qtbot, window)
        qtbot.waitUntil(lambda: window.payment.qr.isVisible(), timeout=WAIT)
        assert not window.cart_view.isVisible()
        assert window.payment.qr_box.parent() is not window.payment
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: not window.compact, timeout=3000)
    assert window.cart_view.isVisible() and window.payment.qr.isVisible()
    assert window.payment.qr_box.parent() is window.payment
    window.cancel_charge()
    qtbot.waitUntil(banner_is(window, BannerKind.CANCELED), timeout=WAIT)
    assert not window.payment.qr.isVisible()
