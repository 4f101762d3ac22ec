"""The Refund dialog gives back part of a weighed item by its weight: the cashier types the
weight returned (``0,200`` of ``0,350 kg`` of cheese) in the item's row and the dialog says what
it gives back, worked out as the refund will. Until 2026-12-02 a weighed item had a spin box of
0 to 1 (all of it or nothing): part of it could only go back as an amount typed by hand."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtWidgets import QLineEdit

from pos_app.domain.cart import CartLine
from pos_app.domain.money import site_for
from pos_app.domain.pricing import Discount, DiscountKind, SaleUnit
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.ledger.store import Ledger
from pos_app.receipts.language import translator
from pos_app.receipts.service import receipt_for_refund
from pos_app.settings import paths
from pos_app.settings.config import Config
from tests.ui.test_refund_dialog_amounts import dialog_for, refund_and_wait

pytestmark = pytest.mark.gui

CHEESE = CartLine(
    "Q1", "Queso cremoso", Decimal(8990), sale_unit=SaleUnit.KG, measure=Decimal("0.350")
)
BREAD = CartLine("P1", "Pan", Decimal(1990), 2)


@pytest.fixture
def ledger() -> Iterator[Ledger]:
    led = Ledger(paths.ledger_path())
    yield led
    led.close()


def cash_sale(ledger: Ledger) -> SaleSnapshot:
    """The cheese ($ 3.147) and two breads ($ 3.980), $ 1 off the sale, paid in cash (refunded
    as cash: nothing is sent)."""
    now = datetime.now(UTC)
    sale = ledger.create_sale(
        user_id=1,
        store_external_id="SUC001",
        box_external_id="CAJA01",
        site=site_for("MLC"),
        title="Almacén",
        lines=[CHEESE, BREAD],
        total=Decimal(7126),
        iva_total=None,
        now=now,
        expires_at=now + timedelta(minutes=10),
        sale_discount=Discount(DiscountKind.AMOUNT, Decimal(1)),
    )
    return ledger.update_sale(
        sale.external_reference,
        {"status": SaleStatus.CANCELED, "tender": Tender.CASH},
        now=now,
        kind="status",
        cause="test",
        old_status=SaleStatus.CREATING,
        new_status=SaleStatus.CANCELED,
    )


def type_weight(qtbot: Any, field: QLineEdit, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)


def test_part_of_a_weighed_item_goes_back_by_its_weight(
    qtbot: Any, qloop: Any, ledger: Ledger, screenshot: Any
) -> None:
    # 8.990 × 0,350 = $ 3.147 and 2 × $ 1.990; $ 1 off the sale falls on the bread.
    sale = cash_sale(ledger)
    dialog = dialog_for(qtbot, ledger, sale)
    field = dialog.spins[0]
    assert isinstance(field, QLineEdit) and field.placeholderText() == "0,350"
    type_weight(qtbot, field, "0.200")  # a dot in Chile: the same 0,200 kg
    assert dialog.by_lines.isChecked()
    assert dialog.lines_amount.text() == "These items give back $\u00a01.798."  # 3.147 × 0,2/0,35
    screenshot(dialog, "refund_weighed_item")
    assert refund_and_wait(qtbot, dialog) == "$\u00a01.798 refunded."
    (record,) = dialog.service.store.for_sale(sale.external_reference)
    assert record.lines == ((0, Decimal("0.200")),)
    field = dialog.spins[0]
    assert isinstance(field, QLineEdit) and field.placeholderText() == "0,150"  # what is left
    for typed, words in [
        ("0,151", "Line 1 (Queso cremoso): 0,150 kg left to give back."),
        ("0", "between 0,001 and 9999,999"),
        ("0,0005", "at most 3 decimals"),
        ("1e309", "type the weight given back like 0,200 kg"),
        ("NaN", "type the weight given back like 0,200 kg"),
        ("1.250", "can be read two ways"),  # a dot groups thousands in Chile
    ]:
        type_weight(qtbot, field, typed)
        assert words in dialog.lines_amount.text(), typed
        assert not dialog.refund_button.isEnabled(), typed
        assert dialog.start_refund() is None, typed  # nothing written
    assert len(dialog.service.store.for_sale(sale.external_reference)) == 1
    type_weight(qtbot, field, "0,150")
    assert dialog.lines_amount.text() == "These items give back $\u00a01.349."
    tickets: list[Any] = []
    dialog.ticketRequested.connect(tickets.append)
    assert refund_and_wait(qtbot, dialog) == "$\u00a01.349 refunded."
    # The whole weight gave back exactly what the cheese was charged; nothing more of it.
    assert dialog.service.store.refunded_amount(sale.external_reference) == Decimal(3147)
    assert not dialog.spins[0].isEnabled()
    dialog.ticket_button.click()
    (last,) = tickets
    records = dialog.service.store.for_sale(sale.external_reference)
    texts = receipt_for_refund(dialog.sale, last, Config(site_id="MLC"), records).texts(
        translator("es")
    )
    assert [(title, qty, total) for title, qty, total in texts.items] == [
        ("Queso cremoso", "0,150 kg × $ 8.990", "$ 1.349")
    ]
    dialog.close()
