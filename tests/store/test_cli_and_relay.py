"""The store database from the outside: configure, sales --store, doctor, the relay end to end."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import httpx
import pytest

from pos_app.cli import main
from pos_app.domain.sale import SaleStatus
from pos_app.mercadopago.credentials import AccessToken
from pos_app.runtime import open_runtime
from pos_app.sandbox.app import create_sandbox_app
from pos_app.sandbox.server import SandboxServer
from pos_app.sandbox.state import SandboxState
from pos_app.settings import config as config_mod
from pos_app.settings import paths, secrets
from pos_app.settings.memory_keyring import memory_keyring
from pos_app.store.hints import read_hint
from pos_app.store.relay import Relay
from tests.checkout.harness import quick_cancel_recheck
from tests.notifications.harness import LINE, SLOW_POLL, till_config
from tests.store.helpers import open_ledger, rows, sell
from tests.store.pgserver import SUPERPASS, PgServer

pytestmark = pytest.mark.posix


def test_configure_keeps_the_password_in_the_keyring_only(
    pg_server: PgServer, store_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = open_ledger(paths.ledger_path().parent, outbox=False)
    sell(ledger, "CAJA01")  # sold before the store database existed: sent once configured
    ledger.close()
    with_password = pg_server.admin_url(store_db)
    with memory_keyring():
        assert main(["configure", "--store-database", with_password]) == 0
        out = capsys.readouterr()
        assert SUPERPASS not in out.out + out.err
        assert "1 sales of this ledger queued" in out.err
        saved = paths.config_path().read_text(encoding="utf-8")
        assert SUPERPASS not in saved
        assert config_mod.load().config.store_database == pg_server.url(dbname=store_db)
        assert secrets.load_store_password() == SUPERPASS
        assert main(["doctor", "--json"]) in (0, 1)
        report = json.loads(capsys.readouterr().out)
        [check] = [c for c in report["checks"] if c["name"] == "store database"]
        assert check["ok"], check
        assert "1 change(s) waiting" in check["detail"]  # one change: the sale with its history
        assert SUPERPASS not in json.dumps(report)
        # A bad password: the doctor says so, without it.
        secrets.save_store_password("wrong-one")
        assert main(["doctor", "--json"]) == 1
        report = json.loads(capsys.readouterr().out)
        [check] = [c for c in report["checks"] if c["name"] == "store database"]
        assert not check["ok"] and "password" in check["detail"]
        assert "wrong-one" not in json.dumps(report)
        assert main(["configure", "--store-database", "http://nope"]) == 2
        assert "not a PostgreSQL address" in capsys.readouterr().err


def test_a_password_in_the_config_file_is_dropped_on_load() -> None:
    path = paths.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"store_database": "postgresql://u:pw@h/db"}), encoding="utf-8")
    loaded = config_mod.load()
    assert loaded.config.store_database == ""
    assert "store_database" in loaded.dropped


def test_sales_store_shows_every_box_and_totals(
    tmp_path: Path,
    pg_server: PgServer,
    store_db: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pos_app.domain.sale import Tender
    from pos_app.store.replication import StoreReplicator

    url = pg_server.url(dbname=store_db)
    a = open_ledger(tmp_path / "a")
    b = open_ledger(tmp_path / "b")
    sell(a, "CAJA01", "10.10")
    sell(a, "CAJA01", "5.05", tender=Tender.CASH)
    sell(b, "CAJA02", "1.01")

    async def push() -> None:
        for ledger, box in ((a, "CAJA01"), (b, "CAJA02")):
            rep = StoreReplicator(ledger, url, SUPERPASS, box=box, store="SUC001")
            assert await rep.flush(10)
            await rep.aclose()

    asyncio.run(push())
    config_mod.save(
        config_mod.Config(store_database=url, store_external_id="SUC001", box_external_id="CAJA03")
    )
    monkeypatch.setenv("POS_STORE_DATABASE_PASSWORD", SUPERPASS)
    assert main(["sales", "--store", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert sorted((s["box"], s["total"]) for s in data["sales"]) == [
        ("CAJA01", "10.10"),
        ("CAJA01", "5.05"),
        ("CAJA02", "1.01"),
    ]
    assert {(t["box"], t["tender"], t["amount"]) for t in data["totals"]} == {
        ("CAJA01", "cash", "5.05"),
        ("CAJA01", "mercadopago_qr", "10.10"),
        ("CAJA02", "mercadopago_qr", "1.01"),
    }
    assert {(t["tender"], t["amount"]) for t in data["store_totals"]} == {
        ("cash", "5.05"),
        ("mercadopago_qr", "11.11"),
    }
    assert main(["sales", "--store"]) == 0
    assert "CAJA02" in capsys.readouterr().out
    a.close()
    b.close()


def test_relay_hint_reaches_a_counter_without_its_own_receiver(
    pg_server: PgServer, store_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Polling every 30 s, no receiver on the counter: the payment is seen within seconds
    because the sandbox's notification went to the relay, and from it through PostgreSQL."""
    monkeypatch.setenv("POS_STORE_DATABASE_PASSWORD", SUPERPASS)
    url = pg_server.url(dbname=store_db)
    state = SandboxState.seeded()

    async def go() -> None:
        relay = Relay(url, SUPERPASS, listen="127.0.0.1:0")
        await relay.start()
        try:
            async with (
                SandboxServer(create_sandbox_app(state)) as sandbox,
                httpx.AsyncClient(base_url=sandbox.base_url, trust_env=False) as control,
            ):
                config = till_config(state, poll=SLOW_POLL, listen="").with_changes(
                    notify_url=relay.url, store_database=url
                )
                async with open_runtime(
                    config=config, token=AccessToken(state.seller_token), base_url=sandbox.base_url
                ) as rt:
                    assert rt.receiver is None and rt.store_hints is not None
                    await asyncio.wait_for(rt.store_hints.listening.wait(), 10)
                    sale = await rt.engine.charge([LINE])
                    start = time.monotonic()
                    box = state.box_external_id
                    paid = await control.post(
                        f"/_sandbox/boxes/{box}/pay", json={"outcome": "approved"}
                    )
                    paid.raise_for_status()
                    final = await rt.engine.wait_final(sale.external_reference, timeout=8.0)
                    assert final.status is SaleStatus.PAID, time.monotonic() - start
                    assert relay.publisher.published >= 1
                    assert rt.store_hints.received >= 1
                    assert rt.replicator is not None
                    deadline = time.monotonic() + 10
                    while not rt.replicator.status().up_to_date:
                        assert time.monotonic() < deadline
                        await asyncio.sleep(0.05)
        finally:
            await relay.stop()

    asyncio.run(go())
    got = rows(pg_server.admin_url(store_db), "SELECT status FROM sales")
    assert got == [("paid",)]


