"""The day's commands' arguments (``close``, ``cash``, ``shift``, ``reconcile``).

Apart from :mod:`pos_app.cli.day`, which runs them: ``pos-app`` builds its whole parser before
it opens the window, and the commands' modules (the checkout engine, the runtime, httpx) must
not be imported for that.
"""

from __future__ import annotations

from pos_app.cli.parsing import Parser, Subcommands


def add_parsers(sub: Subcommands) -> None:
    p = sub.add_parser("close", help="close the day: reconcile open sales, freeze the Z report")
    p.add_argument("--counted-cash", metavar="AMOUNT", help="the cash counted in the drawer")
    p.add_argument(
        "--store",
        action="store_true",
        help="every box's figures of this store from the store database (each box's current "
        "period, or --from/--to); freezes nothing",
    )
    p.add_argument(
        "--chain",
        action="store_true",
        help="like --store, for every store of the account, with each store's subtotal",
    )
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="with --store/--chain")
    p.add_argument(
        "--to", dest="date_to", metavar="YYYY-MM-DD", help="with --store/--chain (inclusive)"
    )
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--print",
        action="store_true",
        dest="print_report",
        help="also print the report on the receipt printer (Settings → Receipts)",
    )

    p = sub.add_parser("cash", help="cash put into or taken out of the drawer")
    p.add_argument("direction", choices=("in", "out"))
    p.add_argument("amount", metavar="AMOUNT")
    p.add_argument("--reason", required=True)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser(
        "shift", help="open a cashier's shift, or hand the drawer over to the next cashier"
    )
    ssub = p.add_subparsers(dest="shift_command", parser_class=Parser, required=True)
    o = ssub.add_parser("open", help="open a shift")
    o.add_argument("--cashier", required=True, metavar="NAME")
    o.add_argument("--float", required=True, metavar="AMOUNT", dest="starting_float")
    o.add_argument("--json", action="store_true")
    h = ssub.add_parser(
        "hand-over",
        help="hand the drawer to the next cashier: count it, end this shift, open theirs",
    )
    h.add_argument("--to", required=True, metavar="NAME", dest="cashier")
    h.add_argument("--counted", required=True, metavar="AMOUNT", help="the cash in the drawer now")
    h.add_argument(
        "--print",
        action="store_true",
        dest="print_report",
        help="print the shift report (the day so far, not a close) on the receipt printer",
    )
    h.add_argument("--json", action="store_true")
    r = ssub.add_parser(
        "report", help="the day so far (sales by shift, hand-overs), not a close: nothing changes"
    )
    r.add_argument(
        "--print",
        action="store_true",
        dest="print_report",
        help="also on the receipt printer",
    )
    r.add_argument("--json", action="store_true")

    p = sub.add_parser("reconcile", help="compare a day's Mercado Pago payments with the ledger")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")
    p.add_argument("--adopt", action="store_true", help="record missing payments as sales")
    p.add_argument(
        "--store",
        action="store_true",
        help="the store's payments against every box's sales in the store database",
    )
    p.add_argument(
        "--chain",
        action="store_true",
        help="the account's payments against every store's sales in the store database",
    )
    p.add_argument("--json", action="store_true")
