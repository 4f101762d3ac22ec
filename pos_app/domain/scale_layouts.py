"""Scale label layouts: how a shop's scale writes its variable-measure EAN-13 labels.

The settings' side of :mod:`pos_app.domain.scale_label` (reading a layout, checking the
``scale_labels`` setting), apart from it so the settings file is checked without importing the
cart and the catalog that reading a label into a sale line needs (``pos-app sales``, issue 19).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class LabelValue(StrEnum):
    WEIGHT = "weight"  # the weight in kg (3 decimals: grams); a per-gram product sells grams
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
        if self.value is LabelValue.WEIGHT and self.value_decimals > 3:
            # The till sells to the gram: a finer weight would be rounded at each scan, unsaid.
            raise ValueError("a scale label's weight has at most 3 decimals (the gram)")

    @property
    def quantum(self) -> Decimal:
        """The value's smallest step: 0,001 kg, 0,01 or 1 of the currency."""
        return Decimal(1).scaleb(-self.value_decimals)

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
#  - br-price: Toledo and Filizola scales as Brazilian point-of-sale software documents them
#    (autocom3's Toledo example 2 0149 0000284 0 = R$ 2,84; GDOOR's "4 dígitos" setting):
#    2 + code (4) + total (7, 2 decimals) + check.
#  - br-weight: the same scales set to print the weight: 2 + code (4) + kg (7, 3 decimals).
#  - mx-weight, mx-price: Mexican scales as eleventa (a common Mexican point of sale) reads
#    them: 20 + PLU (5) + weight (5, 3 decimals: up to 99,999 kg) or amount (5, 2 decimals: up
#    to $ 999.99) + check. No Torrey document was found to say more: check one label.
PRESETS: dict[str, ScaleLayout] = {
    layout.name: layout
    for layout in (
        ScaleLayout("ar-weight", "20", 5, LabelValue.WEIGHT, 5, 3),
        ScaleLayout("ar-price", "20", 5, LabelValue.PRICE, 5, 0),
        ScaleLayout("ar-price-cents", "21", 4, LabelValue.PRICE, 6, 2),
        ScaleLayout("co-price", "2", 5, LabelValue.PRICE, 6, 0),
        ScaleLayout("co-weight", "29", 5, LabelValue.WEIGHT, 5, 3),
        ScaleLayout("br-price", "2", 4, LabelValue.PRICE, 7, 2),
        ScaleLayout("br-weight", "2", 4, LabelValue.WEIGHT, 7, 3),
        ScaleLayout("mx-weight", "20", 5, LabelValue.WEIGHT, 5, 3),
        ScaleLayout("mx-price", "20", 5, LabelValue.PRICE, 5, 2),
    )
}
# Used when the shop has not chosen: prefixes that do not overlap.
# Brazil: the amount (Toledo's worked example); Mexico: the weight (one of the two, as they
# share the prefix 20). Chile, Peru and Uruguay read Argentina's until a layout is chosen.
DEFAULT_LAYOUTS = {
    "MLA": ("ar-weight", "ar-price-cents"),
    "MCO": ("co-price",),
    "MLB": ("br-price",),
    "MLM": ("mx-weight",),
}


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
