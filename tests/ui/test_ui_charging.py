"""Charging with the QR, end to end against the sandbox: every banner the cashier can see."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from pos_app.domain.catalog import Product
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.settings.config import PollSchedule
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.sale_banner import BannerKind
from pos_app.ui.qtkit import sounds
from tests.ui.conftest import look_now

pytestmark = pytest.mark.gui

WAIT = 10_000  # generous: a 2-core CI machine is slow, and waitUntil returns as soon as it holds
# When a call or a request counts as "answering slowly" in the tests that wait for it: half the
# counter's second (engine_calls.SLOW_AFTER), the slow answers they make slowed in proportion.
SLOW_AFTER_IN_TESTS = 0.5


def fill_cart(win: MainWindow, *codes: str) -> None:
    for code in codes:
        product = win.rt.ledger.catalog.lookup_code(code)
        assert isinstance(product, Product), code
        win.model.add_line(product.to_line())


def charge(qtbot: QtBot, win: MainWindow) -> None:
    """F5, then wait until the order is on the box and the customer can pay."""
    qtbot.keyClick(win.scan, Qt.Key.Key_F5)
    assert win.in_payment
    qtbot.waitUntil(lambda: win.payment.banner_kind is BannerKind.WAITING, timeout=WAIT)


def banner_is(win: MainWindow, kind: BannerKind) -> Any:
    return lambda: win.payment.banner_kind is kind


def test_charge_then_approved_shows_paid_and_enter_starts_a_new_sale(
    window: MainWindow, qtbot: QtBot, control: Any, screenshot: Any, monkeypatch: Any
) -> None:
    beeps: list[str] = []
    monkeypatch.setattr(sounds, "paid", lambda: beeps.append("paid"))
    fill_cart(window, "7790580001018", "FIA001", "FIA001")
    total = window.model.total()
    charge(qtbot, window)
    assert window.payment.amount.text() == "$ 11.140,00"
    assert window.payment.banner.text() == "Waiting for the customer to scan and pay"
    assert window.payment.countdown.text().startswith("Expires in")
    assert window.model.locked and not window.scan.isEnabled()
    # The cart cannot change while the customer pays: keys and touch buttons do nothing.
    window.cart_view.setFocus()
    window.cart_view.select_row(0)
    qtbot.keyClick(window.cart_view, Qt.Key.Key_Delete)
    qtbot.keyClick(window.cart_view, Qt.Key.Key_Plus)
    assert len(window.model.lines()) == 2 and window.model.total() == total
    order = control.box()["order"]
    assert order is not None and Decimal(str(order["total_amount"])) == total
    screenshot(window, "10_waiting")

    control.pay("approved")
    qtbot.waitUntil(banner_is(window, BannerKind.PAID), timeout=WAIT)
    assert window.payment.banner.text() == "PAID"
    assert window.current_sale is not None
    assert window.current_sale.status is SaleStatus.PAID
    assert window.current_sale.tender is Tender.QR
    assert window.new_sale_action.isEnabled() and not window.cancel_action.isEnabled()
    assert beeps == ["paid"]  # once, however many events follow
    screenshot(window, "11_paid")

    qtbot.keyClick(window.payment, Qt.Key.Key_Return)
    assert not window.in_payment
    assert window.model.is_empty() and not window.model.locked
    assert window.scan.isEnabled() and window.scan.hasFocus()


def test_rejected_card_then_approved_silently_when_sound_is_off(
    window: MainWindow, qtbot: QtBot, control: Any, screenshot: Any, monkeypatch: Any
) -> None:
    beeps: list[str] = []
    monkeypatch.setattr(sounds, "paid", lambda: beeps.append("paid"))
    window.rt.config = window.rt.config.with_changes(sound_on_paid=False)
    fill_cart(window, "7790580001032")
    charge(qtbot, window)
    control.pay("rejected")
    qtbot.waitUntil(banner_is(window, BannerKind.REJECTED), timeout=WAIT)
    assert "rejected" in window.payment.banner.text()
    assert window.cancel_action.isEnabled()  # still open: the cashier may still cancel
    screenshot(window, "12_rejected")
    control.pay("approved")
    qtbot.waitUntil(banner_is(window, BannerKind.PAID), timeout=WAIT)
    assert beeps == []


def test_escape_cancels_and_back_to_cart_keeps_the_lines(
    window: MainWindow, qtbot: QtBot, control: Any, screenshot: Any
) -> None:
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    qtbot.keyClick(window.payment, Qt.Key.Key_Escape)
    qtbot.waitUntil(banner_is(window, BannerKind.CANCELED), timeout=WAIT)
    assert control.box()["order"] is None  # removed from the box: the QR shows nothing
    assert window.payment.back_button.isVisible()
    screenshot(window, "13_canceled")
    qtbot.mouseClick(window.payment.back_button, Qt.MouseButton.LeftButton)
    assert not window.in_payment
    assert [line.sku for line in window.model.lines()] == ["ALM001"]
    assert not window.model.locked


def test_customer_pays_cash(window: MainWindow, qtbot: QtBot, screenshot: Any) -> None:
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    qtbot.mouseClick(window.payment.cash_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(banner_is(window, BannerKind.CASH), timeout=WAIT)
    assert window.current_sale is not None and window.current_sale.tender is Tender.CASH
    assert "4.890,00" in window.payment.detail.text()
    screenshot(window, "14_cash")
    qtbot.mouseClick(window.payment.new_sale_button, Qt.MouseButton.LeftButton)
    assert window.model.is_empty() and not window.in_payment


def test_cancel_racing_a_payment_ends_paid_with_a_loud_warning(
    window: MainWindow, qtbot: QtBot, control: Any, screenshot: Any
) -> None:
    # Poll rarely, so the app has not yet seen the payment when the cashier presses Esc.
    engine = window.rt.engine
    engine.settings = dataclasses.replace(engine.settings, poll=PollSchedule.fixed(60))
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    control.pay("approved")  # the customer pays...
    qtbot.keyClick(window.payment, Qt.Key.Key_Escape)  # ...as the cashier gives up
    qtbot.waitUntil(banner_is(window, BannerKind.LATE_PAID), timeout=WAIT)
    assert window.payment.banner.text() == "The customer DID pay — do not charge again"
    sale = window.current_sale
    assert sale is not None and sale.status is SaleStatus.PAID and sale.cancel_requested
    screenshot(window, "15_cancel_raced_payment")


def test_cash_cancel_overtaken_by_the_payment_says_do_not_take_cash(
    window: MainWindow, qtbot: QtBot, control: Any, screenshot: Any
) -> None:
    """ "Customer pays cash" as the customer pays the QR: the window had said "Canceling…", never
    "Take … in cash", so no cash was taken. Until 2026-12-02 the sale was recorded paid both
    ways (the close expected its cash in the drawer) and the banner said "after you took cash:
    paid twice, give the cash back": a cashier who had taken none came out short twice over."""
    engine = window.rt.engine
    engine.settings = dataclasses.replace(engine.settings, poll=PollSchedule.fixed(60))
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    control.pay("approved")
    qtbot.mouseClick(window.payment.cash_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(banner_is(window, BannerKind.LATE_PAID), timeout=WAIT)
    detail = window.payment.detail.text()
    assert "Do not take cash" in detail and "paid twice" not in detail, detail
    sale = window.current_sale
    assert sale is not None and sale.status is SaleStatus.PAID and sale.tender is Tender.QR
    assert not window.late_bar.isVisible()
    preview = window.rt.ledger.day.preview(
        window.rt.site, now=datetime.now(UTC) + timedelta(minutes=1)
    )
    assert preview.totals["cash"] == 0 and preview.expected_cash == 0
    screenshot(window, "15b_cash_cancel_raced_payment")


def test_expiry(window: MainWindow, qtbot: QtBot, control: Any, screenshot: Any) -> None:
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    assert control.expire() == {"expired": True}
    # The engine times the expiry (one minute here) on its monotonic clock: move it past.
    window.rt.engine.monotonic = lambda: time.monotonic() + 120
    qtbot.waitUntil(banner_is(window, BannerKind.EXPIRED), timeout=WAIT)
    assert window.payment.countdown.text() == ""
    assert window.payment.back_button.isVisible() and window.new_sale_action.isEnabled()
    screenshot(window, "16_expired")


def test_connection_trouble_is_shown_and_recovers(
    window: MainWindow, qtbot: QtBot, control: Any, screenshot: Any
) -> None:
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    look_now(window)
    qtbot.waitUntil(lambda: window.status.connection.property("state") == "online", timeout=WAIT)
    control.faults(error_rate=1.0, kinds=["500"])
    look_now(window)
    qtbot.waitUntil(banner_is(window, BannerKind.TROUBLE), timeout=WAIT)
    assert window.payment.banner.text() == "Connection trouble — still trying"
    qtbot.waitUntil(lambda: window.status.connection.property("state") == "trouble", timeout=WAIT)
    assert "Connection trouble since" in window.status.connection.text()
    screenshot(window, "17_connection_trouble")

    control.clear_faults()
    look_now(window)  # not after the trouble backoff
    qtbot.waitUntil(banner_is(window, BannerKind.WAITING), timeout=WAIT)
    qtbot.waitUntil(lambda: window.status.connection.property("state") == "online", timeout=WAIT)
    control.pay("approved")
    look_now(window)
    qtbot.waitUntil(banner_is(window, BannerKind.PAID), timeout=WAIT)


def test_a_slow_answer_says_so(
    window: MainWindow, qtbot: QtBot, control: Any, screenshot: Any
) -> None:
    window.calls.slow_after = SLOW_AFTER_IN_TESTS
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    # Background checks answering slowly are noticed (the client reports each request's time).
    control.faults(latency_ms=int(1200 * SLOW_AFTER_IN_TESTS))
    look_now(window)
    qtbot.waitUntil(lambda: window.payment.slow.isVisible(), timeout=WAIT)
    assert window.status.slow.isVisible()
    assert window.payment.banner_kind is BannerKind.WAITING  # slow is not broken
    screenshot(window, "18_answering_slowly")
    control.clear_faults()
    look_now(window)  # the look after the one under way, at once
    qtbot.waitUntil(lambda: not window.payment.slow.isVisible(), timeout=WAIT)


def test_a_call_the_cashier_waits_for_says_so_after_a_second(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.calls.slow_after = SLOW_AFTER_IN_TESTS  # the counter's second, shortened
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    # Stands in for an engine call that takes its time, held until the test has seen the words
    # (a 1.6-s sleep left them on screen 0.6 s: a loaded machine's stall could miss them).
    answered = asyncio.Event()
    window._call(answered.wait())
    assert window.busy and not window.payment.slow.isVisible()
    qtbot.waitUntil(lambda: window.payment.slow.isVisible(), timeout=WAIT)
    answered.set()
    qtbot.waitUntil(lambda: not window.busy, timeout=WAIT)
    assert not window.payment.slow.isVisible()


def test_refused_order_shows_the_reason_and_keeps_the_cart(
    window: MainWindow, qtbot: QtBot, control: Any, screenshot: Any
) -> None:
    fill_cart(window, "7790580001018")
    # Revoked credentials: Mercado Pago refuses the order outright.
    control.revoke_token()
    qtbot.keyClick(window.scan, Qt.Key.Key_F5)
    qtbot.waitUntil(banner_is(window, BannerKind.FAILED), timeout=WAIT)
    assert "Nothing was charged" in window.payment.detail.text()
    screenshot(window, "19_refused")
    qtbot.mouseClick(window.payment.back_button, Qt.MouseButton.LeftButton)
    assert [line.sku for line in window.model.lines()] == ["ALM001"]


def test_charging_while_the_box_is_busy_explains_why(
    window: MainWindow, qtbot: QtBot, run: Any
) -> None:
    # Another sale already waits on this box (charged from the command line, say).
    product = window.rt.ledger.catalog.lookup_code("ALM003")
    assert product is not None
    run(window.rt.engine.charge([product.to_line()]))
    fill_cart(window, "7790580001018")
    qtbot.keyClick(window.scan, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: not window.in_payment, timeout=WAIT)
    boxes = window.findChildren(QMessageBox, "errorBox")
    assert boxes
    assert "still waiting for the payment" in boxes[-1].text()
    assert [line.sku for line in window.model.lines()] == ["ALM001"]  # the cart is intact
    boxes[-1].close()


def test_sending_is_shown_until_mercado_pago_takes_the_order(
    window: MainWindow, qtbot: QtBot, control: Any, screenshot: Any
) -> None:
    window.calls.slow_after = SLOW_AFTER_IN_TESTS
    fill_cart(window, "7790580001018")
    control.held.hold("/instore")  # the PUT takes its time: answered once the test has looked
    qtbot.keyClick(window.scan, Qt.Key.Key_F5)
    assert window.payment.banner_kind is BannerKind.SENDING
    assert window.payment.banner.text() == "Sending…"
    qtbot.waitUntil(lambda: window.payment.slow.isVisible(), timeout=WAIT)
    assert window.payment.banner_kind is BannerKind.SENDING and control.held.held
    screenshot(window, "09_sending_slowly")
    control.held.answer()
    qtbot.waitUntil(banner_is(window, BannerKind.WAITING), timeout=WAIT)


def test_credentials_refused_while_waiting(
    window: MainWindow, qtbot: QtBot, control: Any, screenshot: Any
) -> None:
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    control.revoke_token()
    qtbot.waitUntil(banner_is(window, BannerKind.AUTH), timeout=WAIT)
    qtbot.waitUntil(lambda: window.status.connection.property("state") == "auth", timeout=WAIT)
    assert "credentials" in window.status.connection.text()
    screenshot(window, "17b_credentials_refused")


def test_partial_payment_keeps_waiting_and_says_how_much(
    window: MainWindow, qtbot: QtBot, control: Any
) -> None:
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    control.pay("partial")
    qtbot.waitUntil(lambda: "Paid so far" in window.payment.detail.text(), timeout=WAIT)
    assert window.payment.banner_kind is BannerKind.WAITING
    assert "2.445,00" in window.payment.detail.text()
