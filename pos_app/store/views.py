"""The store's sales and close, read from the store database: one store (its boxes) or the
whole chain (every store of the account): ``store=None`` in each function is the chain."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from psycopg import AsyncConnection

from pos_app.domain.day import (
    CashMovement,
    CloseReport,
    MovementKind,
    RefundFact,
    SaleFact,
    ShiftFact,
    compute_close,
)
from pos_app.domain.money import Site
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import OPEN, TERMINAL, SaleStatus, Tender
from pos_app.store.taxes import refunds_iva, sales_with_lines


@dataclass(frozen=True)
class StoreSale:
    store: str
    box: str
    reference: str
    status: str
    total: Decimal
    paid_amount: Decimal
    tender: str | None
    currency: str
    title: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class BoxTotal:
    """Paid sales of one box and one tender: what the store's close adds up."""

    store: str
    box: str
    tender: str
    currency: str
    sales: int
    amount: Decimal


_IN_STORE = "(%(store)s::text IS NULL OR store = %(store)s::text)"
# :func:`pos_app.domain.records.counted_elsewhere` on a paid sale's replicated ledger row: no
# amount approved, no payment of its own, sent in orders ("[]": how the ledger writes none; a
# row without the keys, from an older ledger, is an ordinary sale).
_COUNTED_ELSEWHERE = (
    "(paid_amount = 0 AND COALESCE(row->>'payment_ids', '[]') = '[]' "
    "AND COALESCE(row->>'order_payment_ids', '[]') = '[]' "
    "AND COALESCE(row->>'merchant_order_ids', '[]') <> '[]')"
)


async def store_sales(
    conn: AsyncConnection[Any],
    *,
    limit: int = 100,
    since: datetime | None = None,
    store: str | None = None,
) -> list[StoreSale]:
    """The newest sales of every box of ``store`` (``None``: of every store), newest first."""
    cur = await conn.execute(
        "SELECT store, box, reference, status, total, paid_amount, tender, currency, title, "
        "created_at, updated_at FROM sales "
        f"WHERE created_at >= COALESCE(%(since)s::timestamptz, '-infinity') AND {_IN_STORE} "
        "ORDER BY created_at DESC, box, reference LIMIT %(limit)s",
        {"since": since, "limit": limit, "store": store},
    )
    return [StoreSale(*row) for row in await cur.fetchall()]


async def totals_by_box(
    conn: AsyncConnection[Any],
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    store: str | None = None,
) -> list[BoxTotal]:
    """Sales summed per store, box and tender (and currency), in ``[since, until)``, as the
    close counts them: a QR sale by what Mercado Pago paid, a cash sale (canceled on the box,
    the tender cash) by its total; a late QR payment on a cash sale is in both. A sale whose
    payment is counted on another sale of the books (``MP-…``: :data:`_COUNTED_ELSEWHERE`) is
    in neither: it was a QR sale of 0, counted beside the sale holding its payment."""
    cur = await conn.execute(
        "SELECT store, box, tender, currency, count(*), COALESCE(sum(amount), 0) FROM ("
        "SELECT store, box, 'mercadopago_qr' AS tender, currency, paid_amount AS amount, "
        f"created_at FROM sales WHERE status = 'paid' AND NOT {_COUNTED_ELSEWHERE} UNION ALL "
        "SELECT store, box, 'cash', currency, total, created_at FROM sales "
        "WHERE tender = 'cash' AND status IN ('canceled', 'paid')) s "
        "WHERE created_at >= COALESCE(%(since)s::timestamptz, '-infinity') "
        f"AND created_at < COALESCE(%(until)s::timestamptz, 'infinity') AND {_IN_STORE} "
        "GROUP BY store, box, tender, currency ORDER BY store, box, tender, currency",
        {"since": since, "until": until, "store": store},
    )
    return [
        BoxTotal(str(r[0]), str(r[1]), str(r[2]), str(r[3]), int(r[4]), Decimal(r[5]))
        for r in await cur.fetchall()
    ]


