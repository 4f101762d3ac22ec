"""The lifecycle of box orders, merchant orders and payments.

The inconvenient parts of the real API are deliberate here:

* every scan creates a *new* merchant order for the same external_reference;
* deleting the box order does not touch merchant orders already scanned: a customer who is
  mid-payment can still pay them (the app must re-check after a cancel);
* a rejected payment leaves the merchant order ``opened`` (the customer may retry);
* expiry is evaluated lazily, on each request, against ``state.now()``.

Every change to a merchant order queues an IPN to its ``notification_url``.
"""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_DOWN, Decimal
from typing import TYPE_CHECKING, Any

from pos_app.sandbox.errors import ApiError, bad_request
from pos_app.sandbox.models import Box, BoxOrder, MerchantOrder, Payment, Store, site
from pos_app.sandbox.validation import ValidOrder

if TYPE_CHECKING:
    from pos_app.sandbox.state import SandboxState

OUTCOMES = ("approved", "rejected", "partial", "pending")


def put_order(
    state: SandboxState, store: Store, box: Box, valid: ValidOrder, body: dict[str, Any]
) -> BoxOrder:
    """Create or replace the box's order (one per box; replacing does not touch merchant
    orders already scanned from the previous one)."""
    now = state.now()
    currency = site(state.sellers[box.user_id].site_id).currency_id
    order = BoxOrder(
        seq=state.next_order_seq(),
        user_id=box.user_id,
        box_id=box.id,
        external_store_id=store.external_id,
        external_pos_id=box.external_id,
        external_reference=valid.external_reference,
        currency_id=currency,
        title=valid.title,
        description=valid.description,
        notification_url=valid.notification_url,
        expiration_date=valid.expiration_date,
        expiration_sent=valid.expiration_sent,
        total_amount=valid.total_amount,
        items=valid.items,
        cash_out=valid.cash_out,
        taxes=valid.taxes,
        sponsor_id=valid.sponsor_id,
        body=body,
        received_at=now,
    )
    state.box_orders[box.id] = order
    state.box_last_reference[box.id] = order.external_reference
    state.orders_received.append(
        {
            "time": now,
            "user_id": box.user_id,
            "external_store_id": store.external_id,
            "external_pos_id": box.external_id,
            "body": body,
        }
    )
    return order


def current_order(state: SandboxState, box: Box) -> BoxOrder | None:
    expire_due(state)
    return state.box_orders.get(box.id)


def delete_order(state: SandboxState, box: Box) -> bool:
    """Remove the box's order; merchant orders already scanned stay payable."""
    expire_due(state)
    return state.box_orders.pop(box.id, None) is not None


def scan(state: SandboxState, box: Box) -> MerchantOrder:
    """The customer scans the box's QR: a new merchant order for its current order."""
    order = current_order(state, box)
    if order is None:
        raise ApiError(409, "nothing_to_pay", "the box has no order to pay")
    now = state.now()
    merchant_order = MerchantOrder(
        id=state.next_merchant_order_id(),
        user_id=box.user_id,
        site_id=state.sellers[box.user_id].site_id,
        box_id=box.id,
        order_seq=order.seq,
        external_reference=order.external_reference,
        total_amount=order.total_amount,
        items=[_merchant_order_item(item, order.currency_id) for item in order.items],
        notification_url=order.notification_url,
        sponsor_id=order.sponsor_id,
        date_created=now,
        last_updated=now,
        expires_at=order.expiration_date,
    )
    state.merchant_orders[merchant_order.id] = merchant_order
    state.enqueue_ipn(merchant_order.notification_url, "merchant_order", merchant_order.id)
    return merchant_order


def _merchant_order_item(item: dict[str, Any], currency_id: str) -> dict[str, Any]:
    return {
        "id": item.get("sku_number") or "",
        "category_id": item.get("category") or "",
        "currency_id": currency_id,
        "description": item.get("description") or "",
        "picture_url": None,
        "title": item["title"],
        "quantity": item["quantity"],
        "unit_price": item["unit_price"],
    }


def merchant_orders_of_box(state: SandboxState, box: Box) -> list[MerchantOrder]:
    """Merchant orders of the box's current (or, once gone, last) reference, oldest first."""
    reference = state.box_last_reference.get(box.id)
    return [
        mo
        for mo in state.merchant_orders.values()
        if mo.box_id == box.id and mo.external_reference == reference
    ]


