"""``pos-app doctor`` at a year's size: an amount written as this version writes it
(``1725.25``) is recognised by its shape and only the rest goes through ``Decimal``'s checks (a
year's ~1.9 million amounts took ~4 s that way; the command ~5-6 s), and the ledger is opened,
so quick-checked whole, once (it was twice: ~0.45 s each at a year). Nothing damaged goes
unlisted: what the shape test calls plain, the full check takes, as the same number."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pos_app.domain.cart import CartLine
from pos_app.ledger import amounts
from pos_app.ledger import store as ledger_store
from pos_app.ledger.amounts import damaged_amounts, is_plain, readable
from pos_app.ledger.store import Ledger
from tests.hostile.test_stored_amounts import STORED
from tests.ledger_edits import edit_by_hand
from tests.ledger_sales import record_sale

AMOUNTISH = st.text(alphabet="0123456789.-\x00 eE+", max_size=22)


@given(value=st.one_of(STORED, AMOUNTISH, st.integers(), st.floats(), st.binary(max_size=8)))
@example(value="5\x00abc")
@example(value="1" * 13)
@example(value="1" * 12 + ".1234567")
@example(value="-.5")
@example(value="1.2.3")
@example(value="5\n")  # $ in a pattern would take it
def test_what_the_shape_calls_plain_the_full_check_reads_the_same(value: object) -> None:
    if is_plain(value):
        assert isinstance(value, str)
        assert amounts._full_check(value) == Decimal(value)


@pytest.mark.parametrize(
    "value", ["1725.25", "-5", "0", "0.350", "999999999999.999999", "19", "000123.5"]
)
def test_what_a_till_writes_is_plain(value: str) -> None:
    assert is_plain(value) and readable(value) == Decimal(value)


def _ledger(tmp_path: Path, sales: int) -> tuple[Path, list[str]]:
    path = tmp_path / "ledger.sqlite3"
    ledger = Ledger(path)
    now = datetime.now(UTC) - timedelta(hours=1)
    refs = []
    try:
        for n in range(sales):
            line = CartLine(f"S{n}", "Yerba", Decimal("1725.25"), 2)
            refs.append(record_sale(ledger, [line], at=now).external_reference)
    finally:
        ledger.close()
    return path, refs


def test_only_what_sql_cannot_vouch_for_is_read_and_every_damage_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, refs = _ledger(tmp_path, 30)
    edit_by_hand(path, "sales", "total", "1e999", reference=refs[3])
    edit_by_hand(path, "sale_lines", "unit_price", "12\x00x", reference=refs[7])
    edit_by_hand(path, "sales", "paid_amount", "1" * 13, reference=refs[9])
    read: list[object] = []

    def counted(value: object) -> Decimal | None:
        read.append(value)
        return readable(value)

    monkeypatch.setattr(amounts, "readable", counted)
    conn = sqlite3.connect(path)
    try:
        found = {(f.record.params["reference"], f.column) for f in damaged_amounts(conn)}
    finally:
        conn.close()
    assert found == {
        (refs[3], "total"),
        (refs[7], "unit_price"),
        (refs[9], "paid_amount"),
    }
    # The three damaged sales' amounts, not the 30 sales' ~300.
    assert 3 <= len(read) <= 3 * 10, len(read)


def test_doctor_opens_the_ledger_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pos_app.cli import main

    monkeypatch.setenv("POS_APP_HOME", str(tmp_path))
    monkeypatch.delenv("MP_ACCESS_TOKEN", raising=False)
    _ledger(tmp_path, 2)
    checks: list[object] = []
    real = ledger_store.quick_check

    def counted(conn: sqlite3.Connection) -> str | None:
        checks.append(conn)
        return real(conn)

    monkeypatch.setattr(ledger_store, "quick_check", counted)
    main(["doctor", "--json"])
    out = capsys.readouterr().out
    assert '"ledger amounts"' in out and "every stored amount" in out
    assert len(checks) == 1
