"""``pos-app refund REF --line N:WEIGHT``: part of a weighed line given back by its weight from
the command line (``--line 1:0.200``, or ``1:0,200``), its JSON naming the weight, the refund
ticket listing it. Until 2026-12-02 ``--line 1:0.200`` was refused ("The quantity must be a
whole number"): a weighed line went back whole or as a free ``--amount``. Hostile weights exit
2 with nothing written."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from pos_app.cli import main
from pos_app.domain.cart import CartLine
from pos_app.domain.money import site_for
from pos_app.domain.pricing import SaleUnit
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.ledger.refunds import RefundStore
from pos_app.ledger.store import Ledger
from pos_app.settings import config as config_mod
from pos_app.settings import paths
from tests.ledger_sales import record_sale

CHEESE = CartLine(
    "Q1", "Queso cremoso", Decimal(40000), sale_unit=SaleUnit.KG, measure=Decimal("0.350")
)
WINE = CartLine("V1", "Vino", Decimal(30000), 1, iva_rate=Decimal(19))


@pytest.fixture
def cash_sale(monkeypatch: pytest.MonkeyPatch) -> str:
    """A Colombian sale paid in cash (refunded as cash: nothing is sent): cheese at 5 % IVA,
    $ 14.000 for 0,350 kg, and wine at 19 %."""
    config_mod.save(
        config_mod.Config(
            user_id=1, store_external_id="SUC001", box_external_id="CAJA01", site_id="MCO"
        )
    )
    monkeypatch.setenv("MP_ACCESS_TOKEN", "APP_USR-1-unused")
    monkeypatch.setenv("MP_API_BASE_URL", "http://127.0.0.1:9")  # never reached
    ledger = Ledger(paths.ledger_path())
    try:
        lines = [replace(CHEESE, iva_rate=Decimal(5)), WINE]
        now = datetime.now(UTC)
        sale = record_sale(
            ledger, lines, at=now, site=site_for("MCO"), total=Decimal(44000), paid=False
        )
        ledger.update_sale(
            sale.external_reference,
            {"status": SaleStatus.CANCELED, "tender": Tender.CASH},
            now=now,
            kind="status",
            cause="test",
            old_status=SaleStatus.CREATING,
            new_status=SaleStatus.CANCELED,
        )
        return sale.external_reference
    finally:
        ledger.close()


def refunds_of(ref: str) -> list[object]:
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        return list(RefundStore(ledger).for_sale(ref))
    finally:
        ledger.close()


def test_a_weight_of_a_weighed_line_goes_back_from_the_command_line(
    cash_sale: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["refund", cash_sale, "--line", "1:0.200", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    (first,) = out["refunds"]
    assert first["amount"] == "8000"  # 14.000 × 0,200 / 0,350
    assert first["lines"] == [{"line": 1, "measure": "0.200"}]
    # A comma is the decimal mark in Colombia: 0,150 is the rest of the cheese.
    assert main(["refund", cash_sale, "--line", "1:0,150"]) == 0
    assert "refunded $ 6.000" in capsys.readouterr().err
    assert main(["receipt", cash_sale, "--refund", "1"]) == 0
    ticket = capsys.readouterr().out
    assert "0,200 kg" in ticket and "Queso cremoso" in ticket
    assert "19 %" not in ticket  # the cheese's IVA only (5 %)


@pytest.mark.parametrize(
    ("weight", "words"),
    [
        ("0", "between 0.001 and 9999.999"),
        ("0.351", "0,350 kg left"),
        ("1e309", "give the weight"),
        ("NaN", "give the weight"),
        ("inf", "give the weight"),
        ("0.0005", "at most 3 decimals"),
        ("1,250", "0,350 kg left"),  # a comma: the decimal mark in Colombia, 1,25 kg
        ("1.250", "0,350 kg left"),  # a dot: the command line's decimal mark, as --sku
        ("-0.1", "give the weight"),
        ("", ""),  # no weight: the whole line (all of it left), so not refused
    ],
)
def test_hostile_weights_exit_2_with_nothing_written(
    cash_sale: str, capsys: pytest.CaptureFixture[str], weight: str, words: str
) -> None:
    spec = f"1:{weight}" if weight else "1"
    code = main(["refund", cash_sale, "--line", spec])
    err = capsys.readouterr().err
    if not weight:
        assert code == 0 and "refunded $ 14.000" in err
        return
    assert code == 2, err
    assert words in err and "Traceback" not in err
    assert refunds_of(cash_sale) == []


@pytest.mark.parametrize("spec", ["1:", "1: ", "2:"])
def test_a_colon_with_nothing_after_it_refunds_nothing(
    cash_sale: str, capsys: pytest.CaptureFixture[str], spec: str
) -> None:
    """``--line 1:`` (a quantity left out) gave back the whole line, as ``--line 1`` does:
    money leaving the shop on a slip of the keyboard."""
    code = main(["refund", cash_sale, "--line", spec])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "nothing after the colon" in err and "Traceback" not in err
    assert refunds_of(cash_sale) == []
