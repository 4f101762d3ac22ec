"""Settings → Backups and Settings → Start-up, and the daily backup while the window is open.

The backup itself is :mod:`pos_app.ledger.backup`, run in a worker thread (a USB stick can be
slow; the window never waits). A backup that cannot be made — the folder is missing (a USB stick
not plugged in) or full — is said once, in a non-modal notice for the daily one and beside the
button for *Back up now*; selling goes on.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pos_app.errors import UserFacingError
from pos_app.ledger import backup
from pos_app.runtime import Runtime
from pos_app.settings import paths
from pos_app.settings.config import Config
from pos_app.settings.rules import MAX_BACKUPS_KEPT
from pos_app.system import autostart
from pos_app.ui.qtkit.errors import describe_error
from pos_app.ui.qtkit.workarounds import emit
from pos_app.ui.settings.saving import SecretWrite
from pos_app.ui.settings.session import SettingsSession
from pos_app.ui.widgets.form_parts import FieldBox, FormGrid, heading, note, show_notice

log = logging.getLogger(__name__)
CHECK_EVERY_MS = 10 * 60 * 1000  # is it another day? (a till left open overnight)


async def run_backup(config: Config, *, daily: bool = False) -> backup.BackupMade | None:
    """The backup (or today's, ``daily``) to the configured folder, in a worker thread."""
    folder = paths.backup_dir(config.backup_folder)
    ledger = paths.ledger_path()
    if daily:
        return await asyncio.to_thread(backup.daily_backup, ledger, folder, keep=config.backup_keep)
    return await asyncio.to_thread(backup.make_backup, ledger, folder, keep=config.backup_keep)


class DailyBackup(QObject):
    """Today's backup at start-up and whenever the date changes; failures said once a day."""

    done = Signal(object)  # BackupMade | None (None: today's already existed)
    failed = Signal(str)

    def __init__(self, window: QWidget, runtime: Runtime) -> None:
        super().__init__(window)
        self.window = window
        self.rt = runtime
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self._day: date | None = None
        self._told: date | None = None
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self.timer.start()
        self.check()

    def stop(self) -> None:
        self.timer.stop()
        if self._task is not None:
            self._task.cancel()

    def check(self, today: date | None = None) -> None:
        today = today or datetime.now().date()
        if today == self._day or (self._task is not None and not self._task.done()):
            return
        self._task = asyncio.ensure_future(self._run(today))

    async def _run(self, today: date) -> None:
        try:
            made = await run_backup(self.rt.config, daily=True)
        except UserFacingError as exc:
            text = describe_error(exc)
            log.warning("daily backup: %s", exc)
            emit(self.failed, text)
            if self._told != today:  # once a day, not every ten minutes
                self._told = today
                show_notice(self.window, text, title=self.tr("No backup today"))
            return  # _day stays unset: tried again at the next check
        except Exception:
            log.exception("daily backup failed")
            return
        self._day = today
        emit(self.done, made)


class BackupsPage(QWidget):
    changed = Signal()

    def __init__(self, session: SettingsSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.title = self.tr("Backups")
        self._tasks: set[asyncio.Task[Any]] = set()
        config = session.config
        self.folder = QLineEdit(config.backup_folder)
        self.folder.setObjectName("backupFolder")
        self.folder.setPlaceholderText(self.tr("The app's own data folder"))
        self.folder.setToolTip(str(paths.default_backup_dir()))
        self.choose = QPushButton(self.tr("Choose…"))
        self.choose.setObjectName("chooseBackupFolder")
        self.keep = QSpinBox()
        self.keep.setObjectName("backupKeep")
        self.keep.setRange(1, MAX_BACKUPS_KEPT)
        self.keep.setValue(config.backup_keep)
        self.keep.setMaximumWidth(120)
        self.now_button = QPushButton(self.tr("Back up now"))
        self.now_button.setObjectName("backupNow")
        self.result = note(name="backupResult")
        self.result.setWordWrap(True)

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose)
        folder_box = QWidget()
        folder_box.setLayout(folder_row)
        folder_field = FieldBox(
            folder_box,
            self.tr(
                "A USB stick or a synced folder (Dropbox, OneDrive...) keeps the sales safe "
                "when this computer's disk dies. Empty: the app's own data folder."
            ),
        )
        folder_field.target = self.folder  # what the label's Alt+letter reaches
        form = FormGrid()
        form.addRow(self.tr("Backup folder:"), folder_field)
        form.addRow(
            self.tr("Keep:"),
            FieldBox(self.keep, self.tr("How many backups the folder keeps (the newest).")),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Backups of the sales")))
        layout.addWidget(
            note(
                self.tr(
                    "A backup is made every day when the app starts (and when the date changes), "
                    "and whenever you press Back up now. 'pos-app restore FILE' puts one back."
                )
            )
        )
        layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.now_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.listing = self.show_last()  # the folder's newest backup, looked for on a worker
        self.choose.clicked.connect(self.ask_folder)
        self.now_button.clicked.connect(self.back_up_now)
        self.folder.textChanged.connect(lambda _t: emit(self.changed))
        self.keep.valueChanged.connect(lambda _v: emit(self.changed))

    def show_last(self) -> asyncio.Task[None]:
        """The newest backup in the folder shown, or that there is none yet. The folder (often a
        USB stick or a share: one pulled out or not answering) is listed on a worker thread;
        what the page says meanwhile, if anything (a backup started), is not overwritten."""
        configured = self.apply_to(self.session.config).backup_folder
        task = asyncio.ensure_future(self._show_last(configured))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _show_last(self, configured: str) -> None:
        newest, is_dir = await asyncio.to_thread(_newest_backup, configured)
        if self.result.text():
            return  # said something since (a backup started): that stays
        if newest is not None:
            self.result.setText(self.tr("Last backup: {file}").format(file=str(newest)))
        elif is_dir:
            self.result.setText(self.tr("No backup in this folder yet."))

    def ask_folder(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Backup folder"))
        dialog.setObjectName("backupFolderDialog")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(self.folder.setText)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()  # never exec()
        return dialog

    def back_up_now(self) -> asyncio.Task[None]:
        self.now_button.setEnabled(False)
        self.result.setText(self.tr("Backing up…"))
        task = asyncio.ensure_future(self._back_up(self.apply_to(self.session.config)))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        emit(self.changed)
        return task

    async def _back_up(self, config: Config) -> None:
        try:
            made = await run_backup(config)
        except UserFacingError as exc:
            self.result.setText(describe_error(exc))
        except Exception as exc:
            log.exception("backup failed")
            self.result.setText(describe_error(exc))
        else:
            assert made is not None
            self.result.setText(
                self.tr("Backed up to {file} ({size} KiB).").format(
                    file=str(made.path), size=f"{made.size / 1024:.0f}"
                )
            )
        finally:
            self.now_button.setEnabled(True)
            emit(self.changed)

    def problem(self) -> str:
        return ""

    def is_busy(self) -> bool:
        return any(not t.done() for t in self._tasks)

    def secret_writes(self) -> list[SecretWrite] | None:
        return []

    def apply_to(self, config: Config) -> Config:
        return config.with_changes(
            backup_folder=self.folder.text().strip(), backup_keep=self.keep.value()
        )

    def forget_tasks(self) -> list[asyncio.Task[Any]]:
        pending = [t for t in self._tasks if not t.done()]
        for task in pending:
            task.cancel()
        return pending


def _newest_backup(configured: str) -> tuple[Path | None, bool]:
    """On a worker thread: the newest backup in the backup folder Settings name (``configured``)
    and whether that folder is there."""
    folder = paths.backup_dir(configured)
    found = backup.backups(folder)
    return (found[0] if found else None), folder.is_dir()


class StartupPage(QWidget):
    """Start with the computer: the autostart entry is written or removed when OK saves."""

    changed = Signal()

    def __init__(self, session: SettingsSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.title = self.tr("Start-up")
        self.autostart = QCheckBox(self.tr("Start the app when this computer's user logs in"))
        self.autostart.setObjectName("autostartCheck")
        self._was_on = autostart.is_enabled()
        self.autostart.setChecked(self._was_on)
        self.error = note(name="footerProblem")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Start-up")))
        layout.addWidget(self.autostart)
        layout.addWidget(
            note(self.tr("Starting the app again while it is open brings its window to the front."))
        )
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.autostart.toggled.connect(lambda _on: emit(self.changed))

    def problem(self) -> str:
        return ""

    def is_busy(self) -> bool:
        return False

    def secret_writes(self) -> list[SecretWrite] | None:
        """Writes (or removes) the autostart entry, on a worker thread with the keyring's
        entries: like a secret, it lives outside the file (and is put back if one fails)."""
        wanted = self.autostart.isChecked()
        if wanted == self._was_on:
            return []  # nothing to write: an entry made by hand stays as it is
        before: list[bytes | None] = []

        def write() -> None:
            path = autostart.entry_path()
            before.append(path.read_bytes() if path.is_file() else None)
            if wanted:
                autostart.enable()
            else:
                autostart.disable()

        def undo() -> None:
            path = autostart.entry_path()
            if before[0] is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(before[0])

        def saved() -> None:
            self._was_on = wanted
            self.error.setText("")

        def failed(exc: Exception) -> None:
            detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            self.error.setText(
                self.tr("The start-up entry could not be written ({error}).").format(error=detail)
            )

        return [SecretWrite(write, saved=saved, failed=failed, undo=undo)]

    def apply_to(self, config: Config) -> Config:
        return config

    def forget_tasks(self) -> list[asyncio.Task[Any]]:
        return []
