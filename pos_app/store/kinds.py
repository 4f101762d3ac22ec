"""How each kind of outbox change lands in PostgreSQL.

Every change is first kept in ``changes`` under its key ``(box, record_id, seq)``
(``ON CONFLICT DO NOTHING``: a change delivered twice is stored once) and, only when it is new,
handed to the applier of its kind, which upserts the typed tables. Appliers must be idempotent
and must never let an older change overwrite a newer one (compare ``seq``).

Extension point (issues 12/13): a new ledger record (refund, cash movement, close) calls
``Ledger.add_to_outbox(conn, "refund", record_id, payload)`` in its own transaction, then a
new step in :data:`pos_app.store.schema.MIGRATIONS` creates its table (with the same row-level
security as the others) and an applier here registers under the same kind. Until its applier
exists a kind is still delivered and kept in ``changes``, so nothing is lost in between.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from psycopg import AsyncCursor

from pos_app.ledger.store import OUTBOX_SALE, OutboxChange

Applier = Callable[[AsyncCursor[Any], str, OutboxChange], Awaitable[None]]


async def apply_sale(cur: AsyncCursor[Any], box: str, change: OutboxChange) -> None:
    payload = change.payload
    sale: dict[str, Any] = payload["sale"]
    ref = change.record_id
    await cur.execute(
        "INSERT INTO sales (box, reference, seq, store, site_id, currency, status, title, total, "
        "paid_amount, tender, created_at, updated_at, row) VALUES (%s, %s, %s, %s, %s, %s, %s, "
        "%s, %s::numeric, %s::numeric, %s, %s::timestamptz, %s::timestamptz, %s::jsonb) "
        "ON CONFLICT (box, reference) DO UPDATE SET seq = EXCLUDED.seq, "
        "status = EXCLUDED.status, title = EXCLUDED.title, total = EXCLUDED.total, "
        "paid_amount = EXCLUDED.paid_amount, tender = EXCLUDED.tender, "
        "updated_at = EXCLUDED.updated_at, row = EXCLUDED.row "
        "WHERE sales.seq < EXCLUDED.seq",
        (
            box,
            ref,
            change.seq,
            sale["store_external_id"],
            sale["site_id"],
            sale["currency"],
            sale["status"],
            sale["title"],
            sale["total"],
            sale["paid_amount"],
            sale["tender"],
            sale["created_at"],
            sale["updated_at"],
            _json(sale),
        ),
    )
    lines = payload.get("lines", [])
    if lines:
        await cur.executemany(
            "INSERT INTO sale_lines (box, reference, position, sku, title, unit_price, quantity, "
            "charged, row) VALUES (%s, %s, %s, %s, %s, %s::numeric, %s, %s::numeric, %s::jsonb) "
            "ON CONFLICT DO NOTHING",
            [
                (
                    box,
                    ref,
                    line["position"],
                    line["sku"],
                    line["title"],
                    line["unit_price"],
                    line["quantity"],
                    line.get("charged"),
                    _json(line),
                )
                for line in lines
            ],
        )
    events = payload.get("events", [])
    if events:
        await cur.executemany(
            "INSERT INTO sale_events (box, event_id, reference, at, kind, old_status, "
            "new_status, cause, detail) VALUES (%s, %s, %s, %s::timestamptz, %s, %s, %s, %s, %s) "
            "ON CONFLICT DO NOTHING",
            [
                (
                    box,
                    event["id"],
                    ref,
                    event["at"],
                    event["kind"],
                    event["old_status"],
                    event["new_status"],
                    event["cause"],
                    event["detail"],
                )
                for event in events
            ],
        )


def _json(value: Any) -> str:
    import json

    return json.dumps(value, separators=(",", ":"))


APPLIERS: dict[str, Applier] = {OUTBOX_SALE: apply_sale}
