"""Receipts through Qt: a PDF on an 80 mm roll (or A4), the system's printers, and a preview.

The content is the Qt-free :class:`~pos_app.receipts.model.ReceiptTexts`, written as simple HTML
into a ``QTextDocument``: the same document fills the preview, the PDF (``QPdfWriter``) and a
system printer (``QPrinter``; QtPrintSupport is imported only when a system printer is used). On
a roll the page is exactly as long as the receipt.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from pos_app.receipts.model import ReceiptTexts

if TYPE_CHECKING:
    from PySide6.QtCore import QBuffer
    from PySide6.QtGui import QPagedPaintDevice

ROLL_WIDTH_MM = {58: 58.0, 80: 80.0}
MARGIN_MM = 4.0
RESOLUTION = 300  # dpi of the PDF's layout


def receipt_html(texts: ReceiptTexts, *, narrow: bool = False) -> str:
    """``narrow``: 58 mm paper, smaller type so an amount never wraps. Sizes are in ``px``,
    which :func:`receipt_document` lays out as points on paper."""
    e = html.escape
    base, total_size, name_size = (8, 11, 12) if narrow else (11, 15, 16)
    rows: list[str] = []

    def row(left: str, right: str, style: str = "") -> None:
        keep = 'style="white-space:nowrap"'  # an amount is never split
        left_cell = e(left).replace(" ", "&nbsp;")
        right_cell = e(right).replace(" ", "&nbsp;")
        rows.append(
            f'<tr style="{style}"><td {keep}>{left_cell}</td>'
            f'<td align="right" {keep}>{right_cell}</td></tr>'
        )

    def rule() -> None:
        rows.append('<tr><td colspan="2"><hr/></td></tr>')

    big = f" font-size:{name_size}px; font-weight:bold;"
    head = "".join(
        f'<p align="center" style="margin:0;{big if i == 0 else ""}">{e(line)}</p>'
        for i, line in enumerate(texts.shop_lines)
    )
    title = f'<p align="center" style="margin-top:6px; font-weight:bold;">{e(texts.title)}</p>'
    info = "".join(f'<p style="margin:0">{e(label)}: {e(value)}</p>' for label, value in texts.info)
    if texts.items:
        for i, (name, quantity, total) in enumerate(texts.items):
            rows.append(f'<tr><td colspan="2">{e(name)}</td></tr>')
            row("   " + quantity, total)
            off_label, off = texts.item_discounts[i] if i < len(texts.item_discounts) else ("", "")
            if off_label:
                row("   " + off_label, off)
    if texts.totals:
        rule()
        for label, value in texts.before_total:
            row(label, value)
        label, value = texts.totals[0]
        row(label, value, f"font-size:{total_size}px; font-weight:bold;")
        for label, value in texts.totals[1:]:
            row(label, value)
    for label, value in texts.taxes:
        row(label, value)
    if texts.tax_note:
        rows.append(f'<tr><td colspan="2">{e(texts.tax_note)}</td></tr>')
    if texts.payment:
        rule()
        rows += [f'<tr><td colspan="2">{e(line)}</td></tr>' for line in texts.payment]
    footer = "".join(f'<p align="center" style="margin:0">{e(line)}</p>' for line in texts.footer)
    table = f'<table width="100%" cellspacing="0" cellpadding="1">{"".join(rows)}</table>'
    return (
        f'<html><body style="font-family: sans-serif; font-size: {base}px;">'
        f"{head}{title}{info}<hr/>{table}<hr/>{footer}</body></html>"
    )


def receipt_document(texts: ReceiptTexts, width_mm: float) -> QTextDocument:
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setHtml(receipt_html(texts, narrow=width_mm < 70))
    # Lay out at the printable width in points: the PDF maps points 1:1.
    doc.setTextWidth((width_mm - 2 * MARGIN_MM) / 25.4 * 72)
    return doc


def write_pdf(texts: ReceiptTexts, path: Path, *, paper: str = "80") -> Path:
    """Write the receipt as a PDF: ``paper`` is ``"58"`` or ``"80"`` (a roll) or ``"A4"``;
    ``OSError`` when the file could not be written. Made in memory, then written whole or not
    at all, never onto a folder, a FIFO or a device
    (:func:`pos_app.system.files.write_user_file`): Qt opened the path itself, and a FIFO
    waited for a reader forever."""
    from pos_app.ui.qtkit.user_files import save_through_memory

    save_through_memory(path, lambda buffer: write_into(texts, buffer, paper))
    return path


def write_into(texts: ReceiptTexts, buffer: QBuffer, paper: str = "80") -> None:
    """The receipt's PDF into ``buffer`` (Qt's painting: the window's or the command line's
    thread); the window writes the file on a worker
    (:func:`pos_app.ui.qtkit.user_files.save_in_background`)."""
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setCreator("pos-app")
    writer.setTitle(texts.title)
    if paper == "A4":
        width_mm = 210.0
        size = QPageSize(QPageSize.PageSizeId.A4)
        doc = receipt_document(texts, 80.0)  # a receipt-wide column at the top of the page
    else:
        width_mm = ROLL_WIDTH_MM.get(int(paper), 80.0)
        doc = receipt_document(texts, width_mm)
        height_mm = doc.size().height() / 72 * 25.4 + 2 * MARGIN_MM + 2
        size = QPageSize(QSizeF(width_mm, height_mm), QPageSize.Unit.Millimeter, "receipt")
    writer.setPageLayout(
        QPageLayout(
            size,
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    _paint(doc, writer)  # the PDF is finished when the writer goes, at the return


def _paint(doc: QTextDocument, device: QPagedPaintDevice) -> None:
    from PySide6.QtGui import QPainter

    painter = QPainter(device)
    try:
        # Points (1/72 in) to device pixels.
        scale = device.logicalDpiX() / 72
        painter.scale(scale, scale)
        doc.drawContents(painter)
    finally:
        painter.end()


def print_to_system(texts: ReceiptTexts, printer_name: str, *, paper_mm: int = 80) -> bool:
    """Print on a printer of the operating system (``""`` = the default one); False when Qt
    cannot start the job (no such printer, no print system)."""
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    info = QPrinterInfo.printerInfo(printer_name) if printer_name else None
    printer = QPrinter(info) if info is not None and not info.isNull() else QPrinter()
    if printer_name and (info is None or info.isNull()):
        return False
    width_mm = ROLL_WIDTH_MM.get(paper_mm, 80.0)
    doc = receipt_document(texts, width_mm)
    height_mm = doc.size().height() / 72 * 25.4 + 2 * MARGIN_MM + 10
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QSizeF(width_mm, height_mm), QPageSize.Unit.Millimeter, "receipt"),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    if not printer.isValid():
        return False
    _paint(doc, printer)
    return True


def system_printers() -> list[str]:
    from PySide6.QtPrintSupport import QPrinterInfo

    return [str(name) for name in QPrinterInfo.availablePrinterNames()]
