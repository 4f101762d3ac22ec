"""The shop's language for receipts, without Qt.

A receipt is printed from the window, from the command line and from a background print job;
only the window has Qt translators installed. The shipped ``.ts`` sources (package data) hold
every finished translation, so they are read directly: ``(context, source) → translation``.
Unfinished or missing entries fall back to English, like Qt does.
"""

from __future__ import annotations

import logging
import os
import sys
import xml.etree.ElementTree as ET
from functools import lru_cache

from pos_app import assets
from pos_app.i18n import ENGLISH, Translator, language_for_locale

log = logging.getLogger(__name__)

LANGUAGES = ("en", "es", "pt_BR")


def receipt_language(configured: str = "") -> str:
    """Settings → Language when set, else the computer's locale (as the window chooses)."""
    if configured in LANGUAGES:
        return configured
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value and value not in ("C", "POSIX"):
            return language_for_locale(value.split(":", 1)[0])
    windows = windows_display_language()
    return language_for_locale(windows) if windows else ENGLISH


def windows_display_language() -> str:
    """Windows' display language as a locale name (``pt_BR``), or ``""`` elsewhere or when it
    cannot be read. Windows sets none of the variables above, so without this the command
    line printed receipts in English on a Portuguese or Spanish Windows while the window (Qt
    asks Windows) spoke the shop's language."""
    if sys.platform != "win32":
        return ""
    try:
        import ctypes
        import locale

        lcid = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined,unused-ignore]
        return str(locale.windows_locale.get(int(lcid), ""))
    except (AttributeError, OSError, TypeError, ValueError):
        return ""


@lru_cache(maxsize=8)
def _table(language: str) -> dict[tuple[str, str], str]:
    table: dict[tuple[str, str], str] = {}
    if language == ENGLISH:
        return table
    path = assets.resources_dir() / "i18n" / f"pos_app_{language}.ts"
    try:
        root = ET.parse(path).getroot()  # our own shipped file, not outside input
    except (OSError, ET.ParseError) as exc:
        log.warning(
            "receipt translations for %s unavailable (%s): printing in English", language, exc
        )
        return table
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for msg in context.iter("message"):
            source = msg.findtext("source")
            node = msg.find("translation")
            if source is None or node is None or not node.text:
                continue
            if node.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            table[(name, source)] = node.text
    return table


def translator(language: str) -> Translator:
    """A ``translate(context, source)`` for ``language`` (English: the source itself)."""
    table = _table(language if language in LANGUAGES else ENGLISH)

    def translate(context: str, source: str) -> str:
        return table.get((context, source), source)

    return translate
