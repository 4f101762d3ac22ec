"""Placeholders that never cut: a line edit shows the longest of its texts that fits.

A placeholder is not elided by Qt: it is cut at the field's edge ("Escanee un código de barras o
escriba el nom"). A field given several versions of its hint (longest first, each translated)
shows the first that fits its text area, and picks again when it is resized or its font
changes; the shortest is the last resort.

The fitter follows the field through an event filter. A field of the window's first frame can
start without it (``watch=False``) and refit from its own ``resizeEvent`` until :meth:`watch`:
the first generic ``QEvent`` PySide6 hands to Python makes it load every event class (3-4 ms
before the first frame; start-up time, issue 19). Until then it also measures its room without
``QStyle`` (:func:`first_frame_room`): the first ``QStyle`` PySide6 wraps builds that class's 14
enums (~7.5 ms of the first frame). :meth:`watch` measures again exactly.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLineEdit


def text_room(edit: QLineEdit) -> int:
    """The width a placeholder can use: the contents rectangle less Qt's 2 px margins, the
    text margins and, with a clear button, its square (reserved even while hidden)."""
    from PySide6.QtWidgets import QStyle, QStyleOptionFrame  # after the first frame (above)

    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    area = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    margins = edit.textMargins()
    room = area.width() - margins.left() - margins.right() - 4
    if edit.isClearButtonEnabled():
        room -= area.height()
    return room


def first_frame_room(edit: QLineEdit) -> int:
    """:func:`text_room` without ``QStyle``, never more than it: Qt sizes a line edit for 17
    "x" plus the same frame, padding, Qt margins and text margins that the contents rectangle
    leaves out (the style's ``CT_LineEdit`` and ``SE_LineEditContents``: equal without a clear
    button, tests/ui/test_ui_text_fits.py), so the width less the size hint's surplus over
    those 17 "x" is the room. A clear button's square is at most the field's height."""
    surplus = edit.sizeHint().width() - 17 * edit.fontMetrics().horizontalAdvance("x")
    room = edit.width() - surplus
    if edit.isClearButtonEnabled():
        room -= edit.height()
    return room


class PlaceholderFit(QObject):
    """Keeps ``edit``'s placeholder to the longest of ``variants`` that fits."""

    def __init__(self, edit: QLineEdit, *, watch: bool = True) -> None:
        super().__init__(edit)
        self._edit = edit
        self._variants: list[str] = []
        self._watching = False
        if watch:
            self.watch()

    def watch(self) -> None:
        """Refit on the field's resize, font and style changes from now on (idempotent); a
        field that started without watching is measured again, exactly."""
        if not self._watching:
            self._watching = True
            self._edit.installEventFilter(self)
            self.refit()

    def set_variants(self, variants: Sequence[str]) -> None:
        self._variants = [v for v in variants if v]
        self.refit()

    def refit(self) -> None:
        if not self._variants:
            return
        room = text_room(self._edit) if self._watching else first_frame_room(self._edit)
        metrics = self._edit.fontMetrics()
        chosen = next(
            (v for v in self._variants if metrics.horizontalAdvance(v) <= room),
            self._variants[-1],
        )
        if chosen != self._edit.placeholderText():
            self._edit.setPlaceholderText(chosen)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._edit and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
            QEvent.Type.Polish,
        ):
            self.refit()
        return False


def fit_placeholder(edit: QLineEdit, *variants: str, watch: bool = True) -> PlaceholderFit:
    """Give ``edit`` its hint in several lengths (longest first); returns the fitter, whose
    ``set_variants`` changes them later. ``watch=False``: the field calls ``refit`` when it is
    resized, until ``watch()`` (a new fitter only; see the module's docstring)."""
    fit = edit.findChild(PlaceholderFit)
    if fit is None:
        fit = PlaceholderFit(edit, watch=watch)
    fit.set_variants(variants)
    return fit
