"""Window geometry remembered between runs, in an INI file next to the app's config.

``QSettings`` with an explicit file (rather than the platform registry) keeps it under
``POS_APP_HOME`` when that is set, so tests and demo mode never touch the real one.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QWidget

from pos_app.settings import paths

FILE_NAME = "window.ini"


def ui_settings() -> QSettings:
    return QSettings(str(paths.config_dir() / FILE_NAME), QSettings.Format.IniFormat)


def read_geometry(key: str) -> QByteArray:
    """The geometry saved under ``key`` (empty when none). Safe on any thread: start-up reads it
    off the GUI thread, before the first frame."""
    value = ui_settings().value(f"{key}/geometry")
    return value if isinstance(value, QByteArray) else QByteArray()


def apply_geometry(widget: QWidget, value: QByteArray, default_size: tuple[int, int]) -> bool:
    """Give ``widget`` the saved geometry ``value``; else ``default_size``."""
    if not value.isEmpty() and widget.restoreGeometry(value):
        return True
    widget.resize(*default_size)
    return False


def restore_geometry(widget: QWidget, key: str, default_size: tuple[int, int]) -> bool:
    """Restore ``widget``'s geometry saved under ``key``; else give it ``default_size``."""
    return apply_geometry(widget, read_geometry(key), default_size)


def save_geometry(widget: QWidget, key: str) -> None:
    settings = ui_settings()
    settings.setValue(f"{key}/geometry", widget.saveGeometry())
    settings.sync()
