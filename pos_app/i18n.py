"""Translatable messages for the Qt-free layers.

The domain, the checkout engine and the client must not import Qt, yet their error texts reach
the cashier. They carry a :class:`Message`: a Qt Linguist *context*, an English *source* text with
``{placeholders}`` and the values to fill in. ``str(message)`` gives English (logs, CLI); the UI
passes ``context`` and ``source`` through ``QCoreApplication.translate`` and then formats.

``QT_TRANSLATE_NOOP`` is the marker ``pyside6-lupdate`` looks for, so the strings written next to
it are extracted into the ``.ts`` files even though nothing here calls Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

# The marker and the languages live in a module without dataclasses (the first frame's modules
# import them from there: start-up time, issue 19); here for everyone else.
from pos_app.i18n_base import ENGLISH, QT_TRANSLATE_NOOP, Unbroken, language_for_locale

__all__ = [
    "ENGLISH",
    "QT_TRANSLATE_NOOP",
    "Joined",
    "Message",
    "Translator",
    "Unbroken",
    "language_for_locale",
    "message",
]


Translator = Callable[[str, str], str]


def _identity(context: str, source: str) -> str:
    return source


@dataclass(frozen=True)
class Message:
    """A user-facing text that can be translated later, where Qt is available."""

    context: str
    source: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def render(self, translate: Translator = _identity, *, screen: bool = False) -> str:
        """The message in ``translate``'s language; ``screen``: shown in a window, where an
        amount (:class:`~pos_app.i18n_base.Unbroken`) keeps its symbol and number on one line."""
        text = translate(self.context, self.source)
        # A reason inside a sentence is translated with it, never left in English.
        params = {key: _param(value, translate, screen) for key, value in self.params.items()}
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            # A broken translation must never hide the message: fall back to English.
            return self.source.format(**params)

    def __str__(self) -> str:
        return self.render()


@dataclass(frozen=True)
class Joined:
    """Several reasons in one placeholder (``"cut short; not UTF-8"``), each translated."""

    parts: tuple[Message | str, ...]
    separator: str = "; "

    def render(self, translate: Translator = _identity, *, screen: bool = False) -> str:
        return self.separator.join(_param(part, translate, screen) for part in self.parts)

    def __str__(self) -> str:
        return self.render()


def _param(value: Any, translate: Translator, screen: bool) -> Any:
    if isinstance(value, Message | Joined):
        return value.render(translate, screen=screen)
    if screen and isinstance(value, Unbroken):
        return value.on_screen()
    return value


def message(context: str, source: str, **params: Any) -> Message:
    return Message(context, source, params)
