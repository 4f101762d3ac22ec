"""``pos-app``: the window by default, sub-commands for scripts and support technicians.

Exit codes: 0 paid (or, without ``--wait``, order sent; or success), 1 error (configuration,
authentication, API), 2 invalid usage or input, 3 the sale ended without payment, 4 still pending.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from typing import TYPE_CHECKING

from pos_app import version_text
from pos_app.system.console import never_fail_on_encoding

if TYPE_CHECKING:
    import argparse


def _site_id(text: str) -> str:
    """``--site``: a Mercado Pago site, in any case. Checked against the money rules when given,
    not offered as argparse ``choices``: ``--help`` lists the choices of every option, and
    listing the sites imported the money rules (and decimal) for a help text (issue 19). The
    help names the sites in words."""
    import argparse

    from pos_app.domain.money import SITES

    site_id = text.strip().upper()
    if site_id not in SITES:
        raise argparse.ArgumentTypeError(
            f"invalid choice: {text!r} (choose from {', '.join(sorted(SITES))})"
        )
    return site_id


@functools.cache
def build_parser() -> argparse.ArgumentParser:
    """The command line's parser, built once per process: a command parses one line, but a
    process that calls :func:`main` again (the test suite, ~800 times) paid ~5 ms each time for
    the same ~25 sub-parsers. Parsing leaves the parser as it was (argparse copies a repeated
    option's default list before appending to it); nothing may change it after it is built."""
    import argparse

    from pos_app.cli.parsing import Parser, file_name, number_between, whole_number

    parser = Parser(
        prog="pos-app",
        description="Counter point of sale that charges with Mercado Pago QR codes.",
        epilog="Exit codes: 0 paid/ok, 1 error, 2 invalid usage, 3 not paid, 4 still pending. "
        "The token comes from the OS keyring or MP_ACCESS_TOKEN; MP_API_BASE_URL points the "
        "app at another API (the sandbox).",
    )
    parser.add_argument("--version", action="version", version=version_text())
    parser.add_argument("--demo", action="store_true", help="start on the built-in sandbox")
    parser.add_argument(
        "--site",
        type=_site_id,
        metavar="SITE",
        help="the demo's country: MLA, MLB, MLC, MCO, MLM, MLU or MPE (default: the locale's, "
        "e.g. LANG=es_CO is MCO; else MLA). MCO: Colombian pesos and IVA",
    )
    parser.add_argument(
        "--customer-display",
        action="store_true",
        help="show the customer display (a window, or full screen if Settings say so)",
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    sub = parser.add_subparsers(dest="command", parser_class=Parser)

    p = sub.add_parser("sandbox", help="run the built-in Mercado Pago sandbox", add_help=False)
    p.add_argument("rest", nargs=argparse.REMAINDER)

    p = sub.add_parser("configure", help="save the store, box and charging settings")
    p.add_argument("--store", metavar="EXTERNAL_STORE_ID")
    p.add_argument("--box", metavar="EXTERNAL_POS_ID")
    p.add_argument("--create", action="store_true", help="create the store and box if missing")
    p.add_argument("--store-name")
    p.add_argument("--box-name")
    p.add_argument("--street-name", default="")
    p.add_argument("--street-number", default="")
    p.add_argument("--city", default="")
    p.add_argument("--state", default="")
    p.add_argument("--latitude", type=number_between(-90, 90, what="a latitude"))
    p.add_argument("--longitude", type=number_between(-180, 180, what="a longitude"))
    p.add_argument(
        "--category",
        type=whole_number(1, 9_999_999_999),  # as Settings: up to 10 digits
        help="the box's MCC category (optional)",
    )
    # The ranges Settings enforces (settings.rules: MIN/MAX_TTL_MINUTES, MIN/MAX_POLL_SECONDS;
    # supervisor.max_discount_problem), written here so --version imports neither: type=int
    # took "٣" (Arabic-Indic digits) and 5,000-digit numbers.
    p.add_argument("--order-ttl", type=whole_number(1, 1440), metavar="MINUTES")
    p.add_argument(
        "--poll-interval", type=number_between(0.2, 300, what="seconds"), metavar="SECONDS"
    )
    p.add_argument("--max-total", metavar="AMOUNT")
    p.add_argument("--title", help="order title the customer sees")
    p.add_argument("--notify-listen", metavar="HOST:PORT", help="notification receiver address")
    p.add_argument("--notify-url", metavar="URL", help="public URL Mercado Pago posts to")
    p.add_argument(
        "--notify-trusted-proxy",
        metavar="ADDRESS[,ADDRESS]",
        help="tunnel or proxy whose X-Forwarded-For is believed (127.0.0.1 for a tunnel on "
        'this computer; "" for none)',
    )
    p.add_argument(
        "--api",
        choices=["instore", "orders"],
        help="Mercado Pago API that charges: instore orders v2 or the Orders API",
    )
    p.add_argument(
        "--qr-mode",
        choices=["static", "dynamic", "hybrid"],
        help="Orders API: the box's printed QR, a QR on screen per sale, or either",
    )
    p.add_argument("--token-stdin", action="store_true", help="read the access token from stdin")
    p.add_argument(
        "--max-discount",
        type=whole_number(0, 100),
        metavar="PERCENT",
        help="largest discount without the PIN",
    )
    p.add_argument(
        "--supervisor-pin-stdin",
        action="store_true",
        help="read the supervisor's PIN (4 to 8 digits) from stdin; an empty line removes it",
    )
    p.add_argument(
        "--scale-labels",
        metavar="LAYOUT[,LAYOUT]",
        help="scale label layouts: presets (ar-weight, ar-price, ar-price-cents, co-price, "
        "co-weight, br-price, br-weight, mx-weight, mx-price) or "
        'PREFIX-CODE-weight|price-DIGITS-DECIMALS; "" for the country\'s',
    )
    _add_receipt_options(p)
    p.add_argument(
        "--store-database",
        metavar="URL",
        help="the shared store database, postgresql://USER[:PASSWORD]@HOST:PORT/DATABASE (the "
        'password goes to the keyring, never to the config file); "" for none',
    )
    p.add_argument(
        "--store-password-stdin",
        action="store_true",
        help="read the store database's password from stdin (with --store-database)",
    )
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("catalog", help="product catalog")
    csub = p.add_subparsers(dest="catalog_command", parser_class=Parser, required=True)
    imp = csub.add_parser("import", help="import products from a CSV file")
    imp.add_argument("file", type=file_name)
    exp = csub.add_parser("export", help="write every product to a CSV file (the import's columns)")
    exp.add_argument("file", type=file_name)
    exp.add_argument(
        "--excel",
        action="store_true",
        help="semicolons and decimal commas, as Excel opens a CSV where the comma is the "
        "decimal mark (AR, BR, CL, CO, UY); the import reads both kinds",
    )

    p = sub.add_parser("charge", help="charge a sale on the box")
    p.add_argument("--item", action="append", default=[], metavar="TITLE:QTY:UNIT_PRICE[:IVA%]")
    p.add_argument(
        "--sku",
        action="append",
        default=[],
        metavar="CODE[:QTY]",
        help="a product by barcode or SKU; QTY is the weight for one sold by kg, g, l or m "
        "(CODE:0.350); a scale label's 13 digits charge what it says",
    )
    p.add_argument(
        "--discount",
        metavar="PERCENT%|AMOUNT[:REASON]",
        help="a discount on the whole sale (above Settings' limit the supervisor's PIN is asked "
        "on the terminal)",
    )
    p.add_argument("--wait", action="store_true", help="follow the sale until it ends")
    p.add_argument("--timeout", type=number_between(1, 86_400, what="seconds"), metavar="SECONDS")
    p.add_argument(
        "--poll-interval", type=number_between(0.2, 300, what="seconds"), metavar="SECONDS"
    )
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("status", help="check a sale with Mercado Pago, then print it")
    p.add_argument("reference", metavar="EXTERNAL_REFERENCE")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("cancel", help="cancel a pending sale (default: the box's)")
    p.add_argument("reference", nargs="?", metavar="EXTERNAL_REFERENCE")
    p.add_argument("--cash", action="store_true", help="the customer pays cash instead")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("sales", help="list sales from the ledger (no network)")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--limit",
        type=whole_number(1, 1_000_000),
        default=100,
        help="the newest sales listed (default 100; not with --from)",
    )
    p.add_argument(
        "--from",
        dest="date_from",
        metavar="YYYY-MM-DD",
        help="the sales made from this day on (every sale of the period)",
    )
    p.add_argument(
        "--to", dest="date_to", metavar="YYYY-MM-DD", help="with --from: up to this day (inclusive)"
    )
    p.add_argument(
        "--csv",
        metavar="FILE",
        type=file_name,
        help="with --from: write the period's sales to FILE, the columns of the Sales window's "
        "Export CSV… (each line, refunds)",
    )
    p.add_argument(
        "--excel",
        action="store_true",
        help="with --csv: semicolons and decimal commas, as Excel opens a CSV where the comma "
        "is the decimal mark (AR, BR, CL, CO, UY)",
    )
    p.add_argument(
        "--store",
        action="store_true",
        help="this store's sales (every box) and totals per box and tender, from the store "
        "database",
    )
    p.add_argument(
        "--chain",
        action="store_true",
        help="like --store, for every store of the account, with totals per store",
    )

    p = sub.add_parser(
        "relay",
        help="one notification address for all counters: check each notification and pass "
        "it on through the store database",
    )
    p.add_argument("--listen", required=True, metavar="HOST:PORT")
    p.add_argument(
        "--store-database",
        metavar="URL",
        help="postgresql://USER@HOST:PORT/DATABASE (default: the configured one; the password "
        "from the keyring or PGPASSWORD)",
    )
    p.add_argument("--trusted-proxy", metavar="ADDRESS[,ADDRESS]")

    from pos_app.cli.receipt import add_parser as add_receipt_parser

    add_receipt_parser(sub)

    p = sub.add_parser("refund", help="refund a paid sale, all of it or part (exit 0/1/2)")
    p.add_argument("reference", metavar="EXTERNAL_REFERENCE")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--amount", metavar="AMOUNT", help="refund this much (default: all left)")
    what.add_argument(
        "--line",
        action="append",
        default=[],
        metavar="N[:QTY]",
        help="refund line N of the sale (1 = first), QTY of it (units, or a weighed line's "
        "weight: 2:0.200; default: all); repeatable",
    )
    p.add_argument(
        "--note",
        default="",
        metavar="TEXT",
        help='why the money goes back ("defective"): on the refund ticket and the close',
    )
    p.add_argument(
        "--via",
        choices=("cash", "mercadopago"),
        help="a sale paid both in cash and with Mercado Pago: which part goes back (each "
        "the way it came, up to what it took); others need none",
    )
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("ledger", help="the sales ledger: check it, recover a damaged one")
    lsub = p.add_subparsers(dest="ledger_command", parser_class=Parser, required=True)
    rec = lsub.add_parser(
        "recover",
        help="say whether the ledger is damaged; start a fresh one or restore a backup, "
        "keeping the damaged file aside",
    )
    way = rec.add_mutually_exclusive_group()
    way.add_argument("--fresh", action="store_true", help="start an empty ledger")
    way.add_argument(
        "--restore", type=file_name, metavar="BACKUP", help="put a copy of this backup in its place"
    )
    rec.add_argument("--json", action="store_true")

    from pos_app.cli.day_args import add_parsers as add_day_parsers

    add_day_parsers(sub)
    p = sub.add_parser(
        "backup", help="copy the sales ledger to the backup folder (safe while open)"
    )
    p.add_argument(
        "--to", type=file_name, metavar="DIR", help="this folder instead of the one in Settings"
    )
    p.add_argument(
        "--keep",
        type=whole_number(1, 1000),
        metavar="N",
        help="keep the newest N backups there",
    )
    p.add_argument("--json", action="store_true")

    p = sub.add_parser(
        "restore",
        help="put a backup in place of the ledger (app closed; the replaced ledger is kept)",
    )
    p.add_argument("file", type=file_name, metavar="BACKUP")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser(
        "support-file",
        help="write a zip for support: doctor, settings and versions, logs, the last sales "
        "(no secrets, no personal data)",
    )
    p.add_argument(
        "--out", type=file_name, metavar="FILE", help="where (default: pos-app-support-<time>.zip)"
    )

    p = sub.add_parser("doctor", help="check configuration, credentials, store, box, ledger")
    p.add_argument("--json", action="store_true")
    return parser


def _add_receipt_options(p: argparse.ArgumentParser) -> None:
    """Settings → Receipts, for a till set up by script or over SSH."""
    import argparse

    from pos_app.receipts import CODE_PAGES

    p.add_argument(
        "--receipt-printer",
        metavar="PRINTER",
        help="usb:VENDOR:PRODUCT, net:ADDRESS[:PORT], serial:PORT[@BAUD], a device path "
        '(/dev/usb/lp0) or system:NAME; "" for none (receipts on screen and as PDF)',
    )
    p.add_argument("--receipt-paper", choices=("58", "80"), help="the paper's width in mm")
    p.add_argument(
        "--receipt-code-page",
        choices=CODE_PAGES,
        help="the printer's characters (ASCII if á prints wrong)",
    )
    p.add_argument(
        "--receipt-shop-name",
        metavar="TEXT",
        help='the name on top (at most 60 characters; "" for the store\'s name)',
    )
    for flag, where in (("--receipt-header", "under the name"), ("--receipt-footer", "at the end")):
        p.add_argument(
            flag,
            metavar="TEXT",
            help=f"printed {where}: lines separated by \\n or new lines (at most 300 characters; "
            '"" for none)',
        )
    p.add_argument(
        "--receipt-auto-print",
        action=argparse.BooleanOptionalAction,
        help="print the receipt when a sale is paid",
    )
    p.add_argument(
        "--receipt-print-qr",
        action=argparse.BooleanOptionalAction,
        help="print the box's QR code under the receipt",
    )


def _setup_logging(verbosity: int) -> None:
    # Secrets redacted at every level; -vv turns on httpx/httpcore's request logs too.
    from pos_app.system import logs  # after the parser: --version and --help log nothing

    logs.setup(verbosity)


def _open_window(*, demo: bool, site: str | None, customer_display: bool) -> int:
    from pos_app.app import main as app_main

    return int(
        app_main(
            demo=demo,
            argv=[sys.argv[0]],
            demo_site=site,
            customer_display=customer_display,
        )
    )


def _sandbox(argv: list[str]) -> int:
    from pos_app.sandbox.cli import main as sandbox_main

    return int(sandbox_main(argv))


def main(argv: list[str] | None = None) -> int:
    # A Windows console or a redirected file speaks cp1252/cp850: a product named "Mate 🧉"
    # must print as "Mate ?", not end the command with UnicodeEncodeError.
    never_fail_on_encoding(sys.stdout, sys.stderr)
    argv = list(sys.argv[1:] if argv is None else argv)
    for position, arg in enumerate(argv, start=1):
        if any("\ud800" <= c <= "\udfff" for c in arg):
            # Bytes that are not UTF-8 (a terminal set to Latin-1): Python keeps them as lone
            # surrogates, which SQLite, JSON and Mercado Pago refuse further in, with a traceback.
            from pos_app.cli.parsing import EXIT_USAGE

            shown = arg.encode("utf-8", "replace").decode("utf-8")
            print(
                f"pos-app: argument {position} ({shown!r}) is not valid text: set the terminal "
                "to UTF-8 and type it again",
                file=sys.stderr,
            )
            return EXIT_USAGE
    if not argv:
        # ``pos-app`` alone, as the menu entry and the desktop shortcut start it: the window with
        # the parser's defaults, without building the parser (~12 ms of the first frame).
        _setup_logging(0)
        return _open_window(demo=False, site=None, customer_display=False)
    # "sandbox" hands every later argument to the sandbox's own parser. argparse's REMAINDER
    # refuses a remainder that starts with an option ("sandbox --port 8765"), so route it here.
    leading = 0
    while leading < len(argv) and re.fullmatch(r"-v+|--verbose", argv[leading]):
        leading += 1
    if argv[leading : leading + 1] == ["sandbox"]:
        _setup_logging(sum(a.count("v") if a != "--verbose" else 1 for a in argv[:leading]))
        return _sandbox(argv[leading + 1 :])
    parser = build_parser()
    args = parser.parse_args(argv)
    _setup_logging(args.verbose)
    if args.command == "sandbox":  # other global options first: argparse got it this far
        return _sandbox(args.rest)
    if args.site and not (args.demo and args.command is None):
        # A real account's country is the one Mercado Pago says (users/me), never a flag.
        parser.error("--site only goes with --demo")
    if args.customer_display and args.command is not None:
        parser.error("--customer-display only goes with the window (no command)")
    if args.command is None:
        return _open_window(demo=args.demo, site=args.site, customer_display=args.customer_display)
    from pos_app.cli.dispatch import run_command

    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    return run_command(args)
