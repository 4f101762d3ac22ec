"""The whole store's sales, read from the store database (all boxes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from psycopg import AsyncConnection


@dataclass(frozen=True)
class StoreSale:
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

    box: str
    tender: str
    currency: str
    sales: int
    amount: Decimal


async def store_sales(
    conn: AsyncConnection[Any], *, limit: int = 100, since: datetime | None = None
) -> list[StoreSale]:
    """The newest sales of every box, newest first."""
    cur = await conn.execute(
        "SELECT box, reference, status, total, paid_amount, tender, currency, title, "
        "created_at, updated_at FROM sales "
        "WHERE created_at >= COALESCE(%s::timestamptz, '-infinity') "
        "ORDER BY created_at DESC, box, reference LIMIT %s",
        (since, limit),
    )
    return [StoreSale(*row) for row in await cur.fetchall()]


async def totals_by_box(
    conn: AsyncConnection[Any], *, since: datetime | None = None, until: datetime | None = None
) -> list[BoxTotal]:
    """Paid sales summed per box and tender (and currency), in ``[since, until)``: the figures
    the store's close across boxes (issue 13) adds up."""
    cur = await conn.execute(
        "SELECT box, COALESCE(tender, ''), currency, count(*), COALESCE(sum(paid_amount), 0) "
        "FROM sales WHERE status = 'paid' "
        "AND created_at >= COALESCE(%s::timestamptz, '-infinity') "
        "AND created_at < COALESCE(%s::timestamptz, 'infinity') "
        "GROUP BY box, tender, currency ORDER BY box, tender, currency",
        (since, until),
    )
    return [
        BoxTotal(str(r[0]), str(r[1]), str(r[2]), int(r[3]), Decimal(r[4]))
        for r in await cur.fetchall()
    ]


def store_sums(totals: list[BoxTotal]) -> dict[tuple[str, str], Decimal]:
    """``{(tender, currency): amount}`` over every box."""
    out: dict[tuple[str, str], Decimal] = {}
    for t in totals:
        key = (t.tender, t.currency)
        out[key] = out.get(key, Decimal(0)) + t.amount
    return out
