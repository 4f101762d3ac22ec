"""When to look again: the polling schedule and the engine's timing decisions, as pure functions.

No I/O, no clock of its own: every function takes the times it needs, so each decision is
testable without sockets (tests/checkout/test_cadence.py). The engine calls these; the settings
store the :class:`PollSchedule` the cashier chose.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PollSchedule:
    """How often to search by reference while a sale is pending (seconds).

    Every ``fast`` seconds for the first ``fast_for``; then the interval grows evenly from
    ``medium`` to ``slow``, reached at ``medium_until``; then every ``slow``. The gentle tail
    keeps a payment found within a few seconds for minutes, at a fraction of the requests of a
    flat interval.
    """

    fast: float = 1.0
    fast_for: float = 120.0
    medium: float = 3.0
    medium_until: float = 600.0
    slow: float = 10.0
    # With a notification seen in the last ``hint_window`` seconds, poll at most this often.
    with_notifications: float = 8.0
    hint_window: float = 60.0

    def interval(self, elapsed: float, notifications_recent: bool = False) -> float:
        if elapsed < self.fast_for:
            base = self.fast
        elif elapsed < self.medium_until and self.slow > self.medium:
            share = (elapsed - self.fast_for) / (self.medium_until - self.fast_for)
            base = self.medium + (self.slow - self.medium) * share
        elif elapsed < self.medium_until:
            base = self.medium
        else:
            base = self.slow
        return max(base, self.with_notifications) if notifications_recent else base

    @classmethod
    def fixed(cls, seconds: float) -> PollSchedule:
        """``--poll-interval S``: never faster than S."""
        return cls(
            fast=seconds,
            medium=max(seconds, 3.0),
            slow=max(seconds, 10.0),
            with_notifications=max(seconds, 8.0),
        )


def trouble_backoff(failures: int, cap: float) -> float:
    """The least wait after ``failures`` failed looks in a row: 1, 2, 4 … seconds, at most
    ``cap``; 0 without failures."""
    if failures <= 0:
        return 0.0
    return min(cap, 2.0 ** min(failures - 1, 30))


def next_poll_delay(
    schedule: PollSchedule,
    *,
    elapsed: float,
    notifications_recent: bool,
    failures: int,
    backoff_cap: float,
    until_expiry: float | None,
) -> float:
    """How long a pending sale waits before its next look.

    The schedule's interval for the sale's age, slowed by the trouble backoff while Mercado
    Pago does not answer, and cut short to wake right after our own expiry time (for the final
    check), not a slow interval later.
    """
    delay = schedule.interval(elapsed, notifications_recent)
    delay = max(delay, trouble_backoff(failures, backoff_cap))
    if until_expiry is not None and until_expiry > 0:
        delay = min(delay, until_expiry + 0.5)
    return delay


def box_check_due(
    *,
    all_expired: bool,
    seen_by_customer: bool,
    last_check: float | None,
    now: float,
    interval: float,
    missing: int = 0,
    recheck: float = 10.0,
) -> bool:
    """Must a pending sale's look also ask the box whether the order is still there?

    Every merchant order expired: at once (Mercado Pago ended it). Scanned by a customer and
    open: never (the order is clearly alive). Otherwise once per ``interval`` since the last
    check, the first one an interval after the sale was first looked at (``last_check`` None).
    After a check found the box empty (``missing``), the confirming look comes ``recheck``
    seconds later, not a whole interval: a cleared box is told in about a minute, not two,
    and an order still there costs nothing more.
    """
    if all_expired:
        return True
    if seen_by_customer or last_check is None:
        return False
    return now - last_check >= (min(interval, recheck) if missing else interval)


def left_the_box(*, offered: bool, all_expired: bool, missing: int) -> tuple[bool, int]:
    """After asking the box: did the order leave it? Returns (left, misses so far).

    Still offered: alive (misses reset). Every merchant order expired: left. An empty box
    without any payment must be seen twice in a row, because the search index can lag an
    approval that took the order off the box.
    """
    if offered:
        return False, 0
    if all_expired:
        return True, missing
    return missing + 1 >= 2, missing + 1


def search_lag_over(*, unsure_since: float, now: float, allowance: float) -> bool:
    """ "Not on the box, no merchant order found" has held long enough to believe: the
    search index had ``allowance`` seconds to show a payment that took the order away."""
    return now - unsure_since >= allowance


def watch_canceled_over(*, seconds_left: float | None, grace: float) -> bool:
    """A canceled sale's order can no longer be paid: past its expiry and the grace period
    (or it never had an expiry)."""
    return seconds_left is None or seconds_left + grace <= 0
