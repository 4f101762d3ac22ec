"""Help → About: what a support technician on the phone asks the cashier for, in text the
cashier can select or copy with one button: the version (as ``pos-app --version`` says it), the
data folder, the ledger, the settings file, the log folder, the Mercado Pago account's user id,
store and box (never its token), the API in use and whether this is the demo.

The folders are looked up on disk (and made when missing): on a worker thread
(:func:`pos_app.system.about.read_facts`); the dialog says "Reading…" until then. The settings
are the window's, in memory: the keyring is never read here."""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.settings.config import Config
from pos_app.system.about import AboutFacts, read_facts
from pos_app.ui.qtkit.async_utils import TaskKeeper
from pos_app.ui.qtkit.workarounds import emit

log = logging.getLogger(__name__)


def api_words(api: str, qr_mode: str) -> str:
    """The API in use in the cashier's words (the doctor's :func:`api_description`, translated)."""
    if api == "orders":
        modes = {
            "static": QCoreApplication.translate("About", "static"),
            "dynamic": QCoreApplication.translate("About", "dynamic"),
            "hybrid": QCoreApplication.translate("About", "hybrid"),
        }
        return QCoreApplication.translate("About", "Orders API ({mode} QR)").format(
            mode=modes.get(qr_mode, qr_mode)
        )
    if api == "instore":
        return QCoreApplication.translate("About", "in-store QR (the box's printed QR)")
    return QCoreApplication.translate("About", "not set up yet")


def about_text(facts: AboutFacts) -> str:
    """The lines the dialog shows and copies, one fact each."""
    unset = QCoreApplication.translate("About", "not set up yet")
    lines = [
        QCoreApplication.translate("About", "Version: {version}").format(version=facts.version),
        QCoreApplication.translate("About", "Data folder: {path}").format(path=facts.data_folder),
        QCoreApplication.translate("About", "Ledger: {path}").format(path=facts.ledger),
        QCoreApplication.translate("About", "Settings file: {path}").format(
            path=facts.settings_file
        ),
        QCoreApplication.translate("About", "Log folder: {path}").format(path=facts.logs),
        QCoreApplication.translate("About", "Mercado Pago user id: {id}").format(
            id=facts.user_id if facts.user_id is not None else unset
        ),
        QCoreApplication.translate("About", "Store: {id}").format(id=facts.store or unset),
        QCoreApplication.translate("About", "Box: {id}").format(id=facts.box or unset),
        QCoreApplication.translate("About", "API: {api}").format(
            api=api_words(facts.api, facts.qr_mode)
        ),
        QCoreApplication.translate("About", "Demo mode: {on}").format(
            on=QCoreApplication.translate("About", "yes")
            if facts.demo
            else QCoreApplication.translate("About", "no")
        ),
    ]
    return "\n".join(lines)


class AboutDialog(QDialog):
    """The facts in a read-only text box, Copy to the clipboard and Close; opened with
    ``open()``. :attr:`ready` once the facts are shown."""

    ready = Signal(str)

    def __init__(self, config: Config | None, *, demo: bool, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(QCoreApplication.translate("About", "About pos-app"))
        self.tasks = TaskKeeper(self)
        intro = QLabel(
            QCoreApplication.translate(
                "About",
                "What your support technician may ask for. It holds no password or token: "
                "you can copy it and send it.",
            )
        )
        intro.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setObjectName("aboutText")
        self.text.setReadOnly(True)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setAccessibleName(QCoreApplication.translate("About", "About this app"))
        self.text.setPlainText(QCoreApplication.translate("About", "Reading…"))
        self.text.setMinimumSize(560, 240)
        self.status = QLabel()
        self.status.setObjectName("aboutStatus")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(QCoreApplication.translate("About", "Copy to the clipboard"))
        self.copy_button.setObjectName("aboutCopyButton")
        self.copy_button.setEnabled(False)  # until the facts are read
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.facts: AboutFacts | None = None
        self.tasks.spawn(self._read(config, demo), name="about")

    async def _read(self, config: Config | None, demo: bool) -> None:
        try:
            facts = await asyncio.to_thread(read_facts, config, demo=demo)
        except OSError as exc:  # a data folder that cannot be made: said, not a bug
            log.warning("about: %s", exc)
            self.text.setPlainText(
                QCoreApplication.translate(
                    "About", "The app's folders could not be read ({error})."
                ).format(error=exc.strerror or exc)
            )
            return
        self.facts = facts
        self.text.setPlainText(about_text(facts))
        self.copy_button.setEnabled(True)
        self.copy_button.setDefault(True)
        emit(self.ready, self.text.toPlainText())

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.status.setText(
            QCoreApplication.translate(
                "About", "Copied: paste it in your message to your support technician."
            )
        )
