"""Every state of the customer display on landscape and portrait screens, in every language:
the window keeps the screen's size, every widget of the page on show lies inside it, no text
is cut, a QR on show is whole and at least QR_MIN_PX a side.

On a turned screen (768 x 1024, 600 x 1024, 1080 x 1920) the type followed the narrow width
alone: at 1080 x 1920 the cart's lines were 32 px high on a screen of white (51 px on the same
screen unturned), and at 768 x 1024 the unit price column left the names a third of the width,
a word a line. Now a turned screen gets the type of the same screen unturned, the names keep
half the width, and the charge's amount and QR share the height.

Screenshots: ``artifacts/screenshots/customer_display_layout_<lang>_<w>x<h>_<state>.png``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QStyle, QWidget
from pytestqt.qtbot import QtBot

from pos_app.checkout.events import SaleChanged
from pos_app.domain.cart import CartLine
from pos_app.domain.money import site_for
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.ui.counter.cart_model import COL_TITLE, CartTableModel
from pos_app.ui.display.customer_display import (
    CELL_PAD,
    PAGE_CART,
    PAGE_CASH,
    PAGE_CHARGE,
    PAGE_IDLE,
    PAGE_PAID,
    QR_MIN_PX,
    CustomerDisplay,
)
from tests.i18n.test_translated_windows import clipped, english_leftovers
from tests.ui.conftest import settle
from tests.ui.test_customer_display_qr_fits import orders_api_qr

pytestmark = pytest.mark.gui

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
LANDSCAPE = [(1024, 600), (1280, 800), (1920, 1080)]
PORTRAIT = [(768, 1024), (600, 1024), (1080, 1920)]
SITES = {"en": "MLA", "es": "MCO", "pt_BR": "MLB"}  # Colombia: the IVA line as well
NAMES = (
    "Yerba mate 1 kg",
    "Galletitas de agua sin sal agregada paquete familiar 3 x 100 g",
    "Leche entera larga vida 1 l",
    "Queso cremoso (por kg)",
    "Café molido 500 g",
    "Arroz largo fino 1 kg",
)


class Bridge(QObject):
    saleChanged = Signal(object)


def made(qtbot: QtBot, site_id: str, size: tuple[int, int]) -> CustomerDisplay:
    site = site_for(site_id)
    model = CartTableModel(site)
    display = CustomerDisplay(site, now=lambda: NOW)
    qtbot.addWidget(display)
    display.follow(model, Bridge(), "BOX1")  # type: ignore[arg-type]
    display.set_shop("Almacén Don Pepe", "")
    display.resize(*size)
    display.show()
    qtbot.waitExposed(display)
    return display


def fill(display: CustomerDisplay) -> CartTableModel:
    model = display.lines.model()
    assert isinstance(model, CartTableModel)
    for i, name in enumerate(NAMES):
        cents = Decimal("0.50") * (i % 2) if model.site.decimals else 0
        price = Decimal(123456 // (i + 1)) + cents
        model.add_line(CartLine(f"S{i}", name, price, quantity=1 + i % 3, iva_rate=Decimal(19)))
    return model


def sale_of(model: CartTableModel, site_id: str, reference: str, **changes: Any) -> SaleSnapshot:
    site = site_for(site_id)
    sale = SaleSnapshot(
        id=1,
        external_reference=reference,
        box_external_id="BOX1",
        site_id=site_id,
        currency=site.currency,
        status=SaleStatus.PENDING,
        total=model.total(),
        created_at=NOW,
        updated_at=NOW,
        expires_at=NOW + timedelta(minutes=5),
        lines=model.lines(),
        iva_total=model.cart.iva_total(),
    )
    return replace(sale, **changes)


def problems(display: CustomerDisplay, size: tuple[int, int], state: str, lang: str) -> list[str]:
    """What a customer would see wrong on the page on show."""
    found = []
    if (display.width(), display.height()) != size:
        found.append(f"the window is {display.width()} x {display.height()}, not {size}")
    window = display.rect()
    page = display.pages.currentWidget()
    for widget in page.findChildren(QWidget):
        if widget.isVisible() and widget.parent() is page:
            where = QRect(widget.mapTo(display, QPoint(0, 0)), widget.size())
            if not window.contains(where):
                found.append(f"{widget.objectName()} at {where.getRect()} is outside {size}")
    found += clipped(display)
    if lang != "en":
        found += [f"English: {t}" for t in english_leftovers(display, lang)]
    if display.qr_side:
        qr = display.qr
        if display.qr_side < QR_MIN_PX or qr.width() < display.qr_side:
            found.append(f"the QR is {display.qr_side} px in {qr.width()} x {qr.height()}")
    if display.page == PAGE_CART:
        found += short_names(display)
    return [f"{state}: {p}" for p in found]


def short_names(display: CustomerDisplay) -> list[str]:
    """Names on show with fewer lines than they need (a wrapped name cut short)."""
    lines = display.lines
    model = lines.model()
    metrics = QFontMetrics(lines.font())
    margin = lines.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, lines) + 1
    view = lines.viewport().rect()
    short = []
    for row in range(model.rowCount()):
        cell = lines.visualRect(model.index(row, COL_TITLE))
        if not view.contains(cell):
            continue  # scrolled away: the newest line is the one in view
        name = str(model.index(row, COL_TITLE).data())
        room = QRect(0, 0, cell.width() - 2 * CELL_PAD - 2 * margin, 10_000)
        wrapped = metrics.boundingRect(room, Qt.TextFlag.TextWordWrap, name)
        if wrapped.height() > cell.height() or wrapped.width() > room.width():
            short.append(f"the name {name!r} needs {wrapped.size()}, has {cell.size()}")
    return short


@pytest.mark.parametrize("lang", ["en", "es", "pt_BR"])
@pytest.mark.parametrize(
    "size", LANDSCAPE + PORTRAIT, ids=[f"{w}x{h}" for w, h in LANDSCAPE + PORTRAIT]
)
def test_every_state_fits_every_screen(
    qtbot: QtBot, screenshot: Any, lang: str, size: tuple[int, int]
) -> None:
    site_id = SITES[lang]
    display = made(qtbot, site_id, size)
    found: list[str] = []

    def look(state: str, page: int) -> None:
        settle()  # the rows measured again (a zero timer), the layouts done
        assert display.page == page, (state, display.page)
        screenshot(display, f"customer_display_layout_{lang}_{size[0]}x{size[1]}_{state}")
        found.extend(problems(display, size, state, lang))

    look("idle", PAGE_IDLE)
    model = fill(display)
    look("cart", PAGE_CART)
    model.set_locked(True)  # F5

    static = sale_of(model, site_id, "R1")
    display.sale_changed(SaleChanged(static, None, "charge"))
    look("waiting_static", PAGE_CHARGE)
    display.sale_changed(SaleChanged(replace(static, last_attempt_rejected=True), None, "poll"))
    look("rejected", PAGE_CHARGE)
    display.show_dynamic_qr(orders_api_qr(str(model.total())), NOW + timedelta(minutes=2))
    assert display.qr_side >= QR_MIN_PX
    look("waiting_dynamic_rejected", PAGE_CHARGE)
    expired = replace(static, status=SaleStatus.EXPIRED)
    display.sale_changed(SaleChanged(expired, SaleStatus.PENDING, "poll"))
    look("expired", PAGE_CART)

    orders = sale_of(model, site_id, "R2", api="orders", qr_data=orders_api_qr(str(model.total())))
    display.sale_changed(SaleChanged(orders, None, "charge"))
    assert display.qr_side >= QR_MIN_PX
    look("orders_api_dynamic", PAGE_CHARGE)
    display.cancel_chosen(False)
    look("canceling", PAGE_CHARGE)
    canceled = replace(orders, status=SaleStatus.CANCELED, cancel_requested=True)
    display.sale_changed(SaleChanged(canceled, SaleStatus.PENDING, "cancel"))
    look("canceled", PAGE_CART)

    cash = sale_of(model, site_id, "R3", api="orders", qr_data=orders_api_qr(str(model.total())))
    display.sale_changed(SaleChanged(cash, None, "charge"))
    display.cancel_chosen(True)
    assert display.qr_side == 0
    look("cash", PAGE_CASH)
    in_cash = replace(cash, status=SaleStatus.CANCELED, tender=Tender.CASH, cancel_requested=True)
    display.sale_changed(SaleChanged(in_cash, SaleStatus.PENDING, "cancel"))
    look("paid_in_cash", PAGE_PAID)

    paid = sale_of(model, site_id, "R4")  # the next customer's, over the confirmation
    display.sale_changed(SaleChanged(paid, None, "charge"))
    paid = replace(paid, status=SaleStatus.PAID, paid_amount=paid.total)
    display.sale_changed(SaleChanged(paid, SaleStatus.PENDING, "poll"))
    look("paid", PAGE_PAID)
    assert not found, "\n".join(dict.fromkeys(found))


def type_size(qtbot: QtBot, size: tuple[int, int]) -> dict[str, int]:
    display = made(qtbot, "MLA", size)
    fill(display)
    settle()
    labels = {
        label.objectName(): label.font().pixelSize()
        for label in display.findChildren(QLabel)
        if label.objectName() in ("cdCaption", "cdCount", "cdShopName", "cdInstruction")
    }
    return {"lines": display.lines.font().pixelSize(), **labels}


@pytest.mark.parametrize("size", [(1920, 1080), (1024, 640), (1280, 800)])
def test_a_turned_screen_gets_the_type_of_the_same_screen_unturned(
    qtbot: QtBot, size: tuple[int, int]
) -> None:
    """1080 x 1920 had the cart's lines 32 px high (the width alone decided): 51 px turned."""
    turned = (size[1], size[0])
    assert type_size(qtbot, turned) == type_size(qtbot, size)


