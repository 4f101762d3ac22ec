"""Settings → Language: which language the app speaks (stored in ``config.language``).

Only the choice is stored here; the translations are loaded at start-up, so a change applies
after a restart (the page says so).
"""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from pos_app.settings.config import Config
from pos_app.settings.forms import LANGUAGES
from pos_app.ui.qtkit.workarounds import emit
from pos_app.ui.settings.saving import SecretWrite
from pos_app.ui.settings.session import SettingsSession
from pos_app.ui.widgets.form_parts import FieldBox, FormGrid, heading, note


class LanguagePage(QWidget):
    changed = Signal()

    def __init__(self, session: SettingsSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.title = self.tr("Language")
        self.language = QComboBox()
        self.language.setObjectName("languageCombo")
        self.language.setMaximumWidth(360)
        for choice in LANGUAGES:
            # Each language in its own name, so people find theirs whatever the app speaks now.
            label = choice.label or self.tr("System (as the computer is set)")
            self.language.addItem(label, choice.code)
        index = self.language.findData(session.config.language)
        self.language.setCurrentIndex(max(index, 0))
        self.restart_note = note(name="footerHint")
        form = FormGrid()
        form.addRow(
            self.tr("Language:"),
            FieldBox(self.language, self.tr("Changes apply after restarting the app.")),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Language and appearance")))
        layout.addLayout(form)
        layout.addWidget(self.restart_note)
        layout.addStretch(1)
        self.language.currentIndexChanged.connect(self._changed)
        self._changed()

    def _changed(self, *_args: object) -> None:
        changed = self.code() != self.session.config.language
        self.restart_note.setText(
            self.tr("Close and open the app again to see it in the new language.")
            if changed
            else ""
        )
        emit(self.changed)

    def code(self) -> str:
        return str(self.language.currentData() or "")

    def problem(self) -> str:
        return ""

    def is_busy(self) -> bool:
        return False

    def secret_writes(self) -> list[SecretWrite] | None:
        return []

    def apply_to(self, config: Config) -> Config:
        return config.with_changes(language=self.code())

    def forget_tasks(self) -> list[asyncio.Task[Any]]:
        return []
