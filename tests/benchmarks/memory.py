"""Child process: resident memory over 1,000 sales in one session, with the window attached.

Each sale goes through the real ``MainWindow`` (cart model, F5, the engine, the bridge, the
payment panel, Enter for a new sale) against the sandbox in a process of its own: the customer
pays at once and the cashier's "check now" asks Mercado Pago right away, so a sale takes tens of
milliseconds instead of a second of polling. RSS (psutil, after ``gc.collect()``) is sampled
every ``--every`` sales; the growth per sale is the slope of each window between samples after the
first (the first sales warm caches up: imports, Qt's style, SQLite's page cache).

``python -m tests.benchmarks.memory [--sales 1000] [--every 100] [--sandbox URL]``; prints a ``BENCH-RESULT``
JSON line.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
import tracemalloc
from contextlib import nullcontext
from typing import Any

import psutil

from tests.benchmarks.common import fresh_home, report, sandbox_process
from tests.benchmarks.window_rig import open_window, run_qt


def rss() -> int:
    gc.collect()
    return int(psutil.Process().memory_info().rss)


async def measure(
    base_url: str, sales: int, every: int, trace: bool, cache_pages: int | None
) -> dict[str, Any]:
    samples: list[tuple[int, int]] = []
    started = time.perf_counter()
    first: tracemalloc.Snapshot | None = None
    async with open_window(base_url) as rig:
        if cache_pages is not None:  # diagnostic: SQLite's page cache cannot grow
            rig.rt.ledger._conn.execute(f"PRAGMA cache_size = {int(cache_pages)}")
        samples.append((0, rss()))
        for done in range(1, sales + 1):
            await rig.one_sale(recheck=True)
            if done % every == 0 or done == sales:
                samples.append((done, rss()))
                if trace and done == every:
                    first = tracemalloc.take_snapshot()
        if first is not None:  # where Python objects grew after the warm-up (to stderr)
            for stat in tracemalloc.take_snapshot().compare_to(first, "lineno")[:15]:
                print(stat, file=sys.stderr)
        ledger = rig.rt.ledger.path
        ledger_bytes = sum(
            f.stat().st_size for f in ledger.parent.glob(ledger.name + "*") if f.is_file()
        )
    return {
        "samples": samples,
        "seconds": time.perf_counter() - started,
        "ledger_bytes": ledger_bytes,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sales", type=int, default=1000)
    parser.add_argument("--every", type=int, default=100)
    parser.add_argument("--trace", action="store_true", help="tracemalloc: where it grew")
    parser.add_argument("--pixmap-cache-kb", type=int, default=None, help="QPixmapCache limit")
    parser.add_argument("--sqlite-cache-pages", type=int, default=None, help="PRAGMA cache_size")
    parser.add_argument("--sandbox", help="a running sandbox's base URL (else one of its own)")
    parser.add_argument(
        "--then-capped",
        type=int,
        metavar="PAGES",
        help="then the same sales on a new ledger with PRAGMA cache_size PAGES, in this process "
        '(the quick pass); reported as {"plain": ..., "capped": ...}',
    )
    args = parser.parse_args()
    if args.pixmap_cache_kb is not None:
        from PySide6.QtGui import QPixmapCache

        QPixmapCache.setCacheLimit(args.pixmap_cache_kb)
    if args.trace:
        tracemalloc.start(8)
    sandbox = sandbox_process() if args.sandbox is None else nullcontext(args.sandbox)
    with sandbox as base_url:
        with fresh_home():
            result = run_qt(
                lambda: measure(
                    base_url, args.sales, args.every, args.trace, args.sqlite_cache_pages
                )
            )
        if args.then_capped is not None:
            with fresh_home():
                capped = run_qt(
                    lambda: measure(base_url, args.sales, args.every, False, args.then_capped)
                )
            result = {"plain": result, "capped": capped}
    report(result)


if __name__ == "__main__":
    main()
