"""A damaged amount's message names the column in the shop's words, in the shop's language, and
the column itself for support."""

from __future__ import annotations

from pos_app.i18n import Message
from pos_app.ledger.amounts import (
    _LINE_COLUMNS,
    _SALE_COLUMNS,
    DamagedAmount,
    column_words,
    sale_record,
    shift_record,
)
from pos_app.receipts.language import translator


def test_every_amount_column_has_words() -> None:
    for column in (*_SALE_COLUMNS, *_LINE_COLUMNS, "amount", "refund amount", "starting_float"):
        assert isinstance(column_words(column), Message), column
    assert column_words("l.unit_price") == column_words("unit_price")  # as doctor names it
    assert column_words("something_new") == "something_new"


def test_the_message_says_what_the_amount_is_in_spanish_and_portuguese() -> None:
    error = DamagedAmount(sale_record("ref-1"), "unit_price", "NaN")
    assert "a line's unit price (column unit_price) is 'NaN'" in error.msg.render()
    es = error.msg.render(translator("es"))
    assert "venta ref-1, el precio unitario de una línea (columna unit_price) es 'NaN'" in es
    pt = DamagedAmount(shift_record(3), "starting_float", "x").msg.render(translator("pt_BR"))
    assert "o troco inicial (coluna starting_float) é 'x'" in pt, pt
