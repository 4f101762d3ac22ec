"""One cashier process per data directory (and so per box).

Two processes tracking the same sales would race each other's transitions and both talk to the
box. The lock is the operating system's own, on a file beside the ledger: ``flock`` on POSIX,
``msvcrt.locking`` (``LockFileEx`` on one byte) on Windows. Both are released by the system
when the process dies, even on SIGKILL or "End task", so a crash never leaves a stale lock
behind (a PID file would). A system with neither refuses to start rather than run unguarded.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
from pathlib import Path
from types import ModuleType

from pos_app.errors import UserFacingError
from pos_app.i18n import QT_TRANSLATE_NOOP, message
from pos_app.system.files import PRIVATE_FILE, chmod_fd

CTX = "Ledger"


class AlreadyRunningError(UserFacingError):
    pass


def _module(name: str) -> ModuleType | None:
    # Looked up at each use, not at import: the simulation tests take ``fcntl`` away.
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


log = logging.getLogger(__name__)


class InstanceLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._msvcrt: ModuleType | None = None

    def acquire(self) -> None:
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0)  # Windows: no text mode
        fd = os.open(self.path, flags, PRIVATE_FILE)
        try:
            chmod_fd(fd, PRIVATE_FILE)  # a lock file left by an older version may be 0644
            locked = self._lock(fd)
        except BaseException:
            os.close(fd)
            raise
        if not locked:
            os.close(fd)
            raise AlreadyRunningError(
                message(
                    CTX,
                    QT_TRANSLATE_NOOP(
                        "Ledger",
                        "pos-app is already running with this data folder ({folder}). "
                        "Only one cashier program may use a box at a time: switch to "
                        "the open window, or close it first.",
                    ),
                    folder=str(self.path.parent),
                )
            ) from None
        # The PID after the locked byte: on Windows a locked range cannot be written even by
        # its owner's other handles, and nobody should need to read it to know who holds it.
        # A courtesy only: on a full disk it cannot be written, and the lock holds all the same
        # (it raised "No space left on device" out of every command and the window's start).
        try:
            os.lseek(fd, 1, os.SEEK_SET)
            os.write(fd, str(os.getpid()).encode("ascii"))
            os.ftruncate(fd, os.lseek(fd, 0, os.SEEK_CUR))
        except OSError as exc:
            log.warning("cannot write the PID into %s: %s", self.path, exc)
        self._fd = fd

    def _lock(self, fd: int) -> bool:
        """Take the lock without waiting; False when another process holds it."""
        fcntl = _module("fcntl")
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return False
            return True
        msvcrt = _module("msvcrt")
        if msvcrt is not None:
            os.lseek(fd, 0, os.SEEK_SET)
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # byte 0; past the end is allowed
            except OSError:
                return False
            self._msvcrt = msvcrt
            return True
        raise UserFacingError(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "Ledger",
                    "This system offers no file lock (neither flock nor msvcrt), so pos-app "
                    "cannot make sure it is the only cashier program on {folder}.",
                ),
                folder=str(self.path.parent),
            )
        )

    def release(self) -> None:
        if self._fd is not None:
            if self._msvcrt is not None:
                # Closing the handle frees it too, but Windows may take a while to do so.
                os.lseek(self._fd, 0, os.SEEK_SET)
                with contextlib.suppress(OSError):
                    self._msvcrt.locking(self._fd, self._msvcrt.LK_UNLCK, 1)
                self._msvcrt = None
            os.close(self._fd)
            self._fd = None
