"""Settings → Customer display: off, a window, or full screen on a chosen screen; the shop's logo.

Stored in this machine's config file (``customer_display``, ``customer_display_screen``,
``shop_logo``). The list of screens follows screens being connected and disconnected while the
page is open; a chosen screen that is not connected now stays chosen (it is used when it comes
back; meanwhile the display goes to another screen).

The logo's file is looked at on a worker thread, never the window's: a share that does not
answer, a USB stick pulled out or a FIFO would freeze the window for as long as its reading
takes. The check starts once typing has paused (:data:`LOGO_CHECK_PAUSE_MS`); meanwhile OK waits
and the footer says the picture is being checked. A path is checked once while it stays typed.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QGuiApplication, QImageReader
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.settings.config import Config
from pos_app.settings.rules import (
    DISPLAY_FULL_SCREEN,
    DISPLAY_OFF,
    DISPLAY_WINDOW,
    LOGO_SUFFIXES,
    logo_path_problem,
)
from pos_app.system.files import open_user_file
from pos_app.ui.qtkit.async_utils import TaskKeeper
from pos_app.ui.qtkit.errors import file_error_text, translate_message
from pos_app.ui.qtkit.workarounds import emit
from pos_app.ui.settings.saving import SecretWrite
from pos_app.ui.settings.session import SettingsSession
from pos_app.ui.widgets.form_parts import FieldBox, FormGrid, heading, note

LOGO_CHECK_PAUSE_MS = 300  # typing paused this long: the typed logo's file is looked at


def check_logo_file(text: str) -> OSError | bool:
    """On a worker thread: the error opening the file named ``text`` gave, else whether Qt can
    read a picture's size from it. Opened without waiting (a FIFO's open waits for a writer) and
    closed at once: a folder, a FIFO or a device is an error (NotAFileError), not "no file"."""
    try:
        open_user_file(Path(text)).close()
    except OSError as exc:
        return exc
    return not QImageReader(text).size().isEmpty()


class DisplayPage(QWidget):
    changed = Signal()

    def __init__(self, session: SettingsSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = TaskKeeper(self)
        # The last logo path looked at on a worker and what it said ("" fine); the paths
        # being looked at now.
        self._logo_checked: tuple[str, str] | None = None
        self._logo_checking: set[str] = set()
        self._logo_pause = QTimer(self)
        self._logo_pause.setSingleShot(True)
        self._logo_pause.setInterval(LOGO_CHECK_PAUSE_MS)
        self._logo_pause.timeout.connect(self._check_logo_now)
        self.title = self.tr("Display")  # short: the section list must not widen
        config = session.config

        self.mode = QComboBox()
        self.mode.setObjectName("displayMode")
        self.mode.addItem(self.tr("Off"), DISPLAY_OFF)
        self.mode.addItem(self.tr("In a window"), DISPLAY_WINDOW)
        self.mode.addItem(self.tr("Full screen"), DISPLAY_FULL_SCREEN)
        self.mode.setCurrentIndex(max(0, self.mode.findData(config.customer_display)))

        self.screen_box = QComboBox()
        self.screen_box.setObjectName("displayScreen")
        self._wanted_screen = config.customer_display_screen
        self.refresh_screens()

        self.logo = QLineEdit(config.shop_logo)
        self.logo.setObjectName("shopLogo")
        self.logo.setPlaceholderText(self.tr("No logo"))
        browse = QPushButton(self.tr("Browse…"))
        browse.setObjectName("logoBrowse")
        browse.clicked.connect(self._browse)
        clear = QPushButton(self.tr("No logo"))
        clear.setObjectName("logoClear")
        clear.clicked.connect(self.logo.clear)
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(browse)
        row.addWidget(clear)
        self.logo_box = FieldBox(
            self.logo,
            self.tr("Shown with the shop's name while no sale is on the screen."),
            trailing=buttons,
        )

        form = FormGrid()
        form.addRow(
            self.tr("Show it:"),
            FieldBox(
                self.mode,
                self.tr(
                    "Full screen needs a screen of its own; on the counter's only screen it "
                    "opens as a window."
                ),
            ),
        )
        form.addRow(
            self.tr("On screen:"),
            FieldBox(
                self.screen_box,
                self.tr("Screens connected or disconnected later are followed at once."),
            ),
        )
        form.addRow(self.tr("Shop logo:"), self.logo_box)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("The screen your customers see")))
        layout.addWidget(
            note(
                self.tr(
                    "It shows the items as they are scanned, the total, where to scan and "
                    "“paid”, in the app's language. This computer remembers the choice."
                )
            )
        )
        layout.addLayout(form)
        layout.addStretch(1)

        self.mode.currentIndexChanged.connect(self._changed)
        self.screen_box.currentIndexChanged.connect(self._changed)
        self.logo.textChanged.connect(self._logo_typed)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenAdded.connect(self.refresh_screens)
            app.screenRemoved.connect(self.refresh_screens)
        self._changed()
        self._check_logo_now()  # the saved logo: looked at at once, no typing to wait for

    # == screens =================================================================================
    def refresh_screens(self, *_args: object) -> None:
        """The connected screens, plus the chosen one if it is not connected now."""
        wanted = self.screen_name() if self.screen_box.count() else self._wanted_screen
        self.screen_box.blockSignals(True)
        self.screen_box.clear()
        self.screen_box.addItem(self.tr("Any screen but the counter's"), "")
        names = []
        for number, screen in enumerate(QGuiApplication.screens(), start=1):
            size = screen.geometry()
            parts = [
                screen.name() or self.tr("Screen {n}").format(n=number),
                screen.model().strip(),
                f"{size.width()} × {size.height()}",
            ]
            label = " — ".join(part for part in parts if part)
            self.screen_box.addItem(label, screen.name())
            names.append(screen.name())
        if wanted and wanted not in names:
            self.screen_box.addItem(self.tr("{name} (not connected)").format(name=wanted), wanted)
        self.screen_box.setCurrentIndex(max(0, self.screen_box.findData(wanted)))
        self.screen_box.blockSignals(False)

    def screen_name(self) -> str:
        return str(self.screen_box.currentData() or "")

    # == logo ====================================================================================
    def _browse(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in LOGO_SUFFIXES)
        dialog = QFileDialog(self, self.tr("Choose the shop's logo"))
        dialog.setNameFilter(self.tr("Pictures ({patterns})").format(patterns=patterns))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.logo.setText)
        dialog.open()  # never exec(): the qasync loop keeps running

    def _logo_text(self) -> str:
        return self.logo.text().strip()

    def _logo_path_problem(self) -> str:
        """What is wrong with the typed path itself, no file looked at; "" if nothing."""
        problem = logo_path_problem(self._logo_text()) if self._logo_text() else None
        return translate_message(problem) if problem is not None else ""

    def _logo_needs_check(self) -> bool:
        """A path worth looking at whose file has not been looked at yet."""
        text = self._logo_text()
        if not text or self._logo_path_problem():
            return False
        return self._logo_checked is None or self._logo_checked[0] != text

    def logo_problem(self) -> str:
        """What is wrong with the logo, from its path and from its file as last looked at; ""
        if nothing is, or while its file is being looked at (:meth:`is_busy`)."""
        text = self._logo_text()
        if not text:
            return ""
        if problem := self._logo_path_problem():
            return problem
        if self._logo_checked is not None and self._logo_checked[0] == text:
            return self._logo_checked[1]
        return ""

    def _logo_typed(self, *_args: object) -> None:
        """Looked at once typing pauses; the check already running for a path stays."""
        if self._logo_needs_check():
            self._logo_pause.start()
        else:
            self._logo_pause.stop()
        self._changed()

    def _check_logo_now(self) -> None:
        text = self._logo_text()
        if self._logo_needs_check() and text not in self._logo_checking:
            self._logo_checking.add(text)
            self.tasks.spawn(self._check_logo(text), name="logo check")

    async def _check_logo(self, text: str) -> None:
        try:
            found = await asyncio.to_thread(check_logo_file, text)
        finally:
            self._logo_checking.discard(text)
        if isinstance(found, (FileNotFoundError, NotADirectoryError)):
            message = self.tr("There is no file there any more.")
        elif isinstance(found, OSError):
            message = _sentence(file_error_text(found))
        elif not found:
            message = self.tr("This file is not a picture the app can show.")
        else:
            message = ""
        if text != self._logo_text():
            return  # typed on meanwhile: that path gets its own check
        self._logo_checked = (text, message)
        self._changed()

    # == the page protocol =======================================================================
    def _changed(self, *_args: object) -> None:
        self.logo_box.set_error(self.logo_problem())
        self.screen_box.setEnabled(self.mode.currentData() != DISPLAY_OFF)
        emit(self.changed)

    def problem(self) -> str:
        if self.is_busy():
            return self.tr("Checking the logo's picture…")
        return self.logo_problem()

    def is_busy(self) -> bool:
        """The typed logo's file is yet to be looked at (typing has not paused) or is being
        looked at: OK waits for it."""
        return self._logo_needs_check()

    def secret_writes(self) -> list[SecretWrite] | None:
        return []

    def apply_to(self, config: Config) -> Config:
        return config.with_changes(
            customer_display=str(self.mode.currentData()),
            customer_display_screen=self.screen_name(),
            shop_logo=self.logo.text().strip(),
        )

    def forget_tasks(self) -> list[asyncio.Task[Any]]:
        self._logo_pause.stop()
        return self.tasks.cancel_all()


def _sentence(reason: str) -> str:
    """A reason written to follow a colon ("it is a folder, not a file…"), standing alone."""
    return reason[:1].upper() + reason[1:] + ("" if reason.endswith(".") else ".")
