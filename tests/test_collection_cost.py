"""What each process of the suite spends around its tests (issue 19: the suite's time; see
tests/parallel.py): the garbage collector while collecting and at exit, and the plugins nobody
uses left out."""

from __future__ import annotations

import gc
import subprocess
import sys
import tomllib
import weakref
from pathlib import Path

import pytest

from tests import parallel

ROOT = Path(__file__).resolve().parent.parent


def _frozen(obj: object) -> bool:
    """Tracked by the collector, but in none of the generations its collections walk."""
    return gc.is_tracked(obj) and not any(o is obj for o in gc.get_objects())


def test_what_the_suite_collected_is_out_of_the_full_collections(
    request: pytest.FixtureRequest,
) -> None:
    # This test's function was made when its module was imported, while collecting.
    assert _frozen(request.node.function)


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_collecting_walks_the_young_generations_only_then_freezes_what_is_left() -> None:
    full: list[dict[str, int]] = []

    def watch(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(info)

    threshold = gc.get_threshold()
    gc.collect()  # from here, 100,000 new long-lived objects are more than enough for a full one
    gc.callbacks.append(watch)
    try:
        with parallel.collector_paused():
            dropped = weakref.ref(_Cycle())  # garbage at once, as a collection makes plenty
            kept = [[i] for i in range(100_000)]  # no cycles: freed after the test, frozen or not
    finally:
        gc.callbacks.remove(watch)
    assert full == []
    assert dropped() is None  # the young generations' collections freed it
    assert gc.get_threshold() == threshold
    assert _frozen(kept) and _frozen(kept[-1])


EXIT = """
import sys

from tests import parallel


class Finalized:
    def __init__(self):
        self.me = self  # a cycle: only a collection frees it

    def __del__(self):
        sys.stdout.write("finalized by a collection at exit\\n")


if sys.argv[1] == "frozen":
    parallel.freeze_at_exit()
Finalized()
"""


@pytest.mark.parametrize(("how", "collected"), [("frozen", False), ("as Python does", True)])
def test_at_exit_the_shutdown_collects_nothing(how: str, collected: bool) -> None:
    done = subprocess.run(
        [sys.executable, "-c", EXIT, how],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=True,
    )
    assert ("finalized" in done.stdout) is collected, done


def test_the_plugins_nobody_uses_stay_off() -> None:
    """anyio's (no test runs on anyio) and pytest's unraisable-exception one (its warnings are
    ignored by filterwarnings): each worker paid for them (pyproject.toml says how)."""
    with open(ROOT / "pyproject.toml", "rb") as file:
        ini = tomllib.load(file)["tool"]["pytest"]["ini_options"]
    assert "-p no:anyio" in ini["addopts"]
    assert "-p no:unraisableexception" in ini["addopts"]
    assert "ignore::pytest.PytestUnraisableExceptionWarning" in ini["filterwarnings"]
