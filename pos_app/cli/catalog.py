"""``pos-app catalog import FILE``: products from a CSV file into the ledger's catalog;
``pos-app catalog export FILE``: the catalog to a CSV file the import reads back."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from pos_app.cli.dispatch import UsageError, output_file
from pos_app.cli.output import EXIT_OK, EXIT_USAGE, err
from pos_app.domain.catalog import Product
from pos_app.domain.money import site_for
from pos_app.domain.validation import echoed
from pos_app.ledger.catalog import CatalogFileError, ImportProgress
from pos_app.ledger.store import Ledger
from pos_app.settings import config as config_mod
from pos_app.settings import paths


def cmd_catalog(args: argparse.Namespace) -> int:
    if args.catalog_command == "export":
        return cmd_catalog_export(args)
    return cmd_catalog_import(args)


def cmd_catalog_export(args: argparse.Namespace) -> int:
    """Every product to ``FILE``; a product whose stored price is damaged is written as stored
    (the import refuses that row until it is fixed) and named on stderr, with what to do."""
    path = output_file(args.file, "")
    shown = echoed(str(path), cut=False)
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    damaged: list[Product] = []
    try:
        count = ledger.catalog.export_csv(path, damaged, excel_comma=args.excel)
    except OSError as exc:
        raise UsageError(f"cannot write {shown}: {exc.strerror or exc}") from None
    finally:
        ledger.close()
    for product in damaged:
        err(f"pos-app: {product.problem().msg}")
    print(f"exported {count} products to {shown}")
    return EXIT_OK


def cmd_catalog_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    shown = echoed(str(path), cut=False)  # a form feed in a name must not split the message
    if not path.exists():
        raise UsageError(f"no such file: {shown}")
    if not path.is_file():  # a folder, /dev/null, a pipe...
        raise UsageError(f"not a file: {shown}")
    config = config_mod.load().config
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        report = ledger.catalog.import_csv(
            path, site_for(config.site_id), progress=_import_progress_printer(path)
        )
    except CatalogFileError as exc:
        raise UsageError(str(exc.msg)) from None
    except OSError as exc:  # unreadable (permissions, a disk gone), not a traceback
        raise UsageError(f"cannot read {shown}: {exc.strerror or exc}") from None
    finally:
        ledger.close()
    for warning in report.warnings:
        err(f"{shown}: {warning}")
    for line_no, problem in report.errors:
        err(f"{shown}:{line_no}: {problem}")
    if report.unreported:
        err(f"{shown}: and {report.unreported} more lines refused")
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
