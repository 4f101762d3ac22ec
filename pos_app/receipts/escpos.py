"""Receipts as ESC/POS bytes, through python-escpos.

The bytes are produced on python-escpos's ``Dummy`` printer (in memory, no device), so building
them never waits on hardware; :mod:`pos_app.receipts.printers` sends them. The text is written in
one code page (CP850 by default: Spanish and Portuguese letters, ¿ ¡ º ª), selected once with
``ESC t``; a character the code page lacks is replaced sensibly rather than printed as a wrong
glyph: ``₲`` → ``Gs``, ``€`` → ``EUR``, ``—`` → ``-``, curly quotes → straight ones, and any other
accented letter loses its accent (``ő`` → ``o``). ``ASCII`` suits printers whose code pages are
unknown: ``á`` → ``a``, ``ñ`` → ``n``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import fields
from typing import Any

from pos_app.receipts import CODE_PAGES, DEFAULT_CODE_PAGE
from pos_app.receipts.escpos_cache import load_capabilities
from pos_app.receipts.layout import Align, TextLine
from pos_app.receipts.model import ReceiptTexts

load_capabilities()  # before python-escpos's first import: its cache (escpos_cache says why)

from escpos.printer import Dummy  # noqa: E402

__all__ = ["CODE_PAGES", "DEFAULT_CODE_PAGE", "printable", "printable_texts", "render"]

DOTS = {58: 384, 80: 576}

# What a missing character becomes, before the accent-stripping fallback.
_REPLACEMENTS = {
    "₲": "Gs",
    "€": "EUR",
    "£": "GBP",
    "₡": "C",
    "—": "-",
    "–": "-",
    "‐": "-",
    "−": "-",
    "“": '"',
    "”": '"',
    "„": '"',
    "«": '"',
    "»": '"',
    "‘": "'",
    "’": "'",
    "‚": "'",
    "…": "...",
    "×": "x",
    "•": "*",
    "·": ".",
    "º": "o",
    "ª": "a",
    "¿": "?",
    "¡": "!",
    "°": "o",
    "\u00a0": " ",
    "\u202f": " ",
    "ß": "ss",
    "æ": "ae",
    "Æ": "AE",
    "ø": "o",
    "Ø": "O",
    "đ": "d",
    "ł": "l",
    "Ł": "L",
}


# Format characters (zero-width, bidi marks) and marks that combine with the character before
# them but could not be composed with it (a variation selector, a stray accent): nothing to print.
_INVISIBLE = frozenset(("Cf", "Mn", "Me"))


def printable_texts(texts: ReceiptTexts, code_page: str = DEFAULT_CODE_PAGE) -> ReceiptTexts:
    """Every text of ``texts`` as :func:`printable` writes it, so that the receipt is laid out
    in the characters the paper gets: ``…`` printed as ``...`` or ``€`` as ``EUR`` takes more
    columns, a combining accent fewer."""

    def fix(value: object) -> Any:
        if isinstance(value, str):
            return printable(value, code_page)
        if isinstance(value, tuple):
            return tuple(fix(item) for item in value)
        return value

    return ReceiptTexts(**{f.name: fix(getattr(texts, f.name)) for f in fields(texts)})


def _codec(code_page: str) -> str:
    return "ascii" if code_page == "ASCII" else code_page.lower()


def printable(text: str, code_page: str = DEFAULT_CODE_PAGE) -> str:
    """``text`` with every character the code page cannot print replaced (see the module).

    Control characters never reach the printer as such (an ESC or a GS in a product's name
    would be a printer command): white space becomes a space, any other one ``?``. A letter
    written with a combining accent (``e`` + U+0301, as pasted from some systems) is composed
    first (``é``), and invisible characters (zero-width, bidi marks, a variation selector) are
    left out rather than printed as ``?``.
    """
    codec = _codec(code_page)
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if _encodes(char, codec):
            out.append(char)
            continue
        if char.isspace():
            out.append(" ")
            continue
        if unicodedata.category(char) in _INVISIBLE:
            continue
        candidate = _REPLACEMENTS.get(char)
        if candidate is None or not _encodes(candidate, codec):
            stripped = "".join(
                c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
            )
            candidate = stripped if stripped and _encodes(stripped, codec) else "?"
        out.append(candidate)
    return "".join(out)


def _encodes(text: str, codec: str) -> bool:
    if not text.isprintable():
        return False
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def render(
    lines: list[TextLine],
    *,
    code_page: str = DEFAULT_CODE_PAGE,
    paper_mm: int = 80,
    qr_data: str = "",
    qr_caption: str = "",
    cut: bool = True,
) -> bytes:
    """The ESC/POS bytes of ``lines`` (from :func:`pos_app.receipts.layout.layout`)."""
    printer = Dummy()
    # The printable width in dots (203 dpi heads), so the QR image is centred; the profile's
    # data is shared by every printer object: this one gets its own copy.
    data = dict(printer.profile.profile_data)
    data["media"] = {**data.get("media", {}), "width": {"pixels": DOTS.get(paper_mm, 576)}}
    printer.profile.profile_data = data
    printer.hw("INIT")
    # ASCII text is the same in every code page: page 0 (CP437, the power-on default) is
    # selected so a page left by an earlier job cannot change it.
    printer.charcode("CP437" if code_page == "ASCII" else code_page)
    for line in lines:
        _set(printer, line)
        printer.textln(printable(line.text, code_page))
    _set(printer, TextLine(""))
    if qr_data:
        printer.ln()
        if qr_caption:
            _set(printer, TextLine("", Align.CENTER))
            printer.textln(printable(qr_caption, code_page))
        printer.qr(qr_data, size=6, center=True)
        _set(printer, TextLine(""))
    if cut:
        printer.cut()  # feeds past the cutter first
    else:
        printer.ln(4)
    return bytes(printer.output)


def _set(printer: Any, line: TextLine) -> None:
    printer.set(
        align=str(line.align),
        bold=line.bold,
        double_width=line.big,
        double_height=line.big,
        normal_textsize=not line.big,
    )