def store_sums(totals: list[BoxTotal]) -> dict[tuple[str, str], Decimal]:
    """``{(tender, currency): amount}`` over every box."""
    out: dict[tuple[str, str], Decimal] = {}
    for t in totals:
        key = (t.tender, t.currency)
        out[key] = out.get(key, Decimal(0)) + t.amount
    return out


def sums_by_store(totals: list[BoxTotal]) -> dict[tuple[str, str, str], Decimal]:
    """``{(store, tender, currency): amount}``: each store's boxes added up."""
    out: dict[tuple[str, str, str], Decimal] = {}
    for t in totals:
        key = (t.store, t.tender, t.currency)
        out[key] = out.get(key, Decimal(0)) + t.amount
    return out


async def reconciliation_sales(
    conn: AsyncConnection[Any], since: datetime, until: datetime, *, store: str | None = None
) -> list[SaleSnapshot]:
    """The sales created in ``[since, until)`` as far as reconciling them with Mercado Pago's
    payments needs (status, tender, amount paid and the payments' ids, from the ledger's row;
    an Orders API sale's order, which the check reads when no payment names the sale)."""
    cur = await conn.execute(
        "SELECT box, reference, site_id, currency, status, total, paid_amount, tender, "
        "created_at, updated_at, row->>'payment_ids', row->>'api', row->>'order_id' FROM sales "
        f"WHERE created_at >= %(since)s AND created_at < %(until)s AND {_IN_STORE} "
        "ORDER BY created_at",
        {"since": since, "until": until, "store": store},
    )
    out = []
    for (
        box,
        ref,
        site_id,
        currency,
        status,
        total,
        paid,
        tender,
        created,
        updated,
        ids,
        api,
        order_id,
    ) in await cur.fetchall():
        out.append(
            SaleSnapshot(
                id=0,
                external_reference=ref,
                box_external_id=box,
                site_id=site_id,
                currency=currency,
                status=SaleStatus(status),
                total=Decimal(total),
                created_at=created,
                updated_at=updated,
                expires_at=None,
                paid_amount=Decimal(paid),
                tender=Tender(tender) if tender else None,
                payment_ids=tuple(int(p) for p in json.loads(ids or "[]")),
                api=api or "instore",  # rows of ledgers before the Orders API have neither
                order_id=order_id or "",
            )
        )
    return out


# -- the store's close across boxes ---------------------------------------------------------------


@dataclass(frozen=True)
class BoxClose:
    """One box's figures for its period, and the box's own closes at its edges."""

    box: str
    report: CloseReport
    closes: tuple[tuple[int, datetime], ...]  # (number, closed_at)
    store: str = ""


@dataclass(frozen=True)
class StoreSubtotal:
    """One store's boxes added up (in the chain's close)."""

    store: str
    report: CloseReport
    boxes: tuple[str, ...]


@dataclass(frozen=True)
class StoreClose:
    total: CloseReport  # every box added up (number 0: the store's close is not frozen)
    boxes: tuple[BoxClose, ...]
    stores: tuple[StoreSubtotal, ...] = ()


_OPEN_STATUSES = [s.value for s in OPEN]
_ENDING = [s.value for s in TERMINAL]


