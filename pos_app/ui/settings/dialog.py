"""The Settings dialog (menu Tools → Settings…, or F9): sections on the left, one page each.

OK is enabled only while every page is valid and nothing is waiting for Mercado Pago; the line
beside the buttons says what still needs attention. OK writes the config file atomically, then
saves the new token, the webhook secret and the store database's password in the keyring: all
or nothing (a failure puts the previous config file and keyring entries back, shows beside the
field and keeps the dialog open). Then it emits :attr:`SettingsDialog.applied` for the window.
Cancel discards everything. The dialog is opened with ``open()``, never ``exec()``.
"""

from __future__ import annotations

import asyncio
from typing import Any, Protocol

from PySide6.QtCore import QSize, Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from pos_app.settings import secrets
from pos_app.settings.config import Config
from pos_app.ui.qtkit.keyboard import DiscardGuard, install_mnemonics
from pos_app.ui.qtkit.window_settings import restore_geometry, save_geometry
from pos_app.ui.qtkit.workarounds import emit
from pos_app.ui.settings.account import AccountPage
from pos_app.ui.settings.backups import BackupsPage, StartupPage
from pos_app.ui.settings.charging import ChargingPage
from pos_app.ui.settings.display import DisplayPage
from pos_app.ui.settings.language import LanguagePage
from pos_app.ui.settings.receipts import ReceiptsPage
from pos_app.ui.settings.saving import write_config
from pos_app.ui.settings.session import SettingsResult, SettingsSession
from pos_app.ui.settings.store import StoreBoxPage
from pos_app.ui.settings.store_database import StoreDatabasePage
from pos_app.ui.widgets.form_parts import SETTINGS_QSS

(
    SECTION_ACCOUNT,
    SECTION_PLACE,
    SECTION_CHARGING,
    SECTION_LANGUAGE,
    SECTION_RECEIPTS,
    SECTION_BACKUPS,
    SECTION_STARTUP,
    SECTION_STORE_DB,
    SECTION_DISPLAY,
) = range(9)


class SettingsPage(Protocol):
    title: str
    changed: SignalInstance

    def problem(self) -> str: ...
    def is_busy(self) -> bool: ...
    def save_secrets(self) -> bool: ...
    def apply_to(self, config: Config) -> Config: ...
    def forget_tasks(self) -> list[asyncio.Task[Any]]: ...


