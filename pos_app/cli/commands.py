"""The sub-commands that use the checkout engine (same engine as the window)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pos_app.checkout.engine import CheckoutEngine, describe
from pos_app.checkout.events import ConnectionChanged, Event, SaleChanged
from pos_app.cli.output import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    err,
    exit_code_for,
    print_json,
    sale_json,
    sale_line,
)
from pos_app.domain.cart import IVA_RATES, CartLine
from pos_app.domain.money import site_for
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.validation import ValidationError
from pos_app.errors import UserFacingError
from pos_app.ledger.store import Ledger
from pos_app.runtime import open_runtime
from pos_app.settings import config as config_mod
from pos_app.settings import paths
from pos_app.settings.config import PollSchedule

log = logging.getLogger(__name__)


class UsageError(Exception):
    pass


def run_command(args: argparse.Namespace) -> int:
    try:
        if args.command == "sales":
            return cmd_sales(args)
        if args.command == "catalog":
            return cmd_catalog_import(args)
        if args.command == "configure":
            from pos_app.cli.configure import cmd_configure

            return asyncio.run(cmd_configure(args))
        if args.command == "doctor":
            from pos_app.cli.doctor import cmd_doctor

            return asyncio.run(cmd_doctor(args))
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


# -- ledger only -------------------------------------------------------------------------------
def cmd_sales(args: argparse.Namespace) -> int:
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        sales = ledger.all_sales(limit=args.limit)
    finally:
        ledger.close()
    if args.json:
        print_json([sale_json(s) for s in sales])
    else:
        for sale in sales:
            print(sale_line(sale))
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
        report = ledger.catalog.import_csv(path, site_for(config.site_id))
    finally:
        ledger.close()
    for line_no, problem in report.errors:
        err(f"{path}:{line_no}: {problem}")
    print(f"imported {report.imported} products, {len(report.errors)} rows refused")
    return EXIT_OK if report.imported or not report.errors else EXIT_USAGE


# -- charging ----------------------------------------------------------------------------------
def parse_item(spec: str) -> CartLine:
    """``TITLE:QTY:UNIT_PRICE``, optionally ``:IVA%`` (Colombia: the rate the price includes,
    0, 5 or 19; a line without one is exempt)."""
    iva = Decimal(0)
    head, _, last = spec.rpartition(":")
    if head and last.strip().endswith("%"):
        spec = head
        try:
            iva = Decimal(last.strip()[:-1])
        except InvalidOperation:
            iva = Decimal(-1)
        if iva not in IVA_RATES:
            raise UsageError(f"--item: IVA {last!r} must be 0%, 5% or 19%")
    parts = spec.rsplit(":", 2)
    if len(parts) != 3:
        raise UsageError(f"--item {spec!r}: expected TITLE:QTY:UNIT_PRICE[:IVA%]")
    title, qty_text, price_text = parts
    try:
        qty = int(qty_text)
    except ValueError:
        raise UsageError(f"--item {spec!r}: quantity {qty_text!r} is not a whole number") from None
    # Scripts write machine numbers: a dot is always the decimal mark here (unlike the window,
    # where "1.234" in Argentina is a thousand).
    try:
        price = Decimal(price_text.strip())
    except InvalidOperation:
        price = None
    if price is None or not price.is_finite():
        raise UsageError(f"--item {spec!r}: price {price_text!r} is not an amount (use 1234.50)")
    return CartLine(sku="", title=title, unit_price=price, quantity=qty, iva_rate=iva)


async def cmd_charge(args: argparse.Namespace) -> int:
    if not args.item and not args.sku:
        raise UsageError("nothing to charge: give at least one --item or --sku")
    config = config_mod.load().config
    if args.poll_interval:
        if args.poll_interval <= 0:
            raise UsageError("--poll-interval must be positive")
        config = config.with_changes(poll=PollSchedule.fixed(args.poll_interval))
    lines = [parse_item(spec) for spec in args.item]
    # Only a charge that waits lives long enough for a notification to matter.
    async with open_runtime(config=config, enable_receiver=bool(args.wait)) as rt:
        if rt.receiver_problem:
            err(f"pos-app: notifications off ({rt.receiver_problem}); following by polling")
        for spec in args.sku:
            code, _, qty_text = spec.partition(":")
            product = rt.ledger.catalog.lookup_code(code)
            if product is None and rt.ledger.catalog.count() == 0:
                raise UsageError(
                    f"--sku {code!r}: the catalog is empty. Import your products first: "
                    "pos-app catalog import FILE.csv (columns sku,barcode,title,unit_price,"
                    "category,unit_measure,iva_rate; sku, title and unit_price "
                    "are required), or charge with --item TITLE:QTY:PRICE"
                )
            if product is None:
                raise UsageError(f"--sku {code!r}: not in the catalog")
            try:
                qty = int(qty_text or "1")
            except ValueError:
                raise UsageError(f"--sku {spec!r}: bad quantity") from None
            lines.append(product.to_line(qty))
        await rt.engine.resume()
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signal.SIGINT, stop.set)
            loop.add_signal_handler(signal.SIGTERM, stop.set)
        printer = _ProgressPrinter(sales=bool(args.wait))
        rt.bus.subscribe(printer)
        sale = await rt.engine.charge(lines)
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
        if args.json:
            print_json(sale_json(sale))
        else:
            print(sale_line(sale))
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


def today_start() -> datetime:
    now = datetime.now().astimezone()
    return now.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)
