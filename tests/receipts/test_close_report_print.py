"""Issue 13: the day's close report on the receipt printer, as python-escpos bytes (Dummy) at
the paper's width and in the receipts' language (``pos-app close --print``:
tests/day/test_cli_close_print.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from escpos.printer import Dummy

from pos_app.domain.money import site_for
from pos_app.ledger.day import DayBook
from pos_app.ledger.store import Ledger
from pos_app.receipts import layout
from pos_app.receipts.service import ReceiptOptions, close_report_bytes, close_report_text

INIT_CP850 = b"\x1b@\x1bt\x02"


def cut_command() -> bytes:
    d = Dummy()
    d.cut()
    return bytes(d.output)


def a_report(tmp_path: Path):  # type: ignore[no-untyped-def]
    ledger = Ledger(tmp_path / "ledger.db")
    try:
        day: DayBook = ledger.day
        return day.preview(site_for("MLA"), now=datetime.now(UTC))
    finally:
        ledger.close()


@pytest.mark.parametrize(("language", "words"), [("en", "Close number"), ("es", "Cierre número")])
@pytest.mark.parametrize("paper", [58, 80])
def test_the_report_as_escpos_bytes(tmp_path: Path, language: str, words: str, paper: int) -> None:
    report = a_report(tmp_path)
    opts = ReceiptOptions(language, paper_mm=paper)
    data = close_report_bytes(report, site_for("MLA"), opts, shop_name="Almacén Don José")
    assert data.startswith(INIT_CP850) and data.endswith(cut_command())
    text = data.decode("cp850")
    assert "Almacén Don José" in text and f"{words} {report.number}" in text
    width = layout.columns_for(paper)
    body = close_report_text(report, site_for("MLA"), opts)
    assert body.splitlines()[0].startswith(words)
    assert all(len(line) <= width for line in body.splitlines())
    assert any(len(line) == width for line in body.splitlines())  # the paper's full width
    for line in body.splitlines():
        assert line in text


def test_long_headings_and_labels_wrap_between_words_never_cut() -> None:
    """On 58 mm paper (32 columns) a heading longer than the line used to be cut ("Informe de
    turno, no es un cierr") and a long label split inside a word; now both wrap between
    words, and a value goes on the label's last line when it fits there."""
    from pos_app.domain.day_report import ReportRow, report_text
    from pos_app.i18n import Message

    def row(label: str, value: str = "", kind: str = "row") -> ReportRow:
        return ReportRow(Message("CloseReport", label), value, kind)

    text = report_text(
        [
            row("Informe de turno, no es un cierre", kind="heading"),
            row("Ana María, 00:00-04:02, ventas: 12", "$ 45.000,00"),
            row("Ingreso: cambio", "$ 1.000,00"),
        ],
        lambda m: m.render(),
        width=32,
    )
    lines = text.splitlines()
    assert lines[:2] == ["Informe de turno, no es un", "cierre"]
    assert lines[3:6] == [
        "Ana María, 00:00-04:02, ventas:",
        "12" + " " * 19 + "$ 45.000,00",
        "Ingreso: cambio" + " " * 7 + "$ 1.000,00",
    ]
    assert all(len(line) <= 32 for line in lines)
