"""Delivers the ledger's outbox to the store database, in order, and never holds up the counter.

One task per counter: it reads the oldest waiting changes from the ledger, writes them to
PostgreSQL in one transaction (idempotent upserts keyed by box, record and change number), and
only then deletes them from the outbox. A crash between the two re-sends the batch, which
PostgreSQL then ignores. Errors (server down, network gone) are retried with a growing pause;
the counter keeps selling all along: the ledger is the source of truth.

A change PostgreSQL can never take must not hold up every later one. Texts are made storable
first (:func:`storable`: PostgreSQL refuses a NUL character in text and JSON, which ledgers
written before names were cleaned may hold; lone surrogates cannot be encoded): each becomes
U+FFFD in the store database, the ledger keeps the original. A batch that still fails for one
of its rows (:data:`ROW_ERRORS`: bad data, a constraint, a payload of an unexpected shape) is
split until that change is found; it is *refused*: set aside in the ledger with PostgreSQL's
error, never deleted, the rest delivered; the status bar and ``pos-app doctor`` say how many
and why, and each start of the delivery tries them again. Errors of the server or the network
never refuse a change: the whole batch waits, as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import random
import re
import threading
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import replace
from datetime import datetime
from typing import Any, TypeVar

import psycopg
from psycopg import AsyncConnection, AsyncCursor, sql
from psycopg.conninfo import conninfo_to_dict

from pos_app.ledger.store import OUTBOX_SALE, Ledger, LedgerOutbox, OutboxChange
from pos_app.store.kinds import APPLIERS
from pos_app.store.schema import LEDGER_KEYED, StoreDatabaseError, box_taken, ensure_schema
from pos_app.store.status import ReplicationStatus

__all__ = ["ReplicationStatus", "StoreReplicator", "connect", "deliver", "storable"]

T = TypeVar("T")

log = logging.getLogger(__name__)


# A batch failing with one of these is about one of its changes, not the server: it is split
# to find that change (DataError: a value PostgreSQL cannot store, e.g. a number past NUMERIC's
# range; IntegrityError: a constraint; the others: a payload the appliers cannot read).
ROW_ERRORS: tuple[type[Exception], ...] = (
    psycopg.DataError,
    psycopg.IntegrityError,
    UnicodeError,
    KeyError,
    TypeError,
    ValueError,
    AttributeError,
    IndexError,
)
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(value: Any) -> Any:
    """``value`` (a payload: dicts, lists, texts, numbers) with every NUL character and lone
    surrogate in its texts (keys too) replaced by U+FFFD, which PostgreSQL's TEXT and JSONB
    accept; the same object when there is none (the usual case: no copy)."""
    if isinstance(value, str):
        return _UNSTORABLE.sub("\ufffd", value) if _UNSTORABLE.search(value) else value
    if isinstance(value, dict):
        items = [(storable(k), storable(v)) for k, v in value.items()]
        if all(k is k0 and v is v0 for (k, v), (k0, v0) in zip(items, value.items(), strict=True)):
            return value
        return dict(items)
    if isinstance(value, list):
        cleaned = [storable(v) for v in value]
        return value if all(a is b for a, b in zip(cleaned, value, strict=True)) else cleaned
    return value


def _storable_change(change: OutboxChange) -> OutboxChange:
    # Nearly every change has nothing to clean: one look at its JSON (made in C; a NUL is
    # written as its escape there, a lone surrogate as itself) instead of a walk through every
    # value in Python (~45 % of a month's backlog delivery, on the window's thread).
    text = json.dumps(change.payload, ensure_ascii=False)
    if "\\u0000" not in text and not _UNSTORABLE.search(text + change.record_id):
        return change
    payload, record_id = storable(change.payload), storable(change.record_id)
    if payload is change.payload and record_id is change.record_id:
        return change
    return replace(change, payload=payload, record_id=record_id)


def safe_error(exc: BaseException) -> str:
    """An error's text without anything that could hold the password (psycopg never puts it
    in messages, but a connection string given by hand might)."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return redact(text)


def refused_text(change: OutboxChange, reason: str) -> str:
    """``sale CAJA01S000001X…: DataError: …`` (in English: logs, the tooltip, ``doctor``)."""
    return f"{change.kind} {change.record_id}: {reason}"


def redact(text: str) -> str:
    import re

    text = re.sub(r"(postgres(?:ql)?://[^:/@\s]*:)[^@\s]*@", r"\1***@", text)
    return re.sub(r"(password\s*=\s*)\S+", r"\1***", text, flags=re.IGNORECASE)


