"""Receipts in the window: printed when paid (a dead printer only earns a message), reprinted
from Today's sales through the preview (screenshots), saved as PDF, and Settings → Receipts with
its test print."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_app.domain.sale import SaleStatus
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.sale_banner import BannerKind
from pos_app.ui.settings.receipts import ReceiptsPage
from pos_app.ui.settings.session import SettingsSession
from tests.ui.conftest import saved_as
from tests.ui.test_ui_charging import WAIT, banner_is, charge, fill_cart

pytestmark = pytest.mark.gui


def pay_a_sale(window: MainWindow, qtbot: QtBot, control: Any) -> str:
    fill_cart(window, "7790580001018", "FIA001", "FIA001")
    charge(qtbot, window)
    control.pay("approved")
    qtbot.waitUntil(banner_is(window, BannerKind.PAID), timeout=WAIT)
    sale = window.current_sale
    assert sale is not None and sale.status is SaleStatus.PAID
    return sale.external_reference


def test_paid_sale_prints_by_itself_when_asked(
    window: MainWindow, qtbot: QtBot, control: Any, tmp_path: Path, qloop: Any
) -> None:
    device = tmp_path / "lp0"
    window.rt.config = window.rt.config.with_changes(
        receipt_auto_print=True, receipt_printer=f"file:{device}", receipt_paper_mm=58
    )
    ref = pay_a_sale(window, qtbot, control)
    qtbot.waitUntil(lambda: device.exists() and device.stat().st_size > 0, timeout=WAIT)
    data = device.read_bytes()
    assert ref.encode() in data or ref[:20].encode() in data
    assert data.startswith(b"\x1b@\x1bt\x02") and b"\x1dV" in data


def test_a_dead_printer_never_blocks_the_sale_and_the_cashier_is_told(
    window: MainWindow, qtbot: QtBot, control: Any, tmp_path: Path, qloop: Any, screenshot: Any
) -> None:
    window.rt.config = window.rt.config.with_changes(
        receipt_auto_print=True, receipt_printer=f"file:{tmp_path / 'unplugged' / 'lp0'}"
    )
    ref = pay_a_sale(window, qtbot, control)
    qtbot.waitUntil(lambda: "did not print" in window.feedback.text(), timeout=WAIT)
    assert "not connected" in window.feedback.text() and "F3" in window.feedback.text()
    sale = window.rt.ledger.get_sale(ref)
    assert sale is not None and sale.status is SaleStatus.PAID  # the sale is safe
    assert window.payment.banner_kind is BannerKind.PAID
    screenshot(window, "60_receipt_not_printed")


def test_reprint_from_todays_sales_preview_print_and_pdf(
    window: MainWindow, qtbot: QtBot, control: Any, tmp_path: Path, qloop: Any, screenshot: Any
) -> None:
    ref = pay_a_sale(window, qtbot, control)
    device = tmp_path / "lp0"
    window.rt.config = window.rt.config.with_changes(
        receipt_printer=f"file:{device}", receipt_header="Av. Corrientes 1234"
    )
    sales = window.open_sales_dialog()
    sales.select_reference(ref)
    assert sales.reprint_button.isEnabled()
    previews: list[Any] = []
    original = window.open_receipt
    window.open_receipt = lambda r: previews.append(original(r)) or previews[-1]  # type: ignore[method-assign]
    sales.reprintRequested.disconnect()
    sales.reprintRequested.connect(window.open_receipt)
    sales.reprint_button.click()
    assert len(previews) == 1
    preview = previews[0]
    qtbot.waitUntil(preview.isVisible, timeout=WAIT)
    shown = preview.view.toPlainText()
    assert "SALE RECEIPT" in shown and ref in shown and "Av. Corrientes 1234" in shown
    assert "$ 11.140,00" in shown and "This is not a fiscal invoice." in shown
    screenshot(preview, "61_receipt_preview")

    preview.print_now()
    qtbot.waitUntil(lambda: preview.status.text() == "Printed.", timeout=WAIT)
    assert b"$ 11.140,00" in device.read_bytes()

    pdf = tmp_path / "receipt.pdf"
    preview.save_pdf(pdf)  # written on a worker: the status says when
    qtbot.waitUntil(lambda: saved_as(preview.status, pdf), timeout=WAIT)
    from pypdf import PdfReader  # here: the one test of this module that reads a PDF

    text = " ".join(unicodedata.normalize("NFKC", PdfReader(pdf).pages[0].extract_text()).split())
    assert ref in text and "$ 11.140,00" in text and "SALE RECEIPT" in text
    preview.save_pdf(tmp_path / "no" / "such" / "dir" / "r.pdf")
    qtbot.waitUntil(lambda: "could not be saved" in preview.status.text(), timeout=WAIT)

    # A printer that went away: said in the preview, and Print works again.
    preview.config = preview.config.with_changes(receipt_printer=f"file:{tmp_path}/gone/lp0")
    preview.print_now()
    qtbot.waitUntil(lambda: "Not printed" in preview.status.text(), timeout=WAIT)
    assert preview.print_button.isEnabled()
    preview.close()
    sales.close()


def test_settings_receipts_page(qtbot: QtBot, qloop: Any, tmp_path: Path, screenshot: Any) -> None:
    from pos_app.settings.config import Config

    config = Config(
        store_name="Sucursal Centro", store_external_id="SUC001", box_external_id="CAJA01"
    )
    session = SettingsSession(config, None, token=None, origin="")  # type: ignore[arg-type]
    page = ReceiptsPage(session)
    qtbot.addWidget(page)
    page.resize(820, 760)
    page.show()
    assert not page.test_button.isEnabled()  # no printer yet
    page.printer.setText("usb:zz")
    assert "usb:VENDOR:PRODUCT" in page.problem()
    device = tmp_path / "lp0"
    page.printer.setText(str(device))
    assert page.problem() == "" and page.test_button.isEnabled()
    page.paper.setCurrentIndex(page.paper.findData(58))
    page.header.setPlainText("Av. Corrientes 1234\nCUIT 20-12345678-9")
    page.footer.setPlainText("Cambios dentro de los 30 días")
    page.auto_print.setChecked(True)
    applied = page.apply_to(config)
    assert applied.receipt_printer == str(device) and applied.receipt_paper_mm == 58
    assert applied.receipt_header == "Av. Corrientes 1234\nCUIT 20-12345678-9"
    assert applied.receipt_auto_print and not applied.receipt_print_qr
    screenshot(page, "62_settings_receipts")

    page.test_print()
    qtbot.waitUntil(lambda: device.exists() and device.stat().st_size > 0, timeout=WAIT)
    qtbot.waitUntil(lambda: "Did the page come out" in page.test_status.text(), timeout=WAIT)
    data = device.read_bytes()
    assert b"TEST PRINT" in data and b"CUIT 20-12345678-9" in data and b"Cambios dentro" in data
