"""The customer display follows a whole sale by the cart's and the engine's events only.

Screenshots: ``artifacts/screenshots/customer_display_*.png`` (English, Argentina here; the other
languages and Colombia in ``tests/i18n/test_customer_display_languages.py``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import segno
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.sale_banner import BannerKind
from pos_app.ui.display import customer_display as cd
from pos_app.ui.display.customer_display import (
    PAGE_CART,
    PAGE_CHARGE,
    PAGE_IDLE,
    PAGE_PAID,
    QR_MIN_PX,
    CustomerDisplay,
    countdown_text,
)
from tests.ui.brisk import brisk
from tests.ui.held import Held
from tests.ui.test_ui_charging import banner_is, charge, fill_cart

WAIT = 10_000


def emvco(reference: str = "ref-123", amount: str = "11140.00") -> str:
    """An EMVCo merchant-presented payload shaped like Mercado Pago's dynamic QR."""

    def field(tag: str, value: str) -> str:
        return f"{tag}{len(value):02d}{value}"

    body = (
        field("00", "01")
        + field("01", "12")  # dynamic
        + field("26", field("00", "com.mercadolibre") + field("01", reference))
        + field("52", "5411")
        + field("53", "032")
        + field("54", amount)
        + field("58", "AR")
        + field("59", "ALMACEN DON PEPE")
        + field("60", "CABA")
        + "6304"
    )
    return body + "A1B2"


def logo_file(folder: Path) -> Path:
    """A shop's logo: a blue rounded badge with the initials, 600×300."""
    image = QImage(600, 300, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#009ee3"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(0, 0, 600, 300, 60, 60)
    painter.setPen(QColor("#ffffff"))
    font = painter.font()
    font.setPixelSize(160)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, "DP")
    painter.end()
    path = folder / "logo.png"
    assert image.save(str(path))
    return path


class Clock:
    def __init__(self) -> None:
        self.at = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.at


def shown_texts(root: QWidget) -> list[str]:
    texts = [
        label.text() for label in root.findChildren(QLabel) if label.isVisible() and label.text()
    ]
    if root.findChild(QWidget, "cdLines").isVisible():
        model = root.lines.model()
        for row in range(model.rowCount()):
            for col in range(model.columnCount()):
                if not root.lines.isColumnHidden(col):
                    texts.append(str(model.index(row, col).data()))
    return texts


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def display(window: MainWindow, qtbot: QtBot, clock: Clock) -> Iterator[CustomerDisplay]:
    # The countdown follows ``clock`` on the display's own timer: looked at every 20 ms here
    # instead of every second (a test waited for two ticks, ~1.9 s).
    shown = CustomerDisplay(window.rt.site, now=clock, countdown_tick=0.02)
    shown.follow(window.model, window.bridge, window.rt.config.box_external_id)
    shown.follow_cashier(window)
    shown.set_shop(window.rt.config.store_name, "")
    shown.resize(1024, 640)
    shown.show()
    qtbot.waitExposed(shown)
    window.activateWindow()
    brisk(window.rt.engine)
    yield shown
    shown.close()
    shown.deleteLater()


