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


# What a window's frame (its title bar) takes beyond the height Qt sizes: the screen's free
# height less this is the most a window may ask for.
TITLE_BAR = 40
LEAST_SCREEN_WIDTH = 1024


def resize_for_screen(widget: QWidget, width: int, height: int) -> None:
    """``widget.resize(width, height)``, but never taller than its screen's free height less a
    title bar, nor wider than the screen: a dialog of 760 px opened on a 1024 x 600 counter
    screen had its buttons (Close, OK) below the screen's edge, out of reach. Never narrowed
    under 1024 px (:data:`LEAST_SCREEN_WIDTH`, the smallest counter screen): every window is
    laid out for it, and the test screen (offscreen, 800 x 800) is narrower."""
    screen = widget.screen()
    if screen is not None:
        # Not floored by the widget's minimumSizeHint(): asked while a window is built, it
        # measured every row of the products list (its layout does that floor when shown).
        free = screen.availableGeometry()
        height = max(min(height, free.height() - TITLE_BAR), 1)
        width = max(min(width, max(free.width(), LEAST_SCREEN_WIDTH)), 1)
    widget.resize(width, height)


def apply_geometry(widget: QWidget, value: QByteArray, default_size: tuple[int, int]) -> bool:
    """Give ``widget`` the saved geometry ``value``; else ``default_size`` (no taller than its
    screen allows: :func:`resize_for_screen`)."""
    if not value.isEmpty() and widget.restoreGeometry(value):
        return True
    resize_for_screen(widget, *default_size)
    return False


def restore_geometry(widget: QWidget, key: str, default_size: tuple[int, int]) -> bool:
    """Restore ``widget``'s geometry saved under ``key``; else give it ``default_size``."""
    return apply_geometry(widget, read_geometry(key), default_size)


def save_geometry(widget: QWidget, key: str) -> None:
    settings = ui_settings()
    settings.setValue(f"{key}/geometry", widget.saveGeometry())
    settings.sync()
