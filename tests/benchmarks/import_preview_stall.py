"""Child process: the products window's longest stall while Import… previews a large CSV.

A ``ProductsWindow`` (offscreen, qasync) on a fresh ledger holding the first tenth of the file's
products (so the preview finds both new and already-known SKUs) previews a CSV of ``--rows``
lines (the columns a shop's file has, accented names, EAN-13 barcodes: the file of
:mod:`tests.benchmarks.catalog_import_memory`). A 5 ms ``QTimer`` measures how late each tick
comes from the choice of the file until the preview shows what it would do. Also the resident
size before and after (the plan the preview keeps).

``--mib-per-s R`` reads the file as a slow medium would (a USB 2 stick, a network share): every
read of the preview's file sleeps its size over ``R`` MiB/s, on whichever thread reads it.

``python -m tests.benchmarks.import_preview_stall [--rows N] [--mib-per-s R]``; prints a
``BENCH-RESULT`` JSON line. Not part of the test run.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse
import asyncio
import io
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.catalog_import_memory import rss_mib, write_catalog
from tests.benchmarks.common import report
from tests.benchmarks.window_rig import LatenessProbe, run_qt


class SlowReader(io.BufferedReader):
    """A file read at ``rate`` bytes a second (each read sleeps for what it returns)."""

    rate = float("inf")

    def read(self, size: int | None = -1, /) -> bytes:
        return self._slow(super().read(size))

    def read1(self, size: int = -1, /) -> bytes:
        return self._slow(super().read1(size))

    def _slow(self, data: bytes) -> bytes:
        time.sleep(len(data) / self.rate)
        return data


def read_slowly(mib_per_s: float) -> None:
    """Every module of the preview's that opens the file opens it slow."""
    from pos_app.ledger import catalog_import
    from pos_app.system import files
    from pos_app.ui.products import importing

    SlowReader.rate = mib_per_s * 2**20

    def opened(path: Path) -> io.BufferedReader:
        raw = files.open_user_file(path).detach()
        return SlowReader(raw)  # type: ignore[arg-type]

    for module in (catalog_import, importing):
        if hasattr(module, "open_user_file"):
            module.open_user_file = opened  # type: ignore[attr-defined]


async def measure(csv_path: Path, ledger_path: Path, mib_per_s: float) -> dict[str, Any]:
    from pos_app.domain.money import site_for
    from pos_app.ledger.catalog_import import run_import
    from pos_app.ledger.store import Ledger
    from pos_app.ui.products.window import ProductsWindow

    site = site_for("MLA")
    ledger = Ledger(ledger_path)
    head = csv_path.with_name("head.csv")
    lines = csv_path.read_text(encoding="utf-8").splitlines(keepends=True)
    head.write_text("".join(lines[: len(lines) // 10]), encoding="utf-8")
    run_import(head, site, ledger.catalog.upsert)
    del lines
    if mib_per_s:
        read_slowly(mib_per_s)
    window = ProductsWindow(ledger.catalog, site)
    window.resize(1024, 768)
    window.show()
    await asyncio.sleep(0.5)  # first paint, stylesheet polish: not the preview
    before = rss_mib()
    probe = LatenessProbe()
    probe.start()
    started = time.perf_counter()
    preview = window.preview_import(csv_path)
    while preview.plan is None and "could not" not in preview.summary.text():
        await asyncio.sleep(0.01)
    seconds = time.perf_counter() - started
    probe.stop()
    after = rss_mib()
    plan = preview.plan
    assert plan is not None, preview.summary.text()
    result = {
        "rows": plan.lines,
        "mib_per_s": mib_per_s or None,
        "new": plan.new,
        "replaced": plan.replaced,
        "worst_stall_s": round(probe.worst, 3),
        "ticks": len(probe.lateness),
        "ticks_late_over_50ms": sum(1 for late in probe.lateness if late > 0.05),
        "preview_seconds": round(seconds, 2),
        "rss_before_mib": round(before, 1),
        "rss_after_preview_mib": round(after, 1),
    }
    preview.reject()
    window.close()
    ledger.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--mib-per-s", type=float, default=0.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pos-app-preview-bench-") as folder:
        csv_path = Path(folder) / "catalog.csv"
        write_catalog(csv_path, args.rows)
        ledger = Path(folder) / "ledger.sqlite3"
        result = run_qt(lambda: measure(csv_path, ledger, args.mib_per_s))
    print(
        f"{result['rows']} lines ({args.mib_per_s or 'local'} MiB/s) previewed in {result['preview_seconds']} s; the window's "
        f"longest stall {result['worst_stall_s'] * 1000:.0f} ms "
        f"({result['ticks_late_over_50ms']} of {result['ticks']} ticks over 50 ms late); "
        f"resident {result['rss_before_mib']} → {result['rss_after_preview_mib']} MiB"
    )
    report(result)


if __name__ == "__main__":
    main()
