"""Issue 20 on the receipt: a line's own discount under it, and the sale's discount (with the
subtotal) above the total, in the model, the ESC/POS bytes and the PDF, in each language."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.domain.cart import CartLine
from pos_app.domain.money import format_money, site_for
from pos_app.domain.pricing import Discount, DiscountKind
from pos_app.receipts.language import translator
from pos_app.receipts.model import sale_receipt
from pos_app.receipts.service import ReceiptOptions, escpos_bytes, plain_text
from tests.receipts.conftest import SHOP, make_sale

LINES = (
    CartLine(
        "Y1",
        "Yerba mate Playadito 1 kg",
        Decimal("4500.00"),
        2,
        discount=Discount(DiscountKind.PERCENT, Decimal(10), "Promo"),
    ),
    CartLine("A1", "Alfajor Havanna", Decimal("1250.50"), 1),
)
WORDS = {  # (line discount, subtotal, sale discount)
    "en": ("Discount", "Subtotal", "Sale discount"),
    "es": ("Descuento", "Subtotal", "Descuento en la venta"),
    "pt_BR": ("Desconto", "Subtotal", "Desconto na venda"),
}


def discounted_sale():  # type: ignore[no-untyped-def]
    sale = make_sale("MLA", LINES)  # 8100.00 + 1250.50
    return replace(
        sale,
        sale_discount=Discount(DiscountKind.AMOUNT, Decimal("250.50")),
        total=Decimal("9100.00"),
        paid_amount=Decimal("9100.00"),
    )


@pytest.mark.parametrize("language", sorted(WORDS))
def test_the_receipt_shows_each_discount(language: str) -> None:
    line_word, subtotal, sale_word = WORDS[language]
    texts = sale_receipt(discounted_sale(), site_for("MLA"), SHOP).texts(translator(language))
    assert texts.items == (
        ("Yerba mate Playadito 1 kg", "2 × $ 4.500,00", "$ 9.000,00"),  # before its discount
        ("Alfajor Havanna", "1 × $ 1.250,50", "$ 1.250,50"),
    )
    assert texts.item_discounts == ((f"{line_word} 10 % (Promo)", "−$ 900,00"), ("", ""))
    assert texts.before_total == ((subtotal, "$ 9.350,50"), (sale_word, "−$ 250,50"))
    assert texts.totals[0][1] == "$ 9.100,00"


def test_a_sale_without_discounts_shows_none() -> None:
    plain = make_sale("MLA", tuple(replace(x, discount=None) for x in LINES))
    texts = sale_receipt(plain, site_for("MLA"), SHOP).texts(translator("en"))
    assert texts.item_discounts == () and texts.before_total == ()


@pytest.mark.parametrize("paper", [58, 80])
def test_escpos_and_text_print_the_discounts(paper: int) -> None:
    receipt = sale_receipt(discounted_sale(), site_for("MLA"), SHOP)
    opts = ReceiptOptions("es", paper_mm=paper)
    text = escpos_bytes(receipt, opts).decode("cp850")
    for words in ("Descuento 10 % (Promo)", "-$ 900,00", "Descuento en la venta", "-$ 250,50"):
        assert words in text, words
    lines = plain_text(receipt, opts).splitlines()
    at = next(i for i, x in enumerate(lines) if "Descuento 10 %" in x)
    assert "$ 9.000,00" in lines[at - 1]  # right under its line
    subtotal = next(i for i, x in enumerate(lines) if x.startswith("Subtotal"))
    total = next(i for i, x in enumerate(lines) if "$ 9.100,00" in x)
    assert subtotal < total and "$ 9.350,50" in lines[subtotal]


@pytest.mark.gui
def test_the_pdf_shows_the_discounts(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    from pos_app.ui.receipts.pdf import write_pdf
    from tests.receipts.test_cli_and_pdf import pdf_text

    receipt = sale_receipt(discounted_sale(), site_for("MLA"), SHOP)
    path = write_pdf(receipt.texts(translator("pt_BR")), tmp_path / "r.pdf")
    text = pdf_text(path)
    for words in ("Desconto 10 % (Promo)", "−$ 900,00", "Desconto na venda", "−$ 250,50"):
        assert words in text, (words, text)


def test_a_refund_by_line_of_a_discounted_sale_adds_up() -> None:
    """The alfajor given back was charged less than its price (its share of the sale's own
    discount): the refund ticket shows that share, so its lines add up to what left the shop."""
    from pos_app.domain.cart import Cart
    from pos_app.domain.order_lines import charged_amounts
    from pos_app.receipts.model import RefundInfo, refund_receipt

    sale = discounted_sale()
    site = site_for("MLA")
    cart = Cart(site)
    cart.restore(list(sale.lines))
    cart.sale_discount = sale.sale_discount
    alfajor_charged = charged_amounts(cart)[1]
    assert alfajor_charged < Decimal("1250.50")
    refund = RefundInfo(
        amount=alfajor_charged, at=sale.created_at, refund_id="R1", lines=(sale.lines[1],)
    )
    texts = refund_receipt(sale, site, SHOP, refund).texts(translator("en"))
    assert texts.items == (("Alfajor Havanna", "1 × $ 1.250,50", "$ 1.250,50"),)
    share = Decimal("1250.50") - alfajor_charged
    assert texts.before_total == (
        ("Subtotal", "$ 1.250,50"),
        ("Sale discount", format_money(-share, site)),
    )
    assert texts.totals[0][1] == format_money(alfajor_charged, site)
    # a refund of an amount (no lines) shows no breakdown
    by_amount = RefundInfo(amount=Decimal(100), at=sale.created_at, refund_id="R2")
    assert refund_receipt(sale, site, SHOP, by_amount).texts(translator("en")).before_total == ()
