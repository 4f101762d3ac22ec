"""The box's QR code as a sticker for the counter: preview, print, save as PNG or PDF.

The QR is drawn from the box's ``qr_code`` text (the EMVCo payload ``GET /pos/{id}`` returns)
with segno, so the app never downloads Mercado Pago's image. The preview goes through segno's
PNG writer into a ``QImage``; the sticker itself paints one vector rectangle per dark module, so
a PDF or a printer gets sharp edges at any size. The sticker says "Pay with Mercado Pago" and
names the store and the box, so a shop with several tills sticks each QR on the right one.

Printing uses QtPrintSupport (part of PySide6-Essentials): a non-modal ``QPrintDialog`` opened
with ``open()``; without a printer Qt's dialog still offers "Print to File (PDF)".
"""

from __future__ import annotations

import errno
import functools
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QIODevice, QMarginsF, QPointF, QRectF, QSizeF, QStandardPaths, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.ui.qtkit.folders import existing_folder
from pos_app.ui.qtkit.style import set_state
from pos_app.ui.qtkit.workarounds import emit

if TYPE_CHECKING:
    import asyncio

    # Imported where used: segno and QtPrintSupport cost ~40 ms of the app's start-up, and this
    # module is loaded with the settings dialog's, long before anyone looks at a sticker.
    import segno
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

log = logging.getLogger(__name__)

MP_BLUE = QColor("#009ee3")
INK = QColor("#102a43")
ERROR_LEVEL = "m"  # 15% damage tolerance: a scratched sticker still scans
QUIET_ZONE = 4  # modules of white around the code, as the standard asks
STICKER_PX = (1240, 1748)  # A6 portrait at 300 dpi
STICKER_PAGE = QPageSize.PageSizeId.A6


@functools.lru_cache(maxsize=16)
def make_qr(text: str) -> segno.QRCode:
    """The QR symbol for ``text``; never a Micro QR (phones' payment apps do not read them).

    Kept for the last few texts (read only, never changed): encoding is pure Python, ~12 ms for
    a box's payload, and the same box's QR is drawn again and again (its preview asks twice,
    the customer display at every sale, each size of the window, the sticker when printed)."""
    import segno

    return segno.make(text, error=ERROR_LEVEL, micro=False)


def qr_matrix(text: str) -> list[list[bool]]:
    """Rows of dark (True) and light modules, without the quiet zone."""
    return [[bool(cell) for cell in row] for row in make_qr(text).matrix]


def qr_image(text: str, *, scale: int = 8, border: int = QUIET_ZONE) -> QImage:
    """The QR as an image: segno writes a PNG in memory, Qt reads it back."""
    buffer = io.BytesIO()
    make_qr(text).save(buffer, kind="png", scale=scale, border=border)
    image = QImage()
    if not image.loadFromData(buffer.getvalue(), "PNG"):
        raise ValueError("segno produced a PNG Qt cannot read")
    return image


def qr_pixmap(text: str, *, scale: int = 8, border: int = QUIET_ZONE) -> QPixmap:
    return QPixmap.fromImage(qr_image(text, scale=scale, border=border))


@dataclass(frozen=True)
class StickerInfo:
    qr_text: str
    store_name: str
    box_name: str
    caption: str  # "Pay with Mercado Pago", already translated
    footer: str = ""

    @property
    def file_stem(self) -> str:
        safe = "".join(ch if ch.isalnum() else "-" for ch in f"{self.store_name}-{self.box_name}")
        return "qr-" + "-".join(part for part in safe.split("-") if part)


def _fit_font(painter: QPainter, text: str, width: float, size: float, *, bold: bool) -> QFont:
    font = QFont()
    font.setBold(bold)
    font.setPixelSize(max(6, int(size)))
    painter.setFont(font)
    while font.pixelSize() > 6 and painter.fontMetrics().horizontalAdvance(text) > width:
        font.setPixelSize(font.pixelSize() - 1)
        painter.setFont(font)
    return font


def _qr_path(matrix: list[list[bool]], origin: QPointF, module: float) -> QPainterPath:
    path = QPainterPath()
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1  # one rectangle per run of dark modules: fewer seams, smaller PDFs
            x, y = origin.x() + start * module, origin.y() + r * module
            path.addRect(QRectF(x, y, (c - start) * module, module))
    return path


