"""Run every benchmark of issue 8, print one table, write JSON.

::

    .venv/bin/python -m tests.benchmarks                # the full run (~15 minutes on 2 cores)
    .venv/bin/python -m tests.benchmarks --quick        # every benchmark, tiny sizes (CI, <1 min)
    .venv/bin/python -m tests.benchmarks --only catalog startup --json out.json --markdown

Benchmarks (each figure is the median and the worst of repeated runs):

- ``detection``: payment detection delay and API requests per sale, ours against a fixed 2 s
  poller (:mod:`tests.benchmarks.detection`; in this process, sandbox over loopback);
  ``detection-orders``: the same through the Orders API;
- ``gui``: the window's longest event-loop stall while charging against a slow, faulty API
  (:mod:`tests.benchmarks.gui_stall`, a process of its own, sandbox in another);
- ``startup``: process start to the cashier window shown, against a bare PySide6 window
  (:mod:`tests.benchmarks.startup`, one process per start);
- ``catalog``: search-as-you-type and code lookup over 100,000 products
  (:mod:`tests.benchmarks.catalog_bench`, a process of its own);
- ``memory``: resident size over 1,000 sales with the window attached
  (:mod:`tests.benchmarks.memory`, a process of its own, sandbox in another);
- ``year``: a busy shop's year on one box (~146,000 sales): start-up, the window's history,
  refund and close, and the commands (:mod:`tests.benchmarks.year_bench`, a process of its own;
  the ledger from :mod:`tests.benchmarks.year_ledger`); ``year-store``: a month offline
  delivered to a throwaway PostgreSQL, window open (:mod:`tests.benchmarks.year_store`).

Nothing here asserts on time; ``tests/benchmarks/test_quick_pass.py`` only checks that the quick
run works and reports every metric.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

import itertools

from tests.benchmarks.common import ROOT, Figure, figure, machine_line, run_child, sandbox_process

MS = 1000.0
KIB = 1024.0


def bench_detection(quick: bool) -> list[Figure]:
    from tests.benchmarks import detection

    return detection.run(quick)


def bench_detection_orders(quick: bool) -> list[Figure]:
    from tests.benchmarks import detection

    return detection.run(quick, api="orders")


def bench_gui(quick: bool) -> list[Figure]:
    args = ["--sales", "1", "--latency-ms", "300"] if quick else ["--sales", "5"]
    result = run_child("gui_stall", *args)
    stalls = [s * MS for s in result["worst_lateness_s"]]
    return [
        figure(
            "gui",
            "longest event-loop stall while charging (5 ms timer lateness)",
            "ms",
            stalls,
            target="< 50 ms",
            check=lambda _median, worst: worst < 50,
            digits=1,
            note=f"real window, offscreen; sandbox with {result['latency_ms']} ms latency and "
            "20 % faults (500/502/429/drop/hang), one figure per sale until paid",
            sale_duration_s=[round(d, 2) for d in result["sale_duration_s"]],
        )
    ]


def bench_startup(quick: bool) -> list[Figure]:
    from tests.benchmarks import startup

    times = startup.measure(1, warm=False) if quick else startup.measure(7)
    return [
        figure(
            "startup",
            "start-up, process start to cashier window shown (first frame, “Connecting…”)",
            "s",
            times["app"],
        ),
        figure(
            "startup",
            "start-up, process start to cashier window ready (runtime open, charging possible)",
            "s",
            times["ready"],
        ),
        figure("startup", "start-up, bare PySide6 window (same interpreter)", "s", times["bare"]),
        figure(
            "startup",
            "start-up ratio, cashier window / bare window",
            "x",
            times["ratio"],
            target="≤ 1.5x",
            check=lambda median, _worst: median <= 1.5,
            digits=2,
            note="paired runs, alternating; offscreen platform",
        ),
    ]


def bench_catalog(quick: bool) -> list[Figure]:
    # quick: 1,000 products (every typed text still finds some: the same paths); 5,000 took
    # a third more CPU
    args = ["--products", "1000", "--repeats", "1"] if quick else ["--repeats", "5"]
    result = run_child("catalog_bench", *args)
    products = result["products"]
    under_10 = {"target": "< 10 ms", "check": lambda _median, worst: worst < 10}
    figures = [
        figure(
            "catalog",
            f"search-as-you-type per keystroke, catalog query ({products:,} products)",
            "ms",
            [s * MS for s in result["keystroke_catalog_s"]],
            digits=2,
            note=f"{result['keystrokes']} keystrokes ({', '.join(result['typed'])}) "
            f"x {result['repeats']}; slowest: {result['slowest_text']!r}",
            **under_10,  # type: ignore[arg-type]
        ),
        figure(
            "catalog",
            f"search-as-you-type per keystroke, through the widget ({products:,} products)",
            "ms",
            [s * MS for s in result["keystroke_widget_s"]],
            digits=2,
            note="ProductSearch: query, results model reset, list placed and shown",
            **under_10,  # type: ignore[arg-type]
        ),
    ]
    for kind, label in (
        ("barcode", "a scanned barcode"),
        ("sku", "a typed SKU"),
        ("unknown", "an unknown code"),
    ):
        figures.append(
            figure(
                "catalog",
                f"code lookup, {label} ({products:,} products)",
                "ms",
                [s * MS for s in result["lookup_s"][kind]],
                digits=3,
                **under_10,  # type: ignore[arg-type]
            )
        )
    figures.append(
        figure(
            "catalog",
            f"import of {products:,} products from CSV (with its search indexes)",
            "s",
            [result["import_s"]],
            digits=2,
        )
    )
    return figures


def bench_memory(quick: bool) -> list[Figure]:
    # quick: the fewest sales that still give every figure (three distinct checkpoints: 0, 1
    # and 2 sales; one growth window after the settled point), twice (the capped run): each
    # sample is a full garbage collection (~30 ms of CPU), 2 x 10 sales took 1.6 s of CPU
    sales, every, settled = (2, 1, 1) if quick else (1000, 50, 500)
    with sandbox_process() as url:  # both runs on one sandbox (each started its own: ~1 s)
        runs = ["memory", "--sales", str(sales), "--every", str(every), "--sandbox", url]
        if quick:  # both in one process (a second interpreter, Qt and app: ~0.8 s of CPU)
            both = run_child(*runs, "--then-capped", "50")
            result, capped = both["plain"], both["capped"]
        else:
            result = run_child(*runs)
            # The same sales with SQLite's page cache held small: what is left is the app's
            # growth.
            capped = run_child(*runs, "--sqlite-cache-pages", "50")
    rss = dict(result["samples"])
    mib = 1024 * 1024
    checkpoints = [n for n in (sales // 10, sales // 2, sales) if n in rss]
    figures = [
        figure("memory", f"resident size after {n:,} sales", "MiB", [rss[n] / mib], digits=1)
        for n in checkpoints
    ]
    figures.append(
        _growth(
            result,
            f"growth per sale, sales {settled:,} to {sales:,}",
            settled,
            every,
            "includes SQLite's page cache filling as the ledger grows (bounded: 2 MiB)",
        )
    )
    figures.append(
        _growth(
            capped,
            f"growth per sale, sales {settled:,} to {sales:,}, SQLite page cache held at 50 pages",
            settled,
            every,
            "diagnostic run: PRAGMA cache_size = 50 on the ledger",
        )
    )
    return figures


def _growth(result: dict[str, Any], metric: str, settled: int, every: int, why: str) -> Figure:
    """Growth per sale over each window after ``settled`` sales: Qt's pixmap cache and the
    allocator's arenas fill during the first few hundred."""
    samples: list[tuple[int, int]] = [(int(n), int(b)) for n, b in result["samples"]]
    sales = samples[-1][0]
    rss = dict(samples)
    windows = [
        (b_rss - a_rss) / (b_n - a_n) / KIB
        for (a_n, a_rss), (b_n, b_rss) in itertools.pairwise(samples)
        if a_n >= settled
    ]
    overall = (rss[sales] - rss[settled]) / (sales - settled) / KIB
    return figure(
        "memory",
        metric,
        "KiB/sale",
        windows,
        target="flat (≤ 0.5 KiB/sale)",
        check=lambda _median, _worst: overall <= 0.5,
        digits=2,
        note=f"{why}; median/worst of {every}-sale windows; overall {overall:.2f} KiB/sale; "
        f"{result['seconds']:.0f} s for {sales:,} sales through the window; ledger "
        f"{result['ledger_bytes'] / 2**20:.1f} MiB",
        overall_kib_per_sale=round(overall, 3),
        rss_samples=samples,
    )


