"""A refund's limit across ledgers: what other ledgers gave back of the same sale, read from the
store database under a lock taken for that sale, while this counter's ledger writes the refund.

Where the guarantee lives: in the ledger's writing transaction, as for one till
(:meth:`pos_app.ledger.refunds.RefundStore.add`), before any money leaves and before Mercado
Pago is asked. The store database cannot be the guard by itself: it gets a refund when the
counter delivers it, seconds or a day after the cash left the drawer, and refusing that change
then would only hide money already given. What it adds is what the ledger cannot see: a sale
can be in two ledgers (a backup put back in place holds sales that the replaced file refunded
after the backup was made; a payment adopted again into a fresh ledger or on the box's new
counter), and only the store database has the other ledger's refunds.

So, while a store database is configured, each refund (:meth:`RefundCheck.hold`):

1. opens a PostgreSQL transaction and takes an advisory lock on the sale's reference (two
   counters refunding the same sale at the same moment are served one after the other);
2. reads the sale's refunds written by other ledgers (not refused), which the ledger counts
   with its own in its ``BEGIN IMMEDIATE`` check (a refund of the same idempotency key, one a
   restored backup holds, once);
3. after the ledger committed the refund, writes it to the store database's ``refunds`` table
   right away, in that transaction, as the delivery would (change number 0: the delivered
   change, later, updates it), and commits, which releases the lock.

Mercado Pago is asked only after that, outside the lock. A crash between the ledger's commit
and PostgreSQL's leaves the refund in the ledger's outbox: delivered later, as every change.

When the store database cannot be reached (:class:`StoreUnreachable`), a Mercado Pago refund
goes on (Mercado Pago refuses more than a payment has left, whichever ledger asks) and so does
cash of a sale this ledger made itself; cash of a sale older than this ledger's identity (a
restored backup's) waits until the store database answers: that sale may have been refunded
by the file the backup replaced, and nothing else can tell.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import psycopg
from psycopg import AsyncConnection

from pos_app.domain.sale import Tender
from pos_app.ledger.refunds import (
    RefundedElsewhereNow,
    RefundElsewhere,
    RefundRecord,
    RefundStore,
    StoreUnreachable,
)
from pos_app.ledger.store import OUTBOX_REFUND, Ledger, OutboxChange
from pos_app.store.kinds import apply_refunds
from pos_app.store.replication import connect, safe_error
from pos_app.store.schema import StoreDatabaseError

log = logging.getLogger(__name__)

_LOCK = "pos_app refund "  # the advisory lock's text, with the sale's reference


@dataclass
class Hold:
    """The sale's lock in the store database, while this ledger writes its refund."""

    conn: AsyncConnection[Any]
    box: str
    ledger: Ledger
    refunds: tuple[RefundElsewhere, ...]  # the sale's refunds other ledgers wrote
    timeout: float = 3.0

    async def claim(self, rows: Sequence[RefundRecord]) -> None:
        """The refunds this ledger just wrote, into the store database at once."""
        if not rows:
            return
        store = RefundStore(self.ledger)
        now = datetime.now(UTC)
        changes = [
            OutboxChange(
                0, OUTBOX_REFUND, str(r.id), store.as_delivered(r.id), now, self.ledger.ledger_id
            )
            for r in rows
        ]
        try:
            async with asyncio.timeout(self.timeout), self.conn.cursor() as cur:
                await apply_refunds(cur, self.box, changes)
        except (
            psycopg.Error,
            OSError,
            TimeoutError,
        ) as exc:  # written in the ledger: delivered later
            log.warning("store database: refunds not written at once: %s", _why(exc))


class RefundCheck:
    """The store database's side of a refund's limit (see the module's text)."""

    def __init__(
        self,
        ledger: Ledger,
        conninfo: str,
        password: str | None,
        *,
        box: str,
        timeout: float = 3.0,
        lock_timeout: float = 10.0,
    ) -> None:
        self.ledger = ledger
        self.conninfo = conninfo
        self.password = password
        self.box = box
        self.timeout = timeout
        self.lock_timeout = lock_timeout

    @contextlib.asynccontextmanager
    async def hold(self, reference: str) -> AsyncIterator[Hold]:
        """Lock the sale ``reference`` in the store database and read what other ledgers
        refunded of it; :class:`StoreUnreachable` when that cannot be done. What the body
        claims is committed when it ends without an error, else rolled back."""
        try:
            # A server that takes the connection and then never answers is no better than
            # none: the whole connection (schema check, box) within ``timeout``.
            async with asyncio.timeout(self.timeout):
                conn = await connect(
                    self.conninfo, self.password, box=self.box, timeout=self.timeout
                )
        except (psycopg.Error, OSError, TimeoutError, StoreDatabaseError) as exc:
            raise StoreUnreachable(_why(exc)) from exc
        try:
            try:
                async with asyncio.timeout(self.timeout + self.lock_timeout):
                    found = await self._lock_and_read(conn, reference)
            except psycopg.errors.LockNotAvailable:
                raise RefundedElsewhereNow(reference) from None
            except (psycopg.Error, OSError, TimeoutError) as exc:
                raise StoreUnreachable(_why(exc)) from exc
            yield Hold(conn, self.box, self.ledger, found, self.timeout)
            try:
                async with asyncio.timeout(self.timeout):
                    await conn.execute("COMMIT")
            except (psycopg.Error, OSError, TimeoutError) as exc:
                # The ledger has the refund (and its outbox the change): delivered later.
                log.warning(
                    "store database: a refund of %s not written at once: %s", reference, _why(exc)
                )
        finally:
            with contextlib.suppress(Exception):
                await conn.close()

    async def _lock_and_read(
        self, conn: AsyncConnection[Any], reference: str
    ) -> tuple[RefundElsewhere, ...]:
        await conn.execute("BEGIN")  # closed without COMMIT: nothing claimed
        await conn.execute(
            "SELECT set_config('lock_timeout', %s, true)", (f"{int(self.lock_timeout * 1000)}ms",)
        )
        await conn.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (_LOCK + reference,)
        )
        cur = await conn.execute(
            "SELECT row->>'idempotency_key', tender, amount FROM refunds "
            "WHERE reference = %s AND status <> 'refused' AND ledger <> %s",
            (reference, self.ledger.ledger_id),
        )
        return tuple(
            RefundElsewhere(str(key), Tender(tender), Decimal(amount))
            for key, tender, amount in await cur.fetchall()
        )


def _why(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, StoreDatabaseError) else safe_error(exc)
