"""The cart model: Qt's model contract (qtmodeltester), roles, and precise dataChanged."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from pos_app.domain.cart import CartLine, UnitMeasure
from pos_app.domain.money import site_for
from pos_app.domain.validation import ValidationError
from pos_app.ui.counter.cart_model import (
    COL_LINE_TOTAL,
    COL_QUANTITY,
    COL_TITLE,
    COL_UNIT_PRICE,
    AmountRole,
    CartLockedError,
    CartTableModel,
    LineRole,
    QuantityRole,
)

pytestmark = pytest.mark.gui

ARS = site_for("MLA")
YERBA = CartLine(sku="ALM001", title="Yerba mate Playadito 1 kg", unit_price=Decimal("4890.00"))
QUESO = CartLine(
    sku="FIA001",
    title="Queso cremoso 250 g",
    unit_price=Decimal("3125.00"),
    unit_measure=UnitMeasure.PACK,
)


@pytest.fixture
def model(qapp: object) -> CartTableModel:
    return CartTableModel(ARS)


def test_model_passes_qt_model_tester(model: CartTableModel, qtmodeltester: object) -> None:
    model.add_line(YERBA)
    model.add_line(QUESO)
    model.add_line(YERBA)
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]
    model.change_quantity(1, +3)
    model.remove_row(0)
    model.set_locked(True)
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]


def test_roles_give_domain_values_and_display_is_only_for_people(model: CartTableModel) -> None:
    model.add_line(YERBA)
    model.add_line(YERBA)
    price = model.index(0, COL_UNIT_PRICE)
    total = model.index(0, COL_LINE_TOTAL)
    assert model.rowCount() == 1
    assert price.data(AmountRole) == Decimal("4890.00")
    assert total.data(AmountRole) == Decimal("9780.00")
    assert model.index(0, COL_TITLE).data(QuantityRole) == 2
    assert model.index(0, COL_TITLE).data(LineRole).sku == "ALM001"
    assert total.data(Qt.ItemDataRole.DisplayRole) == "$ 9.780,00"
    assert model.total() == Decimal("9780.00")
    assert model.item_count() == 2


def test_quantity_edit_changes_only_quantity_and_total_cells(model: CartTableModel) -> None:
    model.add_line(YERBA)
    model.add_line(QUESO)
    seen: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(
        lambda tl, br, _roles: seen.append((tl.row(), tl.column(), br.row(), br.column()))
    )
    totals: list[bool] = []
    model.totalsChanged.connect(lambda: totals.append(True))

    assert model.setData(model.index(1, COL_QUANTITY), 4, Qt.ItemDataRole.EditRole)

    assert seen == [(1, COL_QUANTITY, 1, COL_LINE_TOTAL)]
    assert totals
    assert model.line_at(1).quantity == 4
    assert model.total() == Decimal("4890.00") + 4 * Decimal("3125.00")
    # Out of range and non-numbers are refused without touching the cart.
    assert not model.setData(model.index(1, COL_QUANTITY), 0, Qt.ItemDataRole.EditRole)
    assert not model.setData(model.index(1, COL_QUANTITY), 10_000, Qt.ItemDataRole.EditRole)
    assert not model.setData(model.index(1, COL_TITLE), "x", Qt.ItemDataRole.EditRole)
    assert model.line_at(1).quantity == 4


def test_plus_minus_clamp_and_only_quantity_column_is_editable(model: CartTableModel) -> None:
    model.add_line(YERBA)
    model.change_quantity(0, -1)
    assert model.line_at(0).quantity == 1
    editable = Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(0, COL_QUANTITY)) & editable
    assert not model.flags(model.index(0, COL_TITLE)) & editable


def test_locked_cart_refuses_every_change(model: CartTableModel) -> None:
    model.add_line(YERBA)
    model.set_locked(True)
    assert not model.flags(model.index(0, COL_QUANTITY)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(0, COL_QUANTITY), 3, Qt.ItemDataRole.EditRole)
    for change in (
        lambda: model.add_line(QUESO),
        lambda: model.change_quantity(0, 1),
        lambda: model.remove_row(0),
    ):
        with pytest.raises(CartLockedError):
            change()
    assert model.lines() == (YERBA,)
    model.clear()
    assert not model.locked and model.is_empty()


def test_invalid_line_is_refused_without_inserting_a_row(model: CartTableModel) -> None:
    inserted: list[int] = []
    model.rowsInserted.connect(lambda _parent, first, _last: inserted.append(first))
    with pytest.raises(ValidationError):
        model.add_line(CartLine(sku="X", title="Too precise", unit_price=Decimal("1.234")))
    assert inserted == [] and model.rowCount() == 0
