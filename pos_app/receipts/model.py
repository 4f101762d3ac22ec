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

from pos_app.domain.cart import Cart, CartLine
from pos_app.domain.money import Site, format_money
from pos_app.domain.records import SaleSnapshot
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
REFUNDED = QT_TRANSLATE_NOOP("Receipt", "REFUNDED")
IVA_RATE = QT_TRANSLATE_NOOP("Receipt", "IVA {rate} % included")
IVA_TOTAL = QT_TRANSLATE_NOOP("Receipt", "Total IVA included")
PAID_QR = QT_TRANSLATE_NOOP("Receipt", "Paid with Mercado Pago (QR)")
PAID_CASH = QT_TRANSLATE_NOOP("Receipt", "Paid in cash")
PAYMENT = QT_TRANSLATE_NOOP("Receipt", "Payment")
ORDER = QT_TRANSLATE_NOOP("Receipt", "Order")
REFUND_QR = QT_TRANSLATE_NOOP("Receipt", "Refunded through Mercado Pago")
REFUND_CASH = QT_TRANSLATE_NOOP("Receipt", "Refunded in cash")
REFUND_ID = QT_TRANSLATE_NOOP("Receipt", "Refund")
NOT_FISCAL = QT_TRANSLATE_NOOP("Receipt", "This is not a fiscal invoice.")
THANKS = QT_TRANSLATE_NOOP("Receipt", "Thank you for your purchase!")
TEST_BODY = QT_TRANSLATE_NOOP(
    "Receipt", "If you can read this, the printer works. Accents: áéíóú ñ ç ã õ ¿¡"
)
TEST_QR = QT_TRANSLATE_NOOP("Receipt", "The box's QR code")
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
class ReceiptLine:
    title: str
    quantity: int
    unit_price: Decimal
    total: Decimal


@dataclass(frozen=True)
class RefundInfo:
    """One refund of a sale (the refund ticket names the original sale)."""

    amount: Decimal
    at: datetime
    refund_id: str = ""  # Mercado Pago's refund id; "" for cash
    cash: bool = False
    lines: tuple[CartLine, ...] = ()  # the lines given back, when chosen by line


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

    @property
    def is_refund(self) -> bool:
        return self.refund is not None

    def iva_by_rate(self) -> tuple[tuple[Decimal, Decimal], ...]:
        """Colombia only: the IVA contained, per rate, in the lines this receipt lists."""
        if not self.site.reports_iva:
            return ()
        lines = self.refund.lines if self.refund is not None else self.lines
        cart = Cart(self.site)
        cart.restore(list(lines))
        return cart.iva_by_rate()

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

        shown = self.refund.lines if self.refund is not None else self.lines
        items = tuple(
            (
                line.title,
                f"{line.quantity} × {money(line.unit_price)}",
                money(line.total(self.site)),
            )
            for line in shown
        )
        if self.refund is not None:
            totals: tuple[tuple[str, str], ...] = ((tr(REFUNDED), money(self.refund.amount)),)
        elif self.extra:
            totals = ()
        else:
            totals = ((tr(TOTAL), money(self.total)),)

        taxes: list[tuple[str, str]] = []
        breakdown = self.iva_by_rate()
        for rate, amount in breakdown:
            taxes.append((tr(IVA_RATE).replace("{rate}", f"{rate.normalize():f}"), money(amount)))
        if len(breakdown) > 1:
            taxes.append((tr(IVA_TOTAL), money(sum((a for _, a in breakdown), Decimal(0)))))

        payment: list[str] = []
        if self.refund is not None:
            payment.append(tr(REFUND_CASH) if self.refund.cash else tr(REFUND_QR))
            if self.refund.refund_id:
                payment.append(f"{tr(REFUND_ID)} {self.refund.refund_id}")
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
            items=items,
            totals=totals,
            taxes=tuple(taxes),
            payment=(*payment, *(tr(x) for x in self.extra)),
            footer=tuple(footer),
            qr_caption=tr(SCAN_TO_PAY),
        )


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime(DATE_FORMAT)


def sale_receipt(sale: SaleSnapshot, site: Site, shop: ShopInfo, *, order_id: str = "") -> Receipt:
    """The customer's receipt for a sale as the ledger holds it (normally a paid one)."""
    return Receipt(
        site=site,
        shop=shop,
        reference=sale.external_reference,
        at=sale.updated_at if sale.tender is not None else sale.created_at,
        lines=sale.lines,
        total=sale.total,
        tender=sale.tender,
        payment_ids=sale.payment_ids,
        order_id=order_id,
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
