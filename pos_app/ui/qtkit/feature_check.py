"""PySide6's ``__feature__`` check, asked of each module's file instead of through ``inspect``.

Once PySide6 is imported, every import statement passes through its ``__feature__`` hook (the
``snake_case`` and ``true_property`` switches, which this app never uses): the first time a
module is named, the hook reads its source with ``inspect.getsource`` (``linecache``,
``tokenize``) to see whether it mentions PySide6, and keeps the answer. The window's first
frame names ~80 modules that way: ~7 ms of CPU, and every module's source kept in ``linecache``
(start-up time, issue 19). :func:`install` answers the same question from the file's bytes when
the module comes from a ``.py`` file, and leaves every other module (built in, compiled, in a
zip) to PySide6's own check. When this version of PySide6 keeps the check elsewhere, nothing
is changed. tests/ui/test_lazy_qt.py compares both answers.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

_NAME = "_mod_uses_pyside"


def uses_pyside(module: ModuleType, fallback: Callable[[ModuleType], bool]) -> bool:
    """Whether ``module``'s source mentions ``PySide6`` (``fallback``: PySide6's own check, for
    a module that has no ``.py`` file to read)."""
    path = getattr(module, "__file__", None)
    if isinstance(path, str) and path.endswith(".py"):
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            pass
    return fallback(module)


def install() -> bool:
    """Answer PySide6's check with :func:`uses_pyside` (after PySide6 is imported); True when
    installed."""
    feature = sys.modules.get("PySide6.support.feature")
    original = getattr(feature, _NAME, None)
    if feature is None or not callable(original) or getattr(original, "_pos_app", False):
        return False

    def check(module: ModuleType) -> bool:
        return uses_pyside(module, original)

    check._pos_app = original  # type: ignore[attr-defined]  # installed once; PySide6's own
    setattr(feature, _NAME, check)
    return True
