"""The sub-commands that use the checkout engine (same engine as the window)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import time
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from pos_app.checkout.engine import CheckoutEngine
from pos_app.checkout.events import ConnectionChanged, Event, SaleChanged
from pos_app.cli.charge_lines import (
    ChargeInputError,
    check_sale_discount,
    read_sale_discount,
    shown,
    sku_line,
)
from pos_app.cli.output import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    describe,
    err,
    exit_code_for,
    print_json,
    sale_json,
    sale_line,
)
from pos_app.domain.cart import CartLine
from pos_app.domain.money import DEFAULT_SITE_ID, Site, site_for
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.scale_label import layouts_for
from pos_app.domain.validation import (
    ValidationError,
    clean_title,
    read_iva_rate,
    read_plain_amount,
    read_quantity,
)
from pos_app.errors import UserFacingError
from pos_app.ledger.catalog import CatalogFileError, ImportProgress
from pos_app.ledger.refunds import RefundStore
from pos_app.ledger.store import Ledger
from pos_app.runtime import open_runtime
from pos_app.settings import config as config_mod
from pos_app.settings import paths
from pos_app.settings.config import PollSchedule
from pos_app.system.console import stop_on_signals

log = logging.getLogger(__name__)


class UsageError(Exception):
    pass


def run_command(args: argparse.Namespace) -> int:
    try:
        if args.command not in ("configure", "doctor", "support-file"):  # they report it
            announce_config_damage()
        if args.command == "sales" and (args.store or args.chain):
            from pos_app.cli.store import cmd_store_sales

            return asyncio.run(cmd_store_sales(args))
        if args.command == "sales":
            return cmd_sales(args)
        if args.command == "relay":
            from pos_app.cli.store import cmd_relay

            return cmd_relay(args)
        if args.command == "catalog":
            return cmd_catalog_import(args)
        if args.command == "configure":
            from pos_app.cli.configure import cmd_configure

            return asyncio.run(cmd_configure(args))
        if args.command == "ledger":
            from pos_app.cli.ledger import cmd_ledger

            return cmd_ledger(args)
        if args.command == "refund":
            from pos_app.cli.refund import cmd_refund

            return asyncio.run(cmd_refund(args))
        if args.command == "receipt":
            from pos_app.cli.receipt import cmd_receipt

            return cmd_receipt(args)
        if args.command in ("backup", "restore"):
            from pos_app.cli.backup import cmd_backup, cmd_restore

            return (cmd_backup if args.command == "backup" else cmd_restore)(args)
        if args.command == "support-file":
            from pos_app.cli.support import cmd_support_file

            return asyncio.run(cmd_support_file(args))
        if args.command == "doctor":
            from pos_app.cli.doctor import cmd_doctor

            return asyncio.run(cmd_doctor(args))
        if args.command in ("close", "cash", "shift", "reconcile"):
            from pos_app.cli import day

            if args.command == "cash":
                return day.cmd_cash(args)
            if args.command == "shift":
                return day.cmd_shift(args)
            day_handler = day.cmd_close if args.command == "close" else day.cmd_reconcile
            return asyncio.run(day_handler(args))
        handler = {"charge": cmd_charge, "status": cmd_status, "cancel": cmd_cancel}[args.command]
        return asyncio.run(handler(args))
    except UsageError as exc:
        err(f"pos-app: {exc}")

        return EXIT_USAGE
    except ValidationError as exc:
        err(f"pos-app: {exc.msg}")
        return EXIT_USAGE
    except UserFacingError as exc:
        err(f"pos-app: {exc.msg}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        err("pos-app: interrupted")
        return EXIT_ERROR


def announce_config_damage() -> None:
    """A damaged settings file is put aside and repaired by the first load: say so, once."""
    loaded = config_mod.load()
    if loaded.problem is not None:
        err(f"pos-app: {loaded.problem}")


# -- ledger only -------------------------------------------------------------------------------
def cmd_sales(args: argparse.Namespace) -> int:
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        sales = ledger.all_sales(limit=args.limit)
        refunds = RefundStore(ledger)
        given_back = {s.external_reference: refunds.for_sale(s.external_reference) for s in sales}
    finally:
        ledger.close()
    if args.json:
        print_json([sale_json(s, given_back[s.external_reference]) for s in sales])
    else:
        for sale in sales:
            print(sale_line(sale, given_back[sale.external_reference]))
        if not sales:
            err("no sales yet")
    return EXIT_OK


def cmd_catalog_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    config = config_mod.load().config
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        report = ledger.catalog.import_csv(
            path, site_for(config.site_id), progress=_import_progress_printer(path)
        )
    except CatalogFileError as exc:
        raise UsageError(str(exc.msg)) from None
    except OSError as exc:  # unreadable (permissions, a disk gone), not a traceback
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    finally:
        ledger.close()
    for warning in report.warnings:
        err(f"{path}: {warning}")
    for line_no, problem in report.errors:
        err(f"{path}:{line_no}: {problem}")
    if report.unreported:
        err(f"{path}: and {report.unreported} more lines refused")
    print(f"imported {report.imported} products, {report.refused} rows refused")
    return EXIT_OK if report.imported or not report.refused else EXIT_USAGE


def _import_progress_printer(path: Path) -> Callable[[ImportProgress], None]:
    """Progress on stderr, at most once a second (nothing for a file read in under a second)."""
    last = time.monotonic()
    shown = False

    def show(step: ImportProgress) -> None:
        nonlocal last, shown
        now = time.monotonic()
        if (step.done and not shown) or (not step.done and now - last < 1.0):
            return
        last, shown = now, True
        err(
            f"{path.name}: {step.fraction:.0%} read, {step.lines_read:,} lines, "
            f"{step.imported:,} products imported, {step.refused:,} refused"
        )

    return show


# -- charging ----------------------------------------------------------------------------------
def parse_item(spec: str, site: Site | None = None) -> CartLine:
    """``TITLE:QTY:UNIT_PRICE``, optionally ``:IVA%`` (Colombia: the rate the price includes,
    0, 5 or 19; a line without one is exempt), checked as the cart will check it.

    Scripts write machine numbers: a dot is always the decimal mark here (unlike the window,
    where "1.234" in Argentina is a thousand), and only ASCII digits are digits
    (:func:`~pos_app.domain.validation.read_plain_amount`).
    """
    site = site or site_for(DEFAULT_SITE_ID)
    iva = Decimal(0)
    head, _, last = spec.rpartition(":")
    if head and last.strip().endswith("%"):
        spec = head
        try:
            iva = read_iva_rate(last.strip()[:-1] or "-")
        except ValidationError:
            raise UsageError(f"--item: IVA {last!r} must be 0%, 5% or 19%") from None
    parts = spec.rsplit(":", 2)
    if len(parts) != 3:
        raise UsageError(f"--item {shown(spec)}: expected TITLE:QTY:UNIT_PRICE[:IVA%]")
    title_text, qty_text, price_text = parts
    try:
        title = clean_title(title_text)
        qty = read_quantity(qty_text)
        price = read_plain_amount(price_text, site)
    except ValidationError as exc:
        raise UsageError(f"--item {shown(spec)}: {exc.msg}") from None
    return CartLine(sku="", title=title, unit_price=price, quantity=qty, iva_rate=iva)


async def cmd_charge(args: argparse.Namespace) -> int:
    if not args.item and not args.sku:
        raise UsageError("nothing to charge: give at least one --item or --sku")
    config = config_mod.load().config
    if args.poll_interval:
        if args.poll_interval <= 0:
            raise UsageError("--poll-interval must be positive")
        config = config.with_changes(poll=PollSchedule.fixed(args.poll_interval))
    lines = [parse_item(spec, site_for(config.site_id)) for spec in args.item]
    # Only a charge that waits lives long enough for a notification to matter.
    async with open_runtime(config=config, enable_receiver=bool(args.wait)) as rt:
        if rt.receiver_problem:
            err(f"pos-app: notifications off ({rt.receiver_problem}); following by polling")
        empty = bool(args.sku) and rt.ledger.catalog.count() == 0
        layouts = layouts_for(config.scale_labels, config.site_id)
        discount = None
        try:
            for spec in args.sku:
                lines.append(
                    sku_line(
                        spec,
                        rt.site,
                        rt.ledger.catalog.lookup_code,
                        layouts,
                        catalog_empty=empty,
                    )
                )
            if args.discount:
                discount = read_sale_discount(args.discount, rt.site)
                check_sale_discount(
                    discount,
                    lines,
                    rt.site,
                    limit=config.max_discount_percent,
                    pin_hash=config.supervisor_pin,
                )
        except ChargeInputError as exc:
            raise UsageError(str(exc)) from None
        await rt.engine.resume()
        stop = asyncio.Event()
        printer = _ProgressPrinter(sales=bool(args.wait))
        rt.bus.subscribe(printer)
        # Ctrl-C, SIGTERM and (Windows) console close cancel the order and verify: on Windows
        # through Python's own signal handlers, as its event loops cannot watch signals.
        with stop_on_signals(asyncio.get_running_loop(), stop.set):
            sale = await rt.engine.charge(lines, sale_discount=discount)
            printer.say(sale)  # unless an event already said exactly that
            if args.wait and sale.is_open:
                sale = await _follow(rt.engine, sale.external_reference, args.timeout, stop)
        if args.json:
            print_json(sale_json(sale))
        elif not args.wait:
            print(sale.external_reference)
        else:
            print(sale_line(sale))
        if not args.wait:
            return EXIT_OK if sale.is_open or sale.status.value == "paid" else exit_code_for(sale)
        return exit_code_for(sale)


async def _follow(
    engine: CheckoutEngine, ref: str, timeout: float | None, stop: asyncio.Event
) -> SaleSnapshot:
    waiter = asyncio.ensure_future(engine.wait_final(ref))
    stopper = asyncio.ensure_future(stop.wait())
    try:
        done, _ = await asyncio.wait(
            {waiter, stopper}, timeout=timeout, return_when="FIRST_COMPLETED"
        )
    finally:
        stopper.cancel()
    if waiter in done:
        return waiter.result()
    waiter.cancel()
    why = "interrupted" if stop.is_set() else f"no payment after {timeout:g} s"
    err(f"sale {ref}: {why}; canceling the order and verifying")
    try:
        return await engine.cancel(ref)
    except UserFacingError as exc:
        err(f"pos-app: {exc.msg}")
        return engine.ledger.get_sale(ref) or await engine.wait_final(ref, 0)


class _ProgressPrinter:
    """Sale changes (``sales``) on stderr, each state once (an event that only refreshes the
    sale's flags prints nothing new) and, always, why Mercado Pago cannot be used: a revoked
    token must be named as such, not left to look like "connection trouble"."""

    def __init__(self, *, sales: bool = True) -> None:
        self._sales = sales
        self._said: dict[str, str] = {}  # reference -> the last line printed about it

    def say(self, sale: SaleSnapshot) -> None:
        text = str(describe(sale))
        ref = sale.external_reference
        if self._said.get(ref) == text:
            return
        self._said[ref] = text
        err(f"{datetime.now().strftime('%H:%M:%S')} {ref}: {text}")

    def __call__(self, event: Event) -> None:
        if isinstance(event, SaleChanged) and self._sales:
            self.say(event.sale)
        elif isinstance(event, ConnectionChanged) and not event.online and event.problem:
            err(f"{datetime.now().strftime('%H:%M:%S')} pos-app: {event.problem}")


def _progress_printer(*, sales: bool = True) -> Callable[[Event], None]:
    return _ProgressPrinter(sales=sales)


async def cmd_status(args: argparse.Namespace) -> int:
    async with open_runtime(enable_receiver=False) as rt:
        rt.bus.subscribe(_progress_printer(sales=False))
        sale = await rt.engine.reconcile(args.reference, "status")
        refunds = RefundStore(rt.ledger).for_sale(sale.external_reference)
        if args.json:
            print_json(sale_json(sale, refunds))
        else:
            print(sale_line(sale, refunds))
        return exit_code_for(sale)


async def cmd_cancel(args: argparse.Namespace) -> int:
    async with open_runtime(enable_receiver=False) as rt:
        rt.bus.subscribe(_progress_printer(sales=False))
        sale = await rt.engine.cancel(args.reference, cash=args.cash)
        if args.json:
            print_json(sale_json(sale))
        else:
            print(sale_line(sale))
        if sale.status.value == "paid":
            err("the customer had already paid: the sale is PAID, do not charge again")
        return exit_code_for(sale)
