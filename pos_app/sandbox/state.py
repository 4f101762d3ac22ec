"""All of the sandbox's in-memory data, plus seeding and lookups.

One ``SandboxState`` may outlive many app instances (a test can build the state, poke it from
Python, and serve it). Nothing here awaits, so every operation is atomic within the event loop.
The order lifecycle (scan, pay, expire) lives in :mod:`pos_app.sandbox.orders`; the methods at the
end of this class are conveniences over it for Python-side tests.
"""

from __future__ import annotations

import hashlib
import itertools
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from pos_app.sandbox import orders
from pos_app.sandbox.emv import box_qr_text
from pos_app.sandbox.errors import ApiError
from pos_app.sandbox.faults import Faults
from pos_app.sandbox.models import (
    Box,
    BoxOrder,
    Ipn,
    MerchantOrder,
    Payment,
    Seller,
    Store,
    site,
)
from pos_app.sandbox.orders_api_model import OrdersBook

FIRST_USER_ID = 5001000001
DEFAULT_TOKEN = "APP_USR-5001000000000001-112200-sandbox0demo0token0000000000000000-5001000001"
BOX_NAMESPACE = uuid.UUID("6f1c7a52-2d0e-4c59-9a55-5a9d0b1e0c01")


def _utc_now() -> datetime:
    return datetime.now(UTC)


