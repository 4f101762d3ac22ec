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
import re
import socket
import subprocess
import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pos_app.cli import build_parser
from pos_app.cli.dispatch import HANDLERS, STORE_SALES
from pos_app.domain.cart import Cart, CartLine
from pos_app.domain.money import site_for
from pos_app.ledger.store import Ledger
from pos_app.settings import config as config_mod
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
# ``close --store`` reads the store database (psycopg, asyncio, the keyring): no Mercado Pago.
NOT_FOR_STORE_CLOSE = (
    "httpx",
    "pos_app.checkout.day",
    "pos_app.checkout.engine",
    "pos_app.runtime",
    "pos_app.mercadopago.client",
    "pos_app.domain.scale_label",
)

# What reading this box's ledger and settings (sales, receipt, cash, shift, ledger, backup) has
# no use for: the scale labels (the settings check layouts with domain.scale_layouts), the
# order items, the close's arithmetic, the catalog's CSV import, a printer, a new reference's
# random suffix. Each was imported by ``pos-app sales`` once (~60 ms of its 0.28 s).
NOT_FOR_READING = (
    "pos_app.domain.scale_label",
    "pos_app.domain.order_lines",
    "pos_app.domain.day",
    "pos_app.ledger.day",
    "pos_app.ledger.catalog_import",
    "pos_app.receipts.printers",
    "pos_app.store.address",
    "csv",
    "secrets",
    "tempfile",
)
# ``--version`` and ``--help`` build the parser and print: no logging, no sales' printing, not
# even the money rules (--site's sites are checked when given: argparse imported the rules to
# list them as choices in --help).
NOT_FOR_THE_PARSER = ("logging", "pos_app.cli.output", "pos_app.system.logs")
NOT_FOR_VERSION = (*NOT_FOR_THE_PARSER, "decimal", "pos_app.domain.money")

# The real entry point (pos_app/__main__.py calls main() the same way), one command after
# another in one process (one interpreter start for all); after each, which of the modules
# named in argv[2] it has loaded.
CHILD = """
import json, sys
from pos_app.cli import main

names = json.loads(sys.argv[2])
for argv in json.loads(sys.argv[1]):
    try:
        code = main(argv)
    except SystemExit as exc:  # --help, --version
        code = exc.code
    loaded = [m for m in names if m in sys.modules]
    print("LOADED " + json.dumps({"argv": argv, "code": code, "loaded": loaded}), flush=True)
"""


def run_child(commands: list[list[str]], names: tuple[str, ...]) -> list[dict[str, Any]]:
    """Run ``commands`` in one fresh interpreter; for each, its exit code and which of
    ``names`` were loaded after it (cumulative: a module stays once imported)."""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(commands), json.dumps(names)],
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
    for report in reports:
        report["stdout"], report["stderr"] = done.stdout, done.stderr
    return reports


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
    # The narrowest first (the report after a command counts what every one before it loaded),
    # each with what must still not be loaded after it.
    reading = NOT_FOR_READING
    for_the_day = tuple(m for m in reading if m not in ("pos_app.domain.day", "pos_app.ledger.day"))
    steps: list[tuple[list[str], tuple[str, ...]]] = [
        (["--version"], NOT_FOR_VERSION + reading),
        (["--help"], NOT_FOR_VERSION + reading),
        (["close", "--help"], NOT_FOR_VERSION + reading),
        (["configure", "--help"], NOT_FOR_VERSION + reading),
        (["sales"], reading),
        (["sales", "--json"], reading),
        (["ledger", "recover"], reading),
        (["backup", "--to", str(tmp_path / "backups")], reading),
        (["receipt", ref], reading),  # on stdout: no printer (--escpos), no close report
        (["cash", "in", "100", "--reason", "change"], for_the_day),
        (["shift", "open", "--cashier", "Ana", "--float", "500"], for_the_day),
        # the import reads CSV through a temporary copy; it makes no sale, reads no scale label
        (
            ["catalog", "import", str(products)],
            ("pos_app.domain.scale_label", "pos_app.domain.order_lines", "secrets"),
        ),
        (["doctor", "--json"], ()),
    ]
    commands = [argv for argv, _ in steps]
    names = tuple(dict.fromkeys(NOT_FOR_LOCAL_COMMANDS + NOT_FOR_VERSION + reading))
    reports = run_child(commands, names)
    stderr = reports[0]["stderr"][-2000:]
    # doctor, last: nothing configured, no token; it reads the keyring and runs its checks
    # with asyncio, but has neither a Mercado Pago account nor a receiver to try.
    assert [r["code"] for r in reports] == [0] * (len(commands) - 1) + [1], stderr
    assert ref in reports[0]["stdout"]  # the sale was listed and its receipt printed: they ran
    # Cumulative: a module one command imports stays, so the first report naming it is the
    # command that imported it.
    local = [
        (r["argv"], sorted(set(r["loaded"]) & set(NOT_FOR_LOCAL_COMMANDS))) for r in reports[:-1]
    ]
    assert [(argv, mods) for argv, mods in local if mods] == []
    assert set(reports[-1]["loaded"]) & set(NOT_FOR_LOCAL_COMMANDS) <= {"asyncio", "keyring"}
    unneeded = [
        (r["argv"], sorted(set(r["loaded"]) & set(forbidden)))
        for r, (_, forbidden) in zip(reports, steps, strict=True)
    ]
    assert [(argv, mods) for argv, mods in unneeded if mods] == []


