"""Colombia's IVA in the store's live close: what each sale's lines contain and what each of
its refunds gave back, computed from the rows the counters delivered, by the very functions a
counter's own close uses (:func:`pos_app.domain.day.compute_close` with the sales' lines,
:func:`pos_app.ledger.refunds.refund_ivas` for the refunds). So a box's live figure is the
figure its frozen close states (net of refunds), rate by rate.

The store database keeps each sale's and line's ledger row (``sales.row``, ``sale_lines.row``)
and each refund's (``refunds.row``): the lines' rates, discounts and the refunds' lines are
there. A value that cannot be read (a ledger damaged by hand) leaves that sale's IVA out, as
a counter's own reading names it rather than guesses.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from psycopg import AsyncConnection

from pos_app.domain.cart import CartLine, UnitMeasure
from pos_app.domain.pricing import Discount, DiscountKind, SaleUnit
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.refund_iva import IvaByRate
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.ledger.amounts import readable
from pos_app.ledger.refunds import RefundRecord, RefundStatus, read_lines, refund_ivas

log = logging.getLogger(__name__)

SaleKey = tuple[str, str]  # (box, reference)
RefundKey = tuple[str, str, int]  # (box, ledger, id)

_SALES = (
    "SELECT s.box, s.reference, s.row, COALESCE((SELECT jsonb_agg(l.row ORDER BY l.position) "
    "FROM sale_lines l WHERE l.box = s.box AND l.reference = s.reference), '[]'::jsonb) "
    "FROM sales s "
)


class Unreadable(ValueError):
    """A stored value of the sale is not an amount."""


def _amount(value: object) -> Decimal:
    found = readable(value)
    if found is None:
        raise Unreadable(repr(value))
    return found


def _discount(kind: object, value: object, reason: object) -> Discount | None:
    if not kind or value is None:
        return None
    return Discount(DiscountKind(str(kind)), _amount(value), str(reason or ""))


def _line(row: Mapping[str, Any]) -> CartLine:
    measure = row.get("measure")
    return CartLine(
        sku=str(row.get("sku") or ""),
        title=str(row.get("title") or ""),
        unit_price=_amount(row.get("unit_price")),
        quantity=int(row.get("quantity") or 1),
        unit_measure=UnitMeasure(row.get("unit_measure") or UnitMeasure.UNIT.value),
        iva_rate=_amount(row.get("iva_rate") or "0"),
        sale_unit=SaleUnit(row.get("sale_unit") or SaleUnit.UNIT.value),
        measure=_amount(measure) if measure is not None else None,
        discount=_discount(
            row.get("discount_kind"), row.get("discount_value"), row.get("discount_reason")
        ),
    )


def sale_of(box: str, row: Mapping[str, Any], lines: Iterable[Mapping[str, Any]]) -> SaleSnapshot:
    """A delivered sale (its ledger row and its lines' rows) as far as its IVA and what was
    paid need; :class:`Unreadable` (or ``ValueError``) when a value is not one."""
    tender = row.get("tender")
    created = datetime.fromisoformat(str(row["created_at"]))
    return SaleSnapshot(
        id=0,
        external_reference=str(row["external_reference"]),
        box_external_id=box,
        site_id=str(row["site_id"]),
        currency=str(row.get("currency") or ""),
        status=SaleStatus(row["status"]),
        total=_amount(row["total"]),
        created_at=created,
        updated_at=datetime.fromisoformat(str(row.get("updated_at") or row["created_at"])),
        expires_at=None,
        lines=tuple(_line(line) for line in lines),
        sale_discount=_discount(
            row.get("sale_discount_kind"),
            row.get("sale_discount_value"),
            row.get("sale_discount_reason"),
        ),
        paid_amount=_amount(row.get("paid_amount") or "0"),
        tender=Tender(tender) if tender else None,
        late_payment=bool(row.get("late_payment")),
        cancel_requested=bool(row.get("cancel_requested")),
    )


async def sales_with_lines(
    conn: AsyncConnection[Any], keys: Iterable[SaleKey]
) -> dict[SaleKey, SaleSnapshot]:
    """The sales ``keys`` with their lines (one query); a sale that cannot be read is left
    out (logged): its IVA is then not counted."""
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    cur = await conn.execute(
        _SALES + "JOIN unnest(%s::text[], %s::text[]) AS k(box, reference) "
        "ON s.box = k.box AND s.reference = k.reference",
        ([b for b, _ in wanted], [r for _, r in wanted]),
    )
    return _read(await cur.fetchall())


def _read(rows: Iterable[tuple[Any, ...]]) -> dict[SaleKey, SaleSnapshot]:
    out: dict[SaleKey, SaleSnapshot] = {}
    for box, reference, row, lines in rows:
        try:
            out[(str(box), str(reference))] = sale_of(str(box), _dict(row), map(_dict, lines))
        except (Unreadable, ValueError, KeyError, TypeError) as exc:
            log.warning(
                "store close: sale %s of %s unreadable for its IVA: %s", reference, box, exc
            )
    return out


async def refunds_iva(
    conn: AsyncConnection[Any], refunds: Iterable[tuple[RefundKey, str]]
) -> dict[RefundKey, IvaByRate]:
    """The IVA per rate each refund gave back (its ticket's), ``refunds`` as ``(key,
    reference)``: for each sale, all its refunds in the store database, whichever box or
    ledger wrote them, in the order the money left (:func:`refund_ivas`), against the sale's
    lines. A refund whose sale is not (or not readably) there gives back no IVA here."""
    references = sorted({reference for _, reference in refunds})
    if not references:
        return {}
    cur = await conn.execute(_SALES + "WHERE s.reference = ANY(%s)", (references,))
    sales: dict[str, list[SaleSnapshot]] = {}
    for (_box, reference), sale in _read(await cur.fetchall()).items():
        sales.setdefault(reference, []).append(sale)
    cur = await conn.execute(
        "SELECT box, ledger, id, reference, amount, tender, status, created_at, updated_at, "
        "row->'lines', COALESCE(row->>'idempotency_key', '') FROM refunds "
        "WHERE reference = ANY(%s) ORDER BY updated_at, box, ledger, id",
        (references,),
    )
    given: dict[str, list[tuple[RefundKey, RefundRecord]]] = {}
    for (
        box,
        ledger,
        rid,
        reference,
        amount,
        tender,
        status,
        created,
        updated,
        lines,
        key_text,
    ) in await cur.fetchall():
        pairs = json.loads(lines) if isinstance(lines, str) else (lines or [])
        key = (str(box), str(ledger), int(rid))
        mine = given.setdefault(str(reference), [])
        record = RefundRecord(
            id=len(mine) + 1,  # ids restart in each ledger: one of its own per sale here
            reference=str(reference),
            # A refund of lines taken from several payments: its parts name the first's key.
            idempotency_key=str(key_text),
            payment_id=None,
            amount=Decimal(amount),
            tender=Tender(tender),
            status=RefundStatus(status),
            mp_refund_id="",
            reason="",
            lines=read_lines(pairs),
            created_at=created,
            updated_at=updated,
        )
        mine.append((key, record))
    out: dict[RefundKey, IvaByRate] = {}
    for reference, records in given.items():
        found = sales.get(reference)
        if not found:
            continue
        # The same reference on two boxes (a payment adopted on another): its refunds' box's.
        boxes = {key[0] for key, _ in records}
        sale = next((s for s in found if s.box_external_id in boxes), found[0])
        by_id = refund_ivas(sale, [record for _, record in records])
        out.update({key: by_id.get(record.id, ()) for key, record in records})
    return out


def _dict(value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        value = json.loads(value)
    return dict(value)
