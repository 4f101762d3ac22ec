"""One payment gateway, two Mercado Pago APIs: the checkout engine never knows which.

* ``instore``: instore orders v2 (notes §1-2): ``PUT`` the order on the box, search merchant
  orders by reference, ``DELETE`` from the box.
* ``orders``: the Orders API (notes §7): ``POST /v1/orders`` (static, dynamic or hybrid QR),
  ``GET /v1/orders/{id}``, ``POST …/cancel``, ``POST …/refund``.

The engine writes every idempotency key to the ledger before it calls a gateway, and passes it
in; a gateway never invents one. :func:`make_gateways` is the only place that picks by name.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol

from pos_app.domain.money import Site
from pos_app.domain.records import SaleSnapshot
from pos_app.mercadopago import errors as mp
from pos_app.mercadopago.client import MercadoPagoClient
from pos_app.mercadopago.models import (
    QR_MODES,
    BoxOrderRequest,
    MerchantOrder,
    QrOrder,
    qr_order_body,
    to_api_string,
)
from pos_app.mercadopago.verdict import Verdict, evaluate, evaluate_order

APIS = ("instore", "orders")


@dataclass(frozen=True)
class Sent:
    """What a sent order left to record: the Orders API's id and dynamic QR text."""

    order_id: str = ""
    qr_data: str = ""


@dataclass(frozen=True)
class Where:
    """Who is charging now: the account, store, country and QR mode. A sale's own account,
    store and box (recorded with it) win over these: it is finished where it was made."""

    user_id: int
    store_external_id: str
    site: Site
    qr_mode: str = "static"


class PaymentGateway(Protocol):
    api: str
    client: MercadoPagoClient

    async def send(self, sale: SaleSnapshot, order: BoxOrderRequest, key: str) -> Sent:
        """Offer the sale's order to the customer. Raises :mod:`errors` on failure."""

    async def read(self, sale: SaleSnapshot, hints: Sequence[object] = ()) -> Verdict:
        """What Mercado Pago says about the sale now."""

    async def on_offer(self, sale: SaleSnapshot) -> bool:
        """Can the customer still pay the sale's order at the box?"""

    async def withdraw(self, sale: SaleSnapshot, order: BoxOrderRequest, key: str) -> str:
        """Take the order away (cashier's cancel); done when nothing is left to take away.
        Returns the Orders API order's id when it had to be got back (a create whose answer
        was lost: the sale must keep it, or nothing can read that order), else ""."""

    async def refund(self, sale: SaleSnapshot, key: str, amount: Decimal | None = None) -> Decimal:
        """Give money back (None: all of it); returns the amount asked for."""

    async def day_payments(self, begin: datetime, end: datetime) -> list[Any]:
        """Every payment of the account between ``begin`` and ``end`` (reconciliation)."""

    async def resolve_hint(
        self, topic: str, resource_id: str
    ) -> tuple[str, Sequence[object]] | None:
        """A notification's resource, fetched: (external reference, what was fetched), or
        None when this gateway does not know the topic or the resource is not ours."""


class _Base:
    api = ""

    def __init__(self, client: MercadoPagoClient, where: Where) -> None:
        self.client = client
        self.where = where

    async def day_payments(self, begin: datetime, end: datetime) -> list[Any]:
        return list(await self.client.search_payments(begin, end))

    def _user(self, sale: SaleSnapshot) -> int:
        """The sale's own account (the configured one for sales recorded without it)."""
        return sale.user_id or self.where.user_id


class InstoreGateway(_Base):
    """Instore orders v2: the order lives on the box; merchant orders tell the result."""

    api = "instore"

    async def send(self, sale: SaleSnapshot, order: BoxOrderRequest, key: str) -> Sent:
        store = sale.store_external_id or self.where.store_external_id
        await self.client.put_box_order(
            self._user(sale),
            store,
            sale.box_external_id,
            order,
            self.where.site,
            idempotency_key=key,
        )
        return Sent()

    async def read(self, sale: SaleSnapshot, hints: Sequence[object] = ()) -> Verdict:
        ref = sale.external_reference
        orders = {mo.id: mo for mo in await self.client.search_merchant_orders(ref)}
        for mo in hints:
            if isinstance(mo, MerchantOrder):
                orders.setdefault(mo.id, mo)
        # The search index lags behind the orders themselves: fetch the ones we already know of.
        for mo_id in sale.merchant_order_ids:
            if mo_id not in orders:
                orders[mo_id] = await self.client.get_merchant_order(mo_id)
        return evaluate(orders.values(), ref, sale.total)

    async def on_offer(self, sale: SaleSnapshot) -> bool:
        order = await self.client.get_box_order(self._user(sale), sale.box_external_id)
        return order is not None and order.external_reference == sale.external_reference

    async def withdraw(self, sale: SaleSnapshot, order: BoxOrderRequest, key: str) -> str:
        await self.client.delete_box_order(self._user(sale), sale.box_external_id)
        return ""

    async def refund(self, sale: SaleSnapshot, key: str, amount: Decimal | None = None) -> Decimal:
        """One approved payment per paid sale is the rule; the first one is refunded."""
        if not sale.payment_ids:
            raise mp.rejected(400, "no_payment", "the sale has no approved payment")
        await self.client.refund_payment(
            sale.payment_ids[0], amount, idempotency_key=key, site=self.where.site
        )
        return sale.paid_amount if amount is None else amount

    async def resolve_hint(
        self, topic: str, resource_id: str
    ) -> tuple[str, Sequence[object]] | None:
        if not resource_id.isdigit():
            return None
        if topic in ("merchant_order", "topic_merchant_order_wh"):
            order = await self.client.get_merchant_order(int(resource_id))
        elif topic == "payment":
            payment = await self.client.get_payment(int(resource_id))
            if payment.merchant_order_id is None:
                return payment.external_reference, ()
            order = await self.client.get_merchant_order(payment.merchant_order_id)
        else:
            return None
        return order.external_reference, (order,)


