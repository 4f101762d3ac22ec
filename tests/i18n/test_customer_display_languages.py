"""The customer display in every shipped language and in Colombia (IVA): each state translated,
nothing cut, the amounts in the country's writing.

Screenshots: ``artifacts/screenshots/customer_display_<lang>_<site>_<state>.png`` for the states
idle, cart, charging_static, charging_dynamic, rejected and paid.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_app.domain.money import format_money_unbroken
from pos_app.sandbox.state import SandboxState
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.sale_banner import BannerKind
from pos_app.ui.display.customer_display import (
    PAGE_CART,
    PAGE_CHARGE,
    PAGE_IDLE,
    PAGE_PAID,
    QR_MIN_PX,
    CustomerDisplay,
)
from tests.i18n.test_translated_windows import clipped, english_leftovers
from tests.ui.brisk import brisk
from tests.ui.conftest import settle
from tests.ui.test_customer_display import emvco
from tests.ui.test_ui_charging import banner_is, charge, fill_cart

pytestmark = pytest.mark.gui

WAIT = 15_000
CASES = [
    ("en", "MLA"),
    ("es", "MLA"),
    ("pt_BR", "MLB"),
    ("en", "MCO"),
    ("es", "MCO"),
]
CODES = {
    "MLA": ("7790580001018", "FIA001", "7790580001094"),
    "MLB": ("7790580001018", "FIA001", "7790580001094"),
    # Gaseosa (IVA 19 %), café (5 %), huevos (exento)
    "MCO": ("7702001000241", "7702001000159", "7702001000012"),
}
WANT = {
    "en": ("Welcome! Your purchase will appear here.", "To pay", "Paid — thank you!"),
    "es": ("¡Bienvenido! Aquí verá su compra.", "A pagar", "Pagado — ¡gracias!"),
    "pt_BR": ("Bem-vindo! Sua compra aparecerá aqui.", "A pagar", "Pago — obrigado!"),
}
# The display's size on a 10" tablet beside the till, and on a full HD monitor.
SIZES = {"MLA": (1024, 600), "MLB": (1280, 800), "MCO": (1920, 1080)}


@pytest.fixture
def site() -> str:
    return "MLA"


@pytest.fixture
def sandbox_state(site: str) -> SandboxState:
    return SandboxState.seeded(site)


@pytest.fixture
def display(window: MainWindow, qtbot: QtBot, site: str) -> Iterator[CustomerDisplay]:
    shown = CustomerDisplay(window.rt.site)
    shown.follow(window.model, window.bridge, window.rt.config.box_external_id)
    shown.set_shop(window.rt.config.store_name, "")
    shown.resize(*SIZES[site])
    shown.show()
    qtbot.waitExposed(shown)
    window.activateWindow()  # the offscreen platform activates every window shown
    brisk(window.rt.engine)
    yield shown
    shown.close()
    shown.deleteLater()


@pytest.mark.parametrize(("lang", "site"), CASES, ids=[f"{lang}-{site}" for lang, site in CASES])
def test_every_state_of_the_customer_display(
    window: MainWindow,
    display: CustomerDisplay,
    qtbot: QtBot,
    control: Any,
    screenshot: Any,
    lang: str,
    site: str,
) -> None:
    welcome, to_pay, paid = WANT[lang]
    problems: list[str] = []

    def shot(state: str) -> None:
        settle()
        screenshot(display, f"customer_display_{lang}_{site}_{state}")
        problems.extend(f"{state}: clipped: {t}" for t in clipped(display))
        if lang != "en":
            problems.extend(f"{state}: English: {t}" for t in english_leftovers(display, lang))

    assert display.page == PAGE_IDLE
    assert display.welcome.text() == welcome
    shot("idle")

    fill_cart(window, *CODES[site])
    window.cart_view.select_row(1)
    window.cart_view.change_selected(+1)
    assert display.page == PAGE_CART
    assert display.total.text() == window.totals.total.text()
    if site == "MCO":
        assert display.iva.isVisible()
        iva = format_money_unbroken(window.model.cart.iva_total(), window.rt.site)
        assert display.iva.text().endswith(iva)
    else:
        assert not display.iva.isVisible()
    shot("cart")

    charge(qtbot, window)
    qtbot.waitUntil(lambda: display.page == PAGE_CHARGE and not display.notice.isVisible())
    assert display.amount_caption.text() == to_pay
    assert display.amount.text() == window.payment.amount.text()
    shot("charging_static")

    expires = datetime.now(UTC) + timedelta(minutes=2, seconds=30)
    display.show_dynamic_qr(emvco(amount=str(window.model.total())), expires)
    assert display.qr_side >= QR_MIN_PX
    shot("charging_dynamic")
    display.clear_dynamic_qr()

    control.pay("rejected")
    qtbot.waitUntil(banner_is(window, BannerKind.REJECTED), timeout=WAIT)
    assert display.notice.isVisible()
    shot("rejected")

    control.pay()
    qtbot.waitUntil(lambda: display.page == PAGE_PAID, timeout=WAIT)
    assert display.paid_text.text() == paid
    shot("paid")
    assert not problems, "\n".join(dict.fromkeys(problems))
