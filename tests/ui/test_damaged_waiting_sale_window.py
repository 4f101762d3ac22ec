"""The window starts and sells with a sale still waiting for payment whose stored amounts cannot
be read (a hand-edited or damaged ledger): the start-up sets it aside without an error box, one
line in the status bar says so and where to look, and F5 charges the next cart as usual. The
damaged sale is never sent to the box, shown paid or written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from pos_app.app import resume
from pos_app.domain.cart import CartLine
from pos_app.domain.sale import SaleStatus
from pos_app.runtime import Runtime
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.sale_banner import BannerKind
from tests.ledger_edits import edit_by_hand, sale_as_stored
from tests.ui.test_ui_charging import fill_cart

pytestmark = pytest.mark.gui

WAIT = 10_000


def _damage(runtime: Runtime, reference: str, table: str, column: str, value: str) -> None:
    edit_by_hand(runtime.ledger.path, table, column, value, reference=reference)


def _stored(runtime: Runtime, reference: str) -> tuple[Any, ...]:
    return sale_as_stored(runtime.ledger.path, reference)


def _error_boxes() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.isVisible() and w.objectName() == "errorBox"
    ]


@pytest.mark.parametrize(
    ("table", "column", "value"), [("sales", "total", "NaN"), ("sale_lines", "unit_price", "1e999")]
)
def test_the_window_sells_beside_a_damaged_waiting_sale(
    window: MainWindow,
    runtime: Runtime,
    qtbot: QtBot,
    run: Any,
    control: Any,
    screenshot: Any,
    table: str,
    column: str,
    value: str,
) -> None:
    # Left by the last run: written, its order never confirmed on the box (``creating``), as a
    # till killed mid-charge leaves it; then its amount damaged.
    now = datetime.now(UTC)
    waiting = runtime.ledger.create_sale(
        user_id=runtime.config.user_id,
        store_external_id=runtime.config.store_external_id,
        box_external_id=runtime.config.box_external_id,
        site=runtime.site,
        title="Almacén",
        lines=[CartLine("Y1", "Yerba", Decimal("1725.25"), 2)],
        total=Decimal("3450.50"),
        iva_total=None,
        now=now,
        expires_at=now + timedelta(minutes=10),
    ).external_reference
    _damage(runtime, waiting, table, column, value)
    before = _stored(runtime, waiting)

    run(resume(window, runtime))  # the start-up's resume: raised DamagedAmount before
    assert not _error_boxes()
    assert not window.in_payment  # nothing to show: the cart is the cashier's
    label = window.status.set_aside
    assert label.isVisible()
    assert label.text() == "A sale could not be read: run 'pos-app doctor' or call support"
    assert waiting in label.toolTip() and "set aside" in label.toolTip()
    assert f"(column {column}) is '{value}'" in label.toolTip()  # for support

    fill_cart(window, "7790580001018")
    total = window.model.total()
    qtbot.keyClick(window.scan, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.WAITING, timeout=WAIT)
    assert not _error_boxes()
    sale = window.current_sale
    assert sale is not None and sale.external_reference != waiting
    assert sale.status is SaleStatus.PENDING and sale.total == total
    order = control.box()["order"]
    assert order["external_reference"] == sale.external_reference
    assert Decimal(str(order["total_amount"])) == total
    screenshot(window, "48_damaged_waiting_sale_set_aside")

    # The damaged sale was never sent, never shown, never written.
    assert not control.state.bodies_for(waiting)
    assert _stored(runtime, waiting) == before
    assert label.text() == "A sale could not be read: run 'pos-app doctor' or call support"


def test_a_payment_of_the_damaged_sale_is_recorded_from_the_close_dialog(
    window: MainWindow, runtime: Runtime, qtbot: QtBot, run: Any, control: Any
) -> None:
    from pos_app.ui.day.dialogs import CloseDayDialog

    # The last run: a sale on the box, scanned by a customer, then the till stopped.
    state = control.state
    line = CartLine("Y1", "Yerba", Decimal("1725.25"), 2)
    waiting = run(runtime.engine.charge([line])).external_reference
    tracking = runtime.engine.trackers(waiting).task
    assert tracking is not None
    tracking.cancel()
    qtbot.waitUntil(tracking.done, timeout=WAIT)
    scanned = state.scan_box()
    _damage(runtime, waiting, "sales", "total", "NaN")
    before = _stored(runtime, waiting)
    run(resume(window, runtime))

    # The next customer is charged; the first one pays the old order on the phone meanwhile.
    fill_cart(window, "7790580001018")
    qtbot.keyClick(window.scan, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.WAITING, timeout=WAIT)
    payment = state.pay_merchant_order(scanned)

    dialog = window.day.open_close_day()  # raised DamagedAmount (no dialog) before
    assert isinstance(dialog, CloseDayDialog) and dialog.isVisible()
    assert waiting in dialog.heading.text() and "pos-app doctor" in dialog.heading.text()
    assert not dialog.close_day_button.isEnabled()  # nothing closes with a damaged amount
    qtbot.mouseClick(dialog.reconcile_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.reconciliation is not None, timeout=WAIT)
    result = dialog.reconciliation
    assert result is not None
    assert [(p.id, p.external_reference) for p in result.missing_in_ledger] == [(payment, waiting)]
    assert dialog.adopt_button.isVisible()
    qtbot.mouseClick(dialog.adopt_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            dialog.reconciliation is not result
            and dialog.reconciliation is not None
            and not dialog.reconciliation.missing_in_ledger
        ),
        timeout=WAIT,
    )
    recorded = runtime.ledger.get_sale(f"MP-{payment}")
    assert recorded is not None and recorded.status is SaleStatus.PAID
    assert recorded.paid_amount == Decimal("3450.50") and recorded.payment_ids == (payment,)
    assert _stored(runtime, waiting) == before  # the damaged sale: untouched
    dialog.close()


def test_the_sale_on_screen_damaged_while_it_waits_ends_with_what_to_do(
    window: MainWindow, runtime: Runtime, qtbot: QtBot, control: Any, screenshot: Any
) -> None:
    """Its record edited by hand while the customer was paying: the engine stops checking it
    (tests/checkout/test_damaged_while_followed.py). The window used to stay on "Waiting…"
    with Cancel failing on the damaged amount; now the sale is over on screen and the banner
    says what to do, and the cashier can go on."""
    fill_cart(window, "7790580001018")
    qtbot.keyClick(window.scan, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.WAITING, timeout=WAIT)
    sale = window.current_sale
    assert sale is not None
    first = sale.external_reference
    _damage(runtime, first, "sales", "total", "NaN")
    qtbot.waitUntil(lambda: window.payment.has_ended, timeout=WAIT)
    panel = window.payment
    assert panel.banner_kind is BannerKind.TROUBLE
    assert panel.banner.text() == "This sale can no longer be checked"
    assert "If the customer shows a paid receipt, do not charge again" in panel.detail.text()
    assert panel.detail.isVisible() and not panel.qr.isVisible()
    assert panel.countdown.text() == ""  # no "Expires in 0:59" frozen on screen
    assert panel.new_sale_button.isVisible() and panel.back_button.isVisible()
    assert not panel.cancel_button.isVisible() and not panel.cash_button.isVisible()
    assert window.new_sale_action.isEnabled() and not window.cancel_action.isEnabled()
    assert window.status.set_aside.isVisible() and first in window.status.set_aside.toolTip()
    # The status line gives way at 1024 px, never the TEST badge (it pushed the badge out).
    badge = window.status.test_badge
    assert window.width() <= 1024 and badge.isVisible()
    qtbot.waitUntil(  # the bar grew wider than the window (1,072 px) and cut it off
        lambda: (
            window.status.width() <= window.width()
            and badge.mapTo(window, badge.rect().topRight()).x() < window.width()
        ),
        timeout=2000,
    )
    assert not _error_boxes()
    screenshot(window, "49_sale_on_screen_set_aside")

    # The customer had not paid: back to the same cart, charged again as a new sale.
    qtbot.mouseClick(panel.back_button, Qt.MouseButton.LeftButton)
    assert not window.in_payment and window.model.rowCount() == 1
    qtbot.keyClick(window.scan, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.WAITING, timeout=WAIT)
    again = window.current_sale
    assert again is not None and again.external_reference != first
    assert control.box()["order"]["external_reference"] == again.external_reference
