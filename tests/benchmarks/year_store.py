"""A counter offline for a month delivers its outbox to the store database, window open.

The ledger is a month of a busy box written with its outbox on (:mod:`tests.benchmarks.year_ledger`
``outbox=True``: one change per sale transition, as a counter whose store database was
unreachable that long keeps them: ~12,000 sales, ~40,000 changes, and the month's shifts,
movements, refunds and closes). A throwaway PostgreSQL (``tests/store/pgserver.py``) takes them.
The child opens the real ``MainWindow`` and runtime on that ledger with the store database
configured: the runtime's own delivery task starts with the window. Measured: from the window
shown to the outbox empty (watched from a worker thread), and the longest GUI-thread stall
meanwhile (a 5 ms timer, :class:`~tests.benchmarks.window_rig.LatenessProbe`), how many
stalls passed 200 ms and how long the ones over 50 ms lasted in all.

``python -m tests.benchmarks.year_store [--days 30] [--per-day 400] [--products 3000] [--here]``
(``--here``, the quick pass: the window in this process, not a child); prints a
``BENCH-RESULT`` JSON line. With ``POS_APP_BENCH_PG_PORT`` set (the quick pass in the suite: its worker's
session server, ``tests/store/fixtures.py``), a database of its own on that running server
(:func:`tests.store.pgserver.PgServer.attach`) instead of a cluster of its own: initdb was ~1 s
of CPU, more than the rest of the quick run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.common import report, run_child, sandbox_process

PORT_ENV = "POS_APP_BENCH_PG_PORT"  # a running server of tests/store/pgserver.py (its port)


async def _deliver(base_url: str, store_url: str) -> dict[str, Any]:
    import httpx

    from pos_app.app import demo_config
    from pos_app.mercadopago.credentials import AccessToken
    from pos_app.runtime import open_runtime
    from pos_app.sandbox.state import SandboxState
    from pos_app.ui.counter.main_window import MainWindow
    from pos_app.ui.qtkit.bridge import EngineBridge
    from tests.benchmarks.window_rig import LatenessProbe

    state = SandboxState.seeded()
    config = demo_config(state).with_changes(store_database=store_url, sound_on_paid=False)
    probe = LatenessProbe()
    started = time.perf_counter()
    async with (
        open_runtime(config=config, token=AccessToken(state.seller_token), base_url=base_url) as rt,
        httpx.AsyncClient(base_url=base_url, trust_env=False),
    ):
        bridge = EngineBridge(rt.engine.bus)
        window = MainWindow(rt, bridge)
        window.resize(1024, 768)
        window.show()
        await asyncio.sleep(0.3)  # its first frame: start-up, not delivery
        probe.start()
        # Watched from a worker thread with a connection of its own: the count reads the whole
        # outbox (~130 ms before ledger step 13's index), which on the window's thread four
        # times a second was most of the stalls this measured.
        path = rt.ledger.path
        while await asyncio.to_thread(_waiting, path):
            if time.perf_counter() - started > 1800:
                raise TimeoutError("the outbox was not delivered in 30 minutes")
            await asyncio.sleep(0.25)
        seconds = time.perf_counter() - started
        probe.stop()
        replicator = rt.replicator
        assert replicator is not None
        refused = len(rt.ledger.outbox_refused())
        bridge.detach()
        window.close()
        window.deleteLater()
    return {
        # Every change of the month left the outbox: delivered or refused. (The count waiting
        # at the start plus what was delivered by then, read one after the other, counted a
        # batch delivered in between twice.)
        "changes": replicator.delivered + refused,
        "delivered": replicator.delivered,
        "refused": refused,
        "seconds": seconds,
        "worst_stall_s": probe.worst,
        "stalls_over_200ms": sum(1 for late in probe.lateness if late > 0.2),
        "stall_total_over_50ms_s": sum(late for late in probe.lateness if late > 0.05),
    }


def _waiting(path: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT COUNT(*) FROM outbox WHERE refused = ''").fetchone()
        return int(row[0])
    finally:
        conn.close()


def deliver(store_url: str, password: str) -> dict[str, Any]:
    """The window open on ``POS_APP_HOME``'s ledger until its outbox is delivered."""
    from pos_app.settings import secrets
    from tests.benchmarks.window_rig import run_qt

    # The store database's password from the keyring, as the app reads it.
    secrets.load_store_password = lambda: password  # type: ignore[assignment]
    with sandbox_process() as base_url:
        result: dict[str, Any] = run_qt(lambda: _deliver(base_url, store_url))
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--per-day", type=int, default=400)
    parser.add_argument("--products", type=int, help="the catalog's size (3,000)")
    parser.add_argument("--child", nargs=2, metavar=("URL", "PASSWORD"))
    parser.add_argument(
        "--here",
        action="store_true",
        help="the window in this process, not a child (the quick pass: an interpreter "
        "importing the window was ~0.3 s of CPU)",
    )
    args = parser.parse_args()
    if args.child:
        report(deliver(*args.child))
        return

    import psycopg

    from pos_app.settings import paths
    from tests.benchmarks.year_ledger import PRODUCTS, build
    from tests.store.pgserver import SUPERPASS, PgServer, find_bindir

    bindir = find_bindir()
    if bindir is None:
        raise SystemExit("no PostgreSQL binaries (initdb, pg_ctl): nothing to measure")
    running = os.environ.get(PORT_ENV)
    server = PgServer.attach(int(running)) if running else PgServer(bindir)
    store = f"store_bench_{os.getpid()}" if running else "store"
    home = Path(tempfile.mkdtemp(prefix="pos-year-store-"))
    try:
        os.environ["POS_APP_HOME"] = str(home)
        ledger = paths.ledger_path()
        ledger.parent.mkdir(parents=True, exist_ok=True)
        made = build(
            ledger,
            days=args.days,
            per_day=args.per_day,
            outbox=True,
            product_count=args.products or PRODUCTS,
        )
        if not running:
            server.init()
            server.start()
        with psycopg.connect(server.admin_url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {store}")
        url = server.url(dbname=store)
        if args.here:
            result = deliver(url, SUPERPASS)
        else:
            result = run_child(
                "year_store", "--child", url, SUPERPASS, timeout=3600, POS_APP_HOME=str(home)
            )
        with psycopg.connect(server.admin_url(store), autocommit=True) as conn:
            row = conn.execute("SELECT count(*) FROM sales").fetchone()
            result["store_sales"] = int(row[0]) if row else 0
        result["sales"] = made["sales"]
        result["outbox_built"] = made["outbox"]
    finally:
        if running:
            with psycopg.connect(server.admin_url(), autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {store} WITH (FORCE)")
        else:
            server.cleanup()
        shutil.rmtree(home, ignore_errors=True)
    report(result)


if __name__ == "__main__":
    main()
