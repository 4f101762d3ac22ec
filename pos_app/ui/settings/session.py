"""What the Settings pages share while the dialog (or the assistant) is open.

Nothing here is saved until the person presses OK: a new token is only *checked* (with
``/users/me``) and kept in memory; the chosen store and box are remembered; the pages then build
the new :class:`~pos_app.settings.config.Config` from the original one.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from pos_app.domain.money import Site, site_for
from pos_app.mercadopago.client import MercadoPagoClient
from pos_app.mercadopago.credentials import AccessToken
from pos_app.mercadopago.models import Box, Store, User
from pos_app.settings.account import interactive_client, user_from_config
from pos_app.settings.config import Config
from pos_app.ui.qtkit.workarounds import emit


@dataclass(frozen=True)
class SettingsResult:
    """What OK produced: the saved config and, when it changed, the token to use from now on."""

    config: Config
    token: AccessToken | None = None
    token_origin: str = "keyring"  # or "session": no keyring, used until the app closes


class SettingsSession(QObject):
    accountChanged = Signal()  # a (possibly different) account was checked
    placeChanged = Signal()  # the chosen store or box changed

    def __init__(
        self,
        config: Config,
        client: MercadoPagoClient,
        *,
        token: AccessToken | None,
        origin: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.config = config
        self.base_client = client
        self.saved_token = token if token else None
        self.origin = origin  # "keyring", "environment", "argument", "session" or ""
        # Why the keyring could not be read at start ("KeyringLocked"...; "" when it answered):
        # the token may be there, locked away; the account page says so.
        self.keyring_unreadable = ""
        self.new_token: AccessToken | None = None  # checked, not saved yet
        self.user: User | None = user_from_config(config)
        self._saved_user = self.user  # whose the saved token is
        self.checked = False  # the effective token was confirmed by Mercado Pago just now
        self.store: Store | None = None
        self.box: Box | None = None  # with ``qr_code`` once fetched

    # -- the token ---------------------------------------------------------------------------
    @property
    def token(self) -> AccessToken | None:
        return self.new_token or self.saved_token

    @property
    def token_from_environment(self) -> bool:
        return self.origin == "environment"

    def client(self) -> MercadoPagoClient:
        return interactive_client(self.base_client, self.token or AccessToken(""))

    def account_checked(self, token: AccessToken, user: User) -> None:
        """``token`` works and belongs to ``user``; forget a place from another account."""
        self.new_token = None if token == self.saved_token else token
        if self.new_token is None:
            self._saved_user = user
        self._switch_user(user)
        self.checked = True
        emit(self.accountChanged)

    def forget_new_token(self) -> None:
        """The checked token was edited away: back to the saved token and its account."""
        if self.new_token is None:
            return
        self.new_token = None
        self.checked = False
        self._switch_user(self._saved_user)
        emit(self.accountChanged)

    def _switch_user(self, user: User | None) -> None:
        previous, self.user = self.user, user
        if previous is not None and (user is None or previous.id != user.id):
            self.set_place(None, None)  # that account's store and box are not this one's

    def token_saved(self) -> None:
        if self.new_token is not None:
            self.saved_token = self.new_token
            self.new_token = None
            self.origin = "keyring"
            self._saved_user = self.user

    def token_kept_unsaved(self) -> None:
        """No keyring: use the checked token until the app closes (never written anywhere)."""
        if self.new_token is not None:
            self.saved_token, self.new_token = self.new_token, None
            self.origin = "session"
            self._saved_user = self.user

    # -- the account's site --------------------------------------------------------------------
    @property
    def site(self) -> Site:
        site_id = self.user.site_id if self.user is not None else self.config.site_id
        try:
            return site_for(site_id)
        except KeyError:
            return site_for(self.config.site_id)

    # -- store and box -------------------------------------------------------------------------
    def set_place(self, store: Store | None, box: Box | None) -> None:
        self.store, self.box = store, box
        emit(self.placeChanged)

    @property
    def same_account_as_config(self) -> bool:
        return self.user is not None and self.user.id == self.config.user_id

    def place_ids(self) -> tuple[str, str]:
        """The store and box external ids OK would save ("" when none is chosen)."""
        if self.store is not None or self.box is not None:
            return (
                self.store.external_id if self.store else "",
                self.box.external_id if self.box else "",
            )
        if self.same_account_as_config or self.user is None:
            return self.config.store_external_id, self.config.box_external_id
        return "", ""

    def apply_account(self, config: Config) -> Config:
        """``config`` with the account, store and box chosen here."""
        changes: dict[str, object] = {}
        if self.user is not None:
            changes.update(
                user_id=self.user.id,
                site_id=self.site.site_id,
                nickname=self.user.nickname,
                is_test_user=self.user.is_test_user,
            )
        if self.store is not None and self.box is not None:
            changes.update(
                store_external_id=self.store.external_id,
                store_name=self.store.name,
                box_external_id=self.box.external_id,
                box_name=self.box.name,
            )
        elif self.user is not None and not self.same_account_as_config:
            changes.update(store_external_id="", store_name="", box_external_id="", box_name="")
        return config.with_changes(**changes)