def test_close_store_imports_no_checkout_engine_runtime_or_http_client() -> None:
    """``close --store`` / ``--chain`` add up the boxes' figures from the store database: no
    Mercado Pago, so neither the engine (it imported it through ``checkout.day.site_zone``)
    nor the runtime, httpx or the API client. Here the database refuses the connection: the
    command got as far as reading it, with everything it needs imported."""
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config_mod.save(
        config_mod.Config(
            store_database=f"postgresql://pos@127.0.0.1:{port}/shop",
            store_external_id="SUC001",
            box_external_id="CAJA01",
        )
    )
    os.environ["POS_STORE_DATABASE_PASSWORD"] = "not-the-keyring"  # the test's env only
    try:
        reports = run_child(
            [["close", "--store"], ["close", "--chain", "--json", "--from", "2026-12-01"]],
            NOT_FOR_STORE_CLOSE,
        )
    finally:
        del os.environ["POS_STORE_DATABASE_PASSWORD"]
    assert [r["code"] for r in reports] == [1, 1]
    assert reports[0]["stderr"].count("pos-app: the store database") == 2, reports[0]["stderr"]
    assert "psycopg" not in NOT_FOR_STORE_CLOSE
    assert [r["loaded"] for r in reports] == [[], []]


def test_site_is_checked_against_the_money_rules_when_given(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from pos_app.domain.money import SITES

    parser = build_parser()
    assert parser.parse_args(["--site", "mco"]).site == "MCO"
    assert parser.parse_args([]).site is None
    with pytest.raises(SystemExit) as refused:
        parser.parse_args(["--site", "XX"])
    assert refused.value.code == 2
    assert "--site: invalid choice: 'XX' (choose from MCO, MLA" in capsys.readouterr().err
    # --help names them in words: every site, no other
    [site] = [a for a in parser._actions if "--site" in a.option_strings]
    named = re.findall(r"\b(M[A-Z]{2})\b", (site.help or "").split("(")[0])
    assert sorted(named) == sorted(SITES)


def test_the_parser_is_built_once_and_parsing_leaves_it_as_it_was() -> None:
    """main() parses with one parser per process (the suite calls it ~800 times): a line
    parsed before never shows in the next one (repeated options start empty again)."""
    parser = build_parser()
    assert build_parser() is parser
    first = parser.parse_args(["charge", "--item", "Mate:1:100", "--sku", "7790580001018"])
    assert first.item == ["Mate:1:100"] and first.sku == ["7790580001018"]
    again = parser.parse_args(["charge"])
    assert again.item == [] and again.sku == []
    refund = parser.parse_args(["refund", "REF", "--line", "1"])
    assert refund.line == ["1"] and parser.parse_args(["refund", "REF"]).line == []


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


def test_talking_to_mercado_pago_does_not_load_httpxs_command_line_tool() -> None:
    """httpx imports its own command-line tool when imported: click (~20 ms), then pygments and
    rich, and drops it when those are missing (as in a shop's install). ``pos_app`` blocks that
    import, so the runtime and the API client load httpx without click, pygments or rich, and
    httpx itself still works (its stand-in ``main`` is there)."""
    code = (
        "import sys, json\n"
        "import pos_app.runtime, pos_app.mercadopago.client, httpx\n"
        "print(json.dumps([sorted(m for m in sys.modules if m.split('.')[0] in\n"
        "    ('click', 'pygments', 'rich')), callable(httpx.main), 'httpx' in sys.modules]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=True
    )
    assert json.loads(done.stdout) == [[], True, True]
