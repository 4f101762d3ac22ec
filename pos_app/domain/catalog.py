"""Products the store sells, as the catalog (and the scanner) knows them."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from pos_app.domain.cart import CartLine, UnitMeasure
from pos_app.domain.pricing import SaleUnit
from pos_app.errors import UserFacingError
from pos_app.i18n import QT_TRANSLATE_NOOP, message

_SHOWN = 40  # characters of a damaged value quoted in the message


class DamagedProductError(UserFacingError):
    """A product whose stored price (or IVA rate, or unit) is not one this till can hold: the
    catalog was edited by hand or damaged. It is never sold at a guessed price."""


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

    # A column the catalog could not read (``unit_price``, ``iva_rate``...) and its stored text;
    # empty for a sound product. A damaged product is listed but never sold: see
    # :meth:`problem` (its ``unit_price`` then holds zero, shown nowhere).
    damaged_column: str = ""
    damaged_value: str = ""

    @property
    def is_measured(self) -> bool:
        return self.sale_unit.is_measured

    @property
    def damaged(self) -> bool:
        return bool(self.damaged_column)

    def problem(self) -> DamagedProductError:
        """What to tell the person about a damaged product (name, code, value, what to do)."""
        text = self.damaged_value
        shown = "".join(c if c.isprintable() else "?" for c in text[:_SHOWN])
        shown += "…" if len(text) > _SHOWN else ""
        return DamagedProductError(
            message(
                "Catalog",
                QT_TRANSLATE_NOOP(
                    "Catalog",
                    "{title} ({sku}) cannot be sold: its {column} in the catalog is '{value}', "
                    "which is not an amount (the catalog was edited by hand or damaged). Type "
                    "its price again in Products, or restore a backup. The other products sell "
                    "as usual.",
                ),
                title=self.title,
                sku=self.sku,
                column=self.damaged_column,
                value=shown,
            )
        )

    def to_line(self, quantity: int = 1, *, measure: Decimal | None = None) -> CartLine:
        """A line of this product; a measured product needs ``measure`` (how much). A damaged
        product raises :class:`DamagedProductError` (:meth:`problem`)."""
        if self.damaged:
            raise self.problem()
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
