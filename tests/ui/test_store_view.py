"""Day → Store and chain: every box's figures from a real (throwaway) PostgreSQL, for this
counter's store and for the chain, with each store's subtotal and the total."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_app.domain.sale import Tender
from pos_app.store.replication import StoreReplicator
from tests.store.fixtures import pg_server, store_db
from tests.store.helpers import open_ledger, sell
from tests.store.pgserver import SUPERPASS, PgServer
from tests.ui.test_settings_dialog import WAIT

__all__ = ["pg_server", "store_db"]

pytestmark = [pytest.mark.gui, pytest.mark.posix]


def _table(dialog: Any) -> list[list[str]]:
    table = dialog.table
    return [[table.item(r, c).text() for c in (0, 1, 2, 6)] for r in range(table.rowCount())]


def test_the_store_and_the_chain_from_the_store_database(
    qtbot: QtBot,
    window: Any,
    run: Any,
    pg_server: PgServer,
    store_db: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    screenshot: Any,
) -> None:
    monkeypatch.setenv("POS_STORE_DATABASE_PASSWORD", SUPERPASS)
    url = pg_server.url(dbname=store_db)
    dialog = window.open_store_view()  # no store database yet: said so, nothing else
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT) as got:
        dialog.refresh()
    assert got.args == [False] and "Settings → Database" in dialog.note.text()
    centro = open_ledger(tmp_path / "centro")
    norte = open_ledger(tmp_path / "norte")
    sell(centro, "CAJA05", "100.00", store="SUC001")
    sell(centro, "CAJA05", "50.00", store="SUC001", tender=Tender.CASH)
    sell(norte, "CAJA09", "30.00", store="SUC002")

    async def push() -> None:
        for ledger, box, store in ((centro, "CAJA05", "SUC001"), (norte, "CAJA09", "SUC002")):
            rep = StoreReplicator(ledger, url, SUPERPASS, box=box, store=store)
            assert await rep.flush(10)
            await rep.aclose()

    run(push())
    run(window.rt.reconfigure(window.rt.config.with_changes(store_database=url)))
    dialog.close()
    window._store_view = None  # the scopes follow the configured store
    dialog = window.open_store_view()
    assert dialog.chosen == "store"
    assert dialog.scope.currentText() == "This store (SUC001)"
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=WAIT)
    assert _table(dialog) == [
        ["SUC001", "CAJA05", "2", "$ 150,00"],
        ["SUC001", "All boxes", "2", "$ 150,00"],
    ]
    assert dialog.table.item(0, 3).text() == "$ 100,00"  # Mercado Pago QR
    assert dialog.table.item(0, 4).text() == "$ 50,00"  # cash
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT) as got:
        dialog.choose("chain")
    assert got.args == [True]
    assert _table(dialog) == [
        ["SUC001", "CAJA05", "2", "$ 150,00"],
        ["SUC001", "All boxes", "2", "$ 150,00"],
        ["SUC002", "CAJA09", "1", "$ 30,00"],
        ["SUC002", "All boxes", "1", "$ 30,00"],
        ["", "Whole chain", "3", "$ 180,00"],
    ]
    assert dialog.table.item(4, 0).font().bold()
    screenshot(dialog, "store_view_chain")
    # The server gone: said so, the window sells on.
    pg_server.stop("fast")
    try:
        with qtbot.waitSignal(dialog.loaded, timeout=WAIT) as got:
            dialog.refresh()
        assert got.args == [False] and "cannot be reached" in dialog.note.text()
    finally:
        pg_server.start()
    dialog.close()
    centro.close()
    norte.close()