async def connect(
    conninfo: str,
    password: str | None,
    *,
    box: str,
    timeout: float = 5.0,
    ledger: str = "",
    reading: bool = False,
) -> AsyncConnection[Any]:
    """Connect, bring the schema up (or check it) and name this counter's box for the row-level
    security; with ``ledger`` (a delivering counter's identity), its box's rows delivered before
    the store database knew ledgers are taken as that ledger's. ``reading``: only to read (the
    store's figures), the box is not claimed: the office's login (``pos_backoffice``) may not,
    and was refused every read. Raises psycopg's errors or :class:`StoreDatabaseError`."""
    kwargs: dict[str, Any] = {"connect_timeout": max(1, int(timeout)), "autocommit": True}
    if password:
        kwargs["password"] = password
    conn = await AsyncConnection.connect(conninfo, **kwargs)
    try:
        await ensure_schema(conn)
        await conn.execute("SELECT set_config('pos_app.box', %s, false)", (box,))
        if not reading:
            await claim_box(conn, box)
        if ledger:
            await adopt_unmarked_rows(conn, box, ledger)
    except BaseException:
        await conn.close()
        raise
    return conn


async def adopt_unmarked_rows(conn: AsyncConnection[Any], box: str, ledger: str) -> None:
    """Rows of ``box`` written before schema step 4 carry no ledger: they are the ledger's
    that still delivers for the box (a later change of the same record then updates them
    instead of adding a second copy)."""
    for table in LEDGER_KEYED:
        try:
            async with conn.transaction():
                await conn.execute(
                    sql.SQL("UPDATE {} SET ledger = %s WHERE box = %s AND ledger = ''").format(
                        sql.Identifier(table)
                    ),
                    (ledger, box),
                )
        except psycopg.errors.UniqueViolation:  # that ledger has the same rows already
            log.warning("store database: %s rows of box %s keep no ledger", table, box)


async def claim_box(conn: AsyncConnection[Any], box: str) -> None:
    """The first login to write a box owns it; another login naming it is refused, clearly."""
    await conn.execute("INSERT INTO box_owners (box) VALUES (%s) ON CONFLICT DO NOTHING", (box,))
    cur = await conn.execute(
        "SELECT pos_app_owns_box(%s), (SELECT owner FROM box_owners WHERE box = %s)", (box, box)
    )
    row = await cur.fetchone()
    if row is None or not row[0]:
        raise box_taken(box, str(row[1]) if row else "")


def _target(change: OutboxChange, box: str, store: str) -> tuple[str, str]:
    """The box and store a change is filed under: a sale under its own, as the ledger recorded
    it (sales made before the counter's box was changed stay that box's), the day's records
    (drawer, shifts, refunds, closes) under the counter's."""
    if change.kind == OUTBOX_SALE:
        sale = change.payload["sale"]
        return str(sale["box_external_id"]), str(sale["store_external_id"])
    return box, store


async def deliver(
    conn: AsyncConnection[Any], box: str, store: str, batch: list[OutboxChange]
) -> int:
    """Write ``batch`` in one transaction; returns how many changes were new to the server.

    ``box``/``store`` are the counter's; each sale goes under the box it was made on (which
    this login claims, like its own, when it is another)."""
    groups: dict[tuple[str, str], list[OutboxChange]] = {}
    for change in map(_storable_change, batch):
        groups.setdefault(_target(change, box, store), []).append(change)
    new = 0
    async with conn.transaction(), conn.cursor() as cur:
        for (target, target_store), changes in groups.items():
            if target != box:  # the row-level security checks the box named for the session
                await cur.execute("SELECT set_config('pos_app.box', %s, true)", (target,))
                await claim_box(conn, target)
            new += await _deliver_box(cur, target, target_store, changes)
            if target != box:
                await cur.execute("SELECT set_config('pos_app.box', %s, true)", (box,))
    return new


