"""Day → Store and chain in Spanish and Portuguese, with figures (two Colombian boxes, their
IVA columns), on a 1024 x 600 screen: every header and figure readable, nothing clipped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_app.settings.config import Config
from pos_app.store.replication import StoreReplicator
from pos_app.ui.day.store_view import StoreViewDialog
from tests.i18n.texts import visible_texts
from tests.store.fixtures import pg_server, store_db
from tests.store.helpers import open_ledger
from tests.store.pgserver import SUPERPASS, PgServer
from tests.store.test_store_iva import MCO, sell_mco
from tests.ui.test_settings_dialog import WAIT

__all__ = ["pg_server", "store_db"]

pytestmark = [pytest.mark.gui, pytest.mark.posix]

HEADERS = {
    "es": ["Sucursal", "Caja", "Ventas", "QR de Mercado Pago", "Efectivo", "Devoluciones", "Neto"],
    "pt_BR": ["Loja", "Caixa", "Vendas", "QR do Mercado Pago", "Dinheiro", "Devoluções", "Líquido"],
}


@pytest.mark.parametrize("lang", ["es", "pt_BR"])
def test_store_view_in_spanish_and_portuguese_at_1024x600(
    qtbot: QtBot,
    run: Any,
    pg_server: PgServer,
    store_db: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    screenshot: Any,
    lang: str,
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
    dialog.resize(1024, 560)
    dialog.show()
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT) as got:
        dialog.refresh()
    assert got.args == [True]
    table = dialog.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == [*HEADERS[lang], "IVA 19%", "IVA 5%"]
    assert table.item(2, 1).text() == {"es": "Todas las cajas", "pt_BR": "Todos os caixas"}[lang]
    assert table.horizontalScrollBar().maximum() == 0  # every column on a 1024-wide screen
    clipped = [s for s in visible_texts(dialog) if s.clipped and s.kind != "scroll"]
    assert not clipped
    screenshot(dialog, f"store_view_mco_{lang}_1024x600")
    dialog.close()
    for ledger in ledgers.values():
        ledger.close()
