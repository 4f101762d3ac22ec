"""How each kind of outbox change lands in PostgreSQL.

Every change is kept in ``changes`` under its key ``(box, record_id, seq)`` (``ON CONFLICT DO
NOTHING``: a change delivered twice is stored once), and the changes of each kind are handed, in
order, to the applier of that kind, which upserts the typed tables. A batch may be delivered
again (a counter killed after PostgreSQL's commit, before it forgot the batch): appliers must
be idempotent and must never let an older change overwrite a newer one (compare ``seq``).

Extension point (issues 12/13): a new ledger record (refund, cash movement, close) calls
``Ledger.add_to_outbox(conn, "refund", record_id, payload)`` in its own transaction, then a
new step in :data:`pos_app.store.schema.MIGRATIONS` creates its table (with the same row-level
security as the others) and an applier here registers under the same kind. Until its applier
exists a kind is still delivered and kept in ``changes``, so nothing is lost in between.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from psycopg import AsyncCursor

from pos_app.ledger.store import OUTBOX_SALE, OutboxChange

# Gets every change of its kind in one batch, in order (one PostgreSQL transaction); each table
# is written with one statement over arrays (``unnest``), not one round trip per row.
Applier = Callable[[AsyncCursor[Any], str, list[OutboxChange]], Awaitable[None]]


async def apply_sales(cur: AsyncCursor[Any], box: str, changes: list[OutboxChange]) -> None:
    latest: dict[str, OutboxChange] = {}
    for change in changes:  # in order: the last change of each sale is its newest state
        latest[change.record_id] = change
    sales = [(c.record_id, c.seq, c.payload["sale"]) for c in latest.values()]
    await cur.execute(
        "INSERT INTO sales (box, reference, seq, store, site_id, currency, status, title, total, "
        "paid_amount, tender, created_at, updated_at, row) "
        "SELECT %s, * FROM unnest(%s::text[], %s::bigint[], %s::text[], %s::text[], %s::text[], "
        "%s::text[], %s::text[], %s::numeric[], %s::numeric[], %s::text[], %s::timestamptz[], "
        "%s::timestamptz[], %s::jsonb[]) "
        "ON CONFLICT (box, reference) DO UPDATE SET seq = EXCLUDED.seq, "
        "status = EXCLUDED.status, title = EXCLUDED.title, total = EXCLUDED.total, "
        "paid_amount = EXCLUDED.paid_amount, tender = EXCLUDED.tender, "
        "updated_at = EXCLUDED.updated_at, row = EXCLUDED.row "
        "WHERE sales.seq < EXCLUDED.seq",
        (
            box,
            [ref for ref, _, _ in sales],
            [seq for _, seq, _ in sales],
            [sale["store_external_id"] for _, _, sale in sales],
            [sale["site_id"] for _, _, sale in sales],
            [sale["currency"] for _, _, sale in sales],
            [sale["status"] for _, _, sale in sales],
            [sale["title"] for _, _, sale in sales],
            [sale["total"] for _, _, sale in sales],
            [sale["paid_amount"] for _, _, sale in sales],
            [sale["tender"] for _, _, sale in sales],
            [sale["created_at"] for _, _, sale in sales],
            [sale["updated_at"] for _, _, sale in sales],
            [_json(sale) for _, _, sale in sales],
        ),
    )
    lines = [(c.record_id, line) for c in latest.values() for line in c.payload.get("lines", [])]
    if lines:
        await cur.execute(
            "INSERT INTO sale_lines (box, reference, position, sku, title, unit_price, quantity, "
            "charged, row) SELECT %s, * FROM unnest(%s::text[], %s::int[], %s::text[], "
            "%s::text[], %s::numeric[], %s::int[], %s::numeric[], %s::jsonb[]) "
            "ON CONFLICT DO NOTHING",
            (
                box,
                [ref for ref, _ in lines],
                [line["position"] for _, line in lines],
                [line["sku"] for _, line in lines],
                [line["title"] for _, line in lines],
                [line["unit_price"] for _, line in lines],
                [line["quantity"] for _, line in lines],
                [line.get("charged") for _, line in lines],
                [_json(line) for _, line in lines],
            ),
        )
    events = [(c.record_id, e) for c in changes for e in c.payload.get("events", [])]
    if events:
        await cur.execute(
            "INSERT INTO sale_events (box, reference, event_id, at, kind, old_status, "
            "new_status, cause, detail) SELECT %s, * FROM unnest(%s::text[], %s::bigint[], "
            "%s::timestamptz[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[]) "
            "ON CONFLICT DO NOTHING",
            (
                box,
                [ref for ref, _ in events],
                [e["id"] for _, e in events],
                [e["at"] for _, e in events],
                [e["kind"] for _, e in events],
                [e["old_status"] for _, e in events],
                [e["new_status"] for _, e in events],
                [e["cause"] for _, e in events],
                [e["detail"] for _, e in events],
            ),
        )


def _json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))


APPLIERS: dict[str, Applier] = {OUTBOX_SALE: apply_sales}
