"""Qt's namespace for the modules of the first frame, built when first used (start-up, issue 19).

PySide6 builds the Python enums of a class the first time the class is used, all of them at
once: for the ``Qt`` namespace that is 93 enums with ~1,200 members, ~24 ms of CPU, the largest
single part of what the counter window's first frame cost over a bare window. The first frame
needs none of them. Its modules import :data:`Qt` from here: the real ``PySide6.QtCore.Qt``
from its first attribute read on (a key handler, a dialog, anything after the first frame).
What the first frame itself sets is named for Qt's meta-object system (:func:`set_enum`), or is
one of Qt's numbers below (the ones an ``int`` parameter takes; tests/ui/test_lazy_qt.py checks
each against its enum).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtCore import QObject, Qt
else:

    class _LazyQt:
        """``PySide6.QtCore.Qt``, imported on the first attribute read."""

        def __getattr__(self, name: str) -> Any:
            from PySide6.QtCore import Qt as real

            value = getattr(real, name)
            setattr(self, name, value)  # read straight from the instance from now on
            return value

    Qt = _LazyQt()

__all__ = [
    "ALIGN_CENTER_WORD_WRAP",
    "ALIGN_RIGHT_VCENTER",
    "DISPLAY_ROLE",
    "EDIT_ROLE",
    "TEXT_ALIGNMENT_ROLE",
    "USER_ROLE",
    "Qt",
    "set_enum",
]

# Qt::ItemDataRole (roles are ``int`` parameters in the item models' methods).
DISPLAY_ROLE = 0
EDIT_ROLE = 2
TEXT_ALIGNMENT_ROLE = 7
USER_ROLE = 0x0100
# Qt::AlignmentFlag and Qt::TextFlag, combined as the item roles and QPainter.drawText take them.
ALIGN_RIGHT_VCENTER = 0x0002 | 0x0080  # AlignRight | AlignVCenter
ALIGN_CENTER_WORD_WRAP = 0x0084 | 0x1000  # AlignCenter | TextWordWrap


def set_enum(obj: QObject, prop: str, keys: str) -> None:
    """Set ``obj``'s enum (or flags) property ``prop`` by its keys' names, as Qt Designer does:
    ``set_enum(button, "focusPolicy", "NoFocus")``, ``set_enum(label, "alignment",
    "AlignRight|AlignVCenter")``. The property's own setter runs; no Python enum class is
    built. A name Qt does not know raises ``ValueError`` (a typo must not pass unnoticed)."""
    if not obj.setProperty(prop, keys):
        raise ValueError(f"{type(obj).__name__}.{prop} has no value {keys!r}")
