"""The Payments API's refunds (§8): ``POST``/``GET /v1/payments/{id}/refunds``.

- ``POST`` with ``X-Idempotency-Key`` (required here, so a client that forgets it fails in the
  sandbox rather than refunding twice in production): an empty body refunds what is left,
  ``{"amount": N}`` (a JSON number with the currency's decimals) refunds part of it. 201 with
  the refund. The same key with the same body answers the same refund again, never a second
  one; the same key with another body is 409 ``idempotency_key_already_used`` (cause 2032).
- Refused, in MP's envelope with its cause codes: a payment that is not approved (or already
  wholly refunded) or whose approval is older than 180 days (2024); a partial refund on an
  account that allows only whole ones (3024); an amount that is zero, negative or has decimals
  the currency lacks (4040); an amount over what is left, ``refund_amount_exceeds`` (4041);
  not enough money in the account (``insufficient_balance``: MP documents no code for it, this
  is the sandbox's).
- A refund updates the payment (``transaction_amount_refunded``, ``status: refunded`` once
  whole, ``status_detail: partially_refunded`` before) and its merchant order
  (``refunded_amount``, each payment's ``amount_refunded``, ``order_status`` ``reverted`` or
  ``partially_reverted``), and queues a payment IPN.

The control API switches accounts: ``POST /_sandbox/refunds/settings`` with
``{"partial_refunds": false}`` (only whole refunds) and/or ``{"insufficient_balance": true}``
(every refund refused for want of money), for the first seller or ``?user_id=``.
"""

from __future__ import annotations

import itertools
import json
import weakref
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pos_app.sandbox.auth import authenticate, json_body, sandbox_state
from pos_app.sandbox.errors import ApiError, bad_request
from pos_app.sandbox.jsonutil import JSONResponse
from pos_app.sandbox.models import Payment, Refund, Seller, site
from pos_app.sandbox.state import SandboxState
from pos_app.sandbox.validation import decimals, is_number
from pos_app.sandbox.views import refund_json

MAX_AGE = timedelta(days=180)
FIRST_REFUND_ID = 2100000001


@dataclass
class AccountSwitches:
    partial_refunds: bool = True
    insufficient_balance: bool = False


@dataclass
class RefundBook:
    """Per sandbox state: refund ids, idempotency keys and the accounts' switches."""

    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(FIRST_REFUND_ID))
    # (seller id, key) -> (the request's fingerprint, the refund it made)
    keys: dict[tuple[int, str], tuple[str, Refund]] = field(default_factory=dict)
    accounts: dict[int, AccountSwitches] = field(default_factory=dict)

    def switches(self, seller_id: int) -> AccountSwitches:
        return self.accounts.setdefault(seller_id, AccountSwitches())


_BOOKS: weakref.WeakKeyDictionary[SandboxState, RefundBook] = weakref.WeakKeyDictionary()


def book(state: SandboxState) -> RefundBook:
    found = _BOOKS.get(state)
    if found is None:
        found = _BOOKS[state] = RefundBook()
    return found


def _refused(status: int, error: str, message: str, code: int | str) -> ApiError:
    return ApiError(
        status, error, message, cause=[{"code": code, "description": message, "data": None}]
    )


def _payment(state: SandboxState, seller: Seller, raw_id: int) -> Payment:
    payment = state.payments.get(raw_id)
    if payment is None or payment.user_id != seller.id:
        raise _refused(404, "not_found", "Payment not found", 2000)
    return payment


def _wanted_amount(body: object, seller: Seller) -> Decimal | None:
    """The amount asked for; ``None`` = everything left."""
    if body is None:
        return None
    if not isinstance(body, dict):
        raise bad_request("body must be a JSON object")
    raw = body.get("amount")
    if raw is None:
        return None
    if not is_number(raw):
        raise _refused(400, "bad_request", "amount must be a number", 4040)
    amount = Decimal(raw)
    places = site(seller.site_id).decimals
    if amount <= 0 or not amount.is_finite() or decimals(amount) > places:
        raise _refused(400, "bad_request", "Invalid refund amount", 4040)
    return amount


