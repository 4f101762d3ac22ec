"""The sandbox's records: sellers, stores, boxes, box orders, merchant orders and payments.

Plain mutable dataclasses; the rules that move them between states live in
:mod:`pos_app.sandbox.orders` and the JSON shapes MP answers with in :mod:`pos_app.sandbox.views`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Site:
    """A Mercado Pago site: decides currency and how many decimals amounts may have."""

    site_id: str
    country_id: str
    currency_id: str
    currency_numeric: str  # ISO 4217 numeric code, used in the EMVCo QR text
    decimals: int
    city: str
    state_name: str


SITES: dict[str, Site] = {
    "MLA": Site("MLA", "AR", "ARS", "032", 2, "CABA", "Capital Federal"),
    "MLB": Site("MLB", "BR", "BRL", "986", 2, "Sao Paulo", "Sao Paulo"),
    "MLM": Site("MLM", "MX", "MXN", "484", 2, "Ciudad de Mexico", "CDMX"),
    "MLU": Site("MLU", "UY", "UYU", "858", 2, "Montevideo", "Montevideo"),
    "MPE": Site("MPE", "PE", "PEN", "604", 2, "Lima", "Lima"),
    # Chile and Colombia only take integer amounts ("Prices in COP ... integer values").
    "MLC": Site("MLC", "CL", "CLP", "152", 0, "Santiago", "Region Metropolitana"),
    "MCO": Site("MCO", "CO", "COP", "170", 0, "Bogota", "Bogota D.C."),
}


def site(site_id: str) -> Site:
    try:
        return SITES[site_id]
    except KeyError:
        raise ValueError(f"unknown site {site_id!r}; expected one of {sorted(SITES)}") from None


@dataclass
class Seller:
    id: int
    token: str
    site_id: str
    nickname: str
    email: str
    date_created: datetime
    revoked: bool = False


@dataclass
class Store:
    id: int
    user_id: int
    name: str
    external_id: str
    location: dict[str, Any]
    business_hours: dict[str, Any]
    date_created: datetime


@dataclass
class Box:
    """A POS ("caja") with its static QR."""

    id: int
    user_id: int
    store_id: int
    external_store_id: str
    external_id: str
    name: str
    fixed_amount: bool
    category: int | None
    uuid: str
    qr_code: str
    date_created: datetime


@dataclass
class BoxOrder:
    """The order currently assigned to a box by a PUT (one per box)."""

    seq: int  # identifies this PUT: merchant orders remember which one they were scanned from
    user_id: int
    box_id: int
    external_store_id: str
    external_pos_id: str
    external_reference: str
    currency_id: str
    title: str
    description: str | None
    notification_url: str | None
    expiration_date: datetime
    expiration_sent: bool  # False when the sandbox applied its 10-minute default
    total_amount: Decimal
    items: list[dict[str, Any]]
    cash_out: Decimal | None
    taxes: list[dict[str, Any]] | None
    sponsor_id: int | None
    body: dict[str, Any]  # exactly what was received, for GET and for tests to inspect
    received_at: datetime


@dataclass
class Refund:
    """A refund of (part of) a payment: ``POST /v1/payments/{id}/refunds``."""

    id: int
    payment_id: int
    amount: Decimal
    date_created: datetime
    status: str = "approved"


@dataclass
class Payment:
    id: int
    user_id: int
    merchant_order_id: int
    external_reference: str
    description: str
    transaction_amount: Decimal
    currency_id: str
    status: str  # approved | rejected | in_process
    status_detail: str
    date_created: datetime
    last_modified: datetime
    date_approved: datetime | None = None
    refunds: list[Refund] = field(default_factory=list)

    @property
    def amount_refunded(self) -> Decimal:
        return sum((r.amount for r in self.refunds if r.status == "approved"), Decimal(0))


@dataclass
class MerchantOrder:
    """Created by each scan of a box order; the payment status the app must check."""

    id: int
    user_id: int
    site_id: str
    box_id: int
    order_seq: int  # the BoxOrder.seq it was scanned from
    external_reference: str
    total_amount: Decimal
    items: list[dict[str, Any]]
    notification_url: str | None
    sponsor_id: int | None
    date_created: datetime
    last_updated: datetime
    expires_at: datetime  # the box order's expiration_date at scan time
    status: str = "opened"  # opened | closed | expired
    order_status: str = "payment_required"
    payments: list[Payment] = field(default_factory=list)

    @property
    def paid_amount(self) -> Decimal:
        return sum(
            (p.transaction_amount for p in self.payments if p.status == "approved"),
            Decimal(0),
        )


@dataclass(frozen=True)
class Ipn:
    """A notification waiting to be POSTed by the notifier."""

    notification_url: str
    topic: str  # merchant_order | payment
    resource_id: int

    @property
    def url(self) -> str:
        separator = "&" if "?" in self.notification_url else "?"
        return f"{self.notification_url}{separator}topic={self.topic}&id={self.resource_id}"

    @property
    def body(self) -> dict[str, Any]:
        if self.topic == "merchant_order":
            resource = f"https://api.mercadolibre.com/merchant_orders/{self.resource_id}"
        else:
            resource = str(self.resource_id)
        return {"resource": resource, "topic": self.topic}

    @property
    def headers(self) -> dict[str, str]:
        return {}  # IPNs are not signed; webhooks (a subclass) are
