"""Day → Store and chain: every box's figures from the store database (issue 17), for this
counter's store or for every store of the account, with each store's subtotal and the total.

Read-only, never needed to sell: the figures are each box's current period (since its last
close), as ``pos-app close --store`` / ``--chain`` prints them. Nothing here depends on the
cashier window's modules (one Qt workaround aside); it needs the configuration and the site.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.day import CloseReport
from pos_app.domain.money import Site, format_money
from pos_app.domain.sale import Tender
from pos_app.settings import secrets
from pos_app.settings.config import Config
from pos_app.ui.qtkit.errors import translate_message
from pos_app.ui.qtkit.keyboard import install_mnemonics, no_tab_trap
from pos_app.ui.qtkit.window_settings import resize_for_screen
from pos_app.ui.qtkit.workarounds import emit  # main: pos_app.ui.qtkit.workarounds

STORE, CHAIN = "store", "chain"
READ_TIMEOUT = 60.0  # seconds a reading of the figures may take, all in all


class StoreViewDialog(QDialog):
    loaded = Signal(bool)  # a read ended (True: the figures are shown); tests wait for it

    def __init__(
        self, config: Callable[[], Config], site: Site, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("storeView")
        self._config = config
        self.site = site
        self._task: asyncio.Task[None] | None = None
        self.setWindowTitle(self.tr("Store and chain"))
        self.scope = QComboBox()
        self.scope.setObjectName("storeViewScope")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.table = QTableWidget(0, len(self._headers()))
        self.table.setObjectName("storeViewTable")
        self.table.setHorizontalHeaderLabels(self._headers())
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName(self.tr("The store's counters"))
        no_tab_trap(self.table)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.note = QLabel()
        self.note.setObjectName("storeViewNote")
        self.note.setWordWrap(True)
        top = QHBoxLayout()
        show_label = QLabel(self.tr("Show:"))
        show_label.setBuddy(self.scope)
        top.addWidget(show_label)
        top.addWidget(self.scope, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        resize_for_screen(self, 820, 420)
        self._fill_scopes()
        self.scope.currentIndexChanged.connect(lambda _index: self.refresh())
        self.refresh_button.clicked.connect(self.refresh)
        install_mnemonics(self)

    def _fill_scopes(self) -> None:
        store = self._config().store_external_id
        self.scope.blockSignals(True)
        self.scope.clear()
        if store:
            self.scope.addItem(self.tr("This store ({store})").format(store=store), STORE)
        self.scope.addItem(self.tr("The whole chain (every store)"), CHAIN)
        self.scope.blockSignals(False)

    @property
    def chosen(self) -> str:
        return str(self.scope.currentData())

    def choose(self, scope: str) -> None:
        index = self.scope.findData(scope)
        if index >= 0:
            self.scope.setCurrentIndex(index)

    # == reading ===================================================================================
    def refresh(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self.note.setText(self.tr("Reading the store database…"))
        self._task = asyncio.ensure_future(self._load())

    def stop(self) -> asyncio.Task[None] | None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
        return task

    def closeEvent(self, event: Any) -> None:
        self.stop()
        super().closeEvent(event)

    async def _load(self) -> None:
        config = self._config()
        if not config.store_database:
            self.table.setRowCount(0)
            self.note.setText(self.tr("No store database is configured: Settings → Database."))
            emit(self.loaded, False)
            return
        # Only with a store database: psycopg and the store's modules are ~15,000 objects the
        # garbage collector tracks for good (every later full collection walks them).
        import psycopg

        from pos_app.store.replication import connect, safe_error
        from pos_app.store.schema import StoreDatabaseError
        from pos_app.store.views import store_close

        store = config.store_external_id if self.chosen == STORE else None
        # On a worker thread: a locked keyring's unlock prompt or a slow secret service must
        # not freeze the window (and is not the server's time: outside the limit below).
        password = await asyncio.to_thread(secrets.load_store_password)
        try:
            # A server that takes the connection and then does not answer: said after a
            # while (a TimeoutError is an OSError), never "Reading…" for good.
            async with asyncio.timeout(READ_TIMEOUT):
                conn = await connect(
                    config.store_database,
                    password,
                    box=config.box_external_id,
                    reading=True,
                )
                try:
                    result = await store_close(conn, self.site, now=datetime.now(UTC), store=store)
                finally:
                    with contextlib.suppress(Exception):
                        await conn.close()
        except StoreDatabaseError as exc:
            self.note.setText(translate_message(exc.msg))
            emit(self.loaded, False)
            return
        except (psycopg.Error, OSError) as exc:
            self.note.setText(
                self.tr(
                    "The store database cannot be reached ({detail}). The counters sell on; "
                    "their sales arrive when it answers again."
                ).format(detail=safe_error(exc))
            )
            emit(self.loaded, False)
            return
        rows: list[tuple[str, str, CloseReport, bool]] = []
        for subtotal in result.stores:
            rows += [
                (b.store, b.box, b.report, False) for b in result.boxes if b.store == subtotal.store
            ]
            if store is None:
                rows.append((subtotal.store, self.tr("All boxes"), subtotal.report, True))
        total_label = self.tr("Whole chain") if store is None else self.tr("All boxes")
        rows.append((store or "", total_label, result.total, True))
        self._show(rows)
        self.note.setText(
            self.tr(
                "Each box since its last close, as the store database has it at {time}. "
                "{boxes} boxes."
            ).format(time=datetime.now().strftime("%H:%M:%S"), boxes=len(result.boxes))
        )
        emit(self.loaded, True)

    def _headers(self, rates: list[str] | None = None) -> list[str]:
        """The columns; Colombia adds the IVA of each rate (net of refunds, as a close states
        it), highest rate first."""
        return [
            self.tr("Store"),
            self.tr("Box"),
            self.tr("Sales"),
            self.tr("Mercado Pago QR"),
            self.tr("Cash"),
            self.tr("Refunds"),
            self.tr("Net"),
            *(self.tr("IVA {rate}%").format(rate=rate) for rate in rates or ()),
        ]

    def _show(self, rows: list[tuple[str, str, CloseReport, bool]]) -> None:
        rates: list[str] = []
        if self.site.reports_iva:
            found = {rate for _, _, report, _ in rows for rate in report.iva}
            rates = sorted(found, key=Decimal, reverse=True)
        headers = self._headers(rates)
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(rows))

        def money(value: Decimal) -> str:
            return format_money(value, self.site)

        for row, (store, box, report, total) in enumerate(rows):
            values = [
                store,
                box,
                str(report.sales_count),
                money(report.totals.get(Tender.QR.value, Decimal(0))),
                money(report.totals.get(Tender.CASH.value, Decimal(0))),
                money(report.refunds_total),
                money(report.net),
                *(money(report.iva.get(rate, Decimal(0))) for rate in rates),
            ]
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                if col >= 2:  # counts and amounts: their digits under one another
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if total:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, col, item)
