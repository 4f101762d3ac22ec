"""Texts in a CSV a spreadsheet opens: never run as a formula, and read back as written.

Excel and LibreOffice run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula
(``=HYPERLINK("http://…","Click")``, or worse, in a product name a supplier's file brought in).
Such a text is written with a leading apostrophe, the spreadsheets' "this is text" mark (OWASP's
advice for CSV injection); the catalog import takes that apostrophe off again, so a catalog
exported and imported back is the same catalog.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@")
TEXT_MARK = "'"


def as_text_cell(text: str) -> str:
    """``text`` as a cell a spreadsheet shows and never runs."""
    return TEXT_MARK + text if text[:1] in FORMULA_STARTS else text


def from_text_cell(text: str) -> str:
    """The text :func:`as_text_cell` or :func:`code_cell` wrote (its apostrophe, or its
    ``="…"``, off; any other text as it is)."""
    if text[:1] == TEXT_MARK and text[1:2] in FORMULA_STARTS:
        return text[1:]
    if len(text) >= 3 and text.startswith('="') and text.endswith('"') and '"' not in text[2:-1]:
        return text[2:-1]
    return text


# A code Excel would take for a number, a date or a time: ``7790000000017`` (shown 7,79E+12 and
# saved so: every barcode lost, and the import then refused all rows but one as repeated
# barcodes), ``00123`` (saved as 123: another product), ``3-12`` (a date).
_NUMBERISH = re.compile(r"[0-9][0-9.,:/ -]*")


def code_cell(text: str, excel_comma: bool) -> str:
    """A SKU or barcode as a cell. In Excel's kind a code Excel would read as a number or a
    date is written ``="7790000000017"``: a text formula, shown and saved as the code itself;
    the import takes ``="…"`` off (:func:`from_text_cell`)."""
    if excel_comma and _NUMBERISH.fullmatch(text):
        return f'="{text}"'
    return as_text_cell(text)


# The two kinds of CSV the exports write (the sales' and the catalog's). The standard one:
# commas between cells, a dot before the decimals. Excel where the decimal mark is a comma
# (Argentina, Brazil, Chile, Colombia, Uruguay) opens a ``.csv`` split on semicolons and reads
# ``3450,50`` as a number; the standard file opens there in one column, every amount as text.
# The catalog import reads both kinds back (``;`` found in the header, a comma's decimals).
def csv_delimiter(excel_comma: bool) -> str:
    return ";" if excel_comma else ","


def decimal_cell(text: str, excel_comma: bool) -> str:
    """A plain number as written (``3450.50``, ``0.350``) with the kind's decimal mark."""
    return text.replace(".", ",") if excel_comma else text