async def store_close(
    conn: AsyncConnection[Any],
    site: Site,
    *,
    now: datetime,
    since: datetime | None = None,
    until: datetime | None = None,
    store: str | None = None,
) -> StoreClose:
    """Each box's close figures, computed like a counter's own close
    (:func:`pos_app.domain.day.compute_close`) from the replicated records, and their sum.

    Without ``since``: each box's current period, from its last close (or its first record)
    to ``now``. With ``since``/``until``: that range for every box. A box's closes listed are
    those ending inside ``[opened_at, closed_at]`` (in the current period: its last one).

    ``store``: only the boxes of that store (a box is the store's it last delivered for);
    ``None``: every box of the chain, with each store's subtotal."""
    end = until or now
    cur = await conn.execute("SELECT box, max(closed_at) FROM closes GROUP BY box")
    last_close = {str(r[0]): r[1] for r in await cur.fetchall()}
    cur = await conn.execute(
        "SELECT box, min(t) FROM (SELECT box, min(created_at) AS t FROM sales GROUP BY box "
        "UNION ALL SELECT box, min(at) FROM cash_movements GROUP BY box "
        "UNION ALL SELECT box, min(opened_at) FROM shifts GROUP BY box "
        "UNION ALL SELECT box, min(created_at) FROM refunds GROUP BY box) f GROUP BY box"
    )
    first = {str(r[0]): r[1] for r in await cur.fetchall()}
    cur = await conn.execute("SELECT box, store FROM boxes")
    box_store = {str(r[0]): str(r[1]) for r in await cur.fetchall()}
    boxes = sorted(
        b for b in set(first) | set(last_close) if store is None or box_store.get(b, "") == store
    )
    starts = {b: since or last_close.get(b) or first.get(b) or end for b in boxes}
    lower = min(starts.values(), default=end)

    cur = await conn.execute(
        "SELECT s.box, s.reference, s.status, s.tender, s.total, s.paid_amount, "
        "COALESCE((s.row->>'late_payment')::int, 0), "
        "max(e.at) FILTER (WHERE e.new_status = ANY(%s)) AS settled, "
        "min(e.at) FILTER (WHERE e.new_status = ANY(%s)) AS first_settled "
        "FROM sales s LEFT JOIN sale_events e ON e.box = s.box AND e.reference = s.reference "
        "GROUP BY s.box, s.reference "
        "HAVING s.status = ANY(%s) OR max(e.at) FILTER (WHERE e.new_status = ANY(%s)) >= %s",
        (_ENDING, _ENDING, _OPEN_STATUSES, _ENDING, lower),
    )
    found = await cur.fetchall()
    # Colombia: each sale's lines, whose IVA the close states (none elsewhere: not read).
    taxed = (
        await sales_with_lines(conn, ((str(r[0]), str(r[1])) for r in found if r[7] is not None))
        if site.reports_iva
        else {}
    )
    sales: dict[str, list[SaleFact]] = {}
    for box, ref, status, tender, total, paid, late, settled, first_end in found:
        sale_status = SaleStatus(status)
        lined = taxed.get((box, ref))
        sales.setdefault(box, []).append(
            SaleFact(
                ref,
                sale_status,
                Tender(tender) if tender else None,
                Decimal(total),
                Decimal(paid),
                None if sale_status in OPEN else settled,
                lines=lined.lines if lined else (),
                late_payment=bool(late),
                sale_discount=lined.sale_discount if lined else None,
                cash_at=None
                if sale_status in OPEN
                else first_end,  # a cash sale's cash: its first end
            )
        )
    # A refund belongs to the period in which the money left, as in a counter's own close
    # (:meth:`pos_app.ledger.day.DayBook.refund_facts`): when it was confirmed, ``updated_at``
    # (its writing for cash). It was read by ``created_at``: one pending at a box's close and
    # confirmed after it was in neither that close nor the live period after it.
    cur = await conn.execute(
        "SELECT box, ledger, id, amount, updated_at, tender, reference, note FROM refunds "
        "WHERE status = 'refunded' AND updated_at >= %s",
        (lower,),
    )
    given = await cur.fetchall()
    ivas = (
        await refunds_iva(conn, (((r[0], r[1], int(r[2])), str(r[6])) for r in given))
        if site.reports_iva
        else {}
    )
    refunds: dict[str, list[RefundFact]] = {}
    for box, ledger, rid, amount, at, tender, ref, note in given:
        refunds.setdefault(box, []).append(
            RefundFact(
                Decimal(amount),
                at,
                Tender(tender),
                ref,
                note,
                iva=ivas.get((box, ledger, int(rid)), ()),
            )
        )
    cur = await conn.execute(
        "SELECT box, kind, amount, reason, at FROM cash_movements WHERE at >= %s ORDER BY at, id",
        (lower,),
    )
    moves: dict[str, list[CashMovement]] = {}
    for box, kind, amount, reason, at in await cur.fetchall():
        moves.setdefault(box, []).append(
            CashMovement(MovementKind(kind), Decimal(amount), reason, at)
        )
    cur = await conn.execute(
        "SELECT box, cashier, starting_float, opened_at, handover FROM shifts "
        "WHERE opened_at >= %s ORDER BY opened_at, id",
        (lower,),
    )
    shifts: dict[str, list[ShiftFact]] = {}
    for box, cashier, starting, at, handover in await cur.fetchall():
        shifts.setdefault(box, []).append(
            ShiftFact(cashier, Decimal(starting), at, box, handover=bool(handover))
        )
    cur = await conn.execute(
        "SELECT box, number, closed_at FROM closes WHERE closed_at >= %s ORDER BY box, number",
        (lower,),
    )
    closes: dict[str, list[tuple[int, datetime]]] = {}
    for box, number, closed_at in await cur.fetchall():
        closes.setdefault(box, []).append((int(number), closed_at))

    out = []
    for box in boxes:
        start = min(starts[box], end)
        report = compute_close(
            number=0,
            site=site,
            opened_at=start,
            closed_at=end,
            sales=sales.get(box, ()),
            refunds=refunds.get(box, ()),
            movements=moves.get(box, ()),
            shifts=shifts.get(box, ()),
        )
        own = tuple(c for c in closes.get(box, ()) if start <= c[1] <= end)
        out.append(BoxClose(box, report, own, box_store.get(box, "")))
    stores = []
    for name in sorted({b.store for b in out}):
        mine = [b for b in out if b.store == name]
        low = min((b.report.opened_at for b in mine), default=lower)
        subtotal = _add_up([b.report for b in mine], site, low, end)
        stores.append(StoreSubtotal(name, subtotal, tuple(b.box for b in mine)))
    return StoreClose(_add_up([b.report for b in out], site, lower, end), tuple(out), tuple(stores))


