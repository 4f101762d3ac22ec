"""Tools → Products: a new shop fills its catalog in the window and sells with the keyboard.

Screenshots: ``artifacts/screenshots/products_*.png``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from pos_app.domain.catalog import Product
from pos_app.domain.sale import SaleStatus
from pos_app.runtime import Runtime
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.products.editor import ProductEditor
from pos_app.ui.products.importing import READ_SLICE, ImportPreview
from pos_app.ui.products.window import ProductsWindow
from pos_app.ui.qtkit.bridge import EngineBridge
from tests.ui.conftest import Control, look_now

pytestmark = pytest.mark.gui

WAIT = 10_000
GOOD_AND_BAD_CSV = (
    "sku,barcode,title,unit_price,category,unit_measure,iva_rate\n"
    "HAR1,7790001000101,Harina 000 1 kg,990.00,almacen,unit,0\n"
    "BAD1,,Precio roto,abc,,unit,0\n"
    "ACE1,7790001000118,Aceite girasol 900 ml,2350.50,almacen,unit,0\n"
    "BAD2,,,10,,unit,0\n"
    "FID1,7790001000125,Fideos spaghetti 500 g,1100,almacen,pack,0\n"
)


@pytest.fixture
def empty_window(runtime: Runtime, qtbot: QtBot) -> Iterator[MainWindow]:
    """The counter of a shop whose catalog is still empty."""
    runtime.ledger.catalog._conn.execute("DELETE FROM catalog")
    bridge = EngineBridge(runtime.engine.bus)
    win = MainWindow(runtime, bridge)
    win.resize(1024, 768)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win
    for task in win.tasks.cancel_all():
        qtbot.waitUntil(task.done, timeout=3000)
    bridge.detach()
    win.close()
    win.deleteLater()


def fill(qtbot: QtBot, editor: ProductEditor, **fields: str) -> None:
    for name, text in fields.items():
        edit = getattr(editor, name)
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClicks(edit, text)


def add_by_keyboard(qtbot: QtBot, products: ProductsWindow, **fields: str) -> None:
    qtbot.keyClick(products.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = products.findChildren(ProductEditor)[-1]
    qtbot.waitExposed(editor)
    fill(qtbot, editor, **fields)
    qtbot.keyClick(editor.price, Qt.Key.Key_Return)  # the default button: Save
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=WAIT)


def fill_the_catalog_and_sell(
    win: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    screenshot: Any,
    pay: Callable[[], object],
    prefix: str = "products",
) -> None:
    """From an empty catalog: the hint, Products (F6), three products typed, a CSV previewed
    and imported, then a sale with the keyboard only (two products with the same name)."""
    # The counter says where products come from.
    assert "No products yet" in win.feedback.text()
    assert win.feedback_action.isVisible()
    screenshot(win, f"{prefix}_00_counter_empty_catalog")
    qtbot.keyClick(win.scan, Qt.Key.Key_F6)
    products = win._products_window
    assert products is not None
    qtbot.waitExposed(products)
    assert "No products yet" in products.view.empty_text
    assert not products.export_button.isEnabled()
    screenshot(products, f"{prefix}_01_empty")

    # Three products, typed.
    add_by_keyboard(
        qtbot, products, title="Yerba mate 1 kg", sku="YER1", barcode="7790001", price="4890"
    )
    add_by_keyboard(qtbot, products, title="Galletitas Twin 200 g", sku="TWA", price="900")
    add_by_keyboard(qtbot, products, title="Galletitas Twin 200 g", sku="TWB", price="950,50")
    catalog = win.rt.ledger.catalog
    assert catalog.count() == 3
    assert catalog.get("TWB").unit_price == Decimal("950.50")  # type: ignore[union-attr]
    assert products.summary.text() == "3 products"
    screenshot(products, f"{prefix}_02_three_added")

    # And a CSV: previewed (nothing written yet), then imported.
    csv_file = tmp_path / "lista.csv"
    csv_file.write_text(GOOD_AND_BAD_CSV, encoding="utf-8")
    preview = products.preview_import(csv_file)
    qtbot.waitUntil(lambda: preview.plan is not None, timeout=WAIT)
    assert "Lines ready to import: 3 of 5." in preview.summary.text()
    refused = [preview.errors.item(i).text() for i in range(preview.errors.count())]
    assert len(refused) == 2
    assert refused[0].startswith("Line 3: unit_price 'abc'") and "not an amount" in refused[0]
    assert refused[1].startswith("Line 5: ") and "title" in refused[1]
    assert preview.import_button.text().replace("&", "") == "Import 3 products"
    assert catalog.count() == 3  # a preview writes nothing
    screenshot(preview, f"{prefix}_03_import_preview")
    qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    # (the preview closes itself, and the list reloads)
    qtbot.waitUntil(lambda: products.summary.text() == "6 products", timeout=WAIT)
    assert catalog.count() == 6
    screenshot(products, f"{prefix}_04_after_import")
    products.close()
    assert win.feedback.text() == ""  # the empty-catalog hint is gone
    qtbot.waitUntil(win.isActiveWindow, timeout=WAIT)

    # Sell with the keyboard only: a scanned barcode, a search with two same names, a SKU.
    assert win.scan.hasFocus()
    qtbot.keyClicks(win.scan, "7790001")
    qtbot.keyClick(win.scan, Qt.Key.Key_Return)
    qtbot.keyClicks(win.scan, "twin")
    qtbot.waitUntil(lambda: win.search.is_open and not win.search._timer.isActive(), timeout=WAIT)
    qtbot.keyClick(win.scan, Qt.Key.Key_Down)
    qtbot.keyClick(win.scan, Qt.Key.Key_Return)  # the second Twin, as highlighted
    qtbot.keyClicks(win.scan, "FID1")
    qtbot.keyClick(win.scan, Qt.Key.Key_Return)
    qtbot.keyClick(win.scan, Qt.Key.Key_Plus)
    assert [(line.sku, line.quantity) for line in win.model.lines()] == [
        ("YER1", 1),
        ("TWB", 1),
        ("FID1", 2),
    ]
    screenshot(win, f"{prefix}_05_cart")
    qtbot.keyClick(win.scan, Qt.Key.Key_F5)
    qtbot.waitUntil(
        lambda: win.current_sale is not None and win.current_sale.status is SaleStatus.PENDING,
        timeout=WAIT,
    )
    pay()
    look_now(win)  # not the poll schedule's next look (a second, in a new user's settings)
    qtbot.waitUntil(
        lambda: win.current_sale is not None and win.current_sale.status is SaleStatus.PAID,
        timeout=WAIT,
    )
    assert win.current_sale.total == Decimal("4890") + Decimal("950.50") + 2 * Decimal("1100")
    screenshot(win, f"{prefix}_06_paid")
    qtbot.keyClick(win.payment, Qt.Key.Key_Return)
    assert win.model.is_empty() and win.scan.hasFocus()


def test_a_new_shop_fills_its_catalog_and_sells_with_the_keyboard(
    empty_window: MainWindow, qtbot: QtBot, control: Control, tmp_path: Path, screenshot: Any
) -> None:
    fill_the_catalog_and_sell(empty_window, qtbot, tmp_path, screenshot, control.pay)


def test_the_editor_checks_each_field_like_the_import(
    window: MainWindow, qtbot: QtBot, screenshot: Any
) -> None:
    products = window.open_products()
    qtbot.waitExposed(products)
    editor = products.add_product()
    qtbot.waitExposed(editor)
    assert not editor.save_button.isEnabled()
    assert editor.footer.text() == "Write the product's name."
    assert not editor.title_field.error.isVisible()  # untouched fields stay calm
    fill(qtbot, editor, title="Queso", sku="FIA001", barcode="7790580001018", price="12,345")
    assert "already has this SKU" in editor.sku_field.error.text()
    assert "already on Yerba mate Playadito 1 kg" in editor.barcode_field.error.text()
    assert "2 decimals" in editor.price_field.error.text()
    assert not editor.save_button.isEnabled()
    screenshot(editor, "products_editor_errors")
    fill(qtbot, editor, sku="QUE9", barcode="7790000000999", price="0")
    assert "greater than zero" in editor.price_field.error.text()
    fill(qtbot, editor, price="3.125,00")
    assert editor.save_button.isEnabled() and editor.footer.text() == ""
    screenshot(editor, "products_editor_new")
    assert editor.save()
    saved = window.rt.ledger.catalog.get("QUE9")
    assert saved is not None and saved.unit_price == Decimal("3125.00")
    assert products.selected() == saved


def test_change_a_price_and_delete(window: MainWindow, qtbot: QtBot, screenshot: Any) -> None:
    products = window.open_products()
    qtbot.waitExposed(products)
    qtbot.keyClicks(products.search, "playadito")
    qtbot.waitUntil(
        lambda: products.model.searching and products.model.rowCount() == 1, timeout=WAIT
    )
    products.view.selectRow(0)
    editor = products.edit_selected()
    assert editor is not None and editor.price.text() == "4.890,00"
    fill(qtbot, editor, price="5.100")
    assert editor.save()
    assert window.rt.ledger.catalog.get("ALM001").unit_price == Decimal("5100")  # type: ignore[union-attr]
    assert products.selected() is not None and products.selected().sku == "ALM001"  # type: ignore[union-attr]
    before = window.rt.ledger.catalog.count()
    box = products.delete_selected()
    assert isinstance(box, QMessageBox) and "Yerba mate Playadito" in box.text()
    screenshot(box, "products_delete_confirm")
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert window.rt.ledger.catalog.count() == before - 1
    assert window.rt.ledger.catalog.get("ALM001") is None


def test_export_then_the_list_pages_through_a_large_catalog(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    catalog = window.rt.ledger.catalog
    catalog.upsert(
        [Product(f"X{n:05d}", f"Bulk item {n:05d}", Decimal(n + 1)) for n in range(5000)]
    )
    products = window.open_products()
    qtbot.waitExposed(products)
    assert products.model.rowCount() == 200  # a page, not 5,000 rows
    products.view.scrollToBottom()
    QApplication.processEvents()
    assert products.model.rowCount() > 200  # the view asked for more as it scrolled
    qtbot.keyClicks(products.search, "bulk item 04321")
    qtbot.waitUntil(lambda: products.model.rowCount() == 1, timeout=WAIT)
    assert products.model.product(0).sku == "X04321"
    out = tmp_path / "export.csv"
    assert products.export_to(out) == catalog.count()
    assert out.read_text(encoding="utf-8-sig").splitlines()[0].startswith("sku,barcode,title")


def test_a_large_import_shows_its_progress(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    screenshot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 5,000 rows: five slices read and ten written (READ_SLICE, WRITE_SLICE), enough to be
    # seen between slices; 30,000 took six times the CPU to show the same.
    rows = 5 * READ_SLICE
    big = tmp_path / "big.csv"
    lines = ["sku,title,unit_price"] + [f"B{n:06d},Producto {n},{n % 900 + 1}" for n in range(rows)]
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # The reading runs on a worker, the window shows where it is on a timer: the worker waits
    # at its first slice until the window has shown it (a fast or a loaded machine alike).
    shown = threading.Event()
    progressed = ImportPreview._progressed

    def held(self: ImportPreview, lines: int, total: int) -> None:
        progressed(self, lines, total)
        if 0 < lines < total:
            shown.wait(timeout=10)

    monkeypatch.setattr(ImportPreview, "_progressed", held)
    products = window.open_products()
    preview = products.preview_import(big)
    seen: list[int] = []
    while preview.plan is None:
        if preview.progress.isVisible():
            seen.append(preview.progress.value())
            if 0 < seen[-1] < rows:
                shown.set()
        qtbot.wait(5)
    assert preview.progress.maximum() == rows and any(0 < v < rows for v in seen)
    qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    assert preview.progress.isVisible() and preview.progress.maximum() == rows
    screenshot(preview, "products_import_progress")  # (writing takes a few slices)
    [writing] = preview.tasks.pending()
    qtbot.waitUntil(writing.done, timeout=30_000)  # the import's last step, not only its rows
    assert writing.result() == rows
    assert window.rt.ledger.catalog.get(f"B{rows - 1:06d}") is not None


def test_an_unknown_scanned_code_offers_to_add_the_product(
    window: MainWindow, qtbot: QtBot, screenshot: Any
) -> None:
    qtbot.keyClicks(window.scan, "7799999000017")
    qtbot.keyClick(window.scan, Qt.Key.Key_Return)
    assert "No product matches" in window.feedback.text()
    assert (
        window.feedback_action.isVisible() and "Add this product" in window.feedback_action.text()
    )
    screenshot(window, "products_unknown_code_offer")
    qtbot.keyClick(window.scan, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # or a tap
    products = window._products_window
    assert products is not None
    editor = products.findChildren(ProductEditor)[-1]
    assert editor.barcode.text() == "7799999000017"
    assert editor.sku.text() == "7799999000017"  # a fine SKU until the shop prefers its own
    screenshot(editor, "products_editor_scanned_code")
    fill(qtbot, editor, title="Mermelada de durazno 454 g", sku="MER1", price="2.200")
    assert editor.save()
    qtbot.waitUntil(lambda: window._products_window is None, timeout=WAIT)
    assert [line.sku for line in window.model.lines()] == ["MER1"]
    qtbot.keyClicks(window.scan, "7799999000017")  # the next scan finds it
    qtbot.keyClick(window.scan, Qt.Key.Key_Return)
    assert window.model.lines()[0].quantity == 2
    # A name typed that matches nothing is not offered as a barcode.
    qtbot.keyClicks(window.scan, "zzz nada")
    qtbot.keyClick(window.scan, Qt.Key.Key_Return)
    assert not window.feedback_action.isVisible()


def test_the_products_list_by_keyboard(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(window.scan, Qt.Key.Key_F6)
    products = window._products_window
    assert products is not None
    qtbot.waitExposed(products)
    qtbot.waitUntil(products.search.hasFocus, timeout=WAIT)
    qtbot.keyClicks(products.search, "queso")
    qtbot.keyClick(products.search, Qt.Key.Key_Return)  # searches now; presses no button
    assert products.model.searching and products.model.rowCount() >= 1
    assert not products.findChildren(ProductEditor)
    products.view.setFocus()
    products.view.setCurrentIndex(products.model.index(0, 0))
    qtbot.keyClick(products.view, Qt.Key.Key_Return)  # Enter on a row: change it
    editors = products.findChildren(ProductEditor)
    assert editors and editors[-1].sku.text() == products.model.product(0).sku
    editors[-1].reject()
    qtbot.keyClick(products.view, Qt.Key.Key_Delete)  # Delete on the list asks first
    box = products.findChild(QMessageBox, "confirmDelete")
    assert box is not None and box.isVisible()
    box.reject()


def test_an_import_that_stops_says_how_far_it_got(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: Any
) -> None:
    import sqlite3

    from pos_app.ui.products import importing as product_import

    monkeypatch.setattr(product_import, "WRITE_SLICE", 2)
    catalog = window.rt.ledger.catalog
    real_upsert = catalog.upsert
    calls: list[int] = []

    def failing_upsert(products: list[Product], columns: Any = None) -> None:
        calls.append(len(products))
        if len(calls) == 2:
            raise sqlite3.OperationalError("database or disk is full")
        real_upsert(products, columns)

    monkeypatch.setattr(catalog, "upsert", failing_upsert)
    csv_file = tmp_path / "lista.csv"
    csv_file.write_text(GOOD_AND_BAD_CSV, encoding="utf-8")
    products = window.open_products()
    preview = products.preview_import(csv_file)
    qtbot.waitUntil(lambda: preview.plan is not None, timeout=WAIT)
    before = catalog.count()
    qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "stopped after 2 products" in preview.summary.text(), timeout=WAIT)
    assert "disk is full" in preview.summary.text() and preview.isVisible()
    assert catalog.count() == before + 2


def test_a_product_sold_by_weight_is_made_edited_and_exported_as_such(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    """The editor offers "by weight"; changing the SKU or price of a weighed product keeps it
    weighed (it used to become a per-unit product), and the export round-trips it."""
    products = window.open_products()
    qtbot.waitExposed(products)
    editor = products.add_product()
    fill(qtbot, editor, title="Queso cremoso", sku="QUE1", barcode="", price="9.800")
    editor.unit.setCurrentIndex(editor.unit.findData("kg"))
    assert editor.save()
    catalog = window.rt.ledger.catalog
    cheese = catalog.get("QUE1")
    assert cheese is not None and cheese.is_measured and cheese.sale_unit.value == "kg"
    assert products.selected() == cheese
    editor = products.edit_selected()
    assert editor is not None and editor.unit.currentData() == "kg"  # shown as it is
    fill(qtbot, editor, sku="QUE2", price="10.200")
    assert editor.save()
    assert catalog.get("QUE1") is None
    moved = catalog.get("QUE2")
    assert moved is not None and moved.sale_unit.value == "kg"
    assert moved.unit_price == Decimal("10200")
    out = tmp_path / "export.csv"
    products.export_to(out)
    row = next(r for r in out.read_text(encoding="utf-8-sig").splitlines() if r.startswith("QUE2,"))
    assert ",kg," in row  # the import reads it back as sold by kg


def test_the_preview_refuses_a_repeated_sku_like_the_import_and_says_the_encoding(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    """The window's import keeps the first line of a repeated SKU or barcode, as
    ``pos-app catalog import`` does (it used to write both, the last one winning), and a file
    read as Windows-1252 says so above the lines."""
    csv_file = tmp_path / "repetido.csv"
    csv_file.write_bytes(
        (
            "sku,barcode,title,unit_price,category,unit_measure,iva_rate\n"
            "R1,7790000000111,Café molido,1500,,unit,0\n"
            "R1,,Otra cosa,4,,unit,0\n"
            "R2,7790000000111,Mismo código,5,,unit,0\n"
            "R3,,Té,7,,unit,0\n"
        ).encode("cp1252")
    )
    products = window.open_products()
    qtbot.waitExposed(products)
    preview = products.preview_import(csv_file)
    qtbot.waitUntil(lambda: preview.plan is not None, timeout=WAIT)
    assert [p.sku for p in preview.plan.products] == ["R1", "R3"]  # type: ignore[union-attr]
    refused = [preview.errors.item(i).text() for i in range(preview.errors.count())]
    assert refused == [
        "Line 3: sku 'R1' repeats line 2 (line 2 kept)",
        "Line 4: barcode '7790000000111' repeats line 2 (line 2 kept)",
    ]
    assert "The file is not UTF-8: read as Windows-1252 (cp1252)" in preview.summary.text()
    qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.rt.ledger.catalog.get("R3") is not None, timeout=WAIT)
    assert window.rt.ledger.catalog.get("R1").title == "Café molido"  # type: ignore[union-attr]