class SandboxState:
    """Sellers, tokens, stores, boxes, orders, payments, faults and logs."""

    def __init__(self, *, clock: Callable[[], datetime] | None = None) -> None:
        # Tests replace ``clock`` (or bump ``clock_offset``) to move time; must return aware UTC.
        self.clock: Callable[[], datetime] = clock or _utc_now
        self.clock_offset = timedelta(0)
        self.sellers: dict[int, Seller] = {}
        self.tokens: dict[str, int] = {}
        self.stores: dict[int, Store] = {}
        self.boxes: dict[int, Box] = {}
        self.box_orders: dict[int, BoxOrder] = {}  # box id -> its current order
        self.box_last_reference: dict[int, str] = {}  # box id -> reference of its last order
        self.merchant_orders: dict[int, MerchantOrder] = {}
        self.payments: dict[int, Payment] = {}
        self.orders_api = OrdersBook()  # the Orders API's orders (/v1/orders)
        self.orders_received: list[dict[str, Any]] = []  # every accepted PUT, as received
        self.faults = Faults()
        self.request_log: list[dict[str, Any]] = []
        self.notifications: list[dict[str, Any]] = []
        self.outbox: list[Ipn] = []
        self.outbox_listeners: list[Callable[[], None]] = []
        # MP's search index lags the merchant orders; >0 hides new ones from search that long.
        self.search_lag_seconds: float = 0.0
        self.ipn_enabled = True
        self.ipn_delay_ms = 0
        self._user_ids = itertools.count(FIRST_USER_ID)
        self._store_ids = itertools.count(61000001)
        self._box_ids = itertools.count(71000001)
        self._order_seqs = itertools.count(1)
        self._merchant_order_ids = itertools.count(15140831325)
        self._payment_ids = itertools.count(1316785001)
        # The first seller's, for convenience; set by ``seeded``.
        self.seller_token = ""
        self.seller_id = 0
        self.site_id = ""
        self.store_external_id = "SUC001"
        self.box_external_id = "CAJA01"

    @classmethod
    def seeded(cls, site_id: str = "MLA", token: str | None = None) -> SandboxState:
        """A state with one test seller, its store ``SUC001`` and fixed-amount box ``CAJA01``."""
        state = cls()
        user_id, seller_token = state.add_seller(site_id, token=token)
        state.seller_id, state.seller_token, state.site_id = user_id, seller_token, site_id
        return state

    # --- time -------------------------------------------------------------------------------

    def now(self) -> datetime:
        return self.clock() + self.clock_offset

    def advance(self, seconds: float) -> None:
        self.clock_offset += timedelta(seconds=seconds)

    # --- ids --------------------------------------------------------------------------------

    def next_order_seq(self) -> int:
        return next(self._order_seqs)

    def next_merchant_order_id(self) -> int:
        return next(self._merchant_order_ids)

    def next_payment_id(self) -> int:
        return next(self._payment_ids)

    # --- sellers, stores, boxes -------------------------------------------------------------

    def add_seller(self, site_id: str = "MLA", *, token: str | None = None) -> tuple[int, str]:
        """A new test seller with its own store ``SUC001`` and box ``CAJA01``."""
        info = site(site_id)
        user_id = next(self._user_ids)
        if token is None:
            if user_id == FIRST_USER_ID:
                token = DEFAULT_TOKEN
            else:
                digest = hashlib.sha256(f"sandbox-seller-{user_id}".encode()).hexdigest()[:32]
                token = f"APP_USR-{5001000000000000 + user_id % 1000000}-112200-{digest}-{user_id}"
        if token in self.tokens:
            raise ValueError("token already in use")
        seller = Seller(
            id=user_id,
            token=token,
            site_id=info.site_id,
            nickname=f"TESTDEMO{user_id % 100000:05d}",
            email=f"test_user_{user_id}@testuser.com",
            date_created=self.now(),
        )
        self.sellers[user_id] = seller
        self.tokens[token] = user_id
        location = {
            "street_number": "1234",
            "street_name": "Av. Principal",
            "city_name": info.city,
            "state_name": info.state_name,
            "latitude": Decimal("-34.6037"),
            "longitude": Decimal("-58.3816"),
            "reference": "Sandbox",
        }
        store = self.add_store(user_id, "Sucursal Centro", "SUC001", location)
        self.add_box(user_id, store, "Caja 1", "CAJA01", fixed_amount=True, category=None)
        return user_id, token

    def add_store(
        self,
        user_id: int,
        name: str,
        external_id: str,
        location: dict[str, Any],
        business_hours: dict[str, Any] | None = None,
    ) -> Store:
        location = dict(location)
        location["address_line"] = (
            f"{location['street_name']} {location['street_number']}, "
            f"{location['city_name']}, {location['state_name']}"
        )
        store = Store(
            id=next(self._store_ids),
            user_id=user_id,
            name=name,
            external_id=external_id,
            location=location,
            business_hours=business_hours or {},
            date_created=self.now(),
        )
        self.stores[store.id] = store
        return store

    def add_box(
        self,
        user_id: int,
        store: Store,
        name: str,
        external_id: str,
        *,
        fixed_amount: bool,
        category: int | None,
    ) -> Box:
        box_id = next(self._box_ids)
        box_uuid = uuid.uuid5(BOX_NAMESPACE, f"{user_id}/{external_id}/{box_id}").hex
        info = site(self.sellers[user_id].site_id)
        qr_code = box_qr_text(
            user_id=user_id,
            box_uuid=box_uuid,
            box_external_id=external_id,
            currency_numeric=info.currency_numeric,
            country_id=info.country_id,
            merchant_name=store.name,
            city=info.city,
        )
        box = Box(
            id=box_id,
            user_id=user_id,
            store_id=store.id,
            external_store_id=store.external_id,
            external_id=external_id,
            name=name,
            fixed_amount=fixed_amount,
            category=category,
            uuid=box_uuid,
            qr_code=qr_code,
            date_created=self.now(),
        )
        self.boxes[box.id] = box
        return box

    def seller_by_token(self, token: str) -> Seller | None:
        user_id = self.tokens.get(token)
        seller = self.sellers.get(user_id) if user_id is not None else None
        return None if seller is None or seller.revoked else seller

    def stores_of(self, user_id: int) -> Iterator[Store]:
        return (store for store in self.stores.values() if store.user_id == user_id)

    def boxes_of(self, user_id: int) -> Iterator[Box]:
        return (box for box in self.boxes.values() if box.user_id == user_id)

    def find_store(self, user_id: int, external_id: str) -> Store | None:
        return next((s for s in self.stores_of(user_id) if s.external_id == external_id), None)

    def find_box(self, user_id: int, external_id: str) -> Box | None:
        return next((b for b in self.boxes_of(user_id) if b.external_id == external_id), None)

    def box_or_404(self, external_pos_id: str, user_id: int | None = None) -> Box:
        box = self.find_box(user_id or self.seller_id, external_pos_id)
        if box is None:
            raise ApiError(404, "not_found", f"box {external_pos_id!r} not found")
        return box

    def set_revoked(self, token: str, revoked: bool) -> Seller:
        user_id = self.tokens.get(token)
        if user_id is None:
            raise ApiError(404, "not_found", "unknown token")
        self.sellers[user_id].revoked = revoked
        return self.sellers[user_id]

    # --- notifications ----------------------------------------------------------------------

    def enqueue_ipn(self, notification_url: str | None, topic: str, resource_id: int) -> None:
        if notification_url is None:
            return
        self.outbox.append(Ipn(notification_url, topic, resource_id))
        for listener in list(self.outbox_listeners):
            listener()

    def bodies_for(self, external_reference: str) -> list[dict[str, Any]]:
        """Every accepted PUT body with that reference, oldest first."""
        return [
            put["body"]
            for put in self.orders_received
            if put["body"].get("external_reference") == external_reference
        ]

    # --- the customer's side, from Python (see pos_app.sandbox.orders) -------------------------

    def expire_due(self) -> None:
        from pos_app.sandbox import orders_api  # its routes import this module

        orders.expire_due(self)
        orders_api.expire_due(self)

    def scan_box(self, external_pos_id: str | None = None, user_id: int | None = None) -> int:
        """Scan a box's QR: returns the new merchant order's id."""
        box = self.box_or_404(external_pos_id or self.box_external_id, user_id)
        return orders.scan(self, box).id

    def pay_box(
        self,
        outcome: str = "approved",
        external_pos_id: str | None = None,
        *,
        amount: Decimal | None = None,
        user_id: int | None = None,
    ) -> int | str:
        """Pay the box's current order (scanning if needed); returns the payment id (a ``PAY…``
        string for an Orders API order)."""
        from pos_app.sandbox import orders_api

        box = self.box_or_404(external_pos_id or self.box_external_id, user_id)
        api_order = orders_api.order_on_box(self, box)
        if api_order is not None and amount is None:
            # An Orders API order on the box's QR (static or hybrid): its PAY id, as a string.
            return orders_api.pay(self, api_order, outcome).payments[0].id
        order = orders.merchant_order_to_pay(self, box, rescan=False, merchant_order_id=None)
        return orders.pay(self, order, outcome, amount).id

    def pay_merchant_order(
        self, merchant_order_id: int, outcome: str = "approved", amount: Decimal | None = None
    ) -> int:
        """Pay a merchant order even if its box order was deleted (the cancel race)."""
        order = self.merchant_orders.get(merchant_order_id)
        if order is None:
            raise ApiError(404, "not_found", "merchant order not found")
        return orders.pay(self, order, outcome, amount).id

    def expire_box(self, external_pos_id: str | None = None, user_id: int | None = None) -> bool:
        from pos_app.sandbox import orders_api

        box = self.box_or_404(external_pos_id or self.box_external_id, user_id)
        api_order = orders_api.order_on_box(self, box)
        if api_order is not None:
            return orders_api.expire_now(self, api_order)
        return orders.expire_box(self, box)

    def pay_qr(self, qr_data: str, outcome: str = "approved") -> str:
        """Pay a dynamic QR's order (what the phone does after reading it); its PAY id."""
        from pos_app.sandbox import orders_api

        return orders_api.pay(self, orders_api.by_qr_data(self, qr_data), outcome).payments[0].id
