"""Child process: the cashier window over a year's ledger (:mod:`tests.benchmarks.year_ledger`).

The real ``MainWindow`` (offscreen, qasync, the real runtime, the sandbox in a process of its
own) on ``POS_APP_HOME``'s ledger. Each step is what the cashier does; what it costs the GUI
thread is measured two ways: the wall time of the synchronous call the click makes (plus the
paint that follows: three ``processEvents``), and for steps that go on in the background (the
close), the longest stall a 5 ms timer sees (:class:`~tests.benchmarks.window_rig.LatenessProbe`).

``python -m tests.benchmarks.year_window REF [--repeats N]`` (REF: an old paid sale); prints a
``BENCH-RESULT`` JSON line: ``{step: [seconds, ...]}``.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Callable
from contextlib import nullcontext
from datetime import datetime, timedelta
from typing import Any

from tests.benchmarks.common import PAUSES, pause, report, sandbox_process
from tests.benchmarks.window_rig import LatenessProbe, WindowRig, open_window, run_qt

SEARCH = "Yerba 12"  # typed a key at a time: a product's name


async def _blocked(
    step: Callable[[], Any], probe: LatenessProbe, until: Callable[[], bool] = lambda: True
) -> float:
    """Seconds the GUI thread spends in ``step`` and the paint it causes: the longest stall a
    5 ms timer sees from just before it until 0.1 s after ``until()`` (a period read on a
    worker thread: shown). Never ``processEvents`` inside a coroutine: qasync would step other
    tasks inside this one."""
    probe.start()
    started = time.perf_counter()
    step()
    took = time.perf_counter() - started
    while not until():
        await asyncio.sleep(0.01)
    await pause(0.1)
    probe.stop()
    return max(took, probe.worst)


async def measure(
    base_url: str, reference: str, repeats: int, rig: WindowRig | None = None
) -> dict[str, list[float]]:
    """``rig``: a window open already (the quick pass)."""
    from PySide6.QtCore import QDate

    from pos_app.ui.counter.sales_view import PERIOD_RANGE, PERIOD_TODAY, PERIOD_WEEK

    times: dict[str, list[float]] = {}

    def note(step: str, seconds: float) -> None:
        times.setdefault(step, []).append(seconds)

    async with open_window(base_url) if rig is None else nullcontext(rig) as rig:
        window = rig.window
        await rig.until(lambda: window.isVisible())
        await pause(0.5)
        probe = LatenessProbe()
        probe.start()
        await pause(3.0)  # idle, ready: whatever the window does by itself
        probe.stop()
        note("idle_stall", probe.worst)

        async def one_round() -> None:
            note("sales_today", await _blocked(window.open_sales_dialog, probe))
            dialog = window.open_sales_dialog()

            def shown() -> bool:
                return not getattr(dialog, "reading", False)

            note("sales_week", await _blocked(lambda: dialog.set_period(PERIOD_WEEK), probe, shown))
            keys = []
            for n in range(1, len(SEARCH) + 1):
                keys.append(await _blocked(lambda n=n: dialog.search.setText(SEARCH[:n]), probe))
            note("search_week_key", max(keys))
            dialog.search.clear()
            first = (datetime.now() - timedelta(days=30)).date()
            dialog.date_from.blockSignals(True)
            dialog.date_from.setDate(QDate(first.year, first.month, first.day))
            dialog.date_from.blockSignals(False)
            note(
                "sales_month", await _blocked(lambda: dialog.set_period(PERIOD_RANGE), probe, shown)
            )
            keys = []
            for n in range(1, len(SEARCH) + 1):
                keys.append(await _blocked(lambda n=n: dialog.search.setText(SEARCH[:n]), probe))
            note("search_month_key", max(keys))
            dialog.search.clear()
            dialog.set_period(PERIOD_TODAY)
            dialog.hide()
            refund: list[Any] = []
            note(
                "refund_dialog",
                await _blocked(lambda: refund.append(window.open_refund(reference)), probe),
            )
            assert refund[0] is not None, f"{reference} cannot be refunded"
            refund[0].reject()
            closing = window.day.open_close_day
            note("close_preview", await _blocked(closing, probe))
            window.day.closing.hide()
            note("store_view", await _blocked(window.open_store_view, probe))
            window.open_store_view().hide()

        for _ in range(repeats):
            await one_round()
        # The close itself, once (it freezes the day): the longest stall from the click until
        # the dialog shows the closed report.
        dialog = window.day.open_close_day()
        probe.start()
        started = time.perf_counter()
        dialog.closeRequested.emit(None)
        await rig.until(lambda: dialog.report is not None, timeout=120)
        probe.stop()
        note("close_stall", probe.worst)
        note("close_wall", time.perf_counter() - started)
        dialog.hide()
    return times


def window_then_gc(base_url: str, reference: str, repeats: int, gc_sales: int) -> dict[str, Any]:
    """The quick pass, in its caller's process (:mod:`tests.benchmarks.year_bench`'s): these
    steps, then :func:`tests.benchmarks.year_gc.measure`'s on the same window (a window of
    its own was ~0.3 s of CPU), the deliberate pauses at a twentieth. Reported
    ``{"window": ..., "gc": ...}``."""
    from tests.benchmarks import year_gc

    async def both() -> dict[str, Any]:
        async with open_window(base_url) as rig:
            window = await measure(base_url, reference, repeats, rig)
            gc = await year_gc.measure(base_url, gc_sales, recheck=True, rig=rig)
        return {"window": window, "gc": gc}

    PAUSES["scale"] = 0.05
    try:
        result: dict[str, Any] = run_qt(both)
    finally:
        PAUSES["scale"] = 1.0
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("reference")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sandbox", help="a running sandbox's base URL (else one of its own)")
    args = parser.parse_args()
    with sandbox_process() if args.sandbox is None else nullcontext(args.sandbox) as base_url:
        result: dict[str, Any] = run_qt(lambda: measure(base_url, args.reference, args.repeats))
    report(result)


if __name__ == "__main__":
    main()
