from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_app.ledger.store import Ledger
from tests.thread_sandbox import configured_fixture, sandbox_fixture  # noqa: F401


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    """A fresh ledger of its own for a day-book test."""
    led = Ledger(tmp_path / "ledger.sqlite3")
    yield led
    led.close()
