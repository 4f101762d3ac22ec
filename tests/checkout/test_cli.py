"""``pos-app`` sub-commands against a sandbox served from a background thread, as a
support technician would use them (subprocesses where a crash or a signal is the point)."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from pos_app.cli import main
from pos_app.settings import config as config_mod
from tests.checkout.harness import quick_cancel_recheck
from tests.thread_sandbox import ThreadSandbox, configured_fixture, sandbox_fixture  # noqa: F401


@pytest.fixture(autouse=True)
def _quick_cancel_recheck(monkeypatch: pytest.MonkeyPatch) -> None:
    quick_cancel_recheck(monkeypatch)  # `pos-app cancel` waits for its second look


def cli_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else None


def test_configure_finds_the_seeded_store_and_box(
    sandbox: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    code, data = cli_json(
        capsys, "configure", "--store", "SUC001", "--box", "CAJA01", "--order-ttl", "5", "--json"
    )
    assert code == 0
    assert data["user_id"] == sandbox.state.seller_id and data["box"] == "CAJA01"
    saved = config_mod.load().config
    assert saved.order_ttl_minutes == 5 and saved.is_test_user and saved.store_name


def test_configure_creates_store_and_box(
    sandbox: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["configure", "--store", "SUC777", "--box", "CAJA7", "--create"])
    assert code == 2  # the address is needed to create a store
    err = capsys.readouterr().err
    assert "needs its address" in err and "--street-name" in err and "--longitude" in err
    code, data = cli_json(
        capsys,
        "configure",
        "--store",
        "SUC777",
        "--box",
        "CAJA7",
        "--create",
        "--store-name",
        "Sucursal Norte",
        "--box-name",
        "Caja 7",
        "--street-name",
        "Av. Corrientes",
        "--street-number",
        "1234",
        "--city",
        "CABA",
        "--state",
        "Capital Federal",
        "--latitude",
        "-34.6",
        "--longitude",
        "-58.4",
        "--json",
    )
    assert code == 0, capsys.readouterr().err
    assert data["store"] == "SUC777" and data["box"] == "CAJA7"
    boxes = sandbox.control("GET", "/_sandbox/boxes/CAJA7")
    assert boxes["box"]["fixed_amount"] is True


def test_configure_refuses_a_missing_box(
    sandbox: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["configure", "--store", "SUC001", "--box", "NOPE1"])
    assert code == 1
    assert "no box with external id NOPE1" in capsys.readouterr().err


def test_catalog_import_reports_bad_rows(
    configured: ThreadSandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = tmp_path / "products.csv"
    csv_file.write_text(
        "sku,barcode,title,unit_price,category,unit_measure,iva_rate\n"
        "YER1,7790001000011,Yerba 1kg,1725.25,almacen,unit,0\n"
        "BAD1,,Broken price,abc,,unit,0\n"
        "AZU1,7790001000028,Azúcar 1kg,990,almacen,unit,0\n"
        "BAD2,,,10,,unit,0\n",
        encoding="utf-8",
    )
    assert main(["catalog", "import", str(csv_file)]) == 0
    captured = capsys.readouterr()
    assert "imported 2 products" in captured.out
    assert ":3: unit_price 'abc': “abc” is not an amount" in captured.err
    assert ":5: title is empty" in captured.err


def test_charge_wait_paid_then_sales_and_status(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    def customer() -> None:
        for _ in range(200):
            if configured.control("GET", "/_sandbox/boxes/CAJA01")["order"]:
                configured.control("POST", "/_sandbox/boxes/CAJA01/pay", {"outcome": "approved"})
                return
            time.sleep(0.05)

    payer = threading.Thread(target=customer)
    payer.start()
    code, data = cli_json(
        capsys,
        "charge",
        "--item",
        "Yerba 1kg:2:1725.25",
        "--wait",
        "--timeout",
        "20",
        "--json",
        "--poll-interval",
        "0.2",
    )
    payer.join()
    assert code == 0
    assert data["status"] == "paid" and data["total_amount"] == "3450.50"
    assert data["paid_amount"] == "3450.50" and len(data["payment_ids"]) == 1
    ref = data["external_reference"]
    code, status = cli_json(capsys, "status", ref, "--json")
    assert code == 0 and status["status"] == "paid"
    code, sales = cli_json(capsys, "sales", "--json")
    assert code == 0 and [s["external_reference"] for s in sales] == [ref]


def test_charge_cancel_and_usage_errors(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    code, data = cli_json(capsys, "charge", "--item", "Fideos:1:850", "--json")
    assert code == 0 and data["status"] == "pending"
    code, status = cli_json(capsys, "status", data["external_reference"], "--json")
    assert code == 4 and status["status"] == "pending"
    code = main(["charge", "--item", "Otro:1:10"])
    assert code == 1 and "still waiting" in capsys.readouterr().err
    code, canceled = cli_json(capsys, "cancel", "--json")
    assert code == 3 and canceled["status"] == "canceled"
    assert main(["charge"]) == 2
    assert main(["charge", "--item", "Bad:x:10"]) == 2
    assert main(["charge", "--item", "Bad:1:10.555"]) == 2  # ARS has two decimals
    assert main(["status", "NOSUCHREF"]) == 2  # invalid input, as refund and receipt say it


def test_doctor_explains_wrong_token_and_missing_box(
    configured: ThreadSandbox, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report = cli_json(capsys, "doctor", "--json")
    assert code == 0 and report["ok"], report
    config_mod.save(config_mod.load().config.with_changes(box_external_id="NOPE1"))
    code, report = cli_json(capsys, "doctor", "--json")
    box = next(c for c in report["checks"] if c["name"] == "box")
    assert code == 1 and not box["ok"] and "web panel" in box["advice"]
    monkeypatch.setenv("MP_ACCESS_TOKEN", "APP_USR-0fd7fcbf-4c3c-4fcf-9f46-a38e0d4d0b8a")
    code = main(["doctor"])
    out = capsys.readouterr().out
    assert code == 1 and "refused the token" in out and "PUBLIC KEY" in out
    assert "0fd7fcbf-4c3c" not in out  # never print the credential


# SIGKILL mid-sale and the second instance: see tests/faults/ (test_sigkill.py,
# test_single_instance.py), which cover every step and check the ledger against the sandbox.


def test_configure_orders_api_then_charge_status_cancel_json(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    code, data = cli_json(capsys, "configure", "--api", "orders", "--qr-mode", "dynamic", "--json")
    assert code == 0 and data["api"] == "orders" and data["qr_mode"] == "dynamic"
    saved = config_mod.load().config
    assert saved.api == "orders" and saved.qr_mode == "dynamic"
    with pytest.raises(SystemExit) as refused:
        main(["configure", "--api", "legacy"])  # argparse refuses other values
    assert refused.value.code == 2
    capsys.readouterr()

    code, sale = cli_json(capsys, "charge", "--item", "Yerba:1:100", "--json")
    assert code == 0 and sale["api"] == "orders" and sale["status"] == "pending"
    assert sale["order_id"].startswith("ORD") and sale["qr_data"].startswith("000201")
    ref = sale["external_reference"]
    code, status = cli_json(capsys, "status", ref, "--json")
    assert code == 4 and status["order_id"] == sale["order_id"]  # 4: still pending
    assert status["qr_data"] == sale["qr_data"]
    code, canceled = cli_json(capsys, "cancel", ref, "--json")
    assert code == 3 and canceled["status"] == "canceled"  # 3: not paid
    order = configured.state.orders_api.orders[sale["order_id"]]
    assert order.status == "canceled"  # taken away at Mercado Pago, not only in the ledger
    code, sales = cli_json(capsys, "sales", "--json")
    assert code == 0 and sales[0]["api"] == "orders"

    code, instore = cli_json(capsys, "configure", "--api", "instore", "--json")
    assert code == 0 and instore["api"] == "instore"
    code, sale = cli_json(capsys, "charge", "--item", "Yerba:1:100", "--json")
    assert sale["api"] == "instore" and sale["order_id"] is None and sale["qr_data"] is None
