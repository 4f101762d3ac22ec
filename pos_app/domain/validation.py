"""Validation of what the cashier types, with messages a cashier understands.

Every rule mirrors one Mercado Pago enforces (or is documented to), so an order the app sends is
never refused for a reason we could have caught at the counter.
"""

from __future__ import annotations

from decimal import Decimal

from pos_app.domain.money import (
    Site,
    format_money,
    has_valid_decimals,
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
MAX_DESCRIPTION = 150
MAX_SKU = 64
# The amount shown in "write it like ..." hints, in each site's own writing: "1.234,50" in
# Argentina, "1,234.50" in Mexico, "1.235" in Chile and Colombia.
AMOUNT_EXAMPLE = Decimal("1234.50")


class ValidationError(UserFacingError):
    """Input that Mercado Pago would refuse, or that makes no sense at a till."""


def clean_title(title: str, limit: int = MAX_TITLE) -> str:
    """Collapse white space and cut to ``limit``; an empty title is refused."""
    cleaned = " ".join(title.split())
    if not cleaned:
        raise ValidationError(
            message(CTX, QT_TRANSLATE_NOOP("Validation", "Every item needs a name."))
        )
    return cleaned[:limit]


def check_unit_price(price: Decimal, site: Site) -> Decimal:
    if not price.is_finite() or price <= 0:
        raise ValidationError(
            message(CTX, QT_TRANSLATE_NOOP("Validation", "The price must be greater than zero."))
        )
    if not has_valid_decimals(price, site):
        if site.decimals == 0:
            raise ValidationError(
                message(
                    CTX,
                    QT_TRANSLATE_NOOP("Validation", "Prices in {currency} have no decimals."),
                    currency=site.currency,
                )
            )
        raise ValidationError(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "Validation", "Prices in {currency} can have at most {decimals} decimals."
                ),
                currency=site.currency,
                decimals=site.decimals,
            )
        )
    return price


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
                total=format_money(total, site),
                limit=format_money(max_total, site),
            )
        )


def read_amount(text: str, site: Site) -> Decimal:
    """An amount a person typed into a money field, valid to charge on ``site``.

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
                text=stripped,
                example=format_money(AMOUNT_EXAMPLE, site, symbol=False),
            )
        )
    if site.decimals == 0 and written_decimals(amount):
        raise ValidationError(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "Validation", "Amounts in {currency} have no decimals: write {example}."
                ),
                currency=site.currency,
                example=format_money(AMOUNT_EXAMPLE, site, symbol=False),
            )
        )
    if amount <= 0:
        raise ValidationError(
            message(CTX, QT_TRANSLATE_NOOP("Validation", "The amount must be greater than zero."))
        )
    if written_decimals(amount) > site.decimals:
        raise ValidationError(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "Validation", "Amounts in {currency} can have at most {decimals} decimals."
                ),
                currency=site.currency,
                decimals=site.decimals,
            )
        )
    return amount
