"""The Products window's import of a price list (``sku,title,unit_price``): a product already in
the catalog keeps its barcode, category, sale unit and IVA (``tests/ledger/
test_catalog_partial_columns.py`` says why)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_app.domain.money import site_for
from pos_app.ledger.store import Ledger
from tests.ledger.test_catalog_partial_columns import CHEESE, PRICES, _kept_but_the_price


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    ledger = Ledger(tmp_path / "ledger.sqlite3")
    ledger.catalog.upsert([CHEESE])
    yield ledger
    ledger.close()


@pytest.mark.gui
def test_the_window_keeps_them_too(
    ledger: Ledger, tmp_path: Path, qtbot: QtBot, qloop: Any
) -> None:
    from pos_app.ui.products.window import ProductsWindow

    path = tmp_path / "precios.csv"
    path.write_text(PRICES, encoding="utf-8")
    window = ProductsWindow(ledger.catalog, site_for("MCO"))
    qtbot.addWidget(window)
    preview: Any = window.preview_import(path)
    qtbot.waitUntil(lambda: preview.plan is not None, timeout=10_000)
    preview.start_import()
    qtbot.waitUntil(lambda: ledger.catalog.get("NEW") is not None, timeout=10_000)
    _kept_but_the_price(ledger)
