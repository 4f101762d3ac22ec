"""Ctrl-C, SIGTERM or (Windows) a closed console close a window, so its orderly ending runs:
the counter window's (its shutdown waits for a refund, an import, Settings' save) and the
setup assistant's (it waits for its save)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget


@contextlib.contextmanager
def close_on_terminal_signals(window: QWidget) -> Iterator[None]:
    """Ctrl-C, SIGTERM or (Windows) a closed console close the window, so the orderly shutdown
    runs (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    import signal  # after the first frame (start-up time, issue 19)

    # SIGBREAK: Windows' Ctrl-Break and the console window being closed.
    wanted = [
        signal.SIGINT,
        signal.SIGTERM,
        *([signal.SIGBREAK] if hasattr(signal, "SIGBREAK") else []),
    ]
    previous = {sig: signal.getsignal(sig) for sig in wanted}
    for sig in wanted:
        signal.signal(sig, lambda _sig, _frame: QTimer.singleShot(0, window.close))
    # Python only runs signal handlers between bytecodes; an idle Qt loop runs none, so wake it.
    wake = QTimer()
    wake.timeout.connect(lambda: None)
    wake.start(300)
    try:
        yield
    finally:
        wake.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
