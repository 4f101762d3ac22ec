"""How the command line prints sales: one JSON object for scripts, one line for people."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from pos_app.domain.money import format_money, site_for
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus
from pos_app.ledger.refunds import RefundRecord, RefundStatus
from pos_app.system.console import is_unicode

# Exit codes (documented in the README and in --help)
EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_NOT_PAID = 3
EXIT_PENDING = 4


def refunds_json(refunds: Sequence[RefundRecord]) -> dict[str, Any]:
    """``refunded_amount`` (confirmed) and each refund, for a sale's JSON."""
    refunded = sum((r.amount for r in refunds if r.status is RefundStatus.REFUNDED), Decimal(0))
    return {
        "refunded_amount": str(refunded),
        "refunds": [
            {
                "amount": str(r.amount),
                "status": r.status.value,
                "tender": r.tender.value,
                "payment_id": r.payment_id,
                "mercadopago_refund_id": r.mp_refund_id or None,
                "reason": r.reason or None,
                "lines": [{"line": pos + 1, "quantity": qty} for pos, qty in r.lines],
                "created_at": r.created_at.isoformat(),
                "updated_at": r.updated_at.isoformat(),
            }
            for r in refunds
        ],
    }


def sale_json(sale: SaleSnapshot, refunds: Sequence[RefundRecord] | None = None) -> dict[str, Any]:
    status = sale.status.value if sale.status is not SaleStatus.CREATING else "pending"
    extra = refunds_json(refunds) if refunds is not None else {}
    return {
        "external_reference": sale.external_reference,
        "status": status,
        "total_amount": str(sale.total),
        "paid_amount": str(sale.paid_amount),
        "currency": sale.currency,
        "merchant_order_ids": list(sale.merchant_order_ids),
        "payment_ids": list(sale.payment_ids),
        "box": sale.box_external_id,
        "created_at": sale.created_at.isoformat(),
        "updated_at": sale.updated_at.isoformat(),
        "expires_at": sale.expires_at.isoformat() if sale.expires_at else None,
        "tender": sale.tender.value if sale.tender else None,
        "failure_reason": sale.failure_reason,
        "last_attempt_rejected": sale.last_attempt_rejected,
        "partially_paid": str(sale.partially_paid) if sale.partially_paid else None,
        "connection_trouble": sale.trouble or None,
        "late_payment": sale.late_payment,
        "items": [
            {"title": line.title, "quantity": line.quantity, "unit_price": str(line.unit_price)}
            for line in sale.lines
        ],
        **extra,
    }


def sale_line(sale: SaleSnapshot, refunds: Sequence[RefundRecord] = ()) -> str:
    site = site_for(sale.site_id)
    when = sale.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    amount = format_money(sale.total, site)
    text = f"{when}  {sale.external_reference}  {amount:>14}  {sale.status.value}"
    extras = []
    if sale.tender and sale.status is not SaleStatus.PAID:
        extras.append(sale.tender.value)
    if sale.last_attempt_rejected and sale.is_open:
        extras.append("last attempt rejected")
    if sale.partially_paid and sale.is_open:
        extras.append(f"partially paid {format_money(sale.partially_paid, site)}")
    if sale.trouble and sale.is_open:
        extras.append(f"connection trouble ({sale.trouble})")
    if sale.failure_reason:
        extras.append(sale.failure_reason)
    if sale.late_payment:
        extras.append("PAID AFTER BEING CLOSED HERE: check for a double charge")
    refunded = sum((r.amount for r in refunds if r.status is RefundStatus.REFUNDED), Decimal(0))
    if refunded:
        extras.append(f"refunded {format_money(refunded, site)}")
    if any(r.status is RefundStatus.PENDING for r in refunds):
        extras.append("a refund is not confirmed yet")
    return text + ("  [" + "; ".join(extras) + "]" if extras else "")


def print_json(data: Any) -> None:
    # On a narrow code page (cp1252...) "\u20b2" keeps the text intact where "₲" could not.
    json.dump(data, sys.stdout, indent=2, ensure_ascii=not is_unicode(sys.stdout))
    sys.stdout.write("\n")
    sys.stdout.flush()


def exit_code_for(sale: SaleSnapshot) -> int:
    if sale.status is SaleStatus.PAID:
        return EXIT_OK
    if sale.is_open:
        return EXIT_PENDING
    return EXIT_NOT_PAID


def err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)
