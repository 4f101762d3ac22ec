"""Hostile input in the refund dialog: the amount to give back and the quantities per line,
on a cash sale (refunded in the ledger, no Mercado Pago), in Argentine and Chilean pesos.

Seeded fuzz (:mod:`tests.ui.fuzz_input`): nothing raises; every refund written is money in the
site's decimals, above zero, and together they never pass what was paid; an amount that is not
one says why under the choice instead of just greying the button."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_app.checkout.refunds import RefundService
from pos_app.domain.cart import CartLine
from pos_app.domain.money import site_for
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.ledger.refunds import RefundStatus
from pos_app.ledger.store import Ledger
from pos_app.settings import paths
from tests.ledger_sales import record_sale
from tests.ui.conftest import wait_settled
from tests.ui.fuzz_input import SITES, assert_money, put, seeds, typed

pytestmark = pytest.mark.gui


@pytest.fixture
def ledger() -> Iterator[Ledger]:
    ledger = Ledger(paths.ledger_path())
    yield ledger
    ledger.close()


def cash_sale(ledger: Ledger, site_id: str) -> SaleSnapshot:
    site = site_for(site_id)
    cents = Decimal("0.50") if site.decimals else Decimal(0)
    lines = [
        CartLine(sku="YER1", title="Yerba", unit_price=Decimal(4890) + cents, quantity=3),
        CartLine(sku="QUE1", title="Queso", unit_price=Decimal(3125), quantity=2),
    ]
    now = datetime.now(UTC)
    sale = record_sale(ledger, lines, at=now, site=site, paid=False)
    return ledger.update_sale(
        sale.external_reference,
        {"status": SaleStatus.PAID, "tender": Tender.CASH, "paid_amount": sale.total},
        now=now,
        kind="status",
        cause="test",
        old_status=SaleStatus.CREATING,
        new_status=SaleStatus.PAID,
    )


def no_client() -> Any:
    raise AssertionError("a cash sale is refunded without Mercado Pago")


@seeds
@pytest.mark.parametrize("site_id", SITES)
def test_refund_dialog_gives_back_only_money_that_was_paid(
    qtbot: QtBot, ledger: Ledger, qloop: Any, seed: int, site_id: str
) -> None:
    from pos_app.ui.day.refund_dialog import RefundDialog

    site = site_for(site_id)
    rng = random.Random(seed)
    sale = cash_sale(ledger, site_id)
    service = RefundService(ledger, no_client)
    dialog = RefundDialog(sale, service)
    qtbot.addWidget(dialog)
    dialog.show()
    for step in range(40):
        roll = rng.random()
        if roll < 0.7:
            dialog.by_amount.setChecked(True)
            text = rng.choice(["1", "100", "1.000", "5,5"]) if rng.random() < 0.3 else typed(rng)
            put(qtbot, rng, dialog.amount, text)
            typed_text = dialog.amount.text()
            if typed_text.strip() and dialog.amount.problem():
                assert not dialog.refund_button.isEnabled()
                assert dialog.status.text() == dialog.amount.problem(), (step, typed_text)
        elif roll < 0.9:
            for spin in dialog.spins:
                spin.setValue(rng.randint(0, spin.maximum()))
        else:
            dialog.whole.setChecked(rng.random() < 0.2)
        if dialog.refund_button.isEnabled() and rng.random() < 0.5:
            task = dialog.start_refund()
            assert task is not None
            # And the dialog's callbacks on it: the next step reads Refund's state they set.
            wait_settled([task], timeout=3000)
            assert dialog.status.text()
        refunds = service.store.for_sale(sale.external_reference)
        done = [r for r in refunds if r.status is RefundStatus.REFUNDED]
        for record in done:
            assert_money(record.amount, site)
        assert sum((r.amount for r in done), Decimal(0)) <= sale.total
        assert service.refundable(ledger.get_sale(sale.external_reference) or sale) >= 0
    assert dialog.isVisible()


def test_an_amount_that_is_not_one_says_why(
    qtbot: QtBot, ledger: Ledger, qloop: Any, screenshot: Any
) -> None:
    """The Refund button went grey and nothing said why ("1,5" in Chilean pesos, "-5", "NaN")."""
    from pos_app.ui.day.refund_dialog import RefundDialog

    sale = cash_sale(ledger, "MLC")
    dialog = RefundDialog(sale, RefundService(ledger, no_client))
    qtbot.addWidget(dialog)
    dialog.by_amount.setChecked(True)
    dialog.show()
    for text in ("1,5", "-5", "NaN", "１２"):
        dialog.amount.setText(text)
        assert not dialog.refund_button.isEnabled()
        assert dialog.status.text() == dialog.amount.problem() != "", text
    screenshot(dialog, "refund_amount_problem_mlc")
    # Every column title is whole (the price's was cut to "aid per uni" at 100 px).
    header = dialog.lines.horizontalHeader()
    for column in range(dialog.lines.columnCount()):
        title = dialog.lines.horizontalHeaderItem(column).text()
        assert header.sectionSize(column) >= header.sectionSizeHint(column), title
    dialog.amount.setText("1.500")
    assert dialog.refund_button.isEnabled() and dialog.status.text() == ""
    dialog.amount.setText("")
    assert not dialog.refund_button.isEnabled() and dialog.status.text() == ""
