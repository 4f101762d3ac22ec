"""``pos-app charge``, ``status`` and ``cancel``: a sale at the box, through the checkout engine
(the same engine as the window). The heavy commands: :mod:`pos_app.cli.dispatch` imports this
module only for them."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

from pos_app.checkout.engine import CheckoutEngine
from pos_app.checkout.events import ConnectionChanged, Event, SaleChanged, SaleSetAside
from pos_app.cli.charge_lines import (
    ChargeInputError,
    check_sale_discount,
    read_sale_discount,
    shown,
    sku_line,
)
from pos_app.cli.dispatch import UsageError
from pos_app.cli.output import (
    EXIT_OK,
    describe,
    err,
    exit_code_for,
    print_json,
    refund_lines,
    sale_json,
    sale_line,
)
from pos_app.cli.sales import counted_on
from pos_app.domain.cart import CartLine
from pos_app.domain.money import DEFAULT_SITE_ID, Site, site_for
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.scale_label import layouts_for
from pos_app.domain.text_fields import ITEM_DESCRIPTION, check_text
from pos_app.domain.validation import (
    ValidationError,
    read_iva_rate,
    read_plain_amount,
    read_quantity,
)
from pos_app.errors import UserFacingError
from pos_app.ledger.refunds import RefundStore
from pos_app.runtime import open_runtime
from pos_app.settings import config as config_mod
from pos_app.settings.config import PollSchedule
from pos_app.system.console import stop_on_signals


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
        title = check_text(title_text, ITEM_DESCRIPTION)
        qty = read_quantity(qty_text)
        price = read_plain_amount(price_text, site)
    except ValidationError as exc:
        raise UsageError(f"--item {shown(spec)}: {exc.msg}") from None
    return CartLine(sku="", title=title, unit_price=price, quantity=qty, iva_rate=iva)


async def cmd_charge(args: argparse.Namespace) -> int:
    if not args.item and not args.sku:
        raise UsageError("nothing to charge: give at least one --item or --sku")
    config = config_mod.load().config
    if args.poll_interval:  # 0.2 to 300 s, checked by the parser
        config = config.with_changes(poll=PollSchedule.fixed(args.poll_interval))
    lines = [parse_item(spec, site_for(config.site_id)) for spec in args.item]
    # Only a charge that waits lives long enough for a notification to matter.
    async with open_runtime(config=config, enable_receiver=bool(args.wait)) as rt:
        rt.require_token()
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
        for unreadable in rt.engine.unreadable:  # set aside by the resume: the box sells on
            printer(SaleSetAside(unreadable.reference, unreadable.problem.msg))
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
        elif isinstance(event, SaleSetAside):
            err(f"pos-app: {event.notice}")


def _progress_printer(*, sales: bool = True) -> Callable[[Event], None]:
    return _ProgressPrinter(sales=sales)


async def cmd_status(args: argparse.Namespace) -> int:
    async with open_runtime(enable_receiver=False) as rt:
        rt.engine.require(args.reference)  # an unknown reference is said first, as ever
        rt.require_token()
        rt.bus.subscribe(_progress_printer(sales=False))
        sale = await rt.engine.reconcile(args.reference, "status")
        refunds = RefundStore(rt.ledger).for_sale(sale.external_reference)
        where = counted_on(rt.ledger, [sale]).get(sale.external_reference)
        if args.json:
            print_json(sale_json(sale, refunds, where))
        else:
            print(sale_line(sale, refunds, where))
            for line in refund_lines(refunds, site_for(sale.site_id)):
                print(line)
        return exit_code_for(sale)


async def cmd_cancel(args: argparse.Namespace) -> int:
    async with open_runtime(enable_receiver=False) as rt:
        if args.reference:
            rt.engine.require(args.reference)  # an unknown reference is said first, as ever
        rt.require_token()
        rt.bus.subscribe(_progress_printer(sales=False))
        sale = await rt.engine.cancel(args.reference, cash=args.cash)
        if args.json:
            print_json(sale_json(sale))
        else:
            print(sale_line(sale))
        if sale.status.value == "paid":
            err("the customer had already paid: the sale is PAID, do not charge again")
            if args.cash:  # paid by QR before the cash was confirmed: none is recorded
                err("do not take cash (give back any you took)")
        return exit_code_for(sale)
