"""Day → Store and chain in Colombia: a column of IVA per rate (net of refunds, as each box's
close states it), on a 1024 x 600 screen; none elsewhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_app.settings.config import Config
from pos_app.store.replication import StoreReplicator
from pos_app.ui.day.store_view import StoreViewDialog
from tests.store.fixtures import pg_server, store_db
from tests.store.helpers import open_ledger
from tests.store.pgserver import SUPERPASS, PgServer
from tests.store.test_store_iva import MCO, sell_mco
from tests.ui.test_settings_dialog import WAIT

__all__ = ["pg_server", "store_db"]

pytestmark = [pytest.mark.gui, pytest.mark.posix]


def test_colombia_store_view_has_iva_per_rate_at_1024x600(
    qtbot: QtBot,
    run: Any,
    pg_server: PgServer,
    store_db: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    screenshot: Any,
) -> None:
    monkeypatch.setenv("POS_STORE_DATABASE_PASSWORD", SUPERPASS)
    url = pg_server.url(dbname=store_db)
    ledgers = {box: open_ledger(tmp_path / box) for box in ("CAJA01", "CAJA02")}
    sell_mco(ledgers["CAJA01"], "CAJA01", cash=False)
    sell_mco(ledgers["CAJA02"], "CAJA02", cash=True)

    async def push() -> None:
        for box, ledger in ledgers.items():
            rep = StoreReplicator(ledger, url, SUPERPASS, box=box, store="SUC001")
            assert await rep.flush(10)
            await rep.aclose()

    run(push())
    config = Config(
        store_database=url, store_external_id="SUC001", box_external_id="CAJA01", site_id="MCO"
    )
    dialog = StoreViewDialog(lambda: config, MCO)
    qtbot.addWidget(dialog)
    dialog.resize(1024, 600 - 40)
    dialog.show()
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT) as got:
        dialog.refresh()
    assert got.args == [True]
    table = dialog.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers[-2:] == ["IVA 19%", "IVA 5%"]
    rows = [[table.item(r, c).text() for c in (1, 7, 8)] for r in range(table.rowCount())]
    assert rows == [
        ["CAJA01", "$ 1.485", "$ 44"],
        ["CAJA02", "$ 1.485", "$ 44"],
        ["All boxes", "$ 2.970", "$ 88"],
    ]
    # Every column readable without scrolling on a 1024-wide screen.
    assert table.horizontalScrollBar().maximum() == 0
    screenshot(dialog, "store_view_mco_1024x600")
    dialog.close()
    for ledger in ledgers.values():
        ledger.close()


def test_a_store_database_that_does_not_answer_is_said_not_read_for_good(
    qtbot: QtBot,
    run: Any,
    pg_server: PgServer,
    store_db: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """The sales table locked by a maintenance: the view said "Reading the store database…"
    for good; now it says the database cannot be reached once the read has taken too long."""
    import psycopg

    from pos_app.ui.day import store_view

    monkeypatch.setenv("POS_STORE_DATABASE_PASSWORD", SUPERPASS)
    monkeypatch.setattr(store_view, "READ_TIMEOUT", 0.25)
    url = pg_server.url(dbname=store_db)
    ledger = open_ledger(tmp_path / "CAJA01")
    sell_mco(ledger, "CAJA01", cash=False)

    async def push() -> None:
        rep = StoreReplicator(ledger, url, SUPERPASS, box="CAJA01", store="SUC001")
        assert await rep.flush(10)
        await rep.aclose()

    run(push())
    config = Config(
        store_database=url, store_external_id="SUC001", box_external_id="CAJA01", site_id="MCO"
    )
    dialog = StoreViewDialog(lambda: config, MCO)
    qtbot.addWidget(dialog)
    with psycopg.connect(pg_server.admin_url(store_db)) as admin:
        admin.execute("LOCK TABLE sales IN ACCESS EXCLUSIVE MODE")
        with qtbot.waitSignal(dialog.loaded, timeout=WAIT) as got:
            dialog.refresh()
    assert got.args == [False] and "cannot be reached" in dialog.note.text()
    ledger.close()
