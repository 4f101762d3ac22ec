"""``pos-app close --counted-cash 0``: a drawer counted empty closes the day.

A shop that takes only Mercado Pago (or emptied the drawer into the safe) counts 0; the window's
close takes it, and ``shift hand-over --counted 0`` too. Until 2026-12-02 the command line
refused it with "The price must be greater than zero." (exit 2): the day could not be closed
from a terminal with the cash counted.
"""

from __future__ import annotations

import pytest

from tests.checkout.test_cli import cli_json
from tests.thread_sandbox import ThreadSandbox


def test_a_day_closes_with_an_empty_drawer(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli_json(capsys, "shift", "open", "--cashier", "Ana", "--float", "0", "--json")[0] == 0
    code, report = cli_json(capsys, "close", "--counted-cash", "0", "--json")
    assert code == 0, report
    assert (report["counted_cash"], report["difference"]) == ("0.00", "0.00")


@pytest.mark.parametrize("bad", ["-0", "-1", "0,001", "0.001", "NaN", "", "0x0"])
def test_what_is_not_a_count_is_still_refused(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    code, _out = cli_json(capsys, "close", "--counted-cash", bad, "--json")
    assert code == 2


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["cash", "in", "0", "--reason", "troco"], "The amount must be greater than zero."),
        (["cash", "out", "10.005", "--reason", "gas"], "Amounts in ARS can have at most 2"),
        (["refund", "{ref}", "--amount", "0"], "The amount must be greater than zero."),
        (["refund", "{ref}", "--amount", "1.001"], "Amounts in ARS can have at most 2"),
    ],
)
def test_cash_and_refund_amounts_are_not_called_prices(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    """A cash movement or a refund is no price: "The price must be greater than zero." and
    "Prices in … can have at most 2 decimals" read wrong there (until 2026-12-02)."""
    from pos_app.cli import main

    if "{ref}" in argv:
        _code, sale = cli_json(capsys, "charge", "--item", "Mate:1:2000", "--json")
        configured.control("POST", "/_sandbox/boxes/CAJA01/pay", {"outcome": "approved"})
        ref = str(sale["external_reference"])
        assert cli_json(capsys, "status", ref, "--json")[1]["status"] == "paid"
        argv = [ref if a == "{ref}" else a for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert said in err and "price" not in err.lower(), err
