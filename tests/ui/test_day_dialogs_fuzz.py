"""Hostile input in the day's windows: the cash drawer (cashier, starting float, cash in and
out with a reason) and the close of the day (cash counted).

Seeded fuzz (:mod:`tests.ui.fuzz_input`) in Argentine and Chilean pesos: nothing raises, what the
ledger records is clean text and money in the site's decimals (a float of zero included, never
below), and a refused input says why and writes nothing."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from pos_app.domain import text_fields as tf
from pos_app.domain.day import MovementKind
from pos_app.domain.money import site_for
from pos_app.ledger.store import Ledger
from pos_app.settings import paths
from tests.ui.asking import answer
from tests.ui.fuzz_input import SITES, assert_clean, assert_money, put, seeds, typed

pytestmark = pytest.mark.gui


def clock() -> datetime:
    return datetime.now(UTC)


@pytest.fixture
def ledger() -> Iterator[Ledger]:
    ledger = Ledger(paths.ledger_path())
    yield ledger
    ledger.close()


@seeds
@pytest.mark.parametrize("site_id", SITES)
def test_cash_drawer_records_only_clean_money(
    qtbot: QtBot, ledger: Ledger, seed: int, site_id: str
) -> None:
    from pos_app.ui.day.dialogs import CashDrawerDialog

    site = site_for(site_id)
    rng = random.Random(seed)
    dialog = CashDrawerDialog(site, ledger.day, clock=clock)
    qtbot.addWidget(dialog)
    dialog.show()
    names = ["Ana", "José Pérez", "李", ""]
    reasons = ["cambio", "pago a proveedor", ""]
    written = 0
    for step in range(70):
        before = ledger.day.preview(site, now=clock())
        if rng.random() < 0.4:
            put(qtbot, rng, dialog.cashier, rng.choice(names) + typed(rng) * rng.randint(0, 1))
            put(qtbot, rng, dialog.starting_float, typed(rng))
            what = f"open {dialog.cashier.text()!r} {dialog.starting_float.text()!r}"
            if not dialog.open_shift_button.isEnabled():
                # One shift at a time: the button is off and says why; nothing is written.
                assert before.shifts and dialog.open_shift_button.toolTip(), (step, what)
                dialog.open_shift_button.click()
                assert ledger.day.preview(site, now=clock()).shifts == before.shifts
                continue
            dialog.open_shift_button.click()
        else:
            put(qtbot, rng, dialog.amount, typed(rng))
            put(qtbot, rng, dialog.reason, rng.choice(reasons) + typed(rng) * rng.randint(0, 1))
            what = f"move {dialog.amount.text()!r} {dialog.reason.text()!r}"
            rng.choice([dialog.cash_in_button, dialog.cash_out_button]).click()
        after = ledger.day.preview(site, now=clock())
        grew = len(after.shifts) + len(after.movements) - len(before.shifts) - len(before.movements)
        assert grew in (0, 1), (step, what)
        if grew:
            written += 1
            assert not dialog.problem.text(), (step, what)
        else:
            assert dialog.problem.text(), (step, what)
        assert dialog.isVisible()
    report = ledger.day.preview(site, now=clock())
    for shift in report.shifts:
        assert_clean(shift.cashier, tf.CASHIER_NAME.limit)
        assert shift.cashier
        assert_money(shift.starting_float, site, zero_ok=True)
    for movement in report.movements:
        assert_clean(movement.reason, tf.CASH_REASON.limit)
        assert movement.reason
        assert_money(movement.amount, site)
    assert_money(report.starting_float, site, zero_ok=True)
    assert written


@pytest.mark.parametrize(("site_id", "zero"), [("MLA", "0"), ("MLA", "0,00"), ("MLC", "$ 0")])
def test_a_shift_opens_with_an_empty_drawer(
    qtbot: QtBot, ledger: Ledger, site_id: str, zero: str
) -> None:
    """The window said "The amount must be greater than zero." to a starting float of 0 (its
    ``zero_ok`` came after the reader that refused it): a drawer may start empty."""
    from pos_app.ui.day.dialogs import CashDrawerDialog

    site = site_for(site_id)
    dialog = CashDrawerDialog(site, ledger.day, clock=clock)
    qtbot.addWidget(dialog)
    dialog.cashier.setText("Ana")
    dialog.starting_float.setText(zero)
    dialog.open_shift()
    assert dialog.problem.text() == ""
    [shift] = ledger.day.preview(site, now=clock()).shifts
    assert shift.starting_float == 0
    for refused in ("-0", "-1", "0,001" if site.decimals else "0,5"):
        dialog.cashier.setText("Ana")
        dialog.starting_float.setText(refused)
        dialog.open_shift()
        assert dialog.problem.text(), refused
    dialog.amount.setText("0")  # a movement of nothing is still refused
    dialog.reason.setText("nada")
    dialog.add_movement(MovementKind.IN)
    assert dialog.problem.text() and not ledger.day.preview(site, now=clock()).movements


@seeds
@pytest.mark.parametrize("site_id", SITES)
def test_close_of_the_day_counts_only_money(
    qtbot: QtBot, ledger: Ledger, seed: int, site_id: str
) -> None:
    from pos_app.ui.day.dialogs import CloseDayDialog

    site = site_for(site_id)
    rng = random.Random(seed)
    dialog = CloseDayDialog(site, ledger.day, clock=clock)
    qtbot.addWidget(dialog)
    dialog.show()
    requested: list[Decimal | None] = []
    dialog.closeRequested.connect(requested.append)
    for step in range(60):
        put(qtbot, rng, dialog.counted, typed(rng))
        text = dialog.counted.text()
        counted = dialog.counted_cash()
        report = dialog.shown_report()
        if counted is not None:
            assert_money(counted, site, zero_ok=True)
            assert report.counted_cash == counted
            assert report.difference == counted - report.expected_cash
        else:
            assert report.counted_cash is None and report.difference is None
        heading = dialog.heading.text()
        dialog._close_clicked()  # the button's slot; the question answered No
        if text.strip() and counted is None:
            assert dialog.heading.text() == dialog.counted.problem() != "", (step, text)
        else:
            answer(qtbot, "confirmCloseDay", yes=False)
            assert dialog.heading.text() == heading
        if rng.random() < 0.2 and (counted is not None or not text.strip()):
            dialog.request_close()
            assert requested[-1] == counted
            dialog.close_day_button.setEnabled(True)
    assert dialog.isVisible()
    assert any(c is not None for c in requested)


@pytest.mark.parametrize(("site_id", "zero"), [("MLA", "0"), ("MLA", "0,00"), ("MLC", "0")])
def test_an_empty_drawer_can_be_counted_at_the_close(
    qtbot: QtBot, ledger: Ledger, site_id: str, zero: str
) -> None:
    """Counted "0" was refused ("The amount must be greater than zero."): a day that ends with
    the drawer emptied could only be closed without a count."""
    from pos_app.ui.day.dialogs import CloseDayDialog

    site = site_for(site_id)
    dialog = CloseDayDialog(site, ledger.day, clock=clock)
    qtbot.addWidget(dialog)
    dialog.counted.setText(zero)
    assert dialog.counted_cash() == 0
    assert dialog.shown_report().counted_cash == 0
    dialog.counted.setText("-1")
    assert dialog.counted_cash() is None and dialog.counted.problem()


def test_typing_the_counted_cash_makes_again_only_the_rows_it_changes(
    qtbot: QtBot, ledger: Ledger
) -> None:
    """The close reads the report again at each key typed in the counted cash: the table shows
    the same rows as a close opened with that count, and the rows the count leaves as they were
    keep their items (all ~20 were made again at each key)."""
    from pos_app.ui.day.dialogs import CashDrawerDialog, CloseDayDialog

    def table(dialog: CloseDayDialog) -> list[tuple[str, str]]:
        rows = dialog.rows
        return [(rows.item(r, 0).text(), rows.item(r, 1).text()) for r in range(rows.rowCount())]

    site = site_for("MLA")
    drawer = CashDrawerDialog(site, ledger.day, clock=clock)
    qtbot.addWidget(drawer)
    drawer.cashier.setText("Ana")
    drawer.starting_float.setText("1000")
    drawer.open_shift()
    assert not drawer.problem.text()
    dialog = CloseDayDialog(site, ledger.day, clock=clock)
    qtbot.addWidget(dialog)
    first = dialog.rows.item(0, 0)
    for typed_so_far in ("9", "90", "900", "900,5", "x"):
        dialog.counted.setText(typed_so_far)
        fresh = CloseDayDialog(site, ledger.day, clock=clock)
        qtbot.addWidget(fresh)
        fresh.counted.setText(typed_so_far)
        assert table(dialog) == table(fresh), typed_so_far
        assert dialog.rows.item(0, 0) is first  # the heading row never changes
    assert table(dialog) != []
