"""Audible cues. PySide6-Essentials has no QtMultimedia, so the system beep is what we have.

Kept in one module so a later issue can play real sounds (``resources/sounds/``) through an
add-on, and so tests can count the cues instead of hearing them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def paid() -> None:
    """The customer paid (only called when ``config.sound_on_paid`` is on)."""
    QApplication.beep()


def attention() -> None:
    """Something needs the cashier's eyes: an unknown code, a late payment."""
    QApplication.beep()
