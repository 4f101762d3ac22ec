"""The customer's display on a small screen: every cell whole (the quantity "1 pack" showed
"1" with "pack" cut off at 1024 x 600, the type re-sized after the columns were measured)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.display.customer_display import CustomerDisplay
from tests.i18n.texts import visible_texts
from tests.ui.conftest import settle
from tests.ui.test_ui_charging import fill_cart

pytestmark = pytest.mark.gui


@pytest.fixture
def display(window: MainWindow, qtbot: QtBot) -> Iterator[CustomerDisplay]:
    shown = CustomerDisplay(window.rt.site)
    shown.follow(window.model, window.bridge, window.rt.config.box_external_id)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.close()
    shown.deleteLater()


@pytest.mark.parametrize("size", [(1024, 600), (800, 480), (1366, 768), (1920, 1080)])
def test_every_cell_of_the_cart_is_whole(
    window: MainWindow, display: CustomerDisplay, qtbot: QtBot, screenshot: Any, size: Any
) -> None:
    display.resize(*size)  # the type is sized for the screen before the cart fills
    qtbot.waitUntil(lambda: (display.width(), display.height()) == size, timeout=3000)
    fill_cart(window, "7790580001018", "FIA001")  # "1 pack": the widest quantity
    settle()
    screenshot(display, f"customer_display_cart_{size[0]}x{size[1]}")
    cut = [str(s) for s in visible_texts(display) if s.clipped]
    assert not cut, "\n".join(cut)


LONG_NAMES = (
    "Galletitas de agua sin sal agregada paquete familiar 3 x 100 g",
    "Yerba mate",
    "Queso cremoso (por kg)",
    "Leche entera larga vida 1 l",
    "Café molido 500 g",
    "Arroz largo fino 1 kg",
)


@pytest.mark.parametrize("size", [(800, 480), (1280, 800), (1080, 1920)])
def test_long_names_wrap_whole(qtbot: QtBot, screenshot: Any, size: Any) -> None:
    """A long name wraps onto as many lines as it needs: the rows were measured before the
    name's column took its final width, so at 1080 x 1920 "Café molido 500 g" showed
    "Café molido 5…" and the biscuits "paquete famili…" once a discount or a weight
    widened the other columns."""
    from decimal import Decimal

    from PySide6.QtCore import QObject, QRect, Qt, Signal
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QStyle

    from pos_app.domain.cart import CartLine
    from pos_app.domain.money import site_for
    from pos_app.domain.pricing import Discount, DiscountKind, SaleUnit
    from pos_app.ui.counter.cart_model import CartTableModel

    class Bridge(QObject):
        saleChanged = Signal(object)

    site = site_for("MCO")
    model = CartTableModel(site)
    shown = CustomerDisplay(site)
    qtbot.addWidget(shown)
    shown.follow(model, Bridge(), "BOX1")  # type: ignore[arg-type]
    shown.resize(*size)
    shown.show()
    qtbot.waitExposed(shown)
    for i, name in enumerate(LONG_NAMES):
        kind: dict[str, Any] = {}
        if i == 1:  # a discount beside its price: the price column widens, names narrow
            kind = {"discount": Discount(DiscountKind.PERCENT, Decimal(10)), "quantity": 3}
        if i == 2:  # weighed: "0,350 kg" widens the quantity column
            kind = {"sale_unit": SaleUnit.KG, "measure": Decimal("0.350")}
        model.add_line(CartLine(f"S{i}", name, Decimal(1234567 // (i + 1)), **kind))
    settle()
    screenshot(shown, f"customer_display_long_names_{size[0]}x{size[1]}")
    lines = shown.lines
    metrics = QFontMetrics(lines.font())
    margin = lines.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, lines) + 1
    short = []
    for row, name in enumerate(LONG_NAMES):
        cell = lines.visualRect(model.index(row, 0))
        # The text's room: the cell less the style sheet's padding (14 px a side) and the
        # style's text margin (as QCommonStyle lays an item's text out).
        room = QRect(0, 0, cell.width() - 2 * 14 - 2 * margin, 10_000)
        wrapped = metrics.boundingRect(room, Qt.TextFlag.TextWordWrap, name)
        if wrapped.height() > cell.height() or wrapped.width() > room.width():
            short.append((name, cell.size(), wrapped.size()))
    assert not short, short


@pytest.mark.parametrize("size", [(800, 480), (1280, 800)])
def test_the_customer_sees_the_discounts_in_the_total(
    qtbot: QtBot, screenshot: Any, size: Any
) -> None:
    """A sale discount (F8) took money off the total with nothing on the display saying so:
    the customer's lines added up to more than the total. Below 700 px a line's "−10 %" (in
    the unit price column, left out there) was not shown either. Now "Discounts: −$ …"."""
    from decimal import Decimal

    from PySide6.QtCore import QObject, Signal

    from pos_app.domain.cart import CartLine
    from pos_app.domain.money import format_money_unbroken, site_for
    from pos_app.domain.pricing import Discount, DiscountKind
    from pos_app.ui.counter.cart_model import CartTableModel

    class Bridge(QObject):
        saleChanged = Signal(object)

    site = site_for("MLA")
    model = CartTableModel(site)
    shown = CustomerDisplay(site)
    qtbot.addWidget(shown)
    shown.follow(model, Bridge(), "BOX1")  # type: ignore[arg-type]
    shown.resize(*size)
    shown.show()
    qtbot.waitExposed(shown)
    model.add_line(CartLine("S1", "Yerba mate 1 kg", Decimal("4500.00"), quantity=2))
    assert not shown.discount.isVisible()
    model.set_line_discount(0, Discount(DiscountKind.PERCENT, Decimal(10), "vecina"))
    assert shown.discount.isVisible()
    assert shown.discount.text() == "Discounts: −\u2060" + format_money_unbroken(
        Decimal("900.00"), site
    )
    model.set_sale_discount(Discount(DiscountKind.AMOUNT, Decimal("100.00"), "jubilado"))
    assert shown.discount.text() == "Discounts: −\u2060" + format_money_unbroken(
        Decimal("1000.00"), site
    )
    assert "jubilado" not in shown.discount.text()  # the cashier's reason stays at the counter
    settle()
    screenshot(shown, f"customer_display_discounts_{size[0]}x{size[1]}")
    cut = [str(s) for s in visible_texts(shown) if s.clipped]
    assert not cut, cut
    model.set_sale_discount(None)
    model.set_line_discount(0, None)
    assert not shown.discount.isVisible()


@pytest.mark.parametrize("size", [(1024, 600), (1280, 800), (1920, 1080)])
def test_the_names_keep_a_third_of_the_width(qtbot: QtBot, screenshot: Any, size: Any) -> None:
    """Prices in the millions and a discount beside one ("$ 617.283,00  −10 %") made the unit
    price column 450 px wide at 1280 x 800: the names had 230 px and wrapped three lines deep
    ("Café / molido 500 / g"). When the names would get less than a third of the table, the
    unit price column is left out (the line's total stays; the discounts are said below the
    total)."""
    from decimal import Decimal

    from PySide6.QtCore import QObject, Signal

    from pos_app.domain.cart import CartLine
    from pos_app.domain.money import site_for
    from pos_app.domain.pricing import Discount, DiscountKind
    from pos_app.ui.counter.cart_model import COL_TITLE, COL_UNIT_PRICE, CartTableModel

    class Bridge(QObject):
        saleChanged = Signal(object)

    site = site_for("MLA")
    model = CartTableModel(site)
    shown = CustomerDisplay(site)
    qtbot.addWidget(shown)
    shown.follow(model, Bridge(), "BOX1")  # type: ignore[arg-type]
    shown.resize(*size)
    shown.show()
    qtbot.waitExposed(shown)
    model.add_line(CartLine("S0", "Café molido 500 g", Decimal("176366.00")))
    settle()
    assert not shown.lines.isColumnHidden(COL_UNIT_PRICE)  # room enough: the price is shown
    discount = Discount(DiscountKind.PERCENT, Decimal(10))
    model.add_line(
        CartLine("S1", "Aceite de girasol 1,5 l", Decimal("617283.00"), 3, discount=discount)
    )
    settle()
    screenshot(shown, f"customer_display_names_third_{size[0]}x{size[1]}")
    names = shown.lines.columnWidth(COL_TITLE)
    assert names >= shown.lines.viewport().width() // 3, (names, shown.lines.viewport().width())
