"""The disk fills up or the ledger becomes read-only.

Write before you call: a sale the ledger cannot hold is never sent to the box, the cashier gets
the ledger's own clear error, and no sale is left half-written (a row without its lines). If the
ledger breaks after the order reached the box, the order is taken off again (nobody may pay a
sale the till cannot record); while a sale waits, nothing is shown that was not recorded.

The tests run as root in CI, where ``chmod`` stops nothing, so the failures are SQLite's own:
``PRAGMA max_page_count`` at the current size gives the real "database or disk is full"
(SQLITE_FULL) and ``PRAGMA query_only`` the real "attempt to write a readonly database".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import pytest

from pos_app.checkout.errors import BoxBusyError
from pos_app.checkout.events import SaleChanged
from pos_app.domain.cart import CartLine
from pos_app.domain.sale import SaleStatus
from pos_app.ledger.store import Ledger, LedgerError
from tests.faults.invariants import check
from tests.faults.rig import WAIT, FaultRig, fault_rig
from tests.virtual_time import run_virtual

# Forty long lines: more than a page of the ledger, so a full disk cannot take the sale.
BIG_CART = [
    CartLine(sku=f"SKU{i:03d}", title=f"Producto {i:03d} " + "x" * 130, unit_price=Decimal(10))
    for i in range(40)
]
CAUSES = {"disk_full": "database or disk is full", "read_only": "readonly database"}


@contextmanager
def unwritable(ledger: Ledger, problem: str) -> Iterator[None]:
    conn = ledger._conn
    if problem == "disk_full":
        limit = conn.execute("PRAGMA max_page_count").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
    else:
        conn.execute("PRAGMA query_only = ON")
    try:
        yield
    finally:
        if problem == "disk_full":
            conn.execute(f"PRAGMA max_page_count = {limit}")
        else:
            conn.execute("PRAGMA query_only = OFF")


def puts(f: FaultRig) -> int:
    return f.requests("PUT", "/orders")


@pytest.mark.parametrize("problem", CAUSES)
def test_charge_refused_when_the_ledger_cannot_be_written(problem: str) -> None:
    async def scenario() -> None:
        async with fault_rig() as f:
            ledger = f.r.rt.ledger
            with unwritable(ledger, problem), pytest.raises(LedgerError) as refused:
                await f.engine.charge(BIG_CART)
            told = str(refused.value.msg)
            assert "cannot be written" in told and CAUSES[problem] in told
            assert "Nothing was sent to Mercado Pago" in told
            assert puts(f) == 0 and not f.state.orders_received  # write before you call
            assert ledger.all_sales() == []  # nothing half-written
            check(ledger, f.state, events=f.r.events)
            # Space again (or the folder writable again): the same cart goes through.
            sale = await f.engine.charge(BIG_CART)
            await f.until_on_box(sale.external_reference)
            f.state.pay_box("approved")
            assert (await f.final(sale.external_reference)).status is SaleStatus.PAID
            check(ledger, f.state, events=f.r.events)

    run_virtual(scenario())


def test_ledger_read_only_right_after_the_order_reached_the_box() -> None:
    async def scenario() -> None:
        async with fault_rig() as f:
            ledger = f.r.rt.ledger
            client = f.engine.client
            original = client.put_box_order
            broken: list[Any] = []

            async def put_then_break(*args: Any, **kwargs: Any) -> None:
                await original(*args, **kwargs)
                cm = unwritable(ledger, "read_only")
                cm.__enter__()
                broken.append(cm)

            client.put_box_order = put_then_break
            with pytest.raises(LedgerError):
                await f.engine.charge(BIG_CART)
            client.put_box_order = original
            assert puts(f) == 1 and f.on_box() is None  # taken off again: nobody can pay it
            broken[0].__exit__(None, None, None)
            [stuck] = ledger.all_sales()
            assert stuck.status is SaleStatus.CREATING and len(stuck.lines) == len(BIG_CART)
            check(ledger, f.state, settled=False, events=f.r.events)
            # The cashier tries again: told about the stuck sale, cancels it, charges anew.
            with pytest.raises(BoxBusyError):
                await f.engine.charge(BIG_CART)
            assert (await f.cancel(stuck.external_reference)).status is SaleStatus.CANCELED
            sale = await f.engine.charge(BIG_CART)
            await f.until_on_box(sale.external_reference)
            f.state.pay_box("approved")
            assert (await f.final(sale.external_reference)).status is SaleStatus.PAID
            check(ledger, f.state, events=f.r.events)

    run_virtual(scenario())


def test_ledger_read_only_while_pending_shows_nothing_it_cannot_record() -> None:
    async def scenario() -> None:
        async with fault_rig() as f:
            ledger = f.r.rt.ledger
            sale = await f.engine.charge(BIG_CART)
            ref = sale.external_reference
            await f.until_on_box(ref)
            searches = f.requests("GET", "/merchant_orders/search")
            with unwritable(ledger, "read_only"):
                f.state.pay_box("approved")
                # Tracking sees the payment again and again, and cannot record it.
                await f.r.until(
                    lambda: f.requests("GET", "/merchant_orders/search") >= searches + 5, WAIT
                )
                waiting = ledger.get_sale(ref)
                assert waiting is not None and waiting.status is SaleStatus.PENDING
                shown = [e for e in f.r.events if isinstance(e, SaleChanged)]
                assert all(e.sale.status is not SaleStatus.PAID for e in shown)
            final = await f.final(ref)  # writable again: recorded, once
            assert final.status is SaleStatus.PAID
            check(ledger, f.state, events=f.r.events)

    run_virtual(scenario())