@pytest.mark.parametrize("size", PORTRAIT, ids=[f"{w}x{h}" for w, h in PORTRAIT])
def test_on_a_turned_screen_the_names_keep_half_the_width(
    qtbot: QtBot, screenshot: Any, size: tuple[int, int]
) -> None:
    display = made(qtbot, "MLA", size)
    fill(display)
    settle()
    screenshot(display, f"customer_display_portrait_names_{size[0]}x{size[1]}")
    names = display.lines.columnWidth(COL_TITLE)
    assert names >= display.lines.viewport().width() // 2, (names, display.lines.viewport().width())


@pytest.mark.parametrize("size", PORTRAIT, ids=[f"{w}x{h}" for w, h in PORTRAIT])
def test_on_a_turned_screen_the_charge_shares_the_height(
    qtbot: QtBot, size: tuple[int, int]
) -> None:
    """The amount sat at the top and the QR (or "Scan the QR at the counter") in the middle,
    the height between them white: now what the page shows is in the middle, with as much
    room above as below."""
    display = made(qtbot, "MLA", size)
    model = fill(display)
    model.set_locked(True)
    for sale in (
        sale_of(model, "MLA", "R1"),
        sale_of(model, "MLA", "R2", api="orders", qr_data=orders_api_qr(str(model.total()))),
    ):
        display.sale_changed(SaleChanged(sale, None, "charge"))
        settle()
        shown = [
            w
            for w in display.pages.currentWidget().findChildren(QLabel)
            if w.isVisible() and (w.text() or w is display.qr)
        ]
        top = min(w.mapTo(display, QPoint(0, 0)).y() for w in shown)
        bottom = max(w.mapTo(display, QPoint(0, w.height())).y() for w in shown)
        above, below = top, display.height() - bottom
        assert abs(above - below) <= display.height() // 20, (sale.api, above, below)
