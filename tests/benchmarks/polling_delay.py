"""Benchmark: payment detection delay and API requests per sale, polling only.

Run: ``.venv/bin/python tests/benchmarks/polling_delay.py [--sales 20] [--paid-after 20]``.
Against the sandbox over loopback with the default adaptive schedule (1 s for 2 minutes). The
delay is measured from the sandbox approving the payment to the engine publishing "paid".
Prints a table and writes ``artifacts/bench_polling.json``. Not a test: no assertion on time.
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("POS_APP_HOME", tempfile.mkdtemp(prefix="pos-bench-"))

from pos_app.checkout.events import SaleChanged
from pos_app.domain.sale import SaleStatus
from pos_app.mercadopago.credentials import AccessToken
from pos_app.runtime import open_runtime
from pos_app.sandbox.app import create_sandbox_app
from pos_app.sandbox.server import SandboxServer
from pos_app.sandbox.state import SandboxState
from pos_app.settings.config import PollSchedule
from tests.checkout.harness import config_for, line


async def one_sale(rt, state, paid_after: float) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    paid_at: dict[str, float] = {}
    done = asyncio.Event()

    def on(event: object) -> None:
        if isinstance(event, SaleChanged) and event.sale.status is SaleStatus.PAID:
            paid_at["seen"] = time.perf_counter()
            done.set()

    unsubscribe = rt.bus.subscribe(on)
    state.request_log.clear()
    sale = await rt.engine.charge([line()])
    await asyncio.sleep(paid_after)
    paid_at["approved"] = time.perf_counter()
    state.pay_box("approved")
    await asyncio.wait_for(done.wait(), 30)
    unsubscribe()
    requests = len(state.request_log)
    assert rt.ledger.get_sale(sale.external_reference).status is SaleStatus.PAID
    return paid_at["seen"] - paid_at["approved"], requests


async def main(sales: int, paid_after: float, fixed: float | None) -> dict[str, object]:
    state = SandboxState.seeded()
    poll = PollSchedule.fixed(fixed) if fixed else PollSchedule()
    async with SandboxServer(create_sandbox_app(state)) as server:
        config = config_for(state, poll=poll)
        async with open_runtime(
            config=config, token=AccessToken(state.seller_token), base_url=server.base_url
        ) as rt:
            delays, reqs = [], []
            for _ in range(sales):
                d, r = await one_sale(rt, state, paid_after + random.uniform(0, 1))
                delays.append(d)
                reqs.append(r)
    return {
        "poller": f"fixed {fixed:g} s" if fixed else "adaptive (1 s, then 3 s, then 10 s)",
        "sales": sales,
        "paid_after_s": paid_after,
        "delay_median_s": round(statistics.median(delays), 3),
        "delay_worst_s": round(max(delays), 3),
        "requests_median": statistics.median(reqs),
        "requests_worst": max(reqs),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--sales", type=int, default=10)
    parser.add_argument("--paid-after", type=float, default=5.0)
    parser.add_argument("--fixed", type=float, default=None, help="compare a fixed poller")
    args = parser.parse_args()
    result = asyncio.run(main(args.sales, args.paid_after, args.fixed))
    print(
        f"# {platform.node()} {platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    for key, value in result.items():
        print(f"{key:>18}: {value}")
    out = Path("artifacts/bench_polling.json")
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
