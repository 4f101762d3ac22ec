"""``pos-app sales --from DAY --to DAY --csv FILE [--excel]``: a period's sales for an
accountant from the command line, by the Sales window's writer (each line, each sale's
refunds). Until 2026-12-02 only the window's Export CSV… wrote them."""

from __future__ import annotations

import csv
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.cli import main
from pos_app.domain.cart import CartLine
from pos_app.domain.day import site_zone
from pos_app.domain.sale import Tender
from pos_app.ledger.refunds import RefundStatus, RefundStore
from pos_app.ledger.store import Ledger
from pos_app.settings import paths
from tests.ledger_sales import record_sale

LINES = [CartLine("Y1", "Yerba, 1 kg", Decimal("4500.50"), 2)]  # 9,001.00


def _month() -> list[str]:
    """Sales on 2026-11-30 (the day before), 12-01 and 12-02 at noon in the site's zone (MLA),
    the 12-01 one refunded 1,000.25 by QR; returns their references."""
    ledger = Ledger(paths.ledger_path())
    try:
        refs = []
        for n, day in enumerate((30, 1, 2)):
            month = 11 if day == 30 else 12
            at = datetime(2026, month, day, 12, tzinfo=site_zone("MLA"))
            refs.append(
                record_sale(ledger, LINES, at=at, payment_id=5550001 + n).external_reference
            )
        RefundStore(ledger).add(
            refs[1],
            key="k1",
            amount=Decimal("1000.25"),
            tender=Tender.QR,
            payment_id=5550002,
            now=datetime(2026, 12, 1, 13, tzinfo=site_zone("MLA")),
            limit=Decimal("9001.00"),
            status=RefundStatus.REFUNDED,
        )
        return refs
    finally:
        ledger.close()


def test_a_period_of_sales_to_csv_as_the_window_writes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    refs = _month()
    out = tmp_path / "ventas.csv"
    args = ["sales", "--from", "2026-12-01", "--to", "2026-12-02", "--csv", str(out)]
    assert main(args) == 0
    assert capsys.readouterr().out.strip() == f"exported 2 sales to {out}"
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with its mark
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    heads = {r["external_reference"]: r for r in rows if r["row"] == "sale"}
    assert list(heads) == [refs[2], refs[1]]  # newest first, as the window lists them
    assert heads[refs[1]]["refunded"] == "1000.25" and heads[refs[2]]["refunded"] == "0.00"
    assert heads[refs[1]]["paid_amount"] == "9001.00"
    assert [r["title"] for r in rows if r["row"] == "line"] == ["Yerba, 1 kg"] * 2

    # --excel: semicolons and decimal commas; one day when --to is left out.
    assert main(["sales", "--from", "2026-11-30", "--csv", str(out), "--excel"]) == 0
    rows = list(csv.DictReader(out.read_text("utf-8-sig").splitlines(), delimiter=";"))
    [head] = [r for r in rows if r["row"] == "sale"]
    assert head["external_reference"] == refs[0] and head["total"] == "9001,00"

    # The period alone lists its sales; the ledger's newest without one.
    capsys.readouterr()
    assert main(["sales", "--from", "2026-12-02"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert refs[2] in line


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--csv", "x.csv"], "--csv needs --from"),
        (["--from", "2026-12-01", "--excel"], "--excel goes with --csv"),
        (["--from", "2026-12-02", "--to", "2026-12-01", "--csv", "x.csv"], "--to is before"),
        (["--from", "2026-13-01", "--csv", "x.csv"], "--from: expected YYYY-MM-DD"),
        (["--to", "2026-12-01"], "--to needs --from"),
    ],
)
def test_wrong_periods_are_said(
    args: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sales", *args]) == 2
    assert said in capsys.readouterr().err


def test_a_file_that_cannot_be_written_is_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _month()
    out = tmp_path / "missing" / "ventas.csv"
    assert main(["sales", "--from", "2026-12-01", "--csv", str(out)]) == 2
    assert f"cannot write {out}" in capsys.readouterr().err
