"""Amounts read back from the ledger (an old, edited or damaged one): whatever text is stored
where an amount belongs, ``close``, ``reconcile``, ``sales``, ``receipt`` and the sales history
window either work or stop with a message naming the record and what to do; never
``decimal.InvalidOperation`` or another traceback. ``pos-app doctor`` lists each such value."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pos_app.cli import main
from pos_app.domain.cart import CartLine
from pos_app.domain.day import MovementKind
from pos_app.domain.sale import Tender
from pos_app.ledger.amounts import readable
from pos_app.ledger.refunds import RefundStatus, RefundStore
from pos_app.ledger.store import Ledger
from pos_app.settings import paths
from tests.ledger_edits import edit_by_hand
from tests.ledger_sales import record_sale
from tests.thread_sandbox import ThreadSandbox, configured_fixture, sandbox_fixture  # noqa: F401

# Where an amount is stored, and the words that name its record in the message.
PLACES = {
    ("sales", "total"): "sale ",
    ("sales", "paid_amount"): "sale ",
    ("sale_lines", "unit_price"): "sale ",
    ("sale_lines", "iva_rate"): "sale ",
    ("refunds", "amount"): "refund ",
    ("cash_movements", "amount"): "cash movement ",
    ("shifts", "starting_float"): "shift ",
}

STORED = st.one_of(
    st.sampled_from(
        [
            "9" * 29,
            "1" * 40,
            "1e999",
            "-1e999",
            "1E+11",
            "NaN",
            "-NaN",
            "sNaN",
            "Infinity",
            "-Infinity",
            "-5",
            "0",
            "0.0000001",
            "abc",
            "",
            "12,50",
            "١٢٣",
        ]
    ),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.text(max_size=30),
)


def _ledger_with_a_day(now: datetime) -> str:
    """A fresh ledger: a shift, a cash movement, a paid sale with a confirmed cash refund.
    Returns the sale's reference."""
    path = paths.ledger_path()
    for leftover in path.parent.glob(path.name + "*"):
        if not leftover.name.endswith(".lock"):
            leftover.unlink()
    ledger = Ledger(path)
    try:
        ledger.day.open_shift("Ana", Decimal(5000), now=now)
        ledger.day.add_movement(MovementKind.IN, Decimal(1000), "change", now=now)
        line = CartLine("Y1", "Yerba", Decimal("1725.25"), 2)
        sale = record_sale(ledger, [line], at=now)
        RefundStore(ledger).add(
            sale.external_reference,
            key="k1",
            amount=Decimal(100),
            tender=Tender.CASH,
            payment_id=None,
            now=now,
            limit=sale.total,
            status=RefundStatus.REFUNDED,
        )
        return sale.external_reference
    finally:
        ledger.close()


def _store(table: str, column: str, value: str) -> None:
    edit_by_hand(paths.ledger_path(), table, column, value)  # every row of the table


def _said(capsys: pytest.CaptureFixture[str], record: str, column: str) -> None:
    err = capsys.readouterr().err
    assert "Traceback" not in err and "InvalidOperation" not in err
    assert record in err and f"(column {column}) is" in err and "pos-app doctor" in err, err


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(place=st.sampled_from(sorted(PLACES)), value=STORED)
@example(place=("sales", "total"), value="9" * 29)  # the one found: close raised
@example(place=("sales", "total"), value="abc")
@example(place=("refunds", "amount"), value="1e999")
def test_whatever_is_stored_the_day_commands_never_crash(
    configured: ThreadSandbox,
    capsys: pytest.CaptureFixture[str],
    place: tuple[str, str],
    value: str,
) -> None:
    now = datetime.now(UTC) - timedelta(minutes=5)
    ref = _ledger_with_a_day(now)
    table, column = place
    _store(table, column, value)
    record = PLACES[place]
    capsys.readouterr()
    damaged = readable(value) is None
    for args, fine in (
        (["sales", "--json"], {0}),
        (["receipt", ref], {0}),
        (["reconcile", "--json"], {0, 3}),
        (["close", "--json"], {0}),
    ):
        code = main(args)
        if code in fine and not (damaged and args[0] == "close"):
            out = capsys.readouterr()
            assert "Traceback" not in out.err
            continue
        # A damaged amount stops the command with the message; nothing else may stop it.
        assert damaged, (args, code, capsys.readouterr())
        assert code == 1, (args, code)
        _said(capsys, record, column)
    # The close stopped: nothing was frozen with a wrong number, the period is still open.
    ledger = Ledger(paths.ledger_path())
    try:
        assert len(ledger.day.closes()) == (0 if damaged else 1)
    finally:
        ledger.close()


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("1725.25", True),
        ("-5", True),
        ("999999999999.999999", True),  # 12 integer digits, 6 decimals
        ("1000000000000", False),
        ("0.0000001", False),
        ("9" * 29, False),
        ("1e999", False),
        ("NaN", False),
        ("sNaN", False),
        ("-Infinity", False),
        ("abc", False),
        ("", False),
    ],
)
def test_what_a_till_can_hold(value: str, ok: bool) -> None:
    assert (readable(value) is not None) is ok


