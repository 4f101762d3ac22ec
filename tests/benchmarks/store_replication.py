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
import shutil
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
    folder: Path, url: str, password: str, box: str, sales: int, mode: str
) -> dict[str, Any]:
    """``mode``: "off" (no store database), "on" (delivery while selling), "backlog" (sell
    with the outbox on but no delivery, as during a partition, then deliver it all)."""
    from pos_app.store.replication import StoreReplicator
    from tests.store.helpers import open_ledger, sell

    ledger = open_ledger(folder, outbox=mode != "off")
    rep = None
    if mode == "on":
        rep = StoreReplicator(ledger, url, password, box=box, store="BENCH", idle_poll=0.5)
        rep.start()
    times: list[float] = []
    for _ in range(sales):
        started = time.perf_counter()
        sell(ledger, box)
        times.append(time.perf_counter() - started)
        await asyncio.sleep(0)  # the counter's event loop turns between sales, as in the app
    drain_start = drained_at = None
    if mode == "backlog":
        drain_start = time.time()
        rep = StoreReplicator(ledger, url, password, box=box, store="BENCH", batch_size=500)
        rep.start()
    if rep is not None:
        while not rep.status().up_to_date:
            await asyncio.sleep(0.02)
        drained_at = time.time()
        await rep.aclose()
    ledger.close()
    return {"charge_s": times, "drain_start": drain_start, "drained_at": drained_at}


def _run_counters(
    root: Path, url: str, password: str, counters: int, sales: int, mode: str
) -> list[dict[str, Any]]:
    env = {**os.environ, "POS_BENCH_PGPASSWORD": password}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.benchmarks.store_replication",
                "--child",
                str(root / f"{mode}{i}"),
                url,
                f"{mode.upper()}{i:02d}",
                str(sales),
                mode,
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


def _ms(values: list[float]) -> str:
    return (
        f"median {statistics.median(values) * 1000:.2f} ms, "
        f"p95 {_quantile(values, 0.95) * 1000:.2f} ms"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--counters", type=int, default=10)
    parser.add_argument("--sales", type=int, default=1000)
    parser.add_argument("--child", nargs=5, metavar=("DIR", "URL", "BOX", "SALES", "MODE"))
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args(argv)
    if args.child:
        folder, url, box, sales, mode = args.child
        password = os.environ["POS_BENCH_PGPASSWORD"]
        result = asyncio.run(_child(Path(folder), url, password, box, int(sales), mode))
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
    n, m = args.counters, args.sales
    try:
        server.init()
        server.start()
        with psycopg.connect(server.admin_url(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE bench")
        url = server.url(dbname="bench")
        admin = server.admin_url("bench")

        started = time.time()
        off = _run_counters(work, url, SUPERPASS, n, m, "off")
        off_wall = time.time() - started
        started = time.time()
        on = _run_counters(work, url, SUPERPASS, n, m, "on")
        on_wall = time.time() - started
        # A partition: every counter sold with the server unreachable (outbox on, no delivery),
        # then all reconnect at once and deliver their backlog.
        backlog = _run_counters(work, url, SUPERPASS, n, m, "backlog")

        with psycopg.connect(admin, autocommit=True) as conn:

            def one(query: str) -> Any:
                row = conn.execute(query).fetchone()  # type: ignore[arg-type]
                assert row is not None
                return row

            lags = [
                float(r[0])
                for r in conn.execute(
                    "SELECT extract(epoch FROM received_at - changed_at) FROM changes "
                    "WHERE box LIKE 'ON%'"
                ).fetchall()
            ]
            first, last, count = one(
                "SELECT extract(epoch FROM min(received_at)), "
                "extract(epoch FROM max(received_at)), count(*) FROM changes WHERE box LIKE 'ON%'"
            )
            b_first, b_last, b_count = one(
                "SELECT extract(epoch FROM min(received_at)), extract(epoch FROM "
                "max(received_at)), count(*) FROM changes WHERE box LIKE 'BACKLOG%'"
            )
            sales_rows = one("SELECT count(*) FROM sales")[0]
            dup = one(
                "SELECT count(*) FROM (SELECT box, seq FROM changes GROUP BY box, seq "
                "HAVING count(*) > 1) d"
            )[0]
        charge_off = [t for r in off for t in r["charge_s"]]
        charge_outbox = [t for r in backlog for t in r["charge_s"]]
        charge_on = [t for r in on for t in r["charge_s"]]
        drain_start = min(r["drain_start"] for r in backlog)
        drain_end = max(r["drained_at"] for r in backlog)
        result = {
            "counters": n,
            "sales_per_counter": m,
            "changes_delivered_live": int(count),
            "changes_delivered_backlog": int(b_count),
            "sales_rows": int(sales_rows),
            "duplicates": int(dup),
            "lag_median_ms": statistics.median(lags) * 1000,
            "lag_p95_ms": _quantile(lags, 0.95) * 1000,
            "lag_worst_ms": max(lags) * 1000,
            "live_rows_per_s": count / (float(last) - float(first)),
            "backlog_rows_per_s": b_count / (drain_end - drain_start),
            "backlog_server_rows_per_s": b_count / max(1e-9, float(b_last) - float(b_first)),
            "charge_no_store_ms_median": statistics.median(charge_off) * 1000,
            "charge_outbox_only_ms_median": statistics.median(charge_outbox) * 1000,
            "charge_with_delivery_ms_median": statistics.median(charge_on) * 1000,
            "wall_no_store_s": off_wall,
            "wall_with_delivery_s": on_wall,
        }
        print(f"{n} counters x {m} sales (3 ledger changes each: create, send, pay), one server")
        print(
            f"  delivered                {count} changes live + {b_count} after the partition "
            f"({sales_rows} sales, {dup} duplicates)"
        )
        print(
            f"  delivery lag (live)      median {result['lag_median_ms']:.0f} ms, "
            f"p95 {result['lag_p95_ms']:.0f} ms, worst {result['lag_worst_ms']:.0f} ms"
        )
        print(
            f"  absorbed                 live {result['live_rows_per_s']:.0f} changes/s (as fast "
            f"as the counters made them); backlog of {b_count} drained at "
            f"{result['backlog_rows_per_s']:.0f} changes/s"
        )
        print(f"  charge path, no store    {_ms(charge_off)} (wall {off_wall:.1f} s)")
        print(f"  charge path, outbox only {_ms(charge_outbox)}")
        print(f"  charge path, delivering  {_ms(charge_on)} (wall {on_wall:.1f} s)")
        if args.json:
            Path(args.json).write_text(json.dumps(result, indent=2), encoding="utf-8")
    finally:
        server.cleanup()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