def _fingerprint(body: object) -> str:
    return "" if body is None else json.dumps(body, sort_keys=True, default=str)


async def create_refund(request: Request) -> Response:
    state, seller = authenticate(request)
    payment = _payment(state, seller, request.path_params["id"])
    key = request.headers.get("x-idempotency-key", "").strip()
    if not key:
        raise bad_request("X-Idempotency-Key header is required for refunds")
    body = await json_body(request)
    refunds = book(state)
    fingerprint = _fingerprint(body)
    seen = refunds.keys.get((seller.id, key))
    if seen is not None:
        if seen[0] != fingerprint:
            raise _refused(
                409,
                "idempotency_key_already_used",
                "The idempotency key was already used with another request",
                2032,
            )
        return JSONResponse(refund_json(seen[1]), status_code=201)

    amount = _wanted_amount(body, seller)
    if payment.status not in ("approved", "refunded"):
        raise _refused(400, "bad_request", f"Payment in status {payment.status}", 2063)
    now = state.now()
    if payment.date_approved is not None and now - payment.date_approved > MAX_AGE:
        raise _refused(
            400, "bad_request", "Payment too old to be refunded (more than 180 days)", 2024
        )
    left = payment.transaction_amount - payment.amount_refunded
    if amount is None:
        amount = left
    if left <= 0 or amount > left:
        raise _refused(
            400,
            "bad_request",
            f"refund_amount_exceeds: {left} left to refund",
            4041,
        )
    switches = refunds.switches(seller.id)
    if amount < payment.transaction_amount and not switches.partial_refunds:
        raise _refused(400, "bad_request", "Not valid action - partial refund unsupported", 3024)
    if switches.insufficient_balance:
        raise _refused(
            400,
            "bad_request",
            "insufficient_balance: not enough money in the account to refund",
            "insufficient_balance",
        )

    refund = Refund(next(refunds.ids), payment.id, amount, now)
    payment.refunds.append(refund)
    payment.last_modified = now
    whole = payment.amount_refunded >= payment.transaction_amount
    payment.status, payment.status_detail = (
        ("refunded", "refunded") if whole else ("approved", "partially_refunded")
    )
    refunds.keys[(seller.id, key)] = (fingerprint, refund)
    order = state.merchant_orders.get(payment.merchant_order_id)
    if order is not None:
        order.last_updated = now
        all_back = all(p.status == "refunded" for p in order.payments if p.status != "rejected")
        order.order_status = "reverted" if all_back else "partially_reverted"
        state.enqueue_ipn(order.notification_url, "payment", payment.id)
    return JSONResponse(refund_json(refund), status_code=201)


async def list_refunds(request: Request) -> Response:
    state, seller = authenticate(request)
    payment = _payment(state, seller, request.path_params["id"])
    return JSONResponse([refund_json(refund) for refund in payment.refunds])


async def refund_settings(request: Request) -> Response:
    """Control API: which refunds an account allows."""
    state = sandbox_state(request)
    raw_user = request.query_params.get("user_id", "")
    if raw_user and not raw_user.isdigit():
        raise bad_request("user_id must be numeric")
    user_id = int(raw_user) if raw_user else state.seller_id
    if user_id not in state.sellers:
        raise ApiError(404, "not_found", f"no seller {user_id}")
    switches = book(state).switches(user_id)
    if request.method == "POST":
        body: Any = await json_body(request)
        if not isinstance(body, dict):
            raise bad_request("body must be a JSON object")
        for name in ("partial_refunds", "insufficient_balance"):
            if name in body:
                if not isinstance(body[name], bool):
                    raise bad_request(f"{name} must be true or false")
                setattr(switches, name, body[name])
    return JSONResponse(
        {
            "user_id": user_id,
            "partial_refunds": switches.partial_refunds,
            "insufficient_balance": switches.insufficient_balance,
        }
    )


routes = [
    Route("/v1/payments/{id:int}/refunds", create_refund, methods=["POST"]),
    Route("/v1/payments/{id:int}/refunds", list_refunds, methods=["GET"]),
    Route("/_sandbox/refunds/settings", refund_settings, methods=["GET", "POST"]),
]
