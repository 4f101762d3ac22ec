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
