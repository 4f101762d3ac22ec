"""Validation of what the cashier types, with messages a cashier understands.

Every rule mirrors one Mercado Pago enforces (or is documented to), so an order the app sends is
never refused for a reason we could have caught at the counter.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from decimal import Decimal

from pos_app.domain.money import (
    Site,
    format_money,
    has_valid_decimals,
    money_text,
    parse_money,
    written_decimals,
)
from pos_app.errors import UserFacingError
from pos_app.i18n import QT_TRANSLATE_NOOP, message

CTX = "Validation"

MIN_QUANTITY = 1
MAX_QUANTITY = 9999
# Mercado Pago does not publish a title limit for instore items; the customer's phone shows
# about this much, and the newer Orders API caps titles at 150. We cut rather than refuse.
MAX_TITLE = 150
MAX_ORDER_TITLE = 150
MAX_SKU = 64
# The amount shown in "write it like ..." hints, in each site's own writing: "1.234,50" in
# Argentina, "1,234.50" in Mexico, "1.235" in Chile and Colombia.
AMOUNT_EXAMPLE = Decimal("1234.50")
# Colombian IVA rates a product can carry (prices include IVA); 0 = exempt.
IVA_RATES = (Decimal(0), Decimal(5), Decimal(19))


class ValidationError(UserFacingError):
    """Input that Mercado Pago would refuse, or that makes no sense at a till."""


# Invisible characters that change how the text around them is shown or read: the bidirectional
# embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), the direction marks (U+200E,
# U+200F, U+061C), and the zero-width characters (U+200B-U+200D, U+2060, U+FEFF). A title holding
# them can show the customer something other than what the ledger says ("Yerba" reversed into
# "abreY", a price hidden in a name) or look empty.
_INVISIBLE = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    "\u200b\u200c\u200d\u2060\ufeff"
)


def clean_text(text: str) -> str:
    """``text`` as it may be shown to a customer or sent to Mercado Pago.

    The one sanitiser of names (product and item titles, the order's title and description):
    white space of any kind (tabs, new lines, non-breaking spaces) becomes one space and is
    trimmed; control characters (C0, DEL, C1), lone surrogates (undecodable bytes from a
    command line), the invisible characters of :data:`_INVISIBLE` and every other format
    character (a soft hyphen, an invisible operator) are removed. Letters,
    accents, symbols and emoji stay as they are.
    """
    if text.isprintable():  # no control, format (bidi, zero-width) or odd space character
        return " ".join(text.split())
    kept: list[str] = []
    for char in text:
        if char.isspace():
            kept.append(" ")
        elif char in _INVISIBLE or unicodedata.category(char) in ("Cc", "Cf", "Cs"):
            continue
        else:
            kept.append(char)
    return " ".join("".join(kept).split())


def clean_title(title: str, limit: int = MAX_TITLE) -> str:
    """:func:`clean_text`, cut to ``limit``; a title empty once cleaned is refused."""
    cleaned = clean_text(title)
    if not cleaned:
        raise ValidationError(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "Validation",
                    "Every item needs a name (control and invisible characters do not count).",
                ),
            )
        )
    return cleaned[:limit].rstrip()


def check_amount_bounds(amount: Decimal, site: Site, *, what: str = "amount") -> Decimal:
    """``amount`` is a finite number above zero and at most the site's ceiling.

    Safe for any ``Decimal`` (``NaN``, ``sNaN``, ``Infinity``, ``1E+999``): the checks that would
    raise ``decimal.InvalidOperation`` on such values come after these.
    """
    if not amount.is_finite() or amount <= 0:
        raise ValidationError(
            message(CTX, QT_TRANSLATE_NOOP("Validation", "The price must be greater than zero."))
            if what == "price"
            else message(
                CTX, QT_TRANSLATE_NOOP("Validation", "The amount must be greater than zero.")
            )
        )
    if amount > site.max_amount:
        raise ValidationError(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "Validation",
                    "That is more than any sale in {currency} at a counter: the largest amount "
                    "this till accepts is {limit}.",
                ),
                currency=site.currency,
                limit=money_text(site.max_amount, site),
            )
        )
    return amount


def check_unit_price(price: Decimal, site: Site) -> Decimal:
    check_amount_bounds(price, site, what="price")
    if not has_valid_decimals(price, site):
        raise decimals_refused(site)
    return price


def decimals_refused(site: Site) -> ValidationError:
    """A price written with more decimals than ``site``'s currency has."""
    if site.decimals == 0:
        return ValidationError(
            message(
                CTX,
                QT_TRANSLATE_NOOP("Validation", "Prices in {currency} have no decimals."),
                currency=site.currency,
            )
        )
    return ValidationError(
        message(
            CTX,
            QT_TRANSLATE_NOOP(
                "Validation", "Prices in {currency} can have at most {decimals} decimals."
            ),
            currency=site.currency,
            decimals=site.decimals,
        )
    )


def check_quantity(quantity: int) -> int:
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise ValidationError(
            message(CTX, QT_TRANSLATE_NOOP("Validation", "The quantity must be a whole number."))
        )
    if not MIN_QUANTITY <= quantity <= MAX_QUANTITY:
        raise ValidationError(
            message(
                CTX,
                QT_TRANSLATE_NOOP("Validation", "The quantity must be between {low} and {high}."),
                low=MIN_QUANTITY,
                high=MAX_QUANTITY,
            )
        )
    return quantity


def check_chargeable(total: Decimal, line_count: int, site: Site, max_total: Decimal) -> None:
    """Refuse an empty cart or a total above the store's configured maximum."""
    # A damaged setting (NaN, 1E+26, zero) neither crashes nor lifts the site's ceiling.
    if max_total.is_finite() and max_total > 0:
        max_total = min(max_total, site.max_amount)
    else:
        max_total = site.default_max_total
    if line_count == 0:
        raise ValidationError(
            message(
                CTX,
                QT_TRANSLATE_NOOP("Validation", "The cart is empty: add an item before charging."),
            )
        )
    if total <= 0:
        raise ValidationError(
            message(CTX, QT_TRANSLATE_NOOP("Validation", "The total must be greater than zero."))
        )
    if total > max_total:
        raise ValidationError(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "Validation", "The total {total} is above this till's limit of {limit}."
                ),
                total=money_text(total, site),
                limit=money_text(max_total, site),
            )
        )


