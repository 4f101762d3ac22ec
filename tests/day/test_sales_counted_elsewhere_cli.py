"""``pos-app sales`` on a sale whose Mercado Pago payment is in the books as a sale of its own
(``MP-<payment id>``, :func:`pos_app.domain.records.counted_elsewhere`): it said "paid" and no
more, as if the money were that sale's too. It now says where the payment is counted (the
sales history's "Counted elsewhere"), naming that sale, in text and in ``--json``."""

from __future__ import annotations

import json

import pytest

from pos_app.cli import main
from pos_app.settings import paths
from tests.ledger_edits import edit_by_hand
from tests.thread_sandbox import ThreadSandbox, configured_fixture, sandbox_fixture  # noqa: F401


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def test_sales_names_the_sale_a_payment_is_counted_on(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    # As tests/hostile/test_damaged_waiting_sale.py makes it with the commands: a waiting sale
    # damaged, its payment recorded as MP-<id>, the sale repaired by hand and found paid.
    waiting = run(capsys, "charge", "--item", "Yerba:2:1725.25").strip()
    edit_by_hand(paths.ledger_path(), "sales", "total", "NaN", reference=waiting)
    payment = configured.state.pay_box("approved")
    adopted = json.loads(run(capsys, "reconcile", "--adopt", "--json"))
    recorded = adopted["missing_in_ledger"][0]["adopted_as"]
    assert recorded == f"MP-{payment}"
    edit_by_hand(paths.ledger_path(), "sales", "total", "3450.50", reference=waiting)
    assert json.loads(run(capsys, "reconcile", "--json"))["all_match"]

    listed = {s["external_reference"]: s for s in json.loads(run(capsys, "sales", "--json"))}
    mine, other = listed[waiting], listed[recorded]
    assert mine["status"] == "paid" and mine["mercadopago_amount"] == "0.00"
    assert mine["counted_elsewhere"] is True and mine["counted_on"] == [recorded]
    assert other["counted_elsewhere"] is False and other["counted_on"] == []

    lines = {line.split()[2]: line for line in run(capsys, "sales").splitlines()}
    assert "counted elsewhere" in lines[waiting], lines[waiting]
    assert f"Mercado Pago payment is counted on sale {recorded}" in lines[waiting]
    assert "counted" not in lines[recorded]

    # One sale's status says it as well.
    status = json.loads(run(capsys, "status", waiting, "--json"))
    assert status["counted_elsewhere"] is True and status["counted_on"] == [recorded]
    assert f"counted on sale {recorded}" in run(capsys, "status", waiting)