class SettingsDialog(QDialog):
    applied = Signal(object)  # SettingsResult, after OK saved everything

    def __init__(self, session: SettingsSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setStyleSheet(SETTINGS_QSS)
        self.session = session
        session.setParent(self)
        self.result_value: SettingsResult | None = None
        self._token_at_start = session.token

        # The list, the stack and each page's scroll area are made inside the dialog first, and
        # each page is then made inside its scroll area, where it stays. Moving a widget
        # re-styles its whole subtree (the app has a stylesheet): built loose, the pages were
        # re-styled three times (into the scroll area, the area into the stack, the stack into
        # the dialog), 0.26 s of the dialog's 0.39; moved once into their areas, a page's
        # widgets were still styled twice (~20 % of the dialog's CPU).
        self.sections = QListWidget(self)
        self.sections.setObjectName("sectionList")
        self.sections.setAccessibleName(self.tr("Sections"))
        self.sections.setIconSize(QSize(18, 18))
        self.stack = QStackedWidget(self)
        areas = [QScrollArea(self.stack) for _ in range(9)]
        viewports = iter([area.viewport() for area in areas])
        self.account = AccountPage(session, parent=next(viewports))
        self.place = StoreBoxPage(session, next(viewports))
        self.charging = ChargingPage(session, next(viewports))
        self.language = LanguagePage(session, next(viewports))
        self.receipts = ReceiptsPage(session, next(viewports))
        self.backups = BackupsPage(session, next(viewports))
        self.startup = StartupPage(session, next(viewports))
        self.store_database = StoreDatabasePage(session, next(viewports))
        self.display = DisplayPage(session, next(viewports))
        self.pages: list[SettingsPage] = [
            self.account,
            self.place,
            self.charging,
            self.language,
            self.receipts,
            self.backups,
            self.startup,
            self.store_database,
            self.display,
        ]
        for page, area in zip(self.pages, areas, strict=True):
            assert isinstance(page, QWidget)
            self.sections.addItem(QListWidgetItem(page.title))
            area.setWidgetResizable(True)
            area.setFrameShape(QScrollArea.Shape.NoFrame)
            # Not a Tab stop of its own (nothing shows it has focus): Tab goes to the page's
            # fields, and the area scrolls to each.
            area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.stack.addWidget(area)
            area.setWidget(page)
            page.changed.connect(self._update)

        self.footer = QLabel()
        self.footer.setObjectName("footerProblem")
        self.footer.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("primaryButton")
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)

        body = QHBoxLayout()
        body.addWidget(self.sections)
        body.addWidget(self.stack, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.footer, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(bottom)

        self.sections.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        self.finished.connect(self._finished)
        self.sections.setCurrentRow(SECTION_ACCOUNT)
        restore_geometry(self, "settings", (980, 720))
        self._update()
        # Wide enough for the longest section title in any language: measured once the list is
        # in the dialog (its stylesheet's padding) and has its icons (set by _update).
        self.ensurePolished()
        self.sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widest = self.sections.sizeHintForColumn(0) + 2 * self.sections.frameWidth() + 8
        self.sections.setFixedWidth(max(210, widest))
        install_mnemonics(self)
        self.guard = DiscardGuard(
            self, self.tr("Discard the changes made in Settings?"), self._discarded
        )
        self.guard.arm()

    # == state ===================================================================================
    def show_section(self, index: int) -> None:
        self.sections.setCurrentRow(index)

    def problems(self) -> list[tuple[int, str]]:
        return [(i, p) for i, page in enumerate(self.pages) if (p := page.problem())]

    def _update(self) -> None:
        problems = dict(self.problems())
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        fine = self.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
        for i in range(self.sections.count()):
            item = self.sections.item(i)
            item.setIcon(warning if i in problems else fine)
            item.setToolTip(problems.get(i, ""))
        self.ok_button.setEnabled(not problems)
        if problems:
            index, text = next(iter(problems.items()))
            self.footer.setText(
                self.tr("{section}: {problem}").format(
                    section=self.pages[index].title, problem=text
                )
            )
        else:
            self.footer.setText("")

    # == OK / Cancel =============================================================================
    def try_accept(self) -> bool:
        """Write the config file, then the secrets: both or neither. Stay open (and say why)
        if anything fails. A token the keyring holds is always one the config file knows."""
        if self.problems():
            self._update()
            return False
        config = self.session.apply_account(self.session.config)
        for page in self.pages:
            config = page.apply_to(config)
        put_back_config = write_config(config, self.footer)
        if put_back_config is None:
            return False
        if not self._save_secrets():
            put_back_config()
            return False
        origin = self.session.origin
        token = self.session.saved_token if origin in ("keyring", "session") else None
        changed_token = token if token != self._token_at_start else None
        self.result_value = SettingsResult(config, changed_token, origin)
        emit(self.applied, self.result_value)
        self.accept()
        return True

    def _save_secrets(self) -> bool:
        """Every page's secrets, or (one failed) none: the keyring and the session's token are
        put back as they were, and the page that failed says why, beside the field."""
        put_back_token = self.session.keep_token_state()
        with secrets.undoable() as written:
            failed = next((i for i, page in enumerate(self.pages) if not page.save_secrets()), None)
        if failed is None:
            return True
        written.undo()
        put_back_token()
        self.account.show_secret_status()
        self.show_section(failed)
        self._update()
        return False

    def reject(self) -> None:
        """Esc, Cancel or the close button: typed settings are not dropped without asking."""
        if self.guard.reject():
            super().reject()

    def _discarded(self) -> None:
        super().reject()

    def discard(self) -> None:
        """Close without saving and without asking (the window itself is closing)."""
        if self.guard.box is not None:
            self.guard.box.done(0)  # answered "Keep editing": nothing to add to the close
        super().reject()

    def _finished(self, _result: int) -> None:
        save_geometry(self, "settings")
        for page in self.pages:
            page.forget_tasks()
