"""A receipt as fixed-width text lines: 32 columns on 58 mm paper, 48 on 80 mm (font A).

The ESC/POS renderer prints these lines with their style; ``pos-app receipt`` without an output
option prints them as plain text. Long titles wrap (never cut: the customer must recognise the
product); an amount is never split or shortened.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from enum import StrEnum

from pos_app.receipts.model import ReceiptTexts

PAPER_COLUMNS = {58: 32, 80: 48}


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class TextLine:
    text: str
    align: Align = Align.LEFT
    bold: bool = False
    big: bool = False  # double width and height: half the columns


def columns_for(paper_mm: int) -> int:
    return PAPER_COLUMNS.get(paper_mm, PAPER_COLUMNS[80])


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters, at spaces where it can; a word
    longer than a line is cut."""
    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]


def _pair(label: str, value: str, width: int) -> list[str]:
    """``label .... value`` on one line when it fits, else the label wrapped and the value
    right-aligned on its own line (wrapped too when wider than the paper: a long store name)."""
    if len(label) + 1 + len(value) <= width:
        return [label + " " * (width - len(label) - len(value)) + value]
    return [*wrap(label, width), *(part.rjust(width) for part in wrap(value, width))]


def layout(texts: ReceiptTexts, width: int) -> list[TextLine]:
    rule = TextLine("-" * width)
    out: list[TextLine] = []
    for i, line in enumerate(texts.shop_lines):
        for part in wrap(line, width // 2 if i == 0 else width):
            out.append(TextLine(part, Align.CENTER, bold=True, big=i == 0))
    out.append(TextLine(""))
    out.append(TextLine(texts.title, Align.CENTER, bold=True))
    out.append(rule)
    out += [TextLine(t) for label, value in texts.info for t in _pair(label + ":", value, width)]
    if texts.items:
        out.append(rule)
        for i, (title, quantity, total) in enumerate(texts.items):
            out += [TextLine(t) for t in wrap(title, width)]
            out += [TextLine(t) for t in _pair("  " + quantity, total, width)]
            off_label, off = texts.item_discounts[i] if i < len(texts.item_discounts) else ("", "")
            if off_label:
                out += [TextLine(t) for t in _pair("  " + off_label, off, width)]
    if texts.totals:
        out.append(rule)
        for label, value in texts.before_total:
            out += [TextLine(t) for t in _pair(label, value, width)]
        label, value = texts.totals[0]
        half = width // 2
        if len(label) + 1 + len(value) <= half:
            out.append(
                TextLine(
                    label + " " * (half - len(label) - len(value)) + value, bold=True, big=True
                )
            )
        else:
            out += [TextLine(t, bold=True) for t in _pair(label, value, width)]
        for label, value in texts.totals[1:]:
            out += [TextLine(t) for t in _pair(label, value, width)]
    if texts.taxes:
        out += [TextLine(t) for label, value in texts.taxes for t in _pair(label, value, width)]
    if texts.payment:
        out.append(rule)
        out += [TextLine(t) for line in texts.payment for t in wrap(line, width)]
    if texts.footer:
        out.append(rule)
        for line in texts.footer:
            out += [TextLine(t, Align.CENTER) for t in wrap(line, width)]
    return out


def plain_text(lines: list[TextLine], width: int) -> str:
    """The lines as a terminal shows them (big text is printed at its normal size)."""
    out: list[str] = []
    for line in lines:
        if line.align is Align.CENTER:
            out.append(line.text.center(width).rstrip())
        elif line.align is Align.RIGHT:
            out.append(line.text.rjust(width))
        else:
            out.append(line.text.rstrip())
    return "\n".join(out) + "\n"
