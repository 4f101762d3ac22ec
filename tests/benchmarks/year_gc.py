"""Child process: the garbage collector behind the cashier window over a year's ledger.

Python 3.11's full (generation 2) collection walks every object the collector tracks, on the
GUI thread wherever it lands. The app freezes start-up's objects (``system/memory.py``); what a
window keeps alive afterwards is walked by every full collection. This counts, with the real
``MainWindow`` on ``POS_APP_HOME``'s ledger (:mod:`tests.benchmarks.year_ledger`), after
start-up's freeze:

- the objects the collector tracks with the sales history showing 7 and 30 days (and per sale
  shown), the products window and the store view open, and once the history is closed;
- how long a full collection takes then (``gc.collect()``, timed through ``gc.callbacks``);
- the collections of each generation while the cashier sells with the history open (scans,
  F5, the customer pays), and the longest of each;
- the memory blocks Python holds, and the resident memory (RSS), at each point.

``python -m tests.benchmarks.year_gc [--sales N]``; prints a ``BENCH-RESULT`` JSON line. Numbers
only: nothing here is asserted on time.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import sys
import time
from collections import Counter
from contextlib import nullcontext
from datetime import datetime, timedelta
from typing import Any

from tests.benchmarks.common import pause, report, sandbox_process
from tests.benchmarks.window_rig import CODES, WindowRig, open_window, run_qt


class GcWatch:
    """Every collection's generation and duration (wall, and this thread's CPU: the machine's
    other work may stop the process in the middle of one), from ``gc.callbacks``; for a full
    collection, also how many objects it had to walk."""

    def __init__(self) -> None:
        self.pauses: list[tuple[int, float]] = []
        self.cpu: list[tuple[int, float]] = []
        self.walked: list[int] = []
        self._started = self._cpu = 0.0

    def __enter__(self) -> GcWatch:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *_exc: object) -> None:
        gc.callbacks.remove(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            if info["generation"] == 2:
                self.walked.append(len(gc.get_objects()))
            self._cpu = time.thread_time()
            self._started = time.perf_counter()
        else:
            self.pauses.append((info["generation"], time.perf_counter() - self._started))
            self.cpu.append((info["generation"], time.thread_time() - self._cpu))

    def mark(self) -> tuple[int, int]:
        return len(self.pauses), len(self.walked)

    def since(self, mark: tuple[int, int]) -> dict[str, Any]:
        """Per generation since ``mark``: how many collections, the longest (ms, wall and
        CPU); the most objects a full collection walked."""
        found: dict[str, Any] = {}
        for generation in (0, 1, 2):
            took = [s for g, s in self.pauses[mark[0] :] if g == generation]
            cpu = [s for g, s in self.cpu[mark[0] :] if g == generation]
            found[f"gen{generation}_count"] = len(took)
            found[f"gen{generation}_worst_ms"] = round(max(took, default=0.0) * 1000, 2)
            found[f"gen{generation}_worst_cpu_ms"] = round(max(cpu, default=0.0) * 1000, 2)
        found["gen2_most_walked"] = max(self.walked[mark[1] :], default=0)
        return found


def _blocks() -> int:
    """Memory blocks Python has allocated (RSS seldom falls: freed memory stays in the
    allocator's arenas and malloc's heap, ready for the next read)."""
    return sys.getallocatedblocks()


def _rss_mib() -> float:
    import psutil

    return round(psutil.Process().memory_info().rss / 2**20, 1)


def _tracked() -> int:
    """Objects the collector walks in a full collection (the frozen ones are not)."""
    gc.collect()
    return len(gc.get_objects())


def _full_ms(watch: GcWatch, times: int = 5) -> dict[str, float]:
    took, cpu = [], []
    for _ in range(times):
        mark = watch.mark()[0]
        gc.collect()
        took += [s for g, s in watch.pauses[mark:] if g == 2]
        cpu += [s for g, s in watch.cpu[mark:] if g == 2]
    return {
        "full_samples_ms": [round(t * 1000, 3) for t in took],
        "full_median_ms": round(statistics.median(took) * 1000, 2),
        "full_worst_ms": round(max(took) * 1000, 2),
        "full_median_cpu_ms": round(statistics.median(cpu) * 1000, 2),
    }


def _kinds(top: int = 12) -> dict[str, int]:
    counts = Counter(type(o).__name__ for o in gc.get_objects())
    return dict(counts.most_common(top))


async def _sell(rig: WindowRig, sales: int, recheck: bool = False) -> None:
    """What the cashier does: scan the codes, F5, the customer pays, Enter for a new sale.
    ``recheck``: "check now" once paid (the quick pass: not the next poll, up to 1 s later)."""
    for _ in range(sales):
        for code in CODES:
            rig.window.scan.setText(code)
            rig.window.scan.submitted.emit(code)
            await asyncio.sleep(0.05)
        if rig.window.model.is_empty():
            rig.fill_cart()
        rig.window.charge()
        await rig.until(lambda: rig.banner().name != "SENDING")
        await rig.pay()
        if recheck:
            await rig.until(lambda: not rig.window.busy)
            rig.window.recheck_current()
        await rig.until(lambda: rig.banner().name == "PAID")
        await pause(0.3)  # the history's refresh after the payment
        rig.window.new_sale()


async def measure(
    base_url: str, sales: int, *, recheck: bool = False, rig: WindowRig | None = None
) -> dict[str, Any]:
    """``rig``: a window open already (the quick pass: the one the window's steps used)."""
    from PySide6.QtCore import QDate

    from pos_app.system.memory import settle_after_start_up
    from pos_app.ui.counter.sales_view import PERIOD_RANGE, PERIOD_WEEK

    result: dict[str, Any] = {}
    async with open_window(base_url) if rig is None else nullcontext(rig) as rig:
        window = rig.window
        await rig.until(lambda: window.isVisible())
        await pause(0.5)
        frozen = settle_after_start_up()  # as the app does once ready
        with GcWatch() as watch:
            base = _tracked()
            result["ready"] = {
                "frozen": frozen,
                "tracked": base,
                "blocks": _blocks(),
                "rss_mib": _rss_mib(),
            }
            result["ready"].update(_full_ms(watch))

            async def at(name: str, shown: int | None = None) -> None:
                tracked = _tracked()
                found: dict[str, Any] = {
                    "tracked": tracked,
                    "tracked_over_ready": tracked - base,
                    "blocks": _blocks(),
                    "rss_mib": _rss_mib(),
                    **_full_ms(watch),
                }
                if shown:
                    found["sales"] = shown
                    found["tracked_per_sale"] = round((tracked - base) / shown, 2)
                result[name] = found

            dialog = window.open_sales_dialog()

            def read() -> bool:
                return not getattr(dialog, "reading", False)

            dialog.set_period(PERIOD_WEEK)
            await rig.until(read, timeout=120)
            await pause(0.2)
            await at("history_7_days", dialog.model.rowCount())
            result["history_7_days"]["kinds"] = _kinds()
            mark = watch.mark()
            await _sell(rig, sales, recheck)
            result["selling_7_days"] = {"sales": sales, **watch.since(mark)}

            first = (datetime.now() - timedelta(days=30)).date()
            dialog.date_from.blockSignals(True)
            dialog.date_from.setDate(QDate(first.year, first.month, first.day))
            dialog.date_from.blockSignals(False)
            dialog.set_period(PERIOD_RANGE)
            await rig.until(read, timeout=120)
            await pause(0.2)
            await at("history_30_days", dialog.model.rowCount())
            mark = watch.mark()
            await _sell(rig, sales, recheck)
            await rig.until(read, timeout=120)
            result["selling_30_days"] = {"sales": sales, **watch.since(mark)}

            dialog.close()
            await pause(0.5)
            await at("history_closed")

            products = window.open_products()
            await pause(0.5)
            await at("products_open")
            products.close()
            del products  # the window lets it go (deleteLater); this frame must too
            store = window.open_store_view()
            await pause(1.0)
            await at("store_view_open")
            store.close()
            await pause(0.3)
            await at("all_closed")
            result["all_closed"]["kinds"] = _kinds()
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sales", type=int, default=5)
    parser.add_argument("--sandbox", help="a running sandbox's base URL (else one of its own)")
    args = parser.parse_args()
    with sandbox_process() if args.sandbox is None else nullcontext(args.sandbox) as base_url:
        result = run_qt(lambda: measure(base_url, args.sales))
    report(result)


if __name__ == "__main__":
    main()