async def _deliver_box(
    cur: AsyncCursor[Any], box: str, store: str, batch: list[OutboxChange]
) -> int:
    await cur.execute(
        "INSERT INTO changes (box, seq, kind, record_id, payload, changed_at, ledger) "
        "SELECT %s, * FROM unnest(%s::bigint[], %b::text[], %b::text[], %b::jsonb[], "
        "%s::timestamptz[], %b::text[]) ON CONFLICT DO NOTHING",
        (
            box,
            [c.seq for c in batch],
            [c.kind for c in batch],
            [c.record_id for c in batch],
            [json.dumps(c.payload, separators=(",", ":")) for c in batch],
            [c.created_at for c in batch],
            [c.ledger for c in batch],
        ),
    )
    new = max(cur.rowcount, 0)
    kinds: dict[str, list[OutboxChange]] = {}
    for change in batch:
        kinds.setdefault(change.kind, []).append(change)
    for kind, changes in kinds.items():
        applier = APPLIERS.get(kind)
        if applier is not None:  # a kind without one yet is kept in ``changes`` only
            await applier(cur, box, changes)
    last = batch[-1]
    await cur.execute(
        "INSERT INTO boxes (box, store, last_seq, ledger) VALUES (%s, %s, %s, %s) "
        "ON CONFLICT (box) DO UPDATE SET store = EXCLUDED.store, "
        "last_seq = CASE WHEN boxes.ledger = EXCLUDED.ledger "
        "THEN GREATEST(boxes.last_seq, EXCLUDED.last_seq) ELSE EXCLUDED.last_seq END, "
        "ledger = EXCLUDED.ledger, last_seen = now()",
        (box, store, last.seq, last.ledger),
    )
    return new


def _status(
    waiting: tuple[int, datetime | None],
    refused: list[tuple[OutboxChange, str]],
    connected: bool,
    problem: str,
) -> ReplicationStatus:
    return ReplicationStatus(
        waiting[0],
        waiting[1],
        connected,
        problem,
        len(refused),
        refused_text(*refused[0]) if refused else "",
    )


class DeliveryThread:
    """A thread of its own running an asyncio loop, where the delivery's work is done: its
    psycopg connection, its SQLite connection to the ledger (:class:`LedgerOutbox`), reading
    batches, encoding them, JSON. A selector loop, which psycopg's async connection needs on
    every system. Daemon: a thread stuck on a dead network never keeps the app from quitting."""

    def __init__(self, name: str, caller: asyncio.AbstractEventLoop) -> None:
        self.loop = asyncio.SelectorEventLoop()
        self._caller = caller
        # Set on the caller's loop when the thread has ended (its connections closed).
        self.ended: asyncio.Future[None] = caller.create_future()
        self.cleanup: Callable[[], None] | None = None
        self.thread = threading.Thread(target=self._run, name=name, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        loop = self.loop
        asyncio.set_event_loop(loop)
        try:
            loop.run_forever()
            # Stopped: what still runs (a cancelled connection attempt) ends here first.
            pending = asyncio.all_tasks(loop)
            for task in pending:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.run_until_complete(loop.shutdown_default_executor())  # name look-ups
        finally:
            if self.cleanup is not None:
                try:
                    self.cleanup()
                except Exception:
                    log.exception("store database delivery: cleaning up failed")
            loop.close()
            with contextlib.suppress(RuntimeError):  # the caller's loop closed meanwhile
                self._caller.call_soon_threadsafe(self._ended)

    def _ended(self) -> None:
        if not self.ended.done():
            self.ended.set_result(None)

    def submit(self, coro: Coroutine[Any, Any, T]) -> asyncio.Future[T]:
        """Run ``coro`` on the thread; awaited on the caller's loop. Cancelling the caller's
        future cancels the coroutine there."""
        return asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coro, self.loop))

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError):
            self.loop.call_soon_threadsafe(self.loop.stop)


