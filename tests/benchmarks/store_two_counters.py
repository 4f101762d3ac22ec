"""Issue 17's "done when", for real: two counters on one machine (two data folders, boxes CAJA01
and CAJA02 of store SUC001), one PostgreSQL, one sandbox. Both sell through the real cashier
window (offscreen) the whole time; PostgreSQL is stopped for a full minute and started again.

::

    .venv/bin/python -m tests.benchmarks.store_two_counters [--outage 60] [--shots DIR]

Reports sales per counter, the changes waiting at the peak, the time from PostgreSQL's return
until both counters are up to date, and checks that every sale and change of both ledgers is
in the store database once (duplicates = 0). Saves each window's picture (before, during and
after the outage: its status bar says how many changes wait) and the store's view
(Day → Store and chain in CAJA01's window, and ``pos-app sales --store`` / ``close --store`` of
that counter as text and JSON) in ``--shots``.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import psycopg

from pos_app.sandbox.state import SandboxState
from tests.benchmarks.common import ROOT, child_env, sandbox_process
from tests.store.pgserver import SUPERPASS, PgServer, find_bindir

BOXES = ("CAJA01", "CAJA02")


class Counter:
    def __init__(self, box: str, home: Path, sandbox: str, store_url: str) -> None:
        self.box = box
        self.home = home
        self.lines: list[dict[str, Any]] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.benchmarks.store_counter", sandbox, store_url, box],
            cwd=ROOT,
            env=child_env(
                POS_APP_HOME=str(home), POS_STORE_DATABASE_PASSWORD=SUPERPASS, PYTHONWARNINGS=""
            ),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            try:
                self.lines.append(json.loads(line))
            except json.JSONDecodeError:
                print(f"[{self.box}] {line.rstrip()}", file=sys.stderr)

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    @property
    def last(self) -> dict[str, Any]:
        status = [line for line in self.lines if "sold" in line]
        return status[-1] if status else {"sold": 0, "waiting": 0, "status_bar": ""}

    def wait_for(self, key: str, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.lines:
                if line.get(key):
                    return line
            if self.process.poll() is not None:
                raise RuntimeError(f"counter {self.box} ended ({self.process.returncode})")
            time.sleep(0.1)
        raise TimeoutError(f"counter {self.box}: no {key!r} in {timeout:g} s")


def _create_box(sandbox: str, box: str) -> None:
    """The second box of the seeded store, through the API (as Settings → Store and box)."""
    state = SandboxState.seeded()
    auth = {"Authorization": f"Bearer {state.seller_token}"}
    with httpx.Client(base_url=sandbox, headers=auth, trust_env=False, timeout=10) as http:
        stores = http.get(
            f"/users/{state.seller_id}/stores/search", params={"external_id": "SUC001"}
        ).json()["results"]
        http.post(
            "/pos",
            json={
                "name": f"Caja {box[-2:]}",
                "fixed_amount": True,
                "store_id": stores[0]["id"],
                "external_store_id": "SUC001",
                "external_id": box,
            },
        ).raise_for_status()


def _ledger_counts(home: Path) -> dict[str, int]:
    path = next(home.rglob("ledger.sqlite3"))
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        seq = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").fetchone()
        return {
            "sales": conn.execute("SELECT count(*) FROM sales").fetchone()[0],
            "events": conn.execute("SELECT count(*) FROM sale_events").fetchone()[0],
            "changes": int(seq[0]) if seq else 0,
            "outbox_left": conn.execute("SELECT count(*) FROM outbox").fetchone()[0],
        }
    finally:
        conn.close()


def _pos_app(home: Path, *argv: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "pos_app", *argv],
        cwd=ROOT,
        env=child_env(POS_APP_HOME=str(home), POS_STORE_DATABASE_PASSWORD=SUPERPASS),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    return done.stdout


def run(outage: float, warmup: float, shots: Path) -> dict[str, Any]:
    bindir = find_bindir()
    if bindir is None:
        raise SystemExit("no PostgreSQL binaries (initdb, pg_ctl)")
    shots.mkdir(parents=True, exist_ok=True)
    server = PgServer(bindir)
    server.init()
    server.start()
    with psycopg.connect(server.admin_url(), autocommit=True) as conn:
        conn.execute("CREATE DATABASE store")
    store_url = server.url(dbname="store")
    root = Path(tempfile.mkdtemp(prefix="pos-two-counters-"))
    counters: list[Counter] = []
    try:
        with sandbox_process() as sandbox:
            _create_box(sandbox, "CAJA02")
            counters = [Counter(box, root / box, sandbox, store_url) for box in BOXES]
            time.sleep(warmup)
            for c in counters:
                if c.last["sold"] == 0:
                    raise RuntimeError(f"counter {c.box} has not sold yet: {c.lines[-3:]}")
                c.send(f"shot {shots / f'{c.box}-1-before.png'}")
            sold_before = {c.box: c.last["sold"] for c in counters}
            server.stop("fast")
            stopped = time.monotonic()
            peak = 0
            peak_each = dict.fromkeys(BOXES, 0)
            shot_taken = False
            while time.monotonic() - stopped < outage:
                time.sleep(0.5)
                waiting = {c.box: c.last["waiting"] for c in counters}
                peak = max(peak, sum(waiting.values()))
                for box, count in waiting.items():
                    peak_each[box] = max(peak_each[box], count)
                if not shot_taken and time.monotonic() - stopped > outage * 0.75:
                    for c in counters:
                        c.send(f"shot {shots / f'{c.box}-2-server-down.png'}")
                    shot_taken = True
            sold_during = {c.box: c.last["sold"] - sold_before[c.box] for c in counters}
            bar_down = {c.box: c.last["status_bar"] for c in counters}
            server.start()
            back = time.monotonic()
            back_wall = time.time()
            drained = None
            while time.monotonic() - back < 120:
                time.sleep(0.1)
                fresh = [c.last for c in counters]
                if all(line["waiting"] == 0 and line["t"] > time.time() - 1 for line in fresh):
                    drained = time.monotonic() - back
                    break
            # The delivery itself: from the first report with fewer changes waiting than at
            # the peak to the first with none (the rest of the drain is the retry pause).
            delivering = {}
            for c in counters:
                after = [line for line in c.lines if "waiting" in line and line["t"] > back_wall]
                first = next((x["t"] for x in after if x["waiting"] < peak_each[c.box]), None)
                done = next((x["t"] for x in after if x["waiting"] == 0), None)
                delivering[c.box] = done - first if first and done else None
            time.sleep(3)
            for c in counters:
                c.send(f"shot {shots / f'{c.box}-3-after.png'}")
            time.sleep(1)
            counters[0].send(f"storeview {shots / 'store-view.png'}")
            view = counters[0].wait_for("store_view", 60)["store_view"]
            for c in counters:
                c.send("stop")
            finals = {c.box: c.wait_for("final", 180) for c in counters}
            for c in counters:
                c.process.wait(60)
    finally:
        for c in counters:
            if c.process.poll() is None:
                c.process.kill()
    try:
        ledgers = {c.box: _ledger_counts(c.home) for c in counters}
        with psycopg.connect(server.admin_url("store"), autocommit=True) as conn:
            remote = {
                box: {
                    "sales": conn.execute(
                        "SELECT count(*) FROM sales WHERE box = %s", (box,)
                    ).fetchone()[0],
                    "events": conn.execute(
                        "SELECT count(*) FROM sale_events WHERE box = %s", (box,)
                    ).fetchone()[0],
                    "changes": conn.execute(
                        "SELECT count(*) FROM changes WHERE box = %s", (box,)
                    ).fetchone()[0],
                    "out_of_order": conn.execute(
                        "SELECT count(*) FROM (SELECT seq, lag(seq) OVER (ORDER BY received_at, "
                        "seq) AS before FROM changes WHERE box = %s) s WHERE seq <= before",
                        (box,),
                    ).fetchone()[0],
                }
                for box in BOXES
            }
        home = counters[0].home
        sales_text = _pos_app(home, "sales", "--store")
        sales_json = _pos_app(home, "sales", "--store", "--json", "--limit", "1000")
        close_text = _pos_app(home, "close", "--store")
        close_json = _pos_app(home, "close", "--store", "--json")
        (shots / "store-sales.txt").write_text(sales_text, encoding="utf-8")
        (shots / "store-sales.json").write_text(sales_json, encoding="utf-8")
        (shots / "store-close.txt").write_text(close_text, encoding="utf-8")
        (shots / "store-close.json").write_text(close_json, encoding="utf-8")
        sales, close = json.loads(sales_json), json.loads(close_json)
    finally:
        server.cleanup()
    store_view = {
        "sales_per_box": {
            b: sum(t["sales"] for t in sales["totals"] if t["box"] == b) for b in BOXES
        },
        "close_sales_count": close["sales_count"],
        "close_net": close["net"],
        "window_rows": view,  # Day → Store and chain, in CAJA01's window, before the last sales
    }
    return {
        "outage_s": outage,
        "sold": {b: finals[b]["sold"] for b in BOXES},
        "sold_during_outage": sold_during,
        "sale_seconds_median": {b: finals[b]["sale_median"] for b in BOXES},
        "sale_seconds_worst": {b: finals[b]["sale_worst"] for b in BOXES},
        "peak_waiting_total": peak,
        "peak_waiting": peak_each,
        "status_bar_during_outage": bar_down,
        "drain_s": drained,  # PostgreSQL back to both up to date (the retry pause included)
        "delivery_s": delivering,  # of which the delivering itself (0.5 s reports)
        "ledger": ledgers,
        "store_database": remote,
        "duplicates": {b: remote[b]["changes"] - ledgers[b]["changes"] for b in BOXES},
        "lost": {b: ledgers[b]["sales"] - remote[b]["sales"] for b in BOXES},
        "store_view": store_view,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.store_two_counters")
    parser.add_argument("--outage", type=float, default=60.0, help="seconds PostgreSQL is down")
    parser.add_argument("--warmup", type=float, default=15.0, help="seconds of selling before")
    parser.add_argument("--shots", type=Path, default=Path(tempfile.gettempdir()) / "store-shots")
    parser.add_argument("--json", type=Path, help="also write the result here")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    result = run(args.outage, args.warmup, args.shots)
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    ok = all(v == 0 for v in result["duplicates"].values()) and all(
        v == 0 for v in result["lost"].values()
    )
    ok = ok and all(
        result["store_view"]["sales_per_box"][b] == result["ledger"][b]["sales"]
        and result["store_database"][b]["out_of_order"] == 0
        and result["store_database"][b]["changes"] == result["ledger"][b]["changes"]
        for b in BOXES
    )
    return 0 if ok and result["drain_s"] is not None else 1


if __name__ == "__main__":
    sys.exit(main())
