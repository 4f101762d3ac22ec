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
    qtbot.waitUntil(lambda: "excel.csv" in brazil.summary.text())
    excel = (tmp_path / "excel.csv").read_text(encoding="utf-8-sig")
    assert excel.splitlines()[0].startswith("sku;barcode;title;unit_price")
    assert 'QJ;"=""789100""";Queijo minas;59,90;' in excel  # a code, never 789.100

    _save(brazil, qtbot, tmp_path / "standard.csv", 1)
    qtbot.waitUntil(lambda: "standard.csv" in brazil.summary.text())
    standard = (tmp_path / "standard.csv").read_text(encoding="utf-8-sig")
    assert "QJ,789100,Queijo minas,59.90," in standard

    mexico = _window(qtbot, ledger, "MLM")
    other = mexico.choose_export_file()
    qtbot.waitUntil(other.isVisible)
    assert other.nameFilters() == ["CSV files (*.csv)"]
    other.reject()
