"""A receipt as printed: the same content for the thermal printer, the PDF and the preview.

:func:`sale_receipt` and :func:`refund_receipt` build a :class:`Receipt` from a ledger sale (plain
values, no I/O); :meth:`Receipt.texts` resolves every label in the shop's language into a
:class:`ReceiptTexts`, the only thing renderers read. Amounts are written the way the site's
country writes money; a Colombian receipt breaks the IVA its prices contain down by rate with
the same rounding as the order reported (:meth:`pos_app.domain.cart.Cart.iva_by_rate`).

A receipt is not a fiscal invoice and says so in its footer: the shop's tax documents come
from its own invoicing system.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from pos_app.domain.cart import Cart, CartLine, iva_breakdown
from pos_app.domain.money import MINUS, Site, format_money
from pos_app.domain.pricing import Discount, DiscountKind, format_measure, iva_contained
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.refund_iva import LinePart, part_of_line, sold_amount
from pos_app.domain.sale import Tender
from pos_app.i18n import QT_TRANSLATE_NOOP, Translator

CTX = "Receipt"

SALE_TITLE = QT_TRANSLATE_NOOP("Receipt", "SALE RECEIPT")
REFUND_TITLE = QT_TRANSLATE_NOOP("Receipt", "REFUND RECEIPT")
TEST_TITLE = QT_TRANSLATE_NOOP("Receipt", "TEST PRINT")
STORE = QT_TRANSLATE_NOOP("Receipt", "Store")
BOX = QT_TRANSLATE_NOOP("Receipt", "Box")
DATE = QT_TRANSLATE_NOOP("Receipt", "Date")
SALE = QT_TRANSLATE_NOOP("Receipt", "Sale")
ORIGINAL_SALE = QT_TRANSLATE_NOOP("Receipt", "Original sale")
ORIGINAL_DATE = QT_TRANSLATE_NOOP("Receipt", "Sold on")
TOTAL = QT_TRANSLATE_NOOP("Receipt", "TOTAL")
SUBTOTAL = QT_TRANSLATE_NOOP("Receipt", "Subtotal")
LINE_DISCOUNT = QT_TRANSLATE_NOOP("Receipt", "Discount")
SALE_DISCOUNT = QT_TRANSLATE_NOOP("Receipt", "Sale discount")
REFUNDED = QT_TRANSLATE_NOOP("Receipt", "REFUNDED")
# A refund of items taken from two Mercado Pago payments: this ticket's row is one of them.
OTHER_PAYMENTS = QT_TRANSLATE_NOOP("Receipt", "Refunded on the sale's other payments")
IVA_RATE = QT_TRANSLATE_NOOP("Receipt", "IVA {rate} % included")
IVA_TOTAL = QT_TRANSLATE_NOOP("Receipt", "Total IVA included")
# A refund of an amount (not of items): its IVA is the sale's rates' share of it.
IVA_PRO_RATA = QT_TRANSLATE_NOOP(
    "Receipt",
    "Refund of an amount, not of items: its IVA is split over the sale's rates in proportion.",
)
# A refund of items after a refund of an amount: part of the items' price had gone back then.
IVA_OUTSIDE = QT_TRANSLATE_NOOP(
    "Receipt",
    "Part of these items' price was given back before, in a refund of an amount: the rest of "
    "this refund is the sale's other items', with their IVA rates in proportion.",
)
PAID_QR = QT_TRANSLATE_NOOP("Receipt", "Paid with Mercado Pago (QR)")
PAID_CASH = QT_TRANSLATE_NOOP("Receipt", "Paid in cash")
PAYMENT = QT_TRANSLATE_NOOP("Receipt", "Payment")
ORDER = QT_TRANSLATE_NOOP("Receipt", "Order")
REFUND_QR = QT_TRANSLATE_NOOP("Receipt", "Refunded through Mercado Pago")
REFUND_CASH = QT_TRANSLATE_NOOP("Receipt", "Refunded in cash")
REFUND_ID = QT_TRANSLATE_NOOP("Receipt", "Refund")
REFUND_NOTE = QT_TRANSLATE_NOOP("Receipt", "Reason: {note}")  # the cashier's note
NOT_FISCAL = QT_TRANSLATE_NOOP("Receipt", "This is not a fiscal invoice.")
TEST_BODY = QT_TRANSLATE_NOOP(
    "Receipt", "If you can read this, the printer works. Accents: áéíóú ñ ç ã õ ¿¡"
)
SCAN_TO_PAY = QT_TRANSLATE_NOOP("Receipt", "Scan to pay at this box")

DATE_FORMAT = "%d/%m/%Y %H:%M"  # how every Mercado Pago country writes a date and time


@dataclass(frozen=True)
class ShopInfo:
    """Who issues the receipt: Settings → Receipts and Store and box."""

    name: str
    header: str = ""  # address, tax id, phone: free lines under the name
    store_name: str = ""
    box_name: str = ""
    footer: str = ""  # free lines above the "not a fiscal invoice" footer


@dataclass(frozen=True)
class RefundInfo:
    """One refund of a sale (the refund ticket names the original sale)."""

    amount: Decimal
    at: datetime
    refund_id: str = ""  # Mercado Pago's refund id; "" for cash
    cash: bool = False
    lines: tuple[CartLine, ...] = ()  # the lines given back, when chosen by line
    positions: tuple[int, ...] = ()  # each given-back line's place in the sale (its charge)
    note: str = ""  # the cashier's reason ("defective"), cleaned when it was written
    # Colombia: the IVA per rate it gave back, from the sale's refunds in the order the money
    # left (:func:`pos_app.ledger.refunds.refund_ivas`; the close takes the same off); None:
    # worked out from the lines alone (a ticket made without the sale's other refunds).
    iva: tuple[tuple[Decimal, Decimal], ...] | None = None
    # Given back by items (the first part, listing them, or a further part of it taken from
    # another payment): its IVA is the items' rates; False: an amount, the sale's in proportion.
    of_items: bool = False
    # What of each given-back line earlier refunds had given back (units, or a weighed line's
    # weight), as when this refund's amount was worked out: its share of the line's money and
    # discounts is on the line's running total (:func:`pos_app.domain.refund_iva.part_of_line`).
    before: tuple[Decimal, ...] = ()
    # Colombia, a refund of items after a refund of an amount had taken part of their price:
    # the money it took from the sale's other lines (its IVA has their rates too).
    outside: Decimal = Decimal(0)


@dataclass(frozen=True)
class ReceiptTexts:
    """Everything a renderer prints, already in the shop's language."""

    title: str
    shop_lines: tuple[str, ...]
    info: tuple[tuple[str, str], ...]  # (label, value)
    items: tuple[tuple[str, str, str], ...]  # (title, "2 × $ 1.500,00", line total)
    totals: tuple[tuple[str, str], ...]  # first one is the big TOTAL / REFUNDED
    taxes: tuple[tuple[str, str], ...]
    payment: tuple[str, ...]
    footer: tuple[str, ...]
    qr_caption: str = ""
    # One per item: its own discount ("Discount 10 % (QR)", "-$ 517,58"), ("", "") without.
    item_discounts: tuple[tuple[str, str], ...] = ()
    # Printed just above the TOTAL when the sale had a discount: subtotal, sale discount.
    before_total: tuple[tuple[str, str], ...] = ()
    # Under the IVA: how a refund's IVA was worked out when it was not by its items' rates.
    tax_note: str = ""


