"""Settings → Receipts: the printer and its test print, paper, header and footer, printing when
a sale is paid, and the box's QR under the receipt.

The printer is one line (:mod:`pos_app.receipts.printers`); the list beside it offers the
computer's printers (``system:NAME``) and examples of the others. The test print uses what the
page shows now, before OK, so the cashier can try a printer before keeping it.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import site_for
from pos_app.domain.text_fields import (
    RECEIPT_FOOTER,
    RECEIPT_HEADER,
    RECEIPT_SHOP_NAME,
    clean_lines,
    text_problem,
)
from pos_app.domain.validation import clean_text
from pos_app.receipts import service
from pos_app.receipts.model import sample_receipt
from pos_app.receipts.printers import CODE_PAGES, printer_problem
from pos_app.settings.config import Config
from pos_app.ui.qtkit.async_utils import TaskKeeper
from pos_app.ui.qtkit.errors import translate_message
from pos_app.ui.qtkit.fitting import fit_placeholder
from pos_app.ui.qtkit.style import set_state
from pos_app.ui.qtkit.workarounds import emit
from pos_app.ui.receipts.pdf import system_printers
from pos_app.ui.receipts.preview import print_receipt
from pos_app.ui.settings.saving import SecretWrite
from pos_app.ui.settings.session import SettingsSession
from pos_app.ui.widgets.form_parts import FieldBox, FormGrid, heading, limit_length, note

EXAMPLES = ("usb:04b8:0202", "net:192.168.1.50:9100", "serial:/dev/ttyUSB0@9600", "/dev/usb/lp0")


class ReceiptsPage(QWidget):
    changed = Signal()

    def __init__(self, session: SettingsSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.title = self.tr("Receipts")
        self.tasks = TaskKeeper(self)
        config = session.config

        self.printer = QLineEdit(config.receipt_printer)
        self.printer.setObjectName("receiptPrinterEdit")
        fit_placeholder(
            self.printer,
            self.tr("no printer: receipts only on screen and as PDF"),
            self.tr("no printer"),
        )
        self.choices = QComboBox()
        self.choices.setObjectName("receiptPrinterChoices")
        self.choices.setAccessibleName(self.tr("Printers found"))
        self.choices.addItem(self.tr("Pick…"), "")
        for name in _system_printers():
            self.choices.addItem(self.tr("System: {name}").format(name=name), f"system:{name}")
        for example in EXAMPLES:
            self.choices.addItem(example, example)
        self.choices.activated.connect(self._pick)
        self.test_button = QPushButton(self.tr("Test print"))
        self.test_button.setObjectName("testPrintButton")
        self.test_button.clicked.connect(self.test_print)
        self.printer_field = FieldBox(
            self.printer,
            self.tr(
                "A thermal printer: usb:VENDOR:PRODUCT, net:ADDRESS[:PORT], serial:PORT[@BAUD], "
                "or its device path (/dev/usb/lp0). Any other printer: system:NAME."
            ),
        )
        # Under the line, not beside it: a long hint or printer name must not widen the page.
        self.choices.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.choices.setMinimumContentsLength(16)
        tools = QHBoxLayout()
        tools.addWidget(self.choices, 1)
        tools.addWidget(self.test_button)
        printer_row = QVBoxLayout()
        printer_row.addWidget(self.printer_field)
        printer_row.addLayout(tools)
        self.test_status = note(name="testPrintStatus")

        self.paper = QComboBox()
        self.paper.setObjectName("receiptPaperCombo")
        self.paper.addItem(self.tr("80 mm (48 characters)"), 80)
        self.paper.addItem(self.tr("58 mm (32 characters)"), 58)
        self.paper.setCurrentIndex(max(0, self.paper.findData(config.receipt_paper_mm)))
        self.code_page = QComboBox()
        self.code_page.setObjectName("receiptCodePageCombo")
        for page in CODE_PAGES:
            self.code_page.addItem(page, page)
        self.code_page.setCurrentIndex(max(0, self.code_page.findData(config.receipt_code_page)))
        self.shop_name = QLineEdit(config.receipt_shop_name)
        self.shop_name.setObjectName("receiptShopName")
        limit_length(self.shop_name, RECEIPT_SHOP_NAME)
        self.shop_name.setPlaceholderText(config.store_name)
        self.header = QPlainTextEdit(config.receipt_header)
        self.header.setObjectName("receiptHeader")
        self.header.setMaximumHeight(90)
        self.footer = QPlainTextEdit(config.receipt_footer)
        self.footer.setObjectName("receiptFooter")
        self.footer.setMaximumHeight(70)
        for lines in (self.header, self.footer):
            lines.setTabChangesFocus(True)  # Tab goes on to the next field (Enter breaks lines)
        self.auto_print = QCheckBox(self.tr("Print the receipt when a sale is paid"))
        self.auto_print.setObjectName("receiptAutoPrint")
        self.auto_print.setChecked(config.receipt_auto_print)
        self.print_qr = QCheckBox(self.tr("Print the box's QR code under the receipt"))
        self.print_qr.setObjectName("receiptPrintQr")
        self.print_qr.setChecked(config.receipt_print_qr)

        form = FormGrid()
        form.addRow(self.tr("Printer:"), printer_row)
        form.addRow("", self.test_status)
        form.addRow(self.tr("Paper:"), self.paper)
        form.addRow(
            self.tr("Characters:"),
            FieldBox(
                self.code_page,
                self.tr("The printer's code page. ASCII if accents print wrong: á prints as a."),
            ),
        )
        self.shop_name_field = FieldBox(
            self.shop_name, self.tr("Leave empty to print the store's name.")
        )
        # A text box has no maxLength: a pasted text over the limit is said under it.
        self.header_field = FieldBox(
            self.header, self.tr("Address, tax id, phone: printed under the name.")
        )
        self.footer_field = FieldBox(self.footer, self.tr("Printed at the end."))
        form.addRow(self.tr("Shop name:"), self.shop_name_field)
        form.addRow(self.tr("Header:"), self.header_field)
        form.addRow(self.tr("Footer:"), self.footer_field)
        form.addRow("", self.auto_print)
        form.addRow("", self.print_qr)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Receipts")))
        layout.addWidget(
            note(
                self.tr(
                    "A printer that is off or out of paper never stops a sale: the cashier is "
                    "told, and can print the receipt again from Today's sales."
                )
            )
        )
        layout.addLayout(form)
        layout.addStretch(1)
        for edit in (self.printer, self.shop_name):
            edit.textChanged.connect(self._changed)
        for text in (self.header, self.footer):
            text.textChanged.connect(self._changed)
        self._changed()

    def _pick(self, index: int) -> None:
        value = str(self.choices.itemData(index) or "")
        if value:
            self.printer.setText(value)
        self.choices.setCurrentIndex(0)

    def _changed(self, *_args: object) -> None:
        self.printer_field.set_error(self._printer_problem())
        for field, problem in self._text_problems().items():
            field.set_error(problem)
        self.test_button.setEnabled(bool(self.printer.text().strip()) and not self.problem())
        emit(self.changed)

    # -- test print -------------------------------------------------------------------------------
    def test_print(self) -> asyncio.Task[None]:
        self.test_button.setEnabled(False)
        self.test_status.setText(self.tr("Printing a test page…"))
        set_state(self.test_status, "")
        return self.tasks.spawn(self._test_print())

    async def _test_print(self) -> None:
        config = self.apply_to(self.session.config)
        receipt = sample_receipt(
            site_for(config.site_id), service.shop_info(config), datetime.now(UTC)
        )
        problem = await print_receipt(receipt, config)
        self.test_button.setEnabled(True)
        if problem is None:
            self.test_status.setText(self.tr("Sent to the printer. Did the page come out?"))
        else:
            self.test_status.setText(problem)
            set_state(self.test_status, "warning")

    # -- SettingsPage ---------------------------------------------------------------------------
    def _printer_problem(self) -> str:
        problem = printer_problem(self.printer.text().strip())
        return "" if problem is None else problem.render(QCoreApplication.translate, screen=True)

    def _text_problems(self) -> dict[FieldBox, str]:
        """The shop name, header and footer against their limits (the receipt's own rules)."""
        found = {
            self.shop_name_field: text_problem(self.shop_name.text(), RECEIPT_SHOP_NAME),
            self.header_field: text_problem(self.header.toPlainText(), RECEIPT_HEADER, lines=True),
            self.footer_field: text_problem(self.footer.toPlainText(), RECEIPT_FOOTER, lines=True),
        }
        return {field: translate_message(msg) if msg else "" for field, msg in found.items()}

    def problem(self) -> str:
        return self._printer_problem() or next(
            (text for text in self._text_problems().values() if text), ""
        )

    def is_busy(self) -> bool:
        return False

    def secret_writes(self) -> list[SecretWrite] | None:
        return []

    def apply_to(self, config: Config) -> Config:
        box = self.session.box
        qr = config.box_qr_code
        if box is not None and box.qr_code and box.external_id == config.box_external_id:
            qr = box.qr_code
        return config.with_changes(
            receipt_printer=self.printer.text().strip(),
            receipt_paper_mm=int(self.paper.currentData()),
            receipt_code_page=str(self.code_page.currentData()),
            # One line each for the name; the header and footer keep their lines, each cleaned
            # of control characters (an ESC in a line is a printer command).
            receipt_shop_name=clean_text(self.shop_name.text()),
            receipt_header=clean_lines(self.header.toPlainText()),
            receipt_footer=clean_lines(self.footer.toPlainText()),
            receipt_auto_print=self.auto_print.isChecked(),
            receipt_print_qr=self.print_qr.isChecked(),
            box_qr_code=qr if len(qr) <= 1000 and qr.isprintable() else "",
        )

    def forget_tasks(self) -> list[asyncio.Task[Any]]:
        return self.tasks.cancel_all()


def _system_printers() -> list[str]:
    try:
        return system_printers()
    except Exception:  # no print system on this computer: the other kinds still work
        return []
