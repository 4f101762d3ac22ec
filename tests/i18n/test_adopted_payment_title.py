"""A payment recorded as a sale from the day's check is named in the shop's language.

*Record as a sale* (the close's check, ``pos-app reconcile --adopt``) writes a sale of one line
named after the payment; that name is what the receipt, the sales history, its CSV and the
store database show. Until 2026-12-02 it was written in English whatever the shop spoke: a
Brazilian receipt read "Mercado Pago payment 1316785002".
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.sandbox.payments_search import foreign_payment
from pos_app.sandbox.state import SandboxState
from pos_app.ui.counter.main_window import MainWindow

pytestmark = pytest.mark.gui

WAIT = 10_000


@pytest.fixture
def sandbox_state() -> SandboxState:
    return SandboxState.seeded("MLB")


@pytest.mark.parametrize(
    ("lang", "title"),
    [("pt_BR", "Pagamento do Mercado Pago {id}"), ("es", "Pago de Mercado Pago {id}")],
)
def test_the_close_records_a_payment_in_the_windows_language(
    window: MainWindow, qtbot: QtBot, control: Any, lang: str, title: str
) -> None:
    box = control.state.box_or_404(control.state.box_external_id)
    payment = foreign_payment(control.state, box, Decimal("33.30"))
    closing = window.day.open_close_day()
    qtbot.mouseClick(closing.reconcile_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closing.reconciliation is not None, timeout=WAIT)
    qtbot.mouseClick(closing.adopt_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: closing.reconciliation is not None and closing.reconciliation.all_match,
        timeout=WAIT,
    )
    closing.close()
    [sale] = [s for s in window.rt.ledger.all_sales() if s.total == Decimal("33.30")]
    assert [line.title for line in sale.lines] == [title.format(id=payment.id)]
