"""The one place where an exception becomes something the cashier reads.

A :class:`~pos_app.errors.UserFacingError` carries a translatable message and is shown as is.
Anything else is a bug: it is logged with its traceback and shown as a generic failure, and the
app keeps running (Anki's ``aqt/errors.py`` idea). Dialogs are non-modal and opened with
``open()``: ``exec()`` inside a coroutine would start a nested event loop and break qasync.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from pos_app.errors import UserFacingError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox  # imported by show_error (start-up, issue 19)

    from pos_app.i18n import Message  # its dataclasses after the first frame (issue 19)

log = logging.getLogger(__name__)


def translate_message(msg: Message) -> str:
    """Render a domain message through Qt's translator, in the message's own context."""
    return msg.render(
        lambda context, source: QCoreApplication.translate(context, source), screen=True
    )


def file_error_text(exc: OSError) -> str:
    """Why a file the user named could not be written or read: a folder, a FIFO or a device in
    the cashier's language (:class:`~pos_app.system.files.NotAFileError`), else the system's
    words ("No space left on device")."""
    from pos_app.system.files import NotAFileError

    if isinstance(exc, NotAFileError):
        return translate_message(exc.msg)
    return exc.strerror or str(exc)


def describe_error(exc: BaseException) -> str:
    """What the cashier reads for ``exc``; unexpected errors get a generic sentence."""
    if isinstance(exc, UserFacingError):
        return translate_message(exc.msg)
    return QCoreApplication.translate(
        "Errors",
        "Something went wrong inside the app. Nothing was charged twice; the details were "
        "written to the log. You can keep working.",
    )


def show_error(parent: QWidget | None, exc: BaseException, *, title: str = "") -> QMessageBox:
    """Show ``exc`` in a non-modal box; log it with its traceback when it is unexpected."""
    if not isinstance(exc, UserFacingError):
        log.error("unexpected error shown to the cashier", exc_info=exc)
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setObjectName("errorBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or QCoreApplication.translate("Errors", "Could not do that"))
    box.setText(describe_error(exc))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    # The box deletes itself when closed, so nothing accumulates over a long day.
    box.finished.connect(box.deleteLater)
    box.open()
    return box
