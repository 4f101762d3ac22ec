"""Hostile input in the Products window: its search box and the product editor (name, SKU,
barcode, price, category, sale unit, IVA in Colombia).

Seeded fuzz (:mod:`tests.ui.fuzz_input`): nothing raises; a saved product is clean text and
money in the site's decimals, and saving never changes another product (a SKU or barcode that
only differs from another one by invisible characters is the same code once cleaned); a refused
product says why and the editor stays open."""

from __future__ import annotations

import random
from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from pos_app.domain import text_fields as tf
from pos_app.domain.catalog import Product
from pos_app.domain.money import site_for
from pos_app.ledger.store import Ledger
from pos_app.settings import paths
from tests.ui.fuzz_input import assert_clean, assert_money, enter, key_in, put, seeds, typed

pytestmark = pytest.mark.gui

EXISTING = [
    Product(sku="YER1", title="Yerba 1 kg", unit_price=Decimal(4890), barcode="7790580001018"),
    Product(sku="QUE1", title="Queso", unit_price=Decimal(3125), barcode="7790580002015"),
]


@pytest.fixture
def ledger() -> Iterator[Ledger]:
    ledger = Ledger(paths.ledger_path())
    ledger.catalog.save_product(EXISTING[0])
    ledger.catalog.save_product(EXISTING[1])
    yield ledger
    ledger.close()


def _code(rng: random.Random, code: str) -> str:
    """An existing code, or one with an invisible or control character slipped in."""
    sneaky = rng.choice(["", "\u200b", "\x00", "\ufeff", " ", "\u202e", "\t"])
    at = rng.randint(0, len(code))
    return code[:at] + sneaky + code[at:]


@seeds
@pytest.mark.parametrize("site_id", ["MLA", "MCO"])
def test_product_editor_saves_only_clean_products(
    qtbot: QtBot, ledger: Ledger, seed: int, site_id: str
) -> None:
    from pos_app.ui.products.editor import ProductEditor

    site = site_for(site_id)
    rng = random.Random(seed)
    catalog = ledger.catalog
    saved = 0
    for step in range(40):
        # Every product saved so far (an empty search finds none: list the catalog itself).
        others = {p.sku: p for p in catalog.list_page(limit=1000)} | {
            p.sku: catalog.get(p.sku) for p in EXISTING
        }
        original = rng.choice([None, None, EXISTING[1]])
        editor = ProductEditor(
            catalog, site, product=catalog.get(original.sku) if original else None
        )
        qtbot.addWidget(editor)
        editor.show()
        if rng.random() < 0.7:
            put(qtbot, rng, editor.title, rng.choice(["Mate", typed(rng)]))
        roll = rng.random()
        if roll < 0.3:
            put(qtbot, rng, editor.sku, _code(rng, rng.choice(EXISTING).sku))
        elif roll < 0.7:
            put(
                qtbot, rng, editor.sku, rng.choice(["N", "N2", ""]) + typed(rng) * rng.randint(0, 1)
            )
        roll = rng.random()
        if roll < 0.3:
            put(qtbot, rng, editor.barcode, _code(rng, rng.choice(EXISTING).barcode))
        elif roll < 0.5:
            put(qtbot, rng, editor.barcode, typed(rng))
        put(qtbot, rng, editor.price, typed(rng))
        if rng.random() < 0.4:
            put(qtbot, rng, editor.category, typed(rng))
        editor.unit.setCurrentIndex(rng.randrange(editor.unit.count()))
        if editor.iva is not None:
            editor.iva.setCurrentIndex(rng.randrange(editor.iva.count()))
        got: list[Product] = []
        editor.saved.connect(got.append)
        what = (editor.title.text(), editor.sku.text(), editor.barcode.text(), editor.price.text())
        if rng.random() < 0.5:
            editor.save_button.click() if editor.save_button.isEnabled() else editor.save()
        else:
            enter(qtbot, editor.price)  # Save is the default button
            if editor.isVisible():
                editor.save()
        if got:
            saved += 1
            product = got[0]
            assert not editor.isVisible()
            assert_clean(product.title, tf.PRODUCT_NAME.limit)
            assert_clean(product.sku, tf.PRODUCT_SKU.limit)
            assert_clean(product.barcode, tf.PRODUCT_BARCODE.limit)
            assert_clean(product.category, tf.PRODUCT_CATEGORY.limit)
            assert product.title and product.sku
            assert_money(product.unit_price, site)
            assert product.iva_rate in (0, 5, 19) and (site.reports_iva or product.iva_rate == 0)
            assert catalog.get(product.sku) == product
            # No other product was overwritten, lost its barcode, or shares this one's.
            for sku, other in others.items():
                if other is None or sku == product.sku or (original and sku == original.sku):
                    continue
                assert catalog.get(sku) == other, (step, what, sku)
            if original and original.sku != product.sku:
                assert catalog.get(original.sku) is None
            if product.barcode:
                assert catalog.barcode_owner(product.barcode) == product.sku, (step, what)
        else:
            assert editor.isVisible(), (step, what)
            assert editor.footer.text(), (step, what)
            for sku, other in others.items():
                assert catalog.get(sku) == other, (step, what)
        editor.close()
        if editor.guard.box is not None:  # what was typed is not dropped without asking
            editor.guard.box.findChild(QPushButton, "discardButton").click()
        assert not editor.isVisible(), (step, what)  # not left open behind the next one
    assert saved


