"""The Settings dialog (menu Tools → Settings…, or F9): sections on the left, one page each.

OK is enabled only while every page is valid and nothing is waiting for Mercado Pago; the line
beside the buttons says what still needs attention. OK writes the config file atomically, then
saves the new token, the webhook secret and the store database's password in the keyring: all
or nothing (a failure puts the previous config file and keyring entries back, shows beside the
field and keeps the dialog open). That runs on a worker thread (a locked keyring's unlock prompt
or a hung secret service must not freeze the window): meanwhile the dialog says "Saving…", and
neither OK nor Cancel (nor Esc, nor its close button) can be pressed. Then it emits
:attr:`SettingsDialog.applied` for the window and closes, Accepted. Cancel discards everything.
The dialog is opened with ``open()``, never ``exec()``.
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

from pos_app.settings.config import Config
from pos_app.ui.qtkit.async_utils import TaskKeeper, delete_when_settled
from pos_app.ui.qtkit.keyboard import DiscardGuard, install_mnemonics
from pos_app.ui.qtkit.style import set_state
from pos_app.ui.qtkit.window_settings import restore_geometry, save_geometry
from pos_app.ui.qtkit.workarounds import emit
from pos_app.ui.settings import saving
from pos_app.ui.settings.account import AccountPage
from pos_app.ui.settings.backups import BackupsPage, StartupPage
from pos_app.ui.settings.charging import ChargingPage
from pos_app.ui.settings.display import DisplayPage
from pos_app.ui.settings.language import LanguagePage
from pos_app.ui.settings.receipts import ReceiptsPage
from pos_app.ui.settings.saving import SecretWrite, saving_text
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
    def secret_writes(self) -> list[SecretWrite] | None: ...
    def apply_to(self, config: Config) -> Config: ...
    def forget_tasks(self) -> list[asyncio.Task[Any]]: ...


class SettingsDialog(QDialog):
    applied = Signal(object)  # SettingsResult, after OK saved everything
    # A save OK started is over: True, everything saved (the dialog is closed, Accepted); False,
    # nothing was (the dialog is open and says why).
    saveEnded = Signal(bool)

    def __init__(self, session: SettingsSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setStyleSheet(SETTINGS_QSS)
        self.session = session
        session.setParent(self)
        self.result_value: SettingsResult | None = None
        self._token_at_start = session.token
        self.tasks = TaskKeeper(self)
        self._saving = False
        self._closed = False
        self._forgotten: list[asyncio.Task[Any]] = []  # the pages' calls canceled at the close
        self._ok_text = ""  # OK's own text, while it says "Saving…"
        self._focus_before: QWidget | None = None

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
        # A page still looking at something (the logo's file, on a worker) holds OK back too,
        # but it is no problem: not a warning sign, not in red.
        busy = {i for i in problems if self.pages[i].is_busy()}
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        waiting = self.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload)
        fine = self.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
        for i in range(self.sections.count()):
            item = self.sections.item(i)
            item.setIcon(waiting if i in busy else warning if i in problems else fine)
            item.setToolTip(problems.get(i, ""))
        if self._saving:
            return  # OK stays off and the footer says "Saving…" until the save is over
        self.ok_button.setEnabled(not problems)
        if problems:
            index, text = next(iter(problems.items()))
            self.footer.setText(
                self.tr("{section}: {problem}").format(
                    section=self.pages[index].title, problem=text
                )
            )
            set_state(self.footer, "busy" if index in busy else "")
        else:
            self.footer.setText("")

    def is_saving(self) -> bool:
        return self._saving

    def say_closing_after_save(self) -> None:
        """The window was closed while OK's save runs: it closes once the save has ended
        (:meth:`MainWindow.closeEvent` says why it waits for it)."""
        if not self._saving:
            return
        self.footer.setText(
            self.tr(
                "Finishing saving the settings: the app closes as soon as they are saved. "
                "If the computer asks for a password to unlock its keyring, type it there."
            )
        )
        set_state(self.footer, "busy")

    def _show_saving(self, saving: bool) -> None:
        """While OK's save runs: the pages, OK and Cancel are off and the footer says why."""
        self._saving = saving
        if saving:
            self._focus_before = self.focusWidget()
        self.stack.setEnabled(not saving)  # what is typed now would not be saved
        self.cancel_button.setEnabled(not saving)
        if saving:
            self.ok_button.setEnabled(False)
            self._ok_text = self.ok_button.text()
            self.ok_button.setText(self.tr("Saving…"))
            self.footer.setText(saving_text())
            set_state(self.footer, "busy")  # news, not a problem: not in red
        else:
            self.ok_button.setText(self._ok_text)
            set_state(self.footer, "")
            self._update()
            focus, self._focus_before = self._focus_before, None
            if focus is not None and focus.isEnabled():
                focus.setFocus()  # where the person was (a failed save keeps them editing)

    # == OK / Cancel =============================================================================
    def try_accept(self) -> bool:
        """Start saving: the config file, then the secrets, both or neither, on a worker thread
        (:func:`saving.save_all`). True when the save started; its end is :attr:`saveEnded`
        (closed and Accepted, or open and saying why, beside the page that failed)."""
        if self._saving:
            return False
        if self.problems():
            self._update()
            return False
        config = self.session.apply_account(self.session.config)
        for page in self.pages:
            config = page.apply_to(config)
        writes: list[tuple[int, SecretWrite]] = []
        for index, page in enumerate(self.pages):
            page_writes = page.secret_writes()
            if page_writes is None:  # it cannot be saved here; the page says why
                self.show_section(index)
                self._update()
                return False
            writes += [(index, write) for write in page_writes]
        self._show_saving(True)
        self.tasks.spawn(self._save(config, writes), on_error=self._save_crashed, name="save")
        return True

    async def _save(self, config: Config, writes: list[tuple[int, SecretWrite]]) -> None:
        try:
            failure = await asyncio.to_thread(saving.save_all, config, [w for _, w in writes])
        finally:
            if not self._closed:
                self._show_saving(False)
        if self._closed:  # the window closed meanwhile: what was saved is for the next start
            return
        if failure is not None:
            self._not_saved(failure, writes)
            emit(self.saveEnded, False)
            return
        for _, write in writes:
            write.saved()
        origin = self.session.origin
        token = self.session.saved_token if origin in ("keyring", "session") else None
        changed_token = token if token != self._token_at_start else None
        self.result_value = SettingsResult(config, changed_token, origin)
        emit(self.applied, self.result_value)
        self.accept()
        emit(self.saveEnded, True)

    def _not_saved(
        self, failure: saving.SaveFailure, writes: list[tuple[int, SecretWrite]]
    ) -> None:
        """Nothing was saved: the page that failed says why, beside the field (the config
        file's own failure, beside the buttons)."""
        if failure.index is None:
            self.footer.setText(saving.config_problem(failure.error))
            return
        index, write = writes[failure.index]
        write.failed(failure.error)
        self.account.show_secret_status()
        self.show_section(index)
        self._update()

    def _save_crashed(self, exc: BaseException) -> None:
        from pos_app.ui.qtkit.errors import show_error

        if self._closed:
            return
        show_error(self, exc)
        emit(self.saveEnded, False)

    def reject(self) -> None:
        """Esc, Cancel or the close button: typed settings are not dropped without asking;
        nothing happens while OK's save runs (it ends, saved or not, in a moment)."""
        if self._saving:
            return
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
        self._closed = True
        save_geometry(self, "settings")
        self._forgotten = [task for page in self.pages for task in page.forget_tasks()]

    def delete_when_settled(self) -> None:
        """``deleteLater()`` once the calls canceled at the close have ended (a canceled call's
        last step touches its page: :func:`~pos_app.ui.qtkit.async_utils.delete_when_settled`)."""
        forgotten, self._forgotten = self._forgotten, []
        delete_when_settled(self, forgotten)
