"""Money: ``Decimal`` amounts and each Mercado Pago site's currency rules.

Never ``float``: amounts are quantised to the site's decimals (2, or 0 for Chile and Colombia,
whose currencies Mercado Pago accepts only as integers) and become JSON numbers only at the API
edge. Display follows how each country writes money (``$ 1.234,50`` in Argentina and Uruguay,
``R$ 1.234,50`` in Brazil, ``$ 1,234.50`` in Mexico, ``S/ 1,234.50`` in Peru, ``$ 1.235`` in Chile
and Colombia); parsing accepts the local decimal separator and grouping. Rounding happens only for
display (:func:`format_money`); an amount to be charged is validated, never rounded.

Every site also has a hard ceiling, :attr:`Site.max_amount`: no price, custom amount, sale total
or "largest sale" setting may exceed it, whatever the configuration says. It is about a million
US dollars in the local currency, far beyond any counter sale, and keeps every amount within ten
integer digits, which ``Decimal`` arithmetic (28 digits), the ledger and the JSON float sent to
Mercado Pago all carry exactly. It is a sanity bound against typos and hostile input
(``1e26``, a pasted barcode in the price column), not a business limit: that is the till's
configurable maximum sale (:attr:`Site.default_max_total`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from pos_app.i18n_base import QT_TRANSLATE_NOOP, Unbroken


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
    # The largest amount this till ever accepts in the currency (see the module's docstring).
    max_amount: Decimal

    @property
    def quantum(self) -> Decimal:
        return Decimal(1).scaleb(-self.decimals)

    @property
    def reports_iva(self) -> bool:
        """Colombia: orders report the IVA their prices contain (``taxes`` in the order)."""
        return self.site_id == "MCO"


def _site(
    site_id: str,
    country: str,
    currency: str,
    decimals: int,
    symbol: str,
    seps: str,
    max_total: int,
    max_amount: int,
) -> Site:
    return Site(
        site_id,
        country,
        currency,
        decimals,
        symbol,
        seps[0],
        seps[1],
        Decimal(max_total),
        Decimal(max_amount),
    )


# Country names are marked for translation; the UI translates them in context "Country".
SITES: dict[str, Site] = {
    s.site_id: s
    for s in (
        _site(
            "MLA",
            QT_TRANSLATE_NOOP("Country", "Argentina"),
            "ARS",
            2,
            "$",
            ".,",
            5_000_000,
            1_000_000_000,
        ),
        _site(
            "MLB", QT_TRANSLATE_NOOP("Country", "Brazil"), "BRL", 2, "R$", ".,", 50_000, 10_000_000
        ),
        _site(
            "MLM", QT_TRANSLATE_NOOP("Country", "Mexico"), "MXN", 2, "$", ",.", 200_000, 20_000_000
        ),
        _site(
            "MLU", QT_TRANSLATE_NOOP("Country", "Uruguay"), "UYU", 2, "$", ".,", 400_000, 50_000_000
        ),
        _site("MPE", QT_TRANSLATE_NOOP("Country", "Peru"), "PEN", 2, "S/", ",.", 30_000, 5_000_000),
        _site(
            "MLC",
            QT_TRANSLATE_NOOP("Country", "Chile"),
            "CLP",
            0,
            "$",
            ".,",
            10_000_000,
            1_000_000_000,
        ),
        _site(
            "MCO",
            QT_TRANSLATE_NOOP("Country", "Colombia"),
            "COP",
            0,
            "$",
            ".,",
            40_000_000,
            5_000_000_000,
        ),
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


# The minus sign of money shown to a person (U+2212, as the counter's "Discounts: −$ 90"):
# every window, the close report on screen and in its PDF, receipts on screen, the terminal.
# Where the character set lacks it, an ASCII hyphen-minus stands in: paper (the receipt
# printer's code page, :data:`pos_app.receipts.escpos._REPLACEMENTS`) and a narrow console
# (:func:`pos_app.system.console.never_fail_on_encoding`). Machine-readable output (CSV, JSON,
# an entry field's text: :func:`format_for_entry`) always writes ``-``.
MINUS = "\u2212"


def format_money(amount: Decimal, site: Site, *, symbol: bool = True) -> str:
    """``amount`` written the way the site's country writes it: ``$ 1.234,50``, ``R$ 12,00``,
    ``−$ 100,00`` (a negative one with :data:`MINUS`).

    For display only. It rounds half-up to the site's decimals, which is right for amounts that
    are shown but never charged as such (the IVA contained in a line, ``$ 1.235`` for a Chilean
    1234.5 in a report). Amounts that will be charged are refused by validation when they have
    more decimals than the site allows (:func:`pos_app.domain.validation.read_amount`), so this
    rounding never silently changes what a customer pays. To put an amount back into an entry
    field, use :func:`format_for_entry`, which never rounds.
    """
    return _written(quantize(amount, site), site.decimals, site, symbol=symbol, minus=MINUS)


# Glues a sign to the amount after it ("−" then "$ 900"): Unicode lets a line break between
# a minus and a currency symbol, and nothing shows where it is.
WORD_JOINER = "\u2060"


def format_money_unbroken(amount: Decimal, site: Site) -> str:
    """:func:`format_money` with non-breaking spaces, so a wrapped sentence never splits
    "$ 12" across two lines (nor "−" from "$ 12": a word joiner holds a negative's sign)."""
    text = format_money(amount, site).replace(" ", "\u00a0")
    return text.replace(MINUS, MINUS + WORD_JOINER, 1) if text.startswith(MINUS) else text


def money_text(amount: Decimal, site: Site) -> Unbroken:
    """:func:`format_money` for a message's placeholder: plain on the command line and in
    files, with no-break spaces when a window shows the message
    (:meth:`pos_app.i18n.Message.render` with ``screen=True``)."""
    return Unbroken(format_money(amount, site))


def format_for_entry(amount: Decimal, site: Site) -> str:
    """``amount`` for an entry field, in the site's separators and *without rounding*.

    Padded to the site's decimals (``1.234,50``), but an amount with more decimals than the site
    allows keeps them (``1.234,5`` for COP), so validation refuses it beside the field instead
    of the field quietly showing (and saving) a different number.
    """
    places = max(site.decimals, written_decimals(amount.normalize()))
    return _written(amount, places, site, symbol=False, minus="-")


def _written(amount: Decimal, places: int, site: Site, *, symbol: bool, minus: str) -> str:
    """``amount`` (already holding at most ``places`` decimals) with the site's separators."""
    sign = minus if amount < 0 else ""
    q = abs(amount)
    integer, _, fraction = f"{q:.{places}f}".partition(".")
    groups: list[str] = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    text = site.thousands_sep.join(groups)
    if fraction:
        text += site.decimal_sep + fraction
    return f"{sign}{site.symbol} {text}" if symbol else f"{sign}{text}"


# ASCII digits only: ``Decimal()`` also reads Arabic-Indic, Devanagari or full-width digits,
# which are not how anyone at these tills writes money (and hide in pasted text).
_AMOUNT_CHARS = r"^[0-9.,]+$"  # patterns: compiled on first use (re caches them), issue 19
# Longer text is not an amount anyone typed (the largest is "1.000.000.000,00", 16 characters).
MAX_AMOUNT_TEXT = 40
_SPACE_GROUPS = r"^[0-9]{1,3}(?: [0-9]{3})+(?:[.,][0-9]+)?$"


def _spaces_as_grouping(text: str) -> str:
    """``1 234,50``: spaces inside an amount only as a regular thousands grouping.

    Any other space inside (``1 5``, ``12 ,5``) leaves the text as it is, so it is refused:
    guessing that ``1 5`` means 15 could charge the wrong amount.
    """
    parts = text.split()
    if len(parts) <= 1:
        return text
    joined = " ".join(parts)
    return joined.replace(" ", "") if re.match(_SPACE_GROUPS, joined) else joined


def _grouped(integer: str, sep: str) -> bool:
    """``1.234.567``: a first group of 1 to 3 digits (not a leading zero), then groups of 3."""
    first, *rest = integer.split(sep)
    return (
        bool(rest)
        and 1 <= len(first) <= 3
        and not first.startswith("0")
        and all(len(group) == 3 for group in rest)
    )


def parse_money(text: str, site: Site) -> Decimal | None:
    """Read an amount typed by a person, or ``None`` when it is not one.

    Accepts the site's own separators (``1.234,50`` in Argentina, ``1,234.50`` in Mexico), the
    currency symbol, spaces (also non-breaking ones) around it or as a regular thousands grouping
    (``1 234,50``) and, when unambiguous, the grouping mark as
    a decimal mark (``12.5`` is twelve and a half in Argentina too; ``1.234`` is a thousand and
    more, as Argentines write it). Grouping must be regular (``1.23.4`` is refused) and a
    written decimal mark needs digits after it. Only ASCII digits are digits; signs, exponents
    (``1E+3``), ``1_000`` and text longer than :data:`MAX_AMOUNT_TEXT` are not amounts. The value
    is not bounded here: :func:`pos_app.domain.validation.read_amount` says why a huge one is
    refused.

    The result keeps the decimals *as written*: ``1,000`` in Colombia (whose decimal mark is the
    comma) reads as ``Decimal("1.000")``, so validation can tell the cashier that pesos have no
    decimals rather than charge one peso. Whether the site allows those decimals is validation's
    job (:func:`pos_app.domain.validation.read_amount`), so the cashier hears *why*.
    """
    if len(text) > MAX_AMOUNT_TEXT:
        return None
    cleaned = text.strip()
    for symbol in (site.symbol, "$"):
        if cleaned.startswith(symbol):
            cleaned = cleaned[len(symbol) :].lstrip()
            break
    cleaned = _spaces_as_grouping(cleaned)
    if not cleaned or not re.match(_AMOUNT_CHARS, cleaned):
        return None
    dec, thou = site.decimal_sep, site.thousands_sep
    if dec in cleaned:
        integer, _, fraction = cleaned.rpartition(dec)
        if dec in integer or thou in fraction or not fraction:
            return None
    elif cleaned.count(thou) == 1 and not _grouped(cleaned, thou):
        # "12.5" in Argentina: a lone grouping mark not followed by three digits is a decimal.
        integer, _, fraction = cleaned.partition(thou)
        if not fraction:
            return None
    else:
        integer, fraction = cleaned, ""
    if thou in integer:
        if not _grouped(integer, thou):
            return None
        integer = integer.replace(thou, "")
    try:
        value = Decimal(f"{integer or '0'}.{fraction}" if fraction else integer)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def written_decimals(amount: Decimal) -> int:
    """How many decimals ``amount`` was written with (``1.000`` has 3, ``12`` has 0)."""
    exponent = amount.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
