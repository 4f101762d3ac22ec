"""One shift at a time per box: the ledger, ``pos-app shift open`` and the cash drawer window
all refuse a second shift while one is open (it ends with the day's close or a hand-over: see
test_hand_over.py), and the close of a
ledger written before that rule (two shifts in one period) adds up and says why a float is not
in the expected cash, never leaving it out silently."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from pos_app.cli import main
from pos_app.domain.day import MovementKind
from pos_app.domain.day_report import report_rows
from pos_app.domain.money import format_money, site_for
from pos_app.ledger.day import ShiftAlreadyOpenError
from pos_app.ledger.store import Ledger
from pos_app.settings import paths

ARS = site_for("MLA")
T0 = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1)


def test_the_ledger_refuses_a_second_shift_until_the_close(ledger: Ledger) -> None:
    ledger.day.open_shift("Ana", Decimal(100), now=T0)
    with pytest.raises(ShiftAlreadyOpenError) as refused:
        ledger.day.open_shift("Bea", Decimal(50), now=T0 + timedelta(minutes=5))
    assert "Ana" in str(refused.value.msg) and "Cash in" in str(refused.value.msg)
    report = ledger.day.preview(ARS, now=T0 + timedelta(minutes=6))
    assert [s.cashier for s in report.shifts] == ["Ana"] and report.expected_cash == 100
    ledger.day.close(ARS, now=T0 + timedelta(hours=1))
    # The next period opens its own shift.
    ledger.day.open_shift("Bea", Decimal(50), now=T0 + timedelta(hours=2))
    assert ledger.day.close(ARS, now=T0 + timedelta(hours=3)).expected_cash == 50


def test_an_old_ledger_with_two_shifts_closes_adding_up_and_saying_so(ledger: Ledger) -> None:
    ledger.day.open_shift("Ana", Decimal(100), now=T0)
    # Written by a version that allowed a second shift in the same period.
    with ledger._tx() as conn:
        conn.execute(
            "INSERT INTO shifts (cashier, starting_float, opened_at) VALUES (?,?,?)",
            ("Bea", "70", (T0 + timedelta(minutes=30)).isoformat()),
        )
    ledger.day.add_movement(MovementKind.IN, Decimal(20), "change", now=T0 + timedelta(minutes=40))
    current = ledger.day.current_shift(T0 + timedelta(minutes=50))
    assert current is not None and current.cashier == "Ana"  # the one whose float counts
    report = ledger.day.close(ARS, now=T0 + timedelta(hours=1))
    assert report.expected_cash == 120 and report.starting_float == 100
    rows = report_rows(report, ARS)
    labels = [str(r.label) for r in rows]
    assert "Shift: Bea (float not added)" in labels
    [warning] = [r for r in rows if r.kind == "warning"]
    assert "2 shifts" in str(warning.label)
    # The drawer section adds up: the float counted and the movements give the expected cash.
    values = {str(r.label): r.value for r in rows}
    assert values["Starting float"] == format_money(Decimal(100), ARS)
    assert values["Shift: Bea (float not added)"] == format_money(Decimal(70), ARS)
    assert values["Expected cash"] == format_money(Decimal(120), ARS)
    # pos-app close's text says the same.
    from pos_app.cli.day import report_lines

    text = "\n".join(report_lines(report, ARS))
    assert "shift Bea: $ 70,00 (float not added)" in text and "2 shifts in this period" in text


def test_the_cli_refuses_a_second_shift(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["shift", "open", "--cashier", "Ana", "--float", "5000"]) == 0
    capsys.readouterr()
    code = main(["shift", "open", "--cashier", "Bea", "--float", "100"])
    err = capsys.readouterr().err
    assert code != 0 and "already open" in err and "Ana" in err
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        [shift] = ledger.day.preview(ARS, now=datetime.now(UTC)).shifts
    finally:
        ledger.close()
    assert shift.cashier == "Ana"


@pytest.mark.gui
def test_the_drawer_window_offers_a_hand_over_not_a_second_shift(
    qtbot: QtBot, ledger: Ledger
) -> None:
    from pos_app.ui.day.dialogs import CashDrawerDialog

    dialog = CashDrawerDialog(ARS, ledger.day, clock=lambda: datetime.now(UTC))
    qtbot.addWidget(dialog)
    # A second window open on the same ledger before the shift was opened.
    other = CashDrawerDialog(ARS, ledger.day, clock=lambda: datetime.now(UTC))
    qtbot.addWidget(other)
    assert dialog.open_shift_button.text().replace("&", "") == "Open shift"
    dialog.cashier.setText("Ana")
    dialog.starting_float.setText("100")
    dialog.open_shift()
    assert not dialog.problem.text()
    # The same fields now hand the drawer over, and the window says so.
    assert dialog.open_shift_button.text().replace("&", "") == "Hand over"
    assert dialog.starting_float.isEnabled()
    assert "One shift at a time" in dialog.shift_label.text()
    assert "Hand over" in dialog.shift_label.text()
    # The other window still offers to open one: refused, nothing written.
    other.cashier.setText("Bea")
    other.starting_float.setText("50")
    other.open_shift()
    assert "already open" in other.problem.text()
    assert len(ledger.day.preview(ARS, now=datetime.now(UTC)).shifts) == 1


def test_a_store_report_of_several_boxes_counts_each_boxs_float(ledger: Ledger) -> None:
    """The store database's report of several boxes adds each box's float: only a box's own
    later shift is "not added" (and warned about), never another box's first one."""
    from dataclasses import replace

    from pos_app.cli.day import report_lines
    from pos_app.domain.day import ShiftFact

    report = ledger.day.preview(ARS, now=T0)
    one = ShiftFact("Ana", Decimal(100), T0, "CAJA01")
    two = ShiftFact("Bea", Decimal(50), T0 + timedelta(minutes=1), "CAJA02")
    both = replace(report, shifts=(one, two), starting_float=Decimal(150))
    rows = report_rows(both, ARS)
    assert not [r for r in rows if r.kind == "warning" or "not added" in str(r.label)]
    assert "not added" not in "\n".join(report_lines(both, ARS))
    later = ShiftFact("Caro", Decimal(70), T0 + timedelta(minutes=2), "CAJA01")
    three = replace(both, shifts=(one, two, later))
    labels = [str(r.label) for r in report_rows(three, ARS)]
    assert "Shift: Caro (float not added)" in labels and "Shift: Bea" in labels
    assert any(label.startswith("2 shifts") for label in labels)
    assert "shift Caro (CAJA01): $ 70,00 (float not added)" in report_lines(three, ARS)
