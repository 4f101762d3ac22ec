"""The sales exports (the CSV, plain and Excel's kind, and ``--json``) say what happened to a sale
paid in cash: ``status`` ``paid_in_cash`` and ``paid_amount`` the cash taken. Until 2026-12-02
they said ``canceled`` and ``0.00`` (the ledger keeps such a sale as its QR charge canceled,
tender cash): an accountant summing the paid amounts missed every cash sale, while the window
said *Paid in cash*. The columns keep their places; the new ones come after them."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from pos_app.cli.output import sale_json
from pos_app.domain.cart import CartLine
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.domain.sales_csv import COLUMNS, sales_csv

D = Decimal
AT = datetime(2026, 12, 2, 15, tzinfo=UTC)
# The columns as they were: a script reading them by position still finds each one.
BEFORE = [
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
    "line_discount",
    "sale_discount",
    "charged",
    "refunded",
]


def _sale(ref: str, status: SaleStatus, tender: Tender | None, paid: str, **kw: object):  # type: ignore[no-untyped-def]
    return SaleSnapshot(
        1,
        ref,
        "CAJA01",
        "MLA",
        "ARS",
        status,
        D("2000.00"),
        AT,
        AT,
        None,
        lines=(CartLine(sku="M1", title="Mate", unit_price=D("2000.00"), quantity=1),),
        paid_amount=D(paid),
        tender=tender,
        **kw,  # type: ignore[arg-type]
    )


SALES = [
    _sale("CASH", SaleStatus.CANCELED, Tender.CASH, "0"),
    _sale("QR", SaleStatus.PAID, Tender.QR, "2000.00"),
    # Cash taken, then Mercado Pago paid too (late): both came in.
    _sale("BOTH", SaleStatus.PAID, Tender.CASH, "2000.00", late_payment=True),
    _sale("GONE", SaleStatus.CANCELED, None, "0"),
]


@pytest.mark.parametrize("excel", [False, True])
def test_the_csv_says_paid_in_cash_and_its_amount(excel: bool) -> None:
    text = sales_csv(SALES, excel_comma=excel)
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if excel else ","))
    assert rows[0][: len(BEFORE)] == BEFORE and tuple(rows[0]) == COLUMNS
    assert rows[0][len(BEFORE) :] == [
        "cash_amount",
        "mercadopago_amount",
        "ledger_status",
        "unit",  # added after them (tests/day/test_sales_csv_units.py)
    ]
    sale_rows = {r[1]: dict(zip(rows[0], r, strict=True)) for r in rows[1:] if r[0] == "sale"}

    def amount(text: str) -> Decimal:
        return D(text.replace(",", ".")) if excel else D(text)

    cash = sale_rows["CASH"]
    assert (cash["status"], cash["tender"], cash["ledger_status"]) == (
        "paid_in_cash",
        "cash",
        "canceled",
    )
    assert amount(cash["paid_amount"]) == D(2000) and amount(cash["cash_amount"]) == D(2000)
    assert amount(cash["mercadopago_amount"]) == 0
    both = sale_rows["BOTH"]
    assert both["status"] == "paid" and amount(both["paid_amount"]) == D(4000)
    assert (amount(both["cash_amount"]), amount(both["mercadopago_amount"])) == (D(2000), D(2000))
    gone = sale_rows["GONE"]
    assert (gone["status"], amount(gone["paid_amount"])) == ("canceled", 0)
    # What an accountant sums: every peso that came in (2,000 cash, 2,000 QR, 4,000 both).
    assert sum(amount(r["paid_amount"]) for r in sale_rows.values()) == D(8000)
    lines = [dict(zip(rows[0], r, strict=True)) for r in rows[1:] if r[0] == "line"]
    cash_line = next(r for r in lines if r["external_reference"] == "CASH")
    assert cash_line["status"] == "paid_in_cash" and cash_line["ledger_status"] == "canceled"
    assert cash_line["cash_amount"] == ""  # money on the sale's row only, as ``refunded``


def test_the_json_says_paid_in_cash_and_its_amount() -> None:
    cash, qr, both, gone = (sale_json(s) for s in SALES)
    assert (cash["status"], cash["ledger_status"], cash["tender"]) == (
        "paid_in_cash",
        "canceled",
        "cash",
    )
    assert (cash["paid_amount"], cash["cash_amount"], cash["mercadopago_amount"]) == (
        "2000.00",
        "2000.00",
        "0.00",
    )
    assert (qr["status"], qr["paid_amount"], qr["mercadopago_amount"]) == (
        "paid",
        "2000.00",
        "2000.00",
    )
    assert (both["paid_amount"], both["cash_amount"]) == ("4000.00", "2000.00")
    assert (gone["status"], gone["paid_amount"]) == ("canceled", "0.00")
    pending = sale_json(_sale("OPEN", SaleStatus.CREATING, None, "0"))
    assert (pending["status"], pending["ledger_status"]) == ("pending", "pending")
