"""Peak memory and time of a 1,000,000-row catalog import (issue 16, item 6).

::

    .venv/bin/python -m tests.benchmarks.catalog_import_memory [--rows N] [--batch B]

Writes a catalog CSV of ``--rows`` products (the columns a shop's file has, names with accents,
EAN-13 barcodes), then imports it through ``CatalogRepository.import_csv`` into a fresh ledger in
a child process of its own, so the child's peak resident size (``ru_maxrss``) is the import's
and not the CSV writer's. Prints the numbers and a ``BENCH-RESULT`` JSON line. Not part of the
test run (a million rows take a minute or two on the project's 2-core machine).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.common import RESULT_PREFIX, ROOT, child_env

HEADER = "sku,barcode,title,unit_price,category,unit_measure,iva_rate\n"
NAMES = ["Yerba mate", "Azúcar", "Café", "Leche entera", "Dulce de leche", "Fideos", "Té"]
BRANDS = ["Taragüí", "Ledesma", "La Serenísima", "Cañuelas", "Molinos", "Havanna"]


def write_catalog(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        for n in range(rows):
            title = f"{NAMES[n % 7]} {BRANDS[n % 6]} {n % 1000} g número {n}"
            price = f"{n % 200_000 + 1}.{n % 100:02d}"
            handle.write(f"P{n:07d},779{n:010d},{title},{price},almacen,unit,{(0, 5, 19)[n % 3]}\n")


def rss_mib() -> float:
    """This process's resident size now (Linux ``/proc``), in MiB."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def child(csv_path: Path, batch: int) -> dict[str, Any]:
    """Import ``csv_path`` into a fresh ledger (``POS_APP_HOME`` set by the parent)."""
    from pos_app.domain.money import site_for
    from pos_app.ledger.catalog import ImportProgress
    from pos_app.ledger.store import Ledger
    from pos_app.settings import paths

    ledger = Ledger(paths.ledger_path())
    before = rss_mib()
    samples: list[float] = []

    def progress(step: ImportProgress) -> None:
        samples.append(rss_mib())

    started = time.perf_counter()
    report = ledger.catalog.import_csv(
        csv_path, site_for("MLA"), progress=progress, batch_rows=batch
    )
    seconds = time.perf_counter() - started
    count = ledger.catalog.count()
    fts = ledger.catalog._conn.execute("SELECT COUNT(*) FROM catalog_fts").fetchone()[0]
    ledger.close()
    return {
        "imported": report.imported,
        "refused": report.refused,
        "catalog_rows": count,
        "fts_rows": fts,
        "seconds": round(seconds, 1),
        "rows_per_s": round(report.imported / seconds),
        "rss_before_import_mib": round(before, 1),
        "rss_after_first_batch_mib": round(samples[0], 1) if samples else None,
        "rss_at_end_mib": round(samples[-1], 1) if samples else None,
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "progress_calls": len(samples),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--child", metavar="CSV", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(RESULT_PREFIX + json.dumps(child(Path(args.child), args.batch)), flush=True)
        return 0
    with tempfile.TemporaryDirectory(prefix="pos-import-bench-") as folder:
        csv_path = Path(folder) / "catalog.csv"
        started = time.perf_counter()
        write_catalog(csv_path, args.rows)
        size = csv_path.stat().st_size
        print(f"wrote {args.rows:,} rows ({size / 2**20:.0f} MiB) in "
              f"{time.perf_counter() - started:.1f} s; importing...", file=sys.stderr)  # fmt: skip
        home = Path(folder) / "home"
        home.mkdir()
        done = subprocess.run(
            [sys.executable, "-m", "tests.benchmarks.catalog_import_memory",
             "--child", str(csv_path), "--batch", str(args.batch)],
            cwd=ROOT, env=child_env(POS_APP_HOME=str(home)), capture_output=True, text=True,
            check=True, timeout=3600,
        )  # fmt: skip
    line = next(x for x in done.stdout.splitlines() if x.startswith(RESULT_PREFIX))
    result: dict[str, Any] = {"rows": args.rows, "csv_mib": round(size / 2**20, 1)}
    result.update(json.loads(line[len(RESULT_PREFIX) :]))
    for key, value in result.items():
        print(f"{key:>26}: {value}")
    print(RESULT_PREFIX + json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
