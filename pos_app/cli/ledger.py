"""``pos-app ledger recover``: the way back from a damaged ledger, from a terminal.

Without an option it says whether the ledger is whole and, if not, what the two ways back are;
``--fresh`` starts an empty ledger and ``--restore FILE`` a copy of a backup, the damaged file
kept aside in both cases (:mod:`pos_app.ledger.recovery`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pos_app.cli.output import EXIT_ERROR, EXIT_OK, err, print_json
from pos_app.ledger import recovery
from pos_app.settings import paths


def cmd_ledger(args: argparse.Namespace) -> int:
    path = paths.ledger_path()
    if args.fresh:
        done = recovery.start_fresh(path)
    elif args.restore:
        done = recovery.restore(path, Path(args.restore))
    else:
        return _report(path, recovery.diagnose(path), as_json=args.json)
    if args.json:
        print_json(
            {
                "ledger": str(path),
                "kept_as": [str(p) for p in done.kept_as],
                "restored_from": str(done.restored_from) if done.restored_from else None,
                "open_sales": list(done.open_sales),
            }
        )
        return EXIT_OK
    print(f"the damaged ledger is kept as {done.kept_as[0]}")
    if done.restored_from is not None:
        print(f"{path}: restored from {done.restored_from}")
    else:
        print(f"{path}: a fresh, empty ledger")
    if done.open_sales:
        err(
            "these sales were waiting for payment in the damaged ledger; check them in "
            f"Mercado Pago before charging them again: {', '.join(done.open_sales)}"
        )
    return EXIT_OK


def _report(path: Path, damage: str | None, *, as_json: bool) -> int:
    if as_json:
        print_json({"ledger": str(path), "ok": damage is None, "damage": damage})
        return EXIT_OK if damage is None else EXIT_ERROR
    if damage is None:
        print(f"{path}: whole (PRAGMA quick_check: ok); nothing to recover")
        return EXIT_OK
    print(f"{path} is damaged: {damage}")
    print("Nothing was changed. Two ways back, both keep the damaged file aside (never deleted):")
    print("  pos-app ledger recover --restore BACKUP   a copy of a backup of the ledger")
    print("  pos-app ledger recover --fresh            an empty ledger (the history starts again)")
    return EXIT_ERROR
