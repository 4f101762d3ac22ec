"""Issue 7 in the window: a Colombian (MCO) till, money fields per site, the MCO demo.

The fixtures of ``conftest.py`` build the window on the sandbox; overriding ``sandbox_state``
makes the seller Colombian, and the runtime then loads ``resources/demo_catalog_co.csv``.
"""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_app.app import demo_catalog_path, demo_site_for, run_windows
from pos_app.domain.money import site_for
from pos_app.runtime import Runtime
from pos_app.sandbox.state import SandboxState
from pos_app.settings.config import Config
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.sale_banner import BannerKind
from pos_app.ui.counter.totals_panel import TotalsPanel
from pos_app.ui.demo.phone_window import CustomerPhoneWindow
from pos_app.ui.qtkit.fitting import text_room
from pos_app.ui.settings.dialog import SECTION_CHARGING, SettingsDialog
from pos_app.ui.settings.session import SettingsSession
from pos_app.ui.widgets.money_edit import MoneyEdit
from tests.ui.conftest import quicken_demo

GASEOSA = "7702001000241"  # CO024 Gaseosa Colombiana 1.5 L, $ 4.900, IVA 19 %
CAFE = "7702001000159"  # CO015 Café Sello Rojo 500 g, $ 17.800, IVA 5 %
HUEVOS = "7702001000012"  # CO001 Huevos AA x 30, $ 16.900, exempt
CHOCORAMO = "7702001000296"  # CO029 Chocoramo, $ 2.500, IVA 19 %
WAIT = 15_000


@pytest.fixture
def sandbox_state() -> SandboxState:
    return SandboxState.seeded("MCO")


def scan(qtbot: QtBot, win: MainWindow, code: str, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClicks(win.scan, code)
        qtbot.keyClick(win.scan, Qt.Key.Key_Return)


def test_colombian_catalog_barcodes_are_valid_ean13() -> None:
    import csv

    rows = list(csv.DictReader(demo_catalog_path("MCO").open(encoding="utf-8")))
    assert len(rows) >= 30
    assert {row["iva_rate"] for row in rows} == {"0", "5", "19"}
    for row in rows:
        code = row["barcode"]
        total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(code[:12]))
        assert len(code) == 13 and int(code[12]) == (10 - total % 10) % 10, row
        assert row["unit_price"].isdigit(), row  # pesos: integers only


@pytest.mark.gui
def test_mco_totals_panel_shows_the_iva_contained_and_the_order_sends_it(
    window: MainWindow, qtbot: QtBot, sandbox_state: SandboxState, screenshot: Any
) -> None:
    assert window.model.site.site_id == "MCO"
    assert window.totals.iva.isVisible() and window.totals.iva.text() == "IVA included: $ 0"
    scan(qtbot, window, GASEOSA)
    scan(qtbot, window, CAFE, 2)
    scan(qtbot, window, HUEVOS, 2)
    scan(qtbot, window, CHOCORAMO)
    assert window.totals.total.text() == "$ 76.800"
    # 782.35 + 1695.24 + 399.16 = 2876.75 → 2877, split 19 %: 1182, 5 %: 1695
    assert window.totals.iva.text() == "IVA included: $ 2.877\n19 %: $ 1.182 · 5 %: $ 1.695"
    tips = [
        window.model.data(window.model.index(row, 0), Qt.ItemDataRole.ToolTipRole).split("\n")[-1]
        for row in range(4)
    ]
    assert tips == ["IVA 19 % included", "IVA 5 % included", "Exempt from IVA", "IVA 19 % included"]
    assert "F9 settings" in window.totals.findChild(type(window.totals.iva), "keysHelp").text()
    screenshot(window, "70_mco_mixed_cart")

    qtbot.keyClick(window.scan, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.WAITING, timeout=WAIT)
    assert window.payment.amount.text() == "$ 76.800"
    body = sandbox_state.orders_received[-1]["body"]
    assert body["taxes"] == [{"type": "IVA", "value": 2877}]
    assert body["total_amount"] == 76800 and type(body["total_amount"]) is int
    screenshot(window, "71_mco_waiting")
    qtbot.keyClick(window.payment, Qt.Key.Key_F3)  # today's sales: the ledger's IVA
    dialog = window._sales_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=WAIT)
    dialog.table.selectRow(0)
    qtbot.waitUntil(
        lambda: "IVA included: $ 2.877" in dialog.heading.text().replace("\u00a0", " "),
        timeout=WAIT,
    )
    screenshot(dialog, "77_mco_todays_sales")
    dialog.close()


