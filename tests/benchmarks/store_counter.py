"""One counter of :mod:`tests.benchmarks.store_two_counters`: the real cashier window (offscreen
Qt, qasync, the real runtime with its store-database delivery) selling without pause.

``python -m tests.benchmarks.store_counter SANDBOX_URL STORE_DATABASE_URL BOX`` with
``POS_APP_HOME`` (its own data folder) and ``POS_STORE_DATABASE_PASSWORD`` set. Every half
second it prints one JSON line (sales so far, the delivery's status); it reads commands from
stdin: ``shot PATH`` saves the window (``widget.grab()``), ``storeview PATH`` opens Day → Store
and chain and saves it, ``stop`` ends the selling, waits until everything reached the store
database (at most 120 s) and prints the last line.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import asyncio
import contextlib
import functools
import json
import sys
import threading
import time
from typing import Any

from tests.benchmarks.window_rig import WindowRig, run_qt  # isort: skip

import httpx

from pos_app.app import demo_catalog_path, demo_config
from pos_app.mercadopago.credentials import AccessToken
from pos_app.runtime import open_runtime
from pos_app.sandbox.state import SandboxState
from pos_app.settings import config as config_mod
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.qtkit.bridge import EngineBridge


def _say(**data: Any) -> None:
    print(json.dumps(data), flush=True)


def _has_rows(view: Any) -> bool:
    return bool(view.table.rowCount() > 0)


def _commands(loop: asyncio.AbstractEventLoop, queue: asyncio.Queue[str]) -> None:
    for line in sys.stdin:
        loop.call_soon_threadsafe(queue.put_nowait, line.strip())
    loop.call_soon_threadsafe(queue.put_nowait, "stop")


async def counter(base_url: str, store_url: str, box: str) -> None:
    state = SandboxState.seeded()
    config = demo_config(state).with_changes(
        box_external_id=box,
        box_name=f"Caja {box[-2:]}",
        store_database=store_url,
        order_ttl_minutes=10,
        sound_on_paid=False,
    )
    config_mod.save(config)  # the commands of this data folder (sales --store) find it too
    token = AccessToken(state.seller_token)
    async with (
        open_runtime(config=config, token=token, base_url=base_url, store_flush=10) as rt,
        httpx.AsyncClient(base_url=base_url, trust_env=False) as control,
    ):
        rt.ledger.catalog.import_csv(demo_catalog_path(), rt.site)
        bridge = EngineBridge(rt.engine.bus)
        window = MainWindow(rt, bridge)
        window.resize(1024, 640)
        window.show()
        rig = WindowRig(rt, window, control, box)
        queue: asyncio.Queue[str] = asyncio.Queue()
        threading.Thread(
            target=_commands, args=(asyncio.get_running_loop(), queue), daemon=True
        ).start()
        sold = 0
        selling = True
        sale_seconds: list[float] = []

        def report(**extra: Any) -> None:
            replicator = rt.replicator
            assert replicator is not None
            status = replicator.status()
            _say(
                box=box,
                t=time.time(),
                sold=sold,
                waiting=status.waiting,
                since=status.since.isoformat() if status.since else None,
                connected=status.connected,
                problem=status.problem,
                status_bar=window.status.store_db.text(),
                **extra,
            )

        async def sell() -> None:
            nonlocal sold
            while selling:
                started = time.perf_counter()
                await rig.one_sale()
                sale_seconds.append(time.perf_counter() - started)
                sold += 1
                await asyncio.sleep(0.3)

        async def reporter() -> None:
            while True:
                window._show_store_database()  # the last state the delivery posted
                report()
                await asyncio.sleep(0.5)

        seller = asyncio.create_task(sell())
        ticker = asyncio.create_task(reporter())
        try:
            while True:
                command = await queue.get()
                if command.startswith("shot "):
                    window._show_store_database()
                    window.grab().save(command[5:])
                    _say(box=box, shot=command[5:])
                elif command.startswith("storeview "):
                    view = window.open_store_view()  # Day → Store and chain…
                    await rig.until(functools.partial(_has_rows, view), 30)
                    await asyncio.sleep(0.2)
                    view.grab().save(command[10:])
                    rows = [
                        [view.table.item(r, c).text() for c in range(view.table.columnCount())]
                        for r in range(view.table.rowCount())
                    ]
                    _say(box=box, shot=command[10:], store_view=rows)
                    view.close()
                elif command == "stop":
                    break
            selling = False
            await seller
            await rig.until(
                lambda: rt.replicator is not None and rt.replicator.status().up_to_date, 120
            )
            sale_seconds.sort()
            report(
                final=True,
                sale_median=sale_seconds[len(sale_seconds) // 2] if sale_seconds else None,
                sale_worst=sale_seconds[-1] if sale_seconds else None,
            )
        finally:
            for task in (seller, ticker):
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            for task in window.tasks.cancel_all():
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            bridge.detach()
            window.close()


def main() -> None:
    base_url, store_url, box = sys.argv[1:4]
    run_qt(lambda: counter(base_url, store_url, box))


if __name__ == "__main__":
    main()
