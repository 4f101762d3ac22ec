"""Products → Export… in Spanish and Portuguese: the file offered is named in the shop's
language (it was always ``products.csv``), and Excel's kind comes first, in words."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pos_app.domain.catalog import Product
from pos_app.domain.money import site_for
from pos_app.ledger.store import Ledger
from pos_app.ui.products.window import ProductsWindow

pytestmark = pytest.mark.gui


@pytest.mark.parametrize(
    ("lang", "site_id", "name", "words"),
    [("pt_BR", "MLB", "produtos.csv", "vírgula"), ("es", "MCO", "productos.csv", "coma")],
)
def test_the_export_offers_a_file_named_in_the_shops_language(
    qtbot: QtBot, tmp_path: Path, lang: str, site_id: str, name: str, words: str
) -> None:
    ledger = Ledger(tmp_path / "ledger.sqlite3")
    try:
        ledger.catalog.upsert([Product("QJ", "Queijo", Decimal("59"))])
        window = ProductsWindow(ledger.catalog, site_for(site_id))
        qtbot.addWidget(window)
        dialog = window.choose_export_file()
        qtbot.waitUntil(dialog.isVisible)
        assert dialog.selectedFiles()[0].endswith("/" + name)
        assert "Excel" in dialog.nameFilters()[0] and words in dialog.nameFilters()[0]
        dialog.reject()
    finally:
        ledger.close()
