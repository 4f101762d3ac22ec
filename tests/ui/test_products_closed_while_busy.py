"""The Products window closed while one of its dialogs still works (the counter window closing,
Ctrl-C, SIGTERM): an import's preview still reading its file was deleted with the window, and
its reading went on against the deleted dialog ("Internal C++ object already deleted" in the
log, the import "failed")."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.products.importing import READ_SLICE

pytestmark = pytest.mark.gui

WAIT = 10_000


def big_file(tmp_path: Path) -> Path:
    rows = 5 * READ_SLICE  # five slices read: the window closes between two of them
    path = tmp_path / "big.csv"
    lines = ["sku,title,unit_price"] + [f"B{n:06d},Producto {n},{n % 900 + 1}" for n in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_closing_products_while_an_import_is_read_ends_the_reading_first(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    loop = asyncio.get_event_loop()
    failed: list[dict[str, Any]] = []
    before = loop.get_exception_handler()
    loop.set_exception_handler(lambda _loop, context: failed.append(context))
    try:
        products = window.open_products()
        preview = products.preview_import(big_file(tmp_path))
        reading = preview.reading
        qtbot.waitUntil(lambda: preview.progress.value() > 0, timeout=WAIT)
        assert not reading.done()
        gone: list[bool] = []
        products.destroyed.connect(lambda: gone.append(True))
        products.close()  # as the counter window's close does
        qtbot.waitUntil(lambda: bool(gone) and reading.done(), timeout=WAIT)
    finally:
        loop.set_exception_handler(before)
    assert reading.cancelled()  # stopped, nothing written
    assert failed == []
    problems = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert problems == []
    assert window.rt.ledger.catalog.get("B000000") is None


@pytest.fixture
def small_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    from pos_app.ui.products import importing

    monkeypatch.setattr(importing, "WRITE_SLICE", 50)  # a hundred slices: closed in between


def read_preview(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> Any:
    products = window.open_products()
    preview = products.preview_import(big_file(tmp_path))
    qtbot.waitUntil(lambda: preview.plan is not None, timeout=WAIT)
    return preview


@pytest.mark.usefixtures("small_slices")
@pytest.mark.parametrize("how", ["escape", "title_bar"])
def test_esc_while_an_import_is_written_waits_for_it(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, how: str
) -> None:
    """Esc (or the title bar's button) canceled the import half-way, silently: part of the file
    in the catalog and the list not showing it. Cancel is off while it writes; Esc says to
    wait, and the import ends by itself."""
    from PySide6.QtCore import Qt

    preview = read_preview(window, qtbot, tmp_path)
    imported: list[int] = []
    preview.imported.connect(imported.append)
    preview.start_import()
    assert preview.is_importing() and not preview.cancel_button.isEnabled()
    if how == "escape":
        qtbot.keyClick(preview, Qt.Key.Key_Escape)
    else:
        preview.close()
    assert preview.isVisible() and preview.is_importing()
    assert "being imported" in preview.summary.text()
    qtbot.waitUntil(lambda: bool(imported), timeout=WAIT)
    assert imported == [5 * READ_SLICE]
    assert window.rt.ledger.catalog.get(f"B{5 * READ_SLICE - 1:06d}") is not None


@pytest.mark.usefixtures("small_slices")
def test_closing_the_window_while_an_import_is_written_waits_for_it(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    """The counter window closed (or Ctrl-C, SIGTERM) while an import was written: the import
    stopped half-way, nothing said. The window stays until the import has ended, then closes."""
    preview = read_preview(window, qtbot, tmp_path)
    preview.start_import()
    window.close()
    assert window.isVisible() and not window.was_closed and preview.is_importing()
    assert "being imported" in preview.summary.text()
    qtbot.waitUntil(lambda: window.was_closed, timeout=WAIT)
    assert window.rt.ledger.catalog.get(f"B{5 * READ_SLICE - 1:06d}") is not None


def test_an_export_that_fails_after_the_window_closed_is_logged(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Products closed right after choosing where to export (100,000 products take seconds):
    a failure was shown in the window's summary only, deleted by then: nobody learned that the
    file was not written. The log says so."""
    import threading

    release = threading.Event()
    catalog = window.rt.ledger.catalog

    def export(*_args: Any, **_kwargs: Any) -> int:
        release.wait(WAIT / 1000)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(catalog, "export_csv_apart", export)
    products = window.open_products()
    job = products.export_in_background(tmp_path / "products.csv")
    gone: list[bool] = []
    products.destroyed.connect(lambda: gone.append(True))
    products.close()
    qtbot.waitUntil(lambda: bool(gone), timeout=WAIT)
    release.set()

    def logged() -> bool:  # by the worker, once the export has failed
        warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
        return any("products.csv" in w and "No space left" in w for w in warnings)

    qtbot.waitUntil(logged, timeout=WAIT)
    assert job.done()
