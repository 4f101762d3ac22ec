"""Hand hints to the engine in the background: coalesced per resource, bounded, never fatal.

The HTTP answer never waits for Mercado Pago (it must leave within 22 s, and a slow API must not
make Mercado Pago retry). Each ``(topic, id)`` gets at most one task:

- a hint arriving while that resource's fetch is still *waiting to start* is already covered
  (the fetch will see the newest state), so a burst of duplicates causes one fetch;
- a hint arriving while the fetch is *running* may carry news the fetch missed: it earns exactly
  one more fetch after this one, however many arrive;
- a short settle delay before each fetch gathers a burst into that first case.

At most ``max_pending`` resources wait at once; beyond that hints are refused (the sender is
told to retry, and polling covers the sale meanwhile).

A resource is fetched at most once every ``refetch_after`` seconds: a hint arriving sooner is
kept and fetched when that time is up (it may carry news), so a flood of one id, forged or
replayed, costs one Mercado Pago call per few seconds, not one per request.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from pos_app.errors import UserFacingError
from pos_app.mercadopago import errors as mp
from pos_app.notifications.burstlog import BurstLog

log = logging.getLogger(__name__)

HintHandler = Callable[[str, str], Awaitable[object]]


class Outcome(enum.Enum):
    QUEUED = "queued"  # a fetch will run
    COALESCED = "coalesced"  # covered by a fetch already waiting or running
    FULL = "full"  # too many resources waiting: refused
    CLOSED = "closed"  # shutting down


@dataclass
class DispatchStats:
    received: int = 0
    fetched: int = 0
    coalesced: int = 0
    refused: int = 0
    failed: int = 0


@dataclass
class _Entry:
    task: asyncio.Task[None] | None = None
    running: bool = False
    again: bool = False


class HintDispatcher:
    def __init__(
        self,
        handler: HintHandler,
        *,
        settle: float = 0.1,
        max_pending: int = 256,
        concurrency: int = 2,
        refetch_after: float = 0.0,
    ) -> None:
        self._handler = handler
        self._settle = settle
        self._refetch_after = refetch_after
        # When each resource's last fetch started, oldest first (pruned past refetch_after).
        self._fetched_at: OrderedDict[tuple[str, str], float] = OrderedDict()
        self._burst = BurstLog(log)
        self._max_pending = max_pending
        self._slots = asyncio.Semaphore(concurrency)
        self._entries: dict[tuple[str, str], _Entry] = {}  # also the tasks' strong references
        self._closed = False
        self.stats = DispatchStats()

    @property
    def pending(self) -> int:
        return len(self._entries)

    def submit(self, topic: str, resource_id: str) -> Outcome:
        """Called by the HTTP handler; returns at once."""
        self.stats.received += 1
        if self._closed:
            return Outcome.CLOSED
        key = (topic, resource_id)
        entry = self._entries.get(key)
        if entry is not None:
            self.stats.coalesced += 1
            if entry.running:
                entry.again = True
            return Outcome.COALESCED
        if len(self._entries) >= self._max_pending:
            self.stats.refused += 1
            self._burst.log(
                "refused: too many waiting",
                logging.WARNING,
                "notification for %s %s refused: too many waiting",
                topic,
                resource_id,
            )
            return Outcome.FULL
        entry = _Entry()
        self._entries[key] = entry
        entry.task = asyncio.get_running_loop().create_task(
            self._run(key, entry), name=f"hint-{topic}-{resource_id}"
        )
        return Outcome.QUEUED

    async def drain(self, timeout: float = 10.0) -> None:
        """Wait until nothing is waiting or running (tests; a clean shutdown)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self._entries and loop.time() < deadline:
            tasks = [e.task for e in self._entries.values() if e.task is not None]
            await asyncio.wait(tasks, timeout=max(0.0, deadline - loop.time()))

    async def aclose(self) -> None:
        """Stop taking hints and cancel the ones in flight (before the HTTP client closes)."""
        self._closed = True
        tasks = [e.task for e in self._entries.values() if e.task is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._entries.clear()  # a task cancelled before it ever ran never reached its finally
        self._burst.flush()

    async def _run(self, key: tuple[str, str], entry: _Entry) -> None:
        try:
            while True:
                delay = self._delay(key)
                if delay > 0:
                    await asyncio.sleep(delay)
                async with self._slots:
                    entry.running, entry.again = True, False
                    self._note_fetch(key)
                    await self._fetch(*key)
                    entry.running = False
                if not entry.again:
                    return
        finally:
            if self._entries.get(key) is entry:
                del self._entries[key]

    def _delay(self, key: tuple[str, str]) -> float:
        last = self._fetched_at.get(key)
        if last is None:
            return self._settle
        return max(self._settle, last + self._refetch_after - asyncio.get_running_loop().time())

    def _note_fetch(self, key: tuple[str, str]) -> None:
        if self._refetch_after <= 0:
            return
        now = asyncio.get_running_loop().time()
        self._fetched_at.pop(key, None)
        self._fetched_at[key] = now
        while self._fetched_at:
            oldest = next(iter(self._fetched_at.values()))
            if now - oldest < self._refetch_after:
                break
            self._fetched_at.popitem(last=False)

    async def _fetch(self, topic: str, resource_id: str) -> None:
        self.stats.fetched += 1
        try:
            result = await self._handler(topic, resource_id)
        except mp.NotFoundError:
            # Forged, another account's, or a guess: acknowledged and forgotten.
            self.stats.failed += 1
            self._burst.log(
                "unknown resources",
                logging.INFO,
                "notification for unknown %s %s",
                topic,
                resource_id,
            )
        except UserFacingError as exc:  # MercadoPagoError and the engine's own errors
            # The poller will try again on its schedule; nothing is lost.
            self.stats.failed += 1
            log.warning("notification for %s %s not followed: %s", topic, resource_id, exc)
        except Exception:
            self.stats.failed += 1
            log.exception("notification for %s %s failed", topic, resource_id)
        else:
            if result is None:
                log.info("notification for %s %s matches no sale here", topic, resource_id)
