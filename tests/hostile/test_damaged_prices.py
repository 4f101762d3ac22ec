"""A product price edited by hand or damaged in the catalog (``NaN``, ``1e999``, 29 digits, a
word, below zero) never crashes the counter: barcode lookup, search, the products window's
model and ``pos-app catalog export`` all read it through the ledger-amount check
(:func:`pos_app.ledger.amounts.readable`); the product is marked damaged, named with what to do,
never sold at a guessed price, and the other products keep working. Fuzzed with hypothesis."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.cli import main
from pos_app.domain.catalog import DamagedProductError, Product
from pos_app.domain.money import site_for
from pos_app.ledger.amounts import readable
from pos_app.ledger.store import Ledger
from pos_app.settings import paths

ARS = site_for("MLA")
DAMAGED = ["NaN", "1e999", "9" * 29, "caro", "-5", "Infinity", "sNaN", "1e-999", "", " ", "=1+1"]
# Stored text (anything a hand edit or a damaged page can leave), and numbers SQLite may keep.
VALUES = st.one_of(
    st.sampled_from(DAMAGED),
    st.text(max_size=40),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(repr),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


@pytest.fixture
def ledger() -> Iterator[Ledger]:
    led = Ledger(paths.ledger_path(), exclusive=False)
    led.catalog.upsert(
        [
            Product("YER1", "Yerba 1kg", Decimal("3450.50"), barcode="7790001"),
            Product("MATE", "Mate de calabaza", Decimal(2000), barcode="7790002"),
        ]
    )
    yield led
    led.close()


def _damage(ledger: Ledger, value: str) -> None:
    ledger.catalog._conn.execute("UPDATE catalog SET unit_price = ? WHERE sku = 'YER1'", (value,))
    ledger.catalog._conn.commit()


def _sound(value: str) -> Decimal | None:
    amount = readable(value)
    return amount if amount is not None and amount >= 0 else None


def _check_refused(product: Product | None) -> None:
    assert product is not None and product.damaged and product.damaged_column == "unit_price"
    with pytest.raises(DamagedProductError) as refused:
        product.to_line(1)
    text = str(refused.value.msg)
    assert "Yerba 1kg" in text and "YER1" in text and "Products" in text


@pytest.mark.gui
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=VALUES)
def test_lookup_search_model_and_export_survive_any_stored_price(
    ledger: Ledger, tmp_path: Path, qtbot: QtBot, value: str
) -> None:
    from pos_app.ui.products.window import ProductsModel

    _damage(ledger, value)
    sound = _sound(value)
    found = ledger.catalog.lookup_code("7790001")
    by_search = {p.sku: p for p in ledger.catalog.search("yerba")}["YER1"]
    for product in (found, by_search, ledger.catalog.get("YER1")):
        if sound is None:
            _check_refused(product)
        else:
            assert product is not None and not product.damaged
            assert product.to_line(1).unit_price == sound
    # The other products keep working.
    mate = ledger.catalog.lookup_code("7790002")
    assert mate is not None and mate.to_line(2).unit_price == 2000
    # The products window's model shows every cell (the damaged price in words).
    model = ProductsModel(ledger.catalog, ARS)
    for search in ("", "yerba"):
        model.reload(search)
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                index = model.index(row, column)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    model.data(index, role)
        cells = [str(model.data(model.index(r, 3))) for r in range(model.rowCount())]
        assert ("Price damaged" in cells) is (sound is None)
    # The export writes it as stored (never a made-up 0); reading it back refuses that row.
    out = tmp_path / "catalog.csv"
    damaged: list[Product] = []
    assert ledger.catalog.export_csv(out, damaged) == 2
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = {r["sku"]: r for r in csv.DictReader(handle)}
    if sound is None:
        assert [p.sku for p in damaged] == ["YER1"]
        assert rows["YER1"]["unit_price"] not in ("0", "0.00")
    else:
        assert not damaged and Decimal(rows["YER1"]["unit_price"]) == sound


@pytest.mark.parametrize("value", DAMAGED)
def test_catalog_export_names_the_damaged_product_and_reimport_keeps_it_unsold(
    ledger: Ledger, tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    _damage(ledger, value)
    out = tmp_path / "catalog.csv"
    assert main(["catalog", "export", str(out)]) == 0
    captured = capsys.readouterr()
    assert "exported 2 products" in captured.out
    assert "Yerba 1kg (YER1)" in captured.err and "Products" in captured.err
    # Imported back: the damaged row is refused by its line, the other comes back; YER1 is
    # never given a price it did not have.
    main(["catalog", "import", str(out)])
    captured = capsys.readouterr()
    assert "imported 1 products, 1 rows refused" in captured.out
    _check_refused(ledger.catalog.lookup_code("7790001"))


@pytest.mark.parametrize("value", ["NaN", "1e999", "9" * 29, "mucho", "-5"])
def test_doctor_lists_a_damaged_price_with_the_other_damaged_amounts(
    ledger: Ledger, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Support sees a damaged price in ``pos-app doctor`` (its "ledger amounts" line), not only
    when a cashier happens to scan the product; a sound catalog lists nothing."""
    from pos_app.ledger.amounts import damaged_amounts

    assert list(damaged_amounts(ledger._conn)) == []
    _damage(ledger, value)
    ledger.catalog._conn.execute("UPDATE catalog SET iva_rate = '150' WHERE sku = 'MATE'")
    ledger.catalog._conn.commit()
    found = [(str(f.record), f.column, f.value) for f in damaged_amounts(ledger._conn)]
    assert found == [("product YER1", "unit_price", value), ("product MATE", "iva_rate", "150")]
    capsys.readouterr()
    main(["doctor"])
    line = next(t for t in capsys.readouterr().out.splitlines() if "ledger amounts" in t)
    assert line.startswith("[FAIL]") and f"product YER1: unit_price = '{value}'" in line
