"""Private folders and files, and a rename that survives Windows' sharing violations.

On POSIX the data folder is made 0700 and the ledger, its lock and the config file 0600, and a
config file that others may read or write is tightened (with a warning). On Windows the mode bits
mean nothing beyond "read-only": the files live in the user's profile (``%LOCALAPPDATA%``), which
only that user (and administrators) can open, so nothing is changed there and nothing fails.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from pos_app import system
from pos_app.i18n_base import QT_TRANSLATE_NOOP

if TYPE_CHECKING:  # dataclasses and tempfile only when a file is written (start-up, issue 19)
    from pos_app.i18n import Message

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


# == files the user names (an export, a support file, a receipt's PDF, an import) ==============
class NotAFileError(OSError):
    """A file the user named cannot be written or read as a file: a folder, a FIFO, a device,
    a socket, or (to write) a folder that is not there. ``msg`` is the reason to show,
    translatable; ``strerror`` its English text (an ``OSError``: every caller that reports a
    file it could not write or read reports this one too)."""

    def __init__(self, code: int, msg: Message, path: Path | str) -> None:
        super().__init__(code, str(msg), str(path))
        self.msg = msg


def _message(source: str, **params: object) -> Message:
    from pos_app.i18n import message

    return message("Files", source, **params)


def _not_a_file(path: Path, mode: int) -> NotAFileError:
    if stat.S_ISDIR(mode):
        return NotAFileError(
            errno.EISDIR,
            _message(QT_TRANSLATE_NOOP("Files", "it is a folder, not a file: give a file name")),
            path,
        )
    # A FIFO (writing to one waits, forever with no reader), a device such as /dev/full (a
    # rename onto it replaced the device node, as root), a socket: never a file.
    return NotAFileError(
        errno.EINVAL,
        _message(
            QT_TRANSLATE_NOOP("Files", "it is a device or a pipe, not a file: give a file name")
        ),
        path,
    )


def output_target(path: Path) -> Path:
    """The file that writing the user-named ``path`` replaces: ``path`` itself, or the file a
    symbolic link at ``path`` leads to (the link stays and names the new file: renaming onto
    the link replaced it with a copy, leaving the file it named behind unchanged).

    Raises :class:`NotAFileError` for a folder, a FIFO, a device or a socket (nothing is opened:
    opening a FIFO to write waits for a reader), and for a folder that is not there (a USB
    stick not plugged in, a typo: never created)."""
    target = path.expanduser()
    if target.is_symlink():
        try:
            target = target.resolve(strict=False)
        except (OSError, RuntimeError):  # a loop of links
            raise NotAFileError(
                errno.ELOOP,
                _message(QT_TRANSLATE_NOOP("Files", "a link that leads to itself")),
                path,
            ) from None
    try:
        mode = os.stat(target).st_mode
    except (FileNotFoundError, NotADirectoryError):
        folder = target.parent
        if not folder.is_dir():
            raise NotAFileError(
                errno.ENOENT,
                _message(
                    QT_TRANSLATE_NOOP("Files", "the folder {folder} is not there"),
                    folder=str(folder),
                ),
                path,
            ) from None
        return target
    if not stat.S_ISREG(mode):
        raise _not_a_file(path, mode)
    return target


def _umask() -> int:
    """The process's umask, read without setting it (``os.umask`` sets it for every thread)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def replace_file(target: Path, write: Callable[[BinaryIO], object], *, mode: int) -> None:
    """Write ``target`` whole or not at all: ``write`` fills a temporary file beside it, which
    is synced and renamed over ``target`` (retried while Windows reports it in use). A failure
    (a full disk, a write that raised) leaves ``target`` as it was and no temporary file."""
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(
            prefix="." + target.name[:100] + "-", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:  # a read-only folder: said of the file asked for, not of the temporary
        raise OSError(exc.errno, exc.strerror, str(target)) from exc
    try:
        chmod_fd(fd, mode)  # mkstemp makes 0600
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        replace_with_retry(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_user_file(path: Path, write: Callable[[BinaryIO], object] | bytes) -> Path:
    """Write a file the user named (an export, a PDF, a support file), whole or not at all:
    :func:`output_target` first (a folder, a FIFO, a device or a missing folder raise
    :class:`NotAFileError`, nothing written), then :func:`replace_file`. An existing file keeps
    its mode; a new one gets what the umask allows. Returns the file written."""
    target = output_target(path)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    else:
        # A read-only file stays so: opening it to write was refused, a rename over it is not.
        if not os.access(target, os.W_OK):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
    fill = (lambda handle: handle.write(write)) if isinstance(write, bytes) else write
    replace_file(target, fill, mode=mode)
    return target


def open_user_file(path: Path) -> BinaryIO:
    """A file the user named, opened to read: :class:`NotAFileError` for a folder, a FIFO, a
    device or a socket. Opened without waiting (a FIFO's open waits for a writer, forever) and
    then checked, so a name swapped for a FIFO in between is refused too."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise _not_a_file(path, stat.S_IFDIR) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _not_a_file(path, mode)
        if flags & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


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
