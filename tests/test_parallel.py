"""How the slow tests are spread over the xdist workers (tests/parallel.py)."""

from __future__ import annotations

from typing import Any

import pytest

from tests import parallel


class _Node:
    """What xdist's scheduler sees of a worker: the tests it is sent."""

    shutting_down = False

    def __init__(self, name: str) -> None:
        self.sent: list[int] = []
        self.gateway = type("Gateway", (), {"id": name})()

    def send_runtest_some(self, indices: list[int]) -> None:
        self.sent += indices

    def shutdown(self) -> None:  # nothing left for it
        pass


class _Config:
    def __init__(self, workers: int) -> None:
        self.workers = workers

    def getvalue(self, name: str) -> Any:
        assert name == "tx"
        return [f"{self.workers}*popen"]


def first_chunks(total: int, workers: int) -> list[list[int]]:
    """What pytest-xdist's own ``worksteal`` sends each worker at the start."""
    from xdist.scheduler.worksteal import WorkStealingScheduling  # type: ignore[import-untyped]

    scheduler = WorkStealingScheduling(_Config(workers))
    nodes = [_Node(f"gw{i}") for i in range(workers)]
    for node in nodes:
        scheduler.add_node(node)
    for node in nodes:
        scheduler.add_node_collection(node, [f"t{i}" for i in range(total)])
    scheduler.schedule()
    return [node.sent for node in nodes]


@pytest.mark.parametrize(("total", "workers"), [(2518, 4), (2518, 3), (10, 4), (7, 2), (1, 3)])
def test_the_chunks_are_the_ones_worksteal_sends(total: int, workers: int) -> None:
    chunks = first_chunks(total, workers)
    assert [len(chunk) for chunk in chunks] == parallel.chunk_sizes(total, workers)
    assert [i for chunk in chunks for i in chunk] == list(range(total))  # contiguous, in order


def test_each_worker_starts_with_its_share_of_the_slow_ones_the_longest_first() -> None:
    fast = [f"f{i}" for i in range(40)]
    units = [
        (3.0, ["store-a1", "store-a2"]),
        (50.0, ["bundle-build", "bundle-run"]),  # a unit stays together, in its order
        (25.0, ["year"]),
        (7.0, ["detection"]),
        (7.0, ["orders"]),
        (5.0, ["gui"]),
    ]
    ordered = parallel.spread_slow(fast, units, workers=4)
    assert ordered is not None
    chunks = [ordered[:12], ordered[12:24], ordered[24:36], ordered[36:]]
    assert parallel.chunk_sizes(48, 4) == [12, 12, 12, 12]
    heads = [[t for t in chunk if not t.startswith("f")] for chunk in chunks]
    assert heads == [
        ["bundle-build", "bundle-run"],
        ["year"],
        ["detection", "gui"],
        ["orders", "store-a1", "store-a2"],
    ]
    for chunk, head in zip(chunks, heads, strict=True):
        assert chunk[: len(head)] == head  # at the head of the chunk: started first
    assert [t for t in ordered if t.startswith("f")] == fast  # the fast ones keep their order


def test_with_no_room_the_caller_keeps_them_all_first() -> None:
    # 5 tests on 2 workers: chunks of 2 and 3, and a unit of 4 fits in neither
    assert parallel.spread_slow([], [(5.0, ["a", "b", "c", "d"]), (5.0, ["e"])], 2) is None


class _TempConfig:
    """What :func:`parallel.memory_basetemp` reads of pytest's config."""

    def __init__(self, basetemp: str | None = None, worker: bool = False) -> None:
        self.option = type("Option", (), {"basetemp": basetemp})()
        if worker:
            self.workerinput: dict[str, str] = {}


@pytest.fixture
def memory_root(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A stand-in for /dev/shm with room to spare, nobody's choice of folder in the way."""
    monkeypatch.setattr(parallel, "MEMORY_TEMP_ROOT", tmp_path)
    monkeypatch.setattr(parallel, "MEMORY_TEMP_ROOM", 1)
    monkeypatch.delenv("PYTEST_DEBUG_TEMPROOT", raising=False)
    monkeypatch.delenv("POS_APP_TEST_TMP", raising=False)
    return tmp_path


@pytest.mark.posix
def test_the_run_gets_a_folder_of_its_own_in_memory_and_dead_runs_are_swept(
    memory_root: Any,
) -> None:
    import os
    import subprocess
    import sys

    home = memory_root / f"pos-app-tests-{os.getuid()}"
    home.mkdir()
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    dead = home / f"run-{ended.stdout.strip()}"  # a run whose process has ended: swept
    alive = home / f"run-{os.getppid()}"  # a run still going (this one's parent): kept
    for folder in (dead, alive):
        (folder / "popen-gw0").mkdir(parents=True)
    chosen = parallel.memory_basetemp(_TempConfig())
    assert chosen == home / f"run-{os.getpid()}"
    assert not dead.exists() and alive.exists()
    chosen.mkdir()
    parallel.forget_memory_basetemp(chosen, exitstatus=1)  # a failed run's files stay
    assert chosen.exists()
    parallel.forget_memory_basetemp(chosen, exitstatus=0)
    assert not chosen.exists()


@pytest.mark.posix
def test_a_chosen_folder_a_worker_or_too_little_room_keep_pytests_default(
    memory_root: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    assert parallel.memory_basetemp(_TempConfig(basetemp="/somewhere")) is None
    assert parallel.memory_basetemp(_TempConfig(worker=True)) is None
    monkeypatch.setenv("POS_APP_TEST_TMP", "disk")
    assert parallel.memory_basetemp(_TempConfig()) is None
    monkeypatch.delenv("POS_APP_TEST_TMP")
    monkeypatch.setattr(parallel, "MEMORY_TEMP_ROOM", 2**62)  # a container's 64 MB /dev/shm
    assert parallel.memory_basetemp(_TempConfig()) is None
    monkeypatch.setattr(parallel, "MEMORY_TEMP_ROOM", 1)
    real_statvfs = os.statvfs

    def noexec(path: Any) -> Any:  # Docker's /dev/shm: programs cannot run from it
        found = real_statvfs(path)
        flags = found.f_flag | os.ST_NOEXEC
        return os.statvfs_result((*found[:8], flags, *found[9:]))

    monkeypatch.setattr(os, "statvfs", noexec)
    assert parallel.memory_basetemp(_TempConfig()) is None
    monkeypatch.setattr(os, "statvfs", real_statvfs)
    assert parallel.memory_basetemp(_TempConfig()) is not None
    monkeypatch.setattr(parallel, "MEMORY_TEMP_ROOT", memory_root / "absent")
    assert parallel.memory_basetemp(_TempConfig()) is None