def echoed(text: str, *, cut: bool = True) -> str:
    """What was typed, as a message quotes it: cut when long (unless ``cut`` is false: a file's
    name is shown whole), and its control and invisible characters shown as "?" (a record
    separator or a form feed is a line break to a terminal's reader)."""
    shown = text if not cut or len(text) <= 24 else text[:20] + "…"
    return "".join(c if c.isprintable() else "?" for c in shown)


def read_amount(text: str, site: Site, *, zero_ok: bool = False) -> Decimal:
    """An amount a person typed into a money field, valid to charge on ``site``.

    ``zero_ok``: zero is an amount too (a drawer that starts or ends the day empty); never below.

    The one reader behind every money entry field (custom amount, the largest-sale setting):
    the site's separators and grouping are accepted (:func:`~pos_app.domain.money.parse_money`),
    and an amount is *refused*, never rounded, when it was written with more decimals than the
    currency has, even zeros: ``1.000`` in Mexico or ``12,000`` in Colombia may well mean a
    thousand and twelve thousand, and charging one or twelve pesos instead would silently change
    the amount. So Chilean and Colombian pesos refuse any decimal part, even ``,00``.
    """
    stripped = text.strip()
    if not stripped:
        raise ValidationError(message(CTX, QT_TRANSLATE_NOOP("Validation", "Type the amount.")))
    amount = parse_money(stripped, site)
    if amount is None:
        raise ValidationError(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "Validation", "“{text}” is not an amount. Write it like {example}."
                ),
                text=echoed(stripped),
                example=format_money(AMOUNT_EXAMPLE, site, symbol=False),
            )
        )
    if not (zero_ok and amount == 0):
        check_amount_bounds(amount, site)
    if written_decimals(amount) > site.decimals:
        raise too_many_decimals(site)
    return amount


