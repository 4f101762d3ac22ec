"""What a person with a keyboard and no mouse needs from a window, checked generically.

- :func:`tab_walk`: presses Tab from the window's first focus until focus comes back, and
  returns the widgets it landed on; fails on a trap (Tab stops moving, or cycles without
  coming back), and on a stop that cannot be seen (hidden, zero-sized, outside the window).
- :func:`out_of_visual_order`: pairs of consecutive stops where the second is above the
  first, or level with it and to its left (reading order: top to bottom, left to right).
- :func:`mnemonic_clashes` / :func:`missing_mnemonics`: the Alt+letter keys of what is on
  screen at once (buttons, labels with a buddy, group boxes, tabs) are unique, and present.
- :func:`unnamed_fields`: input fields a screen reader would announce without a name.
- :func:`default_button`: the push button Enter presses (QDialog picks the first auto-default
  one in the focus chain when none was set).
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pos_app.ui.qtkit.keyboard import mnemonic

FIELDS = (QLineEdit, QAbstractSpinBox, QComboBox, QPlainTextEdit, QTextEdit, QAbstractItemView)


def show_active(qtbot: QtBot, window: QWidget) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=1000)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


def describe(widget: QWidget | None) -> str:
    if widget is None:
        return "None"
    text = ""
    if isinstance(widget, (QAbstractButton, QLabel)):
        text = widget.text()
    return f"{type(widget).__name__}({widget.objectName() or widget.accessibleName() or text!r})"


def _rect_in(window: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def _shown(window: QWidget, widget: QWidget) -> bool:
    """Visible to the person: shown, and bigger than a dot."""
    return widget.isVisibleTo(window) and widget.width() > 2 and widget.height() > 2


def tab_walk(qtbot: QtBot, window: QWidget, limit: int = 80) -> list[QWidget]:
    """Tab from the current focus around the window; the stops in order, starting with it."""
    start = focused()
    assert start.window() is window, f"focus is outside the window: {describe(start)}"
    stops = [start]
    for _ in range(limit):
        before = focused()
        qtbot.keyClick(before, Qt.Key.Key_Tab)
        now = focused()
        if now is start:
            break
        assert now is not before, f"Tab is trapped in {describe(now)}"
        assert now not in stops, f"Tab cycles without coming back: {[describe(w) for w in stops]}"
        assert now.window() is window, f"Tab left the window for {describe(now)}"
        assert _shown(window, now), f"Tab stops on a widget nobody sees: {describe(now)}"
        stops.append(now)
    else:
        raise AssertionError(f"Tab never came back to {describe(start)}")
    # Shift+Tab goes the same way back.
    back = [start]
    for _ in range(len(stops) - 1):
        qtbot.keyClick(focused(), Qt.Key.Key_Backtab)
        back.append(focused())
    assert back == [stops[0], *reversed(stops[1:])], "Shift+Tab does not retrace Tab"
    qtbot.keyClick(focused(), Qt.Key.Key_Backtab)
    assert focused() is start
    return stops


def _scroll_area(widget: QWidget) -> QScrollArea | None:
    """The outermost scroll area ``widget`` is scrolled in, if any."""
    found = None
    parent = widget.parentWidget()
    while parent is not None:
        inside = parent.widget() if isinstance(parent, QScrollArea) else None
        if inside is not None and inside.isAncestorOf(widget):
            found = parent
        parent = parent.parentWidget()
    return found


def out_of_visual_order(window: QWidget, stops: list[QWidget]) -> list[str]:
    """Consecutive stops going up, or left within a row (a few pixels of slack). The walk may
    start anywhere (the first field typed into): it is read from the stop that makes the
    fewest such steps (the top-left one, when the order is right), once round. Two stops in
    one scroll area compare where they are in its contents, whatever is scrolled into view;
    a stop in it and one outside compare with the area's place in the window."""

    def places(a: QWidget, b: QWidget) -> tuple[QRect, QRect]:
        area_a, area_b = _scroll_area(a), _scroll_area(b)
        if area_a is not None and area_a is area_b:
            inside = area_a.widget()
            return _rect_in(inside, a), _rect_in(inside, b)
        return _rect_in(window, area_a or a), _rect_in(window, area_b or b)

    def wrong(first: int) -> list[str]:
        order = list(range(first, len(stops))) + list(range(first))
        found = []
        for i, j in itertools.pairwise(order):
            ra, rb = places(stops[i], stops[j])
            level = rb.top() < ra.bottom() - 4 and ra.top() < rb.bottom() - 4
            if rb.bottom() <= ra.top() + 4 or (level and rb.right() <= ra.left() + 4):
                found.append(f"{describe(stops[i])} -> {describe(stops[j])}")
        return found

    return min((wrong(first) for first in range(len(stops))), key=len)


