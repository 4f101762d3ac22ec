"""The day's close and reconciliation, on the checkout engine (the window and the CLI share it).

* :func:`close_day`: every open sale goes through the engine's one reconcile path first (a sale
  paid while the app was down counts as paid), then the ledger freezes the period's report.
* :func:`reconcile_day_with_mp`: the box's payments of a day from ``GET /v1/payments/search``
  (all pages) against the ledger; :func:`adopt` records a payment the ledger did not know as a
  paid sale (never charged again).
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import Decimal

from pos_app.checkout.engine import CheckoutEngine
from pos_app.domain.day import CloseReport, day_bounds, site_zone
from pos_app.domain.reconciliation import (
    MpPayment,
    Reconciliation,
    orders_to_read,
    reconcile_day,
)
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus
from pos_app.i18n import QT_TRANSLATE_NOOP, Translator, message
from pos_app.ledger.amounts import UnreadableSale
from pos_app.mercadopago import errors as mp
from pos_app.mercadopago.client import MercadoPagoClient
from pos_app.mercadopago.models import FoundPayment

log = logging.getLogger(__name__)

# A sale created just before midnight is paid just after: look that far past the day's end.
PAYMENT_MARGIN = timedelta(hours=2)
# Orders API orders read at once when the payments' list does not name them (a close of a busy
# day may read hundreds: a few at a time, each through the client's retries).
ORDER_READS_AT_ONCE = 6


async def reconcile_open_sales(engine: CheckoutEngine) -> list[str]:
    """Each open sale through the engine's reconcile path; returns those still open."""
    still_open = []
    for sale in engine.ledger.open_sales(set_aside=engine.recorder.set_aside):
        try:
            sale = await engine.reconcile(sale.external_reference, "close")
        except mp.MercadoPagoError as exc:
            log.warning("close: %s could not be checked: %s", sale.external_reference, exc)
        if sale.is_open:
            still_open.append(sale.external_reference)
    return still_open


async def close_day(
    engine: CheckoutEngine, *, counted_cash: Decimal | None = None, reconcile: bool = True
) -> CloseReport:
    if reconcile:
        await reconcile_open_sales(engine)
    return engine.ledger.day.close(
        engine.settings.site, now=engine.clock(), counted_cash=counted_cash
    )


async def back_up_after_close(make_backup: Callable[[], object]) -> Exception | None:
    """The backup every close makes (issue 18), in a worker thread so the window never waits.
    A failure (folder missing, disk full) is logged and returned, never raised: the close is
    already recorded and stays so."""
    try:
        await asyncio.to_thread(make_backup)
    except Exception as exc:  # any failure of a backup is reported, none undoes the close
        log.warning("the backup after the close failed: %s", exc)
        return exc
    return None


def payment_of(found: FoundPayment, zone: tzinfo = UTC) -> MpPayment:
    """A payments search result as the reconciliation compares it.

    Its ``date_created`` places it in a day: one written without an offset is read in the
    site's ``zone`` (compared with the day's bounds it raised ``TypeError``); one missing or
    unreadable falls back to ``date_approved``, and without either the check stops with
    :class:`~pos_app.mercadopago.errors.UnexpectedResponseError` naming the payment (it was a
    ``ValueError`` and a traceback)."""
    created = _moment(found.date_created, zone) or _moment(found.date_approved, zone)
    if created is None:
        raise mp.unexpected(f"payment {found.id} has no date_created")
    return MpPayment(
        found.id,
        found.status,
        found.external_reference,
        found.transaction_amount,
        created,
        found.merchant_order_id,
    )


def _moment(text: str, zone: tzinfo) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


async def fetch_day_payments(
    engine: CheckoutEngine, begin: datetime, end: datetime, zone: tzinfo
) -> list[MpPayment]:
    """The configured box's payments created in ``[begin, end + margin]`` (all pages)."""
    settings = engine.settings
    boxes = await engine.client.search_boxes(external_id=settings.box_external_id)
    box = next((b for b in boxes if b.external_id == settings.box_external_id), None)
    found = await engine.client.search_payments(
        begin.astimezone(zone),
        (end + PAYMENT_MARGIN).astimezone(zone),
        store_id=box.store_id if box else None,
        pos_id=box.id if box else None,
    )
    return [payment_of(p, zone) for p in found]


