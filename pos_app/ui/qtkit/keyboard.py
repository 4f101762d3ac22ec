"""Keyboard-only use: Alt+letter for every button and labelled field; Tab and Enter helpers.

A counter PC often has a keyboard and a poor mouse or none: Alt+letter must reach each field
(through its label's buddy) and press each button. Writing '&' into every translated string
and keeping the letters unique per window in three languages by hand is what KDE gave up on
for its ``KAcceleratorManager``; this does the same: when a window is shown (and when a stacked
page changes), each button, buddied label, checkable group box and tab without a mnemonic gets
the first free letter of its text, word starts first. A mnemonic already written in the text
(``&Tools``) is kept. Only what is on screen at once competes for letters, so the pages of a
stack may reuse them. Letters are ASCII letters and digits (what Alt+key can type anywhere).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenuBar,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QWidget,
)

_ALLOWED = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def mnemonic(text: str) -> str | None:
    """The Alt+ letter of ``text`` ('&&' is a literal ampersand), lowercased, or None."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].casefold()
            i += 1
        i += 1
    return None


def with_mnemonic(text: str, taken: set[str]) -> str | None:
    """``text`` with '&' before its first free letter (a word's start first), or None."""
    starts = [
        i for i, ch in enumerate(text) if ch.isalnum() and (i == 0 or not text[i - 1].isalnum())
    ]
    for i in [*starts, *range(len(text))]:
        if text[i].casefold() in _ALLOWED and text[i].casefold() not in taken:
            return text[:i] + "&" + text[i:]
    return None


_TAB_BAR, _BUTTON, _LABEL, _GROUP_BOX = 1, 2, 3, 4
_KINDS: dict[type, int] = {}


def _kind(cls: type) -> int:
    """Which kind of widget that can carry a mnemonic ``cls`` is (0: none), worked out once per
    class: :func:`_slots` runs at every layout change of a shown window, over every widget in
    it (~500 in Settings), and most of them are none of these."""
    kind = _KINDS.get(cls)
    if kind is None:
        if issubclass(cls, QTabBar):
            kind = _TAB_BAR
        elif issubclass(cls, QAbstractButton):
            kind = _BUTTON
        elif issubclass(cls, QLabel):
            kind = _LABEL
        elif issubclass(cls, QGroupBox):
            kind = _GROUP_BOX
        else:
            kind = 0
        _KINDS[cls] = kind
    return kind


def _slots(window: QWidget) -> list[tuple[str, Callable[[str], None]]]:
    """(text, how to set it) of everything on screen that can carry a mnemonic."""
    found: list[tuple[str, Callable[[str], None]]] = []
    for w in window.findChildren(QWidget):
        kind = _kind(type(w))
        if not kind or not w.isVisibleTo(window):
            continue
        if kind == _TAB_BAR:
            assert isinstance(w, QTabBar)
            for i in range(w.count()):
                if w.isTabVisible(i):
                    found.append((w.tabText(i), functools.partial(_set_tab_text, w, i)))
        elif kind == _BUTTON:
            assert isinstance(w, QAbstractButton)
            if w.text() and not isinstance(w.parent(), QTabBar):
                found.append((w.text(), w.setText))
        elif kind == _LABEL:
            assert isinstance(w, QLabel)
            text = w.text()
            buddy = w.buddy()
            if buddy is not None and buddy.focusPolicy() != Qt.FocusPolicy.NoFocus:
                if not text or "<" in text:
                    continue
                found.append((text, w.setText))
        elif isinstance(w, QGroupBox) and w.isCheckable() and w.title():  # _GROUP_BOX
            found.append((w.title(), w.setTitle))
    return found


def _set_tab_text(bar: QTabBar, index: int, text: str) -> None:
    bar.setTabText(index, text)


def assign_mnemonics(window: QWidget) -> None:
    """Give a free letter to each thing on screen in ``window`` that has none."""
    slots = _slots(window)
    taken = {key for text, _set in slots if (key := mnemonic(text)) is not None}
    if not window.isWindow():  # a part of a window: its menus keep their letters
        for bar in window.window().findChildren(QMenuBar):
            taken.update(key for a in bar.actions() if (key := mnemonic(a.text())) is not None)
    # Texts with few letters to choose from first ("Pie:"), so that they still find one.
    pending = [(text, set_text) for text, set_text in slots if mnemonic(text) is None]
    pending.sort(key=lambda slot: len({c.casefold() for c in slot[0]} & _ALLOWED))
    for text, set_text in pending:
        marked = with_mnemonic(text, taken)
        if marked is not None:
            taken.add(mnemonic(marked) or "")
            set_text(marked)


