"""An empty or blank day option (``--from ''``, ``--to ' '``, ``--date ''``: a script's unset
variable) is refused in one line with the other bad dates' words and exit code. It was read as
"no day given": ``sales --from ''`` printed the newest sales as if it were a period's,
``--from DAY --to ''`` listed one day, ``close --from ''`` went on to close the day (the
period options belong to ``--store``), ``reconcile --date ''`` checked today."""

from __future__ import annotations

import argparse
from datetime import datetime
from decimal import Decimal

import pytest

from pos_app.cli import main
from pos_app.cli.output import EXIT_USAGE
from pos_app.domain.cart import CartLine
from pos_app.domain.day import site_zone
from pos_app.ledger.store import Ledger
from pos_app.settings import paths
from tests.ledger_sales import record_sale

LINES = [CartLine("Y1", "Yerba, 1 kg", Decimal("4500.50"), 2)]
BLANKS = ["", " ", "\t"]


@pytest.fixture
def a_sale() -> str:
    ledger = Ledger(paths.ledger_path())
    try:
        at = datetime(2026, 12, 1, 12, tzinfo=site_zone("MLA"))
        return record_sale(ledger, LINES, at=at).external_reference
    finally:
        ledger.close()


def refused(argv: list[str], capsys: pytest.CaptureFixture[str], said: str) -> None:
    assert main(argv) == EXIT_USAGE, argv
    out, err = capsys.readouterr()
    assert out == "", argv  # no sale listed, nothing closed or checked
    assert err.count("\n") == 1 and said in err and "Traceback" not in err, (argv, err)


@pytest.mark.parametrize("blank", BLANKS)
def test_sales_refuses_a_blank_from_or_to(
    blank: str, a_sale: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Another bad day, for the words and the exit code to agree with.
    refused(["sales", "--from", "2026-13-01"], capsys, "--from: expected YYYY-MM-DD")
    refused(["sales", "--from", blank], capsys, "--from: expected YYYY-MM-DD")
    refused(["sales", "--from", blank, "--json"], capsys, "--from: expected YYYY-MM-DD")
    refused(["sales", "--from", "2026-12-01", "--to", blank], capsys, "--to: expected YYYY-MM-DD")
    refused(["sales", "--to", blank], capsys, "--to needs --from")
    refused(["sales", "--from", blank, "--csv", "x.csv"], capsys, "--from: expected YYYY-MM-DD")
    # The sale is there: listed by a real period and by no period at all.
    assert main(["sales", "--from", "2026-12-01"]) == 0
    assert a_sale in capsys.readouterr().out
    assert main(["sales"]) == 0
    assert a_sale in capsys.readouterr().out


@pytest.mark.parametrize("blank", BLANKS)
def test_close_and_reconcile_refuse_a_blank_day(
    blank: str, a_sale: str, capsys: pytest.CaptureFixture[str]
) -> None:
    refused(["close", "--from", blank], capsys, "--from and --to go with --store or --chain")
    refused(["close", "--to", blank], capsys, "--from and --to go with --store or --chain")
    refused(["reconcile", "--date", blank], capsys, "--date: expected YYYY-MM-DD")
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        assert ledger.day.closes() == []  # the day was not closed
    finally:
        ledger.close()


@pytest.mark.parametrize("blank", BLANKS)
def test_the_store_s_period_refuses_a_blank_day(blank: str) -> None:
    """``close --store`` and ``sales --store`` read their period here (before any connection
    to the store database): a blank --from was each box's current period."""
    from pos_app.cli.dispatch import UsageError
    from pos_app.cli.store import _period

    for date_from, date_to, said in [
        (blank, None, "--from: expected YYYY-MM-DD"),
        ("2026-12-01", blank, "--to: expected YYYY-MM-DD"),
        (None, blank, "--to needs --from"),
    ]:
        args = argparse.Namespace(date_from=date_from, date_to=date_to)
        with pytest.raises(UsageError, match=said):
            _period(args, "MLA")
    assert _period(argparse.Namespace(date_from=None, date_to=None), "MLA") == (None, None)


def test_store_commands_refuse_a_blank_day_before_the_store_database(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Refused before any connection (nothing listens on port 1: a connection would say
    "connection failed" and exit 1). ``sales --store --from DAY`` listed the store's newest
    sales, its period unsaid: the store's lists have no period."""
    from pos_app.settings import config as config_mod

    config_mod.save(
        config_mod.Config(
            store_external_id="SUC001",
            box_external_id="CAJA01",
            store_database="postgresql://pos@127.0.0.1:1/store",
        )
    )
    for blank in BLANKS:
        refused(["reconcile", "--store", "--date", blank], capsys, "--date: expected YYYY-MM-DD")
        refused(["sales", "--store", "--from", blank], capsys, "not with --store/--chain")
    refused(["sales", "--chain", "--from", "2026-12-01"], capsys, "not with --store/--chain")
    refused(["sales", "--store", "--to", "2026-12-01"], capsys, "not with --store/--chain")