class StoreReplicator:
    """``replicator.start()`` on the caller's loop (the window's, or a command's);
    ``await replicator.aclose(flush=...)``.

    The work is done on a thread of its own (:class:`DeliveryThread`), never on the caller's:
    a month's backlog (~40,000 changes: reading the outbox, JSON, psycopg's encoding) took
    20 s of the window's thread, which stalled meanwhile. The schedule stays on the caller's
    loop (cheap): when to try, the pauses (``retry_sleep`` is injectable), the wake-ups the
    ledger's commits give (:meth:`nudge`); each step is handed to the thread and awaited.
    ``on_status`` is called on the caller's loop with each status the thread computes (posted
    with ``call_soon_threadsafe``, the way the app's other worker threads answer).
    """

    def __init__(
        self,
        ledger: Ledger,
        conninfo: str,
        password: str | None,
        *,
        box: str,
        store: str,
        batch_size: int = 200,
        idle_poll: float = 2.0,
        first_retry: float = 0.5,
        # At most 10 s between attempts (a server that answers but refuses: a password, a
        # newer schema, too many connections, each attempt a backend's start for it).
        max_retry: float = 10.0,
        connect_timeout: float = 5.0,
        # While nothing listens at the server's address, a TCP connection is tried this often
        # (what a refused attempt costs: nothing) and a real attempt made as soon as one is
        # taken: a server back from an outage is noticed within ~1 s instead of ~12 s.
        probe_every: float = 1.0,
        on_status: Callable[[ReplicationStatus], None] | None = None,
        retry_sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.ledger = ledger
        self._conninfo = conninfo
        self._password = password
        self.box = box
        self.store = store
        self.batch_size = batch_size
        self.idle_poll = idle_poll
        self.first_retry = first_retry
        self.max_retry = max_retry
        self.connect_timeout = connect_timeout
        self.probe_every = probe_every
        self.probes = 0  # TCP connections tried while the server could not be reached
        self.attempts = 0  # connections to PostgreSQL tried (the real ones)
        self.on_status = on_status
        # The pause between failed attempts (injectable: a test runs a 10-minute outage's
        # retries on a virtual clock).
        self.retry_sleep = retry_sleep
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._refreshing: asyncio.Task[None] | None = None
        self._closed = False
        # The caller's side: its loop and thread (set by the first step handed over).
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread = 0
        self._thread: DeliveryThread | None = None
        # The delivery thread's side, used there only.
        self._conn: AsyncConnection[Any] | None = None
        self._outbox: LedgerOutbox | None = None
        self._busy: asyncio.Lock | None = None
        self.problem = ""
        self.delivered = 0  # changes written (new ones), since start
        self.failures = 0  # consecutive failed attempts
        self._steps = 0  # how far the pause between attempts has grown
        self.last_status: ReplicationStatus | None = None  # the last one given to on_status
        ledger.outbox_listeners.append(self.nudge)

    @property
    def password(self) -> str | None:
        """The store database's password it connects with (a refund's check reuses it)."""
        return self._password

    # -- state ------------------------------------------------------------------------------------
    def status(self) -> ReplicationStatus:
        """Read now, on the calling thread, from the ledger (tests, one-shot callers); the
        window gets :attr:`on_status`'s instead, read on the delivery's thread."""
        return _status(
            self.ledger.outbox_waiting(),
            self.ledger.outbox_refused(),
            self._conn is not None,
            self.problem,
        )

    def nudge(self) -> None:
        """Something was queued: deliver soon (called by the ledger after each commit, on
        whichever thread committed)."""
        loop = self._loop
        if loop is None or threading.get_ident() == self._loop_thread:
            self._woken()
        else:
            with contextlib.suppress(RuntimeError):  # that loop is closed: nothing to wake
                loop.call_soon_threadsafe(self._woken)

    def _woken(self) -> None:
        self._wake.set()
        # While the server is unreachable nothing is tried before the pause ends: the status
        # bar still counts the new change at once.
        refreshing = self._refreshing is not None and not self._refreshing.done()
        if self.failures and not self._closed and self._loop is not None and not refreshing:
            self._refreshing = self._loop.create_task(self._refresh())

    async def _refresh(self) -> None:
        self._report(await self._apart(self._status_now))

    def _report(self, status: ReplicationStatus | None) -> None:
        """On the caller's loop."""
        if status is None:
            return
        self.last_status = status
        if self.on_status is not None:
            try:
                self.on_status(status)
            except Exception:
                log.exception("store database status listener failed")

    # -- the schedule, on the caller's loop ------------------------------------------------------
    def start(self) -> asyncio.Task[None]:
        self._task = asyncio.get_running_loop().create_task(self.run(), name="store-delivery")
        return self._task

    async def run(self) -> None:
        # Each start tries the refused changes again: a newer app or server may take them.
        await self._apart(self._begin)
        while not self._closed:
            self._wake.clear()  # a change queued from here on wakes the pause below
            try:
                await self._apart(self._drain)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the task must never end: the changes would wait unseen
                if isinstance(exc, StoreDatabaseError):
                    problem = str(exc)
                elif isinstance(exc, psycopg.Error | OSError):
                    problem = safe_error(exc)
                else:  # a bug, or the ledger unreadable: logged whole, retried like the others
                    log.exception("store database delivery failed", exc_info=exc)
                    problem = f"{type(exc).__name__}: {safe_error(exc)}"
                if problem != self.problem:
                    log.warning("store database: %s; the changes wait in the ledger", problem)
                self.problem = problem
                self.failures += 1
                self._steps += 1
                self._report(await self._apart(self._after_failure))
                delay = self._retry_delay()
                # A server that answered (here: a schema, a box) is left alone for the pause;
                # one that nobody answers for is watched for its return meanwhile.
                if isinstance(exc, StoreDatabaseError) or await self._apart(self._listening):
                    await self._sleep(delay, wake=False)
                else:
                    await self._until_listening(delay)
                continue
            await self._sleep(self.idle_poll, wake=True)

    async def _until_listening(self, delay: float) -> None:
        """Pause ``delay`` seconds, less when the server's address takes a TCP connection
        again before (tried every :attr:`probe_every` seconds, jittered)."""
        left = delay
        while left > 0:
            step = min(left, self.probe_every * random.uniform(0.8, 1.2))
            await self.retry_sleep(step)
            left -= step
            if left > 0 and await self._apart(self._listening):
                self._steps = 0  # back: if it is still starting up, the next pauses are short
                return

    def _retry_delay(self) -> float:
        delay = min(self.max_retry, self.first_retry * 2 ** min(max(self._steps - 1, 0), 16))
        return float(delay * random.uniform(0.8, 1.2))

    async def _sleep(self, seconds: float, *, wake: bool) -> None:
        if wake:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), seconds)
        else:
            await self.retry_sleep(seconds)

    async def _apart(self, job: Callable[[], Awaitable[T]]) -> T:
        """``job()`` run on the delivery thread (started on first use), one at a time."""
        if self._thread is None:
            self._loop = asyncio.get_running_loop()
            self._loop_thread = threading.get_ident()
            self._thread = DeliveryThread(f"store-delivery-{self.box}", self._loop)
            self._thread.cleanup = self._close_outbox
        return await self._thread.submit(self._one_at_a_time(job))

    async def deliver_waiting(self) -> int:
        """One batch: returns how many changes left the outbox (0 when none waited)."""
        return await self._apart(self._deliver_batch)

    async def flush(self, timeout: float) -> bool:
        """Try for up to ``timeout`` seconds to send everything waiting (closing a one-shot
        command); True when nothing waits any more. Errors only end the attempt."""
        try:
            async with asyncio.timeout(timeout):
                await self._apart(self._drain)
        except (TimeoutError, psycopg.Error, OSError, StoreDatabaseError) as exc:
            log.info("store database: %s; the changes wait in the ledger", safe_error(exc))
            return False
        return True

    async def aclose(self, flush: float = 0.0) -> None:
        """Stop the task; with ``flush``, then try for that long to send what still waits.
        Never waits long for the delivery thread: one stuck on a dead network is left to end
        by itself (a daemon thread; its connections close when it does)."""
        self._closed = True
        if self.nudge in self.ledger.outbox_listeners:
            self.ledger.outbox_listeners.remove(self.nudge)
        for task in (self._task, self._refreshing):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        self._task = self._refreshing = None
        if flush > 0:
            await self.flush(flush)
        thread, self._thread = self._thread, None
        if thread is None:
            return
        with contextlib.suppress(Exception):  # TimeoutError: still busy; left to end alone
            async with asyncio.timeout(_CLOSE_WAIT):
                await thread.submit(self._one_at_a_time(self._drop_connection))
        thread.stop()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(thread.ended), _CLOSE_WAIT)

    # -- the work, on the delivery thread --------------------------------------------------------
    async def _one_at_a_time(self, job: Callable[[], Awaitable[T]]) -> T:
        if self._busy is None:
            self._busy = asyncio.Lock()
        async with self._busy:  # a cancelled step's clean-up ends before the next step
            conn = self._conn
            if conn is not None and conn.info.transaction_status != _IDLE:
                await self._drop_connection()  # cancelled inside a transaction: start afresh
            return await job()

    def _outbox_apart(self) -> LedgerOutbox:
        if self._outbox is None:
            self._outbox = self.ledger.outbox_apart()
        return self._outbox

    def _close_outbox(self) -> None:
        outbox, self._outbox = self._outbox, None
        if outbox is not None:
            outbox.close()

    async def _status_now(self) -> ReplicationStatus | None:
        outbox = self._outbox_apart()
        try:
            return _status(outbox.waiting(), outbox.refused(), self._conn is not None, self.problem)
        except Exception:  # the ledger unreadable: the next attempt says so
            log.debug("store database status unavailable", exc_info=True)
            return None

    def _post(self, status: ReplicationStatus | None) -> None:
        """Hand ``status`` to the caller's loop (:meth:`_report` there)."""
        if self._loop is not None:
            with contextlib.suppress(RuntimeError):  # that loop is closed: nobody to tell
                self._loop.call_soon_threadsafe(self._report, status)

    async def _begin(self) -> None:
        if retried := self._outbox_apart().retry_refused():
            log.info("store database: %d refused changes are tried again", retried)
        self._post(await self._status_now())

    async def _listening(self) -> bool:
        """Whether the server's address takes a TCP connection (closed at once, before a
        byte is sent: PostgreSQL logs nothing for it); True when that cannot be told."""
        addresses = server_addresses(self._conninfo)
        if not addresses:
            return True
        self.probes += 1
        return await listening(addresses, min(1.0, self.connect_timeout))

    async def _after_failure(self) -> ReplicationStatus | None:
        await self._drop_connection()
        return await self._status_now()

    async def _drain(self) -> int:
        sent = 0
        while batch := await self._deliver_batch():
            sent += batch
        return sent

    async def _deliver_batch(self) -> int:
        outbox = self._outbox_apart()
        batch = outbox.batch(self.batch_size)
        if not batch:
            if self.problem and self._conn is not None:
                self.problem = ""
                self._post(await self._status_now())
            return 0
        if self._conn is None:
            self.attempts += 1
            self._conn = await connect(
                self._conninfo,
                self._password,
                box=self.box,
                timeout=self.connect_timeout,
                ledger=self.ledger.ledger_id,
            )
            log.info("store database connected")
        self.delivered += await self._deliver_or_refuse(self._conn, batch)
        outbox.delivered(batch[-1].seq)
        self.failures = self._steps = 0
        self.problem = ""
        self._post(await self._status_now())
        return len(batch)

    async def _deliver_or_refuse(
        self, conn: AsyncConnection[Any], batch: list[OutboxChange]
    ) -> int:
        """Deliver ``batch``; when it fails for one of its rows (:data:`ROW_ERRORS`), its halves
        apart, down to the change that fails alone, which the ledger sets aside as refused.
        Returns how many changes were new to the server."""
        try:
            return await deliver(conn, self.box, self.store, batch)
        except ROW_ERRORS as exc:
            if len(batch) > 1:
                half = len(batch) // 2
                first = await self._deliver_or_refuse(conn, batch[:half])
                return first + await self._deliver_or_refuse(conn, batch[half:])
            (change,) = batch
            reason = f"{type(exc).__name__}: {safe_error(exc)}"
            log.error(
                "store database: it refuses change %d (%s %s): %s; kept in the ledger, the "
                "later changes go on",
                change.seq,
                change.kind,
                change.record_id,
                reason,
            )
            self._outbox_apart().refuse(change.seq, reason)
            return 0

    async def _drop_connection(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                await conn.close()


def server_addresses(conninfo: str) -> list[tuple[str, int]]:
    """Where the server of ``conninfo`` listens: ``(host, port)`` each, or ``(socket's
    path, 0)`` for a Unix-domain socket; empty when that cannot be told here (no host
    given: libpq's compiled-in default; an abstract socket; a malformed address)."""
    try:
        params = conninfo_to_dict(conninfo)
    except psycopg.Error:
        return []
    hosts = str(params.get("hostaddr") or params.get("host") or os.environ.get("PGHOST", ""))
    ports = str(params.get("port") or os.environ.get("PGPORT", "") or "5432").split(",")
    names = hosts.split(",")
    if len(ports) == 1:
        ports *= len(names)
    found: list[tuple[str, int]] = []
    try:
        for name, port in zip(names, ports, strict=True):
            number = int(port or "5432")
            if name.startswith("/"):
                found.append((f"{name}/.s.PGSQL.{number}", 0))
            elif name and not name.startswith("@"):
                found.append((name, number))
            else:
                return []
    except ValueError:  # ports that do not match the hosts, or are no numbers
        return []
    return found


async def listening(addresses: list[tuple[str, int]], timeout: float) -> bool:
    """Whether any of ``addresses`` (:func:`server_addresses`) takes a connection."""
    for host, port in addresses:
        try:
            async with asyncio.timeout(timeout):
                if port == 0:
                    _reader, writer = await asyncio.open_unix_connection(host)
                else:
                    _reader, writer = await asyncio.open_connection(host, port)
        except (OSError, TimeoutError):
            continue
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
        return True
    return False


_IDLE = psycopg.pq.TransactionStatus.IDLE
_CLOSE_WAIT = 2.0  # closing waits at most this for the delivery thread (twice)
