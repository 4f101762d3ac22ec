"""The ``[windows]`` run of this suite (tests/conftest.py) really runs as on Windows."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

import pos_app.system
from pos_app.ledger.lock import InstanceLock
from tests.portability import fake_msvcrt


def test_each_run_sees_its_own_platform(_platform: str, tmp_path: Path) -> None:
    if sys.platform == "win32":
        pytest.skip("the real Windows")
    windows = _platform == "windows"
    assert pos_app.system.windows() is windows
    assert hasattr(os, "fchmod") is not windows
    fake_msvcrt.calls.clear()
    lock = InstanceLock(tmp_path / "pos.lock")
    lock.acquire()
    lock.release()
    assert bool(fake_msvcrt.calls) is windows  # msvcrt locking, never flock, as on Windows
    if windows:
        with pytest.raises(ImportError):
            import fcntl  # noqa: F401
