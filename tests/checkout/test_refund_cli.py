"""``pos-app refund`` against the sandbox on a thread: exit codes 0, 1 and 2, the JSON, and
``status``/``sales`` showing what was refunded."""

from __future__ import annotations

import pytest

from pos_app.cli import main
from pos_app.sandbox.payments_api import book
from tests.checkout.test_cli import cli_json
from tests.thread_sandbox import ThreadSandbox, configured_fixture, sandbox_fixture  # noqa: F401


def paid_ref(capsys: pytest.CaptureFixture[str], sb: ThreadSandbox) -> str:
    code, sale = cli_json(capsys, "charge", "--item", "Yerba:2:1725.25", "--json")
    assert code in (0, 4), sale
    sb.state.pay_box("approved")
    code, sale = cli_json(capsys, "status", sale["external_reference"], "--json")
    assert code == 0 and sale["status"] == "paid"
    return str(sale["external_reference"])


def test_refund_partially_by_line_then_the_rest(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    ref = paid_ref(capsys, configured)
    code, sale = cli_json(capsys, "refund", ref, "--line", "1:1", "--json")
    assert code == 0, sale
    assert sale["refunded_amount"] == "1725.25"
    (first,) = sale["refunds"]
    assert first["status"] == "refunded" and first["mercadopago_refund_id"]
    assert first["lines"] == [{"line": 1, "quantity": 1}]
    code, sale = cli_json(capsys, "refund", ref, "--json")
    assert code == 0 and sale["refunded_amount"] == "3450.50"
    code, out = cli_json(capsys, "status", ref, "--json")
    assert out["refunded_amount"] == "3450.50" and len(out["refunds"]) == 2
    code, listed = cli_json(capsys, "sales", "--json")
    assert listed[0]["refunded_amount"] == "3450.50"
    assert main(["sales"]) == 0
    assert "refunded $ 3.450,50" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["--amount", "0"],
        ["--amount", "-1"],
        ["--amount", "1.234"],
        ["--amount", "99999"],
        ["--line", "3"],
        ["--line", "1:5"],
    ],
)
def test_local_refusals_exit_2_and_send_nothing(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    ref = paid_ref(capsys, configured)
    before = [e for e in configured.state.request_log if "/refunds" in e["path"]]
    assert main(["refund", ref, *argv]) == 2
    assert "pos-app:" in capsys.readouterr().err
    after = [e for e in configured.state.request_log if "/refunds" in e["path"]]
    assert after == before
    assert all(not p.refunds for p in configured.state.payments.values())


def test_mercado_pago_refusal_exits_1_in_plain_words(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    ref = paid_ref(capsys, configured)
    book(configured.state).switches(configured.state.seller_id).insufficient_balance = True
    assert main(["refund", ref, "--amount", "100"]) == 1
    assert "does not have enough money" in capsys.readouterr().err
    _code, out = cli_json(capsys, "status", ref, "--json")
    assert out["refunded_amount"] == "0.00" and out["refunds"][0]["status"] == "refused"


def test_the_refund_ticket_names_the_original_sale(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    ref = paid_ref(capsys, configured)
    assert main(["refund", ref, "--line", "1:1"]) == 0
    capsys.readouterr()
    assert main(["receipt", ref, "--refund", "1"]) == 0
    ticket = capsys.readouterr().out
    assert "REFUND RECEIPT" in ticket and ref in ticket and "Original sale" in ticket
    assert "REFUNDED" in ticket and "$ 1.725,25" in ticket and "1 × $ 1.725,25" in ticket
    assert "Refunded through Mercado Pago" in ticket
    assert main(["receipt", ref, "--refund", "2"]) == 2
