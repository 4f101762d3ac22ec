"""The chain: every store of the account in one view, one close and one reconciliation with
Mercado Pago (``--chain``); ``--store`` is the counter's own store only."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.cli import main
from pos_app.domain.cart import CartLine
from pos_app.domain.money import site_for
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.ledger.store import Ledger
from pos_app.sandbox import orders_api
from pos_app.sandbox.models import Box
from pos_app.sandbox.payments_search import foreign_payment
from pos_app.settings import config as config_mod
from pos_app.store.replication import StoreReplicator
from tests.checkout.harness import FILE_POLL, config_for
from tests.checkout.test_cli import cli_json
from tests.store.helpers import open_ledger, sell
from tests.store.pgserver import SUPERPASS, PgServer
from tests.thread_sandbox import ThreadSandbox

pytestmark = [pytest.mark.posix, pytest.mark.slow]


def paid_by(ledger: Ledger, box: str, store: str, price: str, payment_id: int) -> str:
    """A QR sale paid by Mercado Pago's payment ``payment_id``; its reference."""
    return sell(ledger, box, price, store=store, payment_id=payment_id).external_reference


def push(url: str, counters: list[tuple[Ledger, str, str]]) -> None:
    async def go() -> None:
        for ledger, box, store in counters:
            rep = StoreReplicator(ledger, url, SUPERPASS, box=box, store=store)
            assert await rep.flush(10)
            await rep.aclose()

    asyncio.run(go())


