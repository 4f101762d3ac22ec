"""One convention for a negative amount shown to a person: the minus sign U+2212 (``−$ 100,00``,
:data:`pos_app.domain.money.MINUS`), as the counter's discounts always wrote it. The close report
(its rows, its text, the CLI's lines), receipts on screen and the sales history's discounts use
it through :func:`format_money`. Where the character set lacks it, an ASCII hyphen-minus stands
in: paper (the receipt printer's code page) and a narrow console. Machine-readable output (the
close's JSON, an entry field's text) keeps ``-``."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from pos_app.domain.day import CashMovement, MovementKind, compute_close, report_to_json
from pos_app.domain.day_report import report_rows, report_text
from pos_app.domain.money import MINUS, format_for_entry, format_money, site_for
from pos_app.receipts.language import translator
from pos_app.receipts.model import sale_receipt
from pos_app.receipts.service import ReceiptOptions, close_report_bytes, escpos_bytes
from pos_app.system.console import never_fail_on_encoding
from tests.receipts.conftest import SHOP
from tests.receipts.test_discounts import discounted_sale

ARS = site_for("MLA")
START = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)


def _report():  # type: ignore[no-untyped-def]
    out = CashMovement(MovementKind.OUT, Decimal(100), "proveedor", START + timedelta(hours=1))
    return compute_close(
        number=1,
        site=ARS,
        opened_at=START,
        closed_at=START + timedelta(days=1),
        sales=[],
        movements=[out],
        counted_cash=Decimal(0),
    )


def test_money_shown_to_a_person_uses_the_minus_sign() -> None:
    assert MINUS == "\u2212"
    assert format_money(Decimal(-100), ARS) == "\u2212$ 100,00"
    assert format_money(Decimal(-100), ARS, symbol=False) == "\u2212100,00"
    assert format_for_entry(Decimal("-1.5"), ARS) == "-1,50"  # typed back: ASCII


def test_the_close_report_writes_negatives_as_the_counter_does() -> None:
    report = _report()
    rows = {row.label.source: row.value for row in report_rows(report, ARS)}
    assert rows["Cash out: {reason}"] == "\u2212$ 100,00"
    assert rows["Expected cash"] == "\u2212$ 100,00"
    assert rows["Difference: more than expected"] == "$ 100,00"
    text = report_text(report_rows(report, ARS), lambda m: m.source.format(**m.params))
    assert "\u2212$ 100,00" in text and "-$" not in text
    from pos_app.cli.day import report_lines

    assert any(line.endswith("\u2212$ 100,00") for line in report_lines(report, ARS))
    # The JSON (machine-readable) keeps ASCII.
    assert report_to_json(report, ARS)["expected_cash"] == "-100.00"


def test_paper_gets_an_ascii_hyphen() -> None:
    opts = ReceiptOptions("es", paper_mm=80)
    paper = close_report_bytes(_report(), ARS, opts).decode("cp850")
    assert "-$ 100,00" in paper
    receipt = sale_receipt(discounted_sale(), ARS, SHOP)
    assert f"{MINUS}$ 250,50" in str(receipt.texts(translator("es")).before_total)
    assert "-$ 250,50" in escpos_bytes(receipt, opts).decode("cp850")


def test_a_narrow_console_prints_a_hyphen_not_a_question_mark() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1252")
    never_fail_on_encoding(stream)
    stream.write(format_money(Decimal(-100), ARS) + " \u20b2")
    stream.flush()
    assert raw.getvalue().decode("cp1252") == "-$ 100,00 ?"
