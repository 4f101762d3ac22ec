"""``pos-app receipt REF`` in a terminal: laid out in terminal cells (a CJK character or an emoji
takes two, a combining accent none), so nothing passes the paper's columns and the amounts stay
right-aligned; the paper (ESC/POS) still counts characters, byte for byte."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.domain.cart import CartLine
from pos_app.domain.money import site_for
from pos_app.receipts import layout
from pos_app.receipts.language import translator
from pos_app.receipts.model import sale_receipt
from pos_app.receipts.service import ReceiptOptions, plain_text
from tests.receipts.conftest import SHOP, make_sale

MLA = site_for("MLA")
LINES = (
    CartLine("T1", "抹茶ラテ 大 (東京)", Decimal("4500.00"), 2),
    CartLine("E1", "Café 😀 especial", Decimal("1250.50"), 1),
    CartLine("C1", "Cafe\u0301 de\u0301cafeinado Colo\u0301mbia", Decimal("99.90"), 3),
    CartLine("L1", "ﾗｰﾒﾝ 一番 美味しい 豚骨 ラーメン 特製 大盛り 全部のせ", Decimal("12345.67"), 1),
)
TOKYO = replace(SHOP, name="東京 喫茶店 😀", footer="ありがとうございました！")


def test_cells() -> None:
    assert layout.cells("Yerba") == 5
    assert layout.cells("東京") == 4
    assert layout.cells("😀") == 2
    assert layout.cells("e\u0301") == 1  # a combining accent takes no cell
    assert layout.cells("ﾗｰﾒﾝ") == 4  # half-width katakana: one each
    assert layout.cells("👩\u200d🍳") == 4  # the joiner takes none
    assert layout.cells("✔\ufe0f") == 1


@pytest.mark.parametrize("paper", [58, 80])
def test_every_line_fits_the_terminal_and_amounts_line_up(paper: int) -> None:
    opts = ReceiptOptions("es", paper_mm=paper)
    width = opts.columns
    text = plain_text(sale_receipt(make_sale("MLA", LINES), MLA, TOKYO), opts)
    lines = text.splitlines()
    assert all(layout.cells(line) <= width for line in lines), [
        (layout.cells(x), x) for x in lines if layout.cells(x) > width
    ]
    # Each amount ends at the last column, however wide the characters before it (the total
    # at half of them when it is printed double-width).
    for amount in ("$ 9.000,00", "$ 1.250,50", "$ 299,70", "$ 12.345,67", "$ 22.895,87"):
        line = next(x for x in lines if x.endswith(amount))
        assert layout.cells(line) in (width, width // 2), line
    # Centred lines are centred in cells: the shop's name too.
    name = next(x for x in lines if "喫茶店" in x)
    left = len(name) - len(name.lstrip())
    assert abs(left - (width - layout.cells(name.strip())) // 2) <= 1
    # The long title is wrapped, never cut: every character is still there.
    assert "".join(lines).replace(" ", "").count("全部のせ") == 1


def test_the_paper_still_counts_characters() -> None:
    """The ESC/POS layout (the default measure) is what it was: a line holds as many
    characters as the paper has columns, whatever a terminal would make of them."""
    title = "一" * 40
    assert layout.wrap(title, 32) == textwrap.wrap(title, 32)
    assert [len(x) for x in layout.wrap(title, 32)] == [32, 8]
    assert [layout.cells(x) for x in layout.wrap(title, 32, layout.cells)] == [32, 32, 16]
    texts = sale_receipt(make_sale("MLA", LINES), MLA, TOKYO).texts(translator("es"))
    assert layout.layout(texts, 32) == layout.layout(texts, 32, len)
    # ASCII and Latin text: the terminal view is the paper's, character for character.
    latin = sale_receipt(make_sale("MLA", (CartLine("Y", "Yerba " * 9, Decimal(5), 1),)), MLA, SHOP)
    latin_texts = latin.texts(translator("es"))
    assert layout.layout(latin_texts, 32, layout.cells) == layout.layout(latin_texts, 32)


WIDE = st.characters(
    codec="utf-8",
    categories=("Lo", "Ll", "Lu", "Mn", "So", "Nd", "Zs"),
    exclude_characters="\u00a0",
)


@settings(max_examples=60, deadline=None)
@given(
    titles=st.lists(st.text(WIDE, min_size=1, max_size=70), min_size=1, max_size=3),
    name=st.text(WIDE, min_size=1, max_size=40),
    paper=st.sampled_from([58, 80]),
)
def test_whatever_the_titles_no_terminal_line_passes_the_paper(
    titles: list[str], name: str, paper: int
) -> None:
    lines = tuple(CartLine(f"S{i}", title, Decimal("10.50"), 1) for i, title in enumerate(titles))
    receipt = sale_receipt(make_sale("MLA", lines), MLA, replace(SHOP, name=name))
    opts = ReceiptOptions("en", paper_mm=paper)
    for line in plain_text(receipt, opts).splitlines():
        assert layout.cells(line) <= opts.columns, (layout.cells(line), line)