# (step of tests.benchmarks.year_bench, row, over-what-is-a-defect in seconds or None)
YEAR_STEPS = (
    ("ledger_open", "open the ledger (quick check, migrations, identity)", None),
    ("ledger_upgrade", "open a ledger of schema step 5 (upgrade)", None),
    ("start_ready", "start-up to the window ready, `pos-app`", None),
    ("doctor", "`pos-app doctor --json`", 2.0),
    ("window_idle_stall", "window idle 3 s after ready, longest stall", 0.2),
    ("window_sales_today", "window: sales history (F3), today", 0.2),
    ("window_sales_week", "window: sales history, last 7 days", 0.2),
    ("window_search_week_key", "window: search typed over 7 days, slowest key", 0.2),
    ("window_sales_month", "window: sales history, last 30 days", 0.2),
    ("window_search_month_key", "window: search typed over 30 days, slowest key", 0.2),
    ("window_refund_dialog", "window: refund dialog of a sale 300 days old", 0.2),
    ("window_close_preview", "window: close of the day, preview", 0.2),
    ("window_store_view", "window: store view", 0.2),
    ("window_close_stall", "window: the close, longest GUI stall", 0.2),
    ("sales", "`pos-app sales`", 2.0),
    ("sales_limit", "`pos-app sales --limit 20`", 2.0),
    ("status", "`pos-app status REF` (300 days old)", 2.0),
    ("receipt", "`pos-app receipt REF` (300 days old)", 2.0),
    ("backup", "`pos-app backup`", 2.0),
    ("restore", "`pos-app restore BACKUP`", 2.0),
    ("support_file", "`pos-app support-file`", 2.0),
    ("close", "`pos-app close`", 2.0),
)


