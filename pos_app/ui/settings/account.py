"""Settings → Account: the access token (masked, kept in the OS keyring) and "Test connection".

The typed token is checked with ``/users/me`` *before* it is saved, and saved only when the
person presses OK. After that the page shows only its last four characters. When the token
comes from ``MP_ACCESS_TOKEN`` the field is off and the page says so; when this computer has no
usable keyring the page says so once, before anyone types, with what to do, and offers to use the
token without saving it (a choice remembered until the app closes).
"""

from __future__ import annotations

import asyncio
import functools
import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import SITES
from pos_app.mercadopago.credentials import AccessToken
from pos_app.mercadopago.models import User
from pos_app.settings import account, secrets
from pos_app.settings.config import Config
from pos_app.ui.qtkit.async_utils import TaskKeeper
from pos_app.ui.qtkit.errors import describe_error, translate_message
from pos_app.ui.qtkit.keyboard import assign_mnemonics
from pos_app.ui.qtkit.style import set_state
from pos_app.ui.qtkit.workarounds import emit
from pos_app.ui.settings.saving import SecretWrite
from pos_app.ui.settings.session import SettingsSession
from pos_app.ui.widgets.form_parts import BusyIndicator, FieldBox, heading, note

log = logging.getLogger(__name__)


class _UnsavedChoice:
    """ "Use the token without saving it", once ticked, holds until the app closes: the
    assistant, and Settings later in the same run, do not ask again."""

    chosen = False


UNSAVED_CHOICE = _UnsavedChoice()


