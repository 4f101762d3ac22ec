"""Work-arounds for defects in the pinned Qt binding. Each one detects its bug before acting.

**Signal.emit() drops a reference to True (PySide6 6.12.0, CPython 3.11).** Every ``emit()``
called from Python returns ``True`` without owning a reference to it; when the caller discards
the result the interpreter releases a reference it never had. ``True`` is an ordinary object on
3.11 (immortal only from 3.12), so after a few thousand emits its count reaches zero and the
process aborts with "Fatal Python error: bool_dealloc". The customer's-phone window alone emits
three times a second, so the demo would die within the hour; a counter, within a day.

- :func:`emit` is what every module in ``pos_app.ui`` calls instead of ``signal.emit``: it hands
  the missing reference back when the bug is present, so the count stays exact.
- :func:`reserve_bool_references` covers emits we do not control (qasync's
  ``call_soon_threadsafe`` emits a signal for each callback from a worker thread): a large,
  cheap list of references, so those slow leaks cannot reach zero in any realistic session.

Both are no-ops when the probe finds the binding (or the interpreter) behaving.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

log = logging.getLogger(__name__)

RESERVE = 500_000  # 4 MB of pointers; at one stray emit per second, about six days of margin


class _Probe(QObject):
    ping = Signal()


def _py_incref(obj: object) -> None:
    import ctypes  # only where the defect is (start-up time, issue 19)

    ctypes.pythonapi.Py_IncRef(ctypes.py_object(obj))


_emit_drops_bool: bool | None = None
_reserve: list[bool] = []


def emit_drops_bool() -> bool:
    """True when ``Signal.emit`` returns a bool it does not own (measured once, then repaired)."""
    global _emit_drops_bool
    if _emit_drops_bool is None:
        probe = _Probe()
        rounds = 8
        before = sys.getrefcount(True)
        for _ in range(rounds):
            probe.ping.emit()
        lost = before - sys.getrefcount(True)
        for _ in range(max(0, lost)):
            _py_incref(True)  # give back what the probe itself lost
        _emit_drops_bool = lost == rounds
        if _emit_drops_bool:
            log.info("Signal.emit drops a reference to True: compensating (see qt_workarounds)")
        probe.deleteLater()
    return _emit_drops_bool


def emit(signal: SignalInstance, *args: Any) -> None:
    """``signal.emit(*args)``, without the reference-count defect described above."""
    # The stubs say None; at run time it is a bool, which is the whole point here.
    result: object = signal.emit(*args)  # type: ignore[func-returns-value]
    if isinstance(result, bool) and emit_drops_bool():
        _py_incref(result)


def reserve_bool_references() -> None:
    """Keep spare references to True and False for emits outside this package (idempotent)."""
    if _reserve or not emit_drops_bool():
        return
    _reserve.extend([True] * RESERVE)
    _reserve.extend([False] * RESERVE)
