"""Brisker engine timings for window tests about what the windows show, not about when the
engine looks.

The suite's runtime (``tests/ui/conftest.py``) looks at a pending sale every 0.2 s and confirms
a cancel 0.3 s after its first look: a test that pays, refuses, expires, revokes or cancels a
sale and then waits for the window to say so waited that long each time, doing nothing (in the
small-screen tests ~0.2 s a state, seven states a test). With :func:`brisk` the same poll and
the same two looks of a cancel happen, sooner: the same code paths, the same assertions. The
schedule and the cancel's two looks are themselves tested at their own timings in
tests/checkout (test_cadence.py, test_engine_flows.py).
"""

from __future__ import annotations

import dataclasses

from pos_app.checkout.engine import CheckoutEngine
from pos_app.settings.config import PollSchedule

# Fast for an hour: a test that moves the engine's clock past the order's expiry (+120 s) is
# still looked at every 20 ms, not at ``medium`` (0.5 s).
BRISK_POLL = PollSchedule(fast=0.02, fast_for=3600, medium=0.5, slow=1.0, with_notifications=0.5)


def brisk(engine: CheckoutEngine) -> None:
    """A pending sale looked at every 20 ms, a cancel confirmed 20 ms after its first look, at
    most 0.1 s between looks while Mercado Pago does not answer. Call it after a
    ``reconfigure`` (which takes the poll schedule from the config)."""
    engine.settings = dataclasses.replace(
        engine.settings, poll=BRISK_POLL, cancel_recheck_delay=0.02, trouble_backoff_max=0.1
    )
