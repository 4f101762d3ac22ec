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

import os
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
