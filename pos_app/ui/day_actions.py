"""The main window's *Day* menu: cash drawer and the day's close, wired to the engine."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from pos_app.checkout.day import (
    adopt,
    back_up_after_close,
    close_day,
    reconcile_day_with_mp,
    site_zone,
)
from pos_app.ui.day_dialogs import CashDrawerDialog, CloseDayDialog
from pos_app.ui.errors import describe_error

if TYPE_CHECKING:
    from pos_app.ui.main_window import MainWindow


class DayActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.drawer: CashDrawerDialog | None = None
        self.closing: CloseDayDialog | None = None

    @property
    def _rt(self):  # type: ignore[no-untyped-def]
        return self._window.rt

    def open_cash_drawer(self) -> CashDrawerDialog:
        if self.drawer is None:
            rt = self._rt
            self.drawer = CashDrawerDialog(
                rt.site, rt.ledger.day, clock=rt.engine.clock, parent=self._window
            )
        self.drawer.refresh()
        self.drawer.show()
        self.drawer.raise_()
        return self.drawer

    def open_close_day(self) -> CloseDayDialog:
        if self.closing is None or self.closing.report is not None:
            rt = self._rt
            dialog = CloseDayDialog(
                rt.site, rt.ledger.day, clock=rt.engine.clock, parent=self._window
            )
            dialog.closeRequested.connect(self._close)
            dialog.reconcileRequested.connect(self._reconcile)
            dialog.adoptRequested.connect(self._adopt)
            self.closing = dialog
        self.closing.refresh()
        self.closing.show()
        self.closing.raise_()
        return self.closing

    def _today(self) -> datetime:
        return datetime.now(site_zone(self._rt.site.site_id))

    def _close(self, counted: Decimal | None) -> None:
        dialog = self.closing
        assert dialog is not None

        async def go() -> None:
            report = await close_day(self._rt.engine, counted_cash=counted)
            dialog.show_closed(report)
            failed = await back_up_after_close(self._rt.close_backup())
            if failed is not None:
                dialog.show_backup_failed(describe_error(failed))
            if self.drawer is not None:
                self.drawer.refresh()

        self._window.calls.run(
            go(), on_error=lambda exc: dialog.show_close_error(describe_error(exc))
        )

    def _reconcile(self) -> None:
        dialog = self.closing
        assert dialog is not None

        async def go() -> None:
            result = await reconcile_day_with_mp(self._rt.engine, self._today().date())
            dialog.show_reconciliation(result)

        self._window.calls.run(
            go(), on_error=lambda exc: dialog.show_reconcile_error(describe_error(exc))
        )

    def _adopt(self, payment_id: int) -> None:
        dialog = self.closing
        assert dialog is not None and dialog.reconciliation is not None
        result = dialog.reconciliation
        payment = next(p for p in result.missing_in_ledger if p.id == payment_id)

        async def go() -> None:
            await adopt(self._rt.engine, result, payment)
            dialog.adopted()

        self._window.calls.run(
            go(), on_error=lambda exc: dialog.show_reconcile_error(describe_error(exc))
        )
