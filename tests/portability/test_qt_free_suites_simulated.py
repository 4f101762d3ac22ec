"""The Qt-free packages' suites as on Windows: ``fcntl`` and ``os.fchmod`` unavailable,
``msvcrt`` locking, ``pos_app.system.windows()`` true (see ``simulate.py``).

The suites of ledger, settings, checkout, notifications and the single-instance faults run a
second time in this same process, each test under ``simulate.apply`` (``tests/conftest.py``
parametrizes them ``[posix]`` / ``[windows]``). What an in-process run cannot show is checked
here: every Qt-free module imports with ``fcntl`` gone and Python's ``EncodingWarning`` on,
the code never captures a platform seam at import time (the simulation replaces it later), and
tests/domain, the one Qt-free suite not run twice, cannot reach a seam at all.
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import pos_app
from tests import conftest
from tests.portability import simulate
from tests.source_trees import parsed

pytestmark = pytest.mark.posix  # the simulation runs on POSIX

ROOT = Path(__file__).resolve().parents[2]
QT_FREE = [
    "pos_app.domain",
    "pos_app.ledger",
    "pos_app.settings",
    "pos_app.checkout",
    "pos_app.notifications",
    "pos_app.mercadopago",
    "pos_app.sandbox",
    "pos_app.store",
    "pos_app.system",
    "pos_app.receipts",
    "pos_app.cli",
]
# What the simulation changes; code that looks one of them up only when it runs is simulated.
SEAM_MODULES = {"fcntl", "msvcrt", "os", "pathlib", "shutil", "tempfile", "subprocess", "signal"}


def _modules(package: str) -> list[str]:
    module = __import__(package, fromlist=["__path__"])
    names = [package]
    for info in pkgutil.walk_packages(module.__path__, prefix=package + "."):
        if not info.name.endswith(".__main__"):  # importing one runs it
            names.append(info.name)
    return names


@pytest.mark.skipif(simulate.active(), reason="already the simulated run")
def test_the_qt_free_packages_import_as_on_windows_without_default_encodings() -> None:
    names = [name for package in QT_FREE for name in _modules(package)]
    # The standard library first, as the test runner has it (subprocess decides that it is on
    # Windows from whether msvcrt imports); then the simulation; then every Qt-free module.
    code = (
        "import asyncio, importlib, subprocess, sys\n"
        "from tests.portability import simulate\n"
        "simulate.install()\n"
        "for name in sys.argv[1:]:\n"
        "    importlib.import_module(name)\n"
    )
    done = subprocess.run(
        [
            *(sys.executable, "-X", "warn_default_encoding", "-W", "error::EncodingWarning"),
            # as in pyproject's filterwarnings: not our code, ASCII JSON
            *("-W", "ignore::EncodingWarning:escpos.capabilities", "-c", code, *names),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]


def _python_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def test_no_platform_seam_is_captured_at_import_time() -> None:
    """``from pos_app.system import windows`` or a top-level ``import fcntl`` would keep the
    real one after ``simulate.apply`` replaced it: the in-process Windows run would lie."""
    found = []
    for path, tree in parsed(Path(pos_app.__file__).parent):
        for node in tree.body:  # module level only: a lookup inside a function is fine
            if isinstance(node, ast.ImportFrom) and node.module in ("pos_app.system", "os"):
                names = {alias.name for alias in node.names}
                if names & {"windows", "fchmod"}:
                    found.append(f"{path}: from {node.module} import {sorted(names)}")
            if isinstance(node, ast.Import):
                names = {alias.name for alias in node.names}
                if names & {"fcntl", "msvcrt"}:
                    found.append(f"{path}: import {sorted(names)}")
    assert not found, found


def test_the_domain_suite_cannot_reach_what_the_simulation_changes() -> None:
    """tests/domain runs once: it and pos_app.domain import nothing that reaches a file, a lock
    or the console, and call no ``open``; so a Windows run could not differ."""
    offending = []
    folders = [Path(pos_app.__file__).parent / "domain", ROOT / "tests" / "domain"]
    allowed_pos_app = ("pos_app.domain", "pos_app.errors", "pos_app.i18n")
    for path in [p for folder in folders for p in _python_files(folder)]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            modules: list[str] = []
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules = [node.module]
            for name in modules:
                top = name.split(".")[0]
                if (
                    name.startswith("pos_app") and not name.startswith(allowed_pos_app)
                ) or top in SEAM_MODULES:
                    offending.append(f"{path}: imports {name}")
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "open":
                offending.append(f"{path}: calls open()")
    assert not offending, offending


def test_the_windows_run_covers_the_suites_it_names() -> None:
    for suite in conftest.WINDOWS_TOO:
        assert (ROOT / suite).exists(), suite
