"""Sales to print: an Argentine QR sale, a cash sale, a Colombian sale with IVA at 5 and 19 %."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from pos_app.domain.cart import CartLine
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.receipts.model import ShopInfo

AT = datetime(2026, 12, 1, 15, 4, tzinfo=UTC)

SHOP = ShopInfo(
    name="Almacén Don José",
    header="Av. Corrientes 1234, CABA\nCUIT 20-12345678-9",
    store_name="Sucursal Centro",
    box_name="Caja 1",
    footer="¡Gracias por su compra!",
)


def make_sale(
    site_id: str = "MLA",
    lines: tuple[CartLine, ...] = (),
    tender: Tender | None = Tender.QR,
    payment_ids: tuple[int, ...] = (1234567890,),
) -> SaleSnapshot:
    from pos_app.domain.money import quantize, site_for

    site = site_for(site_id)
    total = quantize(sum((line.total(site) for line in lines), Decimal(0)), site)
    return SaleSnapshot(
        id=1,
        external_reference="CAJA01_000042_AB12",
        box_external_id="CAJA01",
        site_id=site_id,
        currency=site.currency,
        status=SaleStatus.PAID,
        total=total,
        created_at=AT,
        updated_at=AT,
        expires_at=None,
        lines=lines,
        payment_ids=payment_ids if tender is Tender.QR else (),
        paid_amount=total,
        tender=tender,
    )


ARG_LINES = (
    CartLine("Y1", "Yerba mate Playadito 1 kg", Decimal("4500.00"), 2),
    CartLine("A1", "Alfajor Havanna", Decimal("1250.50"), 1),
)
COL_LINES = (
    CartLine("C1", "Café Águila Roja 500 g", Decimal("18900"), 2, iva_rate=Decimal(5)),
    CartLine("G1", "Gaseosa Postobón 1,5 L", Decimal("5200"), 3, iva_rate=Decimal(19)),
    CartLine("P1", "Pan tajado", Decimal("6400"), 1),
)


@pytest.fixture
def arg_sale() -> SaleSnapshot:
    return make_sale("MLA", ARG_LINES)


@pytest.fixture
def col_sale() -> SaleSnapshot:
    return make_sale("MCO", COL_LINES)
