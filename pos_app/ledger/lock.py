"""One cashier process per data directory (and so per box).

Two processes tracking the same sales would race each other's transitions and both talk to the
box. An exclusive ``flock`` on a file beside the ledger is released by the kernel when the
process dies, even on SIGKILL, so a crash never leaves a stale lock behind.
"""

from __future__ import annotations

import os
from pathlib import Path

from pos_app.errors import UserFacingError
from pos_app.i18n import QT_TRANSLATE_NOOP, message

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

CTX = "Ledger"


class AlreadyRunningError(UserFacingError):
    pass


class InstanceLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
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
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
