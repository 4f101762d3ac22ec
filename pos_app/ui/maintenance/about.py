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


def _t(text: str) -> str:
    return QCoreApplication.translate("About", text)


def api_words(api: str, qr_mode: str) -> str:
    """The API in use in the cashier's words (the doctor's :func:`api_description`, translated)."""
    if api == "orders":
        modes = {
            "static": _t("static"),
            "dynamic": _t("dynamic"),
            "hybrid": _t("hybrid"),
        }
        return _t("Orders API ({mode} QR)").format(mode=modes.get(qr_mode, qr_mode))
    if api == "instore":
        return _t("in-store QR (the box's printed QR)")
    return _t("not set up yet")


def about_text(facts: AboutFacts) -> str:
    """The lines the dialog shows and copies, one fact each."""
    unset = _t("not set up yet")
    lines = [
        _t("Version: {version}").format(version=facts.version),
        _t("Data folder: {path}").format(path=facts.data_folder),
        _t("Ledger: {path}").format(path=facts.ledger),
        _t("Settings file: {path}").format(path=facts.settings_file),
        _t("Log folder: {path}").format(path=facts.logs),
        _t("Mercado Pago user id: {id}").format(
            id=facts.user_id if facts.user_id is not None else unset
        ),
        _t("Store: {id}").format(id=facts.store or unset),
        _t("Box: {id}").format(id=facts.box or unset),
        _t("API: {api}").format(api=api_words(facts.api, facts.qr_mode)),
        _t("Demo mode: {on}").format(on=_t("yes") if facts.demo else _t("no")),
    ]
    return "\n".join(lines)


class AboutDialog(QDialog):
    """The facts in a read-only text box, Copy to the clipboard and Close; opened with
    ``open()``. :attr:`ready` once the facts are shown."""

    ready = Signal(str)

    def __init__(self, config: Config | None, *, demo: bool, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(_t("About pos-app"))
        self.tasks = TaskKeeper(self)
        intro = QLabel(
            _t(
                "What your support technician may ask for. It holds no password or token: "
                "you can copy it and send it."
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
        self.text.setAccessibleName(_t("About this app"))
        self.text.setPlainText(_t("Reading…"))
        self.text.setMinimumSize(560, 240)
        self.status = QLabel()
        self.status.setObjectName("aboutStatus")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(_t("Copy to the clipboard"))
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
                _t("The app's folders could not be read ({error}).").format(
                    error=exc.strerror or exc
                )
            )
            return
        self.facts = facts
        self.text.setPlainText(about_text(facts))
        self.copy_button.setEnabled(True)
        self.copy_button.setDefault(True)
        emit(self.ready, self.text.toPlainText())

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.status.setText(_t("Copied: paste it in your message to your support technician."))