@pytest.mark.parametrize("sneaky", ["\u200b", "\x00", "\ufeff", "\u202e\u2066"])
def test_a_new_product_never_overwrites_one_whose_sku_differs_only_invisibly(
    qtbot: QtBot, ledger: Ledger, sneaky: str
) -> None:
    """A SKU "YER<zero-width space>1" passed the editor's "SKU already used" check (it looked up the raw text)
    and was then cleaned to "YER1" and saved over the yerba: its name, price and barcode gone.
    The same for a barcode that only differs from another product's by invisible characters."""
    from pos_app.ui.products.editor import ProductEditor

    site = site_for("MLA")
    editor = ProductEditor(ledger.catalog, site)
    qtbot.addWidget(editor)
    editor.title.setText("Impostor")
    editor.sku.setText("YER" + sneaky + "1")
    editor.price.setText("1")
    assert not editor.save()
    assert "Another product already has this SKU: Yerba 1 kg." in editor.footer.text()
    assert ledger.catalog.get("YER1") == EXISTING[0]
    editor.sku.setText("NEW1")
    editor.barcode.setText("7790580" + sneaky + "001018")
    assert not editor.save()
    assert "This barcode is already on Yerba 1 kg (YER1)." in editor.footer.text()
    assert ledger.catalog.barcode_owner("7790580001018") == "YER1"
    assert ledger.catalog.get("NEW1") is None


@seeds
def test_products_search_takes_anything(qtbot: QtBot, ledger: Ledger, seed: int) -> None:
    from pos_app.ui.products.window import ProductsWindow

    rng = random.Random(seed)
    window = ProductsWindow(ledger.catalog, site_for("MLA"))
    qtbot.addWidget(window)
    window.show()
    for step in range(100):
        text = rng.choice(["yer", "779", "Queso", ""]) + typed(rng) * rng.randint(0, 2)
        if rng.random() < 0.3:
            window.search.clear()
            key_in(window.search, text[:40])
        else:
            put(qtbot, rng, window.search, text)
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
        rows = window.model.rowCount()
        assert 0 <= rows <= len(EXISTING), (step, text)
        for row in range(rows):
            assert window.model.product(row) in EXISTING
    window.search.setText("\x00yer\x00")  # a NUL pasted with the words: still found
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.model.rowCount() == 1 and window.model.product(0).sku == "YER1"