def bench_year(quick: bool) -> list[Figure]:
    # quick: three small days over 300 products, once, the window and the commands in the
    # benchmark's process (each still runs its code on that ledger; only their start-up,
    # measured by "startup", is left out)
    args = (
        ["--days", "3", "--per-day", "20", "--products", "300", "--repeats", "1", "--commands-here"]
        if quick
        else ["--repeats", "3"]
    )
    result = run_child("year_bench", *args, timeout=3600)
    sales = f"{result['sales']:,} sales"
    figures = []
    for step, label, limit in YEAR_STEPS:
        samples = result["seconds"][step]
        if limit is None:
            checks: dict[str, Any] = {}
        else:
            checks = {
                "target": f"≤ {limit * MS:.0f} ms" if limit < 1 else f"≤ {limit:.0f} s",
                "check": lambda _median, worst, limit=limit: worst <= limit * MS,
            }
        figures.append(
            figure("year", f"{label} ({sales})", "ms", [s * MS for s in samples], **checks)
        )
    for days in (7, 30):  # numbers only: no target, never asserted
        shown = result["gc"][f"history_{days}_days"]
        figures.append(
            figure(
                "year",
                f"full garbage collection, sales history showing {days} days ({sales})",
                "ms",
                shown["full_samples_ms"],
                note=f"{shown['tracked']:,} objects tracked, {shown['sales']:,} sales listed",
                tracked=shown["tracked"],
            )
        )
    mib = 2**20
    figures.append(
        figure(
            "year",
            f"ledger size, and its backup ({sales})",
            "MiB",
            [result["ledger_bytes"] / mib, result["backup_bytes"] / mib],
            note="median: the two sizes' middle; worst: the larger",
        )
    )
    return figures


