"""The main window's *Day* menu: cash drawer and the day's close, wired to the engine."""

from __future__ import annotations

import asyncio
import functools
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from pos_app.checkout.day import (
    adopt,
    back_up_after_close,
    close_day,
    reconcile_day_with_mp,
)
from pos_app.domain.day import CloseReport, site_zone
from pos_app.domain.money import Site
from pos_app.i18n import Message
from pos_app.receipts import service as receipts
from pos_app.receipts.printers import PrintError, parse_printer, send_async
from pos_app.settings.config import Config
from pos_app.ui.day.dialogs import CashDrawerDialog, CloseDayDialog
from pos_app.ui.qtkit import translations
from pos_app.ui.qtkit.errors import describe_error

if TYPE_CHECKING:
    from pos_app.runtime import Runtime
    from pos_app.ui.counter.main_window import MainWindow


class DayActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.drawer: CashDrawerDialog | None = None
        self.closing: CloseDayDialog | None = None
        self._close_task: asyncio.Task[None] | None = None
        self._checks: set[asyncio.Task[None]] = set()  # the check with Mercado Pago, adoptions

    @property
    def _rt(self) -> Runtime:
        return self._window.rt

    def open_cash_drawer(self) -> CashDrawerDialog:
        # A new dialog has just read the day book; reading it again doubled the first opening
        # (every sale since the last close is read).
        if self.drawer is None:
            rt = self._rt
            self.drawer = CashDrawerDialog(
                rt.site, rt.ledger.day, clock=rt.engine.clock, parent=self._window
            )
            self.drawer.printRequested.connect(self._print_shift_report)
        else:
            self.drawer.refresh()
        self.drawer.set_printer(bool(self._rt.config.receipt_printer))
        self.drawer.show()
        self.drawer.raise_()
        return self.drawer

    def open_close_day(self) -> CloseDayDialog:
        if self.closing is None or self.closing.report is not None:
            rt = self._rt
            dialog = CloseDayDialog(  # reads the day book: no second refresh below
                rt.site, rt.ledger.day, clock=rt.engine.clock, parent=self._window
            )
            dialog.closeRequested.connect(self._close)
            dialog.reconcileRequested.connect(self._reconcile)
            dialog.adoptRequested.connect(self._adopt)
            dialog.printRequested.connect(self._print_report)
            self.closing = dialog
        else:
            self.closing.refresh()
        self.closing.set_printer(bool(self._rt.config.receipt_printer))
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

        self._close_task = self._window.calls.run(
            go(), on_error=lambda exc: dialog.show_close_error(describe_error(exc))
        )

    def close_under_way(self) -> asyncio.Task[None] | None:
        """The day's close being made (its open sales checked with Mercado Pago, then written),
        if it is: quitting would cancel it half-way, the close never recorded."""
        task = self._close_task
        return task if task is not None and not task.done() else None

    def check_under_way(self) -> asyncio.Task[None] | None:
        """A check of the day against Mercado Pago, or a payment being adopted into it, if one
        runs: quitting canceled it half-way (an adopted payment not recorded, nothing said)."""
        return next((task for task in self._checks if not task.done()), None)

    def _keep_check(self, task: asyncio.Task[None]) -> None:
        self._checks.add(task)
        task.add_done_callback(self._checks.discard)

    def _print_report(self) -> None:
        """The report as shown, on the receipt printer: in a thread of its own with a time
        limit, so a printer that is off or unplugged never blocks the window (nor the close)."""
        dialog = self.closing
        assert dialog is not None
        report, rt = dialog.shown_report(), self._rt

        async def go() -> None:
            dialog.show_printed(await print_close_report(report, rt.site, rt.config))

        self._window.tasks.spawn(
            go(), name="close-report", on_error=lambda exc: dialog.show_printed(describe_error(exc))
        )

    def _print_shift_report(self) -> None:
        """The period so far (with its hand-overs and sales by shift) on the receipt printer,
        as the close's Print does it; nothing is closed."""
        dialog = self.drawer
        assert dialog is not None
        rt = self._rt
        report = rt.ledger.day.preview(rt.site, now=rt.engine.clock())

        async def go() -> None:
            problem = await print_close_report(report, rt.site, rt.config, shift_report=True)
            dialog.show_printed(problem)

        self._window.tasks.spawn(
            go(), name="shift-report", on_error=lambda exc: dialog.show_printed(describe_error(exc))
        )

    def _reconcile(self) -> None:
        dialog = self.closing
        assert dialog is not None

        async def go() -> None:
            result = await reconcile_day_with_mp(self._rt.engine, self._today().date())
            dialog.show_reconciliation(result)

        self._keep_check(
            self._window.calls.run(
                go(), on_error=lambda exc: dialog.show_reconcile_error(describe_error(exc))
            )
        )

    def _adopt(self, payment_id: int) -> None:
        dialog = self.closing
        assert dialog is not None and dialog.reconciliation is not None
        result = dialog.reconciliation
        payment = next(p for p in result.missing_in_ledger if p.id == payment_id)

        async def go() -> None:
            await adopt(self._rt.engine, result, payment, translate=QCoreApplication.translate)
            dialog.adopted()

        self._keep_check(
            self._window.calls.run(
                go(), on_error=lambda exc: dialog.show_reconcile_error(describe_error(exc))
            )
        )


def _translated(msg: Message) -> str:
    return msg.render(QCoreApplication.translate, screen=True)


async def print_close_report(
    report: CloseReport, site: Site, config: Config, *, shift_report: bool = False
) -> str | None:
    """Send the close report (``shift_report``: the period so far, see ``report_rows``) to the
    configured ESC/POS receipt printer, at its paper width; ``None`` when it printed, else why
    not, in the cashier's words."""
    try:
        spec = parse_printer(config.receipt_printer)
    except ValueError as exc:
        return _translated(exc.args[0]) if exc.args and isinstance(exc.args[0], Message) else ""
    if not spec.is_escpos:
        return QCoreApplication.translate(
            "CloseDayDialog",
            "The report prints on a receipt printer (ESC/POS); for a system printer, save it as "
            "PDF and print that.",
        )
    opts = receipts.options(config, speaking=translations.speaking())
    import asyncio  # here: this module may load before the first frame, asyncio after it

    # Off the GUI thread: the first print imports python-escpos and Pillow (~0.2 s).
    data = await asyncio.to_thread(
        functools.partial(
            receipts.close_report_bytes,
            shop_name=receipts.shop_info(config).name,
            shift_report=shift_report,
        ),
        report,
        site,
        opts,
    )
    try:
        await send_async(spec, data)
    except PrintError as exc:
        return _translated(exc.msg)
    return None