def paint_sticker(painter: QPainter, area: QRectF, info: StickerInfo) -> None:
    """Draw the sticker into ``area`` (any size: the layout scales with its width)."""
    ratio = STICKER_PX[1] / STICKER_PX[0]
    width = min(area.width(), area.height() / ratio)
    rect = QRectF(area.x() + (area.width() - width) / 2, area.y(), width, width * ratio)
    unit = width / 100
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.fillRect(rect, Qt.GlobalColor.white)
    # A thin grey edge to cut along when the sticker is printed on a larger sheet.
    edge = QPen(QColor("#b0bec5"), max(1.0, 0.3 * unit))
    painter.setPen(edge)
    painter.drawRect(rect.adjusted(edge.widthF() / 2, 0, -edge.widthF() / 2, -edge.widthF() / 2))

    band = QRectF(rect.x(), rect.y(), rect.width(), 18 * unit)
    painter.fillRect(band, MP_BLUE)
    painter.setPen(Qt.GlobalColor.white)
    _fit_font(painter, info.caption, band.width() - 8 * unit, 8 * unit, bold=True)
    painter.drawText(band, Qt.AlignmentFlag.AlignCenter, info.caption)

    matrix = qr_matrix(info.qr_text)
    modules = len(matrix) + 2 * QUIET_ZONE
    side = 84 * unit
    module = side / modules
    top_left = QPointF(
        rect.x() + (rect.width() - side) / 2 + QUIET_ZONE * module,
        band.bottom() + 4 * unit + QUIET_ZONE * module,
    )
    painter.fillPath(_qr_path(matrix, top_left, module), QColor("#000000"))

    text_top = band.bottom() + 4 * unit + side + 2 * unit
    painter.setPen(INK)
    store_rect = QRectF(rect.x() + 4 * unit, text_top, rect.width() - 8 * unit, 11 * unit)
    _fit_font(painter, info.store_name, store_rect.width(), 8 * unit, bold=True)
    painter.drawText(store_rect, Qt.AlignmentFlag.AlignCenter, info.store_name)
    box_rect = QRectF(store_rect.x(), store_rect.bottom(), store_rect.width(), 9 * unit)
    _fit_font(painter, info.box_name, box_rect.width(), 6.5 * unit, bold=False)
    painter.drawText(box_rect, Qt.AlignmentFlag.AlignCenter, info.box_name)
    if info.footer:
        painter.setPen(QColor("#52606d"))
        foot_rect = QRectF(store_rect.x(), box_rect.bottom(), store_rect.width(), 8 * unit)
        _fit_font(painter, info.footer, foot_rect.width(), 3.6 * unit, bold=False)
        painter.drawText(foot_rect, Qt.AlignmentFlag.AlignCenter, info.footer)
    painter.restore()


def sticker_image(info: StickerInfo, width: int = STICKER_PX[0]) -> QImage:
    height = round(width * STICKER_PX[1] / STICKER_PX[0])
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    try:
        paint_sticker(painter, QRectF(0, 0, width, height), info)
    finally:
        painter.end()
    return image


def save_png(info: StickerInfo, path: str | Path) -> bool:
    """Here and now, written whole or not at all, never onto a folder, a FIFO or a device
    (False). The panel writes it on a worker thread (:meth:`StickerPanel.save_to`)."""
    return _saved(Path(path), png_maker(info))


def save_pdf(info: StickerInfo, path: str | Path) -> bool:
    """As :func:`save_png`, an A6 PDF."""
    return _saved(Path(path), pdf_maker(info))


def png_maker(info: StickerInfo) -> Callable[[QIODevice], object]:
    """What paints the sticker's PNG (300 dpi, so it prints at A6 size) into a buffer."""

    def make(buffer: QIODevice) -> None:
        image = sticker_image(info)
        image.setDotsPerMeterX(11811)
        image.setDotsPerMeterY(11811)
        if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
            raise OSError(errno.EIO, "the PNG could not be made")

    return make


