"""The refund ticket says why the money went back (the cashier's note), in the shop's language,
wrapped to the paper like every line; a refund without a note prints no empty reason."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from pos_app.domain.money import site_for
from pos_app.domain.text_fields import REFUND_NOTE
from pos_app.receipts import layout
from pos_app.receipts.language import translator
from pos_app.receipts.model import RefundInfo, refund_receipt
from tests.receipts.conftest import SHOP

WHEN = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "said"),
    [("en", "Reason: Defective"), ("es", "Motivo: Defective"), ("pt_BR", "Motivo: Defective")],
)
def test_the_refund_ticket_prints_the_note(arg_sale, language: str, said: str) -> None:
    refund = RefundInfo(Decimal("1250.50"), WHEN, "998877", note="Defective")
    texts = refund_receipt(arg_sale, site_for("MLA"), SHOP, refund).texts(translator(language))
    assert texts.payment[-1] == said
    assert len(texts.payment) == 3  # how it went back, Mercado Pago's id, the reason


def test_a_refund_without_a_note_has_no_reason_line(arg_sale) -> None:
    refund = RefundInfo(Decimal(100), WHEN, cash=True)
    texts = refund_receipt(arg_sale, site_for("MLA"), SHOP, refund).texts(translator("es"))
    assert texts.payment == ("Devuelto en efectivo",)


@pytest.mark.parametrize("width", [32, 48])
def test_a_note_at_its_limit_wraps_to_the_paper_and_is_printed_whole(arg_sale, width) -> None:
    words = "la caja llegó abierta y el producto estaba roto, el cliente trajo el ticket"
    note = (words + " ") * 3
    note = note[: REFUND_NOTE.limit].strip()
    refund = RefundInfo(Decimal(100), WHEN, "998877", note=note)
    texts = refund_receipt(arg_sale, site_for("MLA"), SHOP, refund).texts(translator("en"))
    lines = layout.layout(texts, width)
    assert all(len(line.text) <= width for line in lines)
    printed = layout.plain_text(lines, width)
    assert " ".join(printed.split()).count(" ".join(f"Reason: {note}".split())) == 1
