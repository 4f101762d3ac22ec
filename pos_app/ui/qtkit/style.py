"""The stylesheet and the one helper that lets it react to state.

Banners and notices carry a ``state`` dynamic property (``waiting``, ``paid``, ``trouble``...) and
``resources/style.qss`` colours them by it; Qt only re-reads property selectors after an
unpolish/polish, which :func:`set_state` does (a widget not polished yet reads it when it is).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from pos_app import assets
from pos_app.ui.qtkit.lazy_qt import Qt

log = logging.getLogger(__name__)


def resources_dir() -> Path:
    return assets.resources_dir()


def load_stylesheet() -> str:
    path = resources_dir() / "style.qss"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        # A missing stylesheet makes the app plain, not broken.
        log.warning("stylesheet %s not found; using the platform style", path)
        return ""


def apply_stylesheet(app: QApplication) -> None:
    app.setStyleSheet(load_stylesheet())


def set_state(widget: QWidget, state: str) -> None:
    """Set the ``state`` property the stylesheet selects on, and make Qt re-read it."""
    if (widget.property("state") or "") == state:  # no state and "" match the same rules
        return
    widget.setProperty("state", state)
    if not widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        # Qt polishes a widget when it is first shown, with the property as set now. Skipping
        # the style here also keeps QStyle out of the first frame: the first QStyle PySide6
        # wraps builds that class's 14 enums (~7.5 ms; start-up time, issue 19).
        return
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.updateGeometry()  # a state may change font size or height (the PAID banner does)
    widget.update()


def set_compact(root: QWidget, on: bool) -> bool:
    """Mark ``root`` ``compact`` (a small screen: the stylesheet's ``[compact="true"]`` rules
    give its large type less room) and re-read the style of every widget inside it, whose
    rules select on an ancestor's property. Returns whether anything changed."""
    if bool(root.property("compact")) == on:
        return False
    root.setProperty("compact", on)
    if not root.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        return True  # read when first shown, like set_state
    style = root.style()
    for widget in (root, *root.findChildren(QWidget)):
        style.unpolish(widget)
        style.polish(widget)
        widget.updateGeometry()
    return True
