"""``pos-app backup [--to DIR]`` and ``pos-app restore FILE``: see :mod:`pos_app.ledger.backup`.

``backup`` works while the till is open (SQLite's backup API reads a consistent snapshot);
``restore`` is refused while it runs, checks the backup first and keeps the replaced ledger.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pos_app.cli.output import EXIT_OK, err, print_json
from pos_app.ledger import backup
from pos_app.settings import config as config_mod
from pos_app.settings import paths


def cmd_backup(args: argparse.Namespace) -> int:
    config = config_mod.load().config
    folder = Path(args.to).expanduser() if args.to else paths.backup_dir(config.backup_folder)
    keep = args.keep if args.keep is not None else config.backup_keep
    made = backup.make_backup(paths.ledger_path(), folder, keep=keep)
    if args.json:
        print_json(
            {
                "backup": str(made.path),
                "bytes": made.size,
                "seconds": round(made.seconds, 3),
                "removed": [str(p) for p in made.removed],
            }
        )
        return EXIT_OK
    print(f"{made.path} ({made.size / 1024:.0f} KiB, {made.seconds:.1f} s)")
    for old in made.removed:
        print(f"removed the old backup {old} (keeping the newest {keep})")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    ledger = paths.ledger_path()
    done = backup.restore_backup(ledger, Path(args.file))
    if args.json:
        print_json(
            {
                "ledger": str(ledger),
                "restored_from": str(done.restored_from),
                "kept_as": [str(p) for p in done.kept_as],
                "open_sales": list(done.open_sales),
            }
        )
        return EXIT_OK
    if done.kept_as:
        print(f"the replaced ledger is kept as {done.kept_as[0]}")
    print(f"{ledger}: restored from {done.restored_from}")
    if done.open_sales:
        err(
            "these sales were waiting for payment in the replaced ledger; check them in "
            f"Mercado Pago before charging them again: {', '.join(done.open_sales)}"
        )
    return EXIT_OK
