"""Prices that change at the counter: products sold by measure, and discounts.

A product is sold by the unit or by a measure (``kg``, ``g``, ``l``, ``m``) with its price per
unit of that measure; a measured line carries how much was sold (up to three decimals, shown the
local way, ``0,350 kg``) and its total is rounded once to the currency. A line may carry one
discount (a percentage, an amount off the line, or a new unit price, each with a reason); a sale
may carry one discount (a percentage or an amount). Qt-free; amounts are ``Decimal``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from pos_app.domain.money import (
    Site,
    format_money_unbroken,
    quantize,
    written_decimals,
)
from pos_app.domain.text_fields import DISCOUNT_REASON, check_text
from pos_app.domain.validation import ValidationError, check_amount_bounds, too_many_decimals
from pos_app.i18n import QT_TRANSLATE_NOOP, message

CTX = "Validation"  # the messages share the validation messages' context
MEASURE_QUANTUM = Decimal("0.001")
MAX_MEASURE = Decimal("9999.999")
HUNDRED = Decimal(100)


class SaleUnit(StrEnum):
    """How a product is sold: by the unit, or by weight, volume or length."""

    UNIT = "unit"
    KG = "kg"
    G = "g"
    L = "l"
    M = "m"

    @property
    def is_measured(self) -> bool:
        return self is not SaleUnit.UNIT


def check_measure(measure: Decimal, decimal_mark: str = ",") -> Decimal:
    """A weight, volume or length sold: more than 0, at most 9999.999, three decimals at most.

    ``decimal_mark``: how the refusal writes its limits (the site's at the counter, ``0.001``
    in Mexico, where "0,001" reads as one; a dot on the command line)."""
    if not measure.is_finite() or measure <= 0 or measure > MAX_MEASURE:
        raise ValidationError(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "Validation", "The weight or measure must be between {low} and {high}."
                ),
                low=f"0{decimal_mark}001",
                high=f"9999{decimal_mark}999",
            )
        )
    if measure != measure.quantize(MEASURE_QUANTUM):
        raise ValidationError(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "Validation", "The weight or measure can have at most 3 decimals."
                ),
            )
        )
    return measure


def format_measure(measure: Decimal, unit: SaleUnit, site: Site) -> str:
    """``0,350 kg`` (the site's decimal mark; three decimals for kg, l and m, none for whole g)."""
    places = 0 if unit is SaleUnit.G and measure == measure.to_integral_value() else 3
    text = f"{measure:.{places}f}".replace(".", site.decimal_sep)
    return f"{text} {unit.value}"


def parse_measure(text: str, site: Site) -> Decimal | None:
    """A weight typed by the cashier: ``0,350``, ``0.350``, ``1,5`` or ``2``; None if not one.

    Either mark is read as the decimal mark (nobody groups thousands of kilograms at a till).
    """
    return _typed_number(_without_unit(text.strip()))


def check_one_reading(text: str, site: Site) -> None:
    """Refuse a weight typed in the site's thousands grouping (``1.250`` in Brazil, ``1,250`` in
    Mexico): :func:`parse_measure` takes either mark as the decimal mark, but there it is how a
    thousand is written (1250 g of a product priced per gram, read as 1,25 g: a thousandth of
    the price). A leading zero (``0.350``), the site's decimal mark, or digits alone say which
    is meant."""
    number = _without_unit(text.strip())
    sep = site.thousands_sep
    if sep not in ",." or number.count(sep) != 1:
        return
    whole, _, fraction = number.partition(sep)
    if (
        1 <= len(whole) <= 3
        and len(fraction) == 3
        and (whole + fraction).isascii()
        and (whole + fraction).isdigit()
        and not whole.startswith("0")
    ):
        raise ValidationError(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "Validation", "“{text}” can be read two ways: type {whole} or {fraction}."
                ),
                text=number,
                whole=whole + fraction,
                fraction=whole + site.decimal_sep + fraction,
            )
        )


def _without_unit(stripped: str) -> str:
    for unit in SaleUnit:
        if unit.is_measured and stripped.lower().endswith(unit.value):
            return stripped[: -len(unit.value)].strip()
    return stripped


def parse_percent(text: str) -> Decimal | None:
    """A percentage typed by the cashier: ``10``, ``12,5`` or ``12.5``, with or without one
    ``%``; None if not one. No unit: ``10kg`` or ``10 m`` (read by :func:`parse_measure`) was
    taken as 10 %."""
    stripped = text.strip()
    if stripped.endswith("%"):
        stripped = stripped[:-1].strip()
    return _typed_number(stripped)


def _typed_number(stripped: str) -> Decimal | None:
    """ASCII digits with at most one decimal mark (either ``,`` or ``.``), at most 12 long."""
    if not stripped or len(stripped) > 12:
        return None
    if stripped.count(",") + stripped.count(".") > 1:
        return None
    normal = stripped.replace(",", ".")
    if not all(c in "0123456789." for c in normal) or normal in (".",):
        return None
    if normal.startswith("."):
        normal = "0" + normal
    if normal.endswith("."):
        return None
    return Decimal(normal)


