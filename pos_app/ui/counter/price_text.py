"""Prices and discounts as the counter shows them, and the scan field's scale-label lookup.

Apart from :mod:`pos_app.ui.counter.price_dialogs` (the weight and discount dialogs) because the
window's first frame needs these and not the dialogs (start-up time, issue 19).

- :class:`ScaleLabels`: the scan field's lookup, reading a scale's label first; the product's
  own code is looked up in the catalog, a misread label is refused with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from pos_app.domain.money import Site, format_money, format_money_unbroken

if TYPE_CHECKING:
    # Read at the first scan, not for the first frame (start-up time, issue 19); the products
    # and the discounts come with the runtime.
    from pos_app.domain.cart import Cart
    from pos_app.domain.catalog import Product
    from pos_app.domain.pricing import Discount
    from pos_app.domain.scale_label import ScaleLabel, ScaleLayout
    from pos_app.i18n import Message


def price_per_unit(product_price: Decimal, unit: str, site: Site, *, unbroken: bool = False) -> str:
    """``$ 8.000,00/kg``; ``unbroken``: in a wrapped sentence, with a no-break space."""
    text = (
        format_money_unbroken(product_price, site)
        if unbroken
        else format_money(product_price, site)
    )
    return f"{text}/{unit}"


def discount_text(discount: Discount, site: Site, *, taken: Decimal | None = None) -> str:
    """How a discount is shown on a cart line or beside the total. ``taken``: what it takes
    now; an amount off shows that (the line or sale may have shrunk under it since)."""
    from pos_app.domain.pricing import DiscountKind

    if discount.kind is DiscountKind.PERCENT:
        text = QCoreApplication.translate("PriceDialogs", "−{percent} %").format(
            percent=percent_text(discount.value, site)
        )
    elif discount.kind is DiscountKind.AMOUNT:
        text = QCoreApplication.translate("PriceDialogs", "−{amount}").format(
            amount=format_money(discount.value if taken is None else taken, site)
        )
    else:
        text = QCoreApplication.translate("PriceDialogs", "now {price}").format(
            price=format_money(discount.value, site)
        )
    return f"{text} ({discount.reason})" if discount.reason else text


def percent_text(value: Decimal, site: Site) -> str:
    text = format(value.normalize(), "f")
    return text.replace(".", site.decimal_sep)


class ScaleLabels:
    """The scan field's lookup, with scale labels read first.

    :meth:`lookup` answers the product of a label (its code looked up in the catalog) and keeps
    the label until :meth:`take` claims it for that product; a misread label answers None and
    keeps the reason for :meth:`take_error`, so "not found" can say the true cause.
    """

    def __init__(
        self,
        lookup: Callable[[str], Product | None],
        layouts: Callable[[], tuple[ScaleLayout, ...]],
    ) -> None:
        """``layouts``: asked at each scan, so a change in Settings applies at once."""
        self._lookup = lookup
        self._layouts = layouts
        self._label: tuple[Product, ScaleLabel] | None = None
        self._error: tuple[str, Message] | None = None

    def lookup(self, text: str) -> Product | None:
        from pos_app.domain.scale_label import ScaleLabelError, code_candidates, read_scale_label

        self._label = None
        self._error = None
        # A shop's own EAN-13 starting with 2 (GS1 leaves 20-29 to the shop) registered as a
        # product's barcode is that product, not a scale label: 2000201000012 was sold as
        # 0,001 kg of PLU 00201. A label's 13 digits are never a product's registered code.
        exact = self._lookup(text)
        if exact is not None and exact.barcode == text.strip():
            return exact
        try:
            label = read_scale_label(text, self._layouts())
        except ScaleLabelError as exc:
            self._error = (text.strip(), exc.msg)
            return None
        if label is None:
            return self._lookup(text)
        for code in code_candidates(label.code):
            product = self._lookup(code)
            if product is not None:
                self._label = (product, label)
                return product
        # A label of a product the catalog does not have: maybe an ordinary EAN starting with 2.
        return self._lookup(text)

    def take(self, product: Product) -> ScaleLabel | None:
        found, self._label = self._label, None
        return found[1] if found is not None and found[0] is product else None

    def take_error(self, text: str) -> Message | None:
        found, self._error = self._error, None
        return found[1] if found is not None and found[0] == text.strip() else None


def sale_discount_text(cart: Cart) -> str:
    """The sale's discount beside the total: an amount off as what it takes of the subtotal
    now (lines removed since may leave less than it was), a percentage as typed."""
    assert cart.sale_discount is not None
    return discount_text(cart.sale_discount, cart.site, taken=cart.sale_discount_amount())
