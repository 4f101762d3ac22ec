"""How the command line prints sales: one JSON object for scripts, one line for people."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pos_app.cli.parsing import (
    EXIT_ERROR,
    EXIT_NOT_PAID,
    EXIT_OK,
    EXIT_PENDING,
    EXIT_USAGE,
    Parser,
    Subcommands,
)
from pos_app.domain.money import Site, format_money, has_valid_decimals, site_for
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.i18n import QT_TRANSLATE_NOOP, Message, message
from pos_app.system.console import is_unicode

if TYPE_CHECKING:
    # Types only: printing a sale needs none of the ledger's modules (store, catalog).
    from pos_app.domain.records import SaleSnapshot
    from pos_app.ledger.refunds import RefundRecord

# The exit codes and the parser's class are in pos_app.cli.parsing (--version and --help need
# them, not the rest of this module): named here too.
__all__ = [
    "EXIT_ERROR",
    "EXIT_NOT_PAID",
    "EXIT_OK",
    "EXIT_PENDING",
    "EXIT_USAGE",
    "Parser",
    "Subcommands",
    "amount_json",
    "describe",
    "err",
    "exit_code_for",
    "print_json",
    "refund_lines",
    "refunds_json",
    "sale_json",
    "sale_line",
]


def amount_json(amount: Decimal, site: Site) -> str:
    """An amount as a string with the currency's decimals: ``"3450.50"``, never ``"3450.5"``
    (pesos without cents: ``"12000"``). Never rounds: more decimals than the currency has are
    kept as they are (the engine refuses such amounts before they are charged)."""
    if not amount.is_finite() or not has_valid_decimals(amount, site):
        return str(amount)
    return f"{amount:.{site.decimals}f}"


def refunds_json(refunds: Sequence[RefundRecord], site: Site) -> dict[str, Any]:
    """``refunded_amount`` (confirmed) and each refund, for a sale's JSON."""
    from pos_app.ledger.refunds import RefundStatus

    refunded = sum((r.amount for r in refunds if r.status is RefundStatus.REFUNDED), Decimal(0))
    return {
        "refunded_amount": amount_json(refunded, site),
        "refunds": [
            {
                "amount": amount_json(r.amount, site),
                "status": r.status.value,
                "tender": r.tender.value,
                "payment_id": r.payment_id,
                "order_payment_id": r.order_payment_id or None,  # Orders API: PAY…
                "mercadopago_refund_id": r.mp_refund_id or None,
                "reason": r.reason or None,  # Mercado Pago's, when it refused
                "note": r.note or None,  # the cashier's: why the money went back
                # Units given back, or a weighed line's weight ("measure": "0.200").
                "lines": [
                    {"line": pos + 1, "measure": f"{qty:f}"}
                    if isinstance(qty, Decimal)
                    else {"line": pos + 1, "quantity": qty}
                    for pos, qty in r.lines
                ],
                "created_at": r.created_at.isoformat(),
                "updated_at": r.updated_at.isoformat(),
            }
            for r in refunds
        ],
    }


def sale_json(
    sale: SaleSnapshot,
    refunds: Sequence[RefundRecord] | None = None,
    counted_on: Sequence[str] | None = None,
) -> dict[str, Any]:
    """``counted_on``: the sales of the books holding its Mercado Pago payment when it is
    counted there (:func:`pos_app.cli.sales.counted_on`)."""
    from pos_app.domain.records import counted_elsewhere, export_amounts, export_status

    status = sale.status.value if sale.status is not SaleStatus.CREATING else "pending"
    site = site_for(sale.site_id)
    extra = refunds_json(refunds, site) if refunds is not None else {}
    paid, cash, qr = export_amounts(sale)
    return {
        "external_reference": sale.external_reference,
        # A sale paid in cash: "paid_in_cash" (was the ledger's "canceled", kept in
        # ledger_status); paid_amount is what the customer paid, in cash and by QR.
        "status": "pending" if sale.status is SaleStatus.CREATING else export_status(sale),
        "ledger_status": status,
        "total_amount": amount_json(sale.total, site),
        "paid_amount": amount_json(paid, site),
        "cash_amount": amount_json(cash, site),
        "mercadopago_amount": amount_json(qr, site),
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
        "partially_paid": (amount_json(sale.partially_paid, site) if sale.partially_paid else None),
        "connection_trouble": sale.trouble or None,
        "late_payment": sale.late_payment,
        # Paid, its Mercado Pago payment in the books as another sale (MP-…), counted there:
        # that sale's reference(s), as the sales history's "Counted elsewhere" says.
        "counted_elsewhere": counted_elsewhere(sale),
        "counted_on": list(counted_on or ()) if counted_elsewhere(sale) else [],
        "api": sale.api,
        "order_id": sale.order_id or None,
        "order_payment_ids": list(sale.order_payment_ids),
        "qr_data": sale.qr_data or None,  # the dynamic QR to show (Orders API, dynamic/hybrid)
        "items": [
            {
                "title": line.title,
                "quantity": line.quantity,
                "unit_price": amount_json(line.unit_price, site),
                # A weighed line (quantity 1): its weight, unit_price being per kg (g, l, m).
                **(
                    {"measure": f"{line.measure:f}", "unit_measure": line.sale_unit.value}
                    if line.measure is not None
                    else {}
                ),
            }
            for line in sale.lines
        ],
        **extra,
    }