def _mnemonic(text: str) -> str | None:
    if "<" in text:  # rich text: an '&' there is an entity
        return None
    return mnemonic(text)


def labelled(window: QWidget) -> list[tuple[QWidget, str]]:
    """What on screen carries an Alt+letter: (widget, its text)."""
    found: list[tuple[QWidget, str]] = []
    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window):
            continue
        if isinstance(w, QAbstractButton) and w.text() and not isinstance(w.parent(), QTabBar):
            found.append((w, w.text()))
        elif isinstance(w, QLabel) and w.buddy() is not None and w.text():
            if w.buddy().focusPolicy() != Qt.FocusPolicy.NoFocus and "<" not in w.text():
                found.append((w, w.text()))
        elif isinstance(w, QGroupBox) and w.isCheckable():
            found.append((w, w.title()))
        elif isinstance(w, QTabBar):
            found.extend((w, w.tabText(i)) for i in range(w.count()) if w.isTabVisible(i))
    return found


def mnemonic_clashes(window: QWidget) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {}
    for _w, text in labelled(window):
        key = _mnemonic(text)
        if key is not None:
            seen.setdefault(key, []).append(text)
    return {key: texts for key, texts in seen.items() if len(texts) > 1}


def missing_mnemonics(window: QWidget) -> list[str]:
    """Buttons and buddy labels without one; and labels with one but no buddy (Alt+letter
    would do nothing, and Qt shows the '&')."""
    missing = [
        describe(w)
        for w, text in labelled(window)
        if _mnemonic(text) is None and any(c.isascii() and c.isalnum() for c in text)
    ]
    for label in window.findChildren(QLabel):
        text = label.text()
        if label.isVisibleTo(window) and label.buddy() is None and _mnemonic(text):
            missing.append(f"{describe(label)} has '&' but no buddy")
    return missing


def accessible_name(widget: QWidget) -> str:
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Name) if face is not None else ""


def unnamed_fields(window: QWidget) -> list[str]:
    return [
        describe(w)
        for w in window.findChildren(QWidget)
        if isinstance(w, FIELDS)
        and w.isVisibleTo(window)
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not accessible_name(w).strip()
        and not (isinstance(w, QLineEdit) and isinstance(w.parent(), QAbstractSpinBox | QComboBox))
    ]


def default_button(window: QWidget) -> QPushButton | None:
    for button in window.findChildren(QPushButton):
        if button.isDefault() and button.isVisibleTo(window):
            return button
    return None


def field_traps(window: QWidget) -> list[str]:
    """Widgets that keep Tab for themselves (a text box typing a tab, a table moving cells)."""
    traps = []
    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window):
            continue
        if isinstance(w, QPlainTextEdit | QTextEdit) and not w.isReadOnly():
            if not w.tabChangesFocus():
                traps.append(describe(w))
        elif isinstance(w, QAbstractItemView) and w.tabKeyNavigation():
            traps.append(describe(w))
    return traps


def audit(qtbot: QtBot, window: QWidget, *, first: QWidget) -> list[QWidget]:
    """Shows ``window`` and checks it all: focus starts on ``first``; Tab goes round in reading
    order without a trap or an unseen stop; Alt+letters unique and present; fields named.
    Returns the Tab stops."""
    show_active(qtbot, window)
    assert focused() is first, describe(focused())
    assert not field_traps(window)
    stops = tab_walk(qtbot, window)
    assert not out_of_visual_order(window, stops)
    assert not mnemonic_clashes(window)
    assert not missing_mnemonics(window)
    assert not unnamed_fields(window)
    return stops


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(focused(), key, modifier)


def alt(qtbot: QtBot, window: QWidget, text: str) -> None:
    """Alt+ the letter of the button or label whose text (without '&') is ``text``."""
    for _w, shown in labelled(window):
        if shown.replace("&", "") == text:
            key = _mnemonic(shown)
            assert key is not None, shown
            qtbot.keyClick(focused(), key, Qt.KeyboardModifier.AltModifier)
            return
    raise AssertionError(f"no {text!r} in {[t for _w, t in labelled(window)]}")


def build(table: dict[str, Any], name: str) -> Any:
    """A window from ``tests.benchmarks.dialogs_bench.builders`` (few sales and products),
    by the start of its name, made ready as the app makes it."""
    key = next(k for k in table if k.startswith(name))
    make, before_show = table[key]
    window = make()
    before_show(window)
    return window
