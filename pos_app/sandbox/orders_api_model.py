"""The sandbox's Orders API data (notes §7): orders, their payments, idempotency, webhooks.

Plain records; the rules live in :mod:`pos_app.sandbox.orders_api`. Kept apart from
:mod:`pos_app.sandbox.models` so the state can hold a book without import cycles.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from pos_app.sandbox.models import Ipn


@dataclass
class ApiPayment:
    id: str  # PAY + 26
    amount: Decimal
    status: str = "created"  # created | processed | failed | refunded
    status_detail: str = "ready_to_process"
    refunded: Decimal = Decimal(0)
    attempts: int = 0


@dataclass
class ApiOrder:
    id: str  # ORD + 26
    user_id: int
    box_id: int
    external_pos_id: str
    external_reference: str
    description: str
    currency_id: str
    total_amount: Decimal
    mode: str
    created_at: datetime
    expires_at: datetime
    expiration_time: str
    items: list[dict[str, Any]]
    taxes: list[dict[str, Any]]
    body: dict[str, Any]
    payments: list[ApiPayment]
    qr_data: str = ""
    status: str = "created"  # created | processed | canceled | expired | refunded
    status_detail: str = "created"
    last_updated: datetime | None = None

    @property
    def refunded(self) -> Decimal:
        return sum((p.refunded for p in self.payments), Decimal(0))


@dataclass
class IdempotentWrite:
    fingerprint: str
    order_id: str


@dataclass
class OrdersBook:
    orders: dict[str, ApiOrder] = field(default_factory=dict)
    # (seller id, key) -> what that key did; "same key, same body" gives the same order back
    keys: dict[tuple[int, str], IdempotentWrite] = field(default_factory=dict)
    box_current: dict[int, str] = field(default_factory=dict)  # box id -> order on its QR
    webhook_url: str | None = None
    webhook_secret: str = ""
    _serial: int = 0

    def new_id(self, prefix: str) -> str:
        """``ORD``/``PAY`` + 26 upper-case letters and digits, unique in this book."""
        self._serial += 1
        digest = hashlib.sha256(f"{prefix}{self._serial}{uuid.uuid4()}".encode()).hexdigest()
        return prefix + digest[:26].upper()


def fingerprint(method: str, path: str, body: Any) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{method} {path} {canonical}".encode()).hexdigest()


def signature(secret: str, data_id: str, request_id: str, ts: str) -> str:
    """``x-signature`` as Mercado Pago builds it (notes §3); written here independently of the
    receiver's checker, so a mistake in one is not mirrored in the other."""
    text = f"id:{data_id.lower()};request-id:{request_id};ts:{ts};"
    digest = hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()
    return f"ts={ts},v1={digest}"


@dataclass(frozen=True)
class OrderWebhook(Ipn):
    """A signed ``order`` webhook (configured for the account, not per order)."""

    order_id: str = ""
    action: str = ""
    external_reference: str = ""
    status: str = ""
    secret: str = ""
    ts: str = ""
    request_id: str = ""

    @property
    def url(self) -> str:
        separator = "&" if "?" in self.notification_url else "?"
        return f"{self.notification_url}{separator}data.id={self.order_id}&type=order"

    @property
    def body(self) -> dict[str, Any]:
        return {
            "type": "order",
            "action": self.action,
            "api_version": "v1",
            "live_mode": False,
            "data": {
                "id": self.order_id,
                "external_reference": self.external_reference,
                "status": self.status,
            },
        }

    @property
    def headers(self) -> dict[str, str]:
        headers = {"x-request-id": self.request_id}
        if self.secret:
            headers["x-signature"] = signature(self.secret, self.order_id, self.request_id, self.ts)
        return headers
