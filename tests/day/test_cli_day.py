"""``pos-app shift/cash/close/reconcile`` against the sandbox, as a shop's day goes."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.cli import main
from pos_app.ledger.backup import backups
from pos_app.ledger.store import Ledger
from pos_app.sandbox.payments_search import foreign_payment
from pos_app.settings import config as config_mod
from pos_app.settings import paths
from tests.checkout.harness import quick_cancel_recheck
from tests.checkout.test_cli import cli_json
from tests.thread_sandbox import ThreadSandbox

CLOSE_FIELDS = {
    "number",
    "opened_at",
    "closed_at",
    "sales_count",
    "totals",
    "refunds",
    "net",
    "expected_cash",
    "counted_cash",
    "difference",
    "iva",
    "movements",
}


@pytest.fixture(autouse=True)
def _quick_cancel_recheck(monkeypatch: pytest.MonkeyPatch) -> None:
    quick_cancel_recheck(monkeypatch)  # `pos-app cancel` waits for its second look (2 s)


def _charge(capsys: pytest.CaptureFixture[str], item: str) -> str:
    code, sale = cli_json(capsys, "charge", "--item", item, "--json")
    assert code == 0
    return str(sale["external_reference"])


def test_a_day_closes_and_adds_up(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        cli_json(capsys, "shift", "open", "--cashier", "Ana", "--float", "5000", "--json")[0] == 0
    )
    assert cli_json(capsys, "cash", "in", "1000", "--reason", "change", "--json")[0] == 0
    assert cli_json(capsys, "cash", "out", "300.50", "--reason", "delivery", "--json")[0] == 0
    # Paid by QR.
    _charge(capsys, "Yerba:2:1725.25")
    configured.control("POST", "/_sandbox/boxes/CAJA01/pay", {"outcome": "approved"})
    assert cli_json(capsys, "status", _paid_ref(), "--json")[1]["status"] == "paid"
    # Paid in cash.
    ref = _charge(capsys, "Mate:1:2000")
    assert cli_json(capsys, "cancel", ref, "--cash", "--json")[1]["status"] == "paid_in_cash"
    # Canceled.
    ref = _charge(capsys, "Bombilla:1:999")
    assert cli_json(capsys, "cancel", ref, "--json")[1]["status"] == "canceled"

    code, report = cli_json(capsys, "close", "--counted-cash", "7700", "--json")
    assert code == 0
    assert set(report) >= CLOSE_FIELDS
    assert report["number"] == 1
    assert report["sales_count"] == 2
    assert report["totals"] == {"mercadopago_qr": "3450.50", "cash": "2000.00"}
    assert report["refunds"] == "0.00"
    assert report["net"] == "5450.50"
    assert report["canceled_count"] == 1
    assert report["expected_cash"] == "7699.50"  # 5000 + 2000 + 1000 - 300.50
    assert report["counted_cash"] == "7700.00"
    assert report["difference"] == "0.50"
    assert [m["kind"] for m in report["movements"]] == ["in", "out"]
    assert report["iva"] == {}

    # Two closes in a row: the second is number 2 and empty, the first never changes.
    code, second = cli_json(capsys, "close", "--json")
    assert code == 0 and second["number"] == 2
    assert second["opened_at"] == report["closed_at"]
    assert second["sales_count"] == 0 and second["net"] == "0.00"
    assert second["expected_cash"] == "0.00"
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        closes = ledger.day.closes()
        assert [c.number for c in closes] == [1, 2]
        assert closes[0].net == Decimal("5450.50")
        with pytest.raises(Exception, match="closed period never changes"):
            ledger._conn.execute("UPDATE closes SET report = '{}' WHERE number = 1")
        # A movement dated inside the closed period is refused.
        with pytest.raises(Exception, match="already closed"):
            ledger.day.add_movement(
                __import__("pos_app.domain.day").domain.day.MovementKind.IN,
                Decimal(1),
                "x",
                now=closes[0].closed_at - timedelta(minutes=1),
            )
    finally:
        ledger.close()


def _paid_ref() -> str:
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        return ledger.all_sales(1)[0].external_reference
    finally:
        ledger.close()


def test_close_after_a_crash_mid_sale_counts_the_payment(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    # The till sent the order and died; the customer paid while it was down.
    ref = _charge(capsys, "Yerba:1:1500")
    configured.control("POST", "/_sandbox/boxes/CAJA01/pay", {"outcome": "approved"})
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        assert ledger.get_sale(ref).is_open  # type: ignore[union-attr]
    finally:
        ledger.close()
    code, report = cli_json(capsys, "close", "--json")
    assert code == 0
    assert report["sales_count"] == 1
    assert report["totals"]["mercadopago_qr"] == "1500.00"
    assert report["open_count"] == 0


def test_cli_refuses_bad_amounts(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["cash", "in", "1E+3", "--reason", "x"]) == 2
    assert main(["cash", "out", "0", "--reason", "x"]) == 2
    assert main(["close", "--counted-cash", "NaN"]) == 2
    assert main(["reconcile", "--date", "yesterday"]) == 2


def test_reconcile_pages_through_125_payments_and_adopts_them(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    ref = _charge(capsys, "Yerba:1:1500")
    configured.control("POST", "/_sandbox/boxes/CAJA01/pay", {"outcome": "approved"})
    assert cli_json(capsys, "status", ref, "--json")[1]["status"] == "paid"
    state = configured.state
    box = state.box_or_404("CAJA01")
    now = datetime.now(UTC)
    for n in range(125):
        foreign_payment(state, box, Decimal(100 + n), at=now - timedelta(seconds=n))
    # Another box's payment is not this box's business.
    other = state.add_box(
        box.user_id,
        state.stores[box.store_id],
        "Caja 2",
        "CAJA02",
        fixed_amount=True,
        category=None,
    )
    foreign_payment(state, other, Decimal(7))
    code, result = cli_json(capsys, "reconcile", "--json")
    assert code == 3
    assert result["payments"] == 126 and result["matched"] == 1
    assert len(result["missing_in_ledger"]) == 125
    assert {p["amount"] for p in result["missing_in_ledger"]} == {
        f"{100 + n}.00" for n in range(125)
    }
    searches = [r for r in state.request_log if "/v1/payments/search" in str(r.get("path", ""))]
    assert len(searches) >= 3  # 50 a page
    # A payment made behind the app's back, adopted: recorded as paid, found next time.
    code, adopted = cli_json(capsys, "reconcile", "--adopt", "--json")
    assert code == 0
    assert all(p["adopted_as"] for p in adopted["missing_in_ledger"])
    code, again = cli_json(capsys, "reconcile", "--json")
    assert code == 0 and again["all_match"] and again["matched"] == 126
    code, report = cli_json(capsys, "close", "--json")
    assert report["sales_count"] == 126
    assert Decimal(report["totals"]["mercadopago_qr"]) == 1500 + sum(100 + n for n in range(125))


def test_reconcile_reports_a_paid_sale_mercadopago_does_not_show(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    ref = _charge(capsys, "Yerba:1:1500")
    configured.control("POST", "/_sandbox/boxes/CAJA01/pay", {"outcome": "approved"})
    assert cli_json(capsys, "status", ref, "--json")[1]["status"] == "paid"
    configured.state.payments.clear()  # Mercado Pago lost it (or another account took it)
    code, result = cli_json(capsys, "reconcile", "--json")
    assert code == 3
    assert [s["external_reference"] for s in result["not_at_mercadopago"]] == [ref]


def test_every_close_leaves_a_backup_and_a_missing_folder_never_undoes_it(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _charge(capsys, "Yerba:1:1000")
    configured.control("POST", "/_sandbox/boxes/CAJA01/pay", {"outcome": "approved"})
    code, report = cli_json(capsys, "close", "--json")
    assert code == 0 and report["number"] == 1
    made = backups(paths.backup_dir(""))
    assert len(made) == 1
    copy = Ledger(made[0], exclusive=False)
    try:  # the backup holds the close it was made for
        assert [c.number for c in copy.day.closes()] == [1]
    finally:
        copy.close()

    # A USB stick that is not there: the close is recorded all the same, and the cashier told.
    config = config_mod.load().config
    config_mod.save(config.with_changes(backup_folder=str(tmp_path / "usb-stick-not-plugged")))
    code = main(["close", "--json"])
    captured = capsys.readouterr()
    assert code == 0 and json.loads(captured.out)["number"] == 2
    assert "close 2 is recorded, but its backup failed" in captured.err
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        assert [c.number for c in ledger.day.closes()] == [1, 2]
    finally:
        ledger.close()
