"""Fuzzing receipts and the close report on the paper: hostile product names, shop header and
footer, store and box names (control bytes, ESC and GS, combining accents, emoji, right-to-left
text, zero-width characters, tabs, words wider than the paper, names exactly at its width,
ellipses that print as three dots), amounts at each currency's ceiling, many lines, weighed
lines, refunds.

The ESC/POS bytes are read back command by command (:func:`printed_lines`): every ESC or GS in
them must be one of the commands the renderer writes (a name holding ``\\x1b`` or ``\\x1d`` never
becomes a printer command), no other control byte may appear, and no printed line may be wider
than the paper (half of it in double width). The total and the sale's reference are always on
the paper.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pos_app.domain.cart import CartLine
from pos_app.domain.day import CashMovement, MovementKind, ShiftFact, compute_close
from pos_app.domain.money import format_money, site_for
from pos_app.domain.pricing import SaleUnit
from pos_app.receipts import CODE_PAGES, layout
from pos_app.receipts.escpos import printable
from pos_app.receipts.model import RefundInfo, ShopInfo, refund_receipt, sale_receipt
from pos_app.receipts.service import (
    ReceiptOptions,
    close_report_bytes,
    escpos_bytes,
    plain_text,
)
from tests.receipts.conftest import AT, make_sale

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ESC, GS = 0x1B, 0x1D
# The commands the renderer writes, by their bytes after ESC / GS: how many parameter bytes.
ESC_COMMANDS = {ord("@"): 0, ord("t"): 1, ord("!"): 1, ord("E"): 1, ord("a"): 1, ord("d"): 1}
GS_COMMANDS = {ord("V"): 1, ord("!"): 1}
DOUBLE_WIDTH = 0x20  # ESC ! n: bit 5

HOSTILE = [
    "\x1b",
    "\x1d",
    "\x1bp\x00\x19\xfa",  # ESC p: open the cash drawer
    "\x1dV\x00",  # GS V: cut
    "\x00",
    "\x07",
    "\t",
    "\r",
    "\n",
    "\x0c",
    "\x7f",
    "\x85",
    "\x9b",
    "\u0301",  # a combining accent
    "\u200b",
    "\u200d",
    "\u202e",  # right-to-left override
    "\ufeff",
    "\u00ad",
    "\ufe0f",
    "\u2028",
    "\u3000",
    "…",
    "€",
    "₲",
    "ß",
    "ﬁ",
    "😀",
    "👨‍👩‍👧",
    "שלום",
    "مرحبا",
    "中文",
    "Café",
    "Cafe\u0301",
    "W" * 32,
    "W" * 48,
    "W" * 49,
    "x" * 300,
]
TEXT = st.lists(
    st.one_of(st.sampled_from(HOSTILE), st.characters(), st.sampled_from(["a", "é", " "])),
    max_size=30,
).map("".join)


def printed_lines(data: bytes, code_page: str) -> list[tuple[str, bool]]:
    """The text lines ``data`` prints, each with whether it is in double width; fails on any
    control byte or ESC/GS sequence the renderer does not write."""
    codec = "cp437" if code_page == "ASCII" else code_page.lower()
    lines: list[tuple[str, bool]] = []
    current = bytearray()
    wide = False
    i = 0
    while i < len(data):
        byte = data[i]
        if byte == ESC:
            command = data[i + 1]
            assert command in ESC_COMMANDS, f"ESC {data[i + 1 : i + 3]!r} at {i}"
            if command == ord("!"):
                wide = bool(data[i + 2] & DOUBLE_WIDTH)
            i += 2 + ESC_COMMANDS[command]
        elif byte == GS:
            command = data[i + 1]
            if command == ord("v"):  # GS v 0 m xL xH yL yH: a raster image (the box's QR)
                x = data[i + 4] + 256 * data[i + 5]
                y = data[i + 6] + 256 * data[i + 7]
                i += 8 + x * y
                continue
            assert command in GS_COMMANDS, f"GS {data[i + 1 : i + 3]!r} at {i}"
            i += 2 + GS_COMMANDS[command]
        elif byte == 0x0A:
            lines.append((current.decode(codec), wide))
            current.clear()
            i += 1
        else:
            assert byte >= 0x20 and byte != 0x7F, f"control byte {byte:#x} at {i}"
            current.append(byte)
            i += 1
    assert not current  # every text line ends with its line feed
    return lines


def assert_fits(data: bytes, code_page: str, columns: int) -> str:
    lines = printed_lines(data, code_page)
    for text, wide in lines:
        assert len(text) <= (columns // 2 if wide else columns), (text, wide)
    return "\n".join(text for text, _ in lines)


@FAST
@given(
    site_id=st.sampled_from(["MLA", "MLB", "MLC", "MCO"]),
    names=st.lists(TEXT, min_size=1, max_size=5),
    shop=st.tuples(TEXT, TEXT, TEXT, TEXT, TEXT),
    paper=st.sampled_from([58, 80]),
    code_page=st.sampled_from(CODE_PAGES),
    language=st.sampled_from(["en", "es", "pt_BR"]),
    quantity=st.integers(1, 9999),
    price=st.sampled_from(["max", "1", "0"]),
    weighed=st.booleans(),
)
@example(  # a store name of 60 characters (its limit) was printed past a 32 or 48-column paper
    site_id="MLA",
    names=["Yerba"],
    shop=("Shop", "", "", "S" * 60, "B" * 44),
    paper=58,
    code_page="CP850",
    language="es",
    quantity=1,
    price="1",
    weighed=False,
)
@example(  # "…" is printed "...": a name laid out at the paper's width came out 20 wider
    site_id="MLA",
    names=["Dulce de leche " + "…" * 10],
    shop=("Shop", "", "", "", ""),
    paper=58,
    code_page="CP850",
    language="es",
    quantity=1,
    price="1",
    weighed=False,
)
def test_a_hostile_sale_receipt_prints_within_the_paper(
    site_id, names, shop, paper, code_page, language, quantity, price, weighed
):
    site = site_for(site_id)
    unit_price = (site.max_amount if price == "max" else Decimal(price)).quantize(site.quantum)
    lines = tuple(
        CartLine(f"S{i}", name, unit_price, quantity)
        if not weighed
        else CartLine(f"S{i}", name, unit_price, sale_unit=SaleUnit.KG, measure=Decimal("9999.999"))
        for i, name in enumerate(names)
    )
    sale = make_sale(site_id, lines)
    name, header, footer, store, box = shop
    info = ShopInfo(name=name, header=header, footer=footer, store_name=store, box_name=box)
    receipt = sale_receipt(sale, site, info)
    opts = ReceiptOptions(language, paper_mm=paper, code_page=code_page)
    columns = layout.columns_for(paper)

    printed = assert_fits(escpos_bytes(receipt, opts), code_page, columns)
    total = printable(format_money(sale.total, site), code_page)
    assert total in printed
    assert sale.external_reference in printed
    text = plain_text(receipt, opts)
    assert total in text and sale.external_reference in text
    # The terminal view is laid out in terminal cells (a combining mark takes none).
    assert all(layout.cells(line) <= columns for line in text.splitlines())


@FAST
@given(
    site_id=st.sampled_from(["MLA", "MCO"]),
    name=TEXT,
    refund_id=TEXT,
    paper=st.sampled_from([58, 80]),
    code_page=st.sampled_from(CODE_PAGES),
    cash=st.booleans(),
)
def test_a_hostile_refund_ticket_prints_within_the_paper(
    site_id, name, refund_id, paper, code_page, cash
):
    site = site_for(site_id)
    lines = (CartLine("A", name, site.max_amount, 9999), CartLine("B", name, Decimal(0), 1))
    sale = make_sale(site_id, lines)
    info = RefundInfo(amount=sale.total, at=AT, refund_id=refund_id, cash=cash, lines=(lines[0],))
    receipt = refund_receipt(sale, site, ShopInfo(name=name), info)
    opts = ReceiptOptions("es", paper_mm=paper, code_page=code_page)
    printed = assert_fits(escpos_bytes(receipt, opts), code_page, layout.columns_for(paper))
    assert printable(format_money(sale.total, site), code_page) in printed
    assert sale.external_reference in printed


@FAST
@given(
    cashier=TEXT,
    reasons=st.lists(TEXT, max_size=3),
    shop_name=TEXT,
    paper=st.sampled_from([58, 80]),
    code_page=st.sampled_from(CODE_PAGES),
    language=st.sampled_from(["en", "es", "pt_BR"]),
)
@example(  # the shop's name was printed on one line whatever its length
    cashier="Ana", reasons=[], shop_name="N" * 60, paper=58, code_page="CP850", language="es"
)
@example(  # a reason with "…" laid out at the width, then printed as "...": past the paper
    cashier="Ana", reasons=["…" * 40], shop_name="", paper=58, code_page="CP850", language="es"
)
def test_a_hostile_close_report_prints_within_the_paper(
    cashier, reasons, shop_name, paper, code_page, language
):
    site = site_for("MCO")
    start = datetime(2026, 12, 1, 5, tzinfo=UTC)
    report = compute_close(
        number=1,
        site=site,
        opened_at=start,
        closed_at=start + timedelta(days=1),
        sales=(),
        movements=[
            CashMovement(MovementKind.OUT, site.max_amount, reason, start + timedelta(hours=1))
            for reason in reasons
        ],
        shifts=[ShiftFact(cashier, site.max_amount, start)],
        counted_cash=Decimal(0),
    )
    opts = ReceiptOptions(language, paper_mm=paper, code_page=code_page)
    data = close_report_bytes(report, site, opts, shop_name=shop_name)
    printed = assert_fits(data, code_page, layout.columns_for(paper))
    assert printable(format_money(report.expected_cash, site), code_page) in printed


def test_a_weighed_line_shows_its_weight_not_a_quantity_of_one():
    site = site_for("MLA")
    line = CartLine(
        "Q", "Queso", Decimal("4500.00"), sale_unit=SaleUnit.KG, measure=Decimal("0.350")
    )
    receipt = sale_receipt(make_sale("MLA", (line,)), site, ShopInfo(name="Shop"))
    text = plain_text(receipt, ReceiptOptions("es", paper_mm=58))
    assert "0,350 kg × $ 4.500,00" in text and "$ 1.575,00" in text
    assert "1 × $ 4.500,00" not in text


def test_invisible_and_combining_characters_are_not_printed_as_question_marks():
    assert printable("Cafe\u0301") == "Café"  # composed: one letter CP850 has
    assert printable("Coca\u200bCola\u202e") == "CocaCola"
    assert printable("\u2764\ufe0f") == "?"  # the emoji, not its variation selector too
    assert printable("\x1bE\x1dV\x00") == "?E V?"  # a command's bytes, never the command
