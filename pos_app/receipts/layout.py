"""A receipt as fixed-width text lines: 32 columns on 58 mm paper, 48 on 80 mm (font A).

The ESC/POS renderer prints these lines with their style; ``pos-app receipt`` without an output
option prints them as plain text. Long titles wrap (never cut: the customer must recognise the
product); an amount is never split or shortened.

Paper is laid out in characters (each printed character takes one column: the ESC/POS
renderer has already replaced what the code page lacks). A terminal is not: a CJK character or
most emoji take two cells, a combining accent none. The terminal view (:func:`plain_text` with
``measure=cells``) is laid out in cells, so its right-aligned amounts line up; paper keeps
``len``, byte for byte.
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from pos_app.receipts.model import ReceiptTexts

PAPER_COLUMNS = {58: 32, 80: 48}

Measure = Callable[[str], int]
"""How many columns a text takes: ``len`` on paper, :func:`cells` in a terminal."""

# Zero-width joiner and non-joiner, variation selectors: drawn with their neighbour.
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff") | frozenset(
    chr(c) for c in range(0xFE00, 0xFE10)
)


def char_cells(char: str) -> int:
    """Terminal cells of one character: 0 for a combining mark or a joiner, 2 for wide (CJK,
    full-width, most emoji), else 1."""
    if char in _ZERO_WIDTH or unicodedata.combining(char):
        return 0
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cells(text: str) -> int:
    """Terminal cells ``text`` takes (what ``wcwidth.wcswidth`` counts, for printable text)."""
    if text.isascii():
        return len(text)
    return sum(char_cells(c) for c in text)


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


def wrap(text: str, width: int, measure: Measure = len) -> list[str]:
    """``text`` in lines of at most ``width`` columns, at spaces where it can; a word
    longer than a line is cut."""
    if measure is len or measure(text) == len(text):  # one column per character: as paper
        return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]
    lines: list[str] = []
    current = ""
    for word in text.split():
        for piece in _cut(word, width, measure):
            if not current:
                current = piece
            elif measure(current) + 1 + measure(piece) <= width:
                current += " " + piece
            else:
                lines.append(current)
                current = piece
    if current:
        lines.append(current)
    return lines or [""]


def _cut(word: str, width: int, measure: Measure) -> list[str]:
    """``word`` in pieces of at most ``width`` columns (a wide character is never split, a
    combining mark stays with its letter; a piece holds at least one character)."""
    if measure(word) <= width:
        return [word]
    pieces: list[str] = []
    piece = ""
    for char in word:
        size = measure(char)
        if piece and size and measure(piece) + size > width:
            pieces.append(piece)
            piece = ""
        piece += char
    if piece:
        pieces.append(piece)
    return pieces


def _pair(label: str, value: str, width: int, measure: Measure = len) -> list[str]:
    """``label .... value`` on one line when it fits, else the label wrapped and the value
    right-aligned on its own line (wrapped too when wider than the paper: a long store name)."""
    used = measure(label) + measure(value)
    if used + 1 <= width:
        return [label + " " * (width - used) + value]
    return [
        *wrap(label, width, measure),
        *(_rjust(part, width, measure) for part in wrap(value, width, measure)),
    ]


def _rjust(text: str, width: int, measure: Measure) -> str:
    return text.rjust(width - (measure(text) - len(text)))


def _center(text: str, width: int, measure: Measure) -> str:
    return text.center(width - (measure(text) - len(text)))


def layout(texts: ReceiptTexts, width: int, measure: Measure = len) -> list[TextLine]:
    """The receipt in lines of ``width`` columns as ``measure`` counts them."""
    rule = TextLine("-" * width)
    out: list[TextLine] = []
    for i, line in enumerate(texts.shop_lines):
        for part in wrap(line, width // 2 if i == 0 else width, measure):
            out.append(TextLine(part, Align.CENTER, bold=True, big=i == 0))
    out.append(TextLine(""))
    out.append(TextLine(texts.title, Align.CENTER, bold=True))
    out.append(rule)
    out += [
        TextLine(t)
        for label, value in texts.info
        for t in _pair(label + ":", value, width, measure)
    ]
    if texts.items:
        out.append(rule)
        for i, (title, quantity, total) in enumerate(texts.items):
            out += [TextLine(t) for t in wrap(title, width, measure)]
            out += [TextLine(t) for t in _pair("  " + quantity, total, width, measure)]
            off_label, off = texts.item_discounts[i] if i < len(texts.item_discounts) else ("", "")
            if off_label:
                out += [TextLine(t) for t in _pair("  " + off_label, off, width, measure)]
    if texts.totals:
        out.append(rule)
        for label, value in texts.before_total:
            out += [TextLine(t) for t in _pair(label, value, width, measure)]
        label, value = texts.totals[0]
        half = width // 2
        used = measure(label) + measure(value)
        if used + 1 <= half:
            out.append(TextLine(label + " " * (half - used) + value, bold=True, big=True))
        else:
            out += [TextLine(t, bold=True) for t in _pair(label, value, width, measure)]
        for label, value in texts.totals[1:]:
            out += [TextLine(t) for t in _pair(label, value, width, measure)]
    if texts.taxes:
        out += [
            TextLine(t) for label, value in texts.taxes for t in _pair(label, value, width, measure)
        ]
    if texts.tax_note:
        out += [TextLine(t) for t in wrap(texts.tax_note, width, measure)]
    if texts.payment:
        out.append(rule)
        out += [TextLine(t) for line in texts.payment for t in wrap(line, width, measure)]
    if texts.footer:
        out.append(rule)
        for line in texts.footer:
            out += [TextLine(t, Align.CENTER) for t in wrap(line, width, measure)]
    return out


def plain_text(lines: list[TextLine], width: int, measure: Measure = len) -> str:
    """The lines as a terminal shows them (big text is printed at its normal size), centred
    and right-aligned in the columns ``measure`` counts (:func:`cells` for a terminal)."""
    out: list[str] = []
    for line in lines:
        if line.align is Align.CENTER:
            out.append(_center(line.text, width, measure).rstrip())
        elif line.align is Align.RIGHT:
            out.append(_rjust(line.text, width, measure))
        else:
            out.append(line.text.rstrip())
    return "\n".join(out) + "\n"
