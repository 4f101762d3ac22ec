"""The dynamic QR on the customer's display fits the screen it is on.

The QR was sized from 55 % of the window's height whatever else the page showed, and never under
300 px: with the IVA line (Colombia) or "The payment was rejected, you can try again" above it,
the page needed more height than the screen had, so the window grew past the screen (800 x 480
became 800 x 598, 1024 x 600 became 1024 x 748, 1920 x 1080 became 1920 x 1246): full screen,
the countdown and the bottom of the QR were off the screen. Now the QR takes what the texts
leave, the window keeps the screen's size, and the QR is whole and at least QR_MIN_PX a side.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QObject, QRect, Signal
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from pos_app.checkout.events import SaleChanged
from pos_app.domain.cart import CartLine
from pos_app.domain.money import site_for
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus
from pos_app.sandbox.emv import order_qr_text
from pos_app.ui.counter.cart_model import CartTableModel
from pos_app.ui.display.customer_display import PAGE_CHARGE, QR_MIN_PX, CustomerDisplay
from tests.i18n.texts import visible_texts
from tests.ui.conftest import settle
from tests.ui.test_customer_display import emvco

pytestmark = pytest.mark.gui

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
SIZES = [(800, 480), (1024, 600), (1280, 800), (1920, 1080), (1080, 1920)]


class Bridge(QObject):
    saleChanged = Signal(object)


def test_qr_is_at_least_240_px() -> None:
    assert QR_MIN_PX >= 240


def orders_api_qr(amount: str) -> str:
    """As long as an Orders API order's QR (a 26-character order id, twice): more modules."""
    return order_qr_text(
        user_id=123456789,
        order_id="ORD01JD5X7Q8W9E0R1T2Y3U4I5O",
        amount=amount,
        currency_numeric="170",
        country_id="CO",
        merchant_name="Almacén Don Pepe Sucursal",
        city="Bogotá",
    )


@pytest.mark.parametrize("long_qr", [False, True], ids=["short_qr", "orders_api_qr"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_dynamic_qr_fits_every_screen(
    qtbot: QtBot, screenshot: Any, size: Any, long_qr: bool
) -> None:
    site = site_for("MCO")  # the IVA line: one more text above the QR
    model = CartTableModel(site)
    display = CustomerDisplay(site, now=lambda: NOW)
    qtbot.addWidget(display)
    display.follow(model, Bridge(), "BOX1")  # type: ignore[arg-type]
    display.resize(*size)
    display.show()
    qtbot.waitExposed(display)
    model.add_line(CartLine("S1", "Gaseosa 1,5 l", Decimal(1234567), iva_rate=Decimal(19)))
    sale = SaleSnapshot(
        id=1,
        external_reference="R1",
        box_external_id="BOX1",
        site_id="MCO",
        currency="COP",
        status=SaleStatus.PENDING,
        total=model.total(),
        created_at=NOW,
        updated_at=NOW,
        expires_at=NOW + timedelta(minutes=5),
        lines=model.lines(),
        iva_total=model.cart.iva_total(),
        api="orders",
        qr_data=(orders_api_qr if long_qr else emvco)(amount=str(model.total())),
    )
    display.sale_changed(SaleChanged(sale, None, "charge"))
    settle()
    # The customer's card is rejected: the notice comes above the QR already shown (it grew
    # the window before the QR was made smaller).
    sale = replace(sale, last_attempt_rejected=True)
    display.sale_changed(SaleChanged(sale, SaleStatus.PENDING, "poll"))
    assert display.page == PAGE_CHARGE
    settle()
    screenshot(display, f"customer_display_qr_{size[0]}x{size[1]}{'_long' if long_qr else ''}")
    assert (display.width(), display.height()) == size
    where = QRect(display.qr.mapTo(display, display.qr.rect().topLeft()), display.qr.size())
    assert display.rect().contains(where), where
    assert display.qr.width() >= display.qr_side and display.qr.height() >= display.qr_side
    assert display.qr_side >= QR_MIN_PX
    assert display.countdown.isVisible()
    countdown = display.countdown.mapTo(display, display.countdown.rect().bottomLeft())
    assert countdown.y() < display.height()
    cut = [str(s) for s in visible_texts(display) if s.clipped]
    assert not cut, cut
    # The amount is the largest text on the page.
    sizes = {
        label.objectName(): label.fontInfo().pixelSize()
        for label in display.findChildren(QLabel)
        if label.isVisible() and label.text()
    }
    assert max(sizes, key=lambda name: sizes[name]) == "cdAmount", sizes
    # Paid, the window keeps its size too (the big QR's pixmap no longer counts).
    display.sale_changed(SaleChanged(replace(sale, status=SaleStatus.PAID), None, "poll"))
    settle()
    assert (display.width(), display.height()) == size
    assert display.qr_side == 0


@pytest.mark.parametrize("size", [(404, 860), (573, 330)], ids=["demo_1600x900", "demo_1024x600"])
def test_a_small_window_shows_the_amount_and_the_qr_whole(
    qtbot: QtBot, screenshot: Any, size: Any
) -> None:
    """The demo puts the display in a small window beside the others (404 x 860 on a 1600 x 900
    screen, 573 x 330 on 1024 x 600): a total in the millions of pesos was cut ("$ 3.930.401,5")
    and the QR, kept at 240 px at least, ran off the window's bottom. The amount's type shrinks
    to the width; the QR takes the room there is (smaller, but whole: a cut QR scans never)."""
    site = site_for("MLA")
    model = CartTableModel(site)
    display = CustomerDisplay(site, now=lambda: NOW)
    qtbot.addWidget(display)
    display.follow(model, Bridge(), "BOX1")  # type: ignore[arg-type]
    display.resize(*size)
    display.show()
    qtbot.waitExposed(display)
    model.add_line(CartLine("S1", "Televisor 55 pulgadas", Decimal("3930401.56")))
    settle()
    cut = [str(s) for s in visible_texts(display) if s.clipped]
    assert not cut, cut
    sale = SaleSnapshot(
        id=1,
        external_reference="R1",
        box_external_id="BOX1",
        site_id="MLA",
        currency="ARS",
        status=SaleStatus.PENDING,
        total=model.total(),
        created_at=NOW,
        updated_at=NOW,
        expires_at=NOW + timedelta(minutes=5),
        lines=model.lines(),
        api="orders",
        qr_data=orders_api_qr(str(model.total())),
        last_attempt_rejected=True,
    )
    display.sale_changed(SaleChanged(sale, None, "charge"))
    settle()
    screenshot(display, f"customer_display_small_window_{size[0]}x{size[1]}")
    assert (display.width(), display.height()) == size
    cut = [str(s) for s in visible_texts(display) if s.clipped]
    assert not cut, cut
    where = QRect(display.qr.mapTo(display, display.qr.rect().topLeft()), display.qr.size())
    assert display.qr_side > 0 and display.rect().contains(where), where