class AccountPage(QWidget):
    changed = Signal()  # validity or busy state may have changed

    def __init__(
        self, session: SettingsSession, *, must_check: bool = False, parent: QWidget | None = None
    ) -> None:
        """``must_check``: the first-run assistant wants Mercado Pago's word on the token even
        when one is already saved; Settings trusts a saved token."""
        super().__init__(parent)
        self.session = session
        self.must_check = must_check
        self.tasks = TaskKeeper(self)
        self._checked_text: str | None = None  # the field's text Mercado Pago accepted
        self._running = 0  # checks started whose end was not rendered yet

        self.title = self.tr("Account")
        self.secret_status = note(name="secretStatus")
        self.token_edit = QLineEdit()
        self.token_edit.setObjectName("tokenEdit")
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_edit.setPlaceholderText(self.tr("Paste the access token: APP_USR-…"))
        self.token_edit.setAccessibleName(self.tr("Access token"))
        self.token_edit.setClearButtonEnabled(True)
        self.reveal_button = QPushButton(self.tr("Show"))
        self.reveal_button.setObjectName("revealTokenButton")
        self.reveal_button.setCheckable(True)
        self.reveal_button.setToolTip(self.tr("Show or hide what you pasted"))
        self.reveal_button.toggled.connect(self._toggle_reveal)
        self.token_field = FieldBox(
            self.token_edit, self._where_to_find(), trailing=self.reveal_button
        )
        self._save_error = ""  # the keyring refused the token (OK pressed)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setObjectName("testConnectionButton")
        self.busy = BusyIndicator()

        self.card = QFrame()
        self.card.setObjectName("accountCard")
        self.card_title = QLabel()
        self.card_title.setObjectName("fieldOk")
        self.nickname = QLabel()
        self.user_id = QLabel()
        self.country = QLabel()
        self.currency = QLabel()
        self.test_user = QLabel()
        self.test_user.setWordWrap(True)
        card_form = QFormLayout()
        card_form.addRow(self.tr("Account name:"), self.nickname)
        card_form.addRow(self.tr("User id:"), self.user_id)
        card_form.addRow(self.tr("Country:"), self.country)
        card_form.addRow(self.tr("Currency:"), self.currency)
        card_form.addRow(self.tr("Test user:"), self.test_user)
        card_layout = QVBoxLayout(self.card)
        card_layout.addWidget(self.card_title)
        card_layout.addLayout(card_form)
        self.card.hide()

        self.storage = note()
        # Short: a check box does not wrap (the note above explains what it means).
        self.unsaved_check = QCheckBox(self.tr("Use the token without saving it"))
        self.unsaved_check.setObjectName("useUnsavedCheck")
        self.unsaved_check.setChecked(UNSAVED_CHOICE.chosen)
        self.unsaved_check.toggled.connect(self._unsaved_toggled)
        self.branding = note(
            self.tr(
                "What the customer sees: Mercado Pago shows your business name and logo from "
                "your account (Your profile → Business information). Without them, the "
                "customer's phone shows the first item's name and picture instead."
            )
        )

        self.token_label = QLabel(
            self.tr("New access token:") if session.saved_token else self.tr("Access token:")
        )
        self.token_label.setBuddy(self.token_edit)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.busy, 1)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        self.heading = heading(self.tr("Mercado Pago account"))
        layout.addWidget(self.heading)
        layout.addWidget(self.secret_status)
        layout.addWidget(self.storage)
        layout.addWidget(self.unsaved_check)
        layout.addWidget(self.token_label)
        layout.addWidget(self.token_field)
        layout.addLayout(row)
        layout.addWidget(self.card)
        layout.addWidget(self.branding)
        layout.addStretch(1)

        self.token_edit.textChanged.connect(self._text_changed)
        self.token_edit.returnPressed.connect(self.test_connection)
        self.test_button.clicked.connect(self.test_connection)
        self.show_secret_status()
        self._show_storage()
        if session.user is not None and not must_check:
            self._show_account(session.user, fresh=False)
        self._update()

    def _where_to_find(self) -> str:
        return self.tr(
            "Where to find it: in Mercado Pago Developers open Your integrations → your "
            "application → Production credentials, and copy the “Access token” (not the "
            "“Public key”). Test credentials only simulate payments."
        )

    # == what is saved ===========================================================================
    def show_secret_status(self) -> None:
        session = self.session
        token = session.saved_token
        if session.new_token is not None and not account.keyring_usable():
            # The keyring news is in the note above, once; here only what happens to the token.
            text = (
                self.tr(
                    "Mercado Pago accepted the new token (it ends in {hint}). It is used until "
                    "the app closes and never saved."
                )
                if self.unsaved_check.isChecked()
                else self.tr("Mercado Pago accepted the new token (it ends in {hint}).")
            ).format(hint=session.new_token.hint)
            state = "saved" if self.unsaved_check.isChecked() else ""
        elif session.new_token is not None:
            text = (
                self.tr(
                    "Mercado Pago accepted the new token (it ends in {hint}). It is saved in the "
                    "keyring when you press Next."
                )
                if self.must_check
                else self.tr(
                    "Mercado Pago accepted the new token (it ends in {hint}). It is saved in the "
                    "keyring when you press OK."
                )
            ).format(hint=session.new_token.hint)
            state = "saved"
        elif session.token_from_environment and token is not None:
            text = self.tr(
                "The access token comes from the MP_ACCESS_TOKEN environment variable (it ends "
                "in {hint}). It takes precedence over the keyring: to change it, change the "
                "variable and restart the app."
            ).format(hint=token.hint)
            state = "env"
        elif token is not None and session.origin == "keyring":
            text = self.tr("Access token: saved, ends in {hint}.").format(hint=token.hint)
            state = "saved"
        elif token is not None and session.origin == "session":
            text = self.tr(
                "Access token: in use until the app closes (it ends in {hint}); it could not be "
                "saved on this computer."
            ).format(hint=token.hint)
            state = "missing"
        elif token is not None:
            text = self.tr(
                "Access token: given when the app started (demo or command line), ends in {hint}."
            ).format(hint=token.hint)
            state = "saved"
        elif session.keyring_unreadable:
            # It said "No access token yet", as on a first run, to a shop whose token is there.
            text = self.tr(
                "The access token could not be read from this computer's keyring: it is "
                "locked, or did not answer. Unlock it (for example, log in to this computer "
                "again) and start the app again; or paste the token below and press “Test "
                "connection”."
            )
            state = "missing"
        else:
            text = self.tr("No access token yet: paste it below and press “Test connection”.")
            state = "missing"
        self.secret_status.setText(text)
        set_state(self.secret_status, state)
        from_env = session.token_from_environment
        self.token_edit.setEnabled(not from_env)
        if from_env:
            self.token_edit.setPlaceholderText(self.tr("Set by MP_ACCESS_TOKEN"))

    def _show_storage(self) -> None:
        usable = account.keyring_usable()
        set_state(self.storage, "" if usable else "warning")
        # Only a choice to make when a typed token would have nowhere to go.
        self.unsaved_check.setVisible(not usable and not self.session.token_from_environment)
        if usable:
            self.storage.setText(
                self.tr(
                    "Where the token is kept: in this computer's keyring ({backend}), never in "
                    "a file."
                ).format(backend=secrets.backend_name())
            )
        elif self.session.token_from_environment:
            self.storage.setText(
                self.tr(
                    "This computer has no password keyring: the token is read from "
                    "MP_ACCESS_TOKEN each time the app starts."
                )
            )
        else:
            self.storage.setText(
                self.tr(
                    "This computer has no password keyring (the safe place where programs keep "
                    "secrets), so the app cannot remember the access token. You can still use "
                    "it now: tick the box below, and it works until the app closes (you paste "
                    "it again next time). To have it remembered, install and unlock a "
                    "keyring (GNOME Keyring or KWallet) and start the app again; on a kiosk PC, "
                    "set the MP_ACCESS_TOKEN environment variable instead. The token is never "
                    "written to a file."
                )
            )

    def _unsaved_toggled(self, checked: bool) -> None:
        UNSAVED_CHOICE.chosen = checked
        self._save_error = ""
        self.token_field.set_error("")
        self.show_secret_status()
        self._update()

    def needs_unsaved_choice(self) -> bool:
        """A checked token that cannot be saved here, and nobody said "use it unsaved" yet."""
        return (
            self.session.new_token is not None
            and not account.keyring_usable()
            and not self.unsaved_check.isChecked()
        )

    # == checking ================================================================================
    def _typed_token(self) -> AccessToken:
        return AccessToken(self.token_edit.text())

    def _candidate(self) -> AccessToken | None:
        typed = self._typed_token()
        return typed if typed else self.session.saved_token

    def _text_changed(self, _text: str) -> None:
        self.tasks.cancel_all()
        self.busy.stop()
        self._save_error = ""
        self.storage.show()
        typed = self._typed_token()
        if typed and typed.looks_like_public_key:
            # The most common mistake: say so at once, no need to ask Mercado Pago.
            problem = account.token_problem(typed)
            self.token_field.set_error(translate_message(problem) if problem else "")
        else:
            self.token_field.set_error("")
        if typed and self._checked_text != typed.reveal():
            self.card.hide()
        new = self.session.new_token
        if new is not None and typed.reveal() != new.reveal():
            self._checked_text = None
            self.session.forget_new_token()
            self.show_secret_status()
            if not typed and self.session.user is not None and not self.must_check:
                self._show_account(self.session.user, fresh=False)
        self._update()

    def test_connection(self) -> None:
        token = self._candidate()
        if token is None or not self.test_button.isEnabled():
            if token is None:
                self.token_field.set_error(self.tr("Paste the access token first."))
            return
        self.tasks.cancel_all()
        self.token_field.set_error("")
        self.card.hide()
        self.busy.start(self.tr("Asking Mercado Pago whose token this is…"))
        self._running += 1
        task = self.tasks.spawn(self._check(token), on_error=self._check_crashed)
        task.add_done_callback(self._settled)
        self._update()

    async def _check(self, token: AccessToken) -> None:
        try:
            user = await account.check_token(self.session.base_client, token)
        except account.AccountError as exc:
            self._checked_text = None
            self.token_field.set_error(translate_message(exc.msg))
            return
        finally:
            self.busy.stop()
        self._checked_text = token.reveal()
        self.session.account_checked(token, user)
        self._show_account(user, fresh=True)
        self.show_secret_status()

    def _settled(self, _task: object) -> None:
        # One callback both ends "busy" and re-renders, so nobody sees one without the other.
        self._running -= 1
        self._update()

    def _check_crashed(self, exc: BaseException) -> None:
        log.error("checking the token failed unexpectedly", exc_info=exc)
        self.busy.stop()
        self.token_field.set_error(describe_error(exc))
        self._update()

    def check_saved_token(self) -> None:
        """Ask Mercado Pago about the saved token (the assistant does, on arrival)."""
        if self.session.saved_token is not None and not self._typed_token():
            self.test_connection()

    def _show_account(self, user: User, *, fresh: bool) -> None:
        site = SITES.get(user.site_id)
        self.card_title.setText(
            self.tr("✔ Mercado Pago accepted the token.")
            if fresh
            else self.tr("The account this computer uses:")
        )
        self.nickname.setText(user.nickname or "—")
        self.user_id.setText(str(user.id))
        country = QCoreApplication.translate("Country", site.country) if site else "?"
        self.country.setText(f"{country} ({user.site_id})")
        self.currency.setText(site.currency if site else "?")
        self.test_user.setText(
            self.tr("Yes — payments are simulated, no real money moves.")
            if user.is_test_user
            else self.tr("No — real payments, real money.")
        )
        self.card.show()

    def _toggle_reveal(self, shown: bool) -> None:
        self.token_edit.setEchoMode(
            QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        )
        self.reveal_button.setText(self.tr("Hide") if shown else self.tr("Show"))
        assign_mnemonics(self.window())

    # == the page's state ========================================================================
    def is_busy(self) -> bool:
        return self._running > 0

    def has_pending_token(self) -> bool:
        """Text in the field that Mercado Pago has not accepted (yet)."""
        typed = self._typed_token()
        return bool(typed) and self._checked_text != typed.reveal()

    def problem(self) -> str:
        """Why OK (or Next) cannot go ahead yet; "" when it can."""
        if self.is_busy():
            return self.tr("Wait for Mercado Pago to answer.")
        if self._save_error:
            return self.tr(
                "The token cannot be saved on this computer (see the message under the token)."
            )
        if self.has_pending_token():
            if self.token_field.error.text():
                return self.tr("This token does not work (see the message under the token).")
            return self.tr("Press “Test connection” to check the new token before saving.")
        if self.session.token is None:
            return self.tr("Paste the access token and press “Test connection”.")
        if self.must_check and not self.session.checked:
            return self.tr("Press “Test connection” so Mercado Pago confirms the token.")
        if self.needs_unsaved_choice():
            return self.tr(
                "This computer cannot save the token: tick “Use the token without saving it” "
                "to go on."
            )
        return ""

    def _update(self) -> None:
        from_env = self.session.token_from_environment
        self.test_button.setEnabled(not self.is_busy() and (self._candidate() is not None))
        self.token_edit.setEnabled(not from_env)
        if self.has_pending_token() and not self.token_field.error.text() and not self.is_busy():
            self.token_field.set_hint(
                self.tr("Not checked yet: press “Test connection” (or Enter).")
            )
        else:
            self.token_field.set_hint(self._where_to_find())
        emit(self.changed)

    # == OK ======================================================================================
    def secret_writes(self) -> list[SecretWrite] | None:
        """What OK saves for this page: a newly checked token, put in the keyring on a worker
        thread (its unlock prompt must not freeze the window). None: it cannot be saved here
        and nobody chose to use it unsaved (said beside the field)."""
        token = self.session.new_token
        if token is None:
            return []
        if not account.keyring_usable():
            # Said before anyone typed: never ask the keyring only to fail. Unsaved, if chosen
            # (kept in memory once everything else was saved).
            if not (self.unsaved_check.isChecked() and self.can_use_without_saving()):
                return None
            return [SecretWrite(None, saved=self._keep_unsaved)]
        return [
            SecretWrite(
                functools.partial(secrets.save_token, token),
                saved=self._token_saved,
                failed=self._token_not_saved,
            )
        ]

    def _keep_unsaved(self) -> None:
        self.use_without_saving()

    def _token_saved(self) -> None:
        self.session.token_saved()
        self.token_edit.clear()
        self.show_secret_status()

    def _token_not_saved(self, exc: Exception) -> None:
        self._save_error = describe_error(exc)
        self.token_field.set_error(self._save_error)
        self.storage.hide()  # the same news, now in red under the field
        self.show_secret_status()
        emit(self.changed)

    def can_use_without_saving(self) -> bool:
        return not (self.session.new_token is None or self.is_busy() or self.has_pending_token())

    def use_without_saving(self) -> bool:
        """Keep the checked token in memory only (no keyring here); never in a file."""
        session = self.session
        if not self.can_use_without_saving():
            return False
        session.token_kept_unsaved()
        self._save_error = ""
        self.token_field.set_error("")
        self.token_edit.blockSignals(True)  # not an edit: the token stays the checked one
        self.token_edit.clear()
        self.token_edit.blockSignals(False)
        self.show_secret_status()
        self._update()
        return True

    def apply_to(self, config: Config) -> Config:
        return config  # the session carries the account; the dialog applies it

    def forget_tasks(self) -> list[asyncio.Task[Any]]:
        """Cancel calls still running (the dialog closed); returns them to be awaited."""
        return self.tasks.cancel_all()