# What scripts and files write (the command line, the catalog CSV, the settings file): ASCII
# digits and at most one decimal mark, nothing else. Python's ``Decimal()`` and ``int()`` read
# far more (``1_000``, ``+5``, ``1E+3``, ``1 0``, ``NaN``, ``sNaN``, ``Infinity``, Arabic-Indic
# and other Unicode digits): none of that is a price or a quantity.
# ASCII patterns, compiled on first use (re caches them), not at import: start-up, issue 19.
_PLAIN_AMOUNT = r"[0-9]{1,20}(?:\.[0-9]{1,20})?"
_PLAIN_AMOUNT_COMMA = r"[0-9]{1,20}(?:[.,][0-9]{1,20})?"
_PLAIN_INTEGER = r"[0-9]{1,20}"


def read_plain_amount(
    text: str,
    site: Site,
    *,
    decimal_comma: bool = False,
    zero_ok: bool = False,
    price: bool = True,
) -> Decimal:
    """An amount written by a program or a spreadsheet, valid to charge on ``site``.

    The one reader behind every machine-written amount (``pos-app charge --item``, ``configure
    --max-total``, the catalog CSV's ``unit_price``, amounts in the settings file): digits with a
    dot as the decimal mark (also a comma with ``decimal_comma``, as spreadsheets in the region
    save), no grouping, no sign, no exponent, white space only around it. It returns a finite
    ``Decimal`` above zero, at most :attr:`Site.max_amount`, with no more decimals than the
    currency has, or raises :class:`ValidationError` saying why; never anything else.
    """
    stripped = text.strip()
    if not stripped:
        raise ValidationError(message(CTX, QT_TRANSLATE_NOOP("Validation", "Type the amount.")))
    pattern = _PLAIN_AMOUNT_COMMA if decimal_comma else _PLAIN_AMOUNT
    if not re.fullmatch(pattern, stripped, re.ASCII):
        shown = echoed(stripped)
        if decimal_comma and site.decimals:  # a spreadsheet's comma is taken: say so
            text_ = QT_TRANSLATE_NOOP(
                "Validation",
                "“{text}” is not an amount: write digits with a dot or a comma for the "
                "decimals and no thousands mark, like {example}.",
            )
            example = "1234.50 / 1234,50"
        else:
            text_ = QT_TRANSLATE_NOOP(
                "Validation",
                "“{text}” is not an amount: write digits with a dot for the decimals, "
                "like {example}.",
            )
            example = "1234.50" if site.decimals else "1235"
        raise ValidationError(message(CTX, text_, text=shown, example=example))
    amount = Decimal(stripped.replace(",", "."))
    if written_decimals(amount) > site.decimals:
        # Even zeros: ``1.000`` for Chilean pesos is how a Chilean writes a thousand, and
        # ``Decimal`` equality alone would take it as one peso (:func:`read_amount` too).
        raise decimals_refused(site) if price else too_many_decimals(site)
    if zero_ok and amount == 0:  # a drawer that starts the day empty (as :func:`read_amount`)
        return Decimal(0)
    if not price:  # cash counted or moved, a refund: "The price must be…" read wrong there
        return check_amount_bounds(amount, site, what="amount")
    return check_unit_price(amount, site)


# Symbols a country's spreadsheet writes before an amount besides the site's own: Peru's
# "S/." (the nuevo sol's, still older Windows' currency format for es-PE).
_OTHER_SYMBOLS = {"MPE": ("S/.",)}


