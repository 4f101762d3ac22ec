"""Suite-wide setup: headless Qt, no real keyring, no real data directory."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from typing import Any

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
from hypothesis import settings as hypothesis_settings

from tests import parallel

# Property and fuzz tests (hypothesis) draw the same examples in every run ("suite"): a gate
# that passes on one run and fails on the next for the same code tells nobody anything (the
# fuzz of the command line once found a form feed in a file name one run in two). To look for
# new failures, explore with random examples: HYPOTHESIS_PROFILE=explore (and more of them with
# --hypothesis-seed, or max_examples in a test); keep what it finds as an @example.
# No deadline either: hypothesis' default fails an example slower than 200 ms of wall time, a
# timed assertion that a loaded 2-core machine trips (the likely cause: the damaged-prices window
# test failed once at load ~9 and passed alone); speed is measured by the benchmarks, not here.
hypothesis_settings.register_profile("suite", derandomize=True, database=None, deadline=None)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))


def _share_escpos_database() -> None:
    """python-escpos's parsed printer database: one pickle for every worker and every run.

    Each worker imports python-escpos while collecting (tests/receipts), when no test's
    POS_APP_HOME is set yet: left to itself, pos_app.receipts.escpos_cache would write in the
    developer's own cache folder, and python-escpos alone would parse it again (~0.3 s) and
    leave a pickle in the temp folder for each worker. So the controller (or a run without
    workers) prepares a folder of the tests' own, the product's way (written privately, moved
    in whole), and names it in ESCPOS_CAPABILITIES_PICKLE_DIR, which the workers and the
    processes tests start inherit; python-escpos then only reads there.
    """
    if "ESCPOS_CAPABILITIES_PICKLE_DIR" in os.environ:
        # A worker (the controller named it), or the developer's choice: imported here, before
        # a test module imports escpos directly, which would leave an empty mkdtemp() folder.
        from pos_app.receipts.escpos_cache import load_capabilities

        load_capabilities()
        return
    import getpass
    import re
    import tempfile
    from importlib.metadata import version
    from pathlib import Path

    from pos_app.receipts.escpos_cache import share_capabilities

    try:
        user = re.sub(r"\W", "_", getpass.getuser())
    except (OSError, KeyError):
        user = "unknown"
    root = Path(tempfile.gettempdir()) / f"pos-app-tests-{user}"
    try:
        root.mkdir(mode=0o700, exist_ok=True)
        if hasattr(os, "getuid") and root.stat().st_uid != os.getuid():
            return  # someone else's folder in a shared /tmp: never load their pickles
    except OSError:
        return
    # One folder per python-escpos version: worktrees with different ones never mix.
    shared = root / f"escpos-{version('python-escpos')}"
    if share_capabilities(shared):
        os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(shared)


_share_escpos_database()

# The Qt-free suites that touch files, locks, signals or the console run twice: as here, and
# as on Windows (no fcntl, no os.fchmod, msvcrt locking, pos_app.system.windows() true; see
# tests/portability/simulate.py), in this same process. tests/domain is left out: pure code,
# no seam the simulation changes (tests/portability/test_qt_free_suites_simulated.py checks).
WINDOWS_TOO = (
    "tests/ledger/",
    "tests/settings/",
    "tests/checkout/",
    "tests/notifications/",
    "tests/faults/test_single_instance.py",
)
_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    path = os.path.relpath(str(metafunc.definition.path), _ROOT).replace(os.sep, "/")
    if path.startswith(WINDOWS_TOO) and not simulate_active() and sys.platform != "win32":
        metafunc.parametrize("_platform", ["posix", "windows"], indirect=True)


@pytest.fixture(autouse=True)
def _platform(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """``windows``: this test runs as on Windows (before any other function-scoped fixture)."""
    flavour: str = getattr(request, "param", "native")
    if flavour == "windows":
        from tests.portability import simulate

        simulate.apply(monkeypatch)
    return flavour


def simulate_active() -> bool:
    return bool(os.environ.get("POS_APP_SIMULATE_WINDOWS"))


@pytest.fixture(autouse=True)
def _isolated_home(
    _platform: str,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> Iterator[Any]:
    """Every test gets its own POS_APP_HOME: config, ledger and lock live there. A test that
    takes it away before its end (``monkeypatch.undo()`` undoes this too) reaches the real
    data folder of whoever runs the suite: said, naming the test."""
    home = tmp_path_factory.mktemp("pos_home")
    monkeypatch.setenv("POS_APP_HOME", str(home))
    yield home
    on_purpose = request.node.get_closest_marker("platform_folders") is not None
    if os.environ.get("POS_APP_HOME") is None and not on_purpose:
        pytest.fail(
            "POS_APP_HOME was removed during the test (monkeypatch.undo()?): what ran after it "
            "used the real data folder; patch in a pytest.MonkeyPatch.context() instead",
            pytrace=False,
        )


# pytest-qt's fixtures: a test using one (directly or through its own fixtures) has a
# QApplication and must say so with ``@pytest.mark.gui`` (``-m "not gui"`` runs the rest).
QT_FIXTURES = frozenset({"qtbot", "qapp", "qtlog", "qtmodeltester"})


def _unmarked_gui(item: pytest.Item) -> bool:
    return bool(QT_FIXTURES.intersection(getattr(item, "fixturenames", ()))) and (
        item.get_closest_marker("gui") is None
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    # Failed here, one test at a time, rather than refused at collection: under pytest-xdist
    # a collection error only says "no active workers", not which test lacks the mark.
    if _unmarked_gui(item):
        pytest.fail(
            f"{item.nodeid} uses a QApplication (pytest-qt fixtures) and must be marked gui "
            "(pytestmark = pytest.mark.gui)",
            pytrace=False,
        )


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto`` (pyproject's addopts): two workers per core (tests/parallel.py says why)."""
    return parallel.worker_count()


