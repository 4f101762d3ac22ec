"""Products → Import…: the preview reads its file on a worker thread, never the window's.

Before 2026-12-02 the preview counted the file's lines, found its encoding and parsed every row
on the window's thread (in slices, but each file read whole between two of the window's turns):
a 100,000-line file, a slow network share or a USB stick froze the window, and Cancel could not
be pressed until the reading was over. Here the file's opening is held on a
``threading.Event`` (a share that does not answer): the window must keep processing events
meanwhile (the event is set by the window's own timer), Cancel must close the preview at once
and stop the reading, and a file gone in the meantime is said in one line.
"""

from __future__ import annotations

import codecs
import random
import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from pos_app.domain.catalog import Product
from pos_app.domain.money import site_for
from pos_app.ledger import catalog_import
from pos_app.ledger.store import Ledger
from pos_app.system import files
from pos_app.ui.products import importing
from pos_app.ui.products.window import ProductsWindow
from tests.ui.held import Held

pytestmark = pytest.mark.gui

MLA = site_for("MLA")
WAIT = 10_000


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    ledger = Ledger(tmp_path / "ledger.sqlite3")
    ledger.catalog.upsert([Product("QJ", "Queso", Decimal("59.90"))])
    yield ledger
    ledger.close()


@pytest.fixture
def products(qtbot: QtBot, qloop: object, ledger: Ledger) -> ProductsWindow:
    window = ProductsWindow(ledger.catalog, MLA)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def csv_file(tmp_path: Path) -> Path:
    path = tmp_path / "products.csv"
    path.write_text("sku,title,unit_price\nQJ,Queso,60\nNEW1,Pan,10\nbad\n", encoding="utf-8")
    return path


class HeldOpen(Held):
    """The preview's ``open_user_file``, held until :attr:`release` is set by the test (the
    window's ticks only counted)."""

    def __init__(self) -> None:
        super().__init__(release_after_ticks=0)

    def __call__(self, path: Path) -> BinaryIO:
        self.hold()
        return files.open_user_file(path)


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> HeldOpen:
    hold = HeldOpen()
    monkeypatch.setattr(importing, "open_user_file", hold)
    return hold


def ticking(qtbot: QtBot, action: Callable[[], object]) -> QTimer:
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(action)
    timer.start()
    return timer


def test_the_window_keeps_processing_events_while_the_file_is_read(
    qtbot: QtBot, products: ProductsWindow, csv_file: Path, held: HeldOpen
) -> None:
    timer = ticking(qtbot, held.tick)
    preview = products.preview_import(csv_file)
    # The window's own timer lets the file go: only a window that processes events gets there.
    QTimer.singleShot(200, held.release.set)
    qtbot.waitUntil(
        lambda: preview.plan is not None or "could not" in preview.summary.text(), timeout=WAIT
    )
    timer.stop()
    assert preview.plan is not None, preview.summary.text()
    assert held.ticks_while_held > 0
    assert all(t is not threading.main_thread() for t in held.threads)
    summary = preview.summary.text()
    assert "Lines ready to import: 2 of 3. New products: 1." in summary
    assert "to be updated: 1" in summary
    assert preview.import_button.isEnabled()
    preview.reject()


def test_while_reading_the_preview_says_so_and_cancel_stops_the_reading(
    qtbot: QtBot,
    products: ProductsWindow,
    csv_file: Path,
    held: HeldOpen,
    monkeypatch: pytest.MonkeyPatch,
    screenshot: Any,
) -> None:
    ended: list[BaseException | None] = []
    finished = threading.Event()
    real_read = importing.read_plan_apart
    encodings: list[Path] = []
    real_detect = catalog_import.detect_encoding

    def read(*args: Any, **kwargs: Any) -> importing.ImportPlan:
        try:
            plan = real_read(*args, **kwargs)
        except BaseException as exc:
            ended.append(exc)
            raise
        else:
            ended.append(None)
            return plan
        finally:
            finished.set()

    def detect(path: Path) -> Any:
        encodings.append(path)
        return real_detect(path)

    # (raising=False: before the fix there was no worker to wrap; then the reading was held on
    # the window's thread and nothing below came true)
    monkeypatch.setattr(importing, "read_plan_apart", read, raising=False)
    monkeypatch.setattr(catalog_import, "detect_encoding", detect)
    preview = products.preview_import(csv_file)
    preview.show()
    qtbot.waitUntil(held.entered.is_set, timeout=WAIT)
    # Held: the preview says it is reading, its bar busy, Import off, Cancel there.
    assert held.holding
    assert preview.summary.text() == "Reading products.csv…"
    assert preview.progress.isVisible() and preview.progress.maximum() == 0
    assert not preview.import_button.isEnabled() and preview.cancel_button.isEnabled()
    screenshot(preview, "products_import_reading")

    preview.cancel_button.click()
    assert not preview.isVisible() and preview.result() == QDialog.DialogCode.Rejected
    qtbot.waitUntil(preview.reading.done, timeout=WAIT)
    assert preview.reading.cancelled()
    assert held.holding and not finished.is_set()  # the worker is still in the held open

    held.release.set()
    qtbot.waitUntil(finished.is_set, timeout=WAIT)
    assert len(ended) == 1 and isinstance(ended[0], importing.ReadingStopped)
    assert encodings == []  # stopped at once: the file was not read on
    assert preview.plan is None


