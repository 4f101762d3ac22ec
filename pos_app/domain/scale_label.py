"""Labels printed by a shop's scale: variable-measure EAN-13 (prefixes 20–29).

A label's 13 digits are: a prefix (``2`` or ``2x``), the product's code as the scale knows it
(its PLU), the weight or the price, and the EAN-13 check digit. Shops configure their scale, so
the layout is a setting: :class:`ScaleLayout` says how many digits each part has and how many of
the value's digits are decimals. :data:`PRESETS` holds the layouts most often found at counters
in Argentina, Colombia, Brazil and Mexico (see the README: check one label of your scale
against them).

A label whose check digit fails is refused (:class:`ScaleLabelError`) rather than guessed: a
misread weight charges the wrong amount.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from pos_app.domain.cart import CartLine
from pos_app.domain.catalog import Product
from pos_app.domain.money import Site, money_text
from pos_app.domain.pricing import (
    MAX_MEASURE,
    MEASURE_QUANTUM,
    SaleUnit,
    check_measure,
    format_measure,
    line_gross,
)
from pos_app.domain.scale_layouts import (
    DEFAULT_LAYOUTS,
    PRESETS,
    LabelValue,
    ScaleLayout,
    ean13_check_digit,
    layouts_for,
    layouts_problem,
    read_layout,
)
from pos_app.domain.validation import MAX_QUANTITY, MIN_QUANTITY
from pos_app.errors import UserFacingError
from pos_app.i18n import QT_TRANSLATE_NOOP, message

# The layouts are in scale_layouts (the settings check them without the cart): named here too.
__all__ = [
    "DEFAULT_LAYOUTS",
    "PRESETS",
    "LabelValue",
    "ScaleLabel",
    "ScaleLabelError",
    "ScaleLayout",
    "code_candidates",
    "ean13_check_digit",
    "label_line",
    "layouts_for",
    "layouts_problem",
    "read_layout",
    "read_scale_label",
]

CTX = "ScaleLabel"


class ScaleLabelError(UserFacingError):
    """A scale label that cannot be read safely."""


@dataclass(frozen=True)
class ScaleLabel:
    """What a label says: the product's code and its weight or its price."""

    layout: ScaleLayout
    code: str
    weight: Decimal | None = None
    price: Decimal | None = None


def read_scale_label(text: str, layouts: tuple[ScaleLayout, ...]) -> ScaleLabel | None:
    """The label in ``text``, or None when it is not a scale label of these layouts (an
    ordinary barcode). Raises :class:`ScaleLabelError` when the check digit fails."""
    digits = text.strip()
    if len(digits) != 13 or not digits.isascii() or not digits.isdigit():
        return None
    # The longest prefix first: "21" before "2".
    for layout in sorted(layouts, key=lambda lay: -len(lay.prefix)):
        if not digits.startswith(layout.prefix):
            continue
        if ean13_check_digit(digits[:12]) != int(digits[12]):
            raise ScaleLabelError(
                message(
                    CTX,
                    QT_TRANSLATE_NOOP(
                        "ScaleLabel",
                        "That scale label was misread (its check digit is wrong): "
                        "scan it again or type the weight.",
                    ),
                )
            )
        start = len(layout.prefix)
        code = digits[start : start + layout.code_digits]
        raw = digits[start + layout.code_digits : 12]
        value = Decimal(int(raw)).scaleb(-layout.value_decimals)
        if not value:
            raise ScaleLabelError(
                message(
                    CTX,
                    QT_TRANSLATE_NOOP(
                        "ScaleLabel", "That scale label says 0: weigh the product again."
                    ),
                )
            )
        if layout.value is LabelValue.WEIGHT:
            return ScaleLabel(layout, code, weight=value.quantize(Decimal("0.001")))
        return ScaleLabel(layout, code, price=value)
    return None


def code_candidates(code: str) -> tuple[str, ...]:
    """Catalog codes a label's item code may stand for: as printed (``00123``) and without
    its leading zeros (``123``), which is how most catalogs write a PLU."""
    stripped = code.lstrip("0") or "0"
    return (code,) if stripped == code else (code, stripped)


