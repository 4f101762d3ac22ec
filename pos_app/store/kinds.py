"""How each kind of outbox change lands in PostgreSQL.

Every change is kept in ``changes`` under its key ``(box, ledger, record_id, seq)`` (``ON
CONFLICT DO NOTHING``: a change delivered twice is stored once), and the changes of each kind
are handed, in order, to the applier of that kind, which upserts the typed tables. A batch may
be delivered again (a counter killed after PostgreSQL's commit, before it forgot the batch):
appliers must be idempotent and must never let an older change overwrite a newer one (compare
``seq`` within one ledger: a fresh or restored ledger has an identity of its own).

Kinds: sales (with lines and events), refunds (written pending, changed once to refunded or
refused; also matched by their idempotency key across ledgers), shifts, cash movements and
closes (append-only in the ledger). A new ledger record calls ``Ledger.add_to_outbox(conn, kind,
record_id, payload)`` in its own transaction, a new step in
:data:`pos_app.store.schema.MIGRATIONS` creates its table (with the same row-level security as
the others) and an applier here registers under the same kind. Until its applier exists a kind
is still delivered and kept in ``changes``, so nothing is lost in between.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from psycopg import AsyncCursor

from pos_app.domain.sale import OPEN
from pos_app.ledger.store import (
    OUTBOX_CASH_MOVEMENT,
    OUTBOX_CLOSE,
    OUTBOX_REFUND,
    OUTBOX_SALE,
    OUTBOX_SHIFT,
    OutboxChange,
)

# Gets every change of its kind in one batch, in order (one PostgreSQL transaction); each table
# is written with one statement over arrays (``unnest``), not one round trip per row.
# Arrays of texts and JSON go in binary (``%b``): in text format psycopg escapes every quote
# of every element with a regular expression's template (a month offline, ~40,000 changes of
# JSON: ~60 % of the delivery's time, on the window's thread).
Applier = Callable[[AsyncCursor[Any], str, list[OutboxChange]], Awaitable[None]]


_WAITING = [s.value for s in OPEN]


async def apply_sales(cur: AsyncCursor[Any], box: str, changes: list[OutboxChange]) -> None:
    latest: dict[str, OutboxChange] = {}
    for change in changes:  # in order: the last change of each sale is its newest state
        latest[change.record_id] = change
    sales = [(c.record_id, c.seq, c.payload["sale"]) for c in latest.values()]
    # Change numbers only compare within one ledger: a sale sent again by another (a payment
    # adopted into a fresh ledger) wins when it is at least as new, and never takes an ended
    # sale back to waiting (a restored backup's older state of a sale paid since, changed by
    # its status check: newer by the clock, not in what happened).
    await cur.execute(
        "INSERT INTO sales (box, reference, seq, store, site_id, currency, status, title, total, "
        "paid_amount, tender, created_at, updated_at, row, ledger) "
        "SELECT %s, * FROM unnest(%b::text[], %s::bigint[], %b::text[], %b::text[], %b::text[], "
        "%b::text[], %b::text[], %s::numeric[], %s::numeric[], %b::text[], %s::timestamptz[], "
        "%s::timestamptz[], %b::jsonb[], %b::text[]) "
        "ON CONFLICT (box, reference) DO UPDATE SET seq = EXCLUDED.seq, "
        "status = EXCLUDED.status, title = EXCLUDED.title, total = EXCLUDED.total, "
        "paid_amount = EXCLUDED.paid_amount, tender = EXCLUDED.tender, "
        "updated_at = EXCLUDED.updated_at, row = EXCLUDED.row, ledger = EXCLUDED.ledger "
        "WHERE CASE WHEN sales.ledger = EXCLUDED.ledger THEN sales.seq < EXCLUDED.seq "
        "ELSE sales.updated_at <= EXCLUDED.updated_at "
        "AND NOT (sales.status <> ALL(%s) AND EXCLUDED.status = ANY(%s)) END",
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
            [latest[ref].ledger for ref, _, _ in sales],
            _WAITING,
            _WAITING,
        ),
    )
    lines = [(c.record_id, line) for c in latest.values() for line in c.payload.get("lines", [])]
    if lines:
        await cur.execute(
            "INSERT INTO sale_lines (box, reference, position, sku, title, unit_price, quantity, "
            "charged, row) SELECT %s, * FROM unnest(%b::text[], %s::int[], %b::text[], "
            "%b::text[], %s::numeric[], %s::int[], %s::numeric[], %b::jsonb[]) "
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
    events = [(c, e) for c in changes for e in c.payload.get("events", [])]
    if events:
        await cur.execute(
            "INSERT INTO sale_events (box, reference, event_id, at, kind, old_status, "
            "new_status, cause, detail, ledger) SELECT %s, * FROM unnest(%b::text[], "
            "%s::bigint[], %s::timestamptz[], %b::text[], %b::text[], %b::text[], %b::text[], "
            "%b::text[], %b::text[]) ON CONFLICT DO NOTHING",
            (
                box,
                [c.record_id for c, _ in events],
                [e["id"] for _, e in events],
                [e["at"] for _, e in events],
                [e["kind"] for _, e in events],
                [e["old_status"] for _, e in events],
                [e["new_status"] for _, e in events],
                [e["cause"] for _, e in events],
                [e["detail"] for _, e in events],
                [c.ledger for c, _ in events],
            ),
        )


Row = tuple[int, int, dict[str, Any], str]  # record id, seq, record, ledger


def _latest(changes: list[OutboxChange], key: str) -> list[Row]:
    """``(record id, seq, record, ledger)`` of the newest change of each record in the batch
    (a record is one ledger's: ids restart in a fresh one)."""
    latest: dict[tuple[str, str], OutboxChange] = {}
    for change in changes:
        latest[(change.ledger, change.record_id)] = change
    return [(int(c.record_id), c.seq, c.payload[key], c.ledger) for c in latest.values()]


# A refund moves once, from pending to refunded or refused; never back.
_REFUND_RANK = "CASE {0} WHEN 'pending' THEN 0 ELSE 1 END"


async def apply_refunds(cur: AsyncCursor[Any], box: str, changes: list[OutboxChange]) -> None:
    """Upsert by ``(box, ledger, id)``; but a refund already stored under another ledger's
    identity (a restored backup settling a refund the replaced file had delivered pending: same
    idempotency key, new identity) updates that row, when the change is at least as new and
    does not move it back to pending, instead of becoming a second row."""
    refunds = _latest(changes, "refund")
    columns = (
        "%s::bigint[], %s::bigint[], %b::text[], %s::numeric[], %b::text[], %b::text[], "
        "%s::timestamptz[], %s::timestamptz[], %b::jsonb[], %b::text[], %b::text[]"
    )
    elsewhere = (
        "SELECT 1 FROM refunds r WHERE r.box = %s AND r.ledger <> i.ledger "
        "AND r.row->>'idempotency_key' = i.row->>'idempotency_key'"
    )
    await cur.execute(
        f"WITH i AS (SELECT * FROM unnest({columns}) AS i(id, seq, reference, amount, tender, "
        "status, created_at, updated_at, row, ledger, note)), "
        "moved AS (UPDATE refunds r SET status = i.status, updated_at = i.updated_at, "
        "row = i.row, note = i.note FROM i WHERE r.box = %s AND r.ledger <> i.ledger "
        "AND r.row->>'idempotency_key' = i.row->>'idempotency_key' "
        "AND r.updated_at <= i.updated_at "
        f"AND {_REFUND_RANK.format('r.status')} <= {_REFUND_RANK.format('i.status')} "
        "RETURNING r.id) "
        "INSERT INTO refunds (box, id, seq, reference, amount, tender, status, created_at, "
        "updated_at, row, ledger, note) SELECT %s, i.* FROM i "
        f"WHERE NOT EXISTS ({elsewhere}) "
        "ON CONFLICT (box, ledger, id) DO UPDATE SET seq = EXCLUDED.seq, status = EXCLUDED.status, "
        "updated_at = EXCLUDED.updated_at, row = EXCLUDED.row, note = EXCLUDED.note "
        "WHERE refunds.seq < EXCLUDED.seq",
        (
            [i for i, _, _, _ in refunds],
            [seq for _, seq, _, _ in refunds],
            [r["external_reference"] for _, _, r, _ in refunds],
            [r["amount"] for _, _, r, _ in refunds],
            [r["tender"] for _, _, r, _ in refunds],
            [r["status"] for _, _, r, _ in refunds],
            [r["created_at"] for _, _, r, _ in refunds],
            [r["updated_at"] for _, _, r, _ in refunds],
            [_json(r) for _, _, r, _ in refunds],
            [ledger for _, _, _, ledger in refunds],
            # The cashier's note; a change queued before the ledger had notes has none.
            [r.get("note") or "" for _, _, r, _ in refunds],
            box,
            box,
            box,
        ),
    )


# Shifts, cash movements and closes never change in the ledger (append-only): the first
# delivery is the record, a repeat is ignored.
Column = tuple[str, str, Callable[[dict[str, Any]], Any]]  # name, PostgreSQL type, value


async def _insert_append_only(
    cur: AsyncCursor[Any],
    box: str,
    table: str,
    key: str,
    columns: list[Column],
    rows: list[Row],
) -> None:
    """One ``INSERT … SELECT unnest(…)`` for a batch of ``(key, seq, record, ledger)`` rows."""
    names = ", ".join(name for name, _, _ in columns)
    arrays = ", ".join(f"{_placeholder(kind)}::{kind}[]" for _, kind, _ in columns)
    await cur.execute(
        f"INSERT INTO {table} (box, {key}, seq, ledger, {names}) SELECT %s, * FROM "
        f"unnest(%s::bigint[], %s::bigint[], %b::text[], {arrays}) ON CONFLICT DO NOTHING",
        (
            box,
            [k for k, _, _, _ in rows],
            [seq for _, seq, _, _ in rows],
            [ledger for _, _, _, ledger in rows],
            *[[value(r) for _, _, r, _ in rows] for _, _, value in columns],
        ),
    )


def _field(name: str) -> Callable[[dict[str, Any]], Any]:
    return lambda record: record[name]


async def apply_cash_movements(
    cur: AsyncCursor[Any], box: str, changes: list[OutboxChange]
) -> None:
    columns: list[Column] = [
        ("kind", "text", _field("kind")),
        ("amount", "numeric", _field("amount")),
        ("reason", "text", _field("reason")),
        ("at", "timestamptz", _field("at")),
    ]
    rows = _latest(changes, "cash_movements")
    await _insert_append_only(cur, box, "cash_movements", "id", columns, rows)


async def apply_shifts(cur: AsyncCursor[Any], box: str, changes: list[OutboxChange]) -> None:
    columns: list[Column] = [
        ("cashier", "text", _field("cashier")),
        ("starting_float", "numeric", _field("starting_float")),
        ("opened_at", "timestamptz", _field("opened_at")),
        # A shift queued before hand-overs existed took no drawer over.
        ("handover", "boolean", lambda record: bool(record.get("handover") or 0)),
    ]
    await _insert_append_only(cur, box, "shifts", "id", columns, _latest(changes, "shifts"))


async def apply_closes(cur: AsyncCursor[Any], box: str, changes: list[OutboxChange]) -> None:
    columns: list[Column] = [
        ("opened_at", "timestamptz", _field("opened_at")),
        ("closed_at", "timestamptz", _field("closed_at")),
        ("net", "numeric", _field("net")),
        ("report", "jsonb", _json),
    ]
    await _insert_append_only(cur, box, "closes", "number", columns, _latest(changes, "close"))


def _json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))


APPLIERS: dict[str, Applier] = {
    OUTBOX_SALE: apply_sales,
    OUTBOX_REFUND: apply_refunds,
    OUTBOX_SHIFT: apply_shifts,
    OUTBOX_CASH_MOVEMENT: apply_cash_movements,
    OUTBOX_CLOSE: apply_closes,
}


def _placeholder(kind: str) -> str:
    """``%b`` (binary) for the arrays of texts and JSON, whose text format is slow to escape."""
    return "%b" if kind in ("text", "jsonb") else "%s"
