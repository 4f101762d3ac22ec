"""A sale the customer paid in cash reads so on the command line, as in the window.

The ledger keeps such a sale as its order canceled on the box with the tender ``cash`` (the
JSON's ``ledger_status`` says so, for scripts); the window's history says *Paid in cash*, the receipt *Paid in
cash*, the close counts it as cash. Until 2026-12-02 ``pos-app cancel REF --cash`` printed
``canceled  [cash]`` and exited 3, "the customer did not pay", as did ``status REF``; and
``pos-app sales`` listed it ``canceled``. Until the same day's afternoon ``--json`` said
``status: canceled, paid_amount: 0.00`` (now ``paid_in_cash`` and the cash taken).
"""

from __future__ import annotations

import pytest

from pos_app.cli import main
from tests.checkout.harness import quick_cancel_recheck
from tests.checkout.test_cli import cli_json
from tests.thread_sandbox import ThreadSandbox


@pytest.fixture(autouse=True)
def _quick_cancel_recheck(monkeypatch: pytest.MonkeyPatch) -> None:
    quick_cancel_recheck(monkeypatch)  # `pos-app cancel` waits for its second look (2 s)


def test_a_cash_sale_says_paid_in_cash_and_exits_0(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    code, sale = cli_json(capsys, "charge", "--item", "Mate:1:2000", "--json")
    assert code == 0
    ref = str(sale["external_reference"])
    assert main(["cancel", ref, "--cash"]) == 0
    out = capsys.readouterr().out
    assert "paid in cash" in out and "canceled" not in out, out
    assert main(["status", ref]) == 0
    assert "paid in cash" in capsys.readouterr().out
    assert main(["sales"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert line.endswith("paid in cash"), line
    # The JSON says what happened too (2026-12-02; it said canceled, paid 0.00), the ledger's
    # own word kept beside it.
    code, again = cli_json(capsys, "status", ref, "--json")
    assert code == 0 and (again["status"], again["tender"]) == ("paid_in_cash", "cash")
    assert (again["ledger_status"], again["paid_amount"]) == ("canceled", "2000.00")
    assert (again["cash_amount"], again["mercadopago_amount"]) == ("2000.00", "0.00")


def test_a_canceled_sale_still_exits_3(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    _code, sale = cli_json(capsys, "charge", "--item", "Mate:1:2000", "--json")
    ref = str(sale["external_reference"])
    assert main(["cancel", ref]) == 3
    out = capsys.readouterr().out
    assert "canceled" in out and "cash" not in out