class DiscountKind(StrEnum):
    PERCENT = "percent"  # a percentage of the line or sale
    AMOUNT = "amount"  # an amount off the line's or sale's total
    PRICE = "price"  # lines only: a new unit price (per unit of measure)


@dataclass(frozen=True)
class Discount:
    """A discount on a line (any kind) or on the whole sale (percent or amount)."""

    kind: DiscountKind
    value: Decimal
    reason: str = ""

    def amount_off(self, gross: Decimal, measure: Decimal, site: Site) -> Decimal:
        """What this discount takes from ``gross`` (a total of ``measure`` units), rounded once
        to the currency, never more than ``gross`` and never negative."""
        if self.kind is DiscountKind.PERCENT:
            off = quantize(gross * self.value / HUNDRED, site)
        elif self.kind is DiscountKind.AMOUNT:
            off = self.value
        else:
            off = gross - quantize(self.value * measure, site)
        return min(gross, max(Decimal(0), off))

    def above_limit(self, gross: Decimal, measure: Decimal, site: Site, limit: int) -> bool:
        """Whether this discount takes more than ``limit`` % of ``gross`` (the supervisor's PIN
        is then asked), compared in money: the limit's share rounded to the currency as a
        percentage discount rounds. A percentage at the limit is within it (20 % of $ 999
        takes $ 200 in pesos, 20.02 % of it, and was refused as above 20 %), and so is an
        amount equal to what that percentage takes."""
        allowed = quantize(gross * Decimal(limit) / HUNDRED, site)
        return self.amount_off(gross, measure, site) > allowed

    def percent_of(self, gross: Decimal, measure: Decimal, site: Site) -> Decimal:
        """The discount as a percentage of ``gross`` (what the supervisor limit compares)."""
        if not gross:
            return Decimal(0)
        return self.amount_off(gross, measure, site) * HUNDRED / gross


def check_discount(discount: Discount, site: Site, *, on_line: bool) -> Discount:
    """Refuse a discount that makes no sense before it touches a cart; the one returned has its
    reason cleaned (:data:`~pos_app.domain.text_fields.DISCOUNT_REASON`: at most 60 characters,
    one line on the receipt)."""
    reason = check_text(discount.reason, DISCOUNT_REASON)
    if reason != discount.reason:
        discount = replace(discount, reason=reason)
    value = discount.value
    if discount.kind is DiscountKind.PRICE and not on_line:
        raise ValueError("a sale discount is a percentage or an amount")
    if discount.kind is DiscountKind.PERCENT:
        if not value.is_finite() or value <= 0 or value > HUNDRED:
            raise ValidationError(
                message(
                    CTX,
                    QT_TRANSLATE_NOOP(
                        "Validation", "A percentage discount must be more than 0 and at most 100."
                    ),
                )
            )
        if value != value.quantize(Decimal("0.01")):
            raise ValidationError(
                message(
                    CTX,
                    QT_TRANSLATE_NOOP("Validation", "A percentage can have at most 2 decimals."),
                )
            )
        return discount
    check_amount_bounds(
        value, site, what="price" if discount.kind is DiscountKind.PRICE else "amount"
    )
    # Written decimals, not only the value: ``1.000`` off in Chilean pesos is a thousand as a
    # Chilean writes it, never one peso (``Decimal("1.000") == 1``).
    if quantize(value, site) != value or written_decimals(value) > site.decimals:
        raise too_many_decimals(site)
    return discount


def line_gross(unit_price: Decimal, measure: Decimal, site: Site) -> Decimal:
    """``unit_price × measure`` rounded once, half-up, to the currency."""
    return (unit_price * measure).quantize(site.quantum, rounding=ROUND_HALF_UP)


def iva_contained(amount: Decimal, rate: Decimal) -> Decimal:
    """IVA included in ``amount`` at ``rate`` % (prices include IVA), unrounded."""
    if not rate:
        return Decimal(0)
    return amount * rate / (HUNDRED + rate)


def check_discount_fits(
    discount: Discount, gross: Decimal, measure: Decimal, site: Site
) -> Discount:
    """Refuse an amount off above ``gross`` (what the line or the sale comes to) and a new unit
    price that would make the line cost more: :meth:`Discount.amount_off` clamps both, so the
    cart showed "−$ 99.999,00" beside a $ 5.075,00 line, or "now $ 20.000,00" that changed
    nothing. 100 % and an amount equal to ``gross`` give it away, as meant."""
    if discount.kind is DiscountKind.AMOUNT and discount.value > gross:
        raise ValidationError(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "Validation",
                    "The discount is more than there is to discount: {amount} at most.",
                ),
                amount=format_money_unbroken(gross, site),  # never "$" / "5.075,00"
            )
        )
    if discount.kind is DiscountKind.PRICE and quantize(discount.value * measure, site) > gross:
        raise ValidationError(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "Validation",
                    "The new price makes the line cost more than {amount}: a discount lowers "
                    "the price.",
                ),
                amount=format_money_unbroken(gross, site),  # never "$" / "5.075,00"
            )
        )
    return discount
