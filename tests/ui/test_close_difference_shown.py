"""The close of the day shows the drawer's difference as soon as the cash is counted, even at
the bottom of a long report (it was below the table's fold: scrolled to by nobody)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_app.domain.day import MovementKind
from pos_app.ui.counter.main_window import MainWindow
from tests.ui.conftest import settle

pytestmark = pytest.mark.gui


def test_a_counted_drawer_that_is_off_shows_its_difference(
    window: MainWindow, qtbot: QtBot, screenshot: Any
) -> None:
    now = datetime.now(UTC)
    day = window.rt.ledger.day
    day.open_shift("Ana", Decimal(5000), now=now)
    for n in range(15):  # a long day: the report is longer than its table
        day.add_movement(MovementKind.IN, Decimal(100 + n), f"Cambio {n}", now=now)
    closing = window.day.open_close_day()
    qtbot.waitExposed(closing)
    closing.resize(760, 560)
    settle()
    closing.counted.setText("1000")
    settle()
    table = closing.rows
    [row] = [
        r
        for r in range(table.rowCount())
        if table.item(r, 0).text() == "Difference: missing from the drawer"
    ]
    assert row > 20  # truly at the bottom of a long report
    where = table.visualItemRect(table.item(row, 0))
    assert table.viewport().rect().contains(where), (where, table.viewport().rect())
    assert (
        table.item(row, 1).text().replace("\u00a0", " ") == "−$ 5.605,00"
    )  # 1.000 - (5.000 + 1.605)
    screenshot(closing, "close_day_difference_in_view")
    closing.close()
