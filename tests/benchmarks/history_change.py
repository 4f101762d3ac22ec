"""What one sale's change costs the sales history showing 30 days of a busy shop's year.

``python -m tests.benchmarks.history_change LEDGER [--changes 10] [--sales 3]``: the real
``MainWindow`` (offscreen, qasync, the sandbox in a process of its own) on a copy of ``LEDGER``
(:mod:`tests.benchmarks.year_ledger`), the history open on the last 30 days (~12,000 sales):

- ``--changes`` times, a listed sale changes the way the engine reports it (the window's
  ``SaleChanged`` handler, as the bridge calls it): the wall time until the history shows it
  again (``reading`` over), the longest stall of the GUI thread meanwhile (a 5 ms timer), and
  the rows read from the ledger for it;
- ``--sales`` sales charged and paid through the sandbox while it is open: the rows read per
  change the engine reported.

Rows are counted by wrapping the dialog's readers (plain callables it was given, never a
method of a Qt class). Prints a ``BENCH-RESULT`` JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from tests.benchmarks.common import report, sandbox_process
from tests.benchmarks.window_rig import LatenessProbe, open_window, run_qt


class Counted:
    """A reader that counts the rows it returned (a list, a row, or None) and its calls."""

    def __init__(self, read: Callable[..., Any]) -> None:
        self.read = read
        self.calls = 0
        self.rows = 0

    def __call__(self, *args: Any) -> Any:
        found = self.read(*args)
        self.calls += 1
        self.rows += len(found) if isinstance(found, list) else int(found is not None)
        return found


def _rows(counters: list[Counted]) -> int:
    return sum(c.rows for c in counters)


async def measure(base_url: str, changes: int, sales: int) -> dict[str, Any]:
    from PySide6.QtCore import QDate

    from pos_app.checkout.events import SaleChanged
    from pos_app.ui.counter.sales_view import PERIOD_RANGE

    result: dict[str, Any] = {}
    async with open_window(base_url) as rig:
        window = rig.window
        await rig.until(lambda: window.isVisible())
        await asyncio.sleep(0.5)
        dialog = window.open_sales_dialog()
        counters = [
            Counted(getattr(dialog, name))
            for name in ("_rows_between", "_row_of")
            if hasattr(dialog, name)
        ]
        for counter, name in zip(counters, ("_rows_between", "_row_of"), strict=False):
            setattr(dialog, name, counter)

        def shown() -> bool:
            return not dialog.reading

        first = (datetime.now() - timedelta(days=30)).date()
        dialog.date_from.blockSignals(True)
        dialog.date_from.setDate(QDate(first.year, first.month, first.day))
        dialog.date_from.blockSignals(False)
        dialog.set_period(PERIOD_RANGE)
        await rig.until(shown, timeout=120)
        await asyncio.sleep(0.3)
        listed = dialog.model.rowCount()
        result["listed"] = listed
        result["period_rows_read"] = _rows(counters)

        probe = LatenessProbe()
        walls, stalls, rows = [], [], []
        ledger = rig.rt.ledger
        for n in range(changes):
            reference = dialog.model.reference(min(listed - 1, 50 + n * 97))
            sale = ledger.get_sale(reference)
            assert sale is not None
            before = _rows(counters)
            probe.start()
            started = time.perf_counter()
            window._sale_changed(SaleChanged(sale, sale.status, "poll"))
            await rig.until(shown, timeout=120)
            walls.append(time.perf_counter() - started)
            await asyncio.sleep(0.05)
            probe.stop()
            stalls.append(probe.worst)
            rows.append(_rows(counters) - before)
            await asyncio.sleep(0.2)
        result["change_wall_s"] = walls
        result["change_stall_s"] = stalls
        result["change_rows_read"] = rows

        before = _rows(counters)
        events: list[Any] = []
        window._bridge.saleChanged.connect(events.append)
        for _ in range(sales):
            await rig.one_sale()
            await asyncio.sleep(0.3)
        await rig.until(shown, timeout=120)
        await asyncio.sleep(0.3)
        result["sold"] = sales
        result["sold_changes"] = len(events)
        result["sold_rows_read"] = _rows(counters) - before
        result["listed_after"] = dialog.model.rowCount()
        dialog.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("ledger", type=Path)
    parser.add_argument("--changes", type=int, default=10)
    parser.add_argument("--sales", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pos-history-") as home:
        os.environ["POS_APP_HOME"] = home
        from pos_app.settings import paths

        target = paths.ledger_path()
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(args.ledger, target)
        with sandbox_process() as base_url:
            result = run_qt(lambda: measure(base_url, args.changes, args.sales))
    walls = result["change_wall_s"]
    result["change_wall_median_s"] = round(statistics.median(walls), 4)
    result["change_stall_median_s"] = round(statistics.median(result["change_stall_s"]), 4)
    report(result)


if __name__ == "__main__":
    main()
