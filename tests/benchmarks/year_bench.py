"""A busy shop's year on one box: start-up, the window and the commands at that size.

Builds (or reuses, ``--ledger``) the ledger of :mod:`tests.benchmarks.year_ledger` (365 days of
400 sales: ~146,000 sales), checks it (:func:`~tests.benchmarks.year_ledger.verify`), then
measures, each a median and worst of ``--repeats``:

- opening the ledger (``Ledger(path)``: quick check, migrations, identity), and upgrading the
  same ledger from schema step 5 (before refunds);
- ``pos-app doctor --json``, and the window's start-up to "ready" (:mod:`tests.benchmarks.startup`);
- the window (:mod:`tests.benchmarks.year_window`, a child): the sales history (today, the last 7
  days, the last 30, a search typed into each), the refund dialog of a sale 300 days old, the
  close's preview, the store view, and the close itself;
- the garbage collector behind the window (:mod:`tests.benchmarks.year_gc`, a child): the
  objects it tracks and a full collection's time with the history showing 7 and 30 days, the
  full collections while the cashier sells with it open, and what closing it gives back (with
  ``--commands-here``, the window's steps and then these in this process);
- the commands, each a process: ``sales``, ``sales --limit 20``, ``status REF``, ``receipt REF``
  (the old sale), ``backup`` (and its size), ``restore`` of that backup, ``support-file``, and
  ``close`` (last: it freezes the day); with ``--commands-here`` (the quick pass) their code
  runs in this process instead.

``python -m tests.benchmarks.year_bench [--days 365 --per-day 400] [--ledger PATH] [--repeats 3]``
prints a ``BENCH-RESULT`` JSON line (seconds per step) and a readable table on stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.common import ROOT, child_env, report, run_child, sandbox_process
from tests.benchmarks.year_ledger import PRODUCTS, at_old_step, build, verify

OLD_STEP = 5


def _old_paid_sale(path: Path, days_ago: int) -> str:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute(
            "SELECT external_reference FROM sales WHERE status = 'paid' AND created_at <= "
            "strftime('%Y-%m-%dT%H:%M:%f', 'now', ?) ORDER BY id DESC LIMIT 1",
            (f"-{days_ago} days",),
        ).fetchone()
        if row is None:  # a short ledger: its first paid sale
            row = conn.execute(
                "SELECT external_reference FROM sales WHERE status = 'paid' ORDER BY id LIMIT 1"
            ).fetchone()
        return str(row[0])
    finally:
        conn.close()


def _command(env: dict[str, str], *args: str, here: bool = False) -> float:
    """Seconds ``pos-app ARGS`` took, as a process of its own; ``here``: its code
    (:func:`pos_app.cli.main`) in this process instead, with ``env``'s token (the quick pass:
    its figures mean nothing, and nine interpreters importing the app were most of its CPU)."""
    if here:
        return _command_here(env, *args)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pos_app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 3):  # 3: status of a sale Mercado Pago does not know
        raise RuntimeError(f"pos-app {' '.join(args)}: exit {done.returncode}\n{done.stderr}")
    return seconds


def _command_here(env: dict[str, str], *args: str) -> float:
    from pos_app.cli import main as pos_app

    said = io.StringIO()
    previous = os.environ.get("MP_ACCESS_TOKEN")
    os.environ["MP_ACCESS_TOKEN"] = env["MP_ACCESS_TOKEN"]
    try:
        started = time.perf_counter()
        with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
            code = pos_app(list(args))
        seconds = time.perf_counter() - started
    finally:
        if previous is None:
            os.environ.pop("MP_ACCESS_TOKEN", None)
        else:
            os.environ["MP_ACCESS_TOKEN"] = previous
    if code not in (0, 3):
        raise RuntimeError(f"pos-app {' '.join(args)}: exit {code}\n{said.getvalue()}")
    return seconds


def measure(
    ledger_file: Path, repeats: int, old_file: Path | None, *, here: bool = False
) -> dict[str, Any]:
    """``here``: the commands run in this process (:func:`_command`)."""
    from pos_app.app import demo_config
    from pos_app.ledger.store import Ledger
    from pos_app.sandbox.state import SandboxState
    from pos_app.settings import config as config_mod
    from pos_app.settings import paths
    from tests.benchmarks import startup

    times: dict[str, list[float]] = {}
    facts: dict[str, Any] = {"ledger_bytes": ledger_file.stat().st_size}

    def note(step: str, seconds: float) -> None:
        times.setdefault(step, []).append(seconds)

    state = SandboxState.seeded()
    with tempfile.TemporaryDirectory(prefix="pos-year-") as home, sandbox_process() as url:
        env = child_env(POS_APP_HOME=home, MP_ACCESS_TOKEN=state.seller_token)
        os.environ["POS_APP_HOME"] = home
        try:
            target = paths.ledger_path()
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ledger_file, target)
            config_mod.save(demo_config(state).with_changes(api_base_url=url), paths.config_path())
            reference = _old_paid_sale(target, 300)
            facts["old_sale"] = reference

            for _ in range(repeats):
                started = time.perf_counter()
                Ledger(target).close()
                note("ledger_open", time.perf_counter() - started)
            if old_file is not None:
                for _ in range(repeats):
                    copy = Path(home) / "old.sqlite3"
                    shutil.copyfile(old_file, copy)
                    started = time.perf_counter()
                    Ledger(copy).close()
                    note("ledger_upgrade", time.perf_counter() - started)
                    for leftover in Path(home).glob("old.sqlite3*"):
                        leftover.unlink()
            for _ in range(repeats):
                note("doctor", _command(env, "doctor", "--json", here=here))
                moments = startup.spawn("app", env)
                note("start_shown", moments["shown"])
                note("start_ready", moments["ready"])

            # The window's children talk to this sandbox too (each used to start its own).
            # The garbage collector behind the window (numbers, never asserted on time) is a
            # process of its own after it. In the quick pass (``here``) both run in this
            # process, one after the other (an interpreter importing the window: ~0.35 s of
            # CPU); this one has the ledger's home in its environment already.
            gc_sales = "5" if repeats > 1 else "1"
            if here:
                from tests.benchmarks.year_window import window_then_gc

                both = window_then_gc(url, reference, repeats, int(gc_sales))
                facts["gc"] = both["gc"]
                window = both["window"]
            else:
                window = run_child(
                    "year_window", reference, "--repeats", str(repeats), "--sandbox", url,
                    timeout=1800,
                    POS_APP_HOME=home, MP_ACCESS_TOKEN=state.seller_token,
                )  # fmt: skip
                facts["gc"] = run_child(
                    "year_gc", "--sales", gc_sales, "--sandbox", url,
                    timeout=1800,
                    POS_APP_HOME=home, MP_ACCESS_TOKEN=state.seller_token,
                )  # fmt: skip
            for step, samples in window.items():
                times[f"window_{step}"] = samples

            backups = Path(home) / "backups"
            for _ in range(repeats):
                note("sales", _command(env, "sales", here=here))
                note("sales_limit", _command(env, "sales", "--limit", "20", here=here))
                note("status", _command(env, "status", reference, here=here))
                note("receipt", _command(env, "receipt", reference, here=here))
                note(
                    "backup",
                    _command(env, "backup", "--to", str(backups), "--keep", "1", here=here),
                )
                made = sorted(backups.iterdir())[-1]
                facts["backup_bytes"] = made.stat().st_size
                note("restore", _command(env, "restore", str(made), here=here))
                out = Path(home) / "support.zip"
                note("support_file", _command(env, "support-file", "--out", str(out), here=here))
                facts["support_bytes"] = out.stat().st_size
                out.unlink()
            note("close", _command(env, "close", here=here))
        finally:
            os.environ.pop("POS_APP_HOME", None)
    return {"seconds": times, **facts}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--per-day", type=int, default=400)
    parser.add_argument("--ledger", type=Path, help="a ledger built before (and its -step5 file)")
    parser.add_argument("--products", type=int, default=PRODUCTS, help="the catalog's size")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--commands-here",
        action="store_true",
        help="the window and the commands in this process (quick pass)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pos-year-build-") as tmp:
        made: dict[str, Any] = {}
        if args.ledger is None:
            ledger_file = Path(tmp) / "ledger.sqlite3"
            made = build(
                ledger_file, days=args.days, per_day=args.per_day, product_count=args.products
            )
        else:
            ledger_file = args.ledger
        old_file = ledger_file.with_name(f"{ledger_file.stem}-step{OLD_STEP}.sqlite3")
        if not old_file.exists():
            at_old_step(ledger_file, old_file, OLD_STEP)
        checked = verify(ledger_file)
        result = measure(ledger_file, args.repeats, old_file, here=args.commands_here)
        conn = sqlite3.connect(ledger_file)
        sales = int(conn.execute("SELECT COUNT(*) FROM sales").fetchone()[0])
        conn.close()
    result.update(built=made, verified=checked, sales=sales)
    for step, samples in result["seconds"].items():
        print(
            f"{step:28} median {statistics.median(samples) * 1000:9.1f} ms, "
            f"worst {max(samples) * 1000:9.1f} ms",
            file=sys.stderr,
        )
    for point, found in result["gc"].items():
        shown = {k: v for k, v in found.items() if k not in ("kinds", "full_samples_ms")}
        print(f"gc {point:24} {shown}", file=sys.stderr)
    report(result)


if __name__ == "__main__":
    main()