def label_line(product: Product, label: ScaleLabel, site: Site) -> CartLine:
    """The cart line a label adds for ``product``.

    A weight label on a product sold by measure gives that weight. A price label on one gives
    the weight the scale must have used (price ÷ price per unit, to the gram) when it charges
    the label's price exactly; otherwise the label's price is charged as one unit, so the
    customer pays what the label says (the scale may hold another price per kg). A price label
    on a product sold by the unit sells the number of units it is the price of; any other
    amount is refused (:class:`ScaleLabelError`).
    """
    if product.damaged:  # its price unreadable (held as 0): named, never divided by
        raise ScaleLabelError(product.problem().msg)
    if label.weight is not None:
        # A scale weighs in kilograms: a product priced per gram sells that weight in grams
        # (350 g, never 0,350 g: a thousandth of the price); one sold by the litre or the
        # metre is not weighed.
        if product.sale_unit not in (SaleUnit.KG, SaleUnit.G):
            raise ScaleLabelError(
                message(
                    CTX,
                    QT_TRANSLATE_NOOP(
                        "ScaleLabel",
                        "{title} is not sold by weight: check the product's code on the scale.",
                    ),
                    title=product.title,
                )
            )
        weight = label.weight * 1000 if product.sale_unit is SaleUnit.G else label.weight
        if weight > MAX_MEASURE:
            # 99,999 kg of a product priced per gram is 99.999 g: more than a line sells. Said
            # as a label's problem (the window's scan catches ScaleLabelError), never a crash.
            raise ScaleLabelError(
                message(
                    CTX,
                    QT_TRANSLATE_NOOP(
                        "ScaleLabel",
                        "{title}: the label says {weight}, more than one line can sell. "
                        "Weigh it in smaller parts.",
                    ),
                    title=product.title,
                    weight=format_measure(weight, product.sale_unit, site),
                )
            )
        return product.to_line(measure=check_measure(weight, site.decimal_sep))
    assert label.price is not None
    if label.layout.value_decimals > site.decimals:
        # ``21 0201 012500`` read with cents is $ 125,00; in pesos without cents the scale
        # meant $ 12.500: never charge a hundredth of the label.
        raise ScaleLabelError(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "ScaleLabel",
                    "This scale label's layout has decimals in the price, which {currency} has "
                    "not: choose your scale's layout in Settings → Charging.",
                ),
                currency=site.currency,
            )
        )
    if product.is_measured:
        guess = (
            (label.price / product.unit_price).quantize(MEASURE_QUANTUM)
            if product.unit_price > 0
            else Decimal(0)  # no price per unit to divide by: the label's price, one unit
        )
        for measure in (guess, guess - MEASURE_QUANTUM, guess + MEASURE_QUANTUM):
            # A weight no line can hold (a tiny price per gram) is not what the scale weighed:
            # the label's price is charged as one unit below.
            if (
                0 < measure <= MAX_MEASURE
                and line_gross(product.unit_price, measure, site) == label.price
            ):
                return product.to_line(measure=check_measure(measure, site.decimal_sep))
        return replace(
            product.to_line(measure=Decimal(1)),
            unit_price=label.price,
            measure=None,
            sale_unit=SaleUnit.UNIT,
        )
    # Sold by the unit: a scale pricing pieces prints n x the price. Any other amount is not
    # this product's (another layout's label read as this one: ``20 00149 00102`` read as
    # br-price is code 0001 and R$ 49.001,02), so it is refused, never charged as one unit.
    if product.unit_price > 0:  # divmod by 0 raises: checked first
        count, rest = divmod(label.price, product.unit_price)
        if not rest and MIN_QUANTITY <= count <= MAX_QUANTITY:
            return product.to_line(int(count))
    raise ScaleLabelError(
        message(
            CTX,
            QT_TRANSLATE_NOOP(
                "ScaleLabel",
                "{title} costs {price} each: the label's {amount} is not a number of them. "
                "Check the product's code and the scale's layout (Settings → Charging).",
            ),
            title=product.title,
            price=money_text(product.unit_price, site),
            amount=money_text(label.price, site),
        )
    )
