"""A file the user named, made by Qt (a PDF, a PNG) and written as every such file is.

Qt's writers (``QPdfWriter``, ``QImage.save``) open the path themselves: onto a FIFO they waited
for a reader on the window's thread (the window froze, forever with no reader), onto a device
they wrote into it, and a failure half-way left half a file. Here they write into memory and
:func:`pos_app.system.files.write_user_file` writes the file: whole or not at all, never onto a
folder, a FIFO or a device (:class:`~pos_app.system.files.NotAFileError`, an ``OSError``).

From the window, :func:`save_in_background`: the target is looked at and the file written on a
worker thread, only Qt's painting into memory stays on the window's thread. Written there, a USB
stick that takes seconds or a network share that does not answer froze the whole window (no
repaint, a payment's status stopped mid-charge). The command line calls
:func:`save_through_memory`, which does it all at once.
"""

from __future__ import annotations

import errno
import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QIODevice, QObject, Qt

from pos_app.system.files import output_target, write_user_file

if TYPE_CHECKING:
    import asyncio
    import concurrent.futures

    from PySide6.QtWidgets import QLabel

log = logging.getLogger(__name__)

NARROWEST_PATH = 320  # px: a label not shown yet (its width unknown) still shows a useful stretch

Make = Callable[[QBuffer], object]

WRITERS = 4  # threads: a share that hangs holds one; a save elsewhere still goes on
_pool: concurrent.futures.ThreadPoolExecutor | None = None
_under_way: set[asyncio.Task[Path]] = set()


def made_in_memory(path: Path, make: Make) -> bytes:
    """What ``make`` writes into a buffer (a ``QPdfWriter`` on it, gone when ``make`` returns,
    or ``QImage.save(buffer, ...)``): Qt's painting, on the window's thread. ``OSError`` (of
    ``path``) when it made nothing."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    make(buffer)
    buffer.close()
    content = bytes(buffer.data().data())
    if not content:  # Qt reports no error of its own
        raise OSError(errno.EIO, f"cannot write {path}", str(path))
    return content


def save_through_memory(path: Path, make: Make) -> Path:
    """Here and now (the command line): the target checked before anything is made, then
    :func:`made_in_memory` written whole; ``OSError`` when it made nothing or the file cannot
    be written."""
    output_target(path)
    return write_user_file(path, made_in_memory(path, make))


def _writer() -> concurrent.futures.ThreadPoolExecutor:
    """Threads of their own: a hung write never holds the threads that other work (the keyring,
    a printer's bytes) waits for, nor quitting (Python joins them at exit: the window waits for
    the saves under way first, :func:`saves_under_way`)."""
    global _pool
    if _pool is None:
        import concurrent.futures

        _pool = concurrent.futures.ThreadPoolExecutor(WRITERS, thread_name_prefix="user-file")
    return _pool


async def _save(path: Path, make: Make) -> Path:
    import asyncio

    loop = asyncio.get_running_loop()
    # The target first, before anything is made: a folder, a FIFO, a device, a folder that is
    # not there (its stat on a share that does not answer waits here, not in the window).
    await loop.run_in_executor(_writer(), output_target, path)
    content = made_in_memory(path, make)
    return await loop.run_in_executor(_writer(), write_user_file, path, content)


def save_in_background(
    owner: QObject,
    path: Path,
    make: Make,
    *,
    saved: Callable[[Path], object],
    failed: Callable[[OSError], object],
) -> asyncio.Task[Path]:
    """Save ``path`` as :func:`save_through_memory` does, its disk work on a worker thread: the
    window keeps running meanwhile. ``make`` runs on the window's thread a turn or more later:
    it must use what it was given, not read the widgets again. Then ``saved(path)`` or
    ``failed(OSError)`` on the window's thread, if ``owner`` still exists (closed and deleted
    meanwhile: the log says it). Never canceled with its owner's calls: a save the cashier asked
    for is finished, written or refused, whoever closed what (:func:`saves_under_way`)."""
    import asyncio

    task = asyncio.ensure_future(_save(path, make))
    task.set_name(f"save {path.name}")
    _under_way.add(task)
    task.add_done_callback(functools.partial(_settled, owner, path, saved, failed))
    return task


def _settled(
    owner: QObject,
    path: Path,
    saved: Callable[[Path], object],
    failed: Callable[[OSError], object],
    task: asyncio.Task[Path],
) -> None:
    _under_way.discard(task)
    if task.cancelled():  # the loop itself shut down
        log.warning("%s not saved: the save was canceled", path)
        return
    exc = task.exception()
    if exc is not None and not isinstance(exc, OSError):
        log.error("%s not saved", path, exc_info=exc)
        exc = OSError(errno.EIO, str(exc) or type(exc).__name__, str(path))
    import shiboken6

    gone = not shiboken6.isValid(owner)
    if isinstance(exc, OSError):
        # Said where the owner shows it too; in the log always: closed meanwhile, nobody sees it.
        log.warning("%s not saved: %s", path, exc)
        if not gone:
            failed(exc)
        return
    if gone:
        log.info("%s saved (its window had closed)", path)
        return
    saved(path)


def saves_under_way() -> list[asyncio.Task[Path]]:
    """The saves not ended yet: quitting waits for them (a file the cashier asked for, half
    made when the loop stopped, was never written, nothing said)."""
    return [task for task in _under_way if not task.done()]


def show_saved_path(label: QLabel, text: str, path: Path) -> None:
    """``text`` (a translated sentence holding ``{path}``) with the path fitted to one line of
    the label: the file's name whole, its folder shortened in the middle (a deep folder wrapped
    "Saved as ..." over three lines and pushed the dialog's buttons down). The whole path is
    the label's tooltip."""
    metrics = label.fontMetrics()
    # Its own line's width (the sentence's words wrap around it), less the full stop's.
    width = label.width() if label.isVisible() else max(label.width(), NARROWEST_PATH)
    width -= metrics.horizontalAdvance("..")
    whole = str(path)
    name = path.name
    folder = whole[: len(whole) - len(name)]  # with its trailing separator
    room = width - metrics.horizontalAdvance(name)
    if name and folder and room > metrics.horizontalAdvance("/…/"):
        # The file's name whole (what the cashier looks for), its folder shortened.
        shown = metrics.elidedText(folder, Qt.TextElideMode.ElideMiddle, room) + name
    else:
        shown = metrics.elidedText(whole, Qt.TextElideMode.ElideMiddle, width)
    label.setText(text.format(path=shown))
    label.setToolTip(str(path))
