"""What a support technician reads from ``pos-app``: settings in words, each state once,
amounts with the currency's decimals, a hint on an empty catalog, a refused charge as an error."""

from __future__ import annotations

import re
import threading
import time
from decimal import Decimal

import pytest

from pos_app.cli import main
from pos_app.cli.output import EXIT_ERROR, EXIT_USAGE, amount_json
from pos_app.domain.money import site_for
from tests.checkout.harness import quick_poll
from tests.checkout.test_cli import cli_json
from tests.thread_sandbox import ThreadSandbox, configured_fixture, sandbox_fixture  # noqa: F401


def test_configure_prints_settings_as_words(
    sandbox: ThreadSandbox,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["configure", "--store", "SUC001", "--box", "CAJA01", "--order-ttl", "5"])
    out = capsys.readouterr().out
    assert code == 0
    assert "{" not in out and "PollSchedule" not in out and "None" not in out
    assert re.search(r"Orders expire after: +5 minutes", out), out
    assert re.search(r"Box: +CAJA01", out), out
    assert "test user: payments are simulated" in out
    assert "every 1 s for the first 2 minutes" in out
    assert "Instant notifications:" in out and "off" in out


def test_amounts_in_json_keep_the_currency_decimals() -> None:
    assert amount_json(Decimal("3450.5"), site_for("MLA")) == "3450.50"
    assert amount_json(Decimal("3450"), site_for("MLB")) == "3450.00"
    assert amount_json(Decimal("12000"), site_for("MCO")) == "12000"
    assert amount_json(Decimal("12000.00"), site_for("MLC")) == "12000"
    assert amount_json(Decimal("1.555"), site_for("MLA")) == "1.555"  # shown, never rounded


def test_charge_prints_each_state_once_and_json_amounts_have_decimals(
    configured: ThreadSandbox,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Several polls must see the same "waiting" state: every 0.05 s, not --poll-interval's
    # shortest (0.2 s).
    quick_poll(monkeypatch)

    def searches() -> int:
        log = configured.control("GET", "/_sandbox/requests")["requests"]
        return sum(1 for r in log if r["path"] == "/merchant_orders/search")

    def customer() -> None:
        for _ in range(400):
            if configured.control("GET", "/_sandbox/boxes/CAJA01")["order"]:
                break
            time.sleep(0.05)
        seen = searches()
        for _ in range(400):  # several polls see the same "waiting" state
            if searches() >= seen + 3:
                break
            time.sleep(0.05)
        configured.control("POST", "/_sandbox/boxes/CAJA01/pay", {"outcome": "approved"})

    payer = threading.Thread(target=customer)
    payer.start()
    code = main(["charge", "--item", "Yerba 1kg:1:3450.5", "--wait", "--timeout", "20", "--json"])
    payer.join()
    captured = capsys.readouterr()
    assert code == 0
    assert '"total_amount": "3450.50"' in captured.out
    assert '"paid_amount": "3450.50"' in captured.out
    assert '"unit_price": "3450.50"' in captured.out
    states = [line.split(": ", 1)[1] for line in captured.err.splitlines() if ": " in line]
    assert states, captured.err
    assert len(states) == len(set(states)), captured.err  # each state once
    assert states[-1] == "Paid"


def test_sku_on_an_empty_catalog_says_how_to_import(
    configured: ThreadSandbox,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["charge", "--sku", "7790580001018"])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert "catalog is empty" in err and "pos-app catalog import FILE.csv" in err


def test_a_charge_refused_by_mercado_pago_exits_1(
    configured: ThreadSandbox,
    capsys: pytest.CaptureFixture[str],
) -> None:
    configured.control("POST", "/_sandbox/tokens/revoke", {"token": configured.state.seller_token})
    code, data = cli_json(capsys, "charge", "--item", "Fideos:1:850", "--json")
    assert data["status"] == "failed"
    assert code == EXIT_ERROR  # an error, not "the customer did not pay" (3)
    code = main(["charge", "--item", "Fideos:1:850", "--wait", "--timeout", "5"])
    assert code == EXIT_ERROR