def pdf_maker(info: StickerInfo) -> Callable[[QIODevice], object]:
    """What paints the sticker's PDF into a buffer."""

    def make(buffer: QIODevice) -> None:
        if not _paint_pdf(info, buffer):
            raise OSError(errno.EIO, "the PDF could not be made")

    return make


def _saved(path: Path, make: Callable[[QIODevice], object]) -> bool:
    from pos_app.ui.qtkit.user_files import save_through_memory

    try:
        save_through_memory(path, make)
    except OSError as exc:  # Qt's writers opened the path: a FIFO froze the window
        log.info("the QR sticker could not be written to %s: %s", path, exc)
        return False
    return True


def _paint_pdf(info: StickerInfo, buffer: QIODevice) -> bool:
    writer = QPdfWriter(buffer)
    writer.setResolution(300)
    writer.setTitle(info.caption)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(STICKER_PAGE), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)
        )
    )
    painter = QPainter()
    if not painter.begin(writer):
        return False
    try:
        page = writer.pageLayout().paintRectPixels(writer.resolution())
        paint_sticker(painter, QRectF(page.translated(-page.topLeft())), info)
    finally:
        painter.end()
    return True


def print_sticker(printer: QPrinter, info: StickerInfo) -> bool:
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        page = printer.pageLayout().paintRectPixels(printer.resolution())
        paint_sticker(painter, QRectF(QPointF(0, 0), QSizeF(page.size())), info)
    finally:
        painter.end()
    return True


