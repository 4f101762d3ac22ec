"""Products → Export…: where the decimal mark is a comma the save dialog offers first the CSV for
Excel there (semicolons, decimal commas), as the sales export does; the file is named in the
shop's language. Until 2026-12-02 it wrote only the standard file, which Excel in Argentina,
Brazil, Chile, Colombia and Uruguay opens in one column, as ``products.csv``."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from pos_app.domain.catalog import Product
from pos_app.domain.money import site_for
from pos_app.ledger.store import Ledger
from pos_app.ui.products.window import ProductsWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    ledger = Ledger(tmp_path / "ledger.sqlite3")
    ledger.catalog.upsert([Product("QJ", "Queijo minas", Decimal("59.90"), barcode="789100")])
    yield ledger
    ledger.close()


def _window(qtbot: QtBot, ledger: Ledger, site_id: str) -> ProductsWindow:
    window = ProductsWindow(ledger.catalog, site_for(site_id))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _save(window: ProductsWindow, qtbot: QtBot, path: Path, filter_index: int) -> QFileDialog:
    dialog = window.choose_export_file()
    qtbot.waitUntil(dialog.isVisible)
    filters = dialog.nameFilters()
    dialog.selectNameFilter(filters[filter_index])
    dialog.selectFile(str(path))
    dialog.accept()
    return dialog


def test_the_export_offers_excels_kind_first_where_the_comma_is_the_decimal_mark(
    qtbot: QtBot, ledger: Ledger, tmp_path: Path, screenshot: Any
) -> None:
    brazil = _window(qtbot, ledger, "MLB")
    dialog = brazil.choose_export_file()
    qtbot.waitUntil(dialog.isVisible)
    filters = dialog.nameFilters()
    assert len(filters) == 2 and "Excel" in filters[0] and filters[1] == "CSV files (*.csv)"
    assert dialog.selectedNameFilter() == filters[0]
    dialog.reject()

    _save(brazil, qtbot, tmp_path / "excel.csv", 0)
    qtbot.waitUntil(lambda: "saved to excel.csv" in brazil.summary.text())
    excel = (tmp_path / "excel.csv").read_text(encoding="utf-8-sig")
    assert excel.splitlines()[0].startswith("sku;barcode;title;unit_price")
    assert 'QJ;"=""789100""";Queijo minas;59,90;' in excel  # a code, never 789.100

    _save(brazil, qtbot, tmp_path / "standard.csv", 1)
    qtbot.waitUntil(lambda: "saved to standard.csv" in brazil.summary.text())
    standard = (tmp_path / "standard.csv").read_text(encoding="utf-8-sig")
    assert "QJ,789100,Queijo minas,59.90," in standard

    mexico = _window(qtbot, ledger, "MLM")
    other = mexico.choose_export_file()
    qtbot.waitUntil(other.isVisible)
    assert other.nameFilters() == ["CSV files (*.csv)"]
    other.reject()


def test_the_chosen_file_is_written_on_a_worker_thread(
    qtbot: QtBot, ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """100,000 products take 1.5-3 s to write: the window froze that long (it wrote them on
    its own thread); now a worker writes them through a connection of its own."""
    import threading

    window = _window(qtbot, ledger, "MLA")
    threads: list[str] = []
    real = ledger.catalog.export_csv_apart

    def apart(*args: Any, **kwargs: Any) -> int:
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(window._catalog, "export_csv_apart", apart)
    _save(window, qtbot, tmp_path / "lista.csv", 0)
    assert "Saving the products to lista.csv" in window.summary.text()
    qtbot.waitUntil(lambda: "1 product saved to lista.csv." in window.summary.text())
    assert threads and threads[0].startswith("products-export")
    assert "Queijo minas" in (tmp_path / "lista.csv").read_text(encoding="utf-8-sig")