@pytest.mark.gui
def test_the_display_follows_a_whole_sale(
    window: MainWindow,
    display: CustomerDisplay,
    qtbot: QtBot,
    control: Any,
    screenshot: Any,
    monkeypatch: Any,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(cd, "PAID_SECONDS", 0.4)
    assert display.page == PAGE_IDLE
    assert display.shop_name.text() == window.rt.config.store_name
    assert display.logo.isHidden()
    display.set_shop(window.rt.config.store_name, str(logo_file(tmp_path)))
    qtbot.waitUntil(display.logo.isVisible, timeout=WAIT)  # read on a worker thread
    assert display.logo.pixmap().height() <= 240
    screenshot(display, "customer_display_en_idle")

    # Scan: the cart appears, the latest line highlighted.
    fill_cart(window, "7790580001018", "FIA001")
    assert display.page == PAGE_CART
    assert display.lines.currentIndex().row() == 1
    assert display.total.text() == window.totals.total.text() != "$ 0,00"
    assert display.count.text() == "2 items"
    # A quantity change moves the highlight to that line and the total follows.
    window.cart_view.select_row(0)
    window.cart_view.change_selected(+1)
    assert display.lines.currentIndex().row() == 0
    assert display.total.text() == window.totals.total.text()
    screenshot(display, "customer_display_en_cart")

    # Charge: the amount and where to scan.
    charge(qtbot, window)
    qtbot.waitUntil(lambda: display.page == PAGE_CHARGE, timeout=WAIT)
    qtbot.waitUntil(lambda: not display.notice.isVisible(), timeout=WAIT)
    assert display.amount.text() == window.payment.amount.text()
    assert display.instruction.text() == "Scan the QR at the counter with Mercado Pago"
    assert display.qr_side == 0
    screenshot(display, "customer_display_en_charging_static")

    # A rejected card: the customer may try again.
    control.pay("rejected")
    qtbot.waitUntil(banner_is(window, BannerKind.REJECTED), timeout=WAIT)
    assert display.page == PAGE_CHARGE
    assert display.notice.text() == "The payment was rejected, you can try again"
    assert display.instruction.isVisible()
    screenshot(display, "customer_display_en_rejected")

    # Paid: the whole screen says so, then idle by itself (the cashier has not pressed Enter).
    control.pay()
    qtbot.waitUntil(lambda: display.page == PAGE_PAID, timeout=WAIT)
    assert display.paid_text.text() == "Paid — thank you!"
    assert display.paid_amount.text() == window.payment.amount.text()
    screenshot(display, "customer_display_en_paid")
    qtbot.waitUntil(lambda: display.page == PAGE_IDLE, timeout=WAIT)
    assert window.in_payment and window.model.rowCount() == 2  # the cashier's side unchanged

    # The next sale: Enter clears the cart (still idle), a scan fills the display again.
    qtbot.keyClick(window.payment, Qt.Key.Key_Return)
    assert display.page == PAGE_IDLE
    fill_cart(window, "FIA001")
    assert display.page == PAGE_CART
    assert display.total.text() == window.totals.total.text()
    assert display.count.text() == "1 item"


@pytest.mark.gui
def test_canceled_goes_back_to_the_cart_and_a_new_sale_to_idle(
    window: MainWindow, display: CustomerDisplay, qtbot: QtBot
) -> None:
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    qtbot.waitUntil(lambda: display.page == PAGE_CHARGE, timeout=WAIT)
    qtbot.keyClick(window.payment, Qt.Key.Key_Escape)
    assert display.notice.text() in ("", "One moment, please")
    qtbot.waitUntil(banner_is(window, BannerKind.CANCELED), timeout=WAIT)
    assert display.page == PAGE_CART
    assert display.total.text() == window.totals.total.text()
    window.new_sale()
    assert display.page == PAGE_IDLE


@pytest.mark.gui
def test_expired_goes_back_to_the_cart(
    window: MainWindow, display: CustomerDisplay, qtbot: QtBot, control: Any
) -> None:
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    control.expire()
    window.rt.engine.monotonic = lambda: time.monotonic() + 120  # past the engine's expiry
    qtbot.waitUntil(banner_is(window, BannerKind.EXPIRED), timeout=WAIT)
    assert display.page == PAGE_CART


@pytest.mark.gui
def test_a_dynamic_qr_is_shown_large_with_its_countdown(
    window: MainWindow, display: CustomerDisplay, qtbot: QtBot, clock: Clock, screenshot: Any
) -> None:
    fill_cart(window, "7790580001018", "FIA001", "FIA001")
    charge(qtbot, window)
    qtbot.waitUntil(lambda: display.page == PAGE_CHARGE, timeout=WAIT)
    payload = emvco()
    display.show_dynamic_qr(payload, clock.at + timedelta(minutes=2, seconds=5))
    assert display.instruction.text() == "Scan this QR with Mercado Pago"
    assert display.countdown.text() == "Valid for 2:05"
    assert display.qr_side >= QR_MIN_PX
    # What is on screen decodes back to the payload: the same symbol segno makes.
    image = display.qr.pixmap().toImage()
    modules = len(segno.make(payload, error="m", micro=False).matrix) + 8
    assert image.width() % modules == 0
    screenshot(display, "customer_display_en_charging_dynamic")

    clock.at += timedelta(minutes=1)
    qtbot.waitUntil(lambda: display.countdown.text() == "Valid for 1:05", timeout=3000)
    # Run out: the QR disappears (it must not be scanned), the customer is asked to wait.
    clock.at += timedelta(minutes=2)
    qtbot.waitUntil(lambda: display.qr_side == 0, timeout=3000)
    assert display.notice.text() == "One moment, please"

    # A payment on a new QR: paid, and the QR is gone with the sale.
    display.show_dynamic_qr(emvco("ref-2"), clock.at + timedelta(minutes=5))
    assert display.qr_side >= QR_MIN_PX


@pytest.mark.gui
def test_the_dynamic_qr_ends_with_its_sale(
    window: MainWindow, display: CustomerDisplay, qtbot: QtBot, clock: Clock, control: Any
) -> None:
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    display.show_dynamic_qr(emvco(), clock.at + timedelta(minutes=5))
    control.pay()
    qtbot.waitUntil(lambda: display.page == PAGE_PAID, timeout=WAIT)
    assert display.dynamic_qr == ""


@pytest.mark.gui
def test_nothing_cashier_only_ever_reaches_the_customer(
    window: MainWindow,
    display: CustomerDisplay,
    qtbot: QtBot,
    control: Any,
    monkeypatch: Any,
) -> None:
    """Through connection trouble, a rejected card, a refused order, a cancel and a payment,
    every text on the display is one of the customer's, an amount, a product or the shop."""
    monkeypatch.setattr(cd, "PAID_SECONDS", 0.3)
    customer = {
        "Welcome! Your purchase will appear here.",
        "Total",
        "To pay",
        "Scan the QR at the counter with Mercado Pago",
        "The payment was rejected, you can try again",
        "One moment, please",
        "Paid — thank you!",
        "With Mercado Pago",
        "✓",
        window.rt.config.store_name,
    }
    seen: set[str] = set()

    def look() -> bool:
        seen.update(shown_texts(display))
        return True

    def watch_until(condition: Any) -> None:
        qtbot.waitUntil(lambda: look() and condition(), timeout=WAIT)

    look()
    fill_cart(window, "7790580001018", "FIA001")
    look()
    charge(qtbot, window)
    watch_until(lambda: display.page == PAGE_CHARGE)
    control.faults(error_rate=1.0, kinds=["500"])
    watch_until(lambda: window.payment.banner_kind is BannerKind.TROUBLE)
    control.clear_faults()
    control.pay("rejected")
    watch_until(banner_is(window, BannerKind.REJECTED))
    qtbot.keyClick(window.payment, Qt.Key.Key_Escape)
    watch_until(banner_is(window, BannerKind.CANCELED))
    window.back_to_cart()
    charge(qtbot, window)
    control.pay()
    watch_until(lambda: display.page == PAGE_PAID)
    watch_until(lambda: display.page == PAGE_IDLE)

    model = window.model
    products = {  # the cart's own cells: titles, "1", "1 pack", prices
        str(model.index(r, c).data())
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    }
    counts = {"1 item", "2 items"}
    quantities: set[str] = set()
    money = {t for t in seen if t.startswith("$ ")}
    unexpected = seen - customer - products - counts - quantities - money
    assert not unexpected, unexpected
    cashier_words = ("Esc", "F5", "connection", "Connection", "error", "Error", "cancel", "Cancel")
    assert not [t for t in seen if any(word in t for word in cashier_words)]


@pytest.mark.gui
def test_a_late_payment_of_an_earlier_sale_does_not_show_paid(
    window: MainWindow, display: CustomerDisplay, qtbot: QtBot
) -> None:
    from dataclasses import replace

    from pos_app.checkout.events import SaleChanged
    from pos_app.domain.sale import SaleStatus

    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    sale = window.payment.sale
    assert sale is not None
    qtbot.keyClick(window.payment, Qt.Key.Key_Escape)
    qtbot.waitUntil(banner_is(window, BannerKind.CANCELED), timeout=WAIT)
    window.new_sale()
    fill_cart(window, "FIA001")
    late = replace(sale, status=SaleStatus.PAID, late_payment=True)
    display.sale_changed(SaleChanged(late, SaleStatus.CANCELED, "recheck"))
    assert display.page == PAGE_CART
    other_box = replace(sale, box_external_id="OTRA01", external_reference="x-1")
    display.sale_changed(SaleChanged(other_box, None, "charge"))
    assert display.page == PAGE_CART


def test_countdown_text() -> None:
    assert countdown_text(125) == "2:05"
    assert countdown_text(0.2) == "0:01"
    assert countdown_text(-3) == "0:00"
    assert countdown_text(3600) == "60:00"


@pytest.mark.gui
def test_a_new_charge_during_the_paid_confirmation_is_not_cut_short(
    window: MainWindow, display: CustomerDisplay, qtbot: QtBot, monkeypatch: Any
) -> None:
    from dataclasses import replace

    from pos_app.checkout.events import SaleChanged
    from pos_app.domain.sale import SaleStatus

    monkeypatch.setattr(cd, "PAID_SECONDS", 0.05)
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    first = window.payment.sale
    assert first is not None
    paid = replace(first, status=SaleStatus.PAID, paid_amount=first.total)
    display.sale_changed(SaleChanged(paid, SaleStatus.PENDING, "poll"))
    assert display.page == PAGE_PAID
    # The next customer's charge while "paid" is still on screen; nothing else happens after.
    second = replace(first, external_reference="CAJA01S000002XX", total=first.total * 2)
    display.sale_changed(SaleChanged(second, None, "charge"))
    assert display.page == PAGE_CHARGE
    # Nothing to wait for but time: twice the first sale's confirmation time. Its timer, had
    # it been left running, was started first and is due first: it has fired by then.
    qtbot.wait(round(2 * cd.PAID_SECONDS * 1000))
    assert display.page == PAGE_CHARGE
    assert display.amount.text() != window.payment.amount.text()  # the second sale's


@pytest.mark.gui
def test_back_to_the_cart_keeps_the_last_scanned_line_highlighted(
    window: MainWindow, display: CustomerDisplay, qtbot: QtBot
) -> None:
    fill_cart(window, "7790580001018", "FIA001")
    assert display.lines.currentIndex().row() == 1
    charge(qtbot, window)
    qtbot.keyClick(window.payment, Qt.Key.Key_Escape)
    qtbot.waitUntil(banner_is(window, BannerKind.CANCELED), timeout=WAIT)
    window.back_to_cart()  # unlocking the cart is no edit of the first line
    assert display.page == PAGE_CART
    assert display.lines.currentIndex().row() == 1


@pytest.mark.gui
def test_a_sale_left_open_at_start_up_shows_its_charge(
    window: MainWindow, qtbot: QtBot, run: Any
) -> None:
    from pos_app.ui.qtkit.bridge import EngineBridge

    fill_cart(window, "7790580001018")
    sale = run(window.rt.engine.charge(window.model.lines()))
    assert sale.is_open
    # A display built afterwards (as at start-up), with no event to come for that sale.
    shown = CustomerDisplay(window.rt.site)
    bridge = EngineBridge(window.rt.engine.bus)
    try:
        shown.follow(window.model, bridge, window.rt.config.box_external_id)
        assert shown.page == PAGE_CART
        shown.show_open_sale(sale)
        assert shown.page == PAGE_CHARGE
        assert shown.amount.text() == window.totals.total.text()
    finally:
        bridge.detach()
        shown.deleteLater()


@pytest.mark.gui
def test_an_orders_api_sale_puts_its_own_dynamic_qr_on_the_display(
    window: MainWindow, display: CustomerDisplay, qtbot: QtBot, run: Any, screenshot: Any
) -> None:
    """No call from the cashier's side: the sale's event carries the QR the Orders API gave."""
    rt = window.rt
    run(rt.reconfigure(rt.config.with_changes(api="orders", qr_mode="dynamic")))
    brisk(rt.engine)
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    sale = window.payment.sale
    assert sale is not None and sale.qr_data
    qtbot.waitUntil(lambda: display.dynamic_qr == sale.qr_data, timeout=WAIT)
    assert display.page == PAGE_CHARGE and display.qr_side >= QR_MIN_PX
    screenshot(display, "customer_display_en_orders_api_dynamic")


class HeldPath(Held):
    """The display's ``Path``, held (a share that does not answer) until the window's timer
    lets it go."""

    def __call__(self, path: str) -> Path:
        self.hold()
        return Path(path)


@pytest.mark.gui
def test_the_shops_logo_is_read_off_the_windows_thread(
    window: MainWindow,
    display: CustomerDisplay,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """Before 2026-12-02 the logo was looked at and read on the window's thread whenever the
    display was built or Settings' OK applied: a logo on a share that does not answer froze
    the cashier's window too. Now it is read on a worker; the window goes on meanwhile."""
    logo = logo_file(tmp_path)
    held = HeldPath()
    monkeypatch.setattr(cd, "Path", held)
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(held.tick)
    timer.start()
    try:
        display.set_shop("Almacén", str(logo))
        assert display.shop_name.text() == "Almacén"  # said at once, the logo when read
        qtbot.waitUntil(display.logo.isVisible, timeout=WAIT)
    finally:
        timer.stop()
    assert held.ticks_while_held >= 3
    assert held.threads and all(t is not threading.main_thread() for t in held.threads)
    pixmap = display.logo.pixmap()
    assert not pixmap.isNull() and (pixmap.width(), pixmap.height()) == (480, 240)


@pytest.mark.gui
def test_a_logo_read_after_another_was_asked_for_is_not_shown(
    window: MainWindow,
    display: CustomerDisplay,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """Settings took the logo off while the old one was still being read: none is shown."""
    held = HeldPath()
    held.release_after_ticks = 10**9  # released by the test
    monkeypatch.setattr(cd, "Path", held)
    display.set_shop("Almacén", str(logo_file(tmp_path)))
    qtbot.waitUntil(held.entered.is_set, timeout=WAIT)
    display.set_shop("Almacén", "")
    reading = display.tasks.pending()
    assert len(reading) == 1
    held.release.set()
    qtbot.waitUntil(reading[0].done, timeout=WAIT)
    assert display.logo.isHidden() and display.logo.pixmap().isNull()
