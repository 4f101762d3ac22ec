"""Fixtures for the Qt-free settings tests: an in-memory keyring instead of the real one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pos_app.settings.memory_keyring import MemoryKeyring, memory_keyring


@pytest.fixture
def keyring_memory() -> Iterator[MemoryKeyring]:
    with memory_keyring() as backend:
        yield backend
