"""What a person can read on a window: every visible text, and whether it fits its widget."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QStyle,
    QStyleOptionFrame,
    QTabBar,
    QTableView,
    QWidget,
)

SLACK = 2  # pixels: rounding between the style's size hint and the painted text


@dataclass(frozen=True)
class Shown:
    widget: QWidget
    kind: str
    text: str
    clipped: str  # "" when the whole text fits, else why it does not

    def __str__(self) -> str:
        name = self.widget.objectName() or type(self.widget).__name__
        return f"{self.kind} {name!r}: {self.text!r} {self.clipped}".rstrip()


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _label(label: QLabel) -> Shown | None:
    text = label.text()
    if not text or not label.pixmap().isNull() or label.textFormat() == Qt.TextFormat.RichText:
        return None
    if label.buddy() is not None:
        text = _plain(text)  # an Alt+letter's '&' is not drawn: it underlines the next letter
    rect = label.contentsRect()
    if label.wordWrap():
        need = label.heightForWidth(label.width())
        clipped = f"needs height {need} > {label.height()}" if need > label.height() + SLACK else ""
    else:
        need = max(label.fontMetrics().horizontalAdvance(line) for line in text.split("\n"))
        clipped = f"needs width {need} > {rect.width()}" if need > rect.width() + SLACK else ""
    return Shown(label, "label", text, clipped)


def _button(button: QAbstractButton) -> Shown | None:
    text = button.text()
    if not text:
        return None
    need = button.sizeHint().width()
    clipped = f"needs width {need} > {button.width()}" if need > button.width() + SLACK else ""
    return Shown(button, type(button).__name__, _plain(text), clipped)


def _placeholder(edit: QLineEdit) -> Shown:
    """A placeholder is cut at the field's edge, not elided: it must fit the text area (the
    contents rectangle, less Qt's 2 px margin each side and the clear button's room)."""
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    area = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    margins = edit.textMargins()
    room = area.width() - margins.left() - margins.right() - 4
    if edit.isClearButtonEnabled():
        room -= area.height()  # the clear button's square, kept even while it is hidden
    text = edit.placeholderText()
    need = edit.fontMetrics().horizontalAdvance(text)
    clipped = f"needs width {need} > {room}" if need > room + SLACK else ""
    return Shown(edit, "placeholder", text, clipped)


def _group(box: QGroupBox) -> Shown | None:
    if not box.title():
        return None
    need = box.fontMetrics().horizontalAdvance(_plain(box.title())) + 16
    clipped = f"needs width {need} > {box.width()}" if need > box.width() else ""
    return Shown(box, "group", _plain(box.title()), clipped)


def _cells(view: QTableView) -> Iterator[Shown]:
    """Table cells (kind ``cell[<column>]``): elided when the column is narrower than the text.

    A stretching column (a product title, a sale reference) takes what is left and elides by
    design (the whole text is in a tooltip or beside the table): not reported."""
    model = view.model()
    metrics = view.fontMetrics()
    header = view.horizontalHeader()
    for row in range(min(model.rowCount(), 50)):
        for col in range(model.columnCount()):
            text = model.data(model.index(row, col))
            if text is None or view.isColumnHidden(col):
                continue
            if header.sectionResizeMode(col) == QHeaderView.ResizeMode.Stretch:
                continue
            parts = str(text).split() if view.wordWrap() else [str(text)]
            need = max((metrics.horizontalAdvance(p) for p in parts), default=0) + 8  # margins
            room = view.columnWidth(col)
            clipped = f"needs width {need} > {room}" if need > room + SLACK else ""
            yield Shown(view, f"cell[{col}]", str(text), clipped)


def visible_texts(root: QWidget) -> Iterator[Shown]:
    """Texts of ``root`` and its visible children (labels, buttons, group titles, headers...)."""
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisible() or widget.width() <= 1:
            continue
        shown: Shown | None = None
        if isinstance(widget, QLabel):
            shown = _label(widget)
        elif isinstance(widget, QAbstractButton):
            shown = _button(widget)
        elif isinstance(widget, QGroupBox):
            shown = _group(widget)
        if shown is not None:
            yield shown
        if isinstance(widget, QLineEdit) and widget.placeholderText() and not widget.text():
            yield _placeholder(widget)
        if isinstance(widget, QComboBox) and widget.currentText():
            yield Shown(widget, "combo", widget.currentText(), "")
        if isinstance(widget, QTabBar):
            for i in range(widget.count()):
                yield Shown(widget, "tab", _plain(widget.tabText(i)), "")
        if isinstance(widget, QAbstractScrollArea) and widget.horizontalScrollBar().isVisible():
            yield Shown(widget, "scroll", "", "scrolls sideways: its content is too wide")
        if isinstance(widget, QListWidget):
            room = widget.viewport().width()
            for i in range(widget.count()):
                need = widget.sizeHintForIndex(widget.model().index(i, 0)).width()
                need = 0 if widget.wordWrap() else need  # wrapping lists grow in height
                for text in widget.item(i).text().split("\n"):
                    yield Shown(
                        widget, "item", text, f"needs width {need} > {room}" * (need > room)
                    )
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for col in range(model.columnCount()):
                header = model.headerData(col, Qt.Orientation.Horizontal)
                if header:
                    yield Shown(widget, "header", str(header), "")
            if isinstance(widget, QTableView):
                yield from _cells(widget)
    if root.isWindow() and root.windowTitle():
        yield Shown(root, "title", root.windowTitle(), "")


def loading(dialog: Any) -> bool:
    """A Settings page still waiting on a call (its task keeper busy): its texts may change."""
    return any(getattr(getattr(page, "tasks", None), "busy", False) for page in dialog.pages)
