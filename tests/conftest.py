"""Suite-wide setup: headless Qt, no real keyring, no real data directory."""

from __future__ import annotations

import os
import sys

# Before any QApplication exists (pytest-qt creates it lazily).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
# Never touch the developer's keyring or configuration, whatever the caller's environment says.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
os.environ.pop("MP_ACCESS_TOKEN", None)
os.environ.pop("MP_API_BASE_URL", None)

if os.environ.get("POS_APP_SIMULATE_WINDOWS"):
    # The Qt-free suites as on Windows (no fcntl, no os.fchmod): see tests/portability.
    from tests.portability import simulate

    simulate.install()

import pytest


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets its own POS_APP_HOME: config, ledger and lock live there."""
    home = tmp_path_factory.mktemp("pos_home")
    monkeypatch.setenv("POS_APP_HOME", str(home))
    return home


# pytest-qt's fixtures: a test using one (directly or through its own fixtures) has a
# QApplication and must say so with ``@pytest.mark.gui`` (``-m "not gui"`` runs the rest).
QT_FIXTURES = frozenset({"qtbot", "qapp", "qtlog", "qtmodeltester"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    unmarked = [
        item.nodeid
        for item in items
        if QT_FIXTURES.intersection(getattr(item, "fixturenames", ()))
        and item.get_closest_marker("gui") is None
    ]
    if unmarked:
        raise pytest.UsageError(
            "tests with a QApplication (pytest-qt fixtures) must be marked gui:\n  "
            + "\n  ".join(unmarked)
        )
    # On Windows, skip what only POSIX can do (SIGKILL, file modes, the Windows simulation).
    if sys.platform != "win32":
        return
    skip = pytest.mark.skip(reason="POSIX only (signals, file modes or fcntl)")
    for item in items:
        if "posix" in item.keywords:
            item.add_marker(skip)
