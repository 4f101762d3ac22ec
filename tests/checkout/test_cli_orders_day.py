"""An Orders API sale through the command line: charged, paid at the box, refunded by line
and by amount; what ``--json`` and the tickets say about it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pos_app.cli import main
from tests.thread_sandbox import ThreadSandbox, configured_fixture, sandbox_fixture  # noqa: F401


def cli_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    capsys.readouterr()
    code = main(list(argv))
    return code, json.loads(capsys.readouterr().out)


def test_refunds_of_an_orders_api_sale_name_the_payment_they_gave_back(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each refund row keeps the order's payment (PAY…) it went back through; ``--json``
    showed ``payment_id: null`` (instore's kind) and nothing else for such a refund."""
    assert cli_json(capsys, "configure", "--api", "orders", "--json")[0] == 0
    code, sale = cli_json(
        capsys, "charge", "--item", "Yerba:2:100", "--item", "Mate:1:50", "--json"
    )
    ref = sale["external_reference"]
    configured.control("POST", "/_sandbox/boxes/CAJA01/pay", {})
    code, paid = cli_json(capsys, "status", ref, "--json")
    assert code == 0 and paid["status"] == "paid"
    (pay_id,) = paid["order_payment_ids"]
    code, refunded = cli_json(capsys, "refund", ref, "--line", "2", "--json")
    assert code == 0 and refunded["refunded_amount"] == "50.00"
    (row,) = refunded["refunds"]
    assert row["status"] == "refunded" and row["order_payment_id"] == pay_id
    assert row["payment_id"] is None and row["lines"] == [{"line": 2, "quantity": 1}]
    order = configured.state.orders_api.orders[sale["order_id"]]
    assert order.payments[0].refunded == 50  # at Mercado Pago too, once
    code, sales = cli_json(capsys, "sales", "--json")
    assert sales[0]["refunds"][0]["order_payment_id"] == pay_id