def _add_up(
    reports: list[CloseReport], site: Site, opened_at: datetime, closed_at: datetime
) -> CloseReport:
    """The boxes' reports summed: each box's drawer is its own (floats and cash add up)."""

    def total(name: str) -> Decimal:
        return sum((getattr(r, name) for r in reports), Decimal(0))

    def per_key(name: str) -> dict[str, Decimal]:
        out: dict[str, Decimal] = {}
        for r in reports:
            for key, value in getattr(r, name).items():
                out[key] = out.get(key, Decimal(0)) + value
        return out

    def count(name: str) -> int:
        return sum(int(getattr(r, name)) for r in reports)

    return CloseReport(
        number=0,
        opened_at=opened_at,
        closed_at=closed_at,
        site_id=site.site_id,
        sales_count=count("sales_count"),
        totals=per_key("totals") or {Tender.QR.value: Decimal(0), Tender.CASH.value: Decimal(0)},
        refunds=per_key("refunds") or {Tender.QR.value: Decimal(0), Tender.CASH.value: Decimal(0)},
        refunds_count=count("refunds_count"),
        gross=total("gross"),
        refunds_total=total("refunds_total"),
        net=total("net"),
        iva=per_key("iva"),
        canceled_count=count("canceled_count"),
        expired_count=count("expired_count"),
        failed_count=count("failed_count"),
        open_count=count("open_count"),
        starting_float=total("starting_float"),
        cash_in=total("cash_in"),
        cash_out=total("cash_out"),
        expected_cash=total("expected_cash"),
        counted_cash=None,
        difference=None,
        movements=tuple(sorted((m for r in reports for m in r.movements), key=lambda m: m.at)),
        shifts=tuple(sorted((s for r in reports for s in r.shifts), key=lambda s: s.opened_at)),
        handovers=tuple(sorted((h for r in reports for h in r.handovers), key=lambda h: h.at)),
        shift_sales=tuple(
            sorted((t for r in reports for t in r.shift_sales), key=lambda t: (t.box, t.since))
        ),
        late_payments=tuple(ref for r in reports for ref in r.late_payments),
        refund_list=tuple(sorted((f for r in reports for f in r.refund_list), key=lambda f: f.at)),
    )
