"""Products the store sells, as the catalog (and the scanner) knows them."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from pos_app.domain.cart import CartLine, UnitMeasure


@dataclass(frozen=True)
class Product:
    sku: str
    title: str
    unit_price: Decimal
    barcode: str = ""
    category: str = ""
    unit_measure: UnitMeasure = UnitMeasure.UNIT
    iva_rate: Decimal = Decimal(0)

    def to_line(self, quantity: int = 1) -> CartLine:
        return CartLine(
            sku=self.sku,
            title=self.title,
            unit_price=self.unit_price,
            quantity=quantity,
            barcode=self.barcode,
            category=self.category,
            unit_measure=self.unit_measure,
            iva_rate=self.iva_rate,
        )


def normalize_text(text: str) -> str:
    """Lower-case without accents, so "azucar" finds "Azúcar" at the counter."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()
