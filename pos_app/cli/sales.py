"""``pos-app sales``: this box's sales from the ledger, no network (``--store``/``--chain``:
:mod:`pos_app.cli.store`). ``--from``/``--to``: a period's sales (days in the site's zone, as
``close --store --from``); ``--csv FILE``: written for an accountant, as the Sales window's
Export CSV… writes them (:mod:`pos_app.domain.sales_csv`)."""

from __future__ import annotations

import argparse
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from pos_app.cli.dispatch import UsageError, output_file
from pos_app.cli.output import EXIT_OK, err, print_json, sale_json, sale_line
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.validation import echoed
from pos_app.ledger.refunds import RefundStore
from pos_app.ledger.store import Ledger
from pos_app.settings import paths


def cmd_sales(args: argparse.Namespace) -> int:
    period = _period(args)
    if args.csv and period is None:
        raise UsageError("--csv needs --from (the period's sales: --from DAY [--to DAY])")
    if args.excel and not args.csv:
        raise UsageError("--excel goes with --csv FILE")
    if args.csv and args.json:
        raise UsageError("--csv or --json, not both")
    csv_path = output_file(args.csv, "--csv") if args.csv else None
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        sales = ledger.sales_between(*period) if period else ledger.all_sales(limit=args.limit)
        refunds = RefundStore(ledger)
        if args.csv:
            refunded = refunds.refunded_amounts([s.external_reference for s in sales])
        else:
            given_back = {
                s.external_reference: refunds.for_sale(s.external_reference) for s in sales
            }
            where = counted_on(ledger, sales)
    finally:
        ledger.close()
    if csv_path is not None:
        return _write_csv(csv_path, sales, refunded, excel_comma=args.excel)
    if args.json:
        print_json(
            [
                sale_json(s, given_back[s.external_reference], where.get(s.external_reference))
                for s in sales
            ]
        )
    else:
        for sale in sales:
            ref = sale.external_reference
            print(sale_line(sale, given_back[ref], where.get(ref)))
        if not sales:
            err("no sales in this period" if period else "no sales yet")
    return EXIT_OK


def counted_on(ledger: Ledger, sales: list[SaleSnapshot]) -> dict[str, list[str]]:
    """``{reference: [the sales holding its payment]}`` for each of ``sales`` whose Mercado Pago
    payment is in the books as a sale of its own (``MP-…``: counted there, the history line
    that recorded it names it; [] when no line does). A rare sale: one history read each."""
    from pos_app.domain.history_words import counted_on as named_in
    from pos_app.domain.records import counted_elsewhere

    return {
        s.external_reference: list(
            dict.fromkeys(
                ref
                for event in ledger.sale_events(s.external_reference)
                for ref in named_in(event.detail)
            )
        )
        for s in sales
        if counted_elsewhere(s)
    }


def _period(args: argparse.Namespace) -> tuple[datetime, datetime] | None:
    """``--from``/``--to`` as ``[first midnight, midnight after the last day)`` in the site's
    zone (``close --store``'s days); None without them."""
    if args.date_from is None and args.date_to is None:  # "--from ''" is a bad day
        return None  # the close's modules not imported to list the newest sales
    from pos_app.cli.drawer import config_site, read_period

    if args.store or args.chain:
        raise UsageError("--from/--to list this box's sales (not with --store/--chain)")
    return read_period(args.date_from, args.date_to, config_site().site_id)


def _write_csv(
    path: Path, sales: list[SaleSnapshot], refunded: dict[str, Decimal], *, excel_comma: bool
) -> int:
    from pos_app.domain.sales_csv import sales_csv
    from pos_app.system.files import write_user_file

    shown = echoed(str(path), cut=False)
    text = sales_csv(sales, refunded, excel_comma=excel_comma)
    try:
        # UTF-8 with its byte-order mark (Excel reads the accents right), as the window writes;
        # whole or not at all, never onto a folder, a FIFO or a device.
        write_user_file(path, text.encode("utf-8-sig"))
    except OSError as exc:
        raise UsageError(f"cannot write {shown}: {exc.strerror or exc}") from None
    print(f"exported {len(sales)} sales to {shown}")
    return EXIT_OK
