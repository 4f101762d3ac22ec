"""``pos-app close`` and ``reconcile``: the shop's day, through the checkout engine (``cash`` and
``shift``, ledger only: :mod:`pos_app.cli.drawer`)."""

from __future__ import annotations

import argparse
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pos_app.cli.drawer import DayUsageError, config_site, period_given, read_amount, read_day
from pos_app.cli.output import (
    EXIT_NOT_PAID,
    EXIT_OK,
    amount_json,
    err,
    print_json,
)
from pos_app.domain.day import CloseReport, report_to_json, uncounted_shifts
from pos_app.domain.money import Site, format_money
from pos_app.domain.sale import Tender

if TYPE_CHECKING:
    # The engine and the runtime are imported by the commands that run them: ``close --store``
    # reads the store database and uses this module's report_lines only.
    from pos_app.domain.reconciliation import Reconciliation
    from pos_app.settings.config import Config


def report_lines(report: CloseReport, site: Site) -> list[str]:
    def m(value: Decimal) -> str:
        return format_money(value, site)

    lines = [
        f"close #{report.number}",
        f"period            {report.opened_at.astimezone():%Y-%m-%d %H:%M} - "
        f"{report.closed_at.astimezone():%Y-%m-%d %H:%M}",
        f"sales             {report.sales_count}",
        f"Mercado Pago QR   {m(report.totals['mercadopago_qr'])}",
        f"cash              {m(report.totals['cash'])}",
        f"refunds           {m(report.refunds_total)} ({report.refunds_count})",
    ]
    for refund in report.refund_list:  # each one, with the cashier's note
        cash = " cash" if refund.tender is Tender.CASH else ""
        note = f": {refund.note}" if refund.note else ""
        lines.append(f"  refund {refund.reference}  {m(refund.amount)}{cash}{note}")
    lines += [
        f"net               {m(report.net)}",
    ]
    for t in report.shift_sales:  # the drawer changed hands: each holder's sales
        lines.append(
            f"  shift {t.cashier}{f' ({t.box})' if t.box else ''} "
            f"{t.since.astimezone():%H:%M}-{t.until.astimezone():%H:%M}: {t.sales_count} sales, "
            f"QR {m(t.qr)}, cash {m(t.cash)}"
        )
    lines += [f"IVA {rate}%{'':<10}{m(v)}" for rate, v in report.iva.items()]
    lines += [
        f"canceled          {report.canceled_count}",
        f"expired           {report.expired_count}",
        f"starting float    {m(report.starting_float)}",
        f"cash in           {m(report.cash_in)}",
        f"cash out          {m(report.cash_out)}",
        f"expected cash     {m(report.expected_cash)}",
    ]
    uncounted = uncounted_shifts(report.shifts)  # a ledger from before one shift at a time
    if uncounted:
        lines += [
            f"shift {s.cashier}{f' ({s.box})' if s.box else ''}: {m(s.starting_float)} "
            "(float not added)"
            for s in uncounted
        ]
        boxes = {s.box for s in uncounted}
        lines.append(
            f"{sum(1 for s in report.shifts if s.box in boxes)} shifts in this period (an older "
            "version allowed it): only the first one's float is in the expected cash"
        )
    if report.counted_cash is not None and report.difference is not None:
        lines += [
            f"counted cash      {m(report.counted_cash)}",
            f"difference        {m(report.difference)}",
        ]
    for h in report.handovers:  # each cashier's own count, when the drawer changed hands
        lines.append(
            f"hand-over {h.at.astimezone():%H:%M}{f' ({h.box})' if h.box else ''}: "
            f"{h.from_cashier} to {h.to_cashier}, expected {m(h.expected)}, "
            f"counted {m(h.counted)}, difference {m(h.difference)}"
        )
    if report.open_count:
        lines.append(f"still open        {report.open_count} (counted when they end)")
    for ref in report.late_payments:
        lines.append(f"paid late: {ref} (check for a double charge)")
    return lines


async def cmd_close(args: argparse.Namespace) -> int:
    if args.store or args.chain:
        if args.counted_cash is not None:
            raise DayUsageError("--counted-cash counts one drawer: close that box without --store")
        if args.print_report:
            raise DayUsageError("--print prints a box's own close: without --store/--chain")
        from pos_app.cli.store import cmd_store_close

        return await cmd_store_close(args)
    if period_given(args):  # even empty: "close --from ''" closed the day
        raise DayUsageError("--from and --to go with --store or --chain")
    from pos_app.checkout.day import back_up_after_close, close_day
    from pos_app.runtime import open_runtime

    counted = None
    if args.counted_cash is not None:  # refused before the runtime resumes anything
        counted = read_amount(args.counted_cash, config_site(), "--counted-cash", zero_ok=True)
    async with open_runtime(enable_receiver=False) as rt:
        report = await close_day(rt.engine, counted_cash=counted)
        # This command checked the ledger whole when it opened it, a second ago, and has held
        # its lock since: the backup's copy is of those pages (the window's close, hours after
        # its start-up check, still checks its copy).
        failed = await back_up_after_close(rt.close_backup(check_copy=False))
        if failed is not None:
            err(f"pos-app: close {report.number} is recorded, but its backup failed: {failed}")
        if args.json:
            print_json(report_to_json(report, rt.site))
        else:
            print("\n".join(report_lines(report, rt.site)))
        if report.open_count:
            err(f"pos-app: {report.open_count} sale(s) still open: they count when they end")
        if args.print_report:
            problem = print_close_report(report, rt.site, rt.config)
            if problem:  # the close is recorded either way (like a failed backup)
                err(f"pos-app: close {report.number} is recorded, but it did not print: {problem}")
            else:
                err(f"close {report.number} sent to {rt.config.receipt_printer}")
        return EXIT_OK


