"""A period's sales as CSV for a spreadsheet: one row per sale and one per line.

Amounts are plain decimals (``3450.50``: a dot, no grouping, no symbol); the caller writes the
text as UTF-8 with a byte-order mark (``utf-8-sig``) so Excel reads accents right.

``excel_comma``: the same table as Excel opens it where the decimal mark is a comma (Argentina,
Brazil, Chile, Colombia, Uruguay): Excel there splits a ``.csv`` on semicolons and reads
``3450,50`` as a number; the standard file opened in one column, its amounts as text. Its
``created_at`` is the local time as Excel reads a date (``2026-12-02 10:22:40``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from decimal import Decimal

from pos_app.domain.cart import Cart
from pos_app.domain.money import site_for
from pos_app.domain.order_lines import charged_amounts
from pos_app.domain.records import SaleSnapshot, export_amounts, export_status
from pos_app.domain.spreadsheet import as_text_cell as _cell
from pos_app.domain.spreadsheet import code_cell, csv_delimiter, decimal_cell

COLUMNS = (
    "row",
    "external_reference",
    "created_at",
    "status",
    "tender",
    "total",
    "paid_amount",
    "iva_total",
    "line",
    "title",
    "sku",
    "barcode",
    "quantity",
    "unit_price",
    "line_total",
    "iva_rate",
    # Discounts (issue 20): a line's own, and the sale's (on the sale row; its share on a line
    # row); "charged" is what the line was charged after both (the sale row: its total).
    "line_discount",
    "sale_discount",
    "charged",
    # Given back and confirmed by Mercado Pago (or in cash), on the sale's row: what the
    # history shows ("Partly refunded"); the close's net is charged less refunded.
    "refunded",
    # Added 2026-12-02, after the columns above (which keep their places). A sale paid in cash
    # says so: ``status`` ``paid_in_cash`` and ``paid_amount`` the cash taken (they read
    # ``canceled`` and 0.00); ``paid_amount`` is what the customer paid, in cash and with
    # Mercado Pago, split on the sale's row here; ``ledger_status``: the ledger's own word.
    "cash_amount",
    "mercadopago_amount",
    "ledger_status",
    # Added 2026-12-02, last: what a line's quantity counts (kg, g, l, m for a weighed line,
    # else unit or pack); the sale's row leaves it empty. ``0.350`` alone did not say kg or l.
    "unit",
)


def sales_csv(
    sales: Iterable[SaleSnapshot],
    refunded: Mapping[str, Decimal] | None = None,
    *,
    excel_comma: bool = False,
) -> str:
    """``refunded``: each sale's confirmed refunds (none: 0). ``excel_comma``: semicolons and
    decimal commas (see the module's note); the columns and their order are the same."""
    refunded = refunded or {}

    def _plain(amount: Decimal, decimals: int) -> str:
        return decimal_cell(f"{amount:.{decimals}f}", excel_comma)

    def _number(value: object) -> str:  # a quantity, a weight, an IVA rate
        return decimal_cell(str(value), excel_comma)

    out = io.StringIO()
    writer = csv.writer(out, delimiter=csv_delimiter(excel_comma), lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for sale in sales:
        site = site_for(sale.site_id)
        d = site.decimals
        taken, cash, qr = export_amounts(sale)
        head = [
            sale.external_reference,
            # Excel reads this as a date and time in any language; the ISO text with its
            # offset (for programs) it keeps as text: a month could not be sorted by day.
            f"{sale.created_at.astimezone():%Y-%m-%d %H:%M:%S}"
            if excel_comma
            else sale.created_at.astimezone().isoformat(timespec="seconds"),
            export_status(sale),
            sale.tender.value if sale.tender else "",
            _plain(sale.total, d),
            _plain(taken, d),
            "" if sale.iva_total is None else _plain(sale.iva_total, d),
        ]
        cart = Cart(site)
        cart.restore(list(sale.lines))
        cart.sale_discount = sale.sale_discount
        charged = charged_amounts(cart)
        sale_off = cart.sale_discount_amount()
        given_back = refunded.get(sale.external_reference, Decimal(0))
        writer.writerow(
            [
                "sale",
                *head,
                *[""] * 9,
                _plain(sale_off, d),
                _plain(sale.total, d),
                _plain(given_back, d),
                _plain(cash, d),
                _plain(qr, d),
                sale.status.value,
                "",
            ]
        )
        for pos, (line, paid) in enumerate(zip(sale.lines, charged, strict=True), start=1):
            writer.writerow(
                [
                    "line",
                    *head,
                    pos,
                    _cell(line.title),
                    code_cell(line.sku, excel_comma),
                    code_cell(line.barcode, excel_comma),
                    # A weighed line: its weight (``0.350``, × the price per kg), never 1.
                    _number(line.quantity if line.measure is None else f"{line.measure:f}"),
                    _plain(line.unit_price, d),
                    _plain(line.total(site), d),
                    _number(line.iva_rate),
                    _plain(line.discount_amount(site), d),
                    _plain(line.total(site) - paid, d),
                    _plain(paid, d),
                    "",
                    "",
                    "",
                    sale.status.value,
                    line.sale_unit.value if line.measure is not None else line.unit_measure.value,
                ]
            )
    return out.getvalue()