def test_a_file_gone_while_its_opening_was_held_is_said_in_one_line(
    qtbot: QtBot, products: ProductsWindow, csv_file: Path, held: HeldOpen
) -> None:
    """A USB stick pulled out, a share's file removed: said, Import stays off."""
    preview = products.preview_import(csv_file)
    qtbot.waitUntil(held.entered.is_set, timeout=WAIT)
    csv_file.unlink()
    held.release.set()
    qtbot.waitUntil(lambda: "could not be read" in preview.summary.text(), timeout=WAIT)
    assert preview.summary.text() == "The file could not be read: No such file or directory"
    assert not preview.import_button.isEnabled() and preview.plan is None
    assert all(t is not threading.main_thread() for t in held.threads)
    preview.reject()


@pytest.mark.parametrize(
    "content",
    [
        codecs.BOM_UTF8 + random.Random(7).randbytes(100_000),
        codecs.BOM_UTF16_LE + random.Random(8).randbytes(100_000),
        # One byte above 0x7f, 20,000 times (as it always was: it was written as 20,000
        # generators seeded alike, each drawing its first byte, ~0.1 s of every worker's start).
        bytes([random.Random(9).randrange(0x80, 0x100)]) * 20_000,
    ],
    ids=["utf8-bom", "utf16-bom", "high-bytes"],
)
def test_binary_garbage_is_not_a_text_file_not_missing_columns(
    qtbot: QtBot, products: ProductsWindow, tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "garbage.csv"
    path.write_bytes(content)
    preview = products.preview_import(path)
    qtbot.waitUntil(lambda: "could not be read" in preview.summary.text(), timeout=WAIT)
    assert preview.summary.text() == (
        "The file could not be read: garbage.csv is not a text file: a catalog is a CSV file "
        "with the columns sku, title and unit_price."
    )
    assert not preview.errors_title.isVisible()  # no "The file's first line: …" of nonsense
    assert not preview.import_button.isEnabled()
    preview.reject()


def test_the_preview_keeps_a_page_of_products_not_the_file_and_import_reads_it_again(
    qtbot: QtBot, products: ProductsWindow, ledger: Ledger, tmp_path: Path
) -> None:
    """Before: every product of the file was kept in the preview's plan (100,000 lines:
    ~85 MiB more resident, and a collection of all of them stalled the window ~90 ms); now the
    first SHOWN, and counts. Import reads the file again, as ``pos-app catalog import``."""
    rows = 3 * importing.SHOWN
    path = tmp_path / "big.csv"
    lines = [f"B{n:05d},Producto {n},{n + 1}" for n in range(rows)]
    path.write_text("sku,title,unit_price\n" + "\n".join(lines) + "\n", encoding="utf-8")
    preview = products.preview_import(path)
    qtbot.waitUntil(lambda: preview.plan is not None, timeout=WAIT)
    plan = preview.plan
    assert plan is not None
    assert len(plan.products) == importing.SHOWN and plan.good == rows == plan.new
    assert preview.table.rowCount() == importing.SHOWN
    assert preview.import_button.text().replace("&", "") == f"Import {rows} products"
    with qtbot.waitSignal(preview.imported, timeout=WAIT) as imported:
        preview.import_button.click()
    assert imported.args == [rows]
    assert ledger.catalog.count() == rows + 1
    last = ledger.catalog.get(f"B{rows - 1:05d}")
    assert last is not None and last.unit_price == Decimal(rows)


def test_a_file_changed_after_its_preview_is_not_imported(
    qtbot: QtBot, products: ProductsWindow, ledger: Ledger, csv_file: Path
) -> None:
    """What is imported is what the preview showed: a file written again in between (by the
    spreadsheet still open on it) is refused, nothing written, and said."""
    preview = products.preview_import(csv_file)
    qtbot.waitUntil(lambda: preview.plan is not None, timeout=WAIT)
    csv_file.write_text("sku,title,unit_price\nQJ,Queso,1\n", encoding="utf-8")
    preview.import_button.click()
    qtbot.waitUntil(lambda: "stopped" in preview.summary.text(), timeout=WAIT)
    assert preview.summary.text().startswith(
        "The import stopped after 0 products (the file changed after it was read: choose it "
        "again to see what it holds now)."
    )
    queso = ledger.catalog.get("QJ")
    assert queso is not None and queso.unit_price == Decimal("59.90")
    assert ledger.catalog.get("NEW1") is None
    preview.reject()


def test_escape_while_the_file_is_read_again_and_written_lets_it_end(
    qtbot: QtBot,
    products: ProductsWindow,
    ledger: Ledger,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The file read again by a worker, batch by batch: Escape between two batches does not
    stop it half-way (part of the file in the catalog, the list not showing it); the preview
    says to wait and closes once every batch is written."""
    monkeypatch.setattr(importing, "WRITE_SLICE", 10)
    path = tmp_path / "many.csv"
    path.write_text(
        "sku,title,unit_price\n" + "".join(f"M{n:03d},Cosa {n},5\n" for n in range(100)),
        encoding="utf-8",
    )
    preview = products.preview_import(path)
    qtbot.waitUntil(lambda: preview.plan is not None, timeout=WAIT)
    real_upsert = ledger.catalog.upsert
    batches: list[int] = []

    def upsert(batch: list[Product], columns: Any = None) -> None:
        batches.append(len(batch))
        real_upsert(batch, columns)
        if len(batches) == 2:
            preview.reject()  # Escape as the second batch is written

    monkeypatch.setattr(ledger.catalog, "upsert", upsert)
    closed: list[int] = []
    preview.finished.connect(closed.append)
    preview.import_button.click()
    [task] = preview.tasks.pending()
    qtbot.waitUntil(task.done, timeout=WAIT)
    # Its result kept: the preview's own close, at its last step, no longer cancels it.
    assert task.result() == 100 and batches == [10] * 10
    assert ledger.catalog.count() == 1 + 100
    assert closed == [QDialog.DialogCode.Accepted]  # once, when every batch was written
