"""Backups of the sales ledger: consistent copies made with SQLite's backup API, with retention.

A backup is never a file copy of the live database (a copy taken between two writes of a
transaction, or without the ``-wal`` file, is a damaged or stale ledger). :func:`make_backup`
opens the ledger read-only and copies every page in one step of the backup API, which reads one
consistent snapshot while the till keeps writing (WAL). The copy is written under a temporary
name in the backup folder, checked with ``PRAGMA quick_check`` and only then renamed to
``ledger-YYYYmmdd-HHMMSS.sqlite3``; the oldest backups beyond ``keep`` are then deleted.

When: on demand (``pos-app backup``, Settings → Backups → Back up now), once a day
(:func:`daily_backup`: at start-up and when the date changes, skipped when today's exists), and
at the day's close: a close calls :func:`backup_at_close`.

A missing backup folder (a USB stick not plugged in), a full or read-only one raises
:class:`BackupError`, a message for the cashier; callers report it and keep selling.

Restoring is :func:`restore_backup`: the same code as the damaged-ledger recovery
(:func:`pos_app.ledger.recovery.put_back`): refused while the app runs, the backup checked
first, the replaced ledger kept as ``ledger.sqlite3.replaced-<time>``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from pos_app.errors import UserFacingError
from pos_app.i18n import QT_TRANSLATE_NOOP, message
from pos_app.ledger import recovery
from pos_app.ledger.store import quick_check
from pos_app.system.files import private_file

log = logging.getLogger(__name__)
CTX = "Backup"
DEFAULT_KEEP = 14
PREFIX = "ledger-"
SUFFIX = ".sqlite3"
_NAME = re.compile(r"^ledger-(\d{8})-(\d{6})(?:-(\d+))?\.sqlite3$")


class BackupError(UserFacingError):
    """No backup could be made (the folder is missing, full or read-only)."""


@dataclass(frozen=True)
class BackupMade:
    path: Path
    size: int  # bytes
    seconds: float
    removed: tuple[Path, ...] = ()  # older backups deleted by the retention


def backups(folder: Path) -> list[Path]:
    """The backups in ``folder``, newest first (by the time in their names)."""
    try:
        found = [p for p in folder.iterdir() if _NAME.match(p.name) and p.is_file()]
    except OSError:
        return []
    return sorted(found, key=_age_key, reverse=True)


def _age_key(path: Path) -> tuple[str, str, int]:
    match = _NAME.match(path.name)
    assert match is not None
    return match.group(1), match.group(2), int(match.group(3) or 1)


def backup_day(path: Path) -> date | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        return datetime.strptime(match.group(1), "%Y%m%d").date()
    except ValueError:
        return None


def make_backup(
    ledger: Path,
    folder: Path,
    *,
    keep: int = DEFAULT_KEEP,
    now: datetime | None = None,
    check_copy: bool = True,
) -> BackupMade:
    """Copy the ledger into ``folder`` (which must exist) and apply the retention.

    ``check_copy=False``: the caller checked the ledger whole (``PRAGMA quick_check``) moments
    ago and has held its lock since (``pos-app close``), so the copy, made page for page with
    the backup API, is of pages just checked; its own check read them all again (~0.6 s for a
    busy shop's year)."""
    started = time.monotonic()
    now = now or datetime.now()
    if folder.exists() and not folder.is_dir():  # a file, a FIFO, a device: never written to
        raise _error(
            QT_TRANSLATE_NOOP(
                "Backup",
                "{folder} is not a folder: choose a folder for the backups. No backup was made; "
                "the sales are safe in the ledger.",
            ),
            folder,
            "",
        )
    if not folder.is_dir():
        raise _error(
            QT_TRANSLATE_NOOP(
                "Backup",
                "The backup folder {folder} is not there (a USB stick not plugged in?). "
                "No backup was made; the sales are safe in the ledger.",
            ),
            folder,
            "",
        )
    if not ledger.is_file():
        raise _error(
            QT_TRANSLATE_NOOP("Backup", "There is no sales ledger to back up yet ({detail})."),
            folder,
            str(ledger),
        )
    target = _free_name(folder, now)
    partial = target.with_name("." + target.name + ".partial")
    try:
        private_file(partial)  # 0600 like the ledger: it holds the same sales
        source = recovery.read_only(ledger)
        try:
            copy = sqlite3.connect(partial)
            try:
                source.backup(copy)  # every page in one step: one consistent snapshot
                problem = quick_check(copy) if check_copy else None
            finally:
                copy.close()
        finally:
            source.close()
        if problem is not None:
            raise sqlite3.DatabaseError(f"the copy does not read back whole: {problem}")
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        log.warning("backup of %s to %s failed: %s", ledger, folder, exc)
        damage = recovery.diagnose(ledger) if isinstance(exc, sqlite3.Error) else None
        if damage is not None:  # the copy of a damaged ledger would be damaged too
            raise _error(
                QT_TRANSLATE_NOOP(
                    "Backup",
                    "The sales ledger is damaged ({detail}), so no backup was made (an older "
                    "backup is worth more now). Run 'pos-app ledger recover'.",
                ),
                folder,
                damage,
            ) from None
        raise _error(
            QT_TRANSLATE_NOOP(
                "Backup",
                "No backup could be made in {folder} ({detail}). Is it full or read-only? "
                "The sales are safe in the ledger.",
            ),
            folder,
            str(exc),
        ) from None
    removed = () if _clock_behind(folder, target) else apply_retention(folder, keep)
    made = BackupMade(target, target.stat().st_size, time.monotonic() - started, removed)
    log.info("ledger backed up to %s (%d bytes, %.2f s)", target, made.size, made.seconds)
    return made


def _clock_behind(folder: Path, made: Path) -> bool:
    """Whether a backup in ``folder`` is named later than the one just ``made``: the clock went
    back (a flat CMOS battery, a hand "fix"). The names' order then says nothing about age, and
    the retention would delete the newest copy of the sales first (the one just made, named
    as the oldest): nothing is deleted until the clock is right again."""
    newest = backups(folder)
    if not newest or newest[0] == made:
        return False
    log.warning(
        "the clock reads %s, but the backup %s is named later: check the computer's date and "
        "time; no old backup is deleted meanwhile",
        made.name,
        newest[0].name,
    )
    return True


def apply_retention(folder: Path, keep: int) -> tuple[Path, ...]:
    """Delete the oldest backups beyond the ``keep`` newest (at least one is always kept)."""
    removed = []
    for old in backups(folder)[max(keep, 1) :]:
        try:
            old.unlink()
            removed.append(old)
        except OSError as exc:
            log.warning("could not delete the old backup %s: %s", old, exc)
    return tuple(removed)


def daily_backup(
    ledger: Path, folder: Path, *, keep: int = DEFAULT_KEEP, now: datetime | None = None
) -> BackupMade | None:
    """Today's backup, unless ``folder`` already has one from today (``None``)."""
    now = now or datetime.now()
    # Any of today's, not only the newest: with the clock set back the newest is named later.
    if any(backup_day(p) == now.date() for p in backups(folder)):
        return None
    return make_backup(ledger, folder, keep=keep, now=now)


def backup_at_close(
    ledger: Path, folder: Path, *, keep: int = DEFAULT_KEEP, check_copy: bool = True
) -> BackupMade:
    """The backup a day's close makes (always a new one, after the close is recorded);
    ``check_copy``: see :func:`make_backup`."""
    return make_backup(ledger, folder, keep=keep, check_copy=check_copy)


def restore_backup(ledger: Path, backup: Path) -> recovery.Recovered:
    """Put ``backup`` in place of the ledger (whole, damaged or missing), keeping it aside."""
    return recovery.put_back(ledger, backup, damaged=False)


def _free_name(folder: Path, now: datetime) -> Path:
    """``ledger-<time>.sqlite3``, or ``-2``, ``-3``... after the last one made in that second
    (never a gap the retention left: the new backup must sort as the newest)."""
    stem = f"{PREFIX}{now:%Y%m%d-%H%M%S}"
    same = [_age_key(p)[2] for p in backups(folder) if p.name.startswith(stem)]
    n = max(same, default=0) + 1
    target = folder / (f"{stem}{SUFFIX}" if n == 1 else f"{stem}-{n}{SUFFIX}")
    while target.exists():  # something else by that name: not a backup of ours
        n += 1
        target = folder / f"{stem}-{n}{SUFFIX}"
    return target


def _error(text: str, folder: Path, detail: str) -> BackupError:
    return BackupError(message(CTX, text, folder=str(folder), detail=detail))