def merchant_order_to_pay(
    state: SandboxState, box: Box, *, rescan: bool, merchant_order_id: int | None
) -> MerchantOrder:
    """What the phone pays: an explicit merchant order, else the newest opened one of the
    box's current order, scanning first when there is none (or when asked to)."""
    if merchant_order_id is not None:
        found = state.merchant_orders.get(merchant_order_id)
        if found is None or found.box_id != box.id:
            raise ApiError(404, "not_found", "merchant order not found for this box")
        return found
    order = current_order(state, box)
    if order is None:
        raise ApiError(409, "nothing_to_pay", "the box has no order to pay")
    if not rescan:
        opened = [
            mo
            for mo in state.merchant_orders.values()
            if mo.box_id == box.id and mo.order_seq == order.seq and mo.status == "opened"
        ]
        if opened:
            return opened[-1]
    return scan(state, box)


def pay(
    state: SandboxState, order: MerchantOrder, outcome: str, amount: Decimal | None = None
) -> Payment:
    """Add a payment to a merchant order, as the customer's app would."""
    expire_due(state)
    if outcome not in OUTCOMES:
        raise bad_request(f"outcome must be one of {list(OUTCOMES)}")
    if order.status != "opened":
        raise ApiError(409, "merchant_order_not_open", f"merchant order is {order.status}")
    info = site(order.site_id)
    remaining = order.total_amount - order.paid_amount
    if amount is None:
        amount = remaining
        if outcome == "partial":
            step = Decimal(1).scaleb(-info.decimals)
            amount = max(step, (remaining / 2).quantize(step, rounding=ROUND_DOWN))
    if amount <= 0:
        raise bad_request("amount must be positive")
    now = state.now()
    status, detail = {
        "approved": ("approved", "accredited"),
        "partial": ("approved", "accredited"),
        "rejected": ("rejected", "cc_rejected_other_reason"),
        "pending": ("in_process", "pending_contingency"),
    }[outcome]
    payment = Payment(
        id=state.next_payment_id(),
        user_id=order.user_id,
        merchant_order_id=order.id,
        external_reference=order.external_reference,
        description=order.items[0]["title"] if order.items else order.external_reference,
        transaction_amount=amount,
        currency_id=info.currency_id,
        status=status,
        status_detail=detail,
        date_created=now,
        last_modified=now,
        date_approved=now if status == "approved" else None,
    )
    state.payments[payment.id] = payment
    order.payments.append(payment)
    _payment_changed(state, order, payment, now)
    return payment


def settle(state: SandboxState, payment: Payment, outcome: str) -> Payment:
    """Resolve an ``in_process`` payment to approved or rejected."""
    expire_due(state)
    if payment.status != "in_process":
        raise ApiError(409, "payment_not_pending", f"payment is {payment.status}")
    if outcome not in ("approved", "rejected"):
        raise bad_request("outcome must be 'approved' or 'rejected'")
    now = state.now()
    payment.status = outcome
    payment.status_detail = "accredited" if outcome == "approved" else "cc_rejected_other_reason"
    payment.last_modified = now
    payment.date_approved = now if outcome == "approved" else None
    _payment_changed(state, state.merchant_orders[payment.merchant_order_id], payment, now)
    return payment


def _payment_changed(
    state: SandboxState, order: MerchantOrder, payment: Payment, now: datetime
) -> None:
    order.last_updated = now
    paid = order.paid_amount
    if paid >= order.total_amount:
        order.status, order.order_status = "closed", "paid"
        # The sale is paid: the box goes back to "waiting" if it still shows that sale.
        current = state.box_orders.get(order.box_id)
        if current is not None and current.external_reference == order.external_reference:
            del state.box_orders[order.box_id]
    elif order.status == "opened":
        if any(p.status == "in_process" for p in order.payments):
            order.order_status = "payment_in_process"
        elif paid > 0:
            order.order_status = "partially_paid"
        else:
            order.order_status = "payment_required"
    state.enqueue_ipn(order.notification_url, "payment", payment.id)
    state.enqueue_ipn(order.notification_url, "merchant_order", order.id)


def expire_box(state: SandboxState, box: Box) -> bool:
    """Force the box's current order to expire now; False when it had none."""
    order = current_order(state, box)
    if order is None:
        return False
    now = state.now()
    order.expiration_date = now
    for mo in state.merchant_orders.values():
        if mo.order_seq == order.seq:
            mo.expires_at = min(mo.expires_at, now)
    expire_due(state)
    return True


def expire_due(state: SandboxState) -> None:
    """Drop box orders past their expiration_date and expire their opened merchant orders."""
    now = state.now()
    for box_id, order in list(state.box_orders.items()):
        if order.expiration_date <= now:
            del state.box_orders[box_id]
    for mo in state.merchant_orders.values():
        if mo.status == "opened" and mo.expires_at <= now:
            mo.status, mo.order_status = "expired", "expired"
            mo.last_updated = now
            state.enqueue_ipn(mo.notification_url, "merchant_order", mo.id)
