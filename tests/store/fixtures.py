from __future__ import annotations

import atexit
import itertools
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

from tests.store.pgserver import PgServer, find_bindir

_names = itertools.count(1)


@contextmanager
def _run_template(factory: pytest.TempPathFactory, bindir: Path) -> Iterator[Path | None]:
    """One initdb for the whole run, copied by each xdist worker's cluster (initdb is ~0.7 s
    of CPU; a copy 0.07 s). The first worker makes it, under a lock in the run's shared
    temporary folder, and removes it when it ends (under the same lock): a worker that comes
    later finds none and runs initdb itself."""
    import fcntl

    base = factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    named = shared / "pg-template.txt"
    with open(shared / "pg-template.lock", "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not named.exists():
            template = PgServer(bindir)
            template.init()
            named.write_text(str(template.data), encoding="utf-8")
            atexit.register(_remove_template, template, shared)
        data = Path(named.read_text(encoding="utf-8"))
        yield data if data.is_dir() else None


def _remove_template(template: PgServer, shared: Path) -> None:
    import fcntl

    if not shared.is_dir():
        # A run without workers: its own temporary folder (with the lock) was removed before
        # the exit; no other process can be copying the template, which is removed all the same.
        shutil.rmtree(template.root, ignore_errors=True)
        return
    with open(shared / "pg-template.lock", "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        shutil.rmtree(template.root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PgServer]:
    bindir = find_bindir()
    if bindir is None:
        pytest.skip("no PostgreSQL binaries (initdb, pg_ctl) on this machine")
    server = PgServer(bindir)
    try:
        with _run_template(tmp_path_factory, bindir) as template:
            server.init(template)
        server.start()
        yield server
    finally:
        server.cleanup()


@pytest.fixture
def store_db(pg_server: PgServer) -> Iterator[str]:
    """A fresh database on the session's server: its name."""
    name = f"store_{next(_names)}"
    with psycopg.connect(pg_server.admin_url(), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield name
    with psycopg.connect(pg_server.admin_url(), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
