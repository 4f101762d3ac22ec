"""Small building blocks shared by the Settings dialog and the first-run assistant.

- :class:`FieldBox`: an editor with a grey hint and a red error *under* it (never a popup).
- :class:`BusyIndicator`: a moving bar and a sentence saying what the app is waiting for.
- :func:`note`, :func:`heading`: wrapped explanatory text and section titles.
- :func:`show_notice`: a non-modal information box (start-up news such as a damaged config).
- :func:`limit_length`: a line edit's ``maxLength`` from its field's limit.

``SETTINGS_QSS`` styles what the application stylesheet does not cover (lists, combo boxes,
notes); it is applied to the dialog and the assistant only.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.text_fields import TextField
from pos_app.ui.qtkit.style import set_state

SETTINGS_QSS = """
QListWidget#sectionList {
    background: #ffffff;
    border: 1px solid #cbd2d9;
    border-radius: 6px;
    font-size: 16px;
}
QListWidget#sectionList::item { padding: 12px 10px; }
QListWidget#sectionList::item:selected { background: #cfe0fc; color: #102a43; }
QListWidget#storeList, QListWidget#boxList {
    background: #ffffff;
    border: 1px solid #cbd2d9;
    border-radius: 6px;
    font-size: 15px;
}
QListWidget#storeList::item, QListWidget#boxList::item { padding: 8px 6px; }
QListWidget#storeList::item:selected, QListWidget#boxList::item:selected {
    background: #cfe0fc; color: #102a43;
}
QComboBox { min-height: 36px; font-size: 16px; }
QListWidget#sectionList { outline: 0; }
QGroupBox {
    font-weight: bold;
    border: 1px solid #cbd2d9;
    border-radius: 8px;
    margin-top: 14px;
    padding: 12px 10px 8px 10px;
}
QGroupBox::title { subcontrol-origin: margin; left: 10px; padding: 0 4px; }
QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; border: none; }
#settingsHeading { font-size: 22px; font-weight: bold; color: #102a43; }
#settingsNote { color: #52606d; font-size: 14px; }
#settingsNote[state="warning"] {
    color: #5d4037;
    background: #fff3e0;
    border: 1px solid #ffb74d;
    border-radius: 6px;
    padding: 8px;
}
#fieldHint { color: #616e7c; font-size: 13px; }
#fieldError { color: #b71c1c; font-weight: bold; font-size: 14px; }
#fieldError[state="warning"] { color: #8a4b00; }
#fieldOk { color: #1b5e20; font-weight: bold; font-size: 14px; }
#stickerStatus { color: #1b5e20; font-weight: bold; font-size: 14px; }
#stickerStatus[state="error"] { color: #b71c1c; }
#stickerStatus[state="busy"] { color: #0d47a1; }
#busyText { color: #0d47a1; font-size: 14px; }
#secretStatus {
    background: #eef2f7;
    border: 1px solid #cbd2d9;
    border-radius: 6px;
    padding: 8px;
}
#secretStatus[state="env"] { background: #e3f2fd; border-color: #90caf9; }
#secretStatus[state="missing"] { background: #fff3e0; border-color: #ffb74d; }
#noticeBanner {
    background: #fff3e0;
    border: 1px solid #ffb74d;
    border-radius: 6px;
    padding: 8px;
    color: #5d4037;
}
#accountCard {
    background: #e8f5e9;
    border: 1px solid #a5d6a7;
    border-radius: 8px;
}
#chosenPlace { font-size: 16px; font-weight: bold; }
#footerProblem { color: #b71c1c; font-size: 14px; }
#footerProblem[state="busy"] { color: #0d47a1; }
#footerHint { color: #0d47a1; font-size: 15px; }
#setupAssistant { background: #f5f7fa; }
#stepTitle { font-size: 15px; color: #52606d; font-weight: bold; }
#primaryButton {
    color: #ffffff;
    background: #1565c0;
    border: none;
    font-weight: bold;
}
#primaryButton:disabled { background: #b0bec5; color: #eceff1; }
#qrPreview { background: #ffffff; border: 1px solid #cbd2d9; border-radius: 6px; }
"""


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("settingsHeading")
    label.setWordWrap(True)
    return label


def note(text: str = "", *, name: str = "settingsNote") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class FieldBox(QWidget):
    """``editor`` with an optional hint and an error line below it."""

    def __init__(
        self,
        editor: QWidget,
        hint: str = "",
        parent: QWidget | None = None,
        *,
        trailing: QWidget | None = None,
    ) -> None:
        """``trailing``: a widget beside the editor (a unit, a Show button)."""
        super().__init__(parent)
        self.editor = editor
        self.target = editor
        # Made inside the box: a loose label shown (a hint to show) is a window of its own, made
        # on the platform and styled, until the layout below takes it in (~5 % of Settings).
        # Not shown either: a child shows with the box; showing it now would style it and size
        # its wrapped text for the loose box, then again in the dialog (~5 % more).
        self.hint = QLabel(hint, self)
        self.hint.setObjectName("fieldHint")
        self.hint.setWordWrap(True)
        if not hint:
            self.hint.hide()
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        if trailing is None:
            layout.addWidget(editor)
        else:
            row = QHBoxLayout()
            row.addWidget(editor, 0 if editor.maximumWidth() < 1000 else 1)
            row.addWidget(trailing)
            row.addStretch(1 if editor.maximumWidth() < 1000 else 0)
            layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.hint)

    def set_error(self, text: str, *, warning: bool = False) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        set_state(self.error, "warning" if warning and text else "")
        set_state(self.target, "invalid" if text and not warning else "")

    def set_hint(self, text: str) -> None:
        self.hint.setText(text)
        self.hint.setVisible(bool(text))


class FormGrid(QGridLayout):
    """Label and field rows, like ``QFormLayout``, but on a grid: ``QFormLayout`` gives fields
    with wrapped text (our error and hint lines) less height than they need inside a scroll
    area, and the error line ends up drawn over the editor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnStretch(1, 1)
        self.setHorizontalSpacing(12)

    def addWide(self, widget: QWidget) -> None:
        """A widget across both columns (a radio button heading its own rows)."""
        self.addWidget(widget, self.rowCount(), 0, 1, 2)

    def addRow(self, label: str | QWidget, field: QWidget | QLayout, *, indent: int = 0) -> None:
        row = self.rowCount()
        if isinstance(label, str):
            label = QLabel(label) if label else QWidget()
        if indent and isinstance(label, QLabel):
            label.setIndent(indent)
        target = _first_field(field)
        if isinstance(label, QLabel) and target is not None:
            label.setBuddy(target)
            # A screen reader names a field after its buddy label only when both share a
            # parent; a FieldBox's editor does not.
            if not target.accessibleName() and label.text():
                target.setAccessibleName(label.text().replace("&", "").rstrip(": "))
        # Level with the editor's text, not with the hint under it.
        label.setMinimumHeight(48 if isinstance(label, QLabel) else 0)
        self.addWidget(label, row, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if isinstance(field, QLayout):
            self.addLayout(field, row, 1)
        else:
            self.addWidget(field, row, 1)


def _first_field(field: QWidget | QLayout) -> QWidget | None:
    """What a row's label names: the editor of a FieldBox, the field, or the first widget of a
    row of them that takes focus."""
    if isinstance(field, FieldBox):
        return field.target
    if isinstance(field, QWidget):
        return field
    for i in range(field.count()):
        item = field.itemAt(i)
        widget = item.widget() if item is not None else None
        if isinstance(widget, FieldBox):
            return widget.target
        if widget is not None and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
            return widget
    return None


class BusyIndicator(QWidget):
    """A moving bar with what we are waiting for; hidden when idle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("busyIndicator")
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # indeterminate: Qt animates it
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(140)
        self.bar.setMaximumHeight(14)
        self.text = QLabel()
        self.text.setObjectName("busyText")
        self.text.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.text, 1)
        self.hide()

    def start(self, text: str) -> None:
        self.text.setText(text)
        self.show()

    def stop(self) -> None:
        self.hide()
        self.text.clear()


def show_notice(parent: QWidget | None, text: str, *, title: str = "") -> QMessageBox:
    """A non-modal information box that deletes itself when closed."""
    box = QMessageBox(parent)
    box.setObjectName("noticeBox")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(title or QCoreApplication.translate("SettingsWidgets", "Please note"))
    box.setText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setWindowModality(Qt.WindowModality.NonModal)  # news, not a question: keep selling
    box.finished.connect(box.deleteLater)
    box.show()
    return box


def limit_length(edit: QLineEdit, field: TextField) -> QLineEdit:
    """Stop typing (and pasting) at ``field``'s limit. A text already longer (saved by an older
    release) is kept whole, not silently cut: the field's check then says what is too long."""
    edit.setMaxLength(max(field.limit, len(edit.text())))
    return edit
