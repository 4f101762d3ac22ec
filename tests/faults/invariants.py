"""The one assertion every fault scenario ends with: the ledger agrees with Mercado Pago.

"Mercado Pago" is the sandbox's own state (its merchant orders, payments, box orders and every
PUT it accepted), never what the app says about it. For every sale:

* paid in the ledger ⇔ a merchant order for its reference is ``closed`` with approved payments
  covering the total, and the ledger lists those payments;
* the customer was charged at most once: at most one paid merchant order, and approved payments
  never add up to more than the total;
* the sale was recorded paid once (one transition to paid in its history);
* it has its lines, and they add up to its total (no half-written sale);
* every order that reached the box was written to the ledger first, with the same amount;
* the Orders API: at most one order per sale (idempotency keys), paid = ``processed``;
* once settled: no sale left ``creating`` or ``pending``, and the box offers no order of a
  sale the ledger has closed (nobody can pay a canceled or expired sale any more).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from pos_app.checkout.events import SaleChanged
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import OPEN, SaleStatus
from pos_app.ledger.store import Ledger
from pos_app.sandbox.models import MerchantOrder
from pos_app.sandbox.state import SandboxState


@dataclass
class Report:
    """What the check saw, for scenario-specific assertions on top of the invariant."""

    sales: dict[str, SaleSnapshot] = field(default_factory=dict)
    paid_orders: dict[str, list[MerchantOrder]] = field(default_factory=dict)
    puts: Counter[str] = field(default_factory=Counter)
    api_orders: Counter[str] = field(default_factory=Counter)  # Orders API orders per sale

    def status(self, ref: str) -> SaleStatus:
        return self.sales[ref].status

    def statuses(self) -> list[SaleStatus]:
        return [sale.status for sale in self.sales.values()]


def _approved(mo: MerchantOrder) -> Decimal:
    return sum((p.transaction_amount for p in mo.payments if p.status == "approved"), Decimal(0))


def _orphans(path: Path) -> tuple[list[str], list[int]]:
    """Sales without lines and lines without a sale, read over a separate connection."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        bare = [
            str(row[0])
            for row in conn.execute(
                "SELECT external_reference FROM sales s WHERE NOT EXISTS "
                "(SELECT 1 FROM sale_lines l WHERE l.sale_id = s.id)"
            )
        ]
        stray = [
            int(row[0])
            for row in conn.execute(
                "SELECT DISTINCT sale_id FROM sale_lines WHERE sale_id NOT IN (SELECT id FROM sales)"
            )
        ]
    finally:
        conn.close()
    return bare, stray


