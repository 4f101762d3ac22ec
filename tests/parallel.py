"""How the suite spreads over pytest-xdist workers (issue 19: the suite's time).

Two workers per core: a third of the suite's time is spent waiting (on subprocesses, on the
sandbox's HTTP answers, on a Qt timer), not computing, so one worker per core leaves the cores
idle for that third; two per core fill it (measured on 2 cores: 218 s with 2 workers, 162 s with
4). At most 16 workers; ``POS_APP_TEST_WORKERS`` overrides the count.

Each worker imports every test module, and pytest rewrites the asserts of each before it runs
(about 7 s of CPU for this suite). The rewritten code is cached in ``__pycache__``, but in a
fresh clone every worker finds the cache empty at the same moment and rewrites it all itself:
4 workers, 4 times the work. :func:`warm_rewrite_cache` fills the cache once, in the
controller, split over the cores, before the workers start. It writes exactly what pytest
writes (its own functions, with no config: the only setting they read,
``enable_assertion_pass_hook``, is off in this project); if pytest's internals ever change,
it does nothing and each worker rewrites as before.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def worker_count() -> int:
    wanted = os.environ.get("POS_APP_TEST_WORKERS", "").strip()
    if wanted.isascii() and wanted.isdigit() and int(wanted) > 0:
        return min(int(wanted), 64)  # a typo of 10,000 must not start 10,000 Qt processes
    # At most 16: each worker holds a Qt application, sandboxes and ledgers (~250 MB).
    return min(2 * (os.cpu_count() or 1), 16)


def _rewrite_into_cache(paths: list[str]) -> int:
    from _pytest.assertion import rewrite

    class _Quiet:
        @staticmethod
        def trace(_message: str) -> None:
            pass

    written = 0
    for name in paths:
        path = Path(name)
        cache = rewrite.get_cache_dir(path)
        pyc = cache / (path.name[:-3] + rewrite.PYC_TAIL)
        if rewrite._read_pyc(path, pyc) is not None:
            continue
        source = path.read_bytes()
        tree = rewrite.ast.parse(source, filename=name)
        rewrite.rewrite_asserts(tree, source, name, None)
        code = compile(tree, name, "exec", dont_inherit=True)
        if rewrite.try_makedirs(cache) and rewrite._write_pyc(
            _Quiet(),  # type: ignore[arg-type]
            code,
            rewrite.importlib.util.source_hash(source),
            pyc,
        ):
            written += 1
    return written


def warm_rewrite_cache(config: Any) -> None:
    """In the xdist controller only, with bytecode writing on and assertion rewriting in use."""
    import sys

    if sys.dont_write_bytecode or hasattr(config, "workerinput"):
        return
    if not config.getoption("numprocesses", None) or config.getoption("assertmode") != "rewrite":
        return
    if config.getini("enable_assertion_pass_hook"):
        return  # the cache would then hold code our config-less rewrite does not make
    tests = Path(__file__).resolve().parent
    files = sorted(
        str(p) for p in tests.rglob("*.py") if p.name.startswith("test_") or p.name == "conftest.py"
    )
    from concurrent.futures import ProcessPoolExecutor  # here: the workers never need it

    cores = os.cpu_count() or 1
    chunks = [files[i::cores] for i in range(cores)]
    try:
        with ProcessPoolExecutor(max_workers=cores) as pool:
            list(pool.map(_rewrite_into_cache, chunks))
    except Exception:  # an optimisation only: the workers rewrite as before
        return


# The slow tests (``@pytest.mark.slow``), spread over the workers' first chunks.
#
# pytest-xdist's ``worksteal`` hands each of the N workers one contiguous chunk of the collected
# order at the start (``len(pending) // workers_left`` tests each, in worker order), and an idle
# worker later steals the second half of the longest queue, from its end. Sorting the slow
# tests first therefore put every one of them at the head of the first chunk, on one worker, one
# after the other, never stolen: in a loaded run that worker ran the bundle's build and all the
# benchmarks' quick pass alone (327 s of a 356 s run) while the others had finished. Instead
# each chunk starts with its share of the slow units, the heaviest first, shared out the longest
# first onto the least loaded chunk (LPT); the fast tests follow in their order and are the ones
# work stealing moves about.

DEFAULT_SLOW_SECONDS = 3.0


def chunk_sizes(total: int, workers: int) -> list[int]:
    """The sizes of the chunks ``worksteal`` sends to ``workers`` idle workers at the start."""
    sizes = []
    left = total
    for i in range(workers):
        size = left // (workers - i)
        sizes.append(size)
        left -= size
    return sizes


def spread_slow(
    fast: list[Any], units: list[tuple[float, list[Any]]], workers: int
) -> list[Any] | None:
    """``fast`` in order, with the slow ``units`` (estimated seconds, tests that stay together
    and in order) at the heads of the ``workers`` chunks; None when they do not fit (a small
    selection: the caller then puts them all first)."""
    total = len(fast) + sum(len(tests) for _, tests in units)
    sizes = chunk_sizes(total, workers)
    load = [0.0] * workers
    heads: list[list[Any]] = [[] for _ in range(workers)]
    for seconds, tests in sorted(units, key=lambda unit: -unit[0]):  # stable: ties keep order
        # the least loaded chunk with room for the whole unit
        room = [i for i in range(workers) if len(heads[i]) + len(tests) <= sizes[i]]
        if not room:
            return None
        target = min(room, key=lambda i: (load[i], i))
        load[target] += seconds
        heads[target].extend(tests)
    ordered: list[Any] = []
    taken = 0
    for head, size in zip(heads, sizes, strict=True):
        ordered += head
        ordered += fast[taken : taken + size - len(head)]
        taken += size - len(head)
    return ordered


# The tests' temporary files in memory (/dev/shm) when there is room.
#
# The suite writes a few thousand throwaway ledgers, sandboxes' files and the bundle (~220 MB),
# and SQLite syncs every commit to disk: on an ordinary disk those syncs and the files' journal
# cost the suite ~10 % of its time (measured on 2 cores: 114 s with /tmp on ext4, 102 s with
# tmpfs, in the same hour; the kernel's share of the CPU 20 s → 13 s). The product still syncs
# exactly as it does on a counter PC; only where the tests keep their files changes. Used only
# when nobody chose a folder (``--basetemp``, PYTEST_DEBUG_TEMPROOT, POS_APP_TEST_TMP=disk) and
# /dev/shm is a writable memory file system with room to spare (a container's is often 64 MB).

MEMORY_TEMP_ROOT = Path("/dev/shm")
MEMORY_TEMP_ROOM = 3 * 2**30  # the run needs ~0.5 GB; leave the rest of memory to the workers


def memory_basetemp(config: Any) -> Path | None:
    """A fresh ``--basetemp`` for this run in /dev/shm, or None to keep pytest's default.

    One folder per run (``run-<pid>`` under a folder of this user's), so that two runs side by
    side never share or delete each other's files; folders of runs whose process has ended are
    removed first (a failed run's files stay until the next run, as pytest keeps its last few).
    """
    if hasattr(config, "workerinput") or config.option.basetemp:
        return None  # a worker (the controller passes its own folder on) or a chosen folder
    if os.environ.get("PYTEST_DEBUG_TEMPROOT") or os.environ.get("POS_APP_TEST_TMP") == "disk":
        return None
    if not hasattr(os, "getuid") or not MEMORY_TEMP_ROOT.is_dir():
        return None
    try:
        room = os.statvfs(MEMORY_TEMP_ROOT)
        if room.f_bavail * room.f_frsize < MEMORY_TEMP_ROOM:
            return None
        if room.f_flag & getattr(os, "ST_NOEXEC", 0):
            return None  # Docker mounts it noexec: the bundle's tests run programs from there
        home = MEMORY_TEMP_ROOT / f"pos-app-tests-{os.getuid()}"
        home.mkdir(mode=0o700, exist_ok=True)
        if home.is_symlink() or home.stat().st_uid != os.getuid():
            return None  # someone else's folder: not ours to write in
        for old in home.glob("run-*"):
            pid = old.name.removeprefix("run-")
            if pid.isdigit() and not _alive(int(pid)):
                _remove(old)
    except OSError:
        return None
    return home / f"run-{os.getpid()}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def forget_memory_basetemp(path: Path | None, exitstatus: int) -> None:
    """At the end of a run that passed, its files leave memory; a failed run's stay to be read."""
    if path is not None and exitstatus == 0:
        _remove(path)


# The garbage collector while the suite is collected, and at the end.
#
# Collecting imports every test module and what they import, and makes ~3,200 test items: some
# 190,000 objects the collector tracks, nearly all kept until the process ends. Python's full
# collections walked them again and again while they were being made (~0.3 s of CPU in each
# worker, a sixth of its collection), and all of them three times more at the end: twice in
# pytest's unraisable-exception plugin, once in the interpreter's shutdown (~0.6 s per process).
# So while collecting, only the young generations are collected (they free the collection's own
# garbage: ~40,000 objects, pytest's per-function definitions among them), never the whole heap;
# what is left is then frozen out of the full collections (``gc.freeze()``, as
# pos_app.system.memory does after the window's start-up). At the end (tests/conftest.py's
# pytest_unconfigure), what is left is frozen too, before those last collections: garbage still
# waiting then is not collected at all (the process's memory goes back to the system whole; a
# ``__del__`` that would have failed there was ignored anyway: see filterwarnings).


@contextmanager
def collector_paused() -> Iterator[None]:
    """No full collection during the block (the young generations as usual), then what the
    block left alive frozen out of the full collections."""
    threshold = gc.get_threshold()
    gc.set_threshold(threshold[0], threshold[1], 1 << 30)  # the third: never a full one
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.freeze()
