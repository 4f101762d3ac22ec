"""The close's check against Mercado Pago says how many Orders API sales it confirmed through
their orders (no listed payment names them: without it, "0 payments at Mercado Pago, 0 in the
books. Everything matches." read as if nothing had been checked)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_app.domain.reconciliation import Reconciliation
from tests.benchmarks.dialogs_bench import builders
from tests.ui.keyboard_audit import build

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return builders(Path(tmp_path_factory.mktemp("close")), sales=3, products=3)


@pytest.mark.parametrize(
    ("confirmed", "said"),
    [
        (0, None),
        (1, "1 Orders API sale confirmed by its order."),
        (3, "3 Orders API sales confirmed by their orders."),
    ],
)
def test_the_check_says_how_many_orders_it_confirmed(
    qtbot: QtBot, table: dict[str, Any], confirmed: int, said: str | None, screenshot: Any
) -> None:
    close = build(table, "CloseDayDialog")
    qtbot.addWidget(close)
    now = datetime.now().astimezone()
    close.show_reconciliation(
        Reconciliation(
            begin=now - timedelta(hours=6),
            end=now + timedelta(hours=18),
            payments_seen=0,
            matched=0,
            orders_confirmed=confirmed,
        )
    )
    text = close.reconcile_status.text()
    assert text.startswith("0 payments at Mercado Pago today, 0 in the books.")
    assert "Everything matches." in text
    screenshot(close, f"close_day_orders_confirmed_{confirmed}")
    if said is None:
        assert "Orders API" not in text
    else:
        assert said in text