MEMORY_BASETEMP = pytest.StashKey["Path | None"]()


@pytest.hookimpl(tryfirst=True)  # before pytest's tmpdir plugin reads --basetemp
def pytest_configure(config: pytest.Config) -> None:
    basetemp = parallel.memory_basetemp(config)
    config.stash[MEMORY_BASETEMP] = basetemp
    if basetemp is not None:
        config.option.basetemp = str(basetemp)
    parallel.warm_rewrite_cache(config)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_collection(session: pytest.Session) -> Iterator[object]:
    """Collected with the garbage collector paused, then frozen (tests/parallel.py says why)."""
    with parallel.collector_paused():
        return (yield)


@pytest.hookimpl(tryfirst=True)  # before the unraisable-exception plugin's collections
def pytest_unconfigure(config: pytest.Config) -> None:
    """What is left at the end frozen: the last full collections walk none of it."""
    gc.freeze()


@pytest.hookimpl(trylast=True)  # in the controller, after every worker has finished
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    parallel.forget_memory_basetemp(session.config.stash.get(MEMORY_BASETEMP, None), exitstatus)


@pytest.hookimpl(trylast=True)  # after -m and -k have deselected: the order xdist will cut
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The slow ones first, so that a parallel run (pytest-xdist) never ends waiting on one of
    # them alone; spread over the workers' first chunks (tests/parallel.py says why); the
    # order is otherwise kept, the same in every worker.
    _slow_first(config, items)
    # On Windows, skip what only POSIX can do (SIGKILL, file modes, the Windows simulation).
    if sys.platform != "win32":
        return
    skip = pytest.mark.skip(reason="POSIX only (signals, file modes or fcntl)")
    for item in items:
        if "posix" in item.keywords:
            item.add_marker(skip)


