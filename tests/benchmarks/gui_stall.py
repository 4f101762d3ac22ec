"""Child process: the longest event-loop stall of the cashier window while charges run.

The real ``MainWindow`` (offscreen, qasync, the real runtime) charges against the sandbox (in a
process of its own) with 2 s of latency on every API request and 20 % of them failing (500, 502,
429, dropped connection, hung request). A 5 ms ``QTimer`` measures how late each tick comes from
F5 until the window shows "paid". One figure per sale: its worst lateness.

``python -m tests.benchmarks.gui_stall [--sales N]``; prints a ``BENCH-RESULT`` JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from typing import Any

from tests.benchmarks.common import fresh_home, report, sandbox_process
from tests.benchmarks.window_rig import LatenessProbe, open_window, run_qt

FAULTS = {
    "latency_ms": 2000,
    "error_rate": 0.2,
    "kinds": ["500", "502", "429", "drop", "timeout"],
    "hang_seconds": 3.0,
    "seed": 8,
}


async def measure(base_url: str, sales: int, latency_ms: int) -> dict[str, Any]:
    worst: list[float] = []
    durations: list[float] = []
    ticks: list[int] = []
    async with open_window(base_url) as rig:
        await rig.until(lambda: rig.window.isVisible())
        await asyncio.sleep(0.5)  # first paint, stylesheet polish: start-up, not charging
        await rig.faults(**{**FAULTS, "latency_ms": latency_ms})
        probe = LatenessProbe()
        for _ in range(sales):
            probe.start()
            started = time.perf_counter()
            await rig.one_sale(paid_after=1.0)
            probe.stop()
            durations.append(time.perf_counter() - started)
            worst.append(probe.worst)
            ticks.append(len(probe.lateness))
        await rig.clear_faults()
    return {
        "worst_lateness_s": worst,
        "sale_duration_s": durations,
        "ticks": ticks,
        "latency_ms": latency_ms,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sales", type=int, default=5)
    parser.add_argument("--latency-ms", type=int, default=FAULTS["latency_ms"])
    args = parser.parse_args()
    with fresh_home(), sandbox_process() as base_url:
        result = run_qt(lambda: measure(base_url, args.sales, args.latency_ms))
    report(result)


if __name__ == "__main__":
    main()
