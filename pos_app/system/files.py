"""Private folders and files, and a rename that survives Windows' sharing violations.

On POSIX the data folder is made 0700 and the ledger, its lock and the config file 0600, and a
config file that others may read or write is tightened (with a warning). On Windows the mode bits
mean nothing beyond "read-only": the files live in the user's profile (``%LOCALAPPDATA%``), which
only that user (and administrators) can open, so nothing is changed there and nothing fails.
"""

from __future__ import annotations

import logging
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path

from pos_app import system

log = logging.getLogger(__name__)

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600

# ``os.replace`` onto a file another process holds open (an antivirus scanning it, a backup
# tool, Explorer's preview) fails on Windows with PermissionError for a moment: try again.
REPLACE_DELAYS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.4, 0.8)  # ~1.6 s in all, then give up


def _mode_matters() -> bool:
    return not system.windows()


def private_dir(path: Path, *, ours: bool = True) -> Path:
    """Create ``path`` (and its parents) 0700 where modes exist.

    An existing folder is tightened only when it is ``ours`` (the app's own folder under the
    platform's data or config folder): a folder someone chose (``POS_APP_HOME=/srv/shop``, or
    ``/tmp``) keeps the mode it was given.
    """
    existed = path.is_dir()
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    if _mode_matters() and (ours or not existed):
        _tighten(path, PRIVATE_DIR)
    return path


def private_file(path: Path) -> None:
    """Create ``path`` empty if missing, 0600 where modes exist (before SQLite opens it).

    Never raises: when the file cannot be made, whoever opens it next reports why.
    """
    try:
        os.close(os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    except FileExistsError:
        pass
    except OSError as exc:
        log.info("cannot create %s: %s", path, exc)
        return
    if _mode_matters():
        _tighten(path, PRIVATE_FILE)


def too_open(path: Path) -> bool:
    """Whether others than the owner may read or write ``path`` (never on Windows)."""
    if not _mode_matters():
        return False
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return bool(mode & (stat.S_IRWXG | stat.S_IRWXO))


def tighten_private_file(path: Path) -> bool:
    """Make a too-open ``path`` 0600 with a warning; True when it had to be changed."""
    if not too_open(path):
        return False
    before = stat.S_IMODE(path.stat().st_mode)
    if not _tighten(path, PRIVATE_FILE):
        log.warning("%s is open to other users (mode %o) and cannot be changed", path, before)
        return False
    log.warning("%s could be read by other users (mode %o): changed to 0600", path, before)
    return True


def _tighten(path: Path, mode: int) -> bool:
    """``chmod`` that never raises (a folder the user does not own, a filesystem without modes)."""
    try:
        if stat.S_IMODE(path.stat().st_mode) & ~mode:
            os.chmod(path, mode)
        return True
    except OSError as exc:
        log.info("cannot set mode %o on %s: %s", mode, path, exc)
        return False


def chmod_fd(fd: int, mode: int) -> None:
    """``os.fchmod`` where it exists (not on Windows before Python 3.13); else nothing."""
    if not _mode_matters():
        return
    fchmod = getattr(os, "fchmod", None)
    if fchmod is not None:
        fchmod(fd, mode)


def replace_with_retry(
    source: Path | str,
    target: Path | str,
    *,
    delays: tuple[float, ...] = REPLACE_DELAYS,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """``os.replace``, retried with backoff on Windows while the target is held open.

    On POSIX a rename never meets a sharing violation: a PermissionError there is lasting (a
    read-only folder) and is raised at once.
    """
    for delay in (*delays, None):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if delay is None or not system.windows():
                raise
            log.info("%s is in use by another program; retrying in %.2f s", target, delay)
            sleep(delay)


# Filesystems where SQLite's WAL (a shared-memory index beside the ledger) is not safe.
_NETWORK_FS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "fuse.sshfs"}
_DRIVE_REMOTE = 4  # GetDriveTypeW


def network_location(path: Path | str) -> str | None:
    """The network share holding ``path`` (best effort), or None for a local disk.

    Windows: a UNC path (``\\\\server\\share\\...``) or a drive letter mapped to a share
    (``GetDriveTypeW``). Linux: the mount's filesystem type in ``/proc/mounts`` (NFS, SMB/CIFS).
    """
    text = str(path)
    if system.windows():
        norm = text.replace("/", "\\")
        for prefix in ("\\\\?\\UNC\\", "\\\\.\\UNC\\"):
            if norm.upper().startswith(prefix):
                norm = "\\\\" + norm[len(prefix) :]
        if norm.startswith(("\\\\?\\", "\\\\.\\")):
            norm = norm[4:]  # an extended-length local path: \\?\C:\...
        if norm.startswith("\\\\"):
            server, _, rest = norm[2:].partition("\\")
            return "\\\\" + server + "\\" + rest.partition("\\")[0]
        if norm[1:2] == ":" and _drive_type(norm[:2] + "\\") == _DRIVE_REMOTE:
            return norm[:2]
        return None
    return _posix_network_mount(Path(text))


def _drive_type(root: str) -> int:
    import ctypes

    windll = getattr(ctypes, "windll", None)
    if windll is None:  # not Windows after all (the simulation tests)
        return 0
    return int(windll.kernel32.GetDriveTypeW(root))


def _posix_network_mount(path: Path, mounts: Path = Path("/proc/mounts")) -> str | None:
    try:
        table = mounts.read_text(encoding="utf-8", errors="replace").splitlines()
        target = str(path.resolve())
    except OSError:
        return None
    best: tuple[int, str, str] | None = None
    for line in table:
        fields = line.split()
        if len(fields) < 3:
            continue
        source, point, kind = fields[0], fields[1].replace("\\040", " "), fields[2]
        # Plain strings: /proc/mounts holds absolute, normalised paths, and ``target`` is
        # resolved (Path objects for every mount made a ledger's opening 0.5 ms slower).
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) > best[0]):
            best = (len(point), source, kind)
    if best is not None and best[2] in _NETWORK_FS:
        return best[1]
    return None
