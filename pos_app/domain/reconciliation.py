"""A day's reconciliation: Mercado Pago's payments of the box against the ledger's sales.

Pure: the caller fetches both sides. A payment is matched by its id (the ledger keeps every
approved payment id of an instore sale). The Orders API keeps no payment id of the search's
kind (its payments are ``PAY…``): a paid Orders API sale is matched by its external reference
among the payments, else by its order as Mercado Pago answered it (``orders_paid``, read by
the caller). Without either, every such sale was "not at Mercado Pago" and its payment, when
listed, "missing from the books": recording that payment as a sale counted it twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus, Tender

PAID = SaleStatus.PAID
# A payment given back in full reads ``refunded``: still its sale's payment (reconcile_day).
LISTED = ("approved", "refunded")


@dataclass(frozen=True)
class MpPayment:
    id: int
    status: str
    external_reference: str
    amount: Decimal
    created_at: datetime
    merchant_order_id: int | None = None


@dataclass(frozen=True)
class AmountDifference:
    reference: str
    ledger_amount: Decimal
    mercadopago_amount: Decimal


@dataclass(frozen=True)
class Reconciliation:
    begin: datetime
    end: datetime
    payments_seen: int
    matched: int
    missing_in_ledger: tuple[MpPayment, ...] = ()
    # For each missing payment: the ledger sale with the same reference ("" when none).
    known_references: dict[int, str] = field(default_factory=dict)
    not_at_mercadopago: tuple[SaleSnapshot, ...] = ()
    amount_differences: tuple[AmountDifference, ...] = ()
    # Orders API sales no listed payment named, found at Mercado Pago through their order.
    orders_confirmed: int = 0

    @property
    def all_match(self) -> bool:
        return not (self.missing_in_ledger or self.not_at_mercadopago or self.amount_differences)


def reconcile_day(
    *,
    begin: datetime,
    end: datetime,
    payments: Iterable[MpPayment],
    sales: Iterable[SaleSnapshot],
    orders_paid: Mapping[str, Decimal] | None = None,
) -> Reconciliation:
    """Compare. ``payments`` may reach past ``end`` (a sale of 23:59 paid at 00:01 must still
    match) and ``sales`` may include neighbouring days: only payments created in
    ``[begin, end)`` can be missing, only QR sales created in ``[begin, end)`` can be absent.
    ``orders_paid``: what Mercado Pago holds as paid for the Orders API sales no payment
    listed, by reference (:func:`orders_to_read` says which to read)."""
    # A payment given back in full reads ``refunded`` (a partial refund leaves it ``approved``):
    # it still is its sale's payment, for the amount paid (the ledger keeps the refunds apart),
    # so it matches that sale. One the ledger does not know left no money: nothing to adopt.
    # Each payment once, whatever the pages repeated.
    listed = list({p.id: p for p in payments if p.status in LISTED}.values())
    sale_list = list(sales)
    by_payment = {pid: s for s in sale_list for pid in s.payment_ids}
    by_reference = {s.external_reference: s for s in sale_list}
    paid_orders = {
        s.external_reference: s for s in sale_list if _orders_api(s) and s.status is PAID
    }
    seen_for_sale: dict[str, Decimal] = {}
    missing: list[MpPayment] = []
    known: dict[int, str] = {}
    matched = 0
    for payment in sorted(listed, key=lambda p: (p.created_at, p.id)):
        sale = by_payment.get(payment.id) or paid_orders.get(payment.external_reference)
        if sale is not None:
            matched += 1
            ref = sale.external_reference
            seen_for_sale[ref] = seen_for_sale.get(ref, Decimal(0)) + payment.amount
            continue
        if payment.status == "approved" and begin <= payment.created_at < end:
            missing.append(payment)
            other = by_reference.get(payment.external_reference)
            known[payment.id] = other.external_reference if other else ""
    absent = []
    differences = []
    confirmed = 0
    for sale in sale_list:
        if sale.status is not SaleStatus.PAID or not (begin <= sale.created_at < end):
            continue
        if sale.tender is Tender.CASH and not sale.payment_ids:
            continue
        if not (sale.payment_ids or sale.paid_amount or _orders_api(sale)):
            continue  # its payments are counted on sales of their own (Recorder.paid)
        seen = seen_for_sale.get(sale.external_reference)
        if seen is None and _orders_api(sale) and orders_paid is not None:
            seen = orders_paid.get(sale.external_reference)
            confirmed += seen is not None
        if seen is None:
            absent.append(sale)
        elif seen != sale.paid_amount:
            differences.append(AmountDifference(sale.external_reference, sale.paid_amount, seen))
    return Reconciliation(
        begin=begin,
        end=end,
        payments_seen=sum(1 for p in listed if begin <= p.created_at < end),
        matched=matched,
        missing_in_ledger=tuple(missing),
        known_references=known,
        not_at_mercadopago=tuple(absent),
        amount_differences=tuple(differences),
        orders_confirmed=confirmed,
    )


def _orders_api(sale: SaleSnapshot) -> bool:
    return sale.api == "orders" and bool(sale.order_id)


def orders_to_read(
    *, begin: datetime, end: datetime, payments: Iterable[MpPayment], sales: Iterable[SaleSnapshot]
) -> list[SaleSnapshot]:
    """The paid Orders API sales of ``[begin, end)`` whose reference no listed payment carries:
    their orders are read at Mercado Pago for :func:`reconcile_day`'s ``orders_paid``."""
    listed = {p.external_reference for p in payments if p.status in LISTED}
    return [
        s
        for s in sales
        if _orders_api(s)
        and s.status is PAID
        and begin <= s.created_at < end
        and s.external_reference not in listed
    ]