class StickerPanel(QWidget):
    """A preview of the box's QR with Print… / Save as PNG… / Save as PDF…"""

    saved = Signal(str)  # the file written (PNG or PDF)
    printed = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, preview_size: int = 190, whole: bool = False
    ) -> None:
        """``whole``: preview the whole sticker as it prints (``preview_size`` is its height);
        otherwise just the QR in a ``preview_size`` square."""
        super().__init__(parent)
        self.setObjectName("stickerPanel")
        self.info: StickerInfo | None = None
        self._preview_size = preview_size
        self._whole = whole
        self.preview = QLabel()
        self.preview.setObjectName("qrPreview")
        width = round(preview_size * STICKER_PX[0] / STICKER_PX[1]) if whole else preview_size
        self.preview.setFixedSize(width, preview_size)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setWordWrap(True)
        self.caption = QLabel()
        self.caption.setObjectName("settingsNote")
        self.caption.setWordWrap(True)
        self.print_button = QPushButton(self.tr("Print sticker…"))
        self.print_button.setObjectName("printStickerButton")
        self.png_button = QPushButton(self.tr("Save as PNG…"))
        self.png_button.setObjectName("savePngButton")
        self.pdf_button = QPushButton(self.tr("Save as PDF…"))
        self.pdf_button.setObjectName("savePdfButton")
        self.status = QLabel()
        self.status.setObjectName("stickerStatus")
        self.status.setWordWrap(True)
        buttons = QVBoxLayout()
        buttons.addWidget(self.caption)
        buttons.addWidget(self.print_button)
        row = QHBoxLayout()
        row.addWidget(self.png_button)
        row.addWidget(self.pdf_button)
        buttons.addLayout(row)
        buttons.addWidget(self.status)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview)
        layout.addLayout(buttons, 1)
        self.print_button.clicked.connect(self.ask_print)
        self.png_button.clicked.connect(lambda: self.ask_save("png"))
        self.pdf_button.clicked.connect(lambda: self.ask_save("pdf"))
        self._dialog: QDialog | None = None
        self._saving = 0  # saves under way: Save as… is off until they end
        self.clear(self.tr("Choose a box to see its QR code."))

    # -- content -------------------------------------------------------------------------------
    def clear(self, text: str) -> None:
        self.info = None
        self.preview.clear()
        self.preview.setText(text)
        self.caption.setText("")
        self.status.clear()
        for button in (self.print_button, self.png_button, self.pdf_button):
            button.setEnabled(False)

    def set_sticker(self, qr_text: str, store_name: str, box_name: str) -> None:
        self.info = StickerInfo(
            qr_text=qr_text,
            store_name=store_name,
            box_name=box_name,
            caption=self.tr("Pay with Mercado Pago"),
            footer=self.tr("Scan this code with the Mercado Pago app"),
        )
        if self._whole:
            self.preview.setPixmap(
                QPixmap.fromImage(sticker_image(self.info, width=self.preview.width() - 2))
            )
        else:
            # A whole number of pixels per module, so every module is the same crisp square.
            modules = len(qr_matrix(qr_text)) + 2 * QUIET_ZONE
            scale = max(1, (self._preview_size - 6) // modules)
            self.preview.setPixmap(qr_pixmap(qr_text, scale=scale))
        self.caption.setText(
            self.tr(
                "The QR of {box} in {store}. Print it and stick it on this counter: customers "
                "scan it to pay what this computer charges."
            ).format(box=box_name, store=store_name)
        )
        self.status.clear()
        self.print_button.setEnabled(True)
        for button in (self.png_button, self.pdf_button):
            button.setEnabled(not self._saving)

    # -- output --------------------------------------------------------------------------------
    def ask_save(self, kind: str) -> QFileDialog | None:
        if self.info is None:
            return None
        folder = existing_folder(QStandardPaths.StandardLocation.DocumentsLocation)
        dialog = QFileDialog(
            self,
            self.tr("Save the QR sticker as PDF")
            if kind == "pdf"
            else self.tr("Save the QR sticker as PNG"),
            str(folder / f"{self.info.file_stem}.{kind}"),
            self.tr("PDF document (*.pdf)") if kind == "pdf" else self.tr("PNG image (*.png)"),
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(kind)
        dialog.setObjectName("stickerSaveDialog")
        dialog.fileSelected.connect(lambda path: self.save_to(path, kind))
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        dialog.open()  # never exec(): the qasync loop must keep running
        return dialog

    def save_to(self, path: str | Path, kind: str) -> asyncio.Task[Path] | None:
        """The sticker as ``kind`` (``png``, ``pdf``) at ``path``: painted here, written on a
        worker thread (a USB stick or a share that hangs never freezes the window); the status
        line says how it went. Settings closed meanwhile: the file is still written."""
        if self.info is None:
            return None
        from pos_app.ui.qtkit.user_files import save_in_background

        make = pdf_maker(self.info) if kind == "pdf" else png_maker(self.info)
        self._saving += 1
        for button in (self.png_button, self.pdf_button):
            button.setEnabled(False)  # one at a time
        self.status.setText(self.tr("Saving…"))
        set_state(self.status, "busy")  # news, not done yet: not in the green of "Saved"
        return save_in_background(
            self, Path(path), make, saved=self._saved, failed=functools.partial(self._failed, path)
        )

    def _save_ended(self) -> None:
        self._saving -= 1
        for button in (self.png_button, self.pdf_button):
            button.setEnabled(self.info is not None and not self._saving)

    def _saved(self, path: Path) -> None:
        self._save_ended()
        self.status.setText(self.tr("Saved: {path}").format(path=str(path)))
        set_state(self.status, "")
        emit(self.saved, str(path))

    def _failed(self, path: str | Path, exc: OSError) -> None:
        from pos_app.ui.qtkit.errors import file_error_text

        self._save_ended()
        self.status.setText(
            self.tr("Could not write {path}: {error}").format(
                path=str(path), error=file_error_text(exc)
            )
        )
        set_state(self.status, "error")

    def ask_print(self) -> QPrintDialog | None:
        if self.info is None:
            return None
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(STICKER_PAGE))
        printer.setDocName(self.info.file_stem)
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("stickerPrintDialog")
        dialog.accepted.connect(lambda: self.print_to(printer))
        dialog.finished.connect(dialog.deleteLater)
        self._printer = printer  # the dialog does not own it
        self._dialog = dialog
        QDialog.open(dialog)  # QPrintDialog.open() wants a receiver; the plain one is enough
        return dialog

    def print_to(self, printer: QPrinter) -> bool:
        if self.info is None:
            return False
        ok = print_sticker(printer, self.info)
        self.status.setText(
            self.tr("Sent to the printer.") if ok else self.tr("The printer refused the job.")
        )
        set_state(self.status, "" if ok else "error")
        if ok:
            emit(self.printed)
        return ok