def bench_year_store(quick: bool) -> list[Figure]:
    # quick: two small days over 300 products, the window in the benchmark's process
    args = ["--days", "2", "--per-day", "20", "--products", "300", "--here"] if quick else []
    result = run_child("year_store", *args, timeout=3600)
    what = f"{result['sales']:,} sales, {result['changes']:,} changes"
    note = (
        f"delivered {result['delivered']:,}, refused {result['refused']}, PostgreSQL has "
        f"{result['store_sales']:,} sales; {result['stalls_over_200ms']} stalls over 200 ms"
    )
    return [
        figure(
            "year",
            f"store database: a month offline delivered, window open ({what})",
            "s",
            [result["seconds"]],
            note=note,
        ),
        figure(
            "year",
            f"store database: longest GUI stall while it is delivered ({what})",
            "ms",
            [result["worst_stall_s"] * MS],
            target="≤ 200 ms",
            check=lambda _median, worst: worst <= 200,
        ),
    ]


BENCHMARKS: dict[str, Callable[[bool], list[Figure]]] = {
    "detection": bench_detection,
    "detection-orders": bench_detection_orders,
    "gui": bench_gui,
    "startup": bench_startup,
    "catalog": bench_catalog,
    "memory": bench_memory,
    "year": bench_year,
    "year-store": bench_year_store,
}


def fmt(value: float) -> str:
    if value == 0:
        return "0"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def met_text(met: bool | None) -> str:
    return {True: "yes", False: "**no**", None: ""}[met]


def table(figures: list[Figure]) -> str:
    lines = [
        "| metric | median | worst | unit | runs | target | met? |",
        "|---|---:|---:|---|---:|---|---|",
    ]
    for f in figures:
        lines.append(
            f"| {f.metric} | {fmt(f.median)} | {fmt(f.worst)} | {f.unit} | {f.runs} | "
            f"{f.target} | {met_text(f.met)} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny sizes: checks it all works")
    parser.add_argument("--json", type=Path, default=ROOT / "artifacts" / "benchmarks.json")
    parser.add_argument("--only", nargs="+", choices=list(BENCHMARKS), default=list(BENCHMARKS))
    args = parser.parse_args(argv)

    machine = machine_line()
    started = time.monotonic()
    figures: list[Figure] = []
    errors: dict[str, str] = {}
    for name in args.only:
        print(f"... {name}", file=sys.stderr, flush=True)
        begun = time.monotonic()
        try:
            figures += BENCHMARKS[name](args.quick)
        except Exception as exc:  # report the others anyway; the exit code says it failed
            errors[name] = f"{type(exc).__name__}: {exc}"
            print(f"!!! {name} failed: {errors[name]}", file=sys.stderr, flush=True)
        print(f"... {name} took {time.monotonic() - begun:.0f} s", file=sys.stderr, flush=True)

    mode = "quick pass (sizes too small for the figures to mean anything)" if args.quick else "full"
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(f"Machine: {machine}")
    print(f"Run: {when}, {mode}, {time.monotonic() - started:.0f} s")
    print()
    print(table(figures))
    for f in figures:
        if f.note:
            print(f"- {f.metric}: {f.note}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(
            {
                "machine": machine,
                "date": when,
                "quick": args.quick,
                "seconds": round(time.monotonic() - started, 1),
                "figures": [f.to_json() for f in figures],
                "errors": errors,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"\nJSON: {args.json}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
