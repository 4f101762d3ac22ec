"""The poller: one task per followed sale, looking on the cadence until nothing can change.

A pending sale is looked at on the adaptive schedule (:mod:`.cadence`) until it ends; a canceled
one now and then until its order can no longer be paid. Every look goes through the engine's
one reconcile path; the poller only decides *when*.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from typing import TYPE_CHECKING

from pos_app.checkout import cadence
from pos_app.checkout.tracking import SaleTracker
from pos_app.domain.history import Cause
from pos_app.domain.sale import SaleStatus
from pos_app.ledger.amounts import DamagedAmount

if TYPE_CHECKING:
    from pos_app.checkout.engine import CheckoutEngine

log = logging.getLogger(__name__)


class Poller:
    def __init__(self, engine: CheckoutEngine) -> None:
        self.engine = engine
        self.closed = False

    def start(self, ref: str) -> None:
        tracker = self.engine.trackers(ref)
        if self.closed or tracker.polling:
            return
        tracker.wakeup = asyncio.Event()
        task = asyncio.get_running_loop().create_task(self._run(ref), name=f"track-{ref}")
        tracker.task = task
        task.add_done_callback(functools.partial(self._done, tracker))

    def _done(self, tracker: SaleTracker, task: asyncio.Task[None]) -> None:
        if tracker.task is task:
            tracker.task = tracker.wakeup = None
        if not task.cancelled() and task.exception() is not None:
            log.error("tracking %s stopped", tracker.ref, exc_info=task.exception())
        elif not task.cancelled():
            self.engine.trackers.forget(tracker.ref)  # a till selling all day must not grow

    async def aclose(self) -> None:
        self.closed = True
        tasks = [t.task for t in self.engine.trackers.polling() if t.task is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def wake_all(self) -> None:
        for tracker in self.engine.trackers:
            if tracker.wakeup is not None:
                tracker.wakeup.set()

    async def _run(self, ref: str) -> None:
        """Poll on the adaptive schedule until the sale ends; never gives up on trouble."""
        engine = self.engine
        tracker = engine.trackers(ref)
        while True:
            sale = engine.followed(ref)
            if sale is None:
                return  # set aside: its amounts can no longer be read
            if not sale.is_open:
                if sale.status is SaleStatus.CANCELED:
                    await self._watch_canceled(ref)
                return
            tracker.failures = tracker.failures + 1 if sale.trouble else 0
            delay = cadence.next_poll_delay(
                engine.settings.poll,
                elapsed=max(0.0, engine.monotonic() - engine.timer(sale).started),
                notifications_recent=engine.notifications_recent(ref),
                failures=tracker.failures,
                backoff_cap=engine.settings.trouble_backoff_max,
                until_expiry=engine.seconds_left(sale),
            )
            await self.wait(ref, delay)
            try:
                if engine.require(ref).cancel_requested:
                    await engine.confirm_cancel(ref, Cause.POLL)
                else:
                    await engine.reconcile(ref, Cause.POLL)
            except DamagedAmount as exc:
                # This sale unreadable since the last look: set aside at the loop's top. Another
                # record's (the sale its payment was recorded as): said, never guessed past.
                log.warning("reconcile of %s: %s", ref, exc)
                continue
            except Exception:
                log.exception("reconcile of %s failed", ref)

    async def _watch_canceled(self, ref: str) -> None:
        """Look at a canceled sale now and then until its order can no longer be paid.

        Deleting the order from the box does not void a merchant order the customer had
        already scanned: it can be paid until the order expires. Such a payment makes the sale
        paid with the late-payment flag (the cashier is alerted); never silently lost.
        """
        engine = self.engine
        grace = engine.settings.expiry_grace.total_seconds()
        while True:
            sale = engine.followed(ref)
            if sale is None or sale.status is not SaleStatus.CANCELED:
                return
            if cadence.watch_canceled_over(seconds_left=engine.seconds_left(sale), grace=grace):
                return
            await self.wait(ref, engine.settings.after_cancel_interval)
            try:
                await engine.reconcile(ref, Cause.AFTER_CANCEL)
            except DamagedAmount:
                continue
            except Exception:
                log.exception("looking at canceled sale %s failed", ref)

    async def wait(self, ref: str, delay: float) -> None:
        """Sleep ``delay``, or less when someone wakes the sale's poller (new credentials)."""
        tracker = self.engine.trackers.get(ref)
        wake = tracker.wakeup if tracker is not None else None
        if wake is None:
            await self.engine.sleep(delay)
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(wake.wait(), delay)
        wake.clear()
