"""CI keeps the benchmarks working: the quick pass runs them all and reports every metric
(one benchmark per test, so a parallel run spreads them; together the whole quick pass).

No timing is asserted (a shared 2-core runner is far too noisy, and ``--quick`` sizes are too
small to mean anything); the full run and its table are in the README's Performance section.

One benchmark runs as the command, ``python -m tests.benchmarks --quick --only NAME``; the
others call the same ``main()`` in this process: the driver only starts the benchmark's own
processes (or runs it here: detection, the real runtime on a till as the notification tests
run it), and an interpreter of its own cost 0.1-0.5 s of CPU importing what this one already
has. What the benchmarks' processes need besides is served from here too: the sandbox (a
thread, ``POS_APP_BENCH_SANDBOX``) and, for the store database, this worker's PostgreSQL
(``POS_APP_BENCH_PG_PORT``), not a process and a cluster (initdb: ~1 s of CPU) of their own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.benchmarks.__main__ import BENCHMARKS, main
from tests.benchmarks.common import ROOT, SANDBOX_ENV, child_env
from tests.benchmarks.year_store import PORT_ENV
from tests.thread_sandbox import ThreadSandbox

EXPECTED = {
    # delay: ours polling, ours with notifications, fixed 2 s poller; for each of the two APIs
    "detection": 6,
    # paid after a while and left to expire, for the same three, and a canceled sale's watch
    # (polling only); both APIs
    "requests": 14,
    "gui": 1,
    "startup": 4,  # first frame, ready, the bare window, the ratio
    "catalog": 6,
    "memory": 5,  # RSS at three points, growth per sale, and with SQLite's cache held small
    # a year's ledger: 22 steps (start-up, window, commands), a full collection with 7 and
    # 30 days in the history, and its size; a month offline delivered to PostgreSQL: how
    # long, the longest GUI stall
    "year": 27,
}
# Which groups each benchmark reports: one process per benchmark, so they run side by side.
GROUPS = {
    "detection": {"detection": 3, "requests": 7},
    "detection-orders": {"detection": 3, "requests": 7},
    "gui": {"gui": 1},
    "startup": {"startup": 4},
    "catalog": {"catalog": 6},
    "memory": {"memory": 5},
    "year": {"year": 25},
    "year-store": {"year": 2},
}


def test_every_benchmark_and_every_group_is_run() -> None:
    assert set(GROUPS) == set(BENCHMARKS)
    total: dict[str, int] = {}
    for groups in GROUPS.values():
        for group, count in groups.items():
            total[group] = total.get(group, 0) + count
    assert total == EXPECTED


# Rough seconds of each on a loaded 2-core machine: the slow ones are spread over the xdist
# workers by them (tests/parallel.py), the longest first.
SECONDS = {"year": 8, "gui": 5, "year-store": 4}


# The one run as the command (``python -m tests.benchmarks``: its __main__, its exit code).
COMMAND = "catalog"
# The benchmarks whose processes talk to a sandbox (tests.benchmarks.common.sandbox_process).
SANDBOXED = {"gui", "memory", "year", "year-store"}


@pytest.fixture
def served(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    name = request.node.callspec.params["name"]
    if name == "year-store":
        from tests.store.pgserver import find_bindir

        if find_bindir() is None:
            pytest.skip("no PostgreSQL binaries (initdb, pg_ctl)")
        monkeypatch.setenv(PORT_ENV, str(request.getfixturevalue("pg_server").port))
    if name not in SANDBOXED:
        yield
        return
    with ThreadSandbox() as sandbox:
        monkeypatch.setenv(SANDBOX_ENV, sandbox.base_url)
        yield


@pytest.mark.timeout(300)
@pytest.mark.parametrize(
    "name", [pytest.param(n, marks=pytest.mark.slow(seconds=SECONDS.get(n, 3))) for n in GROUPS]
)
@pytest.mark.usefixtures("served")
def test_the_quick_pass_runs_every_benchmark(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "benchmarks.json"
    argv = ["--quick", "--only", name, "--json", str(out)]
    if name == COMMAND:
        done = subprocess.run(
            [sys.executable, "-m", "tests.benchmarks", *argv],
            cwd=ROOT,
            env=child_env(),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=240,
            check=False,
        )
        code, stdout, stderr = done.returncode, done.stdout, done.stderr
    else:
        code = main(argv)
        stdout, stderr = capsys.readouterr()
    assert code == 0, stderr[-4000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["quick"] is True and report["errors"] == {}
    assert report["machine"].count("Python") == 1 and "Qt" in report["machine"]
    groups: dict[str, int] = {}
    for figure in report["figures"]:
        groups[figure["group"]] = groups.get(figure["group"], 0) + 1
        assert figure["runs"] >= 1
        assert isinstance(figure["median"], float | int) and isinstance(
            figure["worst"], float | int
        )
        assert figure["met"] in (True, False, None)
    assert groups == GROUPS[name]
    # The table on stdout has one row per figure, under the machine line.
    assert stdout.startswith("Machine: ")
    rows = [line for line in stdout.splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + len(report["figures"])  # header + one per figure
