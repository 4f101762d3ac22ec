"""What the engine remembers about each sale it follows: one :class:`SaleTracker` per sale.

Everything per sale lives in its tracker (lock, polling task, wake-up, clock, what the box and
the search showed), in one :class:`Trackers` registry: forgetting an ended sale is one ``pop``,
and a till selling all day keeps nothing of the sales that ended (tests check the registry's
size). The ledger is the truth; a tracker only holds observations a late look can rebuild.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from pos_app.domain.records import SaleSnapshot


@dataclass
class SaleTimer:
    """One sale's clock on the monotonic clock: anchored to the wall clock once, when the
    sale is written (or first seen after a restart), never again."""

    started: float  # monotonic time of the sale's ``created_at``
    deadline: float | None  # monotonic time of its ``expires_at``


@dataclass
class SaleTracker:
    ref: str
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    task: asyncio.Task[None] | None = None  # the poller, while one runs
    wakeup: asyncio.Event | None = None  # set to make the poller look at once
    timer: SaleTimer | None = None
    # Monotonic time of the last "is the order still on the box?" look, and how many looks
    # in a row found the box without it.
    box_checked: float | None = None
    box_missing: int = 0
    # Since when "not on the box, no merchant order found" holds for a sale being created.
    unsure_since: float | None = None
    # When a confirmed notification about this (open) sale last came.
    last_hint: float | None = None
    # The cashier's cancel took the order off the box in this run: later looks of the same
    # cancel do not send another DELETE.
    box_cleared: bool = False
    failures: int = 0  # looks in a row that ended in trouble (backoff)

    def clock(self, sale: SaleSnapshot, wall: datetime, mono: float) -> SaleTimer:
        """The sale's clock; anchored now (``wall`` and ``mono`` are now) when first seen in
        this process, as after a restart: then the wall clock is all there is."""
        if self.timer is None:
            age = max(0.0, (wall - sale.created_at).total_seconds())
            deadline = None
            if sale.expires_at is not None:
                deadline = mono + (sale.expires_at - wall).total_seconds()
            self.timer = SaleTimer(mono - age, deadline)
        return self.timer

    @property
    def polling(self) -> bool:
        return self.task is not None and not self.task.done()


class Trackers:
    """The registry: one tracker per followed sale, made on first use."""

    def __init__(self) -> None:
        self._by_ref: dict[str, SaleTracker] = {}

    def __call__(self, ref: str) -> SaleTracker:
        tracker = self._by_ref.get(ref)
        if tracker is None:
            tracker = self._by_ref[ref] = SaleTracker(ref)
        return tracker

    def get(self, ref: str) -> SaleTracker | None:
        return self._by_ref.get(ref)

    def forget(self, ref: str) -> None:
        """Drop a sale's tracker, unless someone holds its lock or its poller runs (then they
        still need it; the next ending forgets it)."""
        tracker = self._by_ref.get(ref)
        if tracker is not None and not tracker.lock.locked() and not tracker.polling:
            del self._by_ref[ref]

    def polling(self) -> list[SaleTracker]:
        return [t for t in self._by_ref.values() if t.polling]

    def __iter__(self) -> Iterator[SaleTracker]:
        return iter(list(self._by_ref.values()))

    def __len__(self) -> int:
        return len(self._by_ref)
