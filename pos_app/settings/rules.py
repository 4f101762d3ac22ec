"""The bounds of every setting, in one place: Settings, ``pos-app configure`` and the loading of
the config file accept and refuse the same values.

Each ``*_problem`` function answers with a translatable :class:`~pos_app.i18n.Message` saying
what is wrong (``None`` when the value is fine). Nothing here knows the config file itself, so
both :mod:`pos_app.settings.config` and :mod:`pos_app.settings.forms` can use it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath, PurePosixPath, PureWindowsPath

from pos_app.i18n import QT_TRANSLATE_NOOP, Message, message

CTX = "SettingsForm"

MIN_TTL_MINUTES, MAX_TTL_MINUTES = 1, 1440
MIN_POLL_SECONDS, MAX_POLL_SECONDS = 0.2, 300.0
MAX_FAST_PHASE_SECONDS = 3600.0


def _msg(source: str, **params: object) -> Message:
    return message(CTX, source, **params)


def order_ttl_problem(minutes: int) -> Message | None:
    if not MIN_TTL_MINUTES <= minutes <= MAX_TTL_MINUTES:
        return _msg(
            QT_TRANSLATE_NOOP(
                "SettingsForm", "An order must expire after 1 to 1440 minutes (one day)."
            )
        )
    return None


MAX_BACKUPS_KEPT = 1000


def backup_keep_problem(count: int) -> Message | None:
    if not 1 <= count <= MAX_BACKUPS_KEPT:
        return _msg(QT_TRANSLATE_NOOP("SettingsForm", "Keep 1 to 1000 backups."))
    return None


def poll_interval_problem(seconds: float) -> Message | None:
    # ``not a <= x <= b`` also refuses NaN.
    if not MIN_POLL_SECONDS <= seconds <= MAX_POLL_SECONDS:
        return _msg(
            QT_TRANSLATE_NOOP("SettingsForm", "Check between every 0.2 and every 300 seconds.")
        )
    return None


def fast_phase_problem(seconds: float) -> Message | None:
    if not 0 <= seconds <= MAX_FAST_PHASE_SECONDS:
        return _msg(
            QT_TRANSLATE_NOOP(
                "SettingsForm", "The quick checks may last from 0 to 3600 seconds (one hour)."
            )
        )
    return None


def listen_problem(text: str) -> Message | None:
    # Imported here: the window's first frame reads LANGUAGES (start-up time, issue 19).
    from pos_app.settings.setup import validate_listen

    try:
        validate_listen(text)
    except ValueError:
        return _msg(
            QT_TRANSLATE_NOOP(
                "SettingsForm",
                "Write the address as HOST:PORT, for example 127.0.0.1:8088 (port 1 to 65535).",
            )
        )
    return None


def address_secret_problem(text: str) -> Message | None:
    """An address with the access token in it (pasted by mistake, or the old API's
    ``?access_token=``): it would be saved in the settings file and, for the notification
    address, sent to Mercado Pago with every order."""
    from pos_app.system.logs import holds_secret

    if not holds_secret(text):
        return None
    return _msg(
        QT_TRANSLATE_NOOP(
            "SettingsForm",
            "This address holds an access token. It is never needed there, and it would be "
            "saved in the settings file and sent with every order: take it out.",
        )
    )


def notify_url_problem(text: str) -> Message | None:
    from pos_app.settings.setup import validate_notify_url

    secret = address_secret_problem(text)
    if secret is not None:
        return secret
    try:
        validate_notify_url(text)
    except ValueError:
        return _msg(
            QT_TRANSLATE_NOOP(
                "SettingsForm",
                "Mercado Pago only sends notifications to an https:// address that the "
                "internet can reach (plain http:// only for 127.0.0.1, when testing).",
            )
        )
    return None


@dataclass(frozen=True)
class LanguageChoice:
    code: str  # what config.language stores; "" = follow the system
    label: str  # the language's own name (not translated: people look for their own)


LANGUAGES: Sequence[LanguageChoice] = (
    LanguageChoice("", ""),  # the UI writes "System" in the current language
    LanguageChoice("en", "English"),
    LanguageChoice("es", "Español"),
    LanguageChoice("pt_BR", "Português (Brasil)"),
)


# == the customer display ==========================================================================
DISPLAY_OFF, DISPLAY_WINDOW, DISPLAY_FULL_SCREEN = "off", "window", "fullscreen"
DISPLAY_MODES = (DISPLAY_OFF, DISPLAY_WINDOW, DISPLAY_FULL_SCREEN)
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".svg", ".webp")
MAX_SCREEN_NAME = 200


def screen_name_problem(text: str) -> Message | None:
    """A screen as Qt names it (``HDMI-1``, ``DISPLAY2``): printable, one line."""
    if len(text) > MAX_SCREEN_NAME or not text.isprintable():
        return _msg(QT_TRANSLATE_NOOP("SettingsForm", "Not the name of a screen."))
    return None


def logo_path_problem(text: str) -> Message | None:
    """The shop's logo: an absolute path to a picture file (whether it is still there and
    readable is said by Settings and, at run time, by an empty place where the logo would be)."""
    path: PurePath = PureWindowsPath(text) if os.name == "nt" else PurePosixPath(text)
    if not text.isprintable() or not path.is_absolute():
        return _msg(
            QT_TRANSLATE_NOOP("SettingsForm", "The logo must be a file chosen with Browse.")
        )
    if path.suffix.lower() not in LOGO_SUFFIXES:
        return _msg(
            QT_TRANSLATE_NOOP(
                "SettingsForm", "The logo must be a picture: PNG, JPEG, BMP, GIF, SVG or WebP."
            )
        )
    return None
