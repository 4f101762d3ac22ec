"""The drawer window lists the period's shifts and movements in the order they happened, also
in a period that goes past midnight (a bar, a 24-hour kiosk): it used to sort them by their
"HH:MM" text, which put 00:10 before 23:50."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from pos_app.domain.day import MovementKind
from pos_app.domain.money import site_for
from pos_app.ledger.store import Ledger

pytestmark = pytest.mark.gui


def test_a_period_past_midnight_is_listed_in_time_order(qtbot: QtBot, ledger: Ledger) -> None:
    from pos_app.ui.day.dialogs import CashDrawerDialog

    # 23:50 local time, at least a day ago (the period is still open: nothing was closed).
    late = (datetime.now().astimezone() - timedelta(days=1)).replace(
        hour=23, minute=50, second=0, microsecond=0
    )
    ledger.day.open_shift("Ana", Decimal(1000), now=late)
    ledger.day.add_movement(
        MovementKind.IN, Decimal(200), "cambio", now=late + timedelta(minutes=20)
    )
    dialog = CashDrawerDialog(site_for("MLA"), ledger.day, clock=lambda: late + timedelta(hours=1))
    qtbot.addWidget(dialog)
    table = dialog.movements
    listed = [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]
    assert listed == [("23:50", "Shift opened: Ana"), ("00:10", "In: cambio")]