def sale_line(
    sale: SaleSnapshot,
    refunds: Sequence[RefundRecord] = (),
    counted_on: Sequence[str] | None = None,
) -> str:
    """``counted_on``: as :func:`sale_json`'s."""
    from pos_app.domain.records import cash_paid, counted_elsewhere, paid_both_ways
    from pos_app.ledger.refunds import RefundStatus

    site = site_for(sale.site_id)
    when = sale.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    amount = format_money(sale.total, site)
    # Paid in cash: the order canceled on the box, the money in the drawer (as the window,
    # the receipt and the close say; --json keeps the ledger's status and tender).
    status = "paid in cash" if paid_in_cash(sale) else sale.status.value
    elsewhere = counted_elsewhere(sale)
    if elsewhere:  # as the sales history says it
        status = "counted elsewhere"
    text = f"{when}  {sale.external_reference}  {amount:>14}  {status}"
    extras = []
    if elsewhere:
        other = ", ".join(counted_on or ()) or "another one (MP-…, see 'pos-app status')"
        extras.append(f"paid; its Mercado Pago payment is counted on sale {other}, not twice")
    if sale.tender and sale.status is not SaleStatus.PAID and not paid_in_cash(sale):
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
    if paid_both_ways(sale):  # cash taken, and Mercado Pago paid too: both in the books
        cash_back = sum(
            (r.amount for r in refunds if r.status.counts and r.tender is Tender.CASH), Decimal(0)
        )
        if cash_back < cash_paid(sale):
            extras.append(
                f"also taken in cash {format_money(cash_paid(sale), site)}: give it back with "
                f"'pos-app refund {sale.external_reference} --via cash'"
            )
    refunded = sum((r.amount for r in refunds if r.status is RefundStatus.REFUNDED), Decimal(0))
    if refunded:
        extras.append(f"refunded {format_money(refunded, site)}")
    if any(r.status is RefundStatus.PENDING for r in refunds):
        extras.append("a refund is not confirmed yet")
    return text + ("  [" + "; ".join(extras) + "]" if extras else "")


def refund_lines(refunds: Sequence[RefundRecord], site: Site) -> list[str]:
    """One line per refund of a sale (``status REF``): when, how much, its state, the cashier's
    note."""
    out = []
    for number, r in enumerate(refunds, start=1):
        when = r.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        text = f"  refund {number}  {when}  {format_money(r.amount, site):>14}  {r.status.value}"
        out.append(text + (f"  note: {r.note}" if r.note else ""))
    return out


def describe(sale: SaleSnapshot) -> Message:
    """One line for a sale's state, for the CLI and logs."""
    if sale.status is SaleStatus.PENDING:
        if sale.trouble:
            return message(
                "Checkout",
                QT_TRANSLATE_NOOP("Checkout", "waiting; connection trouble, still trying"),
            )
        if sale.last_attempt_rejected:
            return message(
                "Checkout",
                QT_TRANSLATE_NOOP(
                    "Checkout", "waiting; last attempt rejected, the customer may retry"
                ),
            )
        if sale.partially_paid:
            return message(
                "Checkout",
                QT_TRANSLATE_NOOP("Checkout", "waiting; partially paid ({amount})"),
                amount=str(sale.partially_paid),
            )
    return message("SaleStatus", sale.status.label)


def print_json(data: Any) -> None:
    # On a narrow code page (cp1252...) "\u20b2" keeps the text intact where "₲" could not.
    json.dump(data, sys.stdout, indent=2, ensure_ascii=not is_unicode(sys.stdout))
    sys.stdout.write("\n")
    sys.stdout.flush()


def paid_in_cash(sale: SaleSnapshot) -> bool:
    """The customer paid in cash: the order was canceled on the box with the tender cash."""
    return sale.status is SaleStatus.CANCELED and sale.tender is Tender.CASH


def exit_code_for(sale: SaleSnapshot) -> int:
    if sale.status is SaleStatus.PAID or paid_in_cash(sale):
        return EXIT_OK
    if sale.status is SaleStatus.FAILED:
        return EXIT_ERROR  # Mercado Pago refused the order: an error, not a customer who left
    if sale.is_open:
        return EXIT_PENDING
    return EXIT_NOT_PAID


def err(text: str) -> None:
    """A line on stderr, without a secret (an API address holding the token, a server's echo):
    what a technician is sent is often a copy of the terminal."""
    from pos_app.system.logs import redact

    print(redact(text), file=sys.stderr, flush=True)
