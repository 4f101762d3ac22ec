"""A file the user named, made by Qt (a PDF, a PNG) and written as every such file is.

Qt's writers (``QPdfWriter``, ``QImage.save``) open the path themselves: onto a FIFO they waited
for a reader on the window's thread (the window froze, forever with no reader), onto a device
they wrote into it, and a failure half-way left half a file. Here they write into memory and
:func:`pos_app.system.files.write_user_file` writes the file: whole or not at all, never onto a
folder, a FIFO or a device (:class:`~pos_app.system.files.NotAFileError`, an ``OSError``).
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice

from pos_app.system.files import output_target, write_user_file


def save_through_memory(path: Path, make: Callable[[QBuffer], object]) -> Path:
    """``make`` writes the file's content into the buffer it is given (a ``QPdfWriter`` on it,
    gone when ``make`` returns, or ``QImage.save(buffer, ...)``); ``OSError`` when it made
    nothing or the file cannot be written. The target is checked before anything is made."""
    output_target(path)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    make(buffer)
    buffer.close()
    content = bytes(buffer.data().data())
    if not content:  # Qt reports no error of its own
        raise OSError(errno.EIO, f"cannot write {path}", str(path))
    return write_user_file(path, content)
