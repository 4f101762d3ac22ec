"""A stand-in for Windows' ``msvcrt`` module, for the simulation tests on Linux.

``locking`` is backed by ``flock`` on the whole file, which behaves like ``LockFileEx`` where
it matters here: exclusive between processes *and* between two handles of one process, never
blocking with ``LK_NBLCK``, and released by the kernel when the holder dies.
"""

from __future__ import annotations

import errno
import fcntl as _real_fcntl  # captured before the simulation hides ``fcntl``
import os

LK_UNLCK = 0
LK_LOCK = 1
LK_NBLCK = 2
LK_RLCK = 3
LK_NBRLCK = 4

calls: list[tuple[int, int, int]] = []  # (mode, position, nbytes), for the tests to check


def locking(fd: int, mode: int, nbytes: int) -> None:
    position = os.lseek(fd, 0, os.SEEK_CUR)
    calls.append((mode, position, nbytes))
    if mode == LK_UNLCK:
        _real_fcntl.flock(fd, _real_fcntl.LOCK_UN)
        return
    flags = _real_fcntl.LOCK_EX
    if mode in (LK_NBLCK, LK_NBRLCK):
        flags |= _real_fcntl.LOCK_NB
    try:
        _real_fcntl.flock(fd, flags)
    except BlockingIOError:
        # What msvcrt raises for a region another handle holds.
        raise PermissionError(errno.EACCES, "Permission denied") from None
