"""Start-up of ``pos-app`` commands (issue 19): each command imports what it runs, no more.

Support technicians and shop scripts run ``sales``, ``receipt``, ``cash``, ``ledger recover``…
many times a day: reading the local ledger must not import the checkout engine, the runtime,
httpx, keyring or asyncio (about 0.3 s of a 0.45 s command), which only the commands that talk
to Mercado Pago need; ``doctor`` without a token or a receiver imports no HTTP client, no
Starlette, no uvicorn. The parser never imports a command's module either.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.cli import build_parser
from pos_app.cli.dispatch import HANDLERS, STORE_SALES
from pos_app.domain.cart import Cart, CartLine
from pos_app.domain.money import site_for
from pos_app.ledger.store import Ledger
from pos_app.settings import paths
from tests.ledger_sales import record_sale

# What a command that only reads or writes local files has no use for.
NOT_FOR_LOCAL_COMMANDS = (
    "asyncio",
    "httpx",
    "keyring",
    "psycopg",
    "PySide6",
    "starlette",
    "uvicorn",
    "pos_app.checkout.engine",
    "pos_app.runtime",
    "pos_app.mercadopago.client",
)

# The real entry point (pos_app/__main__.py calls main() the same way), one command after
# another in one process (one interpreter start for all); after each, what it has loaded.
CHILD = """
import json, sys
from pos_app.cli import main

for argv in json.loads(sys.argv[1]):
    try:
        code = main(argv)
    except SystemExit as exc:  # --help, --version
        code = exc.code
    loaded = [m for m in NAMES if m in sys.modules]
    print("LOADED " + json.dumps({"argv": argv, "code": code, "loaded": loaded}), flush=True)
""".replace("NAMES", repr(NOT_FOR_LOCAL_COMMANDS))


def a_paid_sale() -> str:
    site = site_for("MLA")
    cart = Cart(site)
    cart.restore([CartLine("Y1", "Yerba mate 1 kg", Decimal("3450.50"), 2)])
    ledger = Ledger(paths.ledger_path())
    try:
        sale = record_sale(ledger, cart.lines, at=datetime.now(UTC), site=site, total=cart.total())
    finally:
        ledger.close()
    return sale.external_reference


def test_local_commands_import_no_engine_http_keyring_or_asyncio(tmp_path: Path) -> None:
    ref = a_paid_sale()
    products = tmp_path / "products.csv"
    products.write_text("sku,title,unit_price\nYER1,Yerba 1kg,3450.50\n", encoding="utf-8")
    (tmp_path / "backups").mkdir()
    commands = [
        ["--version"],
        ["--help"],
        ["close", "--help"],
        ["sales"],
        ["sales", "--json"],
        ["receipt", ref],
        ["cash", "in", "100", "--reason", "change"],
        ["shift", "open", "--cashier", "Ana", "--float", "500"],
        ["catalog", "import", str(products)],
        ["ledger", "recover"],
        ["backup", "--to", str(tmp_path / "backups")],
        ["doctor", "--json"],
    ]
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(commands)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    reports = [
        json.loads(line.split(" ", 1)[1])
        for line in done.stdout.splitlines()
        if line.startswith("LOADED ")
    ]
    assert [r["argv"] for r in reports] == commands, done.stderr[-2000:]
    # doctor, last: nothing configured, no token; it reads the keyring and runs its checks
    # with asyncio, but has neither a Mercado Pago account nor a receiver to try.
    assert [r["code"] for r in reports] == [0] * (len(commands) - 1) + [1], done.stderr[-2000:]
    assert ref in done.stdout  # the sale was listed and its receipt printed: they really ran
    # Cumulative: a module one command imports stays, so the first report naming it is the
    # command that imported it.
    local = [(r["argv"], r["loaded"]) for r in reports[:-1] if r["loaded"]]
    assert local[:1] == []
    assert set(reports[-1]["loaded"]) <= {"asyncio", "keyring"}, reports[-1]


def test_every_command_has_a_handler_and_each_handler_exists() -> None:
    parser = build_parser()
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert set(sub.choices) - {"sandbox"} == set(HANDLERS)
    for target in [*HANDLERS.values(), STORE_SALES]:
        module_name, _, function = target.partition(":")
        module = __import__(module_name, fromlist=[function])
        assert callable(getattr(module, function)), target


def test_pos_app_alone_opens_the_window_with_the_parsers_defaults_and_builds_no_parser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``pos-app`` with no arguments (the menu entry, the desktop shortcut) skips the parser:
    ~12 ms of the first frame. What it passes the window must be what the parser would."""
    import types

    import pos_app.cli as cli

    opened: list[dict[str, object]] = []

    def fake_main(**kwargs: object) -> int:
        opened.append(kwargs)
        return 0

    # Not the real pos_app.app: no PySide6 in this test.
    monkeypatch.setitem(sys.modules, "pos_app.app", types.SimpleNamespace(main=fake_main))
    built: list[int] = []
    real_build = cli.build_parser

    def counting_build() -> argparse.ArgumentParser:
        built.append(1)
        return real_build()

    monkeypatch.setattr(cli, "build_parser", counting_build)
    assert cli.main([]) == 0
    assert built == []
    assert cli.main(["-v"]) == 0  # any argument: parsed
    assert built == [1]
    defaults = real_build().parse_args([])
    expected = {
        "demo": defaults.demo,
        "argv": [sys.argv[0]],
        "demo_site": defaults.site,
        "customer_display": defaults.customer_display,
    }
    assert opened == [expected, expected]
    assert defaults.verbose == 0 and defaults.command is None
