"""What each process of the suite spends around its tests (issue 19: the suite's time; see
tests/parallel.py): the garbage collector while collecting and at the end, and a plugin nobody
uses left out."""

from __future__ import annotations

import gc
import tomllib
import weakref
from pathlib import Path

import pytest

from tests import parallel

ROOT = Path(__file__).resolve().parent.parent
CONFTEST = ROOT / "tests" / "conftest.py"


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


def test_at_the_end_what_is_left_is_frozen_before_the_last_collections(
    pytestconfig: pytest.Config,
) -> None:
    impls = reversed(pytestconfig.hook.pytest_unconfigure.get_hookimpls())  # the call order
    order = [(impl.plugin_name, impl) for impl in impls]
    names = [name for name, _ in order]
    ours = next(
        impl for _, impl in order if getattr(impl.plugin, "__file__", None) == str(CONFTEST)
    )
    assert names.index(ours.plugin_name) < names.index("unraisableexception")  # it collects
    kept = [[1]]
    ours.function(config=pytestconfig)  # as at the end (freezing more now is harmless)
    assert _frozen(kept) and _frozen(kept[0])


def test_the_plugin_nobody_uses_stays_off() -> None:
    """anyio's: no test runs on anyio, and each worker paid for it (pyproject.toml says how)."""
    with open(ROOT / "pyproject.toml", "rb") as file:
        ini = tomllib.load(file)["tool"]["pytest"]["ini_options"]
    assert "-p no:anyio" in ini["addopts"]
