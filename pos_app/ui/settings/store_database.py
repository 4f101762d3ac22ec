"""Settings → Store database: the shared PostgreSQL database of the store (issue 17).

The address is saved in the config file without its password; the password goes to the
keyring (a password typed inside the address is moved there too). "Check" connects once and
says what it found; the counter never needs the database to sell.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from pos_app.settings import secrets
from pos_app.settings.config import Config
from pos_app.store.address import StoreAddressError, split_password
from pos_app.ui.qtkit.errors import describe_error, translate_message
from pos_app.ui.qtkit.workarounds import emit
from pos_app.ui.settings.saving import SecretWrite
from pos_app.ui.settings.session import SettingsSession
from pos_app.ui.widgets.form_parts import FieldBox, FormGrid, heading, note


class StoreDatabasePage(QWidget):
    changed = Signal()
    checked = Signal(bool)  # tests: a check ended (True: connected)

    def __init__(self, session: SettingsSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.title = self.tr("Database")
        self._tasks: list[asyncio.Task[Any]] = []
        self.address = QLineEdit(session.config.store_database)
        self.address.setObjectName("storeDatabaseAddress")
        self.address.setPlaceholderText(self.tr("postgresql://USER@HOST/DB"))
        self.password = QLineEdit()
        self.password.setObjectName("storeDatabasePassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("(unchanged)"))
        self.address_field = FieldBox(
            self.address,
            self.tr(
                "Empty: this counter keeps its sales to itself. With an address, every sale is "
                "also sent to the store's PostgreSQL database, in the background."
            ),
        )
        self.password_field = FieldBox(
            self.password, self.tr("Kept in the computer's password keyring, never in a file.")
        )
        self.check_button = QPushButton(self.tr("Check the connection"))
        self.check_button.setObjectName("storeDatabaseCheck")
        self.result = note(name="storeDatabaseResult")
        form = FormGrid()
        form.addRow(self.tr("Address:"), self.address_field)
        form.addRow(self.tr("Password:"), self.password_field)
        row = QHBoxLayout()
        row.addWidget(self.check_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Store database (all counters of the store)")))
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.address.textChanged.connect(self._edited)
        self.password.textChanged.connect(self._edited)
        self.check_button.clicked.connect(self.start_check)
        self._edited()

    # == fields ==================================================================================
    def _parts(self) -> tuple[str, str | None]:
        """``(address without password, password typed here or in the address)``."""
        text = self.address.text().strip()
        if not text:
            return "", None
        url, in_address = split_password(text)
        return url, self.password.text() or in_address

    def _edited(self, *_args: object) -> None:
        problem = self.problem()
        self.address_field.set_error(problem)
        self.check_button.setEnabled(bool(self.address.text().strip()) and not problem)
        emit(self.changed)

    def problem(self) -> str:
        try:
            self._parts()
        except StoreAddressError as exc:
            return translate_message(exc.msg)
        return ""

    def is_busy(self) -> bool:
        return any(not t.done() for t in self._tasks)

    def secret_writes(self) -> list[SecretWrite] | None:
        """A typed password, for the keyring (written on a worker thread)."""
        url, password = self._parts()
        if not url or not password:
            return []
        return [
            SecretWrite(
                functools.partial(secrets.save_store_password, password),
                saved=self.password.clear,
                failed=self._not_saved,
            )
        ]

    def _not_saved(self, exc: Exception) -> None:
        self.password_field.set_error(describe_error(exc))
        emit(self.changed)

    def apply_to(self, config: Config) -> Config:
        return config.with_changes(store_database=self._parts()[0])

    def forget_tasks(self) -> list[asyncio.Task[Any]]:
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            task.cancel()
        return tasks

    # == check ===================================================================================
    def start_check(self) -> None:
        self.result.setText(self.tr("Connecting…"))
        self.check_button.setEnabled(False)
        task = asyncio.ensure_future(self._check())
        self._tasks.append(task)

    async def _check(self) -> None:
        import psycopg

        from pos_app.store.replication import connect, safe_error
        from pos_app.store.schema import VERSION, StoreDatabaseError

        ok = False
        try:
            url, password = self._parts()
            # The keyring on a worker thread: its unlock prompt must not freeze the window.
            password = password or await asyncio.to_thread(secrets.load_store_password)
            conn = await connect(url, password, box=self.session.config.box_external_id)
            with contextlib.suppress(Exception):
                await conn.close()
            self.result.setText(
                self.tr(
                    "Connected. The store database is ready (schema version {version})."
                ).format(version=VERSION)
            )
            ok = True
        except StoreDatabaseError as exc:
            self.result.setText(translate_message(exc.msg))
        except (psycopg.Error, OSError, StoreAddressError) as exc:
            self.result.setText(
                self.tr(
                    "Not connected ({detail}). The counter sells on; its sales wait until the "
                    "store database answers."
                ).format(detail=safe_error(exc))
            )
        finally:
            self.check_button.setEnabled(True)
        emit(self.checked, ok)
