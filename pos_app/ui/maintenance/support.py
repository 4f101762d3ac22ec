"""Help → Show logs / Save a support file, and what happens when the window meets a bug.

:func:`catch_crashes` installs ``sys.excepthook`` (PySide6 hands it every exception a slot or
a Qt virtual raises) and the asyncio loop's exception handler (a task nobody awaited, a failed
callback). Either logs the traceback and shows one non-modal dialog — "something went wrong;
the sale is safe" — with *Save a support file…*; the app keeps running. A sale cannot be left
half-recorded by it: every ledger change is one transaction, committed before it is shown.

Nothing here uses ``exec()``: the file dialog is opened with ``open()`` and the support file is
written by a task.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from pos_app.errors import UserFacingError
from pos_app.settings import paths
from pos_app.ui.qtkit.async_utils import TaskKeeper, delete_when_settled
from pos_app.ui.qtkit.errors import file_error_text, show_error

if TYPE_CHECKING:
    # The dialogs' classes are imported when one opens: the window's first frame has the menu,
    # not its dialogs (start-up time, issue 19).
    import asyncio

    from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

    from pos_app.settings.config import Config
    from pos_app.ui.maintenance.about import AboutDialog

log = logging.getLogger(__name__)


class SupportActions(QObject):
    """Show the logs folder; save a support file where the cashier chooses."""

    def __init__(self, window: QWidget, tasks: TaskKeeper) -> None:
        super().__init__(window)
        self.window = window
        self.tasks = tasks
        self.last_saved: Path | None = None
        # Help → About's settings (in memory) and whether this is the demo: the window's.
        self.about_source: Callable[[], tuple[Config | None, bool]] = lambda: (None, False)
        self._about: AboutDialog | None = None

    def add_menu(self, window: QMainWindow) -> QMenu:
        """The Help menu in ``window``'s menu bar, empty: :meth:`fill_menu` adds its entries
        (the counter's window shows the title in its first frame, the entries right after it:
        their QAction, start-up time, issue 19)."""
        return window.menuBar().addMenu(QCoreApplication.translate("Support", "&Help"))

    def fill_menu(self, menu: QMenu, window: QWidget) -> None:
        from PySide6.QtGui import QAction

        show_logs = QAction(QCoreApplication.translate("Support", "Show logs"), window)
        show_logs.setObjectName("showLogsAction")
        show_logs.triggered.connect(lambda _checked=False: self.show_logs())
        save = QAction(QCoreApplication.translate("Support", "Save a support file…"), window)
        save.setObjectName("supportFileAction")
        save.triggered.connect(lambda _checked=False: self.ask_where())
        about = QAction(QCoreApplication.translate("Support", "About…"), window)
        about.setObjectName("aboutAction")
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(lambda _checked=False: self.about())
        menu.addAction(show_logs)
        menu.addAction(save)
        menu.addSeparator()
        menu.addAction(about)

    def about(self) -> AboutDialog:
        """Help → About (one at a time): the facts a support technician asks for."""
        from pos_app.ui.maintenance.about import AboutDialog

        if self._about is not None:
            self._about.raise_()
            self._about.activateWindow()
            return self._about
        config, demo = self.about_source()
        dialog = AboutDialog(config, demo=demo, parent=self.window)
        self._about = dialog
        dialog.finished.connect(lambda _result: self._about_closed(dialog))
        dialog.open()  # never exec(): see the module docstring
        return dialog

    def _about_closed(self, dialog: AboutDialog) -> None:
        if self._about is dialog:
            self._about = None
        # Closed before its facts were read: the reading, canceled, ends first (deleted
        # before, it wrote into the deleted dialog: "Internal C++ object already deleted").
        delete_when_settled(dialog, dialog.tasks.cancel_all())

    def show_logs(self) -> bool:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.logs_dir())))

    def ask_where(self, parent: QWidget | None = None) -> QFileDialog:
        from PySide6.QtCore import QStandardPaths
        from PySide6.QtWidgets import QFileDialog

        from pos_app.cli.support import default_name
        from pos_app.ui.qtkit.folders import existing_folder

        folder = existing_folder(QStandardPaths.StandardLocation.DesktopLocation)
        dialog = QFileDialog(
            parent or self.window, QCoreApplication.translate("Support", "Save a support file")
        )
        dialog.setObjectName("supportFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(QCoreApplication.translate("Support", "Zip files (*.zip)"))
        dialog.setDefaultSuffix("zip")
        dialog.selectFile(str(folder / default_name()))
        dialog.fileSelected.connect(lambda name: self.save(Path(name)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()  # never exec(): see the module docstring
        return dialog

    def save(self, path: Path) -> asyncio.Task[Path | None]:
        return self.tasks.spawn(self._save(path), name="support-file")

    async def _save(self, path: Path) -> Path | None:
        """The zip written on worker threads (:func:`~pos_app.cli.support.write_support_file`:
        a year's ledger is read whole, seconds); meanwhile a box says it is being saved and the
        window keeps selling. Then the path, or why it could not be written, in one line."""
        from pos_app.cli.support import write_support_file
        from pos_app.ui.widgets.form_parts import show_notice

        progress = self._show_progress()
        try:
            saved = await write_support_file(path)
        except OSError as exc:
            # A full or read-only disk, a folder not ours: the cashier's to fix, not a bug.
            log.warning("support file not saved: %s", exc, exc_info=exc)
            self._not_saved(path, exc)
            return None
        finally:
            progress.close()
            progress.deleteLater()
        self.last_saved = saved
        show_notice(
            self.window,
            QCoreApplication.translate(
                "Support",
                "The support file was saved as {file}. Send it to your support technician: it "
                "holds no password or token.",
            ).format(file=str(saved)),
        )
        return saved

    def _show_progress(self) -> QProgressDialog:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QProgressDialog

        progress = QProgressDialog(self.window)
        progress.setObjectName("supportFileProgress")
        progress.setWindowTitle(QCoreApplication.translate("Support", "Save a support file"))
        progress.setLabelText(QCoreApplication.translate("Support", "Saving the support file…"))
        progress.setRange(0, 0)  # busy: how long the ledger's check takes is not known
        progress.setCancelButton(None)  # none: it ends by itself
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setWindowModality(Qt.WindowModality.NonModal)  # the cashier goes on selling
        progress.setMinimumDuration(0)
        progress.show()
        return progress

    def _not_saved(self, path: Path, exc: OSError) -> QMessageBox:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self.window)
        box.setObjectName("errorBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("Support", "Save a support file"))
        box.setText(
            QCoreApplication.translate(
                "Support",
                "The support file could not be saved as {file}: {error}. Free some space or "
                "choose another folder, then try again.",
            ).format(file=str(path), error=file_error_text(exc))
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.finished.connect(box.deleteLater)
        box.open()
        return box


class CrashReporter(QObject):
    """Logs unhandled exceptions and says so in one non-modal dialog at a time."""

    def __init__(self, window: QWidget, support: SupportActions) -> None:
        super().__init__(window)
        self.window = window
        self.support = support
        self.box: QMessageBox | None = None
        self.count = 0

    def excepthook(
        self,
        kind: type[BaseException],
        value: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        if isinstance(value, UserFacingError):
            # Its own words are the useful ones (a damaged amount names its sale and what to
            # do), not "something went wrong".
            log.warning("error in the window: %s", value, exc_info=(kind, value, tb))
            QTimer.singleShot(0, lambda: show_error(self.window, value))
            return
        log.critical("unhandled exception in the window", exc_info=(kind, value, tb))
        self._later()

    def loop_handler(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        text = str(context.get("message") or "unhandled error in the event loop")
        import asyncio

        if isinstance(exc, asyncio.CancelledError):
            return
        if isinstance(exc, UserFacingError):
            log.warning("error in the window: %s", exc, exc_info=exc)
            QTimer.singleShot(0, lambda: show_error(self.window, exc))
            return
        log.critical("%s", text, exc_info=exc if isinstance(exc, BaseException) else None)
        self._later()

    def _later(self) -> None:
        self.count += 1
        # From inside a slot or a callback: show it once control is back in the event loop.
        QTimer.singleShot(0, self.show)

    def show(self) -> QMessageBox:
        text = QCoreApplication.translate(
            "Support",
            "Something went wrong inside the app; the sale is safe (every step is saved in the "
            "sales ledger before it is shown). The details were written to the log. You can "
            "keep working; if it happens again, save a support file and send it to your "
            "support technician.",
        )
        if self.count > 1:
            text += "\n\n" + QCoreApplication.translate(
                "Support", "This happened {count} times."
            ).format(count=self.count)
        if self.box is not None:
            self.box.setText(text)
            self.box.raise_()
            return self.box
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self.window)
        box.setObjectName("crashBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("Support", "Something went wrong"))
        box.setText(text)
        save = box.addButton(
            QCoreApplication.translate("Support", "Save a support file…"),
            QMessageBox.ButtonRole.ActionRole,
        )
        box.addButton(QMessageBox.StandardButton.Close)
        save.setObjectName("crashSupportButton")
        save.clicked.connect(lambda _checked=False: self.support.ask_where(self.window))
        box.finished.connect(self._closed)
        box.setWindowModality(Qt.WindowModality.NonModal)  # the cashier goes on selling
        box.show()
        self.box = box
        return box

    def _closed(self, _result: int) -> None:
        if self.box is not None:
            self.box.deleteLater()
        self.box = None
        self.count = 0


@contextlib.contextmanager
def catch_crashes(reporter: CrashReporter) -> Iterator[CrashReporter]:
    """Route unhandled exceptions to ``reporter`` while the window runs."""
    previous_hook = sys.excepthook
    import asyncio  # here, not at import: the first frame does without it (issue 19)

    loop = asyncio.get_running_loop()
    previous_handler = loop.get_exception_handler()
    sys.excepthook = reporter.excepthook
    loop.set_exception_handler(reporter.loop_handler)
    try:
        yield reporter
    finally:
        sys.excepthook = previous_hook
        loop.set_exception_handler(previous_handler)
