"""The support file: one zip a shop owner can e-mail, with no secret and no personal data.

``pos-app support-file [--out FILE]`` and Help → Save a support file write the same zip:

- ``doctor.json``: ``pos-app doctor --json``;
- ``settings.json``: the settings file's values (secrets live in the keyring, never there) and
  where the token comes from, plus whether a webhook secret is set (yes/no, not the secret);
- ``versions.json``: app, Python, Qt/PySide6 and the main libraries, the operating system;
- ``logs/``: the newest log files (at most :data:`LOG_BYTES`);
- ``sales.json``: the last 50 sales and their events: references, states, amounts, times,
  Mercado Pago order and payment ids; no product titles, no event details, no payer data;
- ``receiver.txt``: the notification receiver's recent lines from the logs (its hits).

Every text goes through :func:`pos_app.system.logs.redact` before it is written.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.metadata
import json
import platform
import sqlite3
import sys
import time
import zipfile
from dataclasses import asdict
from pathlib import Path
from typing import Any, BinaryIO

from pos_app import __version__
from pos_app.cli.output import EXIT_OK
from pos_app.ledger import recovery
from pos_app.settings import config as config_mod
from pos_app.settings import paths, secrets
from pos_app.system import logs
from pos_app.system.files import write_user_file

LAST_SALES = 50
LOG_BYTES = 2 * 1024 * 1024
RECEIVER_LINES = 300
PACKAGES = ("PySide6-Essentials", "qasync", "httpx", "httpcore", "starlette", "uvicorn", "keyring")


async def cmd_support_file(args: argparse.Namespace) -> int:
    from pos_app.cli.dispatch import output_file

    out_path = output_file(args.out, "--out") if args.out else None
    out = await write_support_file(out_path)
    print(out)
    return EXIT_OK


def default_name() -> str:
    return f"pos-app-support-{time.strftime('%Y%m%d-%H%M%S')}.zip"


async def write_support_file(out: Path | None = None) -> Path:
    """The zip at ``out`` (a dated name in the current folder by default). Help → Save a support
    file runs this in the window: the keyring, the ledger (the doctor's check reads it whole:
    seconds for a busy shop's year), the logs and the zip are read and written on worker
    threads, never on the window's."""
    from pos_app.cli.doctor import run_checks

    checks = await run_checks()
    doctor = {"ok": all(c.ok for c in checks), "checks": [asdict(c) for c in checks]}
    parts: dict[str, str] = {
        "doctor.json": _json(doctor),
        "settings.json": _json(await asyncio.to_thread(settings_summary)),
    }
    return await asyncio.to_thread(_write_zip, out, parts)


def _write_zip(out: Path | None, parts: dict[str, str]) -> Path:
    """``parts`` and the rest (versions, last sales, logs) zipped at ``out``, every text
    redacted; a zip that cannot be written whole is not left half-written."""
    out = (out or Path.cwd() / default_name()).expanduser()
    parts = {
        **parts,
        "versions.json": _json(versions()),
        "sales.json": _json(last_sales(paths.ledger_path())),
    }
    log_folder = paths.data_dir() / "logs"
    receiver: list[str] = []
    budget = LOG_BYTES
    for path in reversed(logs.log_files(log_folder)):  # newest first, within the budget
        if budget <= 0:
            break
        text = _tail(path, budget)
        budget -= len(text.encode("utf-8"))
        parts[f"logs/{path.name}"] = text
        receiver[:0] = [line for line in text.splitlines() if "pos_app.notifications" in line]
    parts["receiver.txt"] = (
        "\n".join(receiver[-RECEIVER_LINES:]) + "\n"
        if receiver
        else "no notification receiver lines in the logs\n"
    )

    def write(handle: BinaryIO) -> None:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, text in parts.items():
                zf.writestr(name, logs.redact(text))

    # Whole or not at all (a full disk leaves no half zip); a folder, a device such as
    # /dev/full (the zip renamed onto it replaced the device node, as root) or a folder that is
    # not there (never created: a USB stick not plugged in) is refused, nothing written.
    write_user_file(out, write)
    return out


def settings_summary() -> dict[str, Any]:
    loaded = config_mod.load()
    values = config_mod.to_json(loaded.config)
    token = secrets.load_token()
    return {
        "config_file": str(paths.config_path()),
        "problem": str(loaded.problem) if loaded.problem else None,
        "settings": values,
        "token_source": token.origin or "none",
        "token_hint": token.token.hint if token.token else None,
        "webhook_secret_set": bool(secrets.load_webhook_secret()),
        "keyring": secrets.backend_name(),
        "data_folder": str(paths.data_dir()),
    }


def versions() -> dict[str, Any]:
    found: dict[str, Any] = {
        "pos-app": __version__,
        "python": sys.version,
        "os": platform.platform(),
        "machine": platform.machine(),
        "frozen": bool(getattr(sys, "frozen", False)),
    }
    for name in PACKAGES:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = None
    qtcore = sys.modules.get("PySide6.QtCore")
    if qtcore is not None:  # only when Qt is already loaded (the window's support file)
        found["qt"] = qtcore.qVersion()
    else:
        with contextlib.suppress(Exception):
            from PySide6 import QtCore

            found["qt"] = QtCore.qVersion()
    return found


_ORDERS_API_COLUMNS = ("api", "order_id", "order_payment_ids")


def last_sales(ledger: Path, count: int = LAST_SALES) -> list[dict[str, Any]] | dict[str, str]:
    """The last sales and their events, read-only (works while the till is open)."""
    if not ledger.exists():
        return []
    try:
        conn = recovery.read_only(ledger)
    except sqlite3.Error as exc:
        return {"error": str(exc)}
    conn.row_factory = sqlite3.Row
    try:
        # An Orders API sale is found at Mercado Pago by its order (ORD…) and payments (PAY…):
        # without them support could not look it up. A ledger older than the Orders API (not
        # yet opened by this version) has no such columns.
        have = {r["name"] for r in conn.execute("PRAGMA table_info(sales)")}
        extra = "".join(f", {c}" for c in _ORDERS_API_COLUMNS if c in have)
        rows = conn.execute(
            "SELECT id, external_reference, box_external_id, site_id, currency, status, total, "
            "paid_amount, tender, created_at, updated_at, expires_at, merchant_order_ids, "
            f"payment_ids, failure_reason, late_payment{extra} FROM sales "
            "ORDER BY id DESC LIMIT ?",
            (count,),
        ).fetchall()
        sales = []
        for row in rows:
            sale = dict(row)
            del sale["id"]
            sale["events"] = [
                dict(e)
                for e in conn.execute(
                    "SELECT at, kind, old_status, new_status, cause FROM sale_events "
                    "WHERE sale_id = ? ORDER BY id",
                    (row["id"],),
                )
            ]
            sales.append(sale)
        return sales
    except sqlite3.Error as exc:
        return {"error": str(exc)}
    finally:
        conn.close()


def _tail(path: Path, limit: int) -> str:
    try:
        with path.open("rb") as f:
            size = f.seek(0, 2)
            f.seek(max(0, size - limit))
            data = f.read()
    except OSError as exc:
        return f"cannot read {path.name}: {exc}\n"
    return data.decode("utf-8", errors="replace")


def _json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n"
