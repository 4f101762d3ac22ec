"""The way back from a damaged ledger: a fresh one, or a backup copy; the damaged file is kept.

Nothing here deletes or rewrites the damaged file: it is renamed, with its ``-wal`` and ``-shm``
companions, to ``ledger.sqlite3.damaged-<time>`` (SQLite finds the renamed WAL beside it, so the
copy can still be examined or repaired by a technician). A backup is only read (opened read-only
and copied with SQLite's backup API) after it passed ``PRAGMA quick_check`` itself.

Both ways need the till closed: they take the same single-instance lock the app holds.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pos_app.domain.sale import OPEN
from pos_app.errors import UserFacingError
from pos_app.i18n import QT_TRANSLATE_NOOP, message
from pos_app.ledger.lock import InstanceLock
from pos_app.ledger.migrations import MIGRATIONS
from pos_app.ledger.store import Ledger, LedgerDamagedError, LedgerError, is_damage, quick_check

log = logging.getLogger(__name__)
CTX = "Ledger"
COMPANIONS = ("", "-wal", "-shm")  # the database, its write-ahead log, its shared memory index


class RecoveryError(UserFacingError):
    """The way back chosen cannot be taken (a backup that is not one, a ledger that is fine)."""


@dataclass(frozen=True)
class Recovered:
    kept_as: tuple[Path, ...]  # the damaged file (and companions) under their dated names
    restored_from: Path | None = None
    # References the damaged ledger still showed waiting for payment (best effort): check them
    # in Mercado Pago, the fresh ledger does not know them.
    open_sales: tuple[str, ...] = ()


def diagnose(path: Path) -> str | None:
    """What is wrong with the ledger at ``path`` (``None``: whole, or not there yet).

    Read-only: the damaged file is never written to."""
    if not path.exists():
        return None
    try:
        conn = read_only(path)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        return quick_check(conn)
    except sqlite3.Error as exc:
        return str(exc) if is_damage(exc) else None
    finally:
        conn.close()


def start_fresh(path: Path) -> Recovered:
    """Keep the damaged ledger aside and start an empty one in its place."""
    with _till_closed(path):
        _require_damage(path)
        waiting = _open_sales(path)
        kept = set_aside(path)
        Ledger(path, exclusive=False).close()  # creates the fresh ledger now, to be sure
    log.warning("ledger %s was damaged: kept as %s; a fresh ledger was started", path, kept[0])
    return Recovered(kept, open_sales=waiting)


def restore(path: Path, backup: Path) -> Recovered:
    """Keep the damaged ledger aside and put a copy of ``backup`` (checked first) in its place."""
    return put_back(path, backup, damaged=True)


def put_back(path: Path, backup: Path, *, damaged: bool) -> Recovered:
    """Put a copy of ``backup`` (checked first) in place of the ledger at ``path``, which is kept
    aside (``.damaged-<time>`` or, ``damaged=False``, ``.replaced-<time>``). ``damaged=True``
    refuses a ledger that is whole; ``False`` takes either, or none at all (a lost file).

    Refused while the app (or a command) holds the ledger: it takes the same instance lock."""
    backup = backup.expanduser()
    if path.exists() and backup.resolve() == path.resolve():
        raise _not_a_backup(backup, "it is the ledger itself")
    problem = backup_problem(backup)
    if problem is not None:
        raise _not_a_backup(backup, problem)
    with _till_closed(path):
        if damaged:
            _require_damage(path)
        waiting = _open_sales(path) if path.exists() else ()
        kept = set_aside(path, "damaged" if damaged else "replaced")
        source = read_only(backup)
        try:
            target = sqlite3.connect(path)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
        # Brings an older backup to the current schema; the backup was checked just above.
        restored = Ledger(path, exclusive=False, checked=True)
        try:
            # The ids the backup hands out next were used by the file it replaces, and those
            # rows may be in the store database already: a new identity keeps them apart.
            restored.new_identity()
        finally:
            restored.close()
    log.warning(
        "ledger %s %s: kept as %s; restored from %s",
        path,
        "was damaged" if damaged else "replaced",
        kept[0] if kept else "(there was none)",
        backup,
    )
    return Recovered(kept, restored_from=backup, open_sales=waiting)


def set_aside(path: Path, label: str = "damaged") -> tuple[Path, ...]:
    """Rename the ledger and its companions to ``<name>.<label>-<time>[-wal|-shm]``."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    base = f"{path.name}.{label}-{stamp}"
    n = 1
    while any(path.with_name(base + c).exists() for c in COMPANIONS):
        n += 1
        base = f"{path.name}.{label}-{stamp}-{n}"
    kept = []
    for companion in COMPANIONS:
        source = path.with_name(path.name + companion)
        if source.exists():
            target = path.with_name(base + companion)
            source.rename(target)
            kept.append(target)
    return tuple(kept)


# -- helpers ------------------------------------------------------------------------------------
def read_only(path: Path) -> sqlite3.Connection:
    # mode=ro: SQLite never writes to it (no checkpoint, no journal recovery into it).
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.execute("PRAGMA busy_timeout=3000")
    return conn


