"""The cart: lines of products being sold, with totals that never drift.

Lines are frozen; the cart replaces a line to change it, so a view holding an old line never
sees it change under its feet. All amounts are ``Decimal`` quantised to the site's rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import ROUND_FLOOR, Decimal
from enum import StrEnum

from pos_app.domain.money import Site, quantize
from pos_app.domain.pricing import (
    Discount,
    SaleUnit,
    check_measure,
    iva_contained,
    line_gross,
)
from pos_app.domain.validation import (
    IVA_RATES,
    MAX_QUANTITY,
    MIN_QUANTITY,
    ValidationError,
    check_quantity,
    check_unit_price,
    clean_title,
)
from pos_app.i18n import QT_TRANSLATE_NOOP, message

# IVA_RATES: defined in validation
__all__ = ["IVA_RATES", "Cart", "CartLine", "CartLockedError", "UnitMeasure"]


class UnitMeasure(StrEnum):
    """The two measures Mercado Pago's instore orders accept."""

    UNIT = "unit"
    PACK = "pack"


@dataclass(frozen=True)
class CartLine:
    sku: str
    title: str
    unit_price: Decimal
    quantity: int = 1
    barcode: str = ""
    category: str = ""
    unit_measure: UnitMeasure = UnitMeasure.UNIT
    iva_rate: Decimal = Decimal(0)
    # Sold by measure (kg, g, l, m): ``unit_price`` is per unit of measure, ``measure`` is how
    # much was sold (three decimals at most) and ``quantity`` stays 1.
    sale_unit: SaleUnit = SaleUnit.UNIT
    measure: Decimal | None = None
    discount: Discount | None = None

    @property
    def is_measured(self) -> bool:
        return self.measure is not None

    @property
    def amount(self) -> Decimal:
        """How much was sold: the measure (``0.350`` kg) or the number of units."""
        return self.measure if self.measure is not None else Decimal(self.quantity)

    @property
    def key(self) -> str:
        """Lines with the same key merge: same product at the same price (and IVA rate: two
        custom amounts alike but for their rate stay apart; and the same discount). A measured
        line never merges: each weighing is its own line."""
        if self.measure is not None:
            return f"{id(self)}"
        return (
            f"{self.sku}\x00{self.unit_price}\x00{self.title}\x00{self.iva_rate}\x00{self.discount}"
        )

    def gross(self, site: Site) -> Decimal:
        """Before the line's discount: price × quantity or measure, rounded once."""
        return line_gross(self.unit_price, self.amount, site)

    def discount_amount(self, site: Site) -> Decimal:
        """What the line's own discount takes off (0 without one)."""
        if self.discount is None:
            return Decimal(0)
        return self.discount.amount_off(self.gross(site), self.amount, site)

    def total(self, site: Site) -> Decimal:
        """What the line costs after its own discount (a sale discount comes on top)."""
        return self.gross(site) - self.discount_amount(site)

    def iva_contained(self, site: Site) -> Decimal:
        """IVA included in this line's total, unrounded (the sale rounds once)."""
        return iva_contained(self.total(site), self.iva_rate)


