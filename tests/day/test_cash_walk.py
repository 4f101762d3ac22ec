"""A cashier's cash day from the command line: a cash sale refunded in cash, then the close; a
cash sale refunded after the close that counted it. The drawer adds up in every close, each
amount counted once, in the close of the moment it moved."""

from __future__ import annotations

import pytest

from pos_app.cli import main
from tests.checkout.harness import quick_cancel_recheck
from tests.checkout.test_cli import cli_json
from tests.thread_sandbox import ThreadSandbox


def _cash_sale(capsys: pytest.CaptureFixture[str]) -> str:
    _code, sale = cli_json(capsys, "charge", "--item", "Mate:1:2000", "--json")
    ref = str(sale["external_reference"])
    assert main(["cancel", ref, "--cash"]) == 0
    capsys.readouterr()
    return ref


def test_cash_refunds_before_and_after_a_close(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    quick_cancel_recheck(monkeypatch)
    assert main(["shift", "open", "--cashier", "Ana", "--float", "1000"]) == 0
    capsys.readouterr()
    given_back = _cash_sale(capsys)
    kept = _cash_sale(capsys)
    code, refunded = cli_json(capsys, "refund", given_back, "--json")
    assert code == 0 and refunded["refunded_amount"] == "2000.00"
    assert refunded["refunds"][0]["tender"] == "cash"
    code, first = cli_json(capsys, "close", "--counted-cash", "3000", "--json")
    assert first["totals"] == {"mercadopago_qr": "0.00", "cash": "4000.00"}
    assert first["refunds_per_tender"] == {"mercadopago_qr": "0.00", "cash": "2000.00"}
    assert (first["expected_cash"], first["difference"], first["net"]) == (
        "3000.00",
        "0.00",
        "2000.00",
    )
    assert first["sales_count"] == 2

    # The next day: part of the sale the first close counted comes back.
    assert main(["shift", "open", "--cashier", "Bea", "--float", "3000"]) == 0
    capsys.readouterr()
    code, partly = cli_json(capsys, "refund", kept, "--amount", "500", "--json")
    assert code == 0 and partly["refunded_amount"] == "500.00"
    code, listed = cli_json(capsys, "sales", "--json")
    by_ref = {s["external_reference"]: s for s in listed}
    assert by_ref[kept]["status"] == "paid_in_cash" and by_ref[kept]["paid_amount"] == "2000.00"
    code, second = cli_json(capsys, "close", "--counted-cash", "2500", "--json")
    assert second["totals"] == {"mercadopago_qr": "0.00", "cash": "0.00"}
    assert second["refunds_per_tender"]["cash"] == "500.00" and second["sales_count"] == 0
    assert (second["expected_cash"], second["difference"], second["net"]) == (
        "2500.00",
        "0.00",
        "-500.00",
    )
    # The first close is as frozen; what is left of the kept sale is its own.
    code, again = cli_json(capsys, "status", kept, "--json")
    assert again["refunded_amount"] == "500.00"
    assert main(["refund", kept, "--amount", "1500.01"]) == 2  # 1,500 is left
