"""The notification receiver under a crowd of idle and slow connections (issue 16, item 1).

A child process runs the receiver exactly as the app builds it (``NotificationReceiver`` with the
default ``ReceiverLimits``, except the per-sender throttle, opened wide so that it measures
capacity, not the throttle). This process then, over loopback:

1. measures genuine notifications per second with nobody else connected (baseline);
2. opens ``--idle`` silent connections and ``--slow`` ones that trickle header bytes, from
   ``--sources`` addresses (127.0.0.2...), and keeps them trickling;
3. measures genuine notifications per second again, from ``--clients`` concurrent senders, and
   counts the crowd's connections the receiver still holds open at the end;
4. reads the child's RSS (psutil) before and during the load.

``.venv/bin/python -m tests.benchmarks.receiver_load [--idle 400] [--slow 100] [--seconds 5]``
prints the figures and a ``BENCH-RESULT`` JSON line. Linux (other loopback source addresses).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import sys
import time
from typing import Any

import httpx
import psutil

CHILD = r"""
import asyncio, json, sys
from pos_app.notifications import NotificationReceiver, ReceiverLimits

async def main():
    fetched = 0
    async def handler(topic, resource_id):
        nonlocal fetched
        fetched += 1
    limits = ReceiverLimits(rate=1e9, burst=1e9)
    async with NotificationReceiver(handler, listen="127.0.0.1:0", limits=limits) as rx:
        print(json.dumps({"port": rx.server.port}), flush=True)
        while True:
            g = rx.guard
            print(json.dumps({"open": g.open, "waiting": g.waiting, "fetched": fetched,
                              "timed_out": g.stats.timed_out, "evicted": g.stats.evicted,
                              "refused": g.stats.refused}), flush=True)
            await asyncio.sleep(0.2)

asyncio.run(main())
"""

HEAD = b"POST /mp/notifications?topic=payment&id=%d HTTP/1.1\r\nHost: till\r\n"


class Child:
    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.latest: dict[str, Any] = {}
        self.port = 0
        self._task = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.proc.stdout is not None
        while line := await self.proc.stdout.readline():
            self.latest = json.loads(line)
            self.port = self.latest.get("port", self.port)

    async def fresh(self) -> dict[str, Any]:
        """The next status line (the child writes one every 0.2 s)."""
        seen = self.latest
        for _ in range(50):
            await asyncio.sleep(0.05)
            if self.latest is not seen:
                break
        return self.latest

    def rss_mb(self) -> float:
        return float(psutil.Process(self.proc.pid).memory_info().rss) / 2**20

    async def stop(self) -> None:
        self.proc.terminate()
        await self.proc.wait()
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task


async def genuine_load(url: str, seconds: float, clients: int) -> tuple[int, int, list[float]]:
    """``clients`` senders posting notifications back to back; (answered 200, other, times)."""
    ok = other = 0
    times: list[float] = []
    loop = asyncio.get_running_loop()
    end = loop.time() + seconds

    async def sender(n: int) -> None:
        nonlocal ok, other
        i = 0
        async with httpx.AsyncClient(trust_env=False, timeout=10) as http:
            while loop.time() < end:
                started = time.perf_counter()
                response = await http.post(f"{url}?topic=payment&id={n * 10**7 + i}")
                times.append(time.perf_counter() - started)
                i += 1
                if response.status_code == 200:
                    ok += 1
                else:
                    other += 1

    await asyncio.gather(*(sender(n) for n in range(clients)))
    return ok, other, times


async def run(args: argparse.Namespace) -> dict[str, Any]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CHILD, stdout=asyncio.subprocess.PIPE
    )
    child = Child(proc)
    conns: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
    try:
        while not child.port:
            await asyncio.sleep(0.02)
        port = child.port
        url = f"http://127.0.0.1:{port}/mp/notifications"
        rss_idle = child.rss_mb()
        base_ok, _, base_times = await genuine_load(url, args.seconds, args.clients)

        for i in range(args.idle + args.slow):
            source = f"127.0.0.{2 + i % args.sources}"
            conns.append(await asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0)))
        slow = [w for _, w in conns[args.idle :]]

        async def trickle() -> None:
            step = 0
            while True:
                for w in slow:
                    if not w.is_closing():
                        w.write(b"X-Pad: %d\r\n" % step if step else HEAD % 0)
                step += 1
                await asyncio.sleep(0.5)

        trickler = asyncio.create_task(trickle())
        await asyncio.sleep(0.3)
        before = await child.fresh()
        rss_before = child.rss_mb()
        # Shorter than the 5 s head deadline: the crowd is still connected while measuring.
        seconds = min(args.seconds, 3.5)
        ok, other, times = await genuine_load(url, seconds, args.clients)
        during = await child.fresh()
        rss_load = child.rss_mb()
        still_open = sum(1 for r, _ in conns if not r.at_eof())
        trickler.cancel()
        # The head deadline (5 s from connecting) then closes the whole crowd.
        await asyncio.sleep(5.5)
        after = await child.fresh()
        return {
            "crowd_opened": len(conns),
            "crowd_held_open_by_receiver": before["open"],
            "crowd_still_open_after_load": still_open,
            "baseline_rps": round(base_ok / args.seconds, 1),
            "baseline_p50_ms": round(statistics.median(base_times) * 1000, 2),
            "under_crowd_rps": round(ok / seconds, 1),
            "under_crowd_non_200": other,
            "under_crowd_p50_ms": round(statistics.median(times) * 1000, 2),
            "under_crowd_p99_ms": round(sorted(times)[int(len(times) * 0.99)] * 1000, 2),
            "under_crowd_max_ms": round(max(times) * 1000, 2),
            "rss_mb_started": round(rss_idle, 1),
            "rss_mb_with_crowd": round(rss_before, 1),
            "rss_mb_under_load": round(rss_load, 1),
            "evicted": during["evicted"],
            "closed_by_head_deadline_5s_later": after["timed_out"],
            "open_5s_later": after["open"],
        }
    finally:
        for _, w in conns:
            w.close()
        await child.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--idle", type=int, default=400)
    parser.add_argument("--slow", type=int, default=100)
    parser.add_argument("--sources", type=int, default=20, help="attacker source addresses")
    parser.add_argument("--clients", type=int, default=4, help="concurrent genuine senders")
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    result = asyncio.run(run(args))
    for key, value in result.items():
        print(f"{key:36} {value}")
    print("BENCH-RESULT " + json.dumps({"receiver_load": result}))


if __name__ == "__main__":
    main()
