"""Which module runs each sub-command, imported only when that command runs.

``pos-app sales`` reads the local ledger: it must not pay for the checkout engine, httpx,
keyring and asyncio that ``charge`` needs (issue 19, start-up). So the handlers are named here
as ``"module:function"`` strings and the chosen one alone is imported; the parser
(:func:`pos_app.cli.build_parser`) never imports a handler's module either.

A handler takes the parsed arguments and returns the exit code, or a coroutine that returns it
(run with :func:`asyncio.run`, imported only then).
"""

from __future__ import annotations

import argparse
import errno
import importlib
import logging
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeAlias, cast

from pos_app.cli.output import EXIT_ERROR, EXIT_USAGE, err
from pos_app.domain.validation import ValidationError
from pos_app.errors import UserFacingError

Handler: TypeAlias = Callable[[argparse.Namespace], "int | Coroutine[Any, Any, int]"]

# Sub-command -> its handler. "sandbox" is not here: main() hands it to the sandbox's own parser.
HANDLERS: dict[str, str] = {
    # the local ledger and files only (no network, no keyring)
    "sales": "pos_app.cli.sales:cmd_sales",
    "catalog": "pos_app.cli.catalog:cmd_catalog",
    "ledger": "pos_app.cli.ledger:cmd_ledger",
    "receipt": "pos_app.cli.receipt:cmd_receipt",
    "backup": "pos_app.cli.backup:cmd_backup",
    "restore": "pos_app.cli.backup:cmd_restore",
    "cash": "pos_app.cli.drawer:cmd_cash",
    "shift": "pos_app.cli.drawer:cmd_shift",
    # Mercado Pago through the checkout engine
    "charge": "pos_app.cli.commands:cmd_charge",
    "status": "pos_app.cli.commands:cmd_status",
    "cancel": "pos_app.cli.commands:cmd_cancel",
    "refund": "pos_app.cli.refund:cmd_refund",
    "close": "pos_app.cli.day:cmd_close",
    "reconcile": "pos_app.cli.day:cmd_reconcile",
    # settings, checks, the store database
    "configure": "pos_app.cli.configure:cmd_configure",
    "doctor": "pos_app.cli.doctor:cmd_doctor",
    "support-file": "pos_app.cli.support:cmd_support_file",
    "relay": "pos_app.cli.store:cmd_relay",
}
# "sales --store" / "--chain": the store database's sales instead of this box's ledger.
STORE_SALES = "pos_app.cli.store:cmd_store_sales"


class UsageError(Exception):
    """Invalid input on the command line: said on one line, exit 2."""


def output_file(text: str, option: str) -> Path:
    """The file an option names to be written (``--csv``, ``--out``, ``--pdf``, ``catalog
    export FILE``), checked before any work: a folder, a FIFO (the write waited for a reader,
    forever), a device or a folder that is not there is a :class:`UsageError` (exit 2), and
    nothing is written. The write itself goes through
    :func:`pos_app.system.files.write_user_file` (whole or not at all)."""
    from pos_app.domain.validation import echoed
    from pos_app.system.files import NotAFileError, output_target

    path = Path(text).expanduser()
    try:
        output_target(path)
    except NotAFileError as exc:
        named = f"{option}: " if option else ""
        raise UsageError(f"{named}cannot write {echoed(str(path), cut=False)}: {exc.msg}") from None
    return path


def handler_for(args: argparse.Namespace) -> Handler:
    """Import the chosen command's module (and only it) and return its handler."""
    target = HANDLERS[args.command]
    if args.command == "sales" and (args.store or args.chain):
        target = STORE_SALES
    module_name, _, function = target.partition(":")
    return cast(Handler, getattr(importlib.import_module(module_name), function))


_DISK_TROUBLE = {
    errno.ENOSPC,
    errno.EROFS,
    errno.EACCES,
    errno.EPERM,
    getattr(errno, "EDQUOT", errno.ENOSPC),
}


def run_command(args: argparse.Namespace) -> int:
    try:
        if args.command not in ("configure", "doctor", "support-file"):  # they report it
            announce_config_damage()
        result = handler_for(args)(args)
        if isinstance(result, int):
            return result
        import asyncio

        return asyncio.run(result)
    except UsageError as exc:
        err(f"pos-app: {exc}")
        return EXIT_USAGE
    except ValidationError as exc:
        err(f"pos-app: {exc.msg}")
        return EXIT_USAGE
    except UserFacingError as exc:
        err(f"pos-app: {exc.msg}")
        return EXIT_USAGE if exc.bad_input else EXIT_ERROR
    except KeyboardInterrupt:
        err("pos-app: interrupted")
        return EXIT_ERROR
    except BrokenPipeError as exc:
        # `pos-app sales --json | head`: the reader went away with what it wanted; nothing to
        # say (it was a traceback). Later writes, and Python's flush at exit, go nowhere.
        logging.getLogger(__name__).info("%s: the output was closed", args.command, exc_info=exc)
        _stdout_to_nowhere()
        return EXIT_ERROR
    except OSError as exc:
        if exc.errno not in _DISK_TROUBLE:
            raise
        # A full or read-only disk, a folder the user may not write: one line, not a traceback
        # (its traceback is logged at INFO: on the console with -v).
        logging.getLogger(__name__).info("%s failed", args.command, exc_info=exc)
        where = f"{exc.filename}: " if exc.filename else ""
        err(
            f"pos-app: {where}{exc.strerror or exc}. Is the disk full, or the folder read-only "
            "or not yours? Nothing more was done; free some space or fix the folder's "
            "permissions, then run the command again."
        )
        return EXIT_ERROR


def _stdout_to_nowhere() -> None:
    import os
    import sys

    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a file (a test's capture)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


def announce_config_damage() -> None:
    """A damaged settings file is put aside and repaired by the first load: say so, once."""
    from pos_app.settings import config as config_mod

    loaded = config_mod.load()
    if loaded.problem is not None:
        err(f"pos-app: {loaded.problem}")
