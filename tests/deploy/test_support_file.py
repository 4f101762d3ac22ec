"""``pos-app support-file``: the zip has what support needs and none of the secrets."""

from __future__ import annotations

import json
import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_app.cli import main as cli_main
from pos_app.settings import config as config_mod
from pos_app.settings import paths
from pos_app.system import logs
from tests.benchmarks.backup_bench import ledger_with_sales
from tests.deploy.secret_run import SECRETS, run_verbose_session


@pytest.fixture(autouse=True)
def _clean_handlers() -> Iterator[None]:
    yield
    logs.reset()
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.NOTSET)


def test_the_support_file_of_a_verbose_run_holds_everything_but_the_secrets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config_mod.save(
        config_mod.Config(
            store_external_id="SUC001",
            box_external_id="CAJA01",
            notify_listen="127.0.0.1:0",
            notify_url="https://shop.example.com/mp/notifications",
        )
    )
    ledger_with_sales(paths.ledger_path(), 60)
    run_verbose_session(monkeypatch)
    logging.getLogger("pos_app.notifications.app").warning("hint from 10.0.0.7: merchant_order 42")
    out = tmp_path / "support.zip"
    assert cli_main(["-vv", "support-file", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)

    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        texts = {name: zf.read(name).decode("utf-8") for name in names}
    assert {"doctor.json", "settings.json", "versions.json", "sales.json", "receiver.txt"} <= names
    assert "logs/pos-app.log" in names
    for name, text in texts.items():
        for secret in SECRETS:
            assert secret not in text, name

    doctor = json.loads(texts["doctor.json"])
    assert {c["name"] for c in doctor["checks"]} >= {"configuration", "ledger"}
    settings = json.loads(texts["settings.json"])
    assert settings["settings"]["store_external_id"] == "SUC001"
    assert settings["token_source"] == "environment" and settings["webhook_secret_set"] is True
    versions = json.loads(texts["versions.json"])
    assert versions["pos-app"] and versions["python"] and versions["os"] and versions["qt"]
    sales = json.loads(texts["sales.json"])
    assert len(sales) == 50
    assert sales[0]["status"] == "paid" and sales[0]["total"] == "10351.50"
    assert sales[0]["events"][0]["kind"] == "created" and "id" not in sales[0]
    assert "Producto" not in texts["sales.json"]  # no titles: what was bought is not needed
    assert "merchant_order 42" in texts["receiver.txt"]
    assert "httpcore" in texts["logs/pos-app.log"]


def test_a_support_file_without_ledger_or_logs_still_works(tmp_path: Path) -> None:
    out = tmp_path / "s.zip"
    assert cli_main(["support-file", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as zf:
        assert json.loads(zf.read("sales.json")) == []
        assert "no notification receiver" in zf.read("receiver.txt").decode("utf-8")


def test_the_support_file_names_an_orders_api_sale_s_order_and_payments(tmp_path: Path) -> None:
    """Support finds an Orders API sale at Mercado Pago by its order and payments: the file
    held neither (only instore's merchant orders and payment ids, empty for such a sale)."""
    import sqlite3

    from pos_app.cli.support import last_sales

    path = tmp_path / "ledger.sqlite3"
    ledger_with_sales(path, 2)
    with sqlite3.connect(path) as conn:
        conn.execute(
            "UPDATE sales SET api = 'orders', order_id = 'ORD01JQ4S4KY8HWQ6NA5PXB65B3D3', "
            "order_payment_ids = '[\"PAY01JQ4S4KY8HWQ6NA5PXB65B3D4\"]' WHERE id = "
            "(SELECT max(id) FROM sales)"
        )
    conn.close()
    sales = last_sales(path)
    assert isinstance(sales, list)
    assert sales[0]["api"] == "orders"
    assert sales[0]["order_id"] == "ORD01JQ4S4KY8HWQ6NA5PXB65B3D3"
    assert "PAY01JQ4S4KY8HWQ6NA5PXB65B3D4" in sales[0]["order_payment_ids"]
    assert sales[1]["api"] == "instore" and sales[1]["order_id"] == ""
