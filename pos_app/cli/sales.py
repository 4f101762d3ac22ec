"""``pos-app sales``: this box's sales from the ledger, no network (``--store``/``--chain``:
:mod:`pos_app.cli.store`)."""

from __future__ import annotations

import argparse

from pos_app.cli.output import EXIT_OK, err, print_json, sale_json, sale_line
from pos_app.ledger.refunds import RefundStore
from pos_app.ledger.store import Ledger
from pos_app.settings import paths


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