@dataclass(frozen=True)
class Receipt:
    site: Site
    shop: ShopInfo
    reference: str
    at: datetime
    lines: tuple[CartLine, ...]
    total: Decimal
    tender: Tender | None = None
    payment_ids: tuple[int, ...] = ()
    order_id: str = ""  # Orders API (ORD…), when the sale went that way
    refund: RefundInfo | None = None
    sold_at: datetime | None = None  # refund tickets: when the original sale was made
    extra: tuple[str, ...] = field(default=())  # test print: body lines
    sale_discount: Discount | None = None  # the sale's own discount, on top of its lines'

    @property
    def is_refund(self) -> bool:
        return self.refund is not None

    def iva_by_rate(self) -> tuple[tuple[Decimal, Decimal], ...]:
        """Colombia only: the IVA contained, per rate, in the lines this receipt lists."""
        if not self.site.reports_iva:
            return ()
        # On what the customer paid: each line after its own discount and its share of the
        # sale's (the figure the order reported; list prices overstated it).
        cart = Cart(self.site)
        cart.restore(list(self.lines))
        cart.sale_discount = self.sale_discount
        if self.refund is None:
            return cart.iva_by_rate()
        if self.refund.iva is not None:
            return self.refund.iva
        given = self.refund.lines
        if not given:
            return ()
        # Here, not at the top: a sale's receipt never needs it (``pos-app receipt``'s modules).
        from pos_app.domain.order_lines import charged_amounts

        charged = charged_amounts(cart)
        positions = self.refund.positions
        if len(positions) != len(given) or not all(0 <= p < len(charged) for p in positions):
            # No places known (a ticket made by hand): the given-back lines as sold alone.
            alone = Cart(self.site)
            alone.restore(list(given))
            return alone.iva_by_rate()
        # Each line's part of its charge, scaled to what was refunded (its rounding by units).
        parts = [
            (line.iva_rate, charged[p] * sold_amount(line) / sold_amount(self.lines[p]))
            for line, p in zip(given, positions, strict=True)
        ]
        whole = sum((part for _rate, part in parts), Decimal(0))
        scale = self.refund.amount / whole if whole else Decimal(0)
        raw: dict[Decimal, Decimal] = {}
        for rate, part in parts:
            raw[rate] = raw.get(rate, Decimal(0)) + iva_contained(part * scale, rate)
        return iva_breakdown(raw, self.site)

    def given_parts(self) -> tuple[LinePart, ...] | None:
        """A refund of items: each given-back line's price, discounts' shares and money, by the
        rule its amount was worked out with; None when the lines' places in the sale are not
        known (a ticket made by hand) or this is no refund of items."""
        refund = self.refund
        if refund is None or not refund.lines:
            return None
        positions = refund.positions
        if len(positions) != len(refund.lines) or not all(
            0 <= p < len(self.lines) for p in positions
        ):
            return None
        # Here, not at the top: a sale's receipt never needs it (``pos-app receipt``'s modules).
        from pos_app.domain.order_lines import charged_amounts

        cart = Cart(self.site)
        cart.restore(list(self.lines))
        cart.sale_discount = self.sale_discount
        charged = charged_amounts(cart)
        before = refund.before
        return tuple(
            part_of_line(
                self.lines[p],
                charged[p],
                before[i] if i < len(before) else Decimal(0),
                sold_amount(line),
                self.site,
            )
            for i, (line, p) in enumerate(zip(refund.lines, positions, strict=True))
        )

    def texts(self, translate: Translator) -> ReceiptTexts:
        def tr(source: str) -> str:
            return translate(CTX, source)

        def money(amount: Decimal) -> str:
            return format_money(amount, self.site)

        shop_lines = tuple(
            line.strip()
            for line in (self.shop.name, *self.shop.header.splitlines())
            if line.strip()
        )
        info: list[tuple[str, str]] = []
        if self.shop.store_name:
            info.append((tr(STORE), self.shop.store_name))
        if self.shop.box_name:
            info.append((tr(BOX), self.shop.box_name))
        info.append((tr(DATE), _local(self.refund.at if self.refund else self.at)))
        if self.refund is not None:
            info.append((tr(ORIGINAL_SALE), self.reference))
            info.append((tr(ORIGINAL_DATE), _local(self.sold_at or self.at)))
        elif self.reference:
            info.append((tr(SALE), self.reference))

        def discount_label(source: str, discount: Discount) -> str:
            label = tr(source)
            if discount.kind is DiscountKind.PERCENT:
                label += f" {discount.value.normalize():f} %"
            return f"{label} ({discount.reason})" if discount.reason else label

        shown = self.refund.lines if self.refund is not None else self.lines
        sale = self.refund is None
        # A refund of items: each line's share of its price and of its discounts, adding up to
        # its money (an amount-off line given back in half: half its discount, never all of it).
        parts = self.given_parts()
        items: list[tuple[str, str, str]] = []
        item_discounts: list[tuple[str, str]] = []
        for i, line in enumerate(shown):
            if parts is not None:
                off, gross = parts[i].own_off, parts[i].gross
            else:
                off = line.discount_amount(self.site) if sale else Decimal(0)
                gross = line.gross(self.site)
            # A discounted line: its price before, then what its discount takes off.
            amount = gross if off or parts is not None else line.total(self.site)
            # A weighed line: how much was sold (``0,350 kg``), not its quantity of 1.
            sold = (
                format_measure(line.measure, line.sale_unit, self.site)
                if line.measure is not None
                else str(line.quantity)
            )
            items.append((line.title, f"{sold} × {money(line.unit_price)}", money(amount)))
            label = discount_label(LINE_DISCOUNT, line.discount) if off and line.discount else ""
            item_discounts.append((label, f"{MINUS}{money(off)}") if label else ("", ""))
        before_total: list[tuple[str, str]] = []
        if self.refund is not None:
            totals: tuple[tuple[str, str], ...] = ((tr(REFUNDED), money(self.refund.amount)),)
            # Lines given back from a sale with its own discount: each was charged its share
            # less, so the ticket shows that share and adds up to what was refunded.
            if parts is not None:
                given = sum((p.gross - p.own_off for p in parts), Decimal(0))
                share = sum((p.sale_off for p in parts), Decimal(0))
                elsewhere = sum((p.charged for p in parts), Decimal(0)) - self.refund.amount
            else:  # the lines as sold alone (a ticket made by hand)
                given = sum((line.total(self.site) for line in self.refund.lines), Decimal(0))
                share, elsewhere = given - self.refund.amount, Decimal(0)
            if self.refund.lines and self.sale_discount is not None and share > 0:
                before_total.append((tr(SUBTOTAL), money(given)))
                before_total.append(
                    (discount_label(SALE_DISCOUNT, self.sale_discount), f"{MINUS}{money(share)}")
                )
            if elsewhere > 0:  # the items' money came from two payments: this row is one part
                before_total.append((tr(OTHER_PAYMENTS), f"{MINUS}{money(elsewhere)}"))
        elif self.extra:
            totals = ()
        else:
            totals = ((tr(TOTAL), money(self.total)),)
            cart = Cart(self.site)
            cart.restore(list(self.lines))
            cart.sale_discount = self.sale_discount
            off = cart.sale_discount_amount()
            if off and self.sale_discount is not None:
                before_total.append((tr(SUBTOTAL), money(cart.subtotal())))
                before_total.append(
                    (discount_label(SALE_DISCOUNT, self.sale_discount), f"{MINUS}{money(off)}")
                )

        taxes: list[tuple[str, str]] = []
        breakdown = self.iva_by_rate()
        for rate, amount in breakdown:
            taxes.append((tr(IVA_RATE).replace("{rate}", f"{rate.normalize():f}"), money(amount)))
        if len(breakdown) > 1:
            taxes.append((tr(IVA_TOTAL), money(sum((a for _, a in breakdown), Decimal(0)))))
        # A refund by items states its items' rates; one of an amount, the sale's in proportion.
        by_amount = (
            self.refund is not None
            and not self.refund.lines
            and not self.refund.of_items
            and bool(breakdown)
        )
        tax_note = tr(IVA_PRO_RATA) if by_amount else ""
        if self.refund is not None and breakdown and self.refund.outside > 0:
            tax_note = tr(IVA_OUTSIDE)

        payment: list[str] = []
        if self.refund is not None:
            payment.append(tr(REFUND_CASH) if self.refund.cash else tr(REFUND_QR))
            if self.refund.refund_id:
                payment.append(f"{tr(REFUND_ID)} {self.refund.refund_id}")
            if self.refund.note:  # wrapped like every payment line, whatever its length
                payment.append(tr(REFUND_NOTE).replace("{note}", self.refund.note))
        elif self.tender is Tender.CASH:
            payment.append(tr(PAID_CASH))
        elif self.tender is Tender.QR or self.payment_ids or self.order_id:
            payment.append(tr(PAID_QR))
            if self.order_id:
                payment.append(f"{tr(ORDER)} {self.order_id}")
            payment += [f"{tr(PAYMENT)} {pid}" for pid in self.payment_ids]

        footer = [line.strip() for line in self.shop.footer.splitlines() if line.strip()]
        if not self.extra:
            footer.append(tr(NOT_FISCAL))
        title = tr(REFUND_TITLE if self.refund else TEST_TITLE if self.extra else SALE_TITLE)
        return ReceiptTexts(
            title=title,
            shop_lines=shop_lines,
            info=tuple(info),
            items=tuple(items),
            totals=totals,
            taxes=tuple(taxes),
            payment=(*payment, *(tr(x) for x in self.extra)),
            footer=tuple(footer),
            qr_caption=tr(SCAN_TO_PAY),
            item_discounts=tuple(item_discounts) if any(a for a, _ in item_discounts) else (),
            before_total=tuple(before_total),
            tax_note=tax_note,
        )


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime(DATE_FORMAT)


