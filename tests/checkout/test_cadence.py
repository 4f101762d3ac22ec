"""The engine's timing decisions, without sockets or clocks (pos_app.checkout.cadence)."""

from __future__ import annotations

import pytest

from pos_app.checkout import cadence
from pos_app.checkout.cadence import PollSchedule

DEFAULT = PollSchedule()


def test_fast_for_two_minutes_then_a_gentle_tail_to_slow() -> None:
    assert DEFAULT.interval(0) == DEFAULT.interval(119.9) == 1.0
    assert DEFAULT.interval(120) == 3.0
    assert DEFAULT.interval(360) == pytest.approx(6.5)  # halfway from 3 s to 10 s
    assert DEFAULT.interval(599) < 10.0
    assert DEFAULT.interval(600) == DEFAULT.interval(3600) == 10.0
    # Never faster than it was, never slower than slow.
    ages = [120 + i * 4.8 for i in range(101)]
    steps = [DEFAULT.interval(age) for age in ages]
    assert steps == sorted(steps) and all(3.0 <= step <= 10.0 for step in steps)


def test_a_fixed_schedule_stays_flat_and_notifications_slow_it() -> None:
    flat = PollSchedule(fast=2.0, medium=2.0, slow=2.0, with_notifications=2.0)
    assert {flat.interval(age) for age in (0, 121, 400, 900)} == {2.0}
    assert PollSchedule.fixed(5.0).interval(0) == 5.0
    assert PollSchedule.fixed(5.0).interval(300) >= 5.0
    assert DEFAULT.interval(0, notifications_recent=True) == 8.0
    assert DEFAULT.interval(900, notifications_recent=True) == 10.0
    # medium above slow (a hand-edited file): medium until medium_until, as before.
    odd = PollSchedule(medium=12.0, slow=10.0)
    assert odd.interval(300) == 12.0 and odd.interval(700) == 10.0


def test_requests_for_a_ten_minute_sale_fit_the_budget() -> None:
    """Issue 19: at most 220 requests for a sale left to expire, with one look a second for
    the first two minutes. The searches alone, stepped as the poller steps."""
    age, looks, first_two_minutes = 0.0, 0, 0
    while age < 600:
        age += DEFAULT.interval(age)
        looks += 1
        first_two_minutes += age <= 120
    assert first_two_minutes == 120
    assert looks <= 205


def test_trouble_backoff_doubles_up_to_the_cap() -> None:
    assert [cadence.trouble_backoff(n, 10.0) for n in range(6)] == [0, 1, 2, 4, 8, 10]
    assert cadence.trouble_backoff(10_000, 10.0) == 10.0  # no overflow


def test_next_poll_delay() -> None:
    base = {"notifications_recent": False, "failures": 0, "backoff_cap": 10.0}
    assert cadence.next_poll_delay(DEFAULT, elapsed=5, until_expiry=None, **base) == 1.0
    # Trouble: slower, by the backoff.
    troubled = {**base, "failures": 4}
    assert cadence.next_poll_delay(DEFAULT, elapsed=5, until_expiry=None, **troubled) == 8.0
    # Wakes right after our own expiry for the final check, not a slow interval later.
    late = cadence.next_poll_delay(DEFAULT, elapsed=700, until_expiry=2.0, **base)
    assert late == 2.5
    # Already overdue: the schedule's interval (the final check is on its way).
    assert cadence.next_poll_delay(DEFAULT, elapsed=700, until_expiry=-1, **base) == 10.0


def test_box_check_due() -> None:
    def due(**kw: object) -> bool:
        args: dict[str, object] = {
            "all_expired": False,
            "seen_by_customer": False,
            "last_check": 100.0,
            "now": 100.0,
            "interval": 60.0,
        }
        args.update(kw)
        return cadence.box_check_due(**args)  # type: ignore[arg-type]

    assert not due()  # just checked
    assert not due(now=159.9)
    assert due(now=160.0)
    assert not due(last_check=None, now=1000.0)  # first look: the first check is later
    assert due(all_expired=True, last_check=None)  # Mercado Pago ended it: look at once
    assert not due(seen_by_customer=True, now=1000.0)  # scanned and open: clearly alive
    # The box was empty once: the confirming look comes 10 s later, not a minute.
    assert not due(missing=1, now=109.9)
    assert due(missing=1, now=110.0)
    assert not due(missing=0, now=110.0)


def test_left_the_box_needs_two_misses_in_a_row() -> None:
    assert cadence.left_the_box(offered=False, all_expired=False, missing=0) == (False, 1)
    assert cadence.left_the_box(offered=False, all_expired=False, missing=1) == (True, 2)
    assert cadence.left_the_box(offered=True, all_expired=False, missing=1) == (False, 0)
    assert cadence.left_the_box(offered=False, all_expired=True, missing=0) == (True, 0)
    assert cadence.left_the_box(offered=True, all_expired=True, missing=0) == (False, 0)


def test_search_lag_and_the_after_cancel_watch() -> None:
    assert not cadence.search_lag_over(unsure_since=10.0, now=14.9, allowance=5.0)
    assert cadence.search_lag_over(unsure_since=10.0, now=15.0, allowance=5.0)
    assert not cadence.watch_canceled_over(seconds_left=30.0, grace=60.0)
    assert not cadence.watch_canceled_over(seconds_left=-59.0, grace=60.0)
    assert cadence.watch_canceled_over(seconds_left=-60.0, grace=60.0)
    assert cadence.watch_canceled_over(seconds_left=None, grace=60.0)
