"""Selling into a ledger without Mercado Pago: what the engine writes, in the same calls."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import psycopg

from pos_app.domain.cart import CartLine
from pos_app.domain.money import site_for
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.ledger.store import Ledger, OutboxChange

MLA = site_for("MLA")


def open_ledger(folder: Path, *, outbox: bool = True) -> Ledger:
    folder.mkdir(parents=True, exist_ok=True)
    return Ledger(folder / "ledger.sqlite3", outbox=outbox)


def sell(
    ledger: Ledger,
    box: str,
    price: str = "100.50",
    *,
    tender: Tender = Tender.QR,
    store: str = "SUC001",
    payment_id: int | None = None,
) -> SaleSnapshot:
    """Create, send and pay one sale (three ledger changes); in cash: canceled on the box.
    ``payment_id``: the Mercado Pago payment that paid it (for reconciliation)."""
    now = datetime.now(UTC)
    sale = ledger.create_sale(
        user_id=1,
        store_external_id=store,
        box_external_id=box,
        site=MLA,
        title="Kiosco",
        lines=[CartLine(sku="A1", title="Alfajor", unit_price=Decimal(price), quantity=1)],
        total=Decimal(price),
        iva_total=None,
        now=now,
        expires_at=now + timedelta(minutes=10),
    )
    ref = sale.external_reference
    ledger.update_sale(
        ref,
        {"status": SaleStatus.PENDING},
        now=now,
        kind="status",
        cause="order created",
        old_status=SaleStatus.CREATING,
        new_status=SaleStatus.PENDING,
    )
    if tender is Tender.CASH:  # what the engine writes: canceled on the box, paid in cash
        return ledger.update_sale(
            ref,
            {"status": SaleStatus.CANCELED, "tender": tender},
            now=now,
            kind="status",
            cause="cash",
            old_status=SaleStatus.PENDING,
            new_status=SaleStatus.CANCELED,
        )
    return ledger.update_sale(
        ref,
        {
            "status": SaleStatus.PAID,
            "paid_amount": Decimal(price),
            "tender": tender,
            **({"payment_ids": json.dumps([payment_id])} if payment_id is not None else {}),
        },
        now=now,
        kind="status",
        cause="paid",
        old_status=SaleStatus.PENDING,
        new_status=SaleStatus.PAID,
    )


def rows(url: str, query: str, *args: Any) -> list[tuple[Any, ...]]:
    with psycopg.connect(url, autocommit=True) as conn:
        return list(conn.execute(query, args).fetchall())  # type: ignore[arg-type]


async def deliver_batch(
    url: str, password: str, box: str, batch: list[OutboxChange], store: str = "SUC001"
) -> None:
    """``batch`` of ``box``'s outbox changes into the store database at ``url``, as the
    counter's delivery sends them (one connection, identified as the box)."""
    from pos_app.store.replication import connect, deliver

    conn = await connect(url, password, box=box)
    try:
        await deliver(conn, box, store, batch)
    finally:
        await conn.close()
