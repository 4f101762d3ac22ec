"""A day's reconciliation for the whole store or the whole chain: Mercado Pago's payments of the
store (or of the account) against the sales every counter delivered to the store database.

The same comparison as a counter's own (:func:`pos_app.domain.reconciliation.reconcile_day`):
only the sides are wider. A payment missing here is one no counter of the store (or chain) has
delivered: a counter still offline, or a payment made behind the app's back, which the counter
of its box adopts (``pos-app reconcile --adopt`` there).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from pos_app.checkout.day import PAYMENT_MARGIN, orders_paid, payment_of
from pos_app.domain.day import day_bounds, site_zone
from pos_app.domain.reconciliation import Reconciliation, orders_to_read, reconcile_day
from pos_app.domain.records import SaleSnapshot
from pos_app.errors import UserFacingError
from pos_app.i18n import QT_TRANSLATE_NOOP, message
from pos_app.mercadopago.client import MercadoPagoClient


class UnknownStoreError(UserFacingError):
    """The store to reconcile is not one of the account's stores at Mercado Pago."""


def sales_window(day: date, site_id: str) -> tuple[datetime, datetime]:
    """The stretch of the store database's sales a day's reconciliation reads (a day either
    side: a sale made just before midnight can be paid just after)."""
    begin, end = day_bounds(day, site_zone(site_id))
    return begin - timedelta(days=1), end + timedelta(days=1)


async def reconcile_scope(
    client: MercadoPagoClient,
    sales: Sequence[SaleSnapshot],
    *,
    day: date,
    site_id: str,
    user_id: int | None,
    store: str | None,
) -> Reconciliation:
    """``store``: that store's payments and sales (its external id); ``None``: the account's
    and the whole chain's. ``sales``: the store database's over :func:`sales_window` (read
    first, by the caller, within the store database's time limit)."""
    zone = site_zone(site_id)
    begin, end = day_bounds(day, zone)
    store_id = None
    if store is not None:
        stores = await client.search_stores(user_id, store) if user_id is not None else []
        found = [s for s in stores if s.external_id == store]
        if not found:
            raise UnknownStoreError(
                message(
                    "StoreDatabase",
                    QT_TRANSLATE_NOOP(
                        "StoreDatabase", "Mercado Pago has no store {store} in this account."
                    ),
                    store=store,
                )
            )
        store_id = found[0].id
    payments = await client.search_payments(
        begin.astimezone(zone), (end + PAYMENT_MARGIN).astimezone(zone), store_id=store_id
    )
    listed = [payment_of(p, zone) for p in payments]
    # Orders API sales no payment names: confirmed by their orders, as on the counter.
    to_read = orders_to_read(begin=begin, end=end, payments=listed, sales=sales)
    orders = await orders_paid(client, to_read) if to_read else None
    return reconcile_day(begin=begin, end=end, payments=listed, sales=sales, orders_paid=orders)
