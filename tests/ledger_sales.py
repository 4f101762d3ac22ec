"""A sale written straight into a ledger, as the engine leaves it (no Mercado Pago): created,
then paid by QR unless told otherwise, with the history event the day book reads."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal

from pos_app.domain.cart import CartLine
from pos_app.domain.money import Site, site_for
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.ledger.store import Ledger

MLA = site_for("MLA")


def record_sale(
    ledger: Ledger,
    lines: Sequence[CartLine],
    *,
    at: datetime,
    site: Site = MLA,
    total: Decimal | None = None,
    iva_total: Decimal | None = None,
    paid: bool = True,
    payment_id: int = 5550001,
) -> SaleSnapshot:
    """``total``: the lines' sum unless given (a cart's, with discounts). ``paid=False``: left
    open, as just created."""
    if total is None:
        total = sum((line.unit_price * line.quantity for line in lines), Decimal(0))
    sale = ledger.create_sale(
        user_id=1,
        store_external_id="SUC001",
        box_external_id="CAJA01",
        site=site,
        title="Almacén",
        lines=list(lines),
        total=total,
        iva_total=iva_total,
        now=at,
        expires_at=at + timedelta(minutes=10),
    )
    if not paid:
        return sale
    return ledger.update_sale(
        sale.external_reference,
        {
            "status": SaleStatus.PAID,
            "tender": Tender.QR,
            "payment_ids": [payment_id],
            "paid_amount": total,
        },
        now=at,
        kind="status",
        cause="test",
        old_status=SaleStatus.CREATING,
        new_status=SaleStatus.PAID,
    )
