"""Validation of ``PUT .../orders`` bodies, with Mercado Pago's error keys.

MP documents the keys but not every rule behind them; where the notes say UNCONFIRMED the
sandbox is *stricter* than the real API may be (amount consistency, decimals), so that an app
that passes here also passes there. Each check raises the first error found, like MP does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from urllib.parse import urlsplit

from pos_app.sandbox.errors import ApiError
from pos_app.sandbox.models import Site

REFERENCE_RE = re.compile(r"\A[A-Za-z0-9_-]+\Z")  # \Z: "$" matched before a final "\n"
DEFAULT_EXPIRY = timedelta(minutes=10)  # the v1 API's documented default
UNIT_MEASURES = ("unit", "pack")
GENERAL_IVA_RATE = Decimal(19)  # Colombia's; MP applies it to the whole order without taxes


@dataclass
class ValidOrder:
    external_reference: str
    title: str
    description: str | None
    notification_url: str | None
    expiration_date: datetime
    expiration_sent: bool
    total_amount: Decimal
    items: list[dict[str, Any]]
    cash_out: Decimal | None
    taxes: list[dict[str, Any]] | None
    sponsor_id: int | None


def invalid(error: str, message: str) -> ApiError:
    return ApiError(400, error, message)


def is_number(value: Any) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def number(value: Any) -> Decimal | None:
    """A JSON number as ``Decimal``; None for anything else (booleans are not numbers)."""
    return Decimal(value) if is_number(value) else None


def decimals(value: Decimal) -> int:
    """Significant decimals: 10.50 has 1, 1500.0 has 0."""
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


def validate_order(body: Any, site: Site, now: datetime) -> ValidOrder:
    if not isinstance(body, dict):
        raise invalid("bad_request", "body must be a JSON object")

    reference = body.get("external_reference")
    if not isinstance(reference, str) or not reference:
        raise invalid("invalid_external_reference", "external_reference must be string")
    if len(reference) > 64 or not REFERENCE_RE.match(reference):
        raise invalid(
            "invalid_external_reference",
            "external_reference must have up to 64 letters, digits, '-' or '_'",
        )

    title = body.get("title")
    if not isinstance(title, str) or not title.strip():
        raise invalid("invalid_title", "title must be string")
    description = _optional_string(body, "description", "invalid_description")
    notification_url = _notification_url(body.get("notification_url"))
    expiration, sent = _expiration(body.get("expiration_date"), now)

    total = number(body.get("total_amount"))
    if total is None:
        raise invalid("invalid_total_amount", "total_amount must be number")

    cash_out = _cash_out(body.get("cash_out"))
    items = _items(body.get("items"), site)
    if not items and cash_out is None:
        raise invalid("error_creating_seller_qr_order", "the order needs items or a cash_out")

    _check_amount(total, site, "total_amount")
    expected = sum((item["total_amount"] for item in items), Decimal(0)) + (cash_out or 0)
    if total <= 0 or total != expected:
        raise invalid(
            "invalid_total_amount",
            f"total_amount {total} must equal the sum of items and cash_out ({expected})",
        )

    return ValidOrder(
        external_reference=reference,
        title=title,
        description=description,
        notification_url=notification_url,
        expiration_date=expiration,
        expiration_sent=sent,
        total_amount=total,
        items=items,
        cash_out=cash_out,
        taxes=_taxes(body.get("taxes"), site, total),
        sponsor_id=_sponsor(body.get("sponsor")),
    )


def _optional_string(body: dict[str, Any], key: str, error: str) -> str | None:
    value = body.get(key)
    if value is not None and not isinstance(value, str):
        raise invalid(error, f"{key} must be string")
    return value


def _notification_url(value: Any) -> str | None:
    if value is None:
        return None
    # The real API wants https; the sandbox also takes http so a receiver on loopback (or an
    # in-process test app) can get the IPNs.
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise invalid("invalid_notification_url", "notification_url must be an http(s) URL")
    return str(value)


def _expiration(value: Any, now: datetime) -> tuple[datetime, bool]:
    if value is None:
        return now + DEFAULT_EXPIRY, False
    message = "expiration_date must be an ISO-8601 date with offset in the future"
    if not isinstance(value, str):
        raise invalid("invalid_expiration_date", message)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise invalid("invalid_expiration_date", message) from None
    if moment.tzinfo is None or moment <= now:
        raise invalid("invalid_expiration_date", message)
    return moment, True


def _cash_out(value: Any) -> Decimal | None:
    if value is None:
        return None
    amount = number(value.get("amount")) if isinstance(value, dict) else None
    if amount is None or amount < 0:
        raise invalid("invalid_cash_out.amount", "cash_out.amount must be number")
    return amount or None


def _check_amount(value: Decimal, site: Site, field: str) -> None:
    if decimals(value) > site.decimals:
        raise invalid(
            "invalid_total_amount",
            f"{field} must have at most {site.decimals} decimals for {site.currency_id}",
        )


def _items(value: Any, site: Site) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise invalid("invalid_items", "items must be array")
    return [_item(raw, site) for raw in value]


def _item(raw: Any, site: Site) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise invalid("invalid_items", "items must be objects")
    for key in ("sku_number", "category", "description"):
        if raw.get(key) is not None and not isinstance(raw[key], str):
            raise invalid(f"invalid_items.{key}", f"items.{key} must be string")
    for key in ("title", "unit_measure"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise invalid(f"invalid_items.{key}", f"items.{key} must be string")
    for key in ("unit_price", "quantity", "total_amount"):
        if not is_number(raw.get(key)):
            raise invalid(f"invalid_items.{key}", f"items.{key} must be number")
    if raw["unit_measure"] not in UNIT_MEASURES:
        raise invalid("invalid_unit_measure", "items.unit_measure must be 'unit' or 'pack'")

    quantity = Decimal(raw["quantity"])
    if quantity <= 0:
        raise invalid("invalid_quantity", "items.quantity must be greater than 0")
    # unit and pack count pieces: a weighed product is one piece whose price is its total, with
    # the weight in the title (issue 20). A fractional quantity would make unit_price x quantity
    # fall between cents, so the sandbox refuses it rather than guess how Mercado Pago rounds.
    if quantity != quantity.to_integral_value():
        raise invalid(
            "invalid_quantity",
            "items.quantity must be a whole number of units or packs "
            "(send a weighed product as 1 with its total as unit_price)",
        )
    unit_price = Decimal(raw["unit_price"])
    if unit_price <= 0 or decimals(unit_price) > site.decimals:
        raise invalid(
            "invalid_unit_price",
            f"items.unit_price must be positive with at most {site.decimals} decimals",
        )
    total = Decimal(raw["total_amount"])
    _check_amount(total, site, "items.total_amount")
    product = unit_price * quantity
    if total != product:
        raise invalid(
            "invalid_total_amount",
            f"items.total_amount {total} must be unit_price x quantity ({product})",
        )
    return {
        "sku_number": raw.get("sku_number"),
        "category": raw.get("category"),
        "title": raw["title"],
        "description": raw.get("description"),
        "unit_price": unit_price,
        "quantity": quantity,
        "unit_measure": raw["unit_measure"],
        "total_amount": total,
    }


def max_iva(total: Decimal) -> Decimal:
    """The most IVA a Colombian total can contain: all of it at the general 19 %, rounded
    half-up to a peso (prices include IVA, so that is ``total × 19 / 119``)."""
    return (total * GENERAL_IVA_RATE / (100 + GENERAL_IVA_RATE)).quantize(
        Decimal(1), rounding=ROUND_HALF_UP
    )


def _taxes(value: Any, site: Site, total: Decimal) -> list[dict[str, Any]] | None:
    """Colombia's ``taxes: [{"type": "IVA", "value": <integer amount>}]`` (notes §6).

    The IVA guide: the value is the total IVA *amount* the order contains, an integer number of
    pesos, never a percentage; exempt-only orders report 0. The sandbox cannot know each item's
    rate, so it checks what it can: one IVA entry, an integer from 0 to the IVA the whole total
    would contain at the general 19 % (a higher value cannot be an amount contained in it).
    """
    if value is None:
        return None
    if site.site_id != "MCO":
        # Only Colombia documents taxes; elsewhere they are recorded and otherwise ignored.
        return value if isinstance(value, list) else None
    message = 'taxes must be [{"type": "IVA", "value": <integer amount of IVA contained>}]'
    if not isinstance(value, list) or len(value) != 1:
        raise invalid("invalid_taxes", message)
    tax = value[0]
    if not isinstance(tax, dict) or tax.get("type") != "IVA":
        raise invalid("invalid_taxes", message)
    amount = number(tax.get("value"))
    if amount is None or amount < 0 or decimals(amount):
        raise invalid("invalid_taxes", message)
    if amount > max_iva(total):
        raise invalid(
            "invalid_taxes",
            f"taxes IVA value {amount} is more than a total of {total} can contain "
            f"({max_iva(total)} at 19 %): send the amount of IVA, not a rate",
        )
    return [{"type": "IVA", "value": amount}]


def _sponsor(value: Any) -> int | None:
    if value is None:
        return None
    sponsor_id = value.get("id") if isinstance(value, dict) else None
    if not isinstance(sponsor_id, int) or isinstance(sponsor_id, bool) or sponsor_id <= 0:
        raise invalid("invalid_sponsor.id", "sponsor.id must be number")
    return sponsor_id
