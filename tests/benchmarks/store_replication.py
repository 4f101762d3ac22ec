"""Store database benchmark (issue 17): N simulated counters x M sales against one PostgreSQL.

::

    .venv/bin/python -m tests.benchmarks.store_replication              # 10 counters x 1,000 sales
    .venv/bin/python -m tests.benchmarks.store_replication --counters 2 --sales 50   # quick

Each counter is a process of its own with its own ledger (SQLite, WAL, synchronous=FULL) that
sells as fast as it can: create, send, pay (three ledger commits, as the engine does). Twice:
without a store database (outbox off, no delivery task), then with one (outbox rows in the same
transactions, the delivery task running in the same event loop). Printed:

- delivery lag: from the ledger commit of a change to PostgreSQL's commit of it (median, p95,
  worst), read from ``changes.changed_at`` / ``received_at`` (one clock: one machine);
- rows/s absorbed by the server (changes per second, first to last received);
- the charge path (one sale's three ledger commits) with and without delivery: median and p95.

The throwaway server is started with initdb/pg_ctl as in the tests (tests/store/pgserver.py).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

ROOT = Path(__file__).resolve().parents[2]


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def _child(
    folder: Path, url: str, password: str, box: str, sales: int, deliver: bool
) -> dict[str, Any]:
    from pos_app.store.replication import StoreReplicator
    from tests.store.helpers import open_ledger, sell

    ledger = open_ledger(folder, outbox=deliver)
    rep = None
    if deliver:
        rep = StoreReplicator(ledger, url, password, box=box, store="BENCH", idle_poll=0.5)
        rep.start()
    times: list[float] = []
    for _ in range(sales):
        started = time.perf_counter()
        sell(ledger, box)
        times.append(time.perf_counter() - started)
        await asyncio.sleep(0)  # the counter's event loop turns between sales, as in the app
    drained_at = None
    if rep is not None:
        while not rep.status().up_to_date:
            await asyncio.sleep(0.02)
        drained_at = time.time()
        await rep.aclose()
    ledger.close()
    return {"charge_s": times, "drained_at": drained_at}


def _run_counters(
    root: Path, url: str, password: str, counters: int, sales: int, deliver: bool
) -> list[dict[str, Any]]:
    env = {**os.environ, "POS_BENCH_PGPASSWORD": password}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.benchmarks.store_replication",
                "--child",
                str(root / f"{'on' if deliver else 'off'}{i}"),
                url,
                f"CAJA{i:02d}",
                str(sales),
                "1" if deliver else "0",
            ],
            stdout=subprocess.PIPE,
            env=env,
            cwd=ROOT,
            text=True,
            encoding="utf-8",
        )
        for i in range(counters)
    ]
    out = []
    for proc in procs:
        stdout, _ = proc.communicate()
        assert proc.returncode == 0, stdout
        out.append(json.loads(stdout.strip().splitlines()[-1]))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--counters", type=int, default=10)
    parser.add_argument("--sales", type=int, default=1000)
    parser.add_argument("--child", nargs=5, metavar=("DIR", "URL", "BOX", "SALES", "DELIVER"))
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args(argv)
    if args.child:
        folder, url, box, sales, deliver = args.child
        result = asyncio.run(
            _child(
                Path(folder),
                url,
                os.environ["POS_BENCH_PGPASSWORD"],
                box,
                int(sales),
                deliver == "1",
            )
        )
        print(json.dumps(result))
        return 0

    import psycopg

    from tests.store.pgserver import SUPERPASS, PgServer, find_bindir

    bindir = find_bindir()
    if bindir is None:
        print("no PostgreSQL binaries (initdb, pg_ctl): nothing to measure")
        return 1
    server = PgServer(bindir)
    work = Path(tempfile.mkdtemp(prefix="pos-bench-"))
    try:
        server.init()
        server.start()
        with psycopg.connect(server.admin_url(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE bench")
        url = server.url(dbname="bench")
        admin = server.admin_url("bench")

        started = time.time()
        off = _run_counters(work, url, SUPERPASS, args.counters, args.sales, deliver=False)
        off_wall = time.time() - started
        started = time.time()
        on = _run_counters(work, url, SUPERPASS, args.counters, args.sales, deliver=True)
        on_wall = time.time() - started

        with psycopg.connect(admin, autocommit=True) as conn:
            lags = [
                float(r[0])
                for r in conn.execute(
                    "SELECT extract(epoch FROM received_at - changed_at) FROM changes"
                ).fetchall()
            ]
            first, last, count = conn.execute(
                "SELECT extract(epoch FROM min(received_at)), extract(epoch FROM max(received_at)), "
                "count(*) FROM changes"
            ).fetchone()  # type: ignore[misc]
            sales_rows = conn.execute("SELECT count(*) FROM sales").fetchone()[0]  # type: ignore[index]
            dup = conn.execute(
                "SELECT count(*) FROM (SELECT box, seq FROM changes GROUP BY box, seq "
                "HAVING count(*) > 1) d"
            ).fetchone()[0]  # type: ignore[index]
        charge_off = [t for r in off for t in r["charge_s"]]
        charge_on = [t for r in on for t in r["charge_s"]]
        span = float(last) - float(first)
        result = {
            "counters": args.counters,
            "sales_per_counter": args.sales,
            "changes_delivered": int(count),
            "sales_rows": int(sales_rows),
            "duplicates": int(dup),
            "lag_median_ms": statistics.median(lags) * 1000,
            "lag_p95_ms": _quantile(lags, 0.95) * 1000,
            "lag_worst_ms": max(lags) * 1000,
            "rows_per_s": count / span if span > 0 else float("nan"),
            "charge_without_ms_median": statistics.median(charge_off) * 1000,
            "charge_without_ms_p95": _quantile(charge_off, 0.95) * 1000,
            "charge_with_ms_median": statistics.median(charge_on) * 1000,
            "charge_with_ms_p95": _quantile(charge_on, 0.95) * 1000,
            "wall_without_s": off_wall,
            "wall_with_s": on_wall,
        }
        print(
            f"{args.counters} counters x {args.sales} sales (3 ledger changes each), one PostgreSQL"
        )
        print(
            f"  delivered changes      {result['changes_delivered']} ({result['sales_rows']} sales, {dup} duplicates)"
        )
        print(
            f"  delivery lag           median {result['lag_median_ms']:.1f} ms, p95 {result['lag_p95_ms']:.1f} ms, worst {result['lag_worst_ms']:.1f} ms"
        )
        print(f"  absorbed               {result['rows_per_s']:.0f} changes/s")
        print(
            f"  charge path, no store  median {result['charge_without_ms_median']:.2f} ms, p95 {result['charge_without_ms_p95']:.2f} ms (wall {off_wall:.1f} s)"
        )
        print(
            f"  charge path, delivery  median {result['charge_with_ms_median']:.2f} ms, p95 {result['charge_with_ms_p95']:.2f} ms (wall {on_wall:.1f} s)"
        )
        if args.json:
            Path(args.json).write_text(json.dumps(result, indent=2), encoding="utf-8")
    finally:
        server.cleanup()
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
