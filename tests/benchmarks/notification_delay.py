"""Benchmark: how much the notification receiver shortens "paid" and what it costs in requests.

Run: ``.venv/bin/python tests/benchmarks/notification_delay.py [--sales 20] [--paid-after 5]``.

Against the sandbox over loopback (uvicorn), the real runtime, with the receiver on
``127.0.0.1:0`` and its URL sent as each order's ``notification_url``. For every sale: charge,
wait ``--paid-after`` seconds (+ up to 1 s of jitter), approve the payment in the sandbox, and
time until the engine publishes the "paid" ``SaleChanged``. Requests per sale are counted from
the sandbox's request log (Mercado Pago API calls only, the control API is not logged), after
the notifications and the hints they caused have settled. Modes:

- ``notify+poll30``: receiver on, ``--poll-interval 30`` (what the issue asks to prove);
- ``notify+adaptive``: receiver on, default schedule (1 s, but 8 s with notifications seen);
- ``poll-only``: receiver off, default schedule (the app as it was).

Sales are paid after ~5 s to keep the run short (three modes x 20 sales ~ 6 minutes); a real
customer takes longer, which only adds polls to the polling modes. Prints a table and writes
``artifacts/bench_notifications.json``. Not a test: no assertion on time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("POS_APP_HOME", tempfile.mkdtemp(prefix="pos-bench-"))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

from pos_app.checkout.events import Event, SaleChanged
from pos_app.domain.sale import SaleStatus
from pos_app.settings.config import PollSchedule
from tests.notifications.harness import LINE, Till, open_till

MODES = {
    "notify+poll30": (True, PollSchedule.fixed(30)),
    "notify+adaptive": (True, PollSchedule()),
    "poll-only": (False, PollSchedule()),
}


def kind(path: str) -> str:
    if path.endswith("/orders"):
        return "box order"
    if path == "/merchant_orders/search":
        return "search"
    if path.startswith("/merchant_orders/"):
        return "merchant order"
    if path.startswith("/v1/payments/"):
        return "payment"
    return path


async def one_sale(till: Till, paid_after: float) -> tuple[float, float | None, int, Counter[str]]:
    seen = asyncio.Event()
    times: dict[str, float] = {}

    def on(event: Event) -> None:
        if isinstance(event, SaleChanged) and event.sale.status is SaleStatus.PAID:
            times.setdefault("paid", time.perf_counter())
            seen.set()

    unsubscribe = till.rt.bus.subscribe(on)
    receiver = till.rt.receiver
    if receiver is not None:
        # When the first notification reaches the receiver: splits the delay into the sandbox's
        # delivery and the app's own part (settle delay + fetch + reconcile).
        submit = receiver.dispatcher.submit

        def timed_submit(topic: str, resource_id: str) -> Any:
            if "approved" in times:
                times.setdefault("arrived", time.perf_counter())
            return submit(topic, resource_id)

        receiver.dispatcher.submit = timed_submit  # type: ignore[method-assign]
    state = till.state
    state.request_log.clear()
    try:
        sale = await till.rt.engine.charge([LINE])
        await asyncio.sleep(paid_after)
        times["approved"] = time.perf_counter()
        state.pay_box("approved")
        await asyncio.wait_for(seen.wait(), 60)
        await till.settle()  # count the requests the late notifications cause, too
    finally:
        unsubscribe()
        if receiver is not None:
            del receiver.dispatcher.submit  # back to the class's method
    final = till.rt.ledger.get_sale(sale.external_reference)
    assert final is not None and final.status is SaleStatus.PAID
    kinds = Counter(kind(r["path"]) for r in state.request_log)
    in_app = times["paid"] - times["arrived"] if "arrived" in times else None
    return times["paid"] - times["approved"], in_app, len(state.request_log), kinds


async def run_mode(name: str, sales: int, paid_after: float) -> dict[str, Any]:
    receiver, poll = MODES[name]
    delays: list[float] = []
    in_app: list[float] = []
    requests: list[int] = []
    kinds: Counter[str] = Counter()
    async with open_till(poll=poll, receiver=receiver) as till:
        for _ in range(sales):
            delay, app_part, count, by_kind = await one_sale(
                till, paid_after + random.uniform(0, 1)
            )
            delays.append(delay)
            if app_part is not None:
                in_app.append(app_part)
            requests.append(count)
            kinds.update(by_kind)
        notifications = len(till.state.notifications)
    return {
        "mode": name,
        "sales": sales,
        "delay_median_s": round(statistics.median(delays), 3),
        "delay_worst_s": round(max(delays), 3),
        # From the first notification reaching the receiver to "paid" (the app's own share).
        "received_to_paid_median_s": round(statistics.median(in_app), 3) if in_app else None,
        "requests_median": statistics.median(requests),
        "requests_worst": max(requests),
        "requests_by_kind_per_sale": {k: round(v / sales, 1) for k, v in sorted(kinds.items())},
        "notifications_per_sale": round(notifications / sales, 1),
    }


async def main(sales: int, paid_after: float, modes: list[str]) -> list[dict[str, Any]]:
    results = []
    for name in modes:
        results.append(await run_mode(name, sales, paid_after))
        print(f"... {name} done", file=sys.stderr)
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--sales", type=int, default=20)
    parser.add_argument("--paid-after", type=float, default=5.0)
    parser.add_argument("--modes", nargs="+", choices=list(MODES), default=list(MODES))
    args = parser.parse_args()
    results = asyncio.run(main(args.sales, args.paid_after, args.modes))
    print(
        f"# {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"{args.sales} sales per mode, paid after {args.paid_after:g}-{args.paid_after + 1:g} s"
    )
    header = (
        f"{'mode':<16} {'median s':>9} {'worst s':>8} {'in app s':>9} "
        f"{'req/sale':>9} {'worst':>6}  by kind (per sale)"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        kinds = ", ".join(f"{k} {v:g}" for k, v in r["requests_by_kind_per_sale"].items())
        app_part = r["received_to_paid_median_s"]
        app_text = f"{app_part:.3f}" if app_part is not None else "-"
        print(
            f"{r['mode']:<16} {r['delay_median_s']:>9.3f} {r['delay_worst_s']:>8.3f} "
            f"{app_text:>9} {r['requests_median']:>9g} {r['requests_worst']:>6}  {kinds}"
        )
    out = Path("artifacts/bench_notifications.json")
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