@pytest.mark.gui
def test_mco_custom_amount_refuses_decimals_beside_the_field(
    window: MainWindow, qtbot: QtBot, screenshot: Any
) -> None:
    qtbot.keyClick(window.scan, Qt.Key.Key_F2)
    bar = window.custom_bar
    # The example in Colombian pesos, in the longest hint that fits beside the IVA rate.
    hint = bar.amount.placeholderText()
    assert hint.endswith("1.235") and hint in ("Amount, e.g. 1.235", "e.g. 1.235", "1.235")
    assert bar.amount.fontMetrics().horizontalAdvance(hint) <= text_room(bar.amount)
    qtbot.keyClicks(bar.amount, "12,000")  # twelve thousand? twelve? never guess: refuse
    qtbot.keyClick(bar.amount, Qt.Key.Key_Return)
    assert bar.error.isVisible()
    assert bar.error.text() == "Amounts in COP have no decimals: write 1.235."
    screenshot(window, "72_mco_custom_amount_decimals")
    assert window.model.is_empty()
    bar.amount.clear()
    assert bar.iva_rate is not None and bar.iva_rate.currentData() == 19
    qtbot.keyClicks(bar.amount, "$ 11.900")
    qtbot.keyClick(bar.amount, Qt.Key.Key_Return)  # 19 % unless the cashier says otherwise
    assert [line.unit_price for line in window.model.lines()] == [Decimal(11900)]
    assert window.totals.iva.text() == "IVA included: $ 1.900"
    qtbot.keyClick(window.scan, Qt.Key.Key_F2)
    bar.iva_rate.setCurrentIndex(bar.iva_rate.findData(0))
    assert bar.iva_rate.currentText() == "Exempt from IVA"
    qtbot.keyClicks(bar.amount, "11900")
    screenshot(window, "72b_mco_custom_amount_exempt")
    qtbot.keyClick(bar.amount, Qt.Key.Key_Return)  # the same amount, exempt: a line of its own
    assert [(line.unit_price, line.iva_rate) for line in window.model.lines()] == [
        (Decimal(11900), Decimal(19)),
        (Decimal(11900), Decimal(0)),
    ]
    assert window.totals.total.text() == "$ 23.800"
    assert window.totals.iva.text() == "IVA included: $ 1.900"


@pytest.mark.gui
def test_argentine_totals_panel_has_no_iva_line(qtbot: QtBot) -> None:
    panel = TotalsPanel(site_for("MLA"))
    qtbot.addWidget(panel)
    panel.set_totals(Decimal("1234.5"), 1, has_selection=False)
    assert not panel.iva.isVisibleTo(panel) and panel.total.text() == "$ 1.234,50"


@pytest.mark.gui
@pytest.mark.parametrize(
    ("site_id", "typed", "shown"),
    [
        ("MLA", "1234,5", "1.234,50"),
        ("MLB", "R$ 99,9", "99,90"),
        ("MLM", "1234.5", "1,234.50"),
        ("MPE", "S/ 1234.5", "1,234.50"),
        ("MCO", "2500000", "2.500.000"),
        ("MCO", "2.500,5", "2.500,5"),  # refused: left as typed, not rounded
    ],
)
def test_money_edit_tidies_a_valid_amount_into_the_sites_writing(
    qtbot: QtBot, site_id: str, typed: str, shown: str
) -> None:
    edit = MoneyEdit(site_for(site_id))
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    qtbot.keyClicks(edit, typed)
    edit.editingFinished.emit()
    assert edit.text() == shown


@pytest.mark.gui
def test_mco_largest_sale_setting_reads_pesos_without_decimals(
    runtime: Runtime, qtbot: QtBot, screenshot: Any
) -> None:
    # Stored from an earlier two-decimal account: shown unrounded and refused, never "1.235".
    config: Config = runtime.config.with_changes(max_total="1234.5")
    dialog = SettingsDialog(
        SettingsSession(config, runtime.client, token=runtime.client.token, origin="keyring")
    )
    dialog.resize(980, 720)
    dialog.open()
    qtbot.waitExposed(dialog)
    try:
        dialog.show_section(SECTION_CHARGING)
        page = dialog.charging
        assert page.max_total.text() == "1.234,5"
        assert page.max_total_field.error.text() == "Amounts in COP have no decimals: write 1.235."
        assert not dialog.ok_button.isEnabled()
        screenshot(dialog, "73_mco_settings_max_total_refused")
        page.max_total.setText("2.500.000")
        assert page.max_total_field.error.text() == ""
        assert page.apply_to(config).max_total == "2500000"
        # "Leave empty for $ 40.000.000" when it fits, else the amount alone
        assert page.max_total.placeholderText().endswith("$ 40.000.000")
    finally:
        dialog.close()
        dialog.deleteLater()


