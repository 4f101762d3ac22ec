"""Printing receipts from the window, and the receipt preview (Reprint, Save as PDF).

:func:`print_receipt` never holds up the till: an ESC/POS printer is written in a thread of its
own with a time limit (:func:`pos_app.receipts.printers.send_async`), a system printer gets a
spooled job from Qt. It returns ``None`` or what went wrong, in the cashier's words, so the
caller can say it and offer to print again; the sale is in the ledger whatever happens.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pos_app.i18n import Message
from pos_app.receipts import service
from pos_app.receipts.model import Receipt
from pos_app.receipts.printers import PrintError, parse_printer, send_async
from pos_app.settings.config import Config
from pos_app.ui.qtkit import translations
from pos_app.ui.qtkit.async_utils import TaskKeeper
from pos_app.ui.qtkit.errors import file_error_text
from pos_app.ui.qtkit.folders import existing_folder
from pos_app.ui.qtkit.keyboard import install_mnemonics
from pos_app.ui.qtkit.style import set_state
from pos_app.ui.qtkit.user_files import save_in_background, show_saved_path
from pos_app.ui.qtkit.window_settings import resize_for_screen
from pos_app.ui.qtkit.workarounds import emit
from pos_app.ui.receipts.pdf import print_to_system, receipt_html, write_into

log = logging.getLogger(__name__)


def _translated(msg: Message) -> str:
    return msg.render(QCoreApplication.translate, screen=True)


async def print_receipt(receipt: Receipt, config: Config) -> str | None:
    """Print ``receipt`` on the configured printer; ``None`` when it printed, else why not."""
    try:
        spec = parse_printer(config.receipt_printer)
    except ValueError as exc:
        return _translated(exc.args[0]) if exc.args and isinstance(exc.args[0], Message) else ""
    opts = service.options(config, speaking=translations.speaking())
    if spec.is_escpos:
        try:
            # Off the GUI thread: the first print imports python-escpos and Pillow (~0.2 s).
            data = await asyncio.to_thread(service.escpos_bytes, receipt, opts)
            await send_async(spec, data)
        except PrintError as exc:
            return _translated(exc.msg)
        return None
    if not print_to_system(service.texts(receipt, opts), spec.target, paper_mm=opts.paper_mm):
        return QCoreApplication.translate(
            "ReceiptPreview", "The system printer “{name}” is not available."
        ).format(name=spec.target or QCoreApplication.translate("ReceiptPreview", "default"))
    return None


class ReceiptPreviewDialog(QDialog):
    """The receipt as it prints, with Print and Save as PDF; opened with ``open()``."""

    printed = Signal(bool, str)  # ok, message (after each print attempt)

    def __init__(self, receipt: Receipt, config: Config, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptPreview")
        self.receipt = receipt
        self.config = config
        self.tasks = TaskKeeper(self)
        self.opts = service.options(config, speaking=translations.speaking())
        self.texts = service.texts(receipt, self.opts)
        title = (
            self.tr("Refund receipt {reference}")
            if receipt.is_refund
            else self.tr("Receipt {reference}")
        )
        self.setWindowTitle(title.format(reference=receipt.reference))

        self.view = QTextBrowser()
        self.view.setObjectName("receiptView")
        self.view.setAccessibleName(self.tr("Receipt"))
        self.view.setHtml(receipt_html(self.texts, narrow=self.opts.paper_mm == 58))
        self.view.setFixedWidth(300 if self.opts.paper_mm == 58 else 400)
        self.view.setMinimumHeight(
            360
        )  # it scrolls: 560 left the dialog taller than a 600 px screen
        self.status = QLabel()
        self.status.setObjectName("printStatus")
        self.status.setWordWrap(True)
        self.print_button = QPushButton(self.tr("Print"))
        self.print_button.setObjectName("printReceiptButton")
        self.print_button.setEnabled(bool(config.receipt_printer))
        if not config.receipt_printer:
            self.print_button.setToolTip(self.tr("Choose a printer in Settings → Receipts."))
        self.pdf_button = QPushButton(self.tr("Save as PDF…"))
        self.pdf_button.setObjectName("saveReceiptPdfButton")
        self.close_button = QPushButton(self.tr("Close"))
        self.print_button.clicked.connect(self.print_now)
        self.pdf_button.clicked.connect(self._ask_pdf_path)
        self.close_button.clicked.connect(self.reject)
        install_mnemonics(self)

        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        resize_for_screen(self, self.sizeHint().width(), 700)  # the whole receipt, if it fits

    # -- printing -------------------------------------------------------------------------------
    def print_now(self) -> asyncio.Task[None]:
        self.print_button.setEnabled(False)
        self.status.setText(self.tr("Printing…"))
        self.status.setToolTip("")  # the last save's path, no longer what is said
        set_state(self.status, "")
        return self.tasks.spawn(self._print())

    async def _print(self) -> None:
        problem = await print_receipt(self.receipt, self.config)
        if problem is not None and not self.isVisible():  # closed meanwhile: nobody reads it
            log.warning("receipt %s not printed: %s", self.receipt.reference, problem)
        self.print_button.setEnabled(True)
        if problem is None:
            self.status.setText(self.tr("Printed."))
            emit(self.printed, True, "")
        else:
            self.status.setText(
                self.tr("Not printed: {problem} Press Print to try again.").format(problem=problem)
            )
            set_state(self.status, "error")
            emit(self.printed, False, problem)

    # -- PDF ------------------------------------------------------------------------------------
    def _ask_pdf_path(self) -> QFileDialog:
        folder = existing_folder(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"{self.receipt.reference or 'receipt'}.pdf"
        dialog = QFileDialog(self, self.tr("Save the receipt as PDF"), str(folder / name))
        dialog.setObjectName("receiptPdfDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF files (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.fileSelected.connect(lambda path: self.save_pdf(Path(path)))
        dialog.finished.connect(dialog.deleteLater)  # one per click, not kept
        dialog.open()  # never exec(): the qasync loop keeps running
        return dialog

    def save_pdf(self, path: Path) -> asyncio.Task[Path]:
        """The receipt as a PDF at ``path``: made here, written on a worker thread (a USB stick
        or a share that hangs never freezes the window); the status line says how it went.
        Closed meanwhile, the file is still written (or the log says why not)."""
        self.pdf_button.setEnabled(False)  # one at a time
        self.status.setText(self.tr("Saving the PDF…"))
        self.status.setToolTip("")  # the last save's path, no longer what is said
        set_state(self.status, "")
        paper = str(self.opts.paper_mm)
        return save_in_background(
            self,
            path,
            functools.partial(write_into, self.texts, paper=paper),
            saved=self._pdf_saved,
            failed=self._pdf_failed,
        )

    def _pdf_saved(self, path: Path) -> None:
        self.pdf_button.setEnabled(True)
        show_saved_path(self.status, self.tr("Saved as {path}."), path)
        set_state(self.status, "")

    def _pdf_failed(self, exc: OSError) -> None:
        self.pdf_button.setEnabled(True)
        self.status.setText(
            self.tr("The PDF could not be saved ({error}).").format(error=file_error_text(exc))
        )
        set_state(self.status, "error")
