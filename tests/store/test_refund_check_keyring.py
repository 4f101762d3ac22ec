"""A refund with a store database asks the keyring for its password (when the runtime's
delivery has none at hand) on a worker thread: in the window the refund runs on the GUI
thread's event loop, where a locked keyring's unlock prompt would freeze it (issue 19)."""

from __future__ import annotations

import asyncio
import functools
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

from pos_app.checkout.refunds import RefundService
from pos_app.domain.sale import Tender
from pos_app.runtime import Runtime
from pos_app.settings import secrets
from pos_app.settings.config import Config
from tests.keyring_threads import thread_noting_keyring
from tests.store.helpers import open_ledger, sell


def test_the_refund_reads_the_store_password_off_the_event_loop_thread(tmp_path: Path) -> None:
    ledger = open_ledger(tmp_path / "till")
    sale = sell(ledger, "CAJA01", "100.00", tender=Tender.CASH)
    # Nothing listens on port 1: unreachable at once, the refund goes on its ledger's word.
    config = Config().with_changes(
        store_database="postgresql://pos@127.0.0.1:1/store", box_external_id="CAJA01"
    )
    rt = SimpleNamespace(config=config, ledger=ledger, replicator=None)
    across = functools.partial(Runtime.refund_check, rt)  # type: ignore[arg-type]
    service = RefundService(ledger, lambda: None, across=across)  # type: ignore[arg-type,return-value]
    with thread_noting_keyring() as noting:
        noting.set_password(secrets.SERVICE, secrets.STORE_DB_KEY, "kept")
        result = asyncio.run(
            service.refund(sale.external_reference, Decimal("10.00"), tender=Tender.CASH)
        )
    assert result.ok
    assert noting.reads(secrets.STORE_DB_KEY) == [False]  # not on the loop's (GUI) thread
    ledger.close()
