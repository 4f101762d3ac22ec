"""The close report lists the period's refunds with the cashier's note (why the money went
back): the pure function, the frozen JSON (and reports frozen before the list), the printed
rows in the shop's language, and ``pos-app close`` / ``close --json`` end to end."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from pos_app.cli import main
from pos_app.domain.day import RefundFact, compute_close, report_from_json, report_to_json
from pos_app.domain.day_report import report_rows, report_text
from pos_app.domain.money import site_for
from pos_app.domain.sale import Tender
from pos_app.receipts.language import translator
from tests.checkout.test_cli import cli_json
from tests.checkout.test_refund_cli import paid_ref
from tests.thread_sandbox import ThreadSandbox

ARS = site_for("MLA")
START = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
END = START + timedelta(days=1)


def _report():  # type: ignore[no-untyped-def]
    refunds = [
        RefundFact(Decimal("250.5"), START + timedelta(hours=5), Tender.CASH, "R2", "Defective"),
        RefundFact(Decimal(100), START + timedelta(hours=2), Tender.QR, "R1", "Charged twice"),
        RefundFact(Decimal(40), START + timedelta(hours=3), Tender.QR, "R3"),
        RefundFact(Decimal(999), END, Tender.QR, "R9", "tomorrow's"),  # the next period's
    ]
    return compute_close(
        number=3, site=ARS, opened_at=START, closed_at=END, sales=[], refunds=refunds
    )


def test_the_report_lists_the_periods_refunds_with_their_notes_oldest_first() -> None:
    report = _report()
    listed = [(r.reference, r.amount, r.tender, r.note) for r in report.refund_list]
    assert listed == [
        ("R1", Decimal("100.00"), Tender.QR, "Charged twice"),
        ("R3", Decimal("40.00"), Tender.QR, ""),
        ("R2", Decimal("250.50"), Tender.CASH, "Defective"),
    ]
    assert report.refunds_total == Decimal("390.50") and report.refunds_count == 3
    frozen = report_to_json(report, ARS)
    assert frozen["refunds_list"][0] == {
        "reference": "R1",
        "amount": "100.00",
        "tender": "mercadopago_qr",
        "at": (START + timedelta(hours=2)).isoformat(),
        "note": "Charged twice",
    }
    assert report_from_json(frozen) == report
    # A report frozen by the release before the list still loads (with no list).
    del frozen["refunds_list"]
    old = report_from_json(frozen)
    assert old.refund_list == () and old.refunds_total == Decimal("390.50")


@pytest.mark.parametrize(
    ("language", "noted", "cash", "plain"),
    [
        ("en", "Sale R1: Charged twice", "Sale R2, in cash: Defective", "Sale R3"),
        ("es", "Venta R1: Charged twice", "Venta R2, en efectivo: Defective", "Venta R3"),
        ("pt_BR", "Venda R1: Charged twice", "Venda R2, em dinheiro: Defective", "Venda R3"),
    ],
)
def test_the_printed_report_names_each_refund_and_why(
    language: str, noted: str, cash: str, plain: str
) -> None:
    tr = translator(language)
    rows = report_rows(_report(), ARS)
    shown = [(row.label.render(tr), row.value) for row in rows]
    assert (noted, "−$ 100,00") in shown
    assert (cash, "−$ 250,50") in shown
    assert (plain, "−$ 40,00") in shown
    text = report_text(rows, lambda m: m.render(tr), width=32)
    assert all(len(line) <= 32 for line in text.splitlines())


def test_a_report_without_refunds_has_no_refunds_section() -> None:
    report = compute_close(number=1, site=ARS, opened_at=START, closed_at=END, sales=[])
    labels = [row.label.source for row in report_rows(report, ARS)]
    assert "Refunds" not in labels and "Cash drawer" in labels


def test_pos_app_close_shows_each_refund_and_its_note(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    ref = paid_ref(capsys, configured)
    code, _ = cli_json(capsys, "refund", ref, "--amount", "100", "--note", "Envase roto", "--json")
    assert code == 0
    assert main(["refund", ref, "--amount", "50"]) == 0
    capsys.readouterr()
    code, report = cli_json(capsys, "close", "--json")
    assert code == 0
    assert [(r["reference"], r["amount"], r["note"]) for r in report["refunds_list"]] == [
        (ref, "100.00", "Envase roto"),
        (ref, "50.00", ""),
    ]
    assert main(["close"]) == 0  # the next period: no refunds in it
    assert "  refund " not in capsys.readouterr().out


def test_pos_app_close_text_lists_the_note(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    ref = paid_ref(capsys, configured)
    assert main(["refund", ref, "--amount", "100", "--note", "Charged twice"]) == 0
    capsys.readouterr()
    assert main(["close"]) == 0
    out = capsys.readouterr().out
    assert f"  refund {ref}  $ 100,00: Charged twice" in out.splitlines()
