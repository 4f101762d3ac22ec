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