class Cart:
    """An ordered list of lines for one site."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._lines: list[CartLine] = []
        self.sale_discount: Discount | None = None

    # -- reading ----------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._lines)

    def __iter__(self) -> Iterator[CartLine]:
        return iter(self._lines)

    def __getitem__(self, row: int) -> CartLine:
        return self._lines[row]

    @property
    def lines(self) -> tuple[CartLine, ...]:
        return tuple(self._lines)

    @property
    def is_empty(self) -> bool:
        return not self._lines

    def subtotal(self) -> Decimal:
        """The lines' totals (each after its own discount), before the sale's discount."""
        return quantize(sum((line.total(self.site) for line in self._lines), Decimal(0)), self.site)

    def sale_discount_amount(self) -> Decimal:
        if self.sale_discount is None:
            return Decimal(0)
        subtotal = self.subtotal()
        return self.sale_discount.amount_off(subtotal, Decimal(1), self.site)

    def discount_total(self) -> Decimal:
        """Every discount in the cart: the lines' own and the sale's."""
        own = sum((line.discount_amount(self.site) for line in self._lines), Decimal(0))
        return own + self.sale_discount_amount()

    def total(self) -> Decimal:
        return self.subtotal() - self.sale_discount_amount()

    def item_count(self) -> int:
        return sum(line.quantity for line in self._lines)

    def iva_total(self) -> Decimal:
        """Total IVA contained in the cart (Colombia: an integer number of pesos).

        The rule, the same for the cart, the order's ``taxes``, the ledger and the sandbox's
        check: each line's prices *include* IVA, so a line contains ``total × rate / (100 +
        rate)``; those are summed unrounded and the sum is rounded once, half-up, to the site's
        decimals. Rounding each line first would let the error grow with the number of lines.
        For COP the exact sum is a multiple of 1/357 (rates 5 and 19 give x/21 and 19x/119),
        which is never exactly half a peso, so half-up versus half-even never decides anything.
        Exempt lines (rate 0) contribute 0; an exempt-only cart contains 0.
        """
        return quantize(sum(self._iva_by_rate_raw().values(), Decimal(0)), self.site)

    def _iva_by_rate_raw(self) -> dict[Decimal, Decimal]:
        """IVA contained per rate, unrounded, on the prices actually charged: each line's
        total after its own discount and its share of the sale's discount."""
        # Here, not at the top: the ledger reads sales' lines (CartLine) without order items.
        from pos_app.domain.order_lines import charged_amounts

        raw: dict[Decimal, Decimal] = {}
        for line, charged in zip(self._lines, charged_amounts(self), strict=True):
            if line.iva_rate:
                raw[line.iva_rate] = raw.get(line.iva_rate, Decimal(0)) + iva_contained(
                    charged, line.iva_rate
                )
        return raw

    def iva_by_rate(self) -> tuple[tuple[Decimal, Decimal], ...]:
        """``(rate, IVA contained)`` for each non-zero rate in the cart, highest rate first.

        The amounts are rounded to the site's decimals so that they add up to exactly
        :meth:`iva_total` (largest remainder), so a receipt's breakdown and its total agree.
        """
        return iva_breakdown(self._iva_by_rate_raw(), self.site)

    # -- changing ---------------------------------------------------------------------------
    def add(self, line: CartLine) -> int:
        """Add ``line`` (validated) or merge it into an equal one; returns the row touched."""
        line = replace(
            line,
            title=clean_title(line.title),
            unit_price=check_unit_price(line.unit_price, self.site),
        )
        check_quantity(line.quantity)
        if line.measure is not None:
            check_measure(line.measure)
            if line.quantity != 1:
                raise ValueError("a measured line has quantity 1")
        for row, existing in enumerate(self._lines):
            if existing.key == line.key:
                self._lines[row] = replace(
                    existing, quantity=check_quantity(existing.quantity + line.quantity)
                )
                return row
        self._lines.append(line)
        return len(self._lines) - 1

    def set_quantity(self, row: int, quantity: int) -> CartLine:
        if self._lines[row].is_measured:
            return self._lines[row]  # a weighed line is weighed again, not multiplied
        line = replace(self._lines[row], quantity=check_quantity(quantity))
        self._lines[row] = line
        return line

    def change_quantity(self, row: int, delta: int) -> CartLine:
        """``+``/``-`` keys: clamp into 1..9999 rather than refuse."""
        current = self._lines[row].quantity
        wanted = min(MAX_QUANTITY, max(MIN_QUANTITY, current + delta))
        return self.set_quantity(row, wanted)

    def set_line_discount(self, row: int, discount: Discount | None) -> CartLine:
        line = replace(self._lines[row], discount=discount)
        self._lines[row] = line
        return line

    def remove(self, row: int) -> CartLine:
        return self._lines.pop(row)

    def clear(self) -> None:
        self._lines.clear()
        self.sale_discount = None

    def restore(self, lines: list[CartLine]) -> None:
        """Load lines already validated (a sale read back from the ledger)."""
        self._lines = list(lines)


class CartLockedError(ValidationError):
    """The cart cannot change while its charge is in progress (the counter's window locks its
    cart model then: :class:`pos_app.ui.counter.cart_model.CartTableModel`)."""

    def __init__(self) -> None:
        super().__init__(
            message(
                "CartModel",
                QT_TRANSLATE_NOOP(
                    "CartModel",
                    "The cart cannot change while the customer is paying. Cancel first.",
                ),
            )
        )


def iva_breakdown(raw: dict[Decimal, Decimal], site: Site) -> tuple[tuple[Decimal, Decimal], ...]:
    """``(rate, IVA)`` from the unrounded IVA per rate, highest rate first: their sum rounded
    once, half-up, to the site's decimals, and shared by largest remainder so the rates add up
    to it (:meth:`Cart.iva_by_rate`; a refund ticket's IVA too)."""
    raw = {rate: amount for rate, amount in raw.items() if rate}
    if not raw:
        return ()
    quantum = site.quantum
    total = quantize(sum(raw.values(), Decimal(0)), site)
    floors = {rate: amount.quantize(quantum, rounding=ROUND_FLOOR) for rate, amount in raw.items()}
    missing = int((total - sum(floors.values(), Decimal(0))) / quantum)
    by_remainder = sorted(raw, key=lambda rate: (raw[rate] - floors[rate], rate), reverse=True)
    for rate in by_remainder[:missing]:
        floors[rate] += quantum
    return tuple((rate, floors[rate]) for rate in sorted(floors, reverse=True))