def sale_receipt(sale: SaleSnapshot, site: Site, shop: ShopInfo) -> Receipt:
    """The customer's receipt for a sale as the ledger holds it (normally a paid one); an
    Orders API sale names its order (it has no payment id of the instore kind)."""
    return Receipt(
        site=site,
        shop=shop,
        reference=sale.external_reference,
        at=sale.updated_at if sale.tender is not None else sale.created_at,
        lines=sale.lines,
        total=sale.total,
        tender=sale.tender,
        payment_ids=sale.payment_ids,
        order_id=sale.order_id,
        sale_discount=sale.sale_discount,
    )


def refund_receipt(sale: SaleSnapshot, site: Site, shop: ShopInfo, refund: RefundInfo) -> Receipt:
    """The refund ticket: what was given back, naming the original sale and its date."""
    base = sale_receipt(sale, site, shop)
    return Receipt(
        site=site,
        shop=shop,
        reference=sale.external_reference,
        at=base.at,
        lines=sale.lines,
        total=sale.total,
        tender=sale.tender,
        payment_ids=sale.payment_ids,
        refund=refund,
        sold_at=base.at,
        sale_discount=sale.sale_discount,
    )


def sample_receipt(site: Site, shop: ShopInfo, now: datetime) -> Receipt:
    """Settings → Receipts → Test print: the header and footer as configured, sample accents."""
    return Receipt(
        site=site,
        shop=shop,
        reference="",
        at=now,
        lines=(),
        total=Decimal(0),
        extra=(TEST_BODY,),
    )
