"""How far a counter's changes have reached the store database: plain values, no psycopg (the
engine's events carry it to the window; ``pos_app.store.replication`` makes it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ReplicationStatus:
    waiting: int  # changes not yet in the store database
    since: datetime | None  # when the oldest of them was made
    connected: bool
    problem: str = ""  # the last error, in English (logs; the status bar's tooltip)
    refused: int = 0  # changes the store database refused (kept in the ledger)
    refused_problem: str = ""  # the first one's kind, record and PostgreSQL's error

    @property
    def up_to_date(self) -> bool:
        return self.waiting == 0