@pytest.fixture
def chain(
    tmp_path: Path,
    pg_server: PgServer,
    store_db: str,
    sandbox: ThreadSandbox,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[dict[str, object]]:
    """Two stores at Mercado Pago: SUC001 (CAJA01, CAJA02) and SUC002 (CAJA05); three counters
    with sales paid through the sandbox, delivered; this counter is CAJA01 of SUC001."""
    state = sandbox.state
    user = state.seller_id
    centro = state.stores[state.box_or_404("CAJA01").store_id]
    norte = state.add_store(user, "Sucursal Norte", "SUC002", dict(centro.location))
    boxes: dict[str, Box] = {
        "CAJA01": state.box_or_404("CAJA01"),
        "CAJA02": state.add_box(user, centro, "Caja 2", "CAJA02", fixed_amount=True, category=None),
        "CAJA05": state.add_box(user, norte, "Caja 5", "CAJA05", fixed_amount=True, category=None),
    }

    def pay(box: str, amount: str) -> int:
        return foreign_payment(state, boxes[box], Decimal(amount)).id

    a = open_ledger(tmp_path / "a")
    b = open_ledger(tmp_path / "b")
    c = open_ledger(tmp_path / "c")
    refs = {
        "a": paid_by(a, "CAJA01", "SUC001", "10.10", pay("CAJA01", "10.10")),
        "b": paid_by(b, "CAJA02", "SUC001", "1.01", pay("CAJA02", "1.01")),
        "c": paid_by(c, "CAJA05", "SUC002", "7.00", pay("CAJA05", "7.00")),
    }
    sell(a, "CAJA01", "5.05", tender=Tender.CASH, store="SUC001")
    sell(c, "CAJA05", "2.00", tender=Tender.CASH, store="SUC002")
    url = pg_server.url(dbname=store_db)
    push(url, [(a, "CAJA01", "SUC001"), (b, "CAJA02", "SUC001"), (c, "CAJA05", "SUC002")])
    for ledger in (a, b, c):
        ledger.close()
    config_mod.save(config_for(state, poll=FILE_POLL, store_database=url))
    monkeypatch.setenv("POS_STORE_DATABASE_PASSWORD", SUPERPASS)
    yield {"pay": pay, "refs": refs, "boxes": boxes}


def test_sales_store_is_this_store_and_chain_every_store(
    chain: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> None:
    code, data = cli_json(capsys, "sales", "--store", "--json")
    assert code == 0 and data["scope"] == "store" and data["store"] == "SUC001"
    assert sorted((s["store"], s["box"], s["total"]) for s in data["sales"]) == [
        ("SUC001", "CAJA01", "10.10"),
        ("SUC001", "CAJA01", "5.05"),
        ("SUC001", "CAJA02", "1.01"),
    ]
    code, data = cli_json(capsys, "sales", "--chain", "--json")
    assert code == 0 and data["scope"] == "chain" and data["store"] is None
    assert len(data["sales"]) == 5
    assert {(t["store"], t["box"], t["tender"], t["amount"]) for t in data["totals"]} == {
        ("SUC001", "CAJA01", "cash", "5.05"),
        ("SUC001", "CAJA01", "mercadopago_qr", "10.10"),
        ("SUC001", "CAJA02", "mercadopago_qr", "1.01"),
        ("SUC002", "CAJA05", "cash", "2.00"),
        ("SUC002", "CAJA05", "mercadopago_qr", "7.00"),
    }
    assert {(t["store"], t["tender"], t["amount"]) for t in data["store_totals"]} == {
        ("SUC001", "cash", "5.05"),
        ("SUC001", "mercadopago_qr", "11.11"),
        ("SUC002", "cash", "2.00"),
        ("SUC002", "mercadopago_qr", "7.00"),
    }
    assert {(t["tender"], t["amount"]) for t in data["tender_totals"]} == {
        ("cash", "7.05"),
        ("mercadopago_qr", "18.11"),
    }
    assert main(["sales", "--chain"]) == 0
    text = capsys.readouterr().out
    assert "(chain)" in text and "SUC002" in text


def test_close_chain_adds_up_each_store_and_the_chain(
    chain: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> None:
    code, store = cli_json(capsys, "close", "--store", "--json")
    assert code == 0 and [b["box"] for b in store["boxes"]] == ["CAJA01", "CAJA02"]
    assert store["net"] == "16.16" and store["sales_count"] == 3
    code, data = cli_json(capsys, "close", "--chain", "--json")
    assert code == 0 and data["scope"] == "chain"
    assert [(b["store"], b["box"], b["net"]) for b in data["boxes"]] == [
        ("SUC001", "CAJA01", "15.15"),
        ("SUC001", "CAJA02", "1.01"),
        ("SUC002", "CAJA05", "9.00"),
    ]
    per_store = {s["store"]: s for s in data["stores"]}
    assert per_store["SUC001"]["boxes"] == ["CAJA01", "CAJA02"]
    assert per_store["SUC001"]["totals"] == {"mercadopago_qr": "11.11", "cash": "5.05"}
    assert per_store["SUC002"]["totals"] == {"mercadopago_qr": "7.00", "cash": "2.00"}
    assert data["net"] == "25.16" and data["sales_count"] == 5
    assert data["totals"] == {"mercadopago_qr": "18.11", "cash": "7.05"}
    assert main(["close", "--chain"]) == 0
    text = capsys.readouterr().out
    assert "chain (every store)" in text and "SUC002" in text
    assert main(["close", "--chain", "--print"]) == 2  # a box's own close prints


def test_reconcile_store_and_chain_against_mercadopago(
    chain: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> None:
    code, data = cli_json(capsys, "reconcile", "--store", "--json")
    assert data["scope"] == "store" and (data["payments"], data["matched"]) == (2, 2)
    assert code == 0 and data["all_match"]
    code, data = cli_json(capsys, "reconcile", "--chain", "--json")
    assert code == 0 and (data["payments"], data["matched"]) == (3, 3)
    # A payment at CAJA05 that no counter delivered: the chain's business, not SUC001's.
    pay = chain["pay"]
    assert callable(pay)
    missing = pay("CAJA05", "3.30")
    code, data = cli_json(capsys, "reconcile", "--store", "--json")
    assert code == 0 and data["payments"] == 2
    code, data = cli_json(capsys, "reconcile", "--chain", "--json")
    assert code == 3 and (data["payments"], data["matched"]) == (4, 3)
    assert [p["payment_id"] for p in data["missing_in_ledger"]] == [missing]
    assert main(["reconcile", "--chain", "--adopt"]) == 2  # adopting is one box's, on it
    capsys.readouterr()
    assert main(["reconcile", "--chain"]) == 3
    assert "missing in the store database: payment" in capsys.readouterr().out


def test_reconcile_store_confirms_an_orders_api_sale_by_its_order(
    chain: dict[str, object],
    tmp_path: Path,
    sandbox: ThreadSandbox,
    pg_server: PgServer,
    store_db: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An Orders API sale keeps its order's payments (PAY…), not a payment id the search
    lists: the store's check read it as "not at Mercado Pago". Its order is read instead."""
    state = sandbox.state
    ledger = open_ledger(tmp_path / "d")
    now = datetime.now(UTC)
    sale = ledger.create_sale(
        user_id=state.seller_id,
        store_external_id="SUC001",
        box_external_id="CAJA02",
        site=site_for("MLA"),
        title="Kiosco",
        lines=[CartLine(sku="A1", title="Alfajor", unit_price=Decimal("4.00"), quantity=1)],
        total=Decimal("4.00"),
        iva_total=None,
        now=now,
        expires_at=now + timedelta(minutes=10),
        api="orders",
    )
    ref = sale.external_reference
    order = orders_api.create(
        state,
        state.seller_id,
        {
            "type": "qr",
            "external_reference": ref,
            "total_amount": "4.00",
            "config": {"qr": {"external_pos_id": "CAJA02", "mode": "static"}},
            "transactions": {"payments": [{"amount": "4.00"}]},
            "items": [{"title": "Alfajor", "unit_price": "4.00", "quantity": 1}],
        },
    )
    orders_api.pay(state, order)
    ledger.update_sale(
        ref,
        {
            "status": SaleStatus.PAID,
            "order_id": order.id,
            "paid_amount": Decimal("4.00"),
            "tender": Tender.QR,
        },
        now=now,
        kind="status",
        cause="poll",
        old_status=SaleStatus.CREATING,
        new_status=SaleStatus.PAID,
    )
    push(pg_server.url(dbname=store_db), [(ledger, "CAJA02", "SUC001")])
    ledger.close()
    code, data = cli_json(capsys, "reconcile", "--store", "--json")
    assert code == 0 and data["all_match"], data
    assert (data["payments"], data["matched"]) == (2, 2)  # the two listed ones; the order read
    reads = [r for r in state.request_log if str(r.get("path", "")).endswith(order.id)]
    assert reads and all(r.get("method") == "GET" for r in reads)
    del state.orders_api.orders[order.id]  # Mercado Pago has no such order: reported
    code, data = cli_json(capsys, "reconcile", "--store", "--json")
    assert code == 3
    assert [s["external_reference"] for s in data["not_at_mercadopago"]] == [ref]


def test_store_scope_needs_a_chosen_store(
    pg_server: PgServer,
    store_db: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config_mod.save(config_mod.Config(store_database=pg_server.url(dbname=store_db)))
    monkeypatch.setenv("POS_STORE_DATABASE_PASSWORD", SUPERPASS)
    assert main(["sales", "--store"]) == 1
    assert "--chain shows every store" in capsys.readouterr().err
    assert main(["sales", "--chain", "--json"]) == 0


def test_reconcile_store_ends_when_the_store_database_does_not_answer(
    chain: dict[str, object],
    pg_server: PgServer,
    store_db: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The sales table locked by the administrator's maintenance: ``reconcile --store`` (and
    ``--chain``) waited without end; now it ends after the store commands' limit, saying so."""
    import psycopg

    from pos_app.cli import store as store_cli

    monkeypatch.setattr(store_cli, "READ_TIMEOUT", 0.25)
    with psycopg.connect(pg_server.admin_url(store_db)) as admin:
        admin.execute("LOCK TABLE sales IN ACCESS EXCLUSIVE MODE")
        for scope in ("--store", "--chain"):
            assert main(["reconcile", scope, "--json"]) == 1
            assert "did not answer within 0.25 s" in capsys.readouterr().err
