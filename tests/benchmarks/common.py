"""Shared pieces of the benchmarks: the machine line, figures, child processes, the sandbox.

A *figure* is one row of the table: a metric with the median and the worst of repeated runs, a
target and whether it was met. Benchmarks that need a process of their own (start-up, memory,
the window) run a module of this package with ``python -m`` and read one JSON line it prints.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
RESULT_PREFIX = "BENCH-RESULT "
# The quick pass scales the window benchmarks' pauses (idle spells, "let the paint land"): its
# figures mean nothing, and the full-length pauses were most of its wall time (~11 s of ~15).
PAUSES = {"scale": 1.0}


async def pause(seconds: float) -> None:
    """``asyncio.sleep`` for a benchmark's deliberate pause, shortened by the quick pass."""
    import asyncio

    await asyncio.sleep(seconds * PAUSES["scale"])


@dataclass
class Figure:
    """One row: ``median`` and ``worst`` of ``samples`` (worst = max, or min when
    ``higher_is_better``), compared with ``target`` by ``met``."""

    group: str
    metric: str
    unit: str
    median: float
    worst: float
    runs: int
    target: str = ""
    met: bool | None = None  # None: no target (a comparison row)
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def figure(
    group: str,
    metric: str,
    unit: str,
    samples: Sequence[float],
    *,
    target: str = "",
    check: Callable[[float, float], bool] | None = None,
    higher_is_better: bool = False,
    note: str = "",
    digits: int = 3,
    **extra: Any,
) -> Figure:
    """``check(median, worst)`` decides ``met`` (None without a check)."""
    if not samples:
        raise ValueError(f"no samples for {metric}")
    median = round(float(statistics.median(samples)), digits)
    worst = round(float(min(samples) if higher_is_better else max(samples)), digits)
    met = check(median, worst) if check is not None else None
    return Figure(group, metric, unit, median, worst, len(samples), target, met, note, extra)


def machine_line() -> str:
    """CPU model, cores, RAM, OS, Python and Qt versions, on one line."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        import psutil

        ram = f"{psutil.virtual_memory().total / 2**30:.0f} GiB RAM"
    except ImportError:  # pragma: no cover - psutil is in the test extras
        ram = "RAM ?"
    os_name = platform.platform(terse=True)
    try:
        with open("/etc/os-release", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("PRETTY_NAME="):
                    os_name = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    try:
        from PySide6 import QtCore, __version__

        qt = f"PySide6 {__version__} (Qt {QtCore.qVersion()})"
    except ImportError:  # pragma: no cover
        qt = "Qt ?"
    return (
        f"{cpu}, {os.cpu_count()} cores, {ram}, {os_name} ({platform.machine()}), "
        f"Python {platform.python_version()}, {qt}"
    )


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    # Measure what an installed app runs: compiled bytecode cached in __pycache__ (pip compiles
    # it at install time), not every module compiled at every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    env.update(extra)
    return env


def run_child(module: str, *args: str, timeout: float = 900, **env: str) -> dict[str, Any]:
    """Run ``python -m tests.benchmarks.<module> args`` and return the JSON it reported."""
    command = [sys.executable, "-m", f"tests.benchmarks.{module}", *args]
    done = subprocess.run(
        command,
        cwd=ROOT,
        env=child_env(**env),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(RESULT_PREFIX):
            if done.returncode != 0:
                break
            result: dict[str, Any] = json.loads(line[len(RESULT_PREFIX) :])
            return result
    raise RuntimeError(
        f"{module} failed (exit {done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    )


def report(result: dict[str, Any]) -> None:
    """A child's answer to :func:`run_child`."""
    print(RESULT_PREFIX + json.dumps(result), flush=True)


@contextmanager
def fresh_home() -> Iterator[Path]:
    """A throwaway ``POS_APP_HOME`` (ledger, settings) for one benchmark."""
    previous = os.environ.get("POS_APP_HOME")
    with tempfile.TemporaryDirectory(prefix="pos-bench-") as home:
        os.environ["POS_APP_HOME"] = home
        try:
            yield Path(home)
        finally:
            if previous is None:
                os.environ.pop("POS_APP_HOME", None)
            else:
                os.environ["POS_APP_HOME"] = previous


# A sandbox already serving (its base URL): the quick pass in the suite serves one from the
# test's process (tests/thread_sandbox.py) for the benchmark's processes, instead of each
# benchmark starting a process that imports the sandbox (~0.2 s of CPU).
SANDBOX_ENV = "POS_APP_BENCH_SANDBOX"


@contextmanager
def sandbox_process() -> Iterator[str]:
    """The sandbox in a process of its own (so its work is not measured as the app's);
    yields its base URL. With ``POS_APP_BENCH_SANDBOX`` set, that sandbox instead."""
    running = os.environ.get(SANDBOX_ENV)
    if running:
        yield running
        return
    code = (
        "import sys\n"
        "from pos_app.sandbox.server import run_sandbox_forever\n"
        "run_sandbox_forever(on_ready=lambda s: print(s.base_url, flush=True))\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=child_env(),
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        if not url.startswith("http"):
            raise RuntimeError(f"the sandbox did not start: {url!r}")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
