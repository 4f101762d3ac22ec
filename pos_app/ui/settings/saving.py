"""Writing the config file from Settings and the setup assistant, and saying why it failed."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from pos_app.settings import config as config_mod
from pos_app.settings.config import Config

log = logging.getLogger(__name__)


def write_config(config: Config, footer: QLabel) -> Callable[[], None] | None:
    """Write the config file and return what puts the previous one back (a later step failed);
    when it cannot be written, say why in ``footer`` (and the log) and return None."""
    try:
        before = config_mod.saved_bytes()
        config_mod.save(config)
    except OSError as exc:
        log.error("cannot write the config file: %s", exc)
        footer.setText(
            QCoreApplication.translate(
                "SettingsDialog", "The settings file could not be written ({error})."
            ).format(error=exc.strerror or exc)
        )
        return None

    def put_back() -> None:
        try:
            config_mod.put_back(before)
        except OSError as exc:
            log.error("cannot put the previous config file back: %s", exc)

    return put_back
