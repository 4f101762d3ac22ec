"""The one place a cart becomes the items of a Mercado Pago order.

Mercado Pago's instore items are ``unit_price × quantity`` with ``unit_measure`` ``unit`` or
``pack`` and prices in the currency's decimals. So:

- a measured line (``0,350 kg`` of cheese) is sent as quantity 1, its rounded total as the unit
  price, and a title carrying the weight and the price per unit of measure
  (``Queso cremoso 0,350 kg x $ 8.000/kg``);
- a line's own discount is already in its total; the sale's discount is shared among the lines
  in proportion to their totals, in whole currency units (cents, pesos) by largest remainder,
  so the shares add up to the sale's discount exactly and no line goes below zero;
- a unit line whose discounted total does not divide by its quantity is sent as two items of the
  same product, ``(q - r) × p`` and ``r × (p + 1 cent)``, so quantities stay true and
  ``Σ unit_price × quantity`` is the order's total to the cent (or peso);
- an item whose price ends at 0 (a line given away) is left out: Mercado Pago refuses a price of
  0, and it adds nothing to the total. The receipt still lists it.

Colombia's IVA is computed on these charged amounts (:meth:`Cart.iva_total`), so the ``taxes``
value is what the discounted prices contain.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING

from pos_app.domain.money import Site, format_money
from pos_app.domain.pricing import SaleUnit, format_measure
from pos_app.domain.validation import MAX_TITLE

if TYPE_CHECKING:
    from pos_app.domain.cart import Cart, CartLine


@dataclass(frozen=True)
class OrderLine:
    """One item of the order as sent: every amount valid for the site."""

    title: str
    unit_price: Decimal
    quantity: int
    unit_measure: str = "unit"
    sku: str = ""
    category: str = ""
    iva_rate: Decimal = Decimal(0)

    @property
    def total(self) -> Decimal:
        return self.unit_price * self.quantity


def share_out(total: Decimal, weights: list[Decimal], quantum: Decimal) -> list[Decimal]:
    """``total`` split in proportion to ``weights`` (all ≥ 0) in multiples of ``quantum``.

    Largest remainder: each share is first rounded down, then the quanta still missing go to the
    largest remainders (ties to the first line). The shares add up to ``total`` exactly, and no
    share exceeds its weight when ``total`` ≤ ``Σ weights`` and the weights are multiples of
    ``quantum``.
    """
    whole = sum(weights, Decimal(0))
    if not total or not whole:
        return [Decimal(0)] * len(weights)
    exact = [total * w / whole for w in weights]
    floors = [e.quantize(quantum, rounding=ROUND_FLOOR) for e in exact]
    missing = int((total - sum(floors, Decimal(0))) / quantum)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:missing]:
        floors[i] += quantum
    return floors


def charged_amounts(cart: Cart) -> list[Decimal]:
    """What each line is charged: its total after its own discount and its share of the
    sale's discount. They add up to :meth:`Cart.total` exactly."""
    nets = [line.total(cart.site) for line in cart]
    shares = share_out(cart.sale_discount_amount(), nets, cart.site.quantum)
    return [net - share for net, share in zip(nets, shares, strict=True)]


def measured_title(line: CartLine, site: Site) -> str:
    """``Queso cremoso 0,350 kg x $ 8.000/kg``, the name cut (never the weight) to fit."""
    assert line.measure is not None
    unit = line.sale_unit if line.sale_unit is not SaleUnit.UNIT else SaleUnit.KG
    suffix = (
        f" {format_measure(line.measure, unit, site)} x "
        f"{format_money(line.unit_price, site)}/{unit.value}"
    )
    name = line.title[: max(1, MAX_TITLE - len(suffix))].rstrip()
    return f"{name}{suffix}"


def order_lines(cart: Cart) -> tuple[OrderLine, ...]:
    """The items sent to Mercado Pago for ``cart`` (see the module's docstring)."""
    site = cart.site
    quantum = site.quantum
    items: list[OrderLine] = []
    for line, charged in zip(cart, charged_amounts(cart), strict=True):
        if line.is_measured:
            parts = [(measured_title(line, site), 1, charged)]
        else:
            each, rest = divmod(int(charged / quantum), line.quantity)
            parts = [
                (line.title, line.quantity - rest, each * quantum),
                (line.title, rest, (each + 1) * quantum),
            ]
        items.extend(
            OrderLine(
                title=title,
                unit_price=price,
                quantity=count,
                unit_measure=line.unit_measure.value,
                sku=line.sku,
                category=line.category,
                iva_rate=line.iva_rate,
            )
            for title, count, price in parts
            if count and price > 0
        )
    return tuple(items)