def check(
    ledger: Ledger,
    state: SandboxState,
    *,
    settled: bool = True,
    events: Iterable[object] = (),
    foreign: Collection[str] = (),
) -> Report:
    """Assert the invariant; ``settled`` also requires that no sale is still open. ``events``
    (what the engine published) must never have shown a sale paid that Mercado Pago did not
    close. ``foreign``: references the test itself put on the box, behind the till's back."""
    problems: list[str] = []
    report = Report()
    sales = {sale.external_reference: sale for sale in ledger.all_sales(limit=100_000)}
    report.sales = sales
    bare, stray = _orphans(ledger.path)
    problems += [f"{ref}: a sale row without its lines" for ref in bare]
    problems += [f"lines of a sale id {sale_id} that does not exist" for sale_id in stray]

    for put in state.orders_received:
        ref = str(put["body"].get("external_reference"))
        if ref in foreign:
            continue
        report.puts[ref] += 1
        sale = sales.get(ref)
        if sale is None:
            problems.append(f"{ref}: an order reached the box but the ledger has no such sale")
        elif Decimal(str(put["body"]["total_amount"])) != sale.total:
            problems.append(f"{ref}: the box got {put['body']['total_amount']}, not {sale.total}")

    for api_order in state.orders_api.orders.values():
        ref = api_order.external_reference
        report.api_orders[ref] += 1
        sale = sales.get(ref)
        if sale is None:
            problems.append(f"{ref}: an Orders API order exists but the ledger has no such sale")
        elif api_order.total_amount != sale.total:
            problems.append(f"{ref}: the order says {api_order.total_amount}, not {sale.total}")
    problems += [
        f"{ref}: {n} Orders API orders for one sale"
        for ref, n in report.api_orders.items()
        if n > 1
    ]

    for ref, sale in sales.items():
        if sum((line.unit_price * line.quantity for line in sale.lines), Decimal(0)) != sale.total:
            problems.append(f"{ref}: lines do not add up to the total {sale.total}")
        mine = [mo for mo in state.merchant_orders.values() if mo.external_reference == ref]
        paid = [mo for mo in mine if mo.status == "closed" and _approved(mo) >= sale.total]
        report.paid_orders[ref] = paid
        approved_total = sum((_approved(mo) for mo in mine), Decimal(0))
        approved_ids = {p.id for mo in mine for p in mo.payments if p.status == "approved"}
        for api_order in state.orders_api.orders.values():
            if api_order.external_reference != ref:
                continue
            money_in = [p for p in api_order.payments if p.status in ("processed", "refunded")]
            received = sum((p.amount for p in money_in), Decimal(0))
            approved_total += received
            if api_order.status in ("processed", "refunded") and received >= sale.total:
                paid.append(api_order)  # type: ignore[arg-type]
        api_ids = {
            p.id
            for o in state.orders_api.orders.values()
            if o.external_reference == ref
            for p in o.payments
            if p.status in ("processed", "refunded")
        }
        if len(paid) > 1 or approved_total > sale.total:
            problems.append(
                f"{ref}: CHARGED TWICE: {len(paid)} paid merchant orders, "
                f"{approved_total} approved for a total of {sale.total}"
            )
        closed_here = settled or sale.status not in OPEN
        if paid and sale.status is not SaleStatus.PAID and closed_here:
            problems.append(f"{ref}: Mercado Pago has it paid, the ledger says {sale.status}")
        if sale.status is SaleStatus.PAID:
            if not paid:
                problems.append(f"{ref}: paid in the ledger, Mercado Pago closed no order for it")
            if not approved_ids <= set(sale.payment_ids):
                problems.append(
                    f"{ref}: ledger payments {sale.payment_ids}, Mercado Pago {approved_ids}"
                )
            if not api_ids <= set(sale.order_payment_ids):
                problems.append(
                    f"{ref}: ledger payments {sale.order_payment_ids}, Mercado Pago {api_ids}"
                )
            if sale.paid_amount < sale.total:
                problems.append(f"{ref}: paid {sale.paid_amount} of {sale.total} in the ledger")
        to_paid = [e for e in ledger.sale_events(ref) if e.new_status is SaleStatus.PAID]
        if len(to_paid) != (1 if sale.status is SaleStatus.PAID else 0):
            problems.append(f"{ref}: {len(to_paid)} transitions to paid in its history")
        if settled and sale.status in OPEN:
            problems.append(f"{ref}: still {sale.status} after the scenario settled")

    for event in events:
        if not isinstance(event, SaleChanged) or event.sale.status is not SaleStatus.PAID:
            continue
        if not report.paid_orders.get(event.sale.external_reference):
            problems.append(f"{event.sale.external_reference}: shown paid, never closed")

    if settled:
        for order in state.box_orders.values():
            if order.expiration_date <= state.now():
                continue  # expired: nobody can pay it any more
            owner = sales.get(order.external_reference)
            if owner is not None and owner.status not in OPEN:
                problems.append(
                    f"{order.external_reference}: still payable on the box although the "
                    f"ledger closed it as {owner.status}"
                )
        state.expire_due()
        for api_order in state.orders_api.orders.values():
            owner = sales.get(api_order.external_reference)
            if api_order.status == "created" and owner is not None and owner.status not in OPEN:
                problems.append(
                    f"{api_order.external_reference}: its Orders API order can still be paid "
                    f"although the ledger closed it as {owner.status}"
                )
    assert not problems, "ledger and Mercado Pago disagree:\n  " + "\n  ".join(problems)
    return report
