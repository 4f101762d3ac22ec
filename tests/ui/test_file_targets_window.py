"""The window's save and open dialogs meet a FIFO, a device or a folder typed as the file name as
the command line does (tests/hostile/test_file_targets.py): said in one line where the result
is shown, nothing written, the window never stuck.

Before: the Sales history's Export CSV… onto a folder raised in a timer's slot (the summary
never said why); onto a FIFO the worker waited for a reader, forever (the app could not quit:
Python joins its worker threads at exit). Products → Export… wrote into a FIFO or a device and
said the products were saved. Products → Import… of a FIFO opened it on the window's thread,
which froze until something wrote into it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pos_app.domain.catalog import Product
from pos_app.domain.money import site_for
from pos_app.ledger.store import Ledger
from pos_app.ui.counter.sales_view import TodaySalesDialog
from pos_app.ui.products.window import ProductsWindow
from tests.receipts.test_discounts import discounted_sale
from tests.ui.asking import choose_file

pytestmark = [pytest.mark.gui, pytest.mark.posix]

MLA = site_for("MLA")
NOT_A_FILE = "it is a device or a pipe, not a file: give a file name"


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    ledger = Ledger(tmp_path / "ledger.sqlite3")
    ledger.catalog.upsert([Product("QJ", "Queso", Decimal("59.90"))])
    yield ledger
    ledger.close()


@pytest.fixture
def pipe(tmp_path: Path) -> Iterator[Path]:
    """A FIFO with a reader open (non-blocking): a write into it never waits, so the code
    before the fix said it was written instead of hanging the suite."""
    path = tmp_path / "pipe.csv"
    os.mkfifo(path)
    reader = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    yield path
    os.close(reader)


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_the_sales_export_onto_a_folder_or_a_fifo_says_why(
    qtbot: QtBot, tmp_path: Path, kind: str, request: pytest.FixtureRequest
) -> None:
    dialog = TodaySalesDialog(
        MLA,
        sales_since=lambda _start: [discounted_sale()],
        sales_between=lambda _start, _end: [discounted_sale()],
        get_sale=lambda ref: None,
        sale_events=lambda _ref: [],
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.refresh()
    qtbot.waitUntil(lambda: not dialog.reading, timeout=5000)
    if kind == "folder":
        target = tmp_path / "folder"
        target.mkdir()
    else:
        target = request.getfixturevalue("pipe")

    job = dialog.export_in_background(target)
    qtbot.waitUntil(lambda: "Could not write" in dialog.summary.text(), timeout=5000)

    said = dialog.summary.text()
    assert str(target) in said
    if kind == "folder":
        assert "it is a folder, not a file" in said and list(target.iterdir()) == []
    else:
        assert NOT_A_FILE in said and target.is_fifo()
    assert job.exception() is not None


def test_products_export_onto_a_fifo_writes_nothing_and_says_why(
    qtbot: QtBot, ledger: Ledger, pipe: Path
) -> None:
    window = ProductsWindow(ledger.catalog, MLA)
    qtbot.addWidget(window)
    window.show()
    window.export_in_background(pipe)
    qtbot.waitUntil(lambda: "Could not write pipe.csv" in window.summary.text(), timeout=5000)
    assert NOT_A_FILE in window.summary.text()
    assert pipe.is_fifo()


def test_importing_a_fifo_is_refused_without_waiting_for_a_writer(
    qtbot: QtBot, qloop: object, ledger: Ledger, tmp_path: Path
) -> None:
    """A writer stands by the FIFO (it feeds a catalog to each open): before the fix the
    preview read the pipe and offered its product; without the writer the window froze."""
    path = tmp_path / "products.csv"
    os.mkfifo(path)
    stop = threading.Event()

    def feed() -> None:
        while not stop.is_set():
            fd = os.open(path, os.O_WRONLY)  # waits for a reader
            try:
                if not stop.is_set():
                    os.write(fd, b"sku,title,unit_price\nPIPE,From the pipe,10\n")
            except OSError:  # the reader went at once (the fix)
                pass
            finally:
                os.close(fd)

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    window = ProductsWindow(ledger.catalog, MLA)
    qtbot.addWidget(window)
    window.show()
    try:
        preview = window.preview_import(path)
        qtbot.waitUntil(
            lambda: "could not be read" in preview.summary.text() or preview.plan is not None,
            timeout=5000,
        )
        said = preview.summary.text()
        assert said.startswith("The file could not be read"), said
        assert NOT_A_FILE in said
        assert not preview.import_button.isEnabled()
        preview.reject()
    finally:
        stop.set()
        reader = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # lets the feeder's open return
        feeder.join(timeout=5)
        os.close(reader)
    assert ledger.catalog.get("PIPE") is None


@pytest.mark.parametrize("kind", ["png", "pdf"])
def test_the_qr_sticker_is_never_written_into_a_fifo(qtbot: QtBot, pipe: Path, kind: str) -> None:
    """Settings → the box's QR → Save as PNG…/PDF… onto a FIFO: Qt's writer opened it on the
    window's thread (frozen until a reader came) and the PNG said saved."""
    from pos_app.ui.settings import qr_sticker
    from pos_app.ui.settings.qr_sticker import StickerInfo

    info = StickerInfo("00020101021243650016COM.MERCADOLIBRE", "Almacén", "Caja 1", "Pay", "Scan")
    save = qr_sticker.save_png if kind == "png" else qr_sticker.save_pdf
    assert not save(info, pipe)
    assert pipe.is_fifo()
    ok = pipe.with_name(f"sticker.{kind}")
    assert save(info, ok) and ok.stat().st_size > 100


