"""Fuzzing the delivery to a real PostgreSQL with what older ledgers hold: texts with NUL
characters (PostgreSQL refuses them in TEXT and JSONB), lone surrogates, very long texts written
before the length limits, amounts at and past ``Decimal``'s and ``NUMERIC``'s limits, and
outbox rows of a shape the appliers cannot read.

Whatever a change holds, the delivery never stops: it is stored (texts made storable, U+FFFD
in place of what PostgreSQL cannot hold) or *refused*: set aside in the ledger, kept, told by
the status and ``doctor``, tried again at the next start; the later changes arrive either way.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos_app.ledger.store import Ledger
from pos_app.store.replication import StoreReplicator, storable
from tests.store.helpers import open_ledger, rows, sell
from tests.store.pgserver import SUPERPASS, PgServer

pytestmark = pytest.mark.posix

HOSTILE = ["\x00", "a\x00b", "\ud800", "\udfff", "\ud83d", "\\u0000", "\x1b", "😀", "x" * 20_000]
TEXTS = st.lists(
    st.one_of(st.sampled_from(HOSTILE), st.characters(), st.just("é")), max_size=12
).map("".join)
# Amounts as a ledger writes them (``str(Decimal)``): at the limits of Decimal and NUMERIC.
AMOUNTS = st.sampled_from(
    [
        "0",
        "-0.00",
        "1E+30",
        "9" * 28 + ".99",
        "9.999999999999999999999999999E+999999",  # Decimal's largest; NUMERIC cannot hold it
        "1E-1000000",
        "NaN",
        "sNaN",
        "Infinity",
        "1.5",
    ]
)


def _replicator(ledger: Ledger, url: str) -> StoreReplicator:
    return StoreReplicator(
        ledger,
        url,
        SUPERPASS,
        box="CAJA01",
        store="SUC001",
        idle_poll=0.05,
        first_retry=0.05,
        max_retry=0.2,
    )


async def _until(predicate: Any, timeout: float = 20.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.02)


def _older_rows(ledger: Ledger, text: str, amount: str) -> None:
    """Rows as a release before the cleaning of names and the amount limits wrote them."""
    now = datetime.now(UTC).isoformat(timespec="milliseconds")
    with ledger._tx() as conn:
        conn.execute(
            "INSERT INTO shifts (cashier, starting_float, opened_at) VALUES (?,?,?)",
            (text, amount, now),
        )
        conn.execute(
            "INSERT INTO cash_movements (kind, amount, reason, at) VALUES (?,?,?,?)",
            ("in", amount, text, now),
        )
        conn.execute("UPDATE sale_lines SET title = ?", (text,))


def _enqueue(ledger: Ledger) -> None:
    ledger.outbox_enabled = True
    ledger.enqueue_all_sales()


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in (*_texts(k), *_texts(v))]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


@given(st.recursive(TEXTS | st.integers() | st.none(), lambda c: st.lists(c, max_size=3)))
@settings(max_examples=30, deadline=None)
def test_storable_leaves_nothing_postgresql_refuses_and_copies_only_when_needed(value):
    payload = {"k\x00": value, "t": [value]}
    clean = storable(payload)
    for text in _texts(clean):
        text.encode("utf-8")  # no lone surrogate left (psycopg encodes texts as UTF-8)
        assert "\x00" not in text
    assert len(_texts(clean)) == len(_texts(payload))  # every text kept, in its place
    assert storable(clean) is clean  # nothing left to replace: the very same object
    tidy = {"a": ["b", 1, None, {"c": "é😀"}]}
    assert storable(tidy) is tidy


def test_nul_texts_from_an_older_ledger_arrive_and_never_block_the_later_sales(
    tmp_path: Path, pg_server: PgServer, store_db: str
) -> None:
    url = pg_server.url(dbname=store_db)
    ledger = open_ledger(tmp_path, outbox=False)
    old = sell(ledger, "CAJA01")
    _older_rows(ledger, "Ana\x00 María", "1500")
    _enqueue(ledger)

    async def go() -> None:
        rep = _replicator(ledger, url)
        rep.start()
        new = sell(ledger, "CAJA01")  # sold after: it must arrive too
        await _until(lambda: rep.status().up_to_date)
        status = rep.status()
        assert status.refused == 0 and not status.problem
        await rep.aclose()
        admin = pg_server.admin_url(store_db)
        refs = {r[0] for r in rows(admin, "SELECT reference FROM sales")}
        assert refs == {old.external_reference, new.external_reference}

    asyncio.run(go())
    admin = pg_server.admin_url(store_db)
    # The ledger keeps "Ana\x00 María"; PostgreSQL, which cannot hold a NUL, shows where it was.
    assert rows(admin, "SELECT cashier FROM shifts") == [("Ana\ufffd María",)]
    assert rows(admin, "SELECT reason FROM cash_movements") == [("Ana\ufffd María",)]
    titles = {r[0] for r in rows(admin, "SELECT title FROM sale_lines")}
    assert "Ana\ufffd María" in titles
    ledger.close()


def test_a_change_postgresql_can_never_take_is_refused_kept_told_and_retried(
    tmp_path: Path, pg_server: PgServer, store_db: str
) -> None:
    url = pg_server.url(dbname=store_db)
    ledger = open_ledger(tmp_path)
    first = sell(ledger, "CAJA01")
    # Older releases wrote any amount: NUMERIC holds at most 131,072 digits before the point.
    ledger.day.open_shift("Ana", Decimal(1), now=datetime.now(UTC))
    with ledger._tx() as conn:
        conn.execute(
            "UPDATE outbox SET payload = json_set(payload, '$.shifts.starting_float', ?) "
            "WHERE kind = 'shift'",
            ("9.999999999999999999999999999E+999999",),
        )
        # And a change of a shape no applier reads (a foreign outbox row), and a damaged one.
        ledger.add_to_outbox(conn, "sale", "BROKEN", {"not": "a sale"})
        conn.execute(
            "INSERT INTO outbox (kind, record_id, payload, created_at, ledger) "
            "SELECT kind, 'TORN', '{\"sale\": {', created_at, ledger FROM outbox LIMIT 1"
        )
    later = [sell(ledger, "CAJA01") for _ in range(3)]

    async def go() -> None:
        rep = _replicator(ledger, url)
        rep.start()
        await _until(lambda: rep.status().up_to_date)
        status = rep.status()
        # Was: every later change waited behind them forever, retried every 10 s.
        assert status.refused == 3 and status.connected
        assert "shift 1: " in status.refused_problem
        assert "NumericValueOutOfRange" in status.refused_problem
        await rep.aclose()

    asyncio.run(go())
    admin = pg_server.admin_url(store_db)
    refs = {r[0] for r in rows(admin, "SELECT reference FROM sales")}
    assert refs == {s.external_reference for s in [first, *later]}
    refused = ledger.outbox_refused()
    assert [(c.kind, c.record_id) for c, _ in refused] == [
        ("shift", "1"),
        ("sale", "BROKEN"),
        ("sale", "TORN"),
    ]
    assert "KeyError" in refused[1][1] and refused[2][0].payload == {"unreadable": '{"sale": {'}

    # The next start tries them again; once readable (here: repaired by hand) they arrive.
    with ledger._tx() as conn:
        conn.execute(
            "UPDATE outbox SET payload = json_set(payload, '$.shifts.starting_float', '1') "
            "WHERE kind = 'shift'"
        )

    async def again() -> None:
        rep = _replicator(ledger, url)
        rep.start()
        await _until(lambda: rep.status().up_to_date and rep.status().refused == 2)
        await rep.aclose()

    asyncio.run(again())
    assert rows(admin, "SELECT starting_float FROM shifts") == [(Decimal(1),)]
    assert [c.record_id for c, _ in ledger.outbox_refused()] == ["BROKEN", "TORN"]
    ledger.close()


@given(older=st.lists(st.tuples(TEXTS, AMOUNTS), min_size=1, max_size=6))
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
def test_any_older_row_is_stored_or_refused_and_the_next_sale_arrives(
    tmp_path_factory: pytest.TempPathFactory, pg_server: PgServer, store_db: str, older
):
    url = pg_server.url(dbname=store_db)
    ledger = open_ledger(tmp_path_factory.mktemp("ledger"), outbox=False)
    sell(ledger, "CAJA01")
    for text, amount in older:
        try:
            _older_rows(ledger, text, amount)
        except UnicodeEncodeError:  # SQLite cannot be given a lone surrogate: no ledger has one
            _older_rows(ledger, text.encode("utf-8", "replace").decode(), amount)
    _enqueue(ledger)
    waiting = ledger.outbox_waiting()[0]

    async def go() -> None:
        rep = _replicator(ledger, url)
        rep.start()
        ref = sell(ledger, "CAJA01").external_reference
        await _until(lambda: rep.status().up_to_date)
        status = rep.status()
        await rep.aclose()
        assert status.refused == len(ledger.outbox_refused()) <= waiting
        admin = pg_server.admin_url(store_db)
        assert rows(admin, "SELECT 1 FROM sales WHERE reference = %s", ref) == [(1,)]

    try:
        asyncio.run(go())
    finally:
        ledger.close()


def test_doctor_names_a_refused_change(
    pg_server: PgServer, store_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from pos_app.cli import main
    from pos_app.settings import paths
    from pos_app.settings.memory_keyring import memory_keyring

    with memory_keyring():
        assert main(["configure", "--store-database", pg_server.admin_url(store_db)]) == 0
        ledger = open_ledger(paths.ledger_path().parent)
        sell(ledger, "CAJA01")
        (change, *_) = ledger.outbox_batch()
        ledger.outbox_refuse(change.seq, "DataError: value overflows numeric format")
        ledger.close()
        capsys.readouterr()
        assert main(["doctor", "--json"]) == 1
        report = json.loads(capsys.readouterr().out)
    [check] = [c for c in report["checks"] if c["name"] == "store database"]
    assert not check["ok"]
    assert "1 change(s) refused by the store database, kept in the ledger" in check["detail"]
    assert f"sale {change.record_id}: DataError: value overflows" in check["detail"]
    assert "tried again" in check["advice"]