def test_a_stored_escape_sequence_is_quoted_not_obeyed() -> None:
    from pos_app.ledger.amounts import DamagedAmount, sale_record

    said = str(DamagedAmount(sale_record("R1"), "total", "\x1b[2J" + "9" * 60))
    assert "\x1b" not in said and "'?[2J" in said and "…'" in said


def test_doctor_lists_every_damaged_amount(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    ref = _ledger_with_a_day(datetime.now(UTC) - timedelta(minutes=5))
    _store("sales", "total", "1e999")
    _store("cash_movements", "amount", "NaN")
    capsys.readouterr()
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    line = next(text for text in out.splitlines() if "ledger amounts" in text)
    assert line.startswith("[FAIL]") and "2 amount(s)" in line
    assert f"sale {ref}: total = '1e999'" in line and "cash movement 1: amount = 'NaN'" in line
    assert "ledger recover --restore" in out


@pytest.mark.gui
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(value=STORED)
@example(value="9" * 29)
@example(value="NaN")
def test_the_history_window_says_which_sale_and_lists_nothing(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: Any, value: str
) -> None:
    from pos_app.domain.money import site_for
    from pos_app.ui.counter.sales_view import TodaySalesDialog

    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("POS_APP_HOME", str(home))
    # The suite's QApplication already has the app's stylesheet (tests/conftest.py's qapp), so
    # the screenshot is drawn as the cashier sees it.
    ref = _ledger_with_a_day(datetime.now(UTC) - timedelta(minutes=5))
    _store("sales", "total", value)
    ledger = Ledger(paths.ledger_path())
    try:
        dialog = TodaySalesDialog(
            site_for("MLA"),
            sales_since=ledger.sales_since,
            get_sale=ledger.get_sale,
            sale_events=ledger.sale_events,
            sales_between=ledger.sales_between_apart,
            sale_rows_between=ledger.sale_rows_between_apart,  # as the main window builds it
            refunds_of=ledger.day.refunds_of,
            refunded_totals=RefundStore(ledger).refunded_amounts,
        )
        qtbot.addWidget(dialog)
        dialog.refresh()
        if readable(value) is None:
            assert dialog.model.rowCount() == 0
            assert ref in dialog.summary.text() and "pos-app doctor" in dialog.summary.text()
            if value == "NaN":
                from tests.ui.conftest import keep_picture

                dialog.show()
                qtbot.waitExposed(dialog)
                keep_picture(dialog.grab(), "47_history_damaged_amount")
        else:
            assert dialog.model.rowCount() == 1
            assert dialog.model.index(0, 1).data()  # its total, written out
        dialog.close()
    finally:
        ledger.close()


@pytest.mark.gui
@pytest.mark.parametrize("value", ["NaN", "1e999", "", "\x00\xff"])
def test_a_damaged_refund_amount_in_the_period_says_which_sale(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    """The history reads a period's refunds with its rows (``period_refunded``, as the main
    window builds it, for the given-back line and the statuses): a refund amount damaged on
    disk names its sale in the summary, lists nothing, and raises nothing."""
    from pos_app.domain.money import site_for
    from pos_app.ui.counter.sales_view import TodaySalesDialog

    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("POS_APP_HOME", str(home))
    ref = _ledger_with_a_day(datetime.now(UTC) - timedelta(minutes=5))
    _store("refunds", "amount", value)
    ledger = Ledger(paths.ledger_path())
    try:
        dialog = TodaySalesDialog(
            site_for("MLA"),
            sales_since=ledger.sales_since,
            get_sale=ledger.get_sale,
            sale_events=ledger.sale_events,
            sales_between=ledger.sales_between_apart,
            sale_rows_between=ledger.sale_rows_between_apart,
            period_refunded=ledger.refunded_between_apart,
            refunds_of=ledger.day.refunds_of,
            refunded_totals=RefundStore(ledger).refunded_amounts,
        )
        qtbot.addWidget(dialog)
        dialog.refresh()
        assert dialog.model.rowCount() == 0
        assert ref in dialog.summary.text() and "pos-app doctor" in dialog.summary.text()
        dialog.close()
    finally:
        ledger.close()