def read_spreadsheet_amount(text: str, site: Site) -> Decimal:
    """A price as a spreadsheet of the site's country saves it in a CSV (the catalog's
    ``unit_price``): what :func:`read_plain_amount` reads (a dot or a comma as the decimal
    mark), and the cell *as shown* when it was formatted: the site's symbol before it
    (``R$ 27,99``, ``$45.90``, ``S/ 35.00``) and its own grouping with its decimal mark
    (``2.899,00`` in Brazil, ``1,234.50`` in Mexico and Peru), or with two groups or more
    (``1.234.567``). Anything that reads two ways is refused as :func:`read_plain_amount`
    refuses it: ``2.899`` in Brazil (three decimals), ``1,500`` in Mexico, another
    country's grouping (``1.234,50`` on a Mexican till), irregular groups, signs."""
    stripped = text.strip()
    amount = stripped
    for symbol in (*_OTHER_SYMBOLS.get(site.site_id, ()), site.symbol):
        if amount.startswith(symbol):
            amount = amount[len(symbol) :].strip()
            break
    thousands, decimal = re.escape(site.thousands_sep), re.escape(site.decimal_sep)
    grouped = re.fullmatch(
        rf"[1-9][0-9]{{0,2}}((?:{thousands}[0-9]{{3}})+)(?:{decimal}([0-9]{{1,20}}))?",
        amount,
        re.ASCII,
    )
    if grouped and (grouped.group(2) is not None or grouped.group(1).count(site.thousands_sep) > 1):
        amount = amount.replace(site.thousands_sep, "").replace(site.decimal_sep, ".")
    elif grouped and site.decimals:
        # ``2.899`` in Brazil, ``1,500`` in Mexico: a thousand as the country writes it, or a
        # price with three decimals as a program writes it (R$ 5.899 a litre of fuel). Never
        # guessed; "at most 2 decimals" alone read wrong to a person who wrote a thousand.
        whole = amount.replace(site.thousands_sep, "")
        raise ValidationError(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "Validation",
                    "“{text}” could be {whole} or a price with three decimals: write {grouped} "
                    "or {whole}.",
                ),
                text=echoed(stripped),
                whole=whole,
                grouped=format_money(Decimal(whole), site, symbol=False),
            )
        )
    try:
        return read_plain_amount(amount, site, decimal_comma=True)
    except ValidationError as exc:
        if amount == stripped or "text" not in exc.msg.params:
            raise
        # The message quotes what the file says, not what was made of it.
        said = dataclasses.replace(exc.msg, params={**exc.msg.params, "text": echoed(stripped)})
        raise ValidationError(said) from None


def read_quantity(text: str) -> int:
    """A quantity written by a program (``--item``, ``--sku CODE:QTY``): ASCII digits, 1 to 9999.

    ``int()`` alone would take ``1_000``, ``+5``, `` 7 `` with inner spaces or Arabic-Indic
    digits; here they are refused with the reason.
    """
    stripped = text.strip()
    if not re.fullmatch(_PLAIN_INTEGER, stripped, re.ASCII):
        raise ValidationError(
            message(CTX, QT_TRANSLATE_NOOP("Validation", "The quantity must be a whole number."))
        )
    return check_quantity(int(stripped))


def read_iva_rate(text: str) -> Decimal:
    """A Colombian IVA rate written by a program or a file: 0, 5 or 19 (``19.0`` too); empty
    is 0 (exempt)."""
    stripped = text.strip()
    if not stripped:
        return Decimal(0)
    if re.fullmatch(_PLAIN_AMOUNT, stripped, re.ASCII):
        rate = Decimal(stripped)
        for allowed in IVA_RATES:
            if rate == allowed:
                return allowed
    raise ValidationError(
        message(CTX, QT_TRANSLATE_NOOP("Validation", "The IVA rate must be 0, 5 or 19 %."))
    )


def too_many_decimals(site: Site) -> ValidationError:
    """An amount with more decimals than the site's currency has (in pesos without cents: it
    has none, with an example; "can have at most 0 decimals" read oddly)."""
    if site.decimals == 0:
        return ValidationError(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "Validation", "Amounts in {currency} have no decimals: write {example}."
                ),
                currency=site.currency,
                example=format_money(AMOUNT_EXAMPLE, site, symbol=False),
            )
        )
    return ValidationError(
        message(
            CTX,
            QT_TRANSLATE_NOOP(
                "Validation", "Amounts in {currency} can have at most {decimals} decimals."
            ),
            currency=site.currency,
            decimals=site.decimals,
        )
    )