def test_forged_notify_payloads_are_not_hints() -> None:
    assert read_hint('{"topic":"merchant_order","id":"123"}') == ("merchant_order", "123")
    for bad in (
        '{"topic":"x","id":"1"}',
        '{"topic":"payment","id":"1; DROP"}',
        "nope",
        '{"topic":"payment"}',
        "[]",
        '{"topic":"payment","id":"' + "9" * 300 + '"}',
    ):
        assert read_hint(bad) is None


def test_turning_the_store_database_on_in_a_running_counter_sends_the_history(
    pg_server: PgServer, store_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.notifications.harness import open_till

    monkeypatch.setenv("POS_STORE_DATABASE_PASSWORD", SUPERPASS)
    quick_cancel_recheck(monkeypatch)  # replace_pending's cancel looks again after 0.2 s, not 2
    url = pg_server.url(dbname=store_db)

    async def go() -> None:
        async with open_till(receiver=False) as till:
            before = await till.rt.engine.charge([LINE])
            assert till.rt.replicator is None
            assert till.rt.ledger.outbox_waiting()[0] == 0  # no store database: no outbox
            await till.rt.reconfigure(till.rt.config.with_changes(store_database=url))
            assert till.rt.replicator is not None
            after = await till.rt.engine.charge([LINE], replace_pending=True)
            deadline = time.monotonic() + 15
            while not till.rt.replicator.status().up_to_date:
                assert time.monotonic() < deadline, till.rt.replicator.status()
                await asyncio.sleep(0.05)
            refs = {
                r[0] for r in rows(pg_server.admin_url(store_db), "SELECT reference FROM sales")
            }
            assert refs == {before.external_reference, after.external_reference}
            await till.rt.reconfigure(till.rt.config.with_changes(store_database=""))
            assert till.rt.replicator is None and not till.rt.ledger.outbox_enabled

    asyncio.run(go())


def test_doctor_checks_the_relay(
    pg_server: PgServer,
    store_db: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("POS_STORE_DATABASE_PASSWORD", SUPERPASS)
    url = pg_server.url(dbname=store_db)

    async def go() -> None:
        relay = Relay(url, SUPERPASS, listen="127.0.0.1:0")
        await relay.start()
        config_mod.save(config_mod.Config(store_database=url, notify_url=relay.url))
        try:
            from pos_app.cli.doctor import run_checks

            [check] = [c for c in await run_checks() if c.name == "relay"]
            assert check.ok, check
        finally:
            await relay.stop()
        from pos_app.cli.doctor import run_checks

        [check] = [c for c in await run_checks() if c.name == "relay"]
        assert not check.ok and "pos-app relay" in check.advice
        assert not [c for c in await run_checks() if c.name == "notification receiver"]

    asyncio.run(go())
