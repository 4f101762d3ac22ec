"""The first-run assistant: account token → store and box → ready (with the QR sticker).

With nothing configured the counter window would be useless, so the app opens this instead. It
reuses the Settings pages (same checks, same rules) and saves as it goes: the token when the
person leaves step 1 (only once Mercado Pago accepted it), the config file at the end, each on a
worker thread (a locked keyring's unlock prompt must not freeze the window; meanwhile the
assistant says "Saving…" and its buttons are off). A button on every step offers the demo
instead (a pretend Mercado Pago, nothing real charged).

It is a plain top-level window, not a dialog: Esc must not throw away a half-done setup, and no
nested event loop is ever started. :func:`run_setup_assistant` awaits its outcome on the qasync
loop.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any

import httpx
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.mercadopago.credentials import AccessToken
from pos_app.runtime import open_client
from pos_app.settings.config import Config, LoadResult
from pos_app.settings.secrets import TokenSource
from pos_app.ui.qtkit.async_utils import TaskKeeper
from pos_app.ui.qtkit.errors import show_error, translate_message
from pos_app.ui.qtkit.keyboard import assign_mnemonics, install_mnemonics
from pos_app.ui.qtkit.terminal_signals import close_on_terminal_signals
from pos_app.ui.qtkit.window_settings import restore_geometry, save_geometry
from pos_app.ui.qtkit.workarounds import emit
from pos_app.ui.settings import saving
from pos_app.ui.settings.account import AccountPage
from pos_app.ui.settings.qr_sticker import StickerPanel
from pos_app.ui.settings.saving import SecretWrite
from pos_app.ui.settings.session import SettingsSession
from pos_app.ui.settings.store import StoreBoxPage
from pos_app.ui.widgets.form_parts import SETTINGS_QSS, heading, note

log = logging.getLogger(__name__)

STEP_ACCOUNT, STEP_PLACE, STEP_READY = range(3)


@dataclass(frozen=True)
class SetupOutcome:
    """How the assistant ended (``None`` from :func:`run_setup_assistant`: closed)."""

    config: Config | None = None  # saved; None when the person chose the demo
    token: AccessToken | None = None  # only a token the keyring could not keep (this run only)
    demo: bool = False


class _StepStack(QStackedWidget):
    """As large as the step on show (QStackedWidget takes the largest): a short step does not
    scroll because a longer one exists."""

    def __init__(self) -> None:
        super().__init__()
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return super().sizeHint() if page is None else page.sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return super().minimumSizeHint() if page is None else page.minimumSizeHint()


class SetupAssistant(QWidget):
    done = Signal(object)  # SetupOutcome, or None when the window was closed

    def __init__(self, session: SettingsSession, *, problem: str = "") -> None:
        super().__init__()
        self.setObjectName("setupAssistant")
        self.setWindowTitle(self.tr("Set up the counter — Mercado Pago QR"))
        self.setStyleSheet(SETTINGS_QSS)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # the app's background
        self.session = session
        session.setParent(self)
        self._ended = False
        self.forgotten: list[asyncio.Task[Any]] = []  # the calls canceled when it ended
        self._saving = False
        self._close_after_save = False  # closed while saving: it ends once the save has
        self._next_text = ""  # the Next button's own text, while it says "Saving…"
        self._focus_before: QWidget | None = None
        self.tasks = TaskKeeper(self)

        self.banner = note(problem, name="noticeBanner")
        self.banner.setVisible(bool(problem))
        self.step_label = QLabel()
        self.step_label.setObjectName("stepTitle")

        # The stack is made inside the window and each step is put in it before it is filled,
        # so every part moves once: each move re-styles the whole subtree (the app has a
        # stylesheet; see SettingsDialog).
        # In a scroll area: the store step needed ~710 px of height, more than a 1024 x 600
        # counter screen has (the buttons under it out of reach).
        self.steps_area = QScrollArea(self)
        self.steps_area.setWidgetResizable(True)
        self.steps_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.steps_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields
        self.stack = _StepStack()
        self.steps_area.setWidget(self.stack)

        # -- step 1: the account ---------------------------------------------------------------
        self.account = AccountPage(session, must_check=True)
        self.account.heading.hide()  # the welcome heading says it already
        welcome = QWidget()
        self.stack.addWidget(welcome)
        welcome_layout = QVBoxLayout(welcome)
        welcome_layout.setContentsMargins(0, 0, 0, 0)
        welcome_layout.addWidget(
            heading(self.tr("Welcome! Let's connect your Mercado Pago account"))
        )
        welcome_layout.addWidget(
            note(
                self.tr(
                    "This app shows your customer's total on the QR sticker of your counter; "
                    "they pay with the Mercado Pago app. Three short steps: your account, your "
                    "store and box, and the sticker."
                )
            )
        )
        welcome_layout.addWidget(self.account, 1)

        # -- step 2: store and box -------------------------------------------------------------
        self.place = StoreBoxPage(session)
        for page in (self.account, self.place):
            # Read while the store step is still a window of its own (a window's default
            # margins are 2 px wider than a child's): the steps kept the margins they had.
            page_layout = page.layout()
            assert page_layout is not None
            margins = page_layout.contentsMargins()
            page_layout.setContentsMargins(0, margins.top(), 0, margins.bottom())
        self.stack.addWidget(self.place)

        # -- step 3: ready ---------------------------------------------------------------------
        self.summary = QLabel()
        self.summary.setObjectName("chosenPlace")
        self.summary.setWordWrap(True)
        self.sticker = StickerPanel(preview_size=380, whole=True)
        ready = QWidget()
        self.stack.addWidget(ready)
        ready_layout = QVBoxLayout(ready)
        ready_layout.setContentsMargins(0, 0, 0, 0)
        ready_layout.addWidget(heading(self.tr("All set")))
        ready_layout.addWidget(self.summary)
        ready_layout.addWidget(
            note(
                self.tr(
                    "Print the QR sticker and put it where customers can scan it. You can "
                    "change all of this later in Tools → Settings (F9)."
                )
            )
        )
        ready_layout.addWidget(self.sticker)
        ready_layout.addStretch(1)

        # -- buttons ---------------------------------------------------------------------------
        self.demo_button = QPushButton(self.tr("Try the demo first"))
        self.demo_button.setObjectName("demoButton")
        self.demo_button.setToolTip(
            self.tr(
                "Opens the app with a pretend Mercado Pago and a pretend customer's phone: "
                "nothing real is charged and nothing here is saved."
            )
        )
        self.footer = QLabel()
        self.footer.setObjectName("footerHint")  # what to do next: guidance, not an error
        self.footer.setWordWrap(True)
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.setObjectName("backButton")
        self.next_button = QPushButton(self.tr("Next"))
        self.next_button.setObjectName("primaryButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.footer, 1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.step_label)
        layout.addWidget(self.steps_area, 1)
        layout.addLayout(buttons)

        self.account.changed.connect(self._update)
        self.place.changed.connect(self._update)
        self.next_button.clicked.connect(self.go_next)
        self.back_button.clicked.connect(self.go_back)
        self.demo_button.clicked.connect(self.choose_demo)
        restore_geometry(self, "assistant", (980, 760))
        self._show_step(STEP_ACCOUNT)
        self.account.check_saved_token()  # a token from the keyring or MP_ACCESS_TOKEN
        install_mnemonics(self)
        self.account.token_edit.setFocus()  # what the person types first

    # == steps ===================================================================================
    @property
    def step(self) -> int:
        return self.stack.currentIndex()

    def _show_step(self, step: int) -> None:
        self.stack.setCurrentIndex(step)
        self.step_label.setText(
            (
                self.tr("Step 1 of 3 — your Mercado Pago account"),
                self.tr("Step 2 of 3 — your store and box"),
                self.tr("Step 3 of 3 — the QR sticker"),
            )[step]
        )
        self.back_button.setVisible(step != STEP_ACCOUNT)
        self.demo_button.setVisible(step != STEP_READY)  # set up by now: no need to pretend
        self.next_button.setText(
            self.tr("Start selling") if step == STEP_READY else self.tr("Next")
        )
        assign_mnemonics(self)
        if step == STEP_PLACE:
            self.place.load_if_needed()
        if step == STEP_READY:
            self._fill_ready()
        self._update()

    def _problem(self) -> str:
        if self.step == STEP_ACCOUNT:
            return self.account.problem()
        if self.step == STEP_PLACE:
            return self.place.problem()
        return ""

    def _update(self) -> None:
        if self._saving:
            return  # the buttons stay off and the footer says "Saving…" until it is over
        problem = self._problem()
        self.next_button.setEnabled(not problem)
        self.footer.setText(problem)

    def is_saving(self) -> bool:
        return self._saving

    def _show_saving(self, saving_now: bool) -> None:
        """While the token or the config file is being saved: the steps and every button are
        off (nothing typed now would be saved; no second Next) and the footer says why."""
        self._saving = saving_now
        if saving_now:
            self._focus_before = self.focusWidget()
        self.steps_area.setEnabled(not saving_now)
        for button in (self.next_button, self.back_button, self.demo_button):
            button.setEnabled(not saving_now)
        if saving_now:
            self._next_text = self.next_button.text()
            self.next_button.setText(self.tr("Saving…"))
            self.footer.setText(saving.saving_text())
        else:
            self.next_button.setText(self._next_text)
            self._update()
            focus, self._focus_before = self._focus_before, None
            if focus is not None and focus.isEnabled():
                focus.setFocus()

    def go_next(self) -> None:
        if self._saving or self._problem():
            return
        if self.step == STEP_ACCOUNT:
            # Without a keyring, Next is only enabled once "use it without saving" is ticked
            # (the page's problem() says so), and then the token serves this run only.
            writes = self.account.secret_writes()
            if writes is None:
                self._update()
            elif any(write.write is not None for write in writes):
                self._start_saving(self._save_token(writes))
            else:
                for write in writes:
                    write.saved()
                self._show_step(STEP_PLACE)
        elif self.step == STEP_PLACE:
            self._show_step(STEP_READY)
        else:
            self.finish()

    def _start_saving(self, coro: Coroutine[Any, Any, None]) -> None:
        self._show_saving(True)
        self.tasks.spawn(coro, on_error=self._save_crashed)

    async def _save_token(self, writes: list[SecretWrite]) -> None:
        try:
            failure = await asyncio.to_thread(saving.write_all, writes)
        finally:
            if not self._ended:
                self._show_saving(False)
        if self._ended:
            return
        if self._close_after_save:
            self._close_saved("the token", failure.error if failure is not None else None)
            return
        if failure is not None:
            writes[failure.index or 0].failed(failure.error)
            self._update()
            return
        for write in writes:
            write.saved()
        self._show_step(STEP_PLACE)

    def _save_crashed(self, exc: BaseException) -> None:
        if self._close_after_save:
            self._close_saved("what was typed", exc)
        elif not self._ended:
            show_error(self, exc)

    def _close_saved(self, what: str, error: BaseException | None) -> None:
        """The close asked during a save, now that it has ended: nobody is there to read a
        failure any more (the next start asks again for what was not saved): the log says it."""
        if error is not None:
            log.error("the setup assistant closed without saving %s: %s", what, error)
        self._end(None)

    def go_back(self) -> None:
        if self.step > STEP_ACCOUNT:
            self._show_step(self.step - 1)

    def _fill_ready(self) -> None:
        store, box = self.session.store, self.session.box
        user = self.session.user
        if store is None or box is None:
            return
        self.summary.setText(
            self.tr("This computer charges on {box} in {store}, for the account {account}.").format(
                box=box.name, store=store.name, account=user.nickname if user else "?"
            )
        )
        if box.qr_code:
            self.sticker.set_sticker(box.qr_code, store.name, box.name)
        else:
            self.sticker.clear(self.tr("The QR code is not available yet."))

    # == endings =================================================================================
    def finish(self) -> bool:
        """Start writing the config file (on a worker thread); the assistant ends once it is
        written, or says why it could not be. True when the writing started."""
        if self._saving or self._ended:
            return False
        config = self.session.apply_account(self.session.config)
        self._start_saving(self._save_config(config))
        return True

    async def _save_config(self, config: Config) -> None:
        try:
            problem = await asyncio.to_thread(saving.write_config, config)
        finally:
            if not self._ended:
                self._show_saving(False)
        if self._ended:
            return
        if self._close_after_save:
            self._close_saved("the settings", problem)
            return
        if problem is not None:
            self.footer.setText(saving.config_problem(problem))
            return
        token = self.session.saved_token if self.session.origin == "session" else None
        self._end(SetupOutcome(config=config, token=token))

    def choose_demo(self) -> None:
        if not self._saving:
            self._end(SetupOutcome(demo=True))

    def _end(self, outcome: SetupOutcome | None) -> None:
        if self._ended:
            return
        self._ended = True
        self.forgotten = self.forget_tasks()
        save_geometry(self, "assistant")
        emit(self.done, outcome)
        self.close()

    def forget_tasks(self) -> list[asyncio.Task[Any]]:
        return [*self.account.forget_tasks(), *self.place.forget_tasks()]

    def closeEvent(self, event: QCloseEvent) -> None:
        """The title bar's button, Ctrl-C or SIGTERM. Not in the middle of a save (the token to
        the keyring, the config file): ended there, a process could keep some of it and not
        the rest. The assistant stays, says it closes once saved, and then ends."""
        if self._saving:
            event.ignore()
            if not self._close_after_save:
                self._close_after_save = True
                self.footer.setText(
                    self.tr("Finishing the save: this window closes as soon as it is done.")
                )
            self.raise_()
            return
        event.accept()
        self._end(None)


async def run_setup_assistant(
    loaded: LoadResult,
    source: TokenSource,
    *,
    base_url: str | None = None,
    http_transport: httpx.AsyncBaseTransport | None = None,
) -> SetupOutcome | None:
    """Show the assistant and wait (without blocking the loop) for how it ended."""
    config = loaded.config
    async with open_client(
        config, source.token or AccessToken(""), base_url=base_url, http_transport=http_transport
    ) as client:
        session = SettingsSession(config, client, token=source.token, origin=source.origin)
        session.keyring_unreadable = source.unreadable
        problem = translate_message(loaded.problem) if loaded.problem else ""
        assistant = SetupAssistant(session, problem=problem)
        outcome: asyncio.Future[SetupOutcome | None] = asyncio.get_running_loop().create_future()

        def ended(value: object) -> None:
            if not outcome.done():
                outcome.set_result(value if isinstance(value, SetupOutcome) else None)

        assistant.done.connect(ended)
        assistant.show()
        assistant.raise_()
        assistant.activateWindow()
        try:
            # Ctrl-C and SIGTERM close it as its title bar's button does: after a save under way
            # (they ended the process in the middle of it, or raised KeyboardInterrupt anywhere).
            with close_on_terminal_signals(assistant):
                return await outcome
        finally:
            # Calls still running end before their HTTP client closes.
            # Those canceled when it ended too: ended since, their last step (the page no longer
            # busy) may still be queued, and it touches the assistant: deleted after it.
            pending = [*assistant.forgotten, *assistant.forget_tasks()]
            assistant.hide()
            if pending:
                await asyncio.gather(*pending, return_exceptions=True)
            assistant.deleteLater()
