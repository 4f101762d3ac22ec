"""``pos-app receipt REF [--pdf FILE] [--paper 58|80|A4] [--escpos PRINTER]``.

Without an output option the receipt is printed as text on stdout (what a 32- or 48-column
printer would print). ``--escpos`` takes a printer line (``usb:…``, ``net:…``, ``serial:…``,
``file:…``) or a device or file path; ``--pdf`` needs Qt (offscreen, no display). Read from the
ledger only: no network.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from pos_app.cli.parsing import EXIT_ERROR, EXIT_OK, Subcommands, file_name, whole_number

if TYPE_CHECKING:
    from pos_app.receipts.model import ReceiptTexts


def add_parser(sub: Subcommands) -> None:
    p = sub.add_parser("receipt", help="print or save a sale's receipt (no network)")
    p.add_argument("reference", metavar="EXTERNAL_REFERENCE")
    p.add_argument("--pdf", type=file_name, metavar="FILE", help="save it as a PDF")
    p.add_argument("--escpos", metavar="FILE_OR_DEVICE", help="send it to an ESC/POS printer")
    p.add_argument("--paper", choices=("58", "80", "A4"), help="paper width (default: Settings)")
    p.add_argument(
        "--refund",
        type=whole_number(1, 1_000_000),
        metavar="N",
        help="the refund ticket of the sale's Nth refund (1 = first; see status --json)",
    )


def cmd_receipt(args: argparse.Namespace) -> int:
    from pos_app.cli.dispatch import UsageError, output_file
    from pos_app.cli.output import err
    from pos_app.ledger.refunds import RefundStatus, RefundStore
    from pos_app.ledger.store import Ledger
    from pos_app.receipts import service
    from pos_app.settings import config as config_mod
    from pos_app.settings import paths

    if not args.reference.strip():
        from pos_app.checkout.errors import UnknownSaleError

        raise UsageError(str(UnknownSaleError(args.reference).msg))
    pdf = output_file(args.pdf, "--pdf") if args.pdf else None  # before the printer is sent to
    config = config_mod.load().config
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        sale = ledger.get_sale(args.reference)
        refunds = RefundStore(ledger).for_sale(args.reference) if sale else []
    finally:
        ledger.close()
    if sale is None:
        from pos_app.checkout.errors import UnknownSaleError

        raise UsageError(str(UnknownSaleError(args.reference).msg))
    given_back = [r for r in refunds if r.status is RefundStatus.REFUNDED]
    if args.refund is not None and not 1 <= args.refund <= len(given_back):
        raise UsageError(f"sale {args.reference} has {len(given_back)} confirmed refund(s)")
    paper = args.paper or str(config.receipt_paper_mm)
    opts = service.options(config, paper_mm=int(paper) if paper != "A4" else None)
    receipt = (
        service.receipt_for_refund(sale, given_back[args.refund - 1], config, refunds)
        if args.refund is not None
        else service.receipt_for_sale(sale, config)
    )
    if not args.pdf and not args.escpos:
        print(service.plain_text(receipt, opts), end="")
        return EXIT_OK
    if args.escpos:
        from pos_app.receipts.printers import PrintError, parse_printer, send

        try:
            spec = parse_printer(args.escpos)
        except ValueError as exc:
            raise UsageError(str(exc.args[0])) from exc
        if not spec.is_escpos:
            raise UsageError("--escpos needs an ESC/POS printer, not a system printer")
        try:
            send(spec, service.escpos_bytes(receipt, opts))
        except PrintError as exc:
            err(f"pos-app: {exc.msg}")
            return EXIT_ERROR
        err(f"receipt {sale.external_reference} sent to {args.escpos}")
    if pdf is not None:
        path = pdf
        try:
            _write_pdf(service.texts(receipt, opts), path, paper)
        except OSError as exc:
            err(f"pos-app: the PDF could not be saved as {path}: {exc.strerror or exc}")
            return EXIT_ERROR
        err(f"receipt {sale.external_reference} saved as {path}")
    return EXIT_OK


def _write_pdf(texts: ReceiptTexts, path: Path, paper: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a terminal needs no display
    from PySide6.QtGui import QGuiApplication

    from pos_app.ui.receipts.pdf import write_pdf

    app = QGuiApplication.instance() or QGuiApplication(["pos-app"])
    try:
        write_pdf(texts, path, paper=paper)
    finally:
        del app
