"""Handing the drawer over within a day: the outgoing cashier's count is recorded as the next
shift's starting float (never added to the expected cash again), each hand-over says what the
drawer should have held then and that cashier's difference, and the differences of all the
shifts add up to the day's. The ledger, ``pos-app shift hand-over``, the drawer window and the
close report say the same."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pos_app.cli import main
from pos_app.cli.day import report_lines
from pos_app.domain.cart import CartLine
from pos_app.domain.day import MovementKind, report_from_json, report_to_json
from pos_app.domain.day_report import report_rows
from pos_app.domain.money import site_for
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.ledger.day import NoShiftOpenError, ShiftAlreadyOpenError
from pos_app.ledger.refunds import RefundStatus, RefundStore
from pos_app.ledger.store import Ledger
from pos_app.settings import paths
from tests.ledger_sales import record_sale

ARS = site_for("MLA")
T0 = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1)


def _cash_sale(ledger: Ledger, price: str, at: datetime) -> str:
    """A sale paid in cash, as the engine leaves it (its order canceled on the box)."""
    sale = record_sale(ledger, [CartLine("Y1", "Yerba", Decimal(price), 1)], at=at, paid=False)
    ledger.update_sale(
        sale.external_reference,
        {"status": SaleStatus.CANCELED, "tender": Tender.CASH},
        now=at,
        kind="status",
        cause="test",
        old_status=SaleStatus.CREATING,
        new_status=SaleStatus.CANCELED,
    )
    return sale.external_reference


def test_each_shift_answers_for_its_own_part_and_the_parts_add_up(ledger: Ledger) -> None:
    day = ledger.day
    day.open_shift("Ana", Decimal(5000), now=T0)
    _cash_sale(ledger, "1200", T0 + timedelta(minutes=10))
    day.add_movement(MovementKind.OUT, Decimal(300), "proveedor", now=T0 + timedelta(minutes=20))
    # Ana's drawer should hold 5000 + 1200 - 300 = 5900; she counts 5850.
    first = day.hand_over(ARS, "Bea", Decimal(5850), now=T0 + timedelta(hours=4))
    assert (first.from_cashier, first.to_cashier) == ("Ana", "Bea")
    assert (first.expected, first.counted, first.difference) == (
        Decimal("5900.00"),
        Decimal("5850.00"),
        Decimal("-50.00"),
    )
    assert day.current_shift(T0 + timedelta(hours=4, minutes=1)).cashier == "Bea"
    # Bea sells in cash, refunds some in cash, hands over to Caro, 10 over.
    ref = _cash_sale(ledger, "800", T0 + timedelta(hours=5))
    RefundStore(ledger).add(
        ref,
        key="k1",
        amount=Decimal(100),
        tender=Tender.CASH,
        payment_id=None,
        now=T0 + timedelta(hours=5, minutes=5),
        limit=Decimal(800),
        status=RefundStatus.REFUNDED,
    )
    second = day.hand_over(ARS, "Caro", Decimal(6560), now=T0 + timedelta(hours=8))
    assert (second.expected, second.difference) == (Decimal("6550.00"), Decimal("10.00"))
    # The day: the first float and every cash change, never a hand-over's count added.
    report = day.close(ARS, now=T0 + timedelta(hours=9), counted_cash=Decimal(6540))
    assert report.starting_float == Decimal("5000.00")
    assert report.expected_cash == Decimal("6600.00")  # 5000 + 1200 - 300 + 800 - 100
    assert report.difference == Decimal("-60.00")
    assert [h.difference for h in report.handovers] == [Decimal("-50.00"), Decimal("10.00")]
    # Who sold what: each holder's sales, by when they ended (Caro sold nothing).
    assert [(t.cashier, t.sales_count, t.cash) for t in report.shift_sales] == [
        ("Ana", 1, Decimal("1200.00")),
        ("Bea", 1, Decimal("800.00")),
        ("Caro", 0, Decimal("0.00")),
    ]
    assert report.shift_sales[0].until == report.shift_sales[1].since == first.at
    # Caro's own part: the day's difference less the hand-overs' = 6540 - 6560 = -20.
    labels = {str(r.label): r.value for r in report_rows(report, ARS)}
    assert labels["of which in Caro's shift"] == "−$ 20,00"
    assert "Hand-over" in " ".join(labels) and "Expected then" in labels
    assert not any("not added" in label for label in labels)  # a hand-over is no second float
    assert any(label.startswith("Bea, ") and label.endswith(", sales: 1") for label in labels)
    assert "Shift: Ana" in labels and "Shift: Bea" not in labels
    # Frozen with the close, read back the same (and by a report frozen before hand-overs).
    frozen = report_to_json(report, ARS)
    assert report_from_json(json.loads(json.dumps(frozen))) == report
    del frozen["handovers"]
    for shift in frozen["shifts"]:
        del shift["handover"]
    del frozen["shift_sales"]
    assert report_from_json(frozen).handovers == report_from_json(frozen).shift_sales == ()
    text = "\n".join(report_lines(report, ARS))
    assert "Ana to Bea, expected $ 5.900,00, counted $ 5.850,00, difference −$ 50,00" in text
    assert "1 sales, QR $ 0,00, cash $ 800,00" in text
    # The close ended the last shift: the next period starts with none.
    assert day.current_shift(T0 + timedelta(hours=10)) is None


def test_no_hand_over_without_a_shift_and_no_second_shift_beside_one(ledger: Ledger) -> None:
    with pytest.raises(NoShiftOpenError):
        ledger.day.hand_over(ARS, "Bea", Decimal(10), now=T0)
    ledger.day.open_shift("Ana", Decimal(100), now=T0)
    # One holder all period: the report's totals say it all, no sales by shift.
    assert ledger.day.preview(ARS, now=T0 + timedelta(seconds=30)).shift_sales == ()
    ledger.day.hand_over(ARS, "Bea", Decimal(100), now=T0 + timedelta(minutes=1))
    with pytest.raises(ShiftAlreadyOpenError) as refused:  # names who holds the drawer now
        ledger.day.open_shift("Caro", Decimal(0), now=T0 + timedelta(minutes=2))
    assert "Bea" in str(refused.value.msg) and "Hand over" in str(refused.value.msg)
    with pytest.raises(ValueError):
        ledger.day.hand_over(ARS, "Caro", Decimal(-1), now=T0 + timedelta(minutes=3))


def test_the_cli_hands_over_and_says_the_difference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("POS_APP_HOME", str(tmp_path))
    assert main(["shift", "hand-over", "--to", "Bea", "--counted", "10"]) == 1
    assert "no drawer to hand over" in capsys.readouterr().err
    assert main(["shift", "open", "--cashier", "Ana", "--float", "5000"]) == 0
    assert main(["cash", "in", "1000", "--reason", "cambio"]) == 0
    capsys.readouterr()
    assert main(["shift", "hand-over", "--to", "Bea", "--counted", "5900", "--json"]) == 0
    said = json.loads(capsys.readouterr().out)
    assert said["from_cashier"] == "Ana" and said["to_cashier"] == "Bea"
    assert (said["expected"], said["counted"], said["difference"]) == (
        "6000.00",
        "5900.00",
        "-100.00",
    )
    assert main(["shift", "hand-over", "--to", "", "--counted", "1"]) == 2  # a name is needed
    assert main(["shift", "hand-over", "--to", "Caro", "--counted", "abc"]) == 2
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        shifts = ledger.day.preview(ARS, now=datetime.now(UTC)).shifts
    finally:
        ledger.close()
    assert [(s.cashier, s.handover) for s in shifts] == [("Ana", False), ("Bea", True)]


@pytest.mark.gui
def test_the_drawer_window_hands_over_with_the_same_fields(qtbot: QtBot, ledger: Ledger) -> None:
    from pos_app.ui.day.dialogs import CashDrawerDialog

    clock = [T0]
    dialog = CashDrawerDialog(ARS, ledger.day, clock=lambda: clock[0])
    qtbot.addWidget(dialog)
    dialog.cashier.setText("Ana")
    dialog.starting_float.setText("5000")
    dialog.open_shift()
    clock[0] = T0 + timedelta(hours=4)
    dialog.cashier.setText("Bea")
    dialog.starting_float.setText("4900")
    dialog.open_shift()
    assert not dialog.problem.text()
    said = dialog.shift_label.text()
    assert said.startswith("Bea since")
    assert "Ana handed the drawer to Bea" in said and "$\u00a0100,00 missing" in said
    texts = [dialog.movements.item(r, 1).text() for r in range(dialog.movements.rowCount())]
    assert texts == ["Shift opened: Ana", "Drawer handed to Bea, counted"]
    # Bea's drawer started from the count: that is what it should hold now, not the 5,000.
    assert dialog.expected.text().endswith("$\u00a04.900,00")
    assert dialog.cashier.text() == "" and dialog.starting_float.text() == ""


def test_the_cli_prints_the_shift_report_and_a_dead_printer_keeps_the_hand_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pos_app.settings import config as config_mod

    monkeypatch.setenv("POS_APP_HOME", str(tmp_path))
    device = tmp_path / "lp0"
    config = config_mod.load().config.with_changes(
        receipt_printer=f"file:{device}", receipt_paper_mm=80
    )
    config_mod.save(config)
    assert main(["shift", "open", "--cashier", "Ana", "--float", "100"]) == 0
    assert main(["shift", "hand-over", "--to", "Bea", "--counted", "100", "--print"]) == 0
    assert f"shift report sent to file:{device}" in capsys.readouterr().err
    text = device.read_bytes().decode("cp850")
    assert "Shift report, not a close" in text and "Ana to Bea" in text
    config_mod.save(config.with_changes(receipt_printer=f"file:{tmp_path / 'gone' / 'lp0'}"))
    assert main(["shift", "hand-over", "--to", "Caro", "--counted", "100", "--print"]) == 0
    assert "the hand-over is recorded, but it did not print" in capsys.readouterr().err
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        assert ledger.day.current_shift(datetime.now(UTC)).cashier == "Caro"
        assert ledger.day.closes() == []
    finally:
        ledger.close()


def test_shift_report_shows_the_day_so_far_and_closes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("POS_APP_HOME", str(tmp_path))
    assert main(["shift", "open", "--cashier", "Ana", "--float", "100"]) == 0
    assert main(["shift", "hand-over", "--to", "Bea", "--counted", "90"]) == 0
    capsys.readouterr()
    assert main(["shift", "report"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("shift report (not a close)") and "close #" not in out
    assert "Ana to Bea, expected $ 100,00, counted $ 90,00, difference −$ 10,00" in out
    assert main(["shift", "report", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [h["difference"] for h in data["handovers"]] == ["-10.00"]
    assert [t["cashier"] for t in data["shift_sales"]] == ["Ana", "Bea"]
    assert main(["shift", "report", "--print"]) == 1  # no printer configured: said, exit 1
    assert "no receipt printer is configured" in capsys.readouterr().err
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        assert ledger.day.closes() == []
    finally:
        ledger.close()


def test_a_report_of_several_days_starts_each_day_from_its_own_float() -> None:
    """The store database's report over a range of days: a hand-over on the second day is
    measured from that day's float, not from the first day's (each later shift starts from
    its own float), and each shift's sales are its own."""
    from pos_app.domain.day import CashMovement, ShiftFact, compute_close

    day1, day2 = T0, T0 + timedelta(days=1)
    shifts = [
        ShiftFact("Ana", Decimal(100), day1, "CAJA01"),
        ShiftFact("Bea", Decimal(200), day2, "CAJA01"),  # the next day's first shift
        ShiftFact("Caro", Decimal(240), day2 + timedelta(hours=3), "CAJA01", handover=True),
    ]
    moves = [
        CashMovement(MovementKind.IN, Decimal(30), "cambio", day1 + timedelta(hours=1)),
        CashMovement(MovementKind.IN, Decimal(50), "cambio", day2 + timedelta(hours=1)),
    ]
    report = compute_close(
        number=0,
        site=ARS,
        opened_at=day1 - timedelta(hours=1),
        closed_at=day2 + timedelta(hours=5),
        sales=(),
        movements=moves,
        shifts=shifts,
    )
    [handover] = report.handovers
    assert (handover.from_cashier, handover.expected, handover.difference) == (
        "Bea",
        Decimal("250.00"),
        Decimal("-10.00"),
    )
    assert [t.cashier for t in report.shift_sales] == ["Ana", "Bea", "Caro"]
