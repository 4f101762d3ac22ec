"""The receipt's content: every item, the total, the IVA by rate, how it was paid, the footer,
in each shipped language; laid out in 32 and 48 columns without cutting anything."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from pos_app.domain.cart import Cart
from pos_app.domain.money import site_for
from pos_app.domain.sale import Tender
from pos_app.receipts import layout
from pos_app.receipts.language import receipt_language, translator
from pos_app.receipts.model import RefundInfo, refund_receipt, sale_receipt
from tests.receipts.conftest import AT, COL_LINES, SHOP, make_sale

# What must be on each receipt, per language: (title, total label, QR payment, footer).
WORDS = {
    "en": ("SALE RECEIPT", "TOTAL", "Paid with Mercado Pago (QR)", "This is not a fiscal invoice."),
    "es": (
        "COMPROBANTE DE VENTA",
        "TOTAL",
        "Pagado con Mercado Pago (QR)",
        "Documento no válido como factura.",
    ),
    "pt_BR": (
        "COMPROVANTE DE VENDA",
        "TOTAL",
        "Pago com Mercado Pago (QR)",
        "Não é documento fiscal.",
    ),
}


@pytest.mark.parametrize("language", sorted(WORDS))
def test_a_paid_sale_receipt_has_everything_in_the_shops_language(arg_sale, language):
    texts = sale_receipt(arg_sale, site_for("MLA"), SHOP).texts(translator(language))
    title, total, paid, footer = WORDS[language]
    assert texts.title == title
    assert texts.shop_lines == (
        "Almacén Don José",
        "Av. Corrientes 1234, CABA",
        "CUIT 20-12345678-9",
    )
    values = dict(texts.info)
    assert "CAJA01_000042_AB12" in values.values()
    assert "Sucursal Centro" in values.values() and "Caja 1" in values.values()
    assert AT.astimezone().strftime("%d/%m/%Y %H:%M") in values.values()
    assert texts.items == (
        ("Yerba mate Playadito 1 kg", "2 × $ 4.500,00", "$ 9.000,00"),
        ("Alfajor Havanna", "1 × $ 1.250,50", "$ 1.250,50"),
    )
    assert texts.totals == ((total, "$ 10.250,50"),)
    assert texts.taxes == ()  # Argentina: no IVA breakdown on this receipt
    assert texts.payment[0] == paid
    assert texts.payment[1].endswith(" 1234567890")
    assert texts.footer == ("¡Gracias por su compra!", footer)


def test_a_cash_sale_says_cash():
    sale = make_sale("MLA", COL_LINES[:1], tender=Tender.CASH)
    texts = sale_receipt(sale, site_for("MLA"), SHOP).texts(translator("es"))
    assert texts.payment == ("Pagado en efectivo",)


def test_colombia_breaks_the_iva_down_by_rate_as_the_order_reported_it(col_sale):
    site = site_for("MCO")
    texts = sale_receipt(col_sale, site, SHOP).texts(translator("es"))
    cart = Cart(site)
    cart.restore(list(COL_LINES))
    (r19, a19), (r5, a5) = cart.iva_by_rate()
    assert (r19, r5) == (Decimal(19), Decimal(5))
    assert a19 + a5 == cart.iva_total() == Decimal(4291)  # 15600·19/119 + 37800·5/105
    assert texts.taxes == (
        ("IVA 19 % incluido", "$ 2.491"),
        ("IVA 5 % incluido", "$ 1.800"),
        ("Total IVA incluido", "$ 4.291"),
    )
    assert texts.totals == (("TOTAL", "$ 59.800"),)
    assert ("Pan tajado", "1 × $ 6.400", "$ 6.400") in texts.items


def test_a_refund_ticket_names_the_original_sale(arg_sale):
    refund = RefundInfo(Decimal("1250.50"), datetime(2026, 12, 2, 10, 0, tzinfo=UTC), "998877")
    texts = refund_receipt(arg_sale, site_for("MLA"), SHOP, refund).texts(translator("pt_BR"))
    assert texts.title == "COMPROVANTE DE DEVOLUÇÃO"
    info = dict(texts.info)
    assert info["Venda original"] == "CAJA01_000042_AB12"
    assert info["Vendido em"] == AT.astimezone().strftime("%d/%m/%Y %H:%M")
    assert texts.totals == (("DEVOLVIDO", "$ 1.250,50"),)
    assert texts.payment == ("Devolvido pelo Mercado Pago", "Devolução 998877")
    assert texts.footer[-1] == "Não é documento fiscal."


@pytest.mark.parametrize("width", [32, 48])
def test_the_layout_never_overflows_nor_cuts_an_amount(col_sale, width):
    long = make_sale(
        "MCO",
        (
            COL_LINES[0].__class__(
                "X",
                "Producto con un nombre larguísimo que no cabe en una línea",
                Decimal("123456789"),
                9999,
            ),
        ),
    )
    for sale in (col_sale, long):
        texts = sale_receipt(sale, site_for("MCO"), SHOP).texts(translator("es"))
        lines = layout.layout(texts, width)
        for line in lines:
            assert len(line.text) <= (width // 2 if line.big else width), line
        printed = layout.plain_text(lines, width)
        for _title, qty, total in texts.items:
            assert qty in printed and total in printed
        assert texts.totals[0][1] in printed


def test_the_shops_language_follows_settings_then_the_locale(monkeypatch):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    assert receipt_language("") == "en"
    monkeypatch.setenv("LANG", "es_CO.UTF-8")
    assert receipt_language("") == "es"
    assert receipt_language("pt_BR") == "pt_BR"


def test_on_windows_without_locale_variables_the_shops_language_is_windows_own(monkeypatch):
    """Windows sets no LANG: the command line's receipts follow Windows' display language, as
    the window does (Qt asks Windows); they printed in English on a Portuguese Windows."""
    import ctypes
    import sys
    from types import SimpleNamespace

    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    ui_language = {"lcid": 0x0416}  # Portuguese (Brazil)
    kernel32 = SimpleNamespace(GetUserDefaultUILanguage=lambda: ui_language["lcid"])
    monkeypatch.setattr(ctypes, "windll", SimpleNamespace(kernel32=kernel32), raising=False)
    assert receipt_language("") == "pt_BR"
    ui_language["lcid"] = 0x080A  # Spanish (Mexico)
    assert receipt_language("") == "es"
    assert receipt_language("en") == "en"  # Settings → Language still decides first
    monkeypatch.setenv("LANG", "pt_BR.UTF-8")  # and a variable set on purpose (a terminal)
    assert receipt_language("") == "pt_BR"
    monkeypatch.delenv("LANG")
    ui_language["lcid"] = 0x0409  # English (United States)
    assert receipt_language("") == "en"
    ui_language["lcid"] = 0x7FFF  # no such language: English, never an exception
    assert receipt_language("") == "en"
    monkeypatch.delattr(ctypes, "windll")  # cannot be read at all
    assert receipt_language("") == "en"