@contextlib.contextmanager
def _till_closed(path: Path) -> Iterator[None]:
    lock = InstanceLock(path.with_name(path.name + ".lock"))
    lock.acquire()  # AlreadyRunningError when the cashier window (or a command) has it open
    try:
        yield
    finally:
        lock.release()


def _require_damage(path: Path) -> None:
    if diagnose(path) is None:
        raise RecoveryError(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "Ledger",
                    "The sales ledger {path} is not damaged: nothing to recover, nothing changed.",
                ),
                path=str(path),
            )
        )


def backup_problem(backup: Path) -> str | None:
    """Why ``backup`` cannot be restored (``None``: a whole sales ledger). Read-only."""
    if not backup.is_file():
        # A folder, a FIFO or a device is not "missing": say what it is (nothing is opened).
        return "not a file (a folder, a device or a pipe)" if backup.exists() else "no such file"
    try:
        conn = read_only(backup)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        problem = quick_check(conn)
        if problem is not None:
            return f"it is damaged too ({problem})"
        conn.execute("SELECT COUNT(*) FROM sales").fetchone()
        conn.execute("SELECT COUNT(*) FROM sale_events").fetchone()
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if version > len(MIGRATIONS) and tables >= _LEDGER_TABLES:  # a real one, from later
            return (
                f"a newer version of pos-app made it (ledger version {version}; this one knows "
                f"up to {len(MIGRATIONS)}): restore it with that version or a later one"
            )
        if not 1 <= version <= len(MIGRATIONS):
            # 0: any SQLite file with tables of those names; above: a schema this release
            # does not know. Either was put in place, and every command then failed.
            return f"not a sales ledger this version knows (schema {version})"
        return _trial_open(conn)
    except sqlite3.Error as exc:
        return f"not a sales ledger ({exc})"
    finally:
        conn.close()


# The tables every ledger of this release has: a file with all of them and a later schema
# version is a newer release's ledger, not merely a file that looks like one.
_LEDGER_TABLES = frozenset({"sales", "sale_events", "sale_lines", "catalog", "refunds", "closes"})


def _trial_open(conn: sqlite3.Connection) -> str | None:
    """Open a copy of the backup as the till would (its schema brought up to date) and read
    it: a file with the right table names but not their columns fails here, before the ledger
    it would replace is touched."""
    import tempfile  # only when restoring: not for the commands that open the ledger (issue 19)

    with tempfile.TemporaryDirectory(prefix="pos-app-restore-") as scratch:
        trial_path = Path(scratch) / "trial.sqlite3"
        trial = sqlite3.connect(trial_path)
        try:
            conn.backup(trial)
        finally:
            trial.close()
        try:
            ledger = Ledger(trial_path, exclusive=False, checked=True)  # checked by the caller
        except (sqlite3.Error, UserFacingError) as exc:
            return f"not a sales ledger ({getattr(exc, 'msg', exc)})"
        try:
            ledger.all_sales(limit=1)
            ledger.catalog.count()
            ledger.new_identity()
        except (sqlite3.Error, UserFacingError) as exc:
            return f"not a sales ledger ({getattr(exc, 'msg', exc)})"
        finally:
            ledger.close()
    return None


def _not_a_backup(backup: Path, why: str) -> RecoveryError:
    return RecoveryError(
        message(
            CTX,
            QT_TRANSLATE_NOOP(
                "Ledger",
                "{file} cannot be restored: {why}. Nothing was changed.",
            ),
            file=str(backup),
            why=why,
        )
    )


def _open_sales(path: Path) -> tuple[str, ...]:
    """References the damaged ledger can still show as waiting for payment (best effort: the
    status index, then the table itself, then the table in small ranges of rows, skipping the
    ranges whose pages are damaged)."""
    try:
        conn = read_only(path)
    except sqlite3.Error:
        return ()
    statuses = [s.value for s in OPEN]
    marks = ",".join("?" for _ in OPEN)
    try:
        for source in ("sales", "sales NOT INDEXED"):
            with contextlib.suppress(sqlite3.Error):
                rows = conn.execute(
                    f"SELECT external_reference FROM {source} WHERE status IN ({marks}) "
                    "ORDER BY id",
                    statuses,
                ).fetchall()
                return tuple(str(r[0]) for r in rows)
        try:
            top = int(conn.execute("SELECT MAX(id) FROM sales").fetchone()[0] or 0)
        except sqlite3.Error:
            return ()
        found: list[str] = []
        step = 20
        for first in range(1, min(top, 1_000_000) + 1, step):
            with contextlib.suppress(sqlite3.Error):
                rows = conn.execute(
                    f"SELECT external_reference FROM sales NOT INDEXED WHERE id BETWEEN ? AND ? "
                    f"AND status IN ({marks}) ORDER BY id",
                    [first, first + step - 1, *statuses],
                ).fetchall()
                found.extend(str(r[0]) for r in rows)
        return tuple(found)
    finally:
        conn.close()


__all__ = [
    "LedgerDamagedError",
    "LedgerError",
    "Recovered",
    "RecoveryError",
    "backup_problem",
    "diagnose",
    "put_back",
    "read_only",
    "restore",
    "set_aside",
    "start_fresh",
]
