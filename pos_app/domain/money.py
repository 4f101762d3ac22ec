"""Money: ``Decimal`` amounts and each Mercado Pago site's currency rules.

Never ``float``: amounts are quantised to the site's decimals (2, or 0 for Chile and Colombia,
whose currencies Mercado Pago accepts only as integers) and become JSON numbers only at the API
edge. Display follows how each country writes money (``$ 1.234,50`` in Argentina, ``$ 1,234.50``
in Mexico); parsing accepts the local decimal separator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from pos_app.i18n import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class Site:
    """A Mercado Pago site (country) and how its money works."""

    site_id: str
    country: str
    currency: str
    decimals: int
    symbol: str
    thousands_sep: str
    decimal_sep: str
    default_max_total: Decimal

    @property
    def quantum(self) -> Decimal:
        return Decimal(1).scaleb(-self.decimals)


def _site(
    site_id: str, country: str, currency: str, decimals: int, symbol: str, seps: str, max_total: int
) -> Site:
    return Site(site_id, country, currency, decimals, symbol, seps[0], seps[1], Decimal(max_total))


# Country names are marked for translation; the UI translates them in context "Country".
SITES: dict[str, Site] = {
    s.site_id: s
    for s in (
        _site("MLA", QT_TRANSLATE_NOOP("Country", "Argentina"), "ARS", 2, "$", ".,", 5_000_000),
        _site("MLB", QT_TRANSLATE_NOOP("Country", "Brazil"), "BRL", 2, "R$", ".,", 50_000),
        _site("MLM", QT_TRANSLATE_NOOP("Country", "Mexico"), "MXN", 2, "$", ",.", 200_000),
        _site("MLU", QT_TRANSLATE_NOOP("Country", "Uruguay"), "UYU", 2, "$", ".,", 400_000),
        _site("MPE", QT_TRANSLATE_NOOP("Country", "Peru"), "PEN", 2, "S/", ",.", 30_000),
        _site("MLC", QT_TRANSLATE_NOOP("Country", "Chile"), "CLP", 0, "$", ".,", 10_000_000),
        _site("MCO", QT_TRANSLATE_NOOP("Country", "Colombia"), "COP", 0, "$", ".,", 40_000_000),
    )
}

DEFAULT_SITE_ID = "MLA"


def site_for(site_id: str) -> Site:
    """The rules for ``site_id``; unknown sites raise ``KeyError`` (a configuration bug)."""
    return SITES[site_id.upper()]


def quantize(amount: Decimal, site: Site) -> Decimal:
    """Round half-up to the site's decimals (what a cashier expects from a till)."""
    return amount.quantize(site.quantum, rounding=ROUND_HALF_UP)


def has_valid_decimals(amount: Decimal, site: Site) -> bool:
    """True when ``amount`` needs no more decimals than the site allows."""
    return quantize(amount, site) == amount


def to_api_number(amount: Decimal, site: Site) -> int | float:
    """The JSON number sent to Mercado Pago, from an amount already valid for ``site``.

    Integers stay integers (CLP/COP must be sent as integers); two-decimal amounts become the
    nearest float, which ``json`` prints with the shortest exact decimal (``1725.25``).
    """
    q = quantize(amount, site)
    if q == q.to_integral_value():
        return int(q)
    return float(q)


def format_money(amount: Decimal, site: Site, *, symbol: bool = True) -> str:
    """``amount`` written the way the site's country writes it: ``$ 1.234,50``, ``R$ 12,00``."""
    q = quantize(amount, site)
    sign = "-" if q < 0 else ""
    q = abs(q)
    integer, _, fraction = f"{q:.{site.decimals}f}".partition(".")
    groups: list[str] = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    text = site.thousands_sep.join(groups)
    if site.decimals:
        text += site.decimal_sep + fraction
    return f"{sign}{site.symbol} {text}" if symbol else f"{sign}{text}"


_AMOUNT_CHARS = re.compile(r"^[0-9.,\s]+$")


def parse_money(text: str, site: Site) -> Decimal | None:
    """Read an amount typed by a person, or ``None`` when it is not one.

    Accepts the site's own separators (``1.234,50`` in Argentina) and, when unambiguous, a plain
    dot or comma as the decimal mark (``12.5`` or ``12,5``). Does not check the site's decimals:
    that is validation's job, so the cashier hears *why* an amount is refused.
    """
    cleaned = text.strip().replace(site.symbol, "").strip()
    if not cleaned or not _AMOUNT_CHARS.match(cleaned):
        return None
    cleaned = cleaned.replace(" ", "")
    dec, thou = site.decimal_sep, site.thousands_sep
    if dec in cleaned and thou in cleaned:
        if cleaned.rfind(dec) < cleaned.rfind(thou):
            return None
        cleaned = cleaned.replace(thou, "").replace(dec, ".")
    elif thou in cleaned:
        parts = cleaned.split(thou)
        # "1.234" in Argentina is a thousand; "12.5" is twelve and a half.
        if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]) and parts[0]:
            cleaned = "".join(parts)
        elif len(parts) == 2:
            cleaned = parts[0] + "." + parts[1]
        else:
            return None
    else:
        cleaned = cleaned.replace(dec, ".")
    if cleaned.count(".") > 1:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None
