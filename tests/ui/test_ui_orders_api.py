"""The Orders API at the counter: Settings → Charging switches the till to it, the payment panel
shows the dynamic QR big enough to scan off the screen, and the demo phone pays it."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.domain.sale import SaleStatus
from pos_app.runtime import Runtime
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.sale_banner import BannerKind
from pos_app.ui.demo.phone_window import CustomerPhoneWindow
from pos_app.ui.settings.charging import ChargingPage
from pos_app.ui.settings.qr_sticker import QUIET_ZONE, qr_matrix
from pos_app.ui.settings.session import SettingsSession
from tests.ui.test_ui_charging import WAIT, banner_is, charge, fill_cart

pytestmark = pytest.mark.gui


def test_charging_page_sets_the_api_and_qr_mode(runtime: Runtime, qtbot: QtBot) -> None:
    session = SettingsSession(
        runtime.config, runtime.client, token=runtime.client.token, origin="keyring"
    )
    page = ChargingPage(session)
    qtbot.addWidget(page)
    assert page.api_instore.isChecked() and not page.qr_mode.isEnabled()
    page.api_orders.setChecked(True)
    assert page.qr_mode.isEnabled()
    page.qr_mode.setCurrentIndex(page.qr_mode.findData("dynamic"))
    config = page.apply_to(runtime.config)
    assert (config.api, config.qr_mode) == ("orders", "dynamic")
    page.api_instore.setChecked(True)
    assert page.apply_to(runtime.config).api == "instore"


def test_dynamic_qr_on_the_payment_panel_paid_by_the_phone(
    window: MainWindow,
    runtime: Runtime,
    sandbox_app: Any,
    qtbot: QtBot,
    run: Any,
    screenshot: Any,
) -> None:
    run(runtime.reconfigure(runtime.config.with_changes(api="orders", qr_mode="dynamic")))
    fill_cart(window, "7790580001018", "FIA001")
    charge(qtbot, window)
    sale = window.payment.sale
    assert sale is not None and sale.api == "orders" and sale.qr_data
    qtbot.waitUntil(lambda: window.payment.qr.isVisible(), timeout=WAIT)
    pixmap = window.payment.qr.pixmap()
    # Whole and square at the smallest window (1024 x 768), never under 240 px a side.
    assert pixmap.width() >= 240 and pixmap.width() == pixmap.height()
    assert window.payment.qr.height() >= pixmap.height()
    # The picture is the sale's code, module for module (whole, not cropped or blurred).
    matrix = qr_matrix(sale.qr_data)
    image = pixmap.toImage()
    step = image.width() // (len(matrix) + 2 * QUIET_ZONE)
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            x, y = ((c + QUIET_ZONE) * step + step // 2, (r + QUIET_ZONE) * step + step // 2)
            assert (image.pixelColor(x, y).lightness() < 128) == dark, (r, c)
    assert window.payment.qr_caption.isVisible()
    screenshot(window, "40_orders_api_dynamic_qr")

    phone = CustomerPhoneWindow(
        "http://sandbox",
        runtime.config.box_external_id,
        runtime.site,
        transport=httpx.ASGITransport(app=sandbox_app),
    )
    try:
        phone.resize(380, 680)
        phone.show()
        run(phone.refresh())
        assert phone.pay_button.isEnabled()
        assert phone.total.text() == "Total " + window.payment.amount.text()
        assert phone.items.rowCount() == 2
        assert "cashier's screen" in phone.caption.text()
        screenshot(phone, "41_phone_dynamic_qr_order")
        qtbot.mouseClick(phone.pay_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "approved" in phone.result.text(), timeout=WAIT)
        qtbot.waitUntil(banner_is(window, BannerKind.PAID), timeout=WAIT)
        screenshot(phone, "42_phone_dynamic_qr_paid")
        assert not window.payment.qr.isVisible()  # a paid sale's QR is gone
        paid = runtime.ledger.get_sale(sale.external_reference)
        assert paid is not None and paid.status is SaleStatus.PAID
        assert paid.order_payment_ids and paid.order_payment_ids[0].startswith("PAY")
        screenshot(window, "43_orders_api_paid")
    finally:
        phone.close()
        run(phone.aclose())
        phone.deleteLater()


def test_static_mode_shows_no_qr_and_the_box_is_paid(
    window: MainWindow, runtime: Runtime, control: Any, qtbot: QtBot, run: Any
) -> None:
    run(runtime.reconfigure(runtime.config.with_changes(api="orders", qr_mode="static")))
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    assert not window.payment.qr.isVisible()
    control.pay("approved")  # the customer scans the box's printed QR
    qtbot.waitUntil(banner_is(window, BannerKind.PAID), timeout=WAIT)
