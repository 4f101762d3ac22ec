"""The close says which way the drawer is off, in words (a minus sign, and red on screen, were
all that told cash missing from cash over), in every language; the window scrolls to it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos_app.domain.day import compute_close
from pos_app.domain.day_report import report_rows
from pos_app.receipts.language import translator
from tests.day.test_refund_note_close import ARS, END, START


def _difference_row(counted: str):  # type: ignore[no-untyped-def]
    report = compute_close(
        number=1,
        site=ARS,
        opened_at=START,
        closed_at=END,
        sales=[],
        counted_cash=Decimal(counted),
    )
    [row] = [r for r in report_rows(report, ARS) if r.label.source.startswith("Difference")]
    return report, row


@pytest.mark.parametrize(
    ("counted", "label", "kind"),
    [
        ("-100", "Difference: missing from the drawer", "warning"),
        ("250", "Difference: more than expected", "warning"),
        ("0", "Difference", "total"),
    ],
)
def test_the_difference_says_which_way(counted: str, label: str, kind: str) -> None:
    report, row = _difference_row(counted)
    assert report.difference == Decimal(counted)
    assert row.label.source == label and row.kind == kind


@pytest.mark.parametrize(
    ("language", "missing", "over"),
    [
        ("es", "Diferencia: falta en la caja", "Diferencia: hay más de lo esperado"),
        ("pt_BR", "Diferença: falta no caixa", "Diferença: há mais do que o esperado"),
    ],
)
def test_the_difference_words_are_translated(language: str, missing: str, over: str) -> None:
    tr = translator(language)
    assert _difference_row("-1")[1].label.render(tr) == missing
    assert _difference_row("1")[1].label.render(tr) == over
