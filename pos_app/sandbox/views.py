"""The JSON shapes Mercado Pago answers with, built from the sandbox's records."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from pos_app.sandbox.models import (
    Box,
    BoxOrder,
    MerchantOrder,
    Payment,
    Refund,
    Seller,
    Store,
    site,
)
from pos_app.sandbox.validation import max_iva

# MP writes dates in its servers' zone (-04:00) whatever the seller's country, with millis.
# Emulating that keeps clients honest: they must parse offsets, not assume UTC or "Z".
MP_TZ = timezone(timedelta(hours=-4))


def iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(MP_TZ).isoformat(timespec="milliseconds")


def seller_json(seller: Seller) -> dict[str, Any]:
    info = site(seller.site_id)
    return {
        "id": seller.id,
        "nickname": seller.nickname,
        "registration_date": iso(seller.date_created),
        "first_name": "Test",
        "last_name": "Test",
        "country_id": info.country_id,
        "email": seller.email,
        "site_id": seller.site_id,
        "user_type": "normal",
        "tags": ["normal", "test_user"],
        "status": {"site_status": "active"},
    }


def store_json(store: Store) -> dict[str, Any]:
    return {
        "id": store.id,
        "name": store.name,
        "date_creation": iso(store.date_created),
        "business_hours": store.business_hours,
        "location": store.location,
        "external_id": store.external_id,
    }


def box_json(box: Box, *, with_qr_code: bool = False) -> dict[str, Any]:
    base = f"https://www.mercadopago.com/instore/merchant/qr/{box.id}/{box.uuid}"
    data: dict[str, Any] = {
        "id": box.id,
        "qr": {
            "image": f"{base}.png",
            "template_document": f"{base}_template.pdf",
            "template_image": f"{base}_template.png",
        },
        "status": "active",
        "date_created": iso(box.date_created),
        "date_last_updated": iso(box.date_created),
        "uuid": box.uuid,
        "user_id": box.user_id,
        "name": box.name,
        "fixed_amount": box.fixed_amount,
        "category": box.category,
        "store_id": str(box.store_id),  # MP returns the store id of a box as a string
        "external_store_id": box.external_store_id,
        "external_id": box.external_id,
    }
    if with_qr_code:
        data["qr_code"] = box.qr_code
    return data


def box_order_json(order: BoxOrder) -> dict[str, Any]:
    """``GET .../pos/{id}/orders``: the order as it was created (the body received)."""
    return dict(order.body)


def box_order_view(order: BoxOrder) -> dict[str, Any]:
    """The control API's richer view, for the phone window and tests."""
    view = _box_order_view(order)
    if order.currency_id == "COP":
        view["iva"] = iva_view(order)
    return view


def iva_view(order: BoxOrder) -> dict[str, Any]:
    """What Mercado Pago takes as the IVA of a Colombian order: the ``taxes`` value it was
    sent or, when the order reported none, the general 19 % applied to the whole total."""
    if order.taxes:
        return {"reported": True, "value": order.taxes[0]["value"]}
    return {"reported": False, "value": max_iva(order.total_amount)}


def _box_order_view(order: BoxOrder) -> dict[str, Any]:
    return {
        "external_reference": order.external_reference,
        "title": order.title,
        "description": order.description,
        "total_amount": order.total_amount,
        "currency_id": order.currency_id,
        "items": order.items,
        "cash_out": None if order.cash_out is None else {"amount": order.cash_out},
        "taxes": order.taxes,
        "notification_url": order.notification_url,
        "expiration_date": iso(order.expiration_date),
        "expiration_sent": order.expiration_sent,
        "received_at": iso(order.received_at),
        "external_store_id": order.external_store_id,
        "external_pos_id": order.external_pos_id,
    }


def payment_entry_json(payment: Payment) -> dict[str, Any]:
    """A payment as listed inside a merchant order."""
    return {
        "id": payment.id,
        "transaction_amount": payment.transaction_amount,
        "total_paid_amount": payment.transaction_amount,
        "shipping_cost": 0,
        "currency_id": payment.currency_id,
        "status": payment.status,
        "status_detail": payment.status_detail,
        "operation_type": "regular_payment",
        "date_approved": iso(payment.date_approved),
        "date_created": iso(payment.date_created),
        "last_modified": iso(payment.last_modified),
        "amount_refunded": payment.amount_refunded,
    }


def merchant_order_json(order: MerchantOrder, seller: Seller) -> dict[str, Any]:
    return {
        "id": order.id,
        "status": order.status,
        "external_reference": order.external_reference,
        "preference_id": None,
        "payments": [payment_entry_json(payment) for payment in order.payments],
        "shipments": [],
        "payouts": [],
        "collector": {"id": seller.id, "email": seller.email, "nickname": seller.nickname},
        "marketplace": "NONE",
        "notification_url": order.notification_url,
        "date_created": iso(order.date_created),
        "last_updated": iso(order.last_updated),
        "sponsor_id": order.sponsor_id,
        "shipping_cost": 0,
        "total_amount": order.total_amount,
        "site_id": order.site_id,
        # A refunded payment was still paid: what went back shows in refunded_amount.
        "paid_amount": order.paid_amount
        + sum((p.transaction_amount for p in order.payments if p.status == "refunded"), Decimal(0)),
        "refunded_amount": sum((p.amount_refunded for p in order.payments), Decimal(0)),
        "payer": None,
        "items": order.items,
        "cancelled": False,
        "additional_info": "",
        "application_id": None,
        "is_test": True,
        "order_status": order.order_status,
        "client_id": None,
    }


def payment_json(payment: Payment, seller: Seller) -> dict[str, Any]:
    """``GET /v1/payments/{id}``: carries ``order.id`` and ``external_reference``, which is all
    a notification receiver needs to find the sale a payment belongs to."""
    amount: Decimal = payment.transaction_amount
    approved = payment.status == "approved"
    return {
        "id": payment.id,
        "date_created": iso(payment.date_created),
        "date_approved": iso(payment.date_approved),
        "date_last_updated": iso(payment.last_modified),
        "money_release_date": iso(payment.date_approved),
        "operation_type": "regular_payment",
        "payment_method_id": "account_money",
        "payment_type_id": "account_money",
        "status": payment.status,
        "status_detail": payment.status_detail,
        "currency_id": payment.currency_id,
        "description": payment.description,
        "live_mode": False,
        "collector_id": seller.id,
        "payer": {"id": 5009999999, "email": "test_user_payer@testuser.com", "type": None},
        "external_reference": payment.external_reference,
        "transaction_amount": amount,
        "transaction_amount_refunded": payment.amount_refunded,
        "transaction_details": {
            "net_received_amount": amount if approved else 0,
            "total_paid_amount": amount,
            "installment_amount": amount,
            "overpaid_amount": 0,
        },
        "installments": 1,
        "order": {"id": payment.merchant_order_id, "type": "mercadopago"},
        "point_of_interaction": {"type": "INSTORE"},
        "refunds": [refund_json(refund) for refund in payment.refunds],
    }


def refund_json(refund: Refund) -> dict[str, Any]:
    """A refund as ``POST``/``GET /v1/payments/{id}/refunds`` answer it."""
    return {
        "id": refund.id,
        "payment_id": refund.payment_id,
        "amount": refund.amount,
        "status": refund.status,
        "date_created": iso(refund.date_created),
        "source": {"type": "collector"},
        "refund_mode": "standard",
        "reason": None,
        "metadata": {},
        "unique_sequence_number": None,
    }
