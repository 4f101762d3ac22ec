"""What a month's backlog costs the window's thread while it is delivered (README, Performance:
~40,000 changes). Counted, never timed: no per-value walk of a change with nothing to clean,
and no array of texts or JSON sent in psycopg's text format (it escapes every quote of every
element with a regular expression's template: ~60 % of the delivery's time)."""

from __future__ import annotations

import inspect
import re
from datetime import UTC, datetime
from typing import Any

import pytest

from pos_app.ledger.store import OutboxChange
from pos_app.store import kinds, replication


def _change(payload: dict[str, Any], record_id: str = "CAJA01S000001XABC") -> OutboxChange:
    return OutboxChange(
        seq=1,
        kind="sale",
        record_id=record_id,
        payload=payload,
        created_at=datetime(2026, 12, 1, tzinfo=UTC),
        ledger="L",
    )


def test_a_change_with_nothing_to_clean_is_not_walked(monkeypatch: pytest.MonkeyPatch) -> None:
    walked: list[Any] = []
    real = replication.storable

    def counting(value: Any) -> Any:
        walked.append(value)
        return real(value)

    monkeypatch.setattr(replication, "storable", counting)
    clean = _change({"sale": {"title": 'Almacén "Don José" \\ 1 kg', "lines": [{"a": 1}]}})
    assert replication._storable_change(clean) is clean
    assert walked == []
    # A NUL, a lone surrogate, in a value, a key or the record id: cleaned as before.
    for dirty in (
        _change({"sale": {"title": "Yerba\x00"}}),
        _change({"sale": {"ti\ud800tle": "x"}}),
        _change({"sale": {}}, record_id="R\x00"),
    ):
        cleaned = replication._storable_change(dirty)
        assert cleaned is not dirty and walked
        assert not re.search("[\x00\ud800-\udfff]", repr(cleaned.payload) + cleaned.record_id)


@pytest.mark.parametrize("module", [kinds, replication])
def test_arrays_of_texts_and_json_are_sent_in_binary(module: Any) -> None:
    source = inspect.getsource(module)
    assert re.findall(r"%s::(?:text|jsonb)\[\]", source) == []
    assert "%b::text[]" in source or "_placeholder" in source
    assert kinds._placeholder("jsonb") == "%b" and kinds._placeholder("numeric") == "%s"
