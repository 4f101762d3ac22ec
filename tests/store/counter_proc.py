"""A counter that sells without pause while delivering to the store database: killed with
SIGKILL by tests/store/test_faults.py at an arbitrary moment.

``python -m tests.store.counter_proc FOLDER URL BOX`` (the password in POS_TEST_PGPASSWORD).
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from pos_app.store.replication import StoreReplicator
from tests.store.helpers import open_ledger, sell


async def main(folder: Path, url: str, box: str) -> None:
    ledger = open_ledger(folder)
    rep = StoreReplicator(
        ledger,
        url,
        os.environ["POS_TEST_PGPASSWORD"],
        box=box,
        store="SUC001",
        idle_poll=0.05,
        first_retry=0.05,
        max_retry=0.2,
        batch_size=7,
    )
    rep.start()
    count = 0
    while True:
        sell(ledger, box)
        count += 1
        print(count, flush=True)
        await asyncio.sleep(0.002)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), sys.argv[2], sys.argv[3]))
