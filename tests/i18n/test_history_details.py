"""The sales history's Detail column speaks the cashier's language: every form a history line's
detail takes (tests/domain/test_history_words.py) is shown translated, the stored text kept for
support in the cell's tooltip and its raw-detail role. Screenshot: 45_history_details_<lang>."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_app.domain.money import site_for
from pos_app.domain.records import SaleEvent
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.ui.counter.sales_view import COL_EVENT_DETAIL, RawDetailRole, TodaySalesDialog
from tests.domain.test_history_words import FORMS, KEY
from tests.receipts.test_discounts import discounted_sale

pytestmark = pytest.mark.gui

# Stored forms that must never reach a cashier's eyes as such.
RAW = ("merchant orders", "[", KEY, '"context"', "left the box", "never reached", "cash")
SPANISH = {
    "merchant orders [7001]": "orden de Mercado Pago 7001",
    "cash": "cobrada en efectivo",
    "500 88123456": "$ 500,00, devolución de Mercado Pago 88123456",
}


@pytest.mark.parametrize("lang", ["en", "es", "pt_BR"])
def test_every_detail_is_said_in_words_and_kept_for_support(
    lang: str, qtbot: QtBot, screenshot: Any
) -> None:
    sale = replace(discounted_sale(), status=SaleStatus.PAID, tender=Tender.QR)
    start = datetime.now(UTC) - timedelta(minutes=30)
    events = [
        SaleEvent(start + timedelta(minutes=i), kind, None, status, cause, detail)
        for i, (kind, cause, status, detail, _words) in enumerate(FORMS)
    ]
    dialog = TodaySalesDialog(
        site_for("MLA"),
        sales_since=lambda _start: [sale],
        get_sale=lambda _ref: sale,
        sale_events=lambda _ref: events,
    )
    qtbot.addWidget(dialog)
    dialog.resize(1280, 900)
    dialog.refresh()
    table = dialog.events
    assert table.rowCount() == len(FORMS)
    for row, (_kind, _cause, _status, detail, words) in enumerate(FORMS):
        item = table.item(row, COL_EVENT_DETAIL)
        assert item is not None
        shown = item.text()
        assert bool(shown) == bool(words), detail
        assert item.data(RawDetailRole) == detail
        if lang == "en":
            assert shown == words
        if detail and shown != detail:
            assert detail in item.toolTip()  # support reads what the ledger holds
        if lang == "es" and detail in SPANISH:
            assert shown == SPANISH[detail]
        if lang != "en" and detail:
            assert not any(raw in shown for raw in RAW if raw in detail), (lang, shown)
            assert shown != words or words.startswith("$"), (lang, shown)  # translated
    dialog.show()
    qtbot.waitExposed(dialog)
    screenshot(dialog, f"45_history_details_{lang}")
    dialog.close()
