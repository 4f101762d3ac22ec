"""The customer display when the cashier chooses "Customer pays cash".

It kept showing the charge (and the Orders API's dynamic QR, which the customer could still
scan) until the engine had confirmed the cancel, then went back to the cart while the cash was
taken: never a word about paying in cash, never a thank-you. Now, the moment the cashier
chooses cash: the amount to pay in cash, no QR; once the cash sale is recorded: paid, in cash.
When the QR payment overtakes the cash cancel (the cashier's window says "Do not take cash"),
it says paid with Mercado Pago and never asks for cash again.

Screenshots: ``artifacts/screenshots/customer_display_cash_*.png``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from pytestqt.qtbot import QtBot

from pos_app.checkout.events import SaleChanged
from pos_app.domain.cart import CartLine
from pos_app.domain.money import site_for
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.settings.config import PollSchedule
from pos_app.ui.counter.cart_model import CartTableModel
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.sale_banner import BannerKind
from pos_app.ui.display import customer_display as cd
from pos_app.ui.display.customer_display import (
    PAGE_CASH,
    PAGE_CHARGE,
    PAGE_IDLE,
    PAGE_PAID,
    QR_MIN_PX,
    CustomerDisplay,
)
from tests.ui.brisk import brisk
from tests.ui.test_customer_display import emvco, shown_texts
from tests.ui.test_ui_charging import banner_is, charge, fill_cart

pytestmark = pytest.mark.gui

WAIT = 10_000
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
SCAN_WORDS = ("Scan", "QR")


class Watch(QObject):
    """Every page the display turns to, and every time its QR comes on show, in order."""

    def __init__(self, display: CustomerDisplay) -> None:
        super().__init__(display)
        self.pages: list[int] = []
        self.qr_shown = 0
        display.pages.currentChanged.connect(self.pages.append)
        display.qr.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            self.qr_shown += 1
        return False

    def reset(self) -> None:
        self.pages.clear()
        self.qr_shown = 0


@pytest.fixture
def display(window: MainWindow, qtbot: QtBot) -> Iterator[CustomerDisplay]:
    shown = CustomerDisplay(window.rt.site)
    shown.follow(window.model, window.bridge, window.rt.config.box_external_id)
    shown.follow_cashier(window)
    shown.resize(1024, 600)
    shown.show()
    qtbot.waitExposed(shown)
    window.activateWindow()
    brisk(window.rt.engine)
    yield shown
    shown.close()
    shown.deleteLater()


def no_qr_words(display: CustomerDisplay) -> list[str]:
    return [t for t in shown_texts(display) if any(word in t for word in SCAN_WORDS)]


def test_customer_pays_cash_shows_the_cash_page_at_once_then_paid_in_cash(
    window: MainWindow, display: CustomerDisplay, qtbot: QtBot, screenshot: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(cd, "PAID_SECONDS", 0.4)
    fill_cart(window, "7790580001018", "FIA001")
    charge(qtbot, window)
    qtbot.waitUntil(lambda: display.page == PAGE_CHARGE, timeout=WAIT)
    watch = Watch(display)
    qtbot.mouseClick(window.payment.cash_button, Qt.MouseButton.LeftButton)
    # At once: the engine has not even recorded the choice yet (its answer takes ~2 s).
    assert window.payment.banner_kind is BannerKind.CANCELING
    assert display.page == PAGE_CASH
    assert display.cash_amount.text() == window.payment.amount.text()
    assert display.cash_instruction.text() == "Please pay at the counter in cash"
    assert display.qr_side == 0 and not no_qr_words(display), no_qr_words(display)
    screenshot(display, "customer_display_cash_chosen")

    qtbot.waitUntil(banner_is(window, BannerKind.CASH), timeout=WAIT)  # "Take … in cash"
    assert display.page == PAGE_PAID
    assert display.paid_text.text() == "Paid — thank you!"
    assert display.paid_how.text() == "In cash"
    assert display.paid_amount.text() == window.payment.amount.text()
    screenshot(display, "customer_display_cash_paid")
    qtbot.waitUntil(lambda: display.page == PAGE_IDLE, timeout=WAIT)
    assert watch.pages == [PAGE_CASH, PAGE_PAID, PAGE_IDLE]  # never the charge nor the cart
    assert watch.qr_shown == 0

    qtbot.keyClick(window.payment, Qt.Key.Key_Return)  # the next sale
    fill_cart(window, "FIA001")
    charge(qtbot, window)
    assert display.page == PAGE_CHARGE  # its own charge, no cash left over from the last one


def test_cash_takes_the_dynamic_qr_off_at_once(
    window: MainWindow, display: CustomerDisplay, qtbot: QtBot, run: Any, monkeypatch: Any
) -> None:
    """The Orders API's dynamic QR stayed on show for the cancel's two looks (~2 s), scannable:
    a customer who scanned it then paid by QR while the cashier took the cash."""
    monkeypatch.setattr(cd, "PAID_SECONDS", 0.4)
    rt = window.rt
    run(rt.reconfigure(rt.config.with_changes(api="orders", qr_mode="dynamic")))
    brisk(rt.engine)
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    sale = window.payment.sale
    assert sale is not None and sale.qr_data
    qtbot.waitUntil(lambda: display.qr_side >= QR_MIN_PX, timeout=WAIT)
    watch = Watch(display)
    qtbot.mouseClick(window.payment.cash_button, Qt.MouseButton.LeftButton)
    assert display.page == PAGE_CASH and display.qr_side == 0
    assert not display.qr.isVisible()
    qtbot.waitUntil(banner_is(window, BannerKind.CASH), timeout=WAIT)
    assert display.page == PAGE_PAID and display.paid_how.text() == "In cash"
    qtbot.waitUntil(lambda: display.page == PAGE_IDLE, timeout=WAIT)
    assert watch.qr_shown == 0, "the QR came back after the cashier chose cash"
    assert display.dynamic_qr == ""


def test_a_qr_payment_that_overtakes_the_cash_cancel_shows_paid_by_qr(
    window: MainWindow, display: CustomerDisplay, qtbot: QtBot, control: Any, monkeypatch: Any
) -> None:
    """The customer pays the QR as the cashier chooses cash: the window says "Do not take
    cash". The display, which had asked for cash, says paid with Mercado Pago, and never asks
    for cash again."""
    monkeypatch.setattr(cd, "PAID_SECONDS", 0.4)
    engine = window.rt.engine
    engine.settings = dataclasses.replace(engine.settings, poll=PollSchedule.fixed(60))
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    control.pay("approved")  # the app has not seen it yet
    watch = Watch(display)
    qtbot.mouseClick(window.payment.cash_button, Qt.MouseButton.LeftButton)
    assert display.page == PAGE_CASH
    qtbot.waitUntil(banner_is(window, BannerKind.LATE_PAID), timeout=WAIT)
    assert "Do not take cash" in window.payment.detail.text()
    assert display.page == PAGE_PAID
    assert display.paid_how.text() == "With Mercado Pago"
    assert display.paid_amount.text() == window.payment.amount.text()
    qtbot.waitUntil(lambda: display.page == PAGE_IDLE, timeout=WAIT)
    assert watch.pages == [PAGE_CASH, PAGE_PAID, PAGE_IDLE]
    assert watch.qr_shown == 0


def test_a_cancel_that_could_not_be_recorded_brings_the_charge_back(
    window: MainWindow, display: CustomerDisplay, qtbot: QtBot, monkeypatch: Any
) -> None:
    """The engine could not even record the cash choice (the ledger refused the write): the
    window shows the charge again, its QR still valid; so does the display."""

    async def refused(*_args: object, **_kwargs: object) -> SaleSnapshot:
        raise OSError("disk full")

    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    monkeypatch.setattr(window.rt.engine, "cancel", refused)
    qtbot.mouseClick(window.payment.cash_button, Qt.MouseButton.LeftButton)
    assert display.page == PAGE_CASH
    qtbot.waitUntil(banner_is(window, BannerKind.WAITING), timeout=WAIT)
    assert display.page == PAGE_CHARGE
    assert display.instruction.text() == "Scan the QR at the counter with Mercado Pago"
    assert window.cancel_choice is None


def test_a_display_opened_after_cash_was_chosen_shows_the_cash_page(
    window: MainWindow, qtbot: QtBot, run: Any
) -> None:
    """Built by the app (the menu shows it first) once the cashier has chosen cash: the cash
    page at once, then paid in cash, as one built before."""
    from contextlib import AsyncExitStack

    from pos_app.app import open_customer_display

    brisk(window.rt.engine)
    stack = AsyncExitStack()
    controller = open_customer_display(stack, window, window.bridge, window.rt, show=False)
    try:
        fill_cart(window, "7790580001018")
        charge(qtbot, window)
        qtbot.mouseClick(window.payment.cash_button, Qt.MouseButton.LeftButton)
        assert window.cancel_choice is True and controller.built is None
        controller.action.trigger()
        late = controller.display
        assert late.page == PAGE_CASH and late.qr_side == 0
        qtbot.waitUntil(banner_is(window, BannerKind.CASH), timeout=WAIT)
        assert late.page == PAGE_PAID and late.paid_how.text() == "In cash"
        # The cash sale recorded, the choice is over: a display opened now asks for nothing.
        assert window.cancel_choice is None
    finally:
        run(stack.aclose())


# == the display's own rules, event by event ======================================================
class Bridge(QObject):
    saleChanged = Signal(object)


def open_sale(model: CartTableModel, **changes: Any) -> SaleSnapshot:
    sale = SaleSnapshot(
        id=1,
        external_reference="R1",
        box_external_id="BOX1",
        site_id="MLA",
        currency="ARS",
        status=SaleStatus.PENDING,
        total=model.total(),
        created_at=NOW,
        updated_at=NOW,
        expires_at=NOW + timedelta(minutes=5),
        lines=model.lines(),
        api="orders",
        qr_data=emvco(amount=str(model.total())),
    )
    return replace(sale, **changes)


@pytest.fixture
def bare(qtbot: QtBot) -> tuple[CustomerDisplay, CartTableModel]:
    site = site_for("MLA")
    model = CartTableModel(site)
    shown = CustomerDisplay(site, now=lambda: NOW)
    qtbot.addWidget(shown)
    shown.follow(model, Bridge(), "BOX1")  # type: ignore[arg-type]
    shown.resize(1024, 600)
    shown.show()
    qtbot.waitExposed(shown)
    model.add_line(CartLine("S1", "Yerba mate 1 kg", Decimal("4500.00")))
    model.set_locked(True)
    return shown, model


def test_a_cash_cancel_left_open_at_start_up_shows_the_cash_page(
    bare: tuple[CustomerDisplay, CartTableModel],
) -> None:
    """Start-up with a cash cancel the engine had recorded but not confirmed: no QR."""
    display, model = bare
    display.show_open_sale(open_sale(model, cancel_requested=True, tender=Tender.CASH))
    assert display.page == PAGE_CASH and display.qr_side == 0


def test_a_late_qr_payment_after_the_cash_sale_leaves_paid_in_cash(
    bare: tuple[CustomerDisplay, CartTableModel],
) -> None:
    """Paid in cash and thanked; Mercado Pago then reports the QR paid too (paid twice: the
    cashier's business, the late-payment bar's): the customer's screen does not change."""
    display, model = bare
    sale = open_sale(model)
    display.sale_changed(SaleChanged(sale, None, "charge"))
    display.cancel_chosen(True)
    cash = replace(sale, status=SaleStatus.CANCELED, tender=Tender.CASH, cancel_requested=True)
    display.sale_changed(SaleChanged(cash, SaleStatus.PENDING, "cancel"))
    assert display.page == PAGE_PAID and display.paid_how.text() == "In cash"
    late = replace(cash, status=SaleStatus.PAID, late_payment=True, paid_amount=cash.total)
    display.sale_changed(SaleChanged(late, SaleStatus.CANCELED, "recheck"))
    assert display.page == PAGE_PAID and display.paid_how.text() == "In cash"


def test_esc_takes_the_qr_off_at_once(bare: tuple[CustomerDisplay, CartTableModel]) -> None:
    """Esc: "One moment, please" and no QR while the order is taken off; canceled, the cart."""
    display, model = bare
    sale = open_sale(model)
    display.sale_changed(SaleChanged(sale, None, "charge"))
    assert display.qr_side >= QR_MIN_PX
    display.cancel_chosen(False)
    assert display.page == PAGE_CHARGE and display.qr_side == 0
    assert display.notice.text() == "One moment, please"
    display.cancel_failed()  # not recorded: the charge (and its QR) goes on
    assert display.qr_side >= QR_MIN_PX and not display.notice.isVisible()
    display.cancel_chosen(False)
    canceled = replace(sale, status=SaleStatus.CANCELED, cancel_requested=True)
    display.sale_changed(SaleChanged(canceled, SaleStatus.PENDING, "cancel"))
    assert display.page not in (PAGE_CHARGE, PAGE_CASH, PAGE_PAID)
    model.set_locked(False)
    next_sale = open_sale(model, external_reference="R2")
    display.sale_changed(SaleChanged(next_sale, None, "charge"))
    assert display.page == PAGE_CHARGE and display.qr_side >= QR_MIN_PX  # no Esc left over
