"""The languages, and the marker of translatable text, without :mod:`pos_app.i18n`'s messages.

:mod:`pos_app.i18n` re-exports all of it; the modules of the window's first frame import it from
here, so that ``Message`` and ``Joined`` (dataclasses: ~7 M instructions to define) come after the
first frame (start-up time, issue 19).
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # the name lupdate knows
    """Mark ``source`` for extraction under ``context``; returns it unchanged."""
    return source


ENGLISH = "en"  # the source language: no catalog


NO_BREAK_SPACE = "\u00a0"


class Unbroken(str):
    """A text that a sentence on screen must never split across two lines: an amount of money
    (``$ 12``) in a message's placeholder. :meth:`pos_app.i18n.Message.render` gives it with
    no-break spaces for a screen (``screen=True``: wrapped labels, message boxes) and as it is
    everywhere else (the command line, logs, files)."""

    __slots__ = ()

    def on_screen(self) -> str:
        return self.replace(" ", NO_BREAK_SPACE)


def language_for_locale(name: str) -> str:
    """``es_AR.UTF-8`` → ``es``, ``pt_PT`` → ``pt_BR``, ``de_DE`` → ``en``; also accepts codes.
    The window and the receipts pick their language by it."""
    base = name.split(".", 1)[0].split("@", 1)[0].replace("-", "_")
    lang = base.split("_", 1)[0].lower()
    if lang == "es":
        return "es"
    if lang == "pt":
        return "pt_BR"
    return ENGLISH
