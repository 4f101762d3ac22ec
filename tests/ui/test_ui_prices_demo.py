"""Issue 20's "done when", in demo mode over a real loopback socket (what ``pos-app --demo``
runs): a weighed product from a scale label, a line discount and a sale discount, paid on the
customer's phone; the order the sandbox received is saved beside the screenshots."""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_app.app import run_windows
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.price_dialogs import DiscountDialog
from pos_app.ui.counter.sale_banner import BannerKind
from pos_app.ui.demo.phone_window import CustomerPhoneWindow
from tests.ui.conftest import SCREENSHOTS, SCREENSHOTS_WANTED, quicken_demo

pytestmark = pytest.mark.gui

WAIT = 15_000


def find(kind: type) -> Any:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return found[-1] if found else None


def test_demo_sale_with_scale_label_and_discounts_is_paid(
    qloop: Any, qtbot: QtBot, screenshot: Any
) -> None:
    app_task = asyncio.ensure_future(run_windows(demo=True))
    try:
        qtbot.waitUntil(lambda: bool(find(MainWindow) and find(CustomerPhoneWindow)), timeout=WAIT)
        window: MainWindow = find(MainWindow)
        phone: CustomerPhoneWindow = find(CustomerPhoneWindow)
        quicken_demo(window, phone)
        qtbot.waitUntil(window.scan.hasFocus, timeout=WAIT)

        def scan(code: str) -> None:
            qtbot.keyClicks(window.scan, code)
            qtbot.keyClick(window.scan, Qt.Key.Key_Return)

        def discount(key: Qt.Key, value: str, *, down: int = 0, reason: str = "") -> None:
            qtbot.waitUntil(window.scan.hasFocus, timeout=WAIT)
            qtbot.keyClick(window.scan, key)
            qtbot.waitUntil(
                lambda: isinstance(QApplication.activeModalWidget(), DiscountDialog), timeout=WAIT
            )
            dialog = QApplication.activeModalWidget()
            for _ in range(down):
                qtbot.keyClick(dialog.value, Qt.Key.Key_Down)
            qtbot.keyClicks(dialog.value, value)
            if reason:
                qtbot.keyClicks(dialog.reason, reason)
            qtbot.keyClick(dialog.value, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)

        scan("2000201003501")  # the scale's label: Jamón cocido, 0,350 kg
        scan("7790580001018")  # Yerba mate Playadito 1 kg
        scan("7790580001018")
        discount(Qt.Key.Key_F7, "10", reason="Pago con QR")  # the yerba line
        discount(Qt.Key.Key_F8, "5")  # the whole sale
        # 5075 + 9780 - 978 = 13877; 5 % of it = 693.85 -> 13183.15
        assert window.totals.total.text() == "$ 13.183,15"
        qtbot.waitUntil(window.scan.hasFocus, timeout=WAIT)
        qtbot.keyClick(window.scan, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: phone.pay_button.isEnabled(), timeout=WAIT)

        async def box() -> Any:
            response = await phone._http.get(f"/_sandbox/boxes/{window.rt.config.box_external_id}")
            return response.json()

        task = asyncio.ensure_future(box())
        qtbot.waitUntil(task.done, timeout=WAIT)
        received = task.result()
        order = received["order"]
        if SCREENSHOTS_WANTED:  # beside the pictures, for a person to read; never in a plain run
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            (SCREENSHOTS / "demo_order_weighed_discounts.json").write_text(
                json.dumps(received, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
            )
        assert order["total_amount"] == 13183.15
        assert order["items"][0]["title"] == "Jamón cocido 0,350 kg x $ 14.500,00/kg"
        assert order["items"][0]["quantity"] == 1
        items_sum = sum(
            Decimal(str(item["unit_price"])) * item["quantity"] for item in order["items"]
        )
        assert items_sum == Decimal("13183.15")
        screenshot(phone, "25_phone_weighed_and_discounts")

        qtbot.mouseClick(phone.pay_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.PAID, timeout=WAIT)
        sale = window.payment.sale
        assert sale is not None and sale.total == Decimal("13183.15")
        charged = window.rt.ledger.charged_amounts(sale.external_reference)
        assert sum(charged) == sale.total
        screenshot(window, "26_demo_paid_weighed_and_discounts")

        window.close()
        qtbot.waitUntil(app_task.done, timeout=WAIT)
        assert app_task.result() == 0
    finally:
        if not app_task.done():
            app_task.cancel()
            qtbot.waitUntil(app_task.done, timeout=WAIT)
