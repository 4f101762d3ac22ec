"""Receipts from the settings and the ledger: what the window and ``pos-app receipt`` share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from pos_app.domain.cart import CartLine
from pos_app.domain.money import Site, site_for
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.refund_iva import Given, given_amount
from pos_app.domain.sale import Tender
from pos_app.i18n import Translator
from pos_app.ledger.refunds import RefundRecord, first_part, refund_iva_details
from pos_app.receipts import layout as layout_mod
from pos_app.receipts.language import receipt_language, translator
from pos_app.receipts.model import (
    Receipt,
    ReceiptTexts,
    RefundInfo,
    ShopInfo,
    refund_receipt,
    sale_receipt,
)
from pos_app.settings.config import Config

if TYPE_CHECKING:
    # The close's modules are imported by the close report: ``pos-app receipt`` prints a sale.
    from pos_app.domain.day import CloseReport


@dataclass(frozen=True)
class ReceiptOptions:
    """How receipts are printed, from Settings → Receipts."""

    language: str
    paper_mm: int = 80
    code_page: str = "CP850"
    qr_data: str = ""  # the box's QR, when it is to be printed

    @property
    def columns(self) -> int:
        return layout_mod.columns_for(self.paper_mm)

    @property
    def translate(self) -> Translator:
        return translator(self.language)


def shop_info(config: Config) -> ShopInfo:
    return ShopInfo(
        name=config.receipt_shop_name or config.store_name or config.nickname,
        header=config.receipt_header,
        store_name=config.store_name or config.store_external_id,
        box_name=config.box_name or config.box_external_id,
        footer=config.receipt_footer,
    )


def options(config: Config, *, paper_mm: int | None = None, speaking: str = "") -> ReceiptOptions:
    """``speaking``: the window's language, which is the receipt's when Settings name none (the
    command line has none to give: the locale's variables decide)."""
    return ReceiptOptions(
        language=receipt_language(config.language or speaking),
        paper_mm=paper_mm or config.receipt_paper_mm,
        code_page=config.receipt_code_page,
        qr_data=config.box_qr_code if config.receipt_print_qr else "",
    )


def receipt_for_sale(sale: SaleSnapshot, config: Config) -> Receipt:
    site = site_for(sale.site_id) if sale.site_id else site_for(config.site_id)
    return sale_receipt(sale, site, shop_info(config))


def receipt_for_refund(
    sale: SaleSnapshot,
    refund: RefundRecord,
    config: Config,
    refunds: Sequence[RefundRecord] = (),
) -> Receipt:
    """The refund ticket of one refund of the sale (its lines when it was refunded by line).
    ``refunds``: every refund of the sale (``RefundStore.for_sale``), for the IVA it gave back
    after the ones before it (Colombia: the figure the close takes off); without them, as if
    it were the sale's first."""
    site = site_for(sale.site_id) if sale.site_id else site_for(config.site_id)
    others = [r for r in refunds if r.id != refund.id]
    detail = refund_iva_details(sale, [*others, refund]).get(refund.id)
    iva = (detail.iva if detail is not None else ()) if site.reports_iva else None
    given = [(p, quantity) for p, quantity in refund.lines if 0 <= p < len(sale.lines)]
    lines = tuple(_given_line(sale.lines[position], quantity) for position, quantity in given)
    info = RefundInfo(
        amount=refund.amount,
        at=refund.updated_at,
        refund_id=refund.mp_refund_id,
        cash=refund.tender is Tender.CASH,
        note=refund.note,
        lines=lines,
        positions=tuple(position for position, _quantity in given),
        before=tuple(_given_before(sale, refund, others, position) for position, _ in given),
        iva=iva,
        # A further part of a refund of items (from another payment): its IVA is theirs.
        of_items=bool(given) or first_part(refund, refunds) is not None,
        outside=detail.outside if detail is not None else Decimal(0),
    )
    return refund_receipt(sale, site, shop_info(config), info)


def _given_before(
    sale: SaleSnapshot, refund: RefundRecord, others: Sequence[RefundRecord], position: int
) -> Decimal:
    """What of the line at ``position`` the sale's refunds written before ``refund`` (and not
    refused) gave back: what the refund service counted when it worked out this refund's
    amount (:meth:`pos_app.checkout.refunds.RefundService.refunded_quantities`)."""
    line = sale.lines[position]
    return sum(
        (
            given_amount(line, quantity)
            for other in others
            if other.id < refund.id and other.status.counts
            for p, quantity in other.lines
            if p == position
        ),
        Decimal(0),
    )


def _given_line(line: CartLine, given: Given) -> CartLine:
    """The line as the refund ticket lists it: the units given back, or a weighed line's
    weight given back (``0,200 kg × $ 8.000``), never the weight it was sold at."""
    if line.measure is not None:
        return replace(line, measure=given_amount(line, given), quantity=1)
    return replace(line, quantity=int(given))


def texts(receipt: Receipt, opts: ReceiptOptions) -> ReceiptTexts:
    return receipt.texts(opts.translate)


def plain_text(receipt: Receipt, opts: ReceiptOptions) -> str:
    """The receipt for a terminal (``pos-app receipt``): laid out in terminal cells, so a CJK
    title, an emoji or a decomposed accent leaves the amounts aligned (paper counts
    characters: :func:`escpos_bytes`)."""
    lines = layout_mod.layout(texts(receipt, opts), opts.columns, layout_mod.cells)
    return layout_mod.plain_text(lines, opts.columns, layout_mod.cells)


def escpos_bytes(receipt: Receipt, opts: ReceiptOptions) -> bytes:
    from pos_app.receipts import escpos  # python-escpos loads Pillow: on use

    rendered = escpos.printable_texts(texts(receipt, opts), opts.code_page)
    return escpos.render(
        layout_mod.layout(rendered, opts.columns),
        code_page=opts.code_page,
        paper_mm=opts.paper_mm,
        qr_data=opts.qr_data,
        qr_caption=rendered.qr_caption if opts.qr_data else "",
    )


def close_report_text(report: CloseReport, site: Site, opts: ReceiptOptions) -> str:
    """The day's close report as the receipt printer prints it: the paper's columns, the
    receipts' language (:func:`pos_app.domain.day_report.report_text`)."""
    from pos_app.domain.day_report import report_rows, report_text

    rows = report_rows(report, site)
    return report_text(rows, lambda msg: msg.render(opts.translate), width=opts.columns)


def close_report_bytes(
    report: CloseReport,
    site: Site,
    opts: ReceiptOptions,
    *,
    shop_name: str = "",
    shift_report: bool = False,
) -> bytes:
    """The close report's ESC/POS bytes: the shop's name, then :func:`close_report_text`.
    ``shift_report``: the period so far, not a close (see ``report_rows``)."""
    from pos_app.domain.day_report import report_rows, report_text
    from pos_app.receipts import escpos

    def printable(text: str) -> str:  # laid out in the characters the paper gets
        return escpos.printable(text, opts.code_page)

    lines = [
        layout_mod.TextLine(part, layout_mod.Align.CENTER, bold=True)
        for part in layout_mod.wrap(printable(shop_name).strip(), opts.columns)
        if part
    ]
    rows = [
        replace(row, value=printable(row.value))
        for row in report_rows(report, site, shift_report=shift_report)
    ]
    text = report_text(rows, lambda msg: printable(msg.render(opts.translate)), opts.columns)
    lines += [layout_mod.TextLine(line) for line in text.splitlines()]
    return escpos.render(lines, code_page=opts.code_page, paper_mm=opts.paper_mm)
