"""Labels printed by a shop's scale: variable-measure EAN-13 (prefixes 20–29).

A label's 13 digits are: a prefix (``2`` or ``2x``), the product's code as the scale knows it
(its PLU), the weight or the price, and the EAN-13 check digit. Shops configure their scale, so
the layout is a setting: :class:`ScaleLayout` says how many digits each part has and how many of
the value's digits are decimals. :data:`PRESETS` holds the layouts most often found at counters
in Argentina and Colombia (see the README: check one label of your scale against them).

A label whose check digit fails is refused (:class:`ScaleLabelError`) rather than guessed: a
misread weight charges the wrong amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from pos_app.domain.cart import CartLine
from pos_app.domain.catalog import Product
from pos_app.domain.money import Site
from pos_app.domain.pricing import MEASURE_QUANTUM, SaleUnit, check_measure, line_gross
from pos_app.errors import UserFacingError
from pos_app.i18n import QT_TRANSLATE_NOOP, message

CTX = "ScaleLabel"


class ScaleLabelError(UserFacingError):
    """A scale label that cannot be read safely."""


class LabelValue(StrEnum):
    WEIGHT = "weight"  # the measure, in the product's unit (kg with 3 decimals)
    PRICE = "price"  # the amount to charge, in the currency


@dataclass(frozen=True)
class ScaleLayout:
    """``prefix`` + ``code_digits`` + ``value_digits`` + 1 check digit = 13 digits."""

    name: str
    prefix: str
    code_digits: int
    value: LabelValue
    value_digits: int
    value_decimals: int

    def __post_init__(self) -> None:
        if not re.fullmatch(r"2[0-9]?", self.prefix):
            raise ValueError("a scale label's prefix is 2 or 20 to 29")
        if len(self.prefix) + self.code_digits + self.value_digits + 1 != 13:
            raise ValueError("prefix, code, value and check digit must make 13 digits")
        if not (self.code_digits >= 1 and self.value_digits >= 1) or not (
            0 <= self.value_decimals <= self.value_digits
        ):
            raise ValueError("impossible scale label layout")

    @property
    def spec(self) -> str:
        """``20-5-weight-5-3``: how a custom layout is written in the settings."""
        return (
            f"{self.prefix}-{self.code_digits}-{self.value.value}-"
            f"{self.value_digits}-{self.value_decimals}"
        )

    def label(self, code: str, value: Decimal) -> str:
        """The 13 digits a scale would print (tests, the README's example)."""
        raw = int((value * Decimal(10) ** self.value_decimals).to_integral_value())
        body = f"{self.prefix}{int(code):0{self.code_digits}d}{raw:0{self.value_digits}d}"
        if len(body) != 12:
            raise ValueError("code or value too long for this layout")
        return body + str(ean13_check_digit(body))


# Common layouts (the name says the country and what the label carries).
#  - ar-weight: Kretz, Systel and Moretti scales as usually set in Argentina:
#    20 + PLU (5) + weight in grams (5, i.e. kg with 3 decimals) + check.
#  - ar-price: the same scales set to print the amount: 20 + PLU (5) + pesos (5, no decimals).
#  - ar-price-cents: 21 + PLU (4) + amount with cents (6, 2 decimals).
#  - co-price: Dibal/Bizerba scales in Colombian shops: 2 + PLU (5) + pesos (6) + check.
#  - co-weight: 29 + PLU (5) + grams (5) + check.
PRESETS: dict[str, ScaleLayout] = {
    layout.name: layout
    for layout in (
        ScaleLayout("ar-weight", "20", 5, LabelValue.WEIGHT, 5, 3),
        ScaleLayout("ar-price", "20", 5, LabelValue.PRICE, 5, 0),
        ScaleLayout("ar-price-cents", "21", 4, LabelValue.PRICE, 6, 2),
        ScaleLayout("co-price", "2", 5, LabelValue.PRICE, 6, 0),
        ScaleLayout("co-weight", "29", 5, LabelValue.WEIGHT, 5, 3),
    )
}
# Used when the shop has not chosen: prefixes that do not overlap.
DEFAULT_LAYOUTS = {"MLA": ("ar-weight", "ar-price-cents"), "MCO": ("co-price",)}


def layouts_for(setting: str, site_id: str) -> tuple[ScaleLayout, ...]:
    """The layouts a shop reads: its setting (comma-separated), or its country's defaults."""
    names = [part for part in setting.split(",") if part.strip()]
    if not names:
        names = list(DEFAULT_LAYOUTS.get(site_id, DEFAULT_LAYOUTS["MLA"]))
    return tuple(read_layout(name) for name in names)


_SPEC = r"^(2[0-9]?)-([0-9]{1,2})-(weight|price)-([0-9]{1,2})-([0-9])$"  # re.match caches it


def read_layout(text: str) -> ScaleLayout:
    """A preset's name (``ar-weight``) or a custom spec (``20-5-weight-5-3``)."""
    name = text.strip().lower()
    if name in PRESETS:
        return PRESETS[name]
    match = re.match(_SPEC, name)
    if not match:
        raise ValueError(f"not a scale label layout: {text[:40]!r}")
    prefix, code, kind, digits, decimals = match.groups()
    return ScaleLayout(name, prefix, int(code), LabelValue(kind), int(digits), int(decimals))


def layouts_problem(value: object) -> str | None:
    """The config's ``scale_labels``: a list of layouts (names or specs); None if valid."""
    if not isinstance(value, list) or len(value) > 10:
        return "not a list of up to 10 scale label layouts"
    for item in value:
        if not isinstance(item, str):
            return "not a list of scale label layouts"
        try:
            read_layout(item)
        except ValueError as exc:
            return str(exc)
    return None


def ean13_check_digit(first12: str) -> int:
    """GS1's check digit: odd positions weigh 1, even ones 3, counted from the left."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return (10 - total % 10) % 10


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
    the label's price exactly; otherwise, like a price label on a unit product, the label's
    price is charged as one unit, so the customer pays what the label says.
    """
    if label.weight is not None:
        if not product.is_measured:
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
        return product.to_line(measure=check_measure(label.weight))
    assert label.price is not None
    if product.is_measured:
        guess = (label.price / product.unit_price).quantize(MEASURE_QUANTUM)
        for measure in (guess, guess - MEASURE_QUANTUM, guess + MEASURE_QUANTUM):
            if measure > 0 and line_gross(product.unit_price, measure, site) == label.price:
                return product.to_line(measure=check_measure(measure))
    return replace(
        product.to_line(measure=Decimal(1)),
        unit_price=label.price,
        measure=None,
        sale_unit=SaleUnit.UNIT,
    )
