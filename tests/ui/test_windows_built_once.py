"""Windows and dialogs are built without needless re-styling (issue 19, "fast and never frozen").

The app has a stylesheet, and moving a widget into a new parent re-styles its whole subtree (a
StyleChange event to every descendant). A part built loose and then moved into a container that
is itself moved later is re-styled once per move; a table whose header sizes its columns to their
contents measures every row again on each of them. These tests count what was done while a
window was built; none of them measures time (``tests/benchmarks/dialogs_bench.py`` does).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from pos_app.app import demo_catalog_path
from pos_app.domain.money import site_for
from pos_app.ledger.store import Ledger
from pos_app.ui.qtkit.style import apply_stylesheet

pytestmark = pytest.mark.gui

ARS = site_for("MLA")


class StyleChanges(QObject):
    """Every widget that received a StyleChange, once per event. The objects themselves, not
    their ids: Qt's own widgets get a short-lived Python wrapper per event, and a widget made
    later may be given a freed wrapper's id."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[QObject] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.StyleChange:
            self.seen.append(watched)
        return False

    def count(self, widget: QObject) -> int:
        return sum(1 for seen in self.seen if seen is widget)


def style_changes_while(build: Callable[[], QWidget]) -> tuple[QWidget, StyleChanges]:
    """Build with the filter installed (after the app and its stylesheet exist)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if not app.styleSheet():
        apply_stylesheet(app)  # the counts are about the app's stylesheet
    changes = StyleChanges()
    app.installEventFilter(changes)
    try:
        widget = build()
    finally:
        app.removeEventFilter(changes)
    return widget, changes


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    led = Ledger(tmp_path / "ledger.sqlite3")
    yield led
    led.close()


# == products ======================================================================================
def test_the_products_list_measures_no_row_while_the_window_is_built(
    ledger: Ledger, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list's header sizes its columns to their contents: every re-style of it asked each
    of the first 200 products for its texts again. Built loose and moved into the window with
    its rows, the list was measured five times before it was even shown (0.34 s of the
    window's opening with a 500-product catalog); it gets its rows once it is in place."""
    from pos_app.ui.products.window import ProductsModel, ProductsWindow

    ledger.catalog.import_csv(demo_catalog_path(), ARS)
    asked: list[int] = []
    data = ProductsModel.data

    def counting(self: ProductsModel, index: Any, role: int = 0) -> Any:
        asked.append(role)
        return data(self, index, role)

    monkeypatch.setattr(ProductsModel, "data", counting)
    window = ProductsWindow(ledger.catalog, ARS)
    qtbot.addWidget(window)
    assert window.model.rowCount() > 40  # the rows are there...
    assert asked == []  # ...and nobody measured them yet
    # Shown, the list is measured and sized as before.
    window.show()
    qtbot.waitExposed(window)
    assert asked
    header = window.view.horizontalHeader()
    assert header.sectionResizeMode(0) == header.ResizeMode.Stretch
    assert header.sectionResizeMode(1) == header.ResizeMode.ResizeToContents


def test_the_products_list_answers_what_it_does_not_show_without_reading_a_product(
    ledger: Ledger,
) -> None:
    """Sizing a column asks every row for about eight roles, of which the list answers three;
    the others are answered first, before any product is looked up (a third of the time)."""
    from pos_app.ui.products.window import ProductsModel

    ledger.catalog.import_csv(demo_catalog_path(), ARS)
    model = ProductsModel(ledger.catalog, ARS)

    class Rows(list[Any]):
        read = 0

        def __getitem__(self, key: Any) -> Any:
            Rows.read += 1
            return super().__getitem__(key)

    model._rows = Rows(model._rows)
    index = model.index(0, 3)  # the price
    for role in (
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.CheckStateRole,
        Qt.ItemDataRole.SizeHintRole,
    ):
        assert model.data(index, role) is None
    assert Rows.read == 0
    # What it shows is unchanged.
    assert model.data(index, Qt.ItemDataRole.DisplayRole) == model.data(
        index, Qt.ItemDataRole.ToolTipRole
    )
    assert model.data(index, Qt.ItemDataRole.DisplayRole).startswith("$")
    assert model.data(index, Qt.ItemDataRole.TextAlignmentRole) == int(
        (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value
    )
    assert model.data(model.index(0, 0), Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.data(QModelIndex(), Qt.ItemDataRole.DisplayRole) is None
