"""The Qt-free packages' suites again, as on Windows: ``fcntl`` and ``os.fchmod`` unavailable,
``msvcrt`` locking, ``pos_app.system.windows()`` true (``POS_APP_SIMULATE_WINDOWS=1``, see
``simulate.py``), and Python's ``EncodingWarning`` on (``-X warn_default_encoding``; the suite's
``filterwarnings = error`` makes any ``open()`` without ``encoding=`` fail)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.portability import simulate

pytestmark = pytest.mark.posix  # the simulation runs on POSIX

ROOT = Path(__file__).resolve().parents[2]
# Everything below pos_app that is not Qt and touches files, locks, signals or the console.
SUITES = [
    "tests/domain",
    "tests/ledger",
    "tests/settings",
    "tests/checkout",
    "tests/notifications",
    "tests/faults/test_single_instance.py",
]


@pytest.mark.slow
@pytest.mark.timeout(900)
@pytest.mark.skipif(simulate.active(), reason="already the simulated run")
def test_qt_free_suites_pass_as_on_windows() -> None:
    env = dict(os.environ, **{simulate.ENV: "1"})
    python = [sys.executable, "-X", "warn_default_encoding"]
    done = subprocess.run(
        [*python, "-m", "pytest", *SUITES, "-q", "-x", "-p", "no:cacheprovider"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=880,
    )
    tail = "\n".join(done.stdout.splitlines()[-40:])
    assert done.returncode == 0, tail + done.stderr[-2000:]
    last = done.stdout.strip().splitlines()[-1]
    assert " passed" in last and "failed" not in last and "error" not in last, last
