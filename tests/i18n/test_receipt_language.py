"""The receipt speaks the window's language.

Without Settings → Language the window follows the computer's language (Qt's system locale:
Windows' display language, a Mac's preferences), while receipts are made without Qt and read
the language from ``LANG`` and its kin, which Windows and a Mac's desktop do not set. A
Brazilian counter PC on Windows showed the window in Portuguese and previewed, printed and saved
its receipts in English ("SALE RECEIPT", "Paid with Mercado Pago (QR)").
"""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_app.sandbox.state import SandboxState
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.sale_banner import BannerKind
from tests.ui.test_ui_charging import WAIT, banner_is, charge, fill_cart

pytestmark = pytest.mark.gui

LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture
def sandbox_state() -> SandboxState:
    return SandboxState.seeded("MLB")


@pytest.fixture
def no_locale_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on Windows: no ``LANG`` at all; the window's language came from the system."""
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(
    ("lang", "title", "paid_with"),
    [
        ("pt_BR", "COMPROVANTE DE VENDA", "Pago com Mercado Pago (QR)"),
        ("es", "COMPROBANTE DE VENTA", "Pagado con Mercado Pago (QR)"),
    ],
)
def test_the_receipt_preview_speaks_the_windows_language(
    window: MainWindow,
    qtbot: QtBot,
    control: Any,
    no_locale_variables: None,
    lang: str,
    title: str,
    paid_with: str,
) -> None:
    assert window.rt.config.language == ""  # no choice in Settings: the system's language
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    control.pay("approved")
    qtbot.waitUntil(banner_is(window, BannerKind.PAID), timeout=WAIT)
    ref = window.current_sale.external_reference  # type: ignore[union-attr]
    preview = window.open_receipt(ref)
    assert preview is not None
    text = preview.view.toPlainText()
    assert title in text and paid_with in text, text
    assert "SALE RECEIPT" not in text
    assert "R$ 4.890,00" in text
    preview.close()


def test_settings_language_still_decides_the_receipt(
    window: MainWindow, qtbot: QtBot, control: Any, no_locale_variables: None
) -> None:
    """An English window (the default here) whose Settings say Portuguese prints Portuguese
    (a receipt made before a restart that applies the choice)."""
    window.rt.config = window.rt.config.with_changes(language="pt_BR")
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    control.pay("approved")
    qtbot.waitUntil(banner_is(window, BannerKind.PAID), timeout=WAIT)
    ref = window.current_sale.external_reference  # type: ignore[union-attr]
    preview = window.open_receipt(ref)
    assert preview is not None
    assert "COMPROVANTE DE VENDA" in preview.view.toPlainText()
    preview.close()
