"""What ``pos-app charge`` puts in the sale: catalog codes with a quantity or a weight, scale
labels, and a discount on the whole sale — with the rules the window applies.

- ``--sku CODE[:QTY]``: a product by barcode or SKU. For a product sold by measure the part
  after the colon is its weight (volume, length) in the product's unit: ``--sku QUESO:0.350``;
  without one the command refuses (the window would ask for it).
- ``--sku 2123450012503``: a scale's label (a 13-digit EAN of the shop's layouts, Settings →
  Charging) charges the weight or price printed on it, as when it is scanned.
- ``--discount 10%`` or ``--discount 500``, optionally ``:REASON``: a discount on the whole sale.
  Above Settings' limit it needs the supervisor's PIN, asked on the terminal (never an argument:
  a PIN on the command line would stay in the shell's history and the process list).
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from pos_app.domain.cart import Cart, CartLine
from pos_app.domain.catalog import Product
from pos_app.domain.money import Site
from pos_app.domain.pricing import (
    Discount,
    DiscountKind,
    check_discount,
    check_measure,
    check_one_reading,
    parse_measure,
)
from pos_app.domain.scale_label import (
    ScaleLabelError,
    ScaleLayout,
    code_candidates,
    label_line,
    read_scale_label,
)
from pos_app.domain.validation import ValidationError, read_quantity
from pos_app.settings.supervisor import check_pin


class ChargeInputError(Exception):
    """A ``--sku`` or ``--discount`` that cannot be charged; the message says why."""


Lookup = Callable[[str], Product | None]


EMPTY_CATALOG = (
    "the catalog is empty. Import your products first: pos-app catalog import FILE.csv "
    "(columns sku,barcode,title,unit_price,category,unit_measure,iva_rate; sku, title and "
    "unit_price are required), or charge with --item TITLE:QTY:PRICE"
)


def sku_line(
    spec: str,
    site: Site,
    lookup: Lookup,
    layouts: tuple[ScaleLayout, ...],
    *,
    catalog_empty: bool = False,
) -> CartLine:
    """The cart line of one ``--sku`` argument."""
    code, colon, amount = spec.strip().partition(":")
    code = code.strip()
    registered = lookup(code)
    # A shop's own EAN-13 in 20-29 registered as a product's barcode is that product, not a
    # scale label (as the window's scan: pos_app.ui.counter.price_text.ScaleLabels).
    is_registered = registered is not None and registered.barcode == code
    try:
        label = None if is_registered else read_scale_label(code, layouts)
    except ScaleLabelError as exc:
        raise ChargeInputError(f"--sku {shown(spec)}: {exc.msg}") from None
    if label is not None:
        if colon:
            raise ChargeInputError(f"--sku {shown(spec)}: a scale label carries its own amount")
        product = next(
            (p for c in code_candidates(label.code) if (p := lookup(c)) is not None), None
        )
        if product is None:
            raise ChargeInputError(
                f"--sku {shown(spec)}: a scale label of product {label.code!r}, "
                "which is not in the catalog"
            )
        try:
            return label_line(product, label, site)
        except (ScaleLabelError, ValidationError) as exc:
            raise ChargeInputError(f"--sku {shown(spec)}: {exc.msg}") from None
    product = lookup(code)
    if product is None:
        if amount and not _a_quantity_or_measure(amount, site):
            try:  # neither: say what a quantity must be (the common case)
                read_quantity(amount)
            except ValidationError as exc:
                raise ChargeInputError(f"--sku {shown(spec)}: {exc.msg}") from None
        why = EMPTY_CATALOG if catalog_empty else "not in the catalog"
        raise ChargeInputError(f"--sku {shown(code)}: {why}")
    if product.is_measured:
        unit = product.sale_unit.value
        measure = parse_measure(amount, site) if amount else None
        if measure is None:
            raise ChargeInputError(
                f"--sku {shown(spec)}: {product.title} is sold by {unit}: give how much, "
                f"e.g. --sku {code}:{'350' if unit == 'g' else '0.350'}"
            )
        try:
            if "," in amount:  # a dot is the decimal mark here; a comma may be a thousand
                check_one_reading(amount, site)
            return product.to_line(measure=check_measure(measure, "."))
        except ValidationError as exc:
            raise ChargeInputError(f"--sku {shown(spec)}: {exc.msg}") from None
    try:
        quantity = read_quantity(amount or "1")
    except ValidationError as exc:
        raise ChargeInputError(f"--sku {shown(spec)}: {exc.msg}") from None
    return product.to_line(quantity)


def _a_quantity_or_measure(text: str, site: Site) -> bool:
    try:
        read_quantity(text)
        return True
    except ValidationError:
        pass
    measure = parse_measure(text, site)
    try:
        return measure is not None and bool(check_measure(measure, "."))
    except ValidationError:
        return False


def read_sale_discount(text: str, site: Site) -> Discount:
    """``10%``, ``12.5%`` or ``500`` (a dot is the decimal mark), optionally ``:REASON``."""
    value_text, _, reason = text.partition(":")
    value_text = value_text.strip()
    percent = value_text.endswith("%")
    number = value_text[:-1].strip() if percent else value_text
    if not number or not number.isascii() or not all(c in "0123456789." for c in number):
        raise ChargeInputError(
            f"--discount {shown(text)}: expected a percentage (10%) or an amount (500)"
        )
    try:
        value = Decimal(number)
    except InvalidOperation:
        raise ChargeInputError(
            f"--discount {shown(text)}: expected a percentage (10%) or an amount (500)"
        ) from None
    discount = Discount(DiscountKind.PERCENT if percent else DiscountKind.AMOUNT, value, reason)
    try:
        return check_discount(discount, site, on_line=False)
    except ValidationError as exc:
        raise ChargeInputError(f"--discount {shown(text)}: {exc.msg}") from None


def check_sale_discount(
    discount: Discount,
    lines: list[CartLine],
    site: Site,
    *,
    limit: int,
    pin_hash: str,
    ask_pin: Callable[[], str | None] | None = None,
) -> None:
    """Refuse a discount that takes everything, or one above the limit without the PIN."""
    cart = Cart(site)
    cart.restore(list(lines))
    subtotal = cart.subtotal()
    off = discount.amount_off(subtotal, Decimal(1), site)
    if off >= subtotal:
        raise ChargeInputError("--discount: it would leave nothing to charge")
    percent = discount.percent_of(subtotal, Decimal(1), site)
    if not discount.above_limit(subtotal, Decimal(1), site, limit):
        return
    if not pin_hash:
        raise ChargeInputError(
            f"--discount: {percent:.1f} % is above the limit of {limit} % and no supervisor PIN "
            "is set (Settings → Charging)"
        )
    pin = (ask_pin or _ask_pin_on_terminal)()
    if pin is None:
        raise ChargeInputError(
            f"--discount: {percent:.1f} % is above the limit of {limit} %: the supervisor's PIN "
            "is asked on a terminal (run the command in one)"
        )
    if not check_pin(pin, pin_hash):
        raise ChargeInputError("--discount: wrong supervisor PIN; nothing was charged")


def _ask_pin_on_terminal() -> str | None:
    if not sys.stdin.isatty():
        return None
    return getpass.getpass("Supervisor PIN: ")


def shown(text: str, limit: int = 60) -> str:
    """``text`` quoted for a message, cut when long (a 10 MB argument is not echoed whole)."""
    return repr(text if len(text) <= limit else text[:limit] + "…")