def print_close_report(
    report: CloseReport, site: Site, config: Config, *, shift_report: bool = False
) -> str:
    """Send the close report (``shift_report``: the period so far, not a close) to the
    configured ESC/POS printer; "" when it printed, else why not (in English, for the
    terminal)."""
    from pos_app.receipts import service
    from pos_app.receipts.printers import PrintError, parse_printer, send

    if not config.receipt_printer:
        return "no receipt printer is configured (Settings → Receipts)"
    try:
        spec = parse_printer(config.receipt_printer)
    except ValueError as exc:
        return str(exc.args[0]) if exc.args else "the printer setting is not readable"
    if not spec.is_escpos:
        return "the report prints on an ESC/POS receipt printer, not a system printer"
    opts = service.options(config)
    data = service.close_report_bytes(
        report, site, opts, shop_name=service.shop_info(config).name, shift_report=shift_report
    )
    try:
        send(spec, data)
    except PrintError as exc:
        return str(exc.msg)
    return ""


def orders_confirmed_text(result: Reconciliation) -> str:
    """The summary line's tail for Orders API sales found through their orders."""
    n = result.orders_confirmed
    return f"; {n} Orders API sale(s) confirmed by their order" if n else ""


def reconciliation_json(
    result: Reconciliation, site: Site, adopted: dict[int, str]
) -> dict[str, Any]:
    return {
        "begin": result.begin.isoformat(),
        "end": result.end.isoformat(),
        "payments": result.payments_seen,
        "matched": result.matched,
        "orders_confirmed": result.orders_confirmed,
        "all_match": result.all_match,
        "missing_in_ledger": [
            {
                "payment_id": p.id,
                "external_reference": p.external_reference,
                "amount": amount_json(p.amount, site),
                "date_created": p.created_at.isoformat(),
                "merchant_order_id": p.merchant_order_id,
                "ledger_sale": result.known_references.get(p.id) or None,
                "adopted_as": adopted.get(p.id),
            }
            for p in result.missing_in_ledger
        ],
        "not_at_mercadopago": [
            {
                "external_reference": s.external_reference,
                "paid_amount": amount_json(s.paid_amount, site),
                "payment_ids": list(s.payment_ids),
            }
            for s in result.not_at_mercadopago
        ],
        "amount_differences": [
            {
                "external_reference": d.reference,
                "ledger": amount_json(d.ledger_amount, site),
                "mercadopago": amount_json(d.mercadopago_amount, site),
            }
            for d in result.amount_differences
        ],
    }


async def cmd_reconcile(args: argparse.Namespace) -> int:
    if args.store or args.chain:
        if args.adopt:
            raise DayUsageError("--adopt records on one box: run it on that counter")
        from pos_app.cli.store import cmd_store_reconcile

        return await cmd_store_reconcile(args)
    from pos_app.checkout.day import adopt, reconcile_day_with_mp
    from pos_app.domain.day import site_zone
    from pos_app.runtime import open_runtime

    # Before any network; an empty --date is a bad day, not today.
    asked = read_day(args.date, "--date") if args.date is not None else None
    async with open_runtime(enable_receiver=False) as rt:
        zone = site_zone(rt.site.site_id)
        day = asked or datetime.now(zone).date()
        result = await reconcile_day_with_mp(rt.engine, day)
        adopted: dict[int, str] = {}
        if args.adopt:
            from pos_app.receipts.language import receipt_language, translator

            # Named in the shop's language, as its receipt will print it.
            shop = translator(receipt_language(rt.config.language))
            for payment in result.missing_in_ledger:
                adopted[payment.id] = await adopt(rt.engine, result, payment, translate=shop)
        if args.json:
            print_json(reconciliation_json(result, rt.site, adopted))
        else:
            print(
                f"{day}: {result.payments_seen} payments at Mercado Pago, "
                f"{result.matched} in the ledger" + orders_confirmed_text(result)
            )
            for p in result.missing_in_ledger:
                print(
                    f"missing in ledger: payment {p.id} {format_money(p.amount, rt.site)} "
                    f"ref {p.external_reference or '-'}"
                    + (f" -> adopted as {adopted[p.id]}" if p.id in adopted else "")
                )
            for s in result.not_at_mercadopago:
                print(f"not at Mercado Pago: {s.external_reference} {s.paid_amount}")
            for d in result.amount_differences:
                print(
                    f"amount differs: {d.reference} ledger {d.ledger_amount} "
                    f"MP {d.mercadopago_amount}"
                )
        # Adopting resolves the missing payments; anything else still needs a look.
        settled = result.all_match or (
            args.adopt and not result.not_at_mercadopago and not result.amount_differences
        )
        return EXIT_OK if settled else EXIT_NOT_PAID