@pytest.mark.parametrize(
    ("explicit", "environ", "site_id"),
    [
        ("mco", {"LANG": "en_US.UTF-8"}, "MCO"),
        (None, {"LANG": "es_CO.UTF-8"}, "MCO"),
        (None, {"LANG": "pt_BR"}, "MLB"),
        (None, {"LC_MONETARY": "es_CL.UTF-8", "LANG": "es_CO.UTF-8"}, "MLC"),
        (None, {"LC_ALL": "C.UTF-8", "LANG": "es_CO.UTF-8"}, "MLA"),  # LC_ALL decides
        (None, {"LANG": "es_ES.UTF-8"}, "MLA"),  # no Mercado Pago in Spain
        (None, {}, "MLA"),
    ],
)
def test_demo_site_comes_from_the_flag_else_the_locale(
    explicit: str | None, environ: dict[str, str], site_id: str
) -> None:
    assert demo_site_for(explicit, environ) == site_id


def _find(kind: type) -> Any:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return found[-1] if found else None


@pytest.mark.gui
def test_mco_demo_starts_and_the_phone_shows_the_total_and_the_iva(
    qloop: Any, qtbot: QtBot, screenshot: Any, settled_after_start_up: list[int]
) -> None:
    app_task = asyncio.ensure_future(run_windows(demo=True, demo_site="MCO"))
    try:
        qtbot.waitUntil(
            lambda: bool(_find(MainWindow) and _find(CustomerPhoneWindow)), timeout=WAIT
        )
        # Start-up over: its objects are put out of the collector's full passes
        # (system.memory; recorded here, not done: the conftest's settled_after_start_up).
        qtbot.waitUntil(lambda: bool(settled_after_start_up), timeout=WAIT)
        assert len(settled_after_start_up) == 1
        window: MainWindow = _find(MainWindow)
        phone: CustomerPhoneWindow = _find(CustomerPhoneWindow)
        quicken_demo(window, phone)
        assert window.rt.site.site_id == "MCO"
        scan(qtbot, window, GASEOSA)
        scan(qtbot, window, CAFE, 2)
        scan(qtbot, window, HUEVOS, 2)
        scan(qtbot, window, CHOCORAMO)
        assert window.totals.iva.text().startswith("IVA included: $ 2.877")
        screenshot(window, "74_mco_demo_cart")
        qtbot.keyClick(window.scan, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: phone.pay_button.isEnabled(), timeout=WAIT)
        assert phone.total.text() == "Total $ 76.800"
        assert phone.iva.isVisible() and phone.iva.text() == "IVA included: $ 2.877"
        order = phone._order
        assert order is not None and order["taxes"] == [{"type": "IVA", "value": 2877}]
        assert order["iva"] == {"reported": True, "value": 2877}
        screenshot(phone, "75_mco_demo_phone")
        screenshot(window, "76_mco_demo_window_waiting")
        qtbot.mouseClick(phone.pay_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.PAID, timeout=WAIT)
        window.close()
        qtbot.waitUntil(app_task.done, timeout=WAIT)
        assert app_task.result() == 0
        qtbot.waitUntil(lambda: not shiboken6.isValid(window), timeout=WAIT)
    finally:
        if not app_task.done():
            app_task.cancel()
            qtbot.waitUntil(app_task.done, timeout=WAIT)


@pytest.mark.gui
def test_quantity_editor_shows_its_arrows(
    window: MainWindow, qtbot: QtBot, screenshot: Any
) -> None:
    from PySide6.QtWidgets import QSpinBox, QStyle, QStyleOptionSpinBox

    from pos_app.ui.counter.cart_model import COL_QUANTITY

    scan(qtbot, window, GASEOSA)
    index = window.model.index(0, COL_QUANTITY)
    window.cart_view.setCurrentIndex(index)
    window.cart_view.edit(index)
    qtbot.waitUntil(lambda: window.cart_view.findChild(QSpinBox) is not None, timeout=WAIT)
    editor = window.cart_view.findChild(QSpinBox)
    # The stylesheet's button width: narrower, Fusion's arrows shrink to dashes.
    option = QStyleOptionSpinBox()
    editor.initStyleOption(option)
    up = editor.style().subControlRect(
        QStyle.ComplexControl.CC_SpinBox, option, QStyle.SubControl.SC_SpinBoxUp, editor
    )
    assert up.width() >= 24
    screenshot(window, "78_quantity_editor")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