async def reconcile_day_with_mp(engine: CheckoutEngine, day: date) -> Reconciliation:
    """Open sales first go through the engine's reconcile path (a sale paid while the app was
    down is then simply paid, not a payment "missing" from the books); then the comparison."""
    await reconcile_open_sales(engine)
    zone = site_zone(engine.settings.site.site_id)
    begin, end = day_bounds(day, zone)
    payments = await fetch_day_payments(engine, begin, end, zone)
    sales = [
        s
        for s in engine.ledger.sales_since(
            begin - timedelta(days=1), set_aside=functools.partial(_waiting_only, engine)
        )
        if s.created_at < end + timedelta(days=1)
    ]
    to_read = orders_to_read(begin=begin, end=end, payments=payments, sales=sales)
    orders = await orders_paid(engine.client, to_read) if to_read else None
    return reconcile_day(begin=begin, end=end, payments=payments, sales=sales, orders_paid=orders)


async def orders_paid(client: MercadoPagoClient, sales: list[SaleSnapshot]) -> dict[str, Decimal]:
    """What Mercado Pago holds as paid on each Orders API sale's order, by reference (refunded
    money included: the refunds are reconciled apart). An order Mercado Pago does not have,
    or one of another reference, is left out: its sale is then "not at Mercado Pago"."""
    gate = asyncio.Semaphore(ORDER_READS_AT_ONCE)

    async def read(sale: SaleSnapshot) -> tuple[str, Decimal] | None:
        async with gate:
            try:
                order = await client.get_qr_order(sale.order_id)
            except mp.NotFoundError:
                return None
        if order.external_reference != sale.external_reference:
            return None
        return sale.external_reference, order.paid_amount

    reads = [asyncio.ensure_future(read(sale)) for sale in sales]
    try:
        found = await asyncio.gather(*reads)
    except BaseException:
        # One read failed (the network, a refusal): the check is redone as a whole, so the
        # reads still waiting are dropped, and none is left running or its error unread.
        for task in reads:
            task.cancel()
        await asyncio.gather(*reads, return_exceptions=True)
        raise
    return dict(pair for pair in found if pair is not None)


def _waiting_only(engine: CheckoutEngine, sale: UnreadableSale) -> None:
    """A waiting sale whose amounts cannot be read is left out of the comparison: nothing of it
    was paid in the books, so a payment of its order is listed as one the books do not know,
    to be recorded as a sale of its own (:func:`adopt`; the damaged sale stays untouched).
    Any other such sale stops the reconciliation: it may hold money the books count, and
    recording its payment again would count it twice."""
    if not sale.waiting:
        raise sale.problem
    engine.recorder.set_aside(sale)


# The adopted sale's one line: what its receipt, the history, the CSV and the store show.
ADOPTED_TITLE = QT_TRANSLATE_NOOP("Reconciliation", "Mercado Pago payment {payment_id}")


def _adopted_title(payment_id: int, translate: Translator | None) -> str:
    named = message("Reconciliation", ADOPTED_TITLE, payment_id=payment_id)
    return named.render(translate) if translate is not None else named.render()


async def adopt(
    engine: CheckoutEngine,
    result: Reconciliation,
    payment: MpPayment,
    *,
    translate: Translator | None = None,
) -> str:
    """Record a payment the ledger did not know. When a sale of the ledger has its reference
    (a crash mid-sale, a payment after it was canceled here) that sale is reconciled through
    the engine instead, which finds the payment and marks it paid.

    ``translate``: the shop's language, in which the new sale's line is named (the window's;
    the command line gives the receipts'); English without."""
    known = result.known_references.get(payment.id, "")
    if known:
        sale = await engine.reconcile(known, "reconcile")
        # An Orders API sale keeps its order's payments (PAY…), not this id: paid now, the
        # payment of its reference is its own.
        orders_paid = sale.api == "orders" and sale.status is SaleStatus.PAID
        if payment.id in sale.payment_ids or orders_paid:
            return known
        if sale.api == "orders" and sale.is_open:
            # Still being settled (its create's answer was lost: the same key gives its order
            # back shortly): the payment is that sale's. Recorded apart, it would be counted
            # twice once the sale is paid (nothing ties a listed payment to its PAY… ids).
            return known
    s = engine.settings
    return engine.ledger.day.adopt_payment(
        payment_id=payment.id,
        merchant_order_id=payment.merchant_order_id,
        external_reference=payment.external_reference,
        amount=payment.amount,
        site=s.site,
        user_id=s.user_id,
        store_external_id=s.store_external_id,
        box_external_id=s.box_external_id,
        paid_at=payment.created_at,
        now=engine.clock(),
        title=_adopted_title(payment.id, translate),
    )