def test_the_close_report_pdf_onto_a_fifo_writes_nothing(
    qtbot: QtBot, qloop: object, ledger: Ledger, pipe: Path
) -> None:
    """Close the day → Save as PDF… onto a FIFO: Qt's writer opened it on the window's thread
    (frozen until a reader came) and wrote into it. Now the dialog says why, nothing is written
    into it, and a real file gets the PDF."""
    from datetime import UTC, datetime

    from PySide6.QtWidgets import QMessageBox

    from pos_app.ui.day.dialogs import CloseDayDialog

    dialog = CloseDayDialog(MLA, ledger.day, clock=lambda: datetime(2026, 12, 1, 20, tzinfo=UTC))
    qtbot.addWidget(dialog)
    dialog.show()
    choose_file(dialog._pdf_clicked(), pipe)

    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox) is not None, timeout=5000)
    box = dialog.findChild(QMessageBox)
    assert box is not None and box.isVisible()
    assert box.text() == f"Could not write {pipe}: {NOT_A_FILE}"
    box.close()
    assert pipe.is_fifo()
    peek = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
    try:
        assert os.read(peek, 10) == b""  # nothing was written into it
    finally:
        os.close(peek)

    choose_file(dialog._pdf_clicked(), pipe.with_name("close.pdf"))
    qtbot.waitUntil(lambda: dialog.pdf_status.text().startswith("Saved as"), timeout=5000)
    assert pipe.with_name("close.pdf").read_bytes().startswith(b"%PDF")


def test_the_receipt_pdf_onto_a_fifo_says_why(qtbot: QtBot, qloop: object, pipe: Path) -> None:
    """The receipt preview's Save as PDF… onto a FIFO: Qt wrote into it and the preview said
    "(cannot write …)"; now nothing goes into it and the reason is the cashier's words."""
    from pos_app.receipts.service import receipt_for_sale
    from pos_app.settings.config import Config
    from pos_app.ui.receipts.preview import ReceiptPreviewDialog

    preview = ReceiptPreviewDialog(receipt_for_sale(discounted_sale(), Config()), Config())
    qtbot.addWidget(preview)
    preview.save_pdf(pipe)
    qtbot.waitUntil(lambda: "could not be saved" in preview.status.text(), timeout=5000)
    assert preview.status.text() == f"The PDF could not be saved ({NOT_A_FILE})."
    peek = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
    try:
        assert os.read(peek, 10) == b""
    finally:
        os.close(peek)