def _slow_unit(item: pytest.Item) -> tuple[str, float]:
    """Which tests stay together, and their estimated seconds (``slow(seconds=...)``): a
    module marked slow as a whole is one unit (its tests may share a module-scoped fixture,
    like the bundle's build); a test marked itself (or through its parameter) is one alone."""
    marker = item.get_closest_marker("slow")
    assert marker is not None
    seconds = float(marker.kwargs.get("seconds", parallel.DEFAULT_SLOW_SECONDS))
    if any(mark.name == "slow" for mark in item.own_markers):
        return item.nodeid, seconds
    return str(item.path), seconds


def _slow_first(config: pytest.Config, items: list[pytest.Item]) -> None:
    slow = [item for item in items if "slow" in item.keywords]
    fast = [item for item in items if "slow" not in item.keywords]
    items[:] = slow + fast
    workers = int(getattr(config, "workerinput", {}).get("workercount", 1))
    if workers < 2 or not slow:
        return
    units: dict[str, tuple[float, list[pytest.Item]]] = {}
    for item in slow:
        key, seconds = _slow_unit(item)
        units.setdefault(key, (seconds, []))[1].append(item)
    spread = parallel.spread_slow(fast, list(units.values()), workers)
    if spread is not None:
        items[:] = spread


class _QtSafeMonkeyPatch(pytest.MonkeyPatch):
    """pytest's ``monkeypatch``, refusing one pattern: replacing, on one of our Python subclasses
    of a Qt class, a method Qt itself defines (``data``, ``sizeHint``, ``event``…). Qt calls
    those from C++, and shiboken keeps what it looked up for the objects alive then: twice a
    later test's worker died of a segmentation fault in ``setStyleSheet`` (re-polishing every
    widget) long after the patch was undone. Count through a subclass the code under test makes
    instead (see tests/ui/test_windows_built_once.py)."""

    def setattr(self, target: Any, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        name = args[0] if args else kwargs.get("name")
        if isinstance(target, type) and isinstance(name, str):
            _refuse_qt_override(target, name)
        super().setattr(target, *args, **kwargs)


def _refuse_qt_override(cls: type, name: str) -> None:
    shiboken = sys.modules.get("shiboken6.Shiboken")
    if shiboken is None or not issubclass(cls, shiboken.Object):
        return
    if cls.__module__.startswith(("PySide6.", "shiboken6")):
        return  # a Qt class itself: its own methods are not Python overrides
    qt_owner = next(
        (
            base
            for base in cls.__mro__[1:]
            if base.__module__.startswith("PySide6.") and name in vars(base)
        ),
        None,
    )
    if qt_owner is not None:
        raise AssertionError(
            f"monkeypatch.setattr({cls.__name__}, {name!r}): {name} is "
            f"{qt_owner.__name__}'s, called from C++; patch a subclass the code makes instead"
        )


@pytest.fixture
def monkeypatch() -> Iterator[pytest.MonkeyPatch]:
    patch = _QtSafeMonkeyPatch()
    yield patch
    patch.undo()


@pytest.fixture(scope="session")
def qapp(qapp: Any) -> Any:
    """pytest-qt's application, with the app's stylesheet from its first moment in each worker.
    It used to be applied by the first test that needed the event loop (tests/ui/conftest.py),
    after a worker may have run many window tests: ``setStyleSheet`` then re-polished every
    widget still alive, and twice in fresh clones a worker died of a segmentation fault there.
    Applied before any widget exists, it re-polishes nothing."""
    from pos_app.ui.qtkit.style import apply_stylesheet

    apply_stylesheet(qapp)
    return qapp


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """After a window test, once pytest-qt has closed its widgets and asked Qt to delete them
    (``deleteLater``), delete them now. Qt deletes them only when an event loop runs, so after
    tests that never spin one (the seeded fuzz of dialogs) every earlier test's widgets stayed
    alive in the worker, thousands of them (the product editor's fuzz left ~8,000), until some
    later test waited on Qt. Every app-wide change then reached each of them: a translator
    installed or removed (tests/i18n, twice per test) cost ~0.3 s of CPU with 8,000 alive."""
    result = yield
    if "gui" in item.keywords:
        from PySide6.QtCore import QCoreApplication, QEvent

        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return result
