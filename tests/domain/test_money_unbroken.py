"""Amounts in messages: plain where text is read as written (the command line, logs, files),
unbroken on screen (:class:`pos_app.i18n_base.Unbroken`); a negative's sign held to its amount
(a line may break between "−" and "$" under Unicode's rules)."""

from __future__ import annotations

from decimal import Decimal

from pos_app.domain.money import format_money, format_money_unbroken, money_text, site_for
from pos_app.i18n import Joined, message

MLA = site_for("MLA")


def test_a_message_keeps_its_amounts_plain_but_on_screen() -> None:
    inner = message("Refund", "{amount} left", amount=money_text(Decimal("12.5"), MLA))
    outer = message("Refund", "No: {why}", why=Joined((inner, money_text(Decimal(3), MLA))))
    assert str(outer) == "No: $ 12,50 left; $ 3,00"
    assert outer.render(screen=True) == "No: $\u00a012,50 left; $\u00a03,00"
    # Other text in a placeholder is left as it is, on screen too.
    named = message("Refund", "{who}: {amount}", who="Ana María", amount="$ 1")
    assert named.render(screen=True) == "Ana María: $ 1"


def test_a_negative_unbroken_amount_keeps_its_sign() -> None:
    assert format_money_unbroken(Decimal(-900), MLA) == "\u2212\u2060$\u00a0900,00"
    assert format_money_unbroken(Decimal(900), MLA) == "$\u00a0900,00"
    assert format_money(Decimal(-900), MLA) == "\u2212$ 900,00"  # receipts, CSV: unchanged
