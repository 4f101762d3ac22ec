"""Products the store sells, as the catalog (and the scanner) knows them."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from pos_app.domain.cart import CartLine, UnitMeasure
from pos_app.domain.pricing import SaleUnit


@dataclass(frozen=True)
class Product:
    sku: str
    title: str
    unit_price: Decimal
    barcode: str = ""
    category: str = ""
    unit_measure: UnitMeasure = UnitMeasure.UNIT
    iva_rate: Decimal = Decimal(0)
    # kg, g, l or m: ``unit_price`` is the price per unit of that measure.
    sale_unit: SaleUnit = SaleUnit.UNIT

    @property
    def is_measured(self) -> bool:
        return self.sale_unit.is_measured

    def to_line(self, quantity: int = 1, *, measure: Decimal | None = None) -> CartLine:
        """A line of this product; a measured product needs ``measure`` (how much)."""
        if self.is_measured and measure is None:
            raise ValueError("a product sold by measure needs its weight or measure")
        return CartLine(
            sku=self.sku,
            title=self.title,
            unit_price=self.unit_price,
            quantity=quantity,
            barcode=self.barcode,
            category=self.category,
            unit_measure=self.unit_measure,
            iva_rate=self.iva_rate,
            sale_unit=self.sale_unit,
            measure=measure if self.is_measured else None,
        )


def normalize_text(text: str) -> str:
    """Lower-case without accents, so "azucar" finds "Azúcar" at the counter."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()