class _OnShow(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Shown; or laid out again: a field or button appeared (a supervisor's PIN), or a
        # button's text changed and lost its letter. Qt posts one LayoutRequest per change
        # and compresses them; a pass that finds nothing to give changes nothing.
        kind = event.type()
        laid_out = kind in (QEvent.Type.Show, QEvent.Type.LayoutRequest)
        if laid_out and isinstance(watched, QWidget) and watched.isVisible():
            assign_mnemonics(watched)
        return False


def install_mnemonics(window: QWidget) -> None:
    """Assign mnemonics whenever ``window`` (a window, or a part of one) is shown and whenever
    one of its stacked pages or tabs changes (call at the end of the window's constructor)."""
    watcher = _OnShow(window)
    window.installEventFilter(watcher)
    for stack in window.findChildren(QStackedWidget) + window.findChildren(QTabWidget):
        stack.currentChanged.connect(lambda _i, w=window: assign_mnemonics(w))


def tab_order(*widgets: QWidget) -> None:
    """Tab visits ``widgets`` in this order (the order a person reads them)."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


def no_tab_trap(*views: QAbstractItemView) -> None:
    """Tab leaves a table or list (arrows move inside it); Qt's default keeps Tab moving from
    cell to cell, and a keyboard never gets out."""
    for view in views:
        view.setTabKeyNavigation(False)


class _EnterOnButtonsOnly(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.parent():
            if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        elif isinstance(watched, QPushButton) and kind in (
            QEvent.Type.FocusIn,
            QEvent.Type.FocusOut,
        ):
            # Drawn as the default exactly while Enter presses it: while it has the focus.
            watched.setDefault(kind == QEvent.Type.FocusIn)
        return False


def enter_on_buttons_only(dialog: QDialog) -> None:
    """Enter presses a button only when that button has focus: from a field or a list it
    reaches no default button (a dialog whose buttons ask Mercado Pago, cancel or delete
    something, where no one of them is the obvious answer to Enter). A field or list that
    uses Enter (``returnPressed``, ``activated``) still gets it first.

    No button looks like the default either (call after the buttons exist): QDialog makes the
    first "auto-default" push button its default when shown, drawn with the default frame,
    although Enter never reached it here. A button is drawn as the default while it has the
    focus, when Enter does press it."""
    watcher = _EnterOnButtonsOnly(dialog)
    dialog.installEventFilter(watcher)
    for button in dialog.findChildren(QPushButton):
        button.setAutoDefault(False)
        button.setDefault(False)
        button.installEventFilter(watcher)


def _value(w: QWidget) -> tuple[bool, object]:
    """(True, what the person typed, ticked or chose in ``w``) for a field; (False, None) else."""
    if isinstance(w, QLineEdit):
        if not isinstance(w.parent(), QAbstractSpinBox | QComboBox):
            return True, w.text()
    elif isinstance(w, QCheckBox | QRadioButton):
        return True, w.isChecked()
    elif isinstance(w, QComboBox):
        return True, w.currentText() if w.isEditable() else w.currentData() or w.currentText()
    elif isinstance(w, QAbstractSpinBox):
        return True, w.text()
    elif isinstance(w, QPlainTextEdit):
        return True, w.toPlainText()
    return False, None


def typed_state(window: QWidget) -> list[object]:
    """What the person typed, ticked and chose in ``window``'s fields, in the order found."""
    return [
        value for w in window.findChildren(QWidget) for is_field, value in [_value(w)] if is_field
    ]


class DiscardGuard(QObject):
    """Esc, Cancel or the window's close button on a dialog holding typed input: when the person
    changed something since :meth:`arm`, a question (Keep editing on Enter and Esc, Discard
    changes) comes first. The dialog calls :meth:`reject` from its own ``reject()`` and does
    its real reject only when that returns True (now or through ``discarded`` later).

    "Changed" means a field the person edited (typed, ticked, chose from a list) now holds
    something else than at :meth:`arm`. A field the window fills on its own later (Settings'
    store and box lists loaded from Mercado Pago, a printer list, a fetched QR) asks nothing:
    comparing every field's value, as before, asked "Discard the changes?" after merely looking
    at a page (its lists loaded, its forms moved, its combos refilled)."""

    def __init__(self, dialog: QDialog, question: str, discarded: Callable[[], None]) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self._question = question
        self._discarded = discarded
        self._at_start: dict[int, tuple[QWidget, object]] | None = None
        self._edited: set[int] = set()
        self.box: QMessageBox | None = None

    def arm(self) -> None:
        self._at_start = {}
        self._edited = set()
        for w in self._dialog.findChildren(QWidget):
            is_field, value = _value(w)
            if not is_field:
                continue
            self._at_start[id(w)] = (w, value)
            self._watch(w)

    def _watch(self, w: QWidget) -> None:
        """Signals only a person's edit sends (``textEdited``, ``clicked``, ``activated``);
        ``setText``, ``setChecked`` and a refilled list send none of them."""
        key = id(w)

        def edited(*_args: object) -> None:
            self._edited.add(key)

        if isinstance(w, QLineEdit):
            w.textEdited.connect(edited)
        elif isinstance(w, QCheckBox | QRadioButton):
            w.clicked.connect(edited)
        elif isinstance(w, QComboBox):
            w.activated.connect(edited)
            line = w.lineEdit()
            if line is not None:
                line.textEdited.connect(edited)
        elif isinstance(w, QAbstractSpinBox):
            inner = w.findChild(QLineEdit)
            if inner is not None:
                inner.textEdited.connect(edited)
        elif isinstance(w, QPlainTextEdit):
            # No signal of a person's own: a change while it has the focus is typing.
            w.textChanged.connect(lambda: edited() if w.hasFocus() else None)

    def changed(self) -> bool:
        if self._at_start is None:
            return False
        for key in self._edited:
            w, value = self._at_start[key]
            if shiboken6.isValid(w) and _value(w)[1] != value:
                return True
        return False

    def reject(self) -> bool:
        """True: nothing to lose, reject now. False: asking (or already asking)."""
        if not self.changed():
            return True
        if self.box is not None:
            return False
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self._dialog.windowTitle(),
            self._question,
            parent=self._dialog,
        )
        box.setObjectName("discardChangesBox")
        discard = box.addButton(self.tr("Discard changes"), QMessageBox.ButtonRole.DestructiveRole)
        discard.setObjectName("discardButton")
        keep = box.addButton(self.tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        keep.setObjectName("keepEditingButton")
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        install_mnemonics(box)
        box.finished.connect(lambda _r: self._answered(box.clickedButton() is discard))
        self.box = box
        box.open()  # never exec(): a nested loop breaks qasync's tasks
        return False

    def _answered(self, discard: bool) -> None:
        if self.box is not None:
            self.box.deleteLater()
        self.box = None
        if discard:
            self._at_start = None  # the dialog's reject() goes through now
            self._discarded()