def _mode(mode: str) -> str:
    """The sale's own QR mode (recorded when it was made), else the configured one."""
    return mode if mode in QR_MODES else "static"


class OrdersGateway(_Base):
    """The Orders API: one order per sale, known by the id its create returned."""

    api = "orders"

    def _body(self, sale: SaleSnapshot, order: BoxOrderRequest) -> dict[str, Any]:
        # The duration is the sale's own (fixed when it was written), never "time left": a
        # retry must send the very same body, or Mercado Pago answers 409.
        ttl = 600.0
        if sale.expires_at is not None:
            ttl = (sale.expires_at - sale.created_at).total_seconds()
        return qr_order_body(
            order,
            self.where.site,
            external_pos_id=sale.box_external_id,
            mode=_mode(sale.qr_mode or self.where.qr_mode),
            ttl_seconds=ttl,
        )

    async def send(self, sale: SaleSnapshot, order: BoxOrderRequest, key: str) -> Sent:
        created = await self.client.create_qr_order(self._body(sale, order), idempotency_key=key)
        return Sent(order_id=created.id, qr_data=created.qr_data)

    async def _order(self, sale: SaleSnapshot, hints: Sequence[object] = ()) -> QrOrder | None:
        for hint in hints:
            if isinstance(hint, QrOrder) and hint.id == sale.order_id:
                return hint
        if not sale.order_id:
            return None  # not created, or its answer was lost: the engine sends again
        return await self.client.get_qr_order(sale.order_id)

    async def read(self, sale: SaleSnapshot, hints: Sequence[object] = ()) -> Verdict:
        return evaluate_order(await self._order(sale, hints), sale.external_reference, sale.total)

    async def on_offer(self, sale: SaleSnapshot) -> bool:
        order = await self._order(sale)
        return order is not None and order.status == "created"

    async def withdraw(self, sale: SaleSnapshot, order: BoxOrderRequest, key: str) -> str:
        order_id = sale.order_id
        if not order_id and sale.create_key:
            # Sent, but the answer was lost: the same key and body give the order back (or
            # create it now, to be canceled at once: never a second one either way).
            created = await self.client.create_qr_order(
                self._body(sale, order), idempotency_key=sale.create_key
            )
            order_id = created.id
        if not order_id:
            return ""  # never sent: nothing to take away
        # Refused: paid, expired or canceled already, nothing left to take away; the look
        # that follows every cancel tells which (through the id returned here).
        with contextlib.suppress(mp.RejectedError, mp.NotFoundError):
            await self.client.cancel_qr_order(order_id, idempotency_key=key)
        return order_id

    async def refund(self, sale: SaleSnapshot, key: str, amount: Decimal | None = None) -> Decimal:
        if not sale.order_id:
            raise mp.rejected(400, "no_order", "the sale has no order")
        transactions = None
        if amount is not None and amount < sale.paid_amount and sale.order_payment_ids:
            transactions = [
                {"id": sale.order_payment_ids[0], "amount": to_api_string(amount, self.where.site)}
            ]
        await self.client.refund_qr_order(
            sale.order_id, idempotency_key=key, transactions=transactions
        )
        return sale.paid_amount if amount is None else amount

    async def resolve_hint(
        self, topic: str, resource_id: str
    ) -> tuple[str, Sequence[object]] | None:
        if topic != "order" or not resource_id.startswith("ORD") or not resource_id.isalnum():
            return None
        order = await self.client.get_qr_order(resource_id)
        return order.external_reference, (order,)


def make_gateways(client: MercadoPagoClient, where: Where) -> dict[str, PaymentGateway]:
    """Both gateways on one client: a sale is always finished by the API that started it,
    even after Settings switched the till to the other one."""
    return {"instore": InstoreGateway(client, where), "orders": OrdersGateway(client, where)}
