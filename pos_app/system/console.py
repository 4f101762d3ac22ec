"""The command line's console on every system: output that cannot fail on a narrow code page,
and Ctrl-C / console close that reach the running command wherever the event loop cannot
watch signals itself (Windows)."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any, TextIO

# SIGBREAK (Windows only): Ctrl-Break, and what the C runtime reports when the console window is
# closed or the user logs off.
STOP_SIGNALS = ("SIGINT", "SIGTERM", "SIGBREAK")


def never_fail_on_encoding(*streams: TextIO | Any) -> None:
    """Characters the stream's encoding lacks (``₲`` or an emoji on cp1252 / cp850, the default
    of a Windows console or a redirected file) print as ``?`` instead of raising
    UnicodeEncodeError; the encoding itself is kept, so the file reads right in the shop's
    editor. Streams already forgiving (stderr's ``backslashreplace``) are left alone."""
    for stream in streams or (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
            with contextlib.suppress(ValueError, OSError):  # a closed or detached stream
                reconfigure(errors="replace")


def is_unicode(stream: TextIO | Any) -> bool:
    """Whether ``stream`` can hold any character (UTF-8 or UTF-16/32)."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    return encoding.startswith(("utf8", "utf16", "utf32"))


@contextlib.contextmanager
def stop_on_signals(loop: asyncio.AbstractEventLoop, callback: Callable[[], None]) -> Iterator[str]:
    """Call ``callback`` in the loop on Ctrl-C, SIGTERM or (Windows) Ctrl-Break / console close.

    POSIX loops watch signals themselves (``add_signal_handler``). Windows loops raise
    NotImplementedError there: Python's own handlers are installed instead (main thread only),
    which the proactor loop wakes up for, and the callback is handed to the loop from there.
    Yields ``"loop"``, ``"python"`` or ``"none"`` (not the main thread) and restores on exit.
    """
    wanted = [getattr(signal, name) for name in STOP_SIGNALS if hasattr(signal, name)]
    added: list[int] = []
    previous: dict[int, Any] = {}
    mode = "loop"
    try:
        for sig in wanted:
            loop.add_signal_handler(sig, callback)
            added.append(sig)
    except (NotImplementedError, RuntimeError, ValueError):
        for sig in added:
            loop.remove_signal_handler(sig)
        added.clear()
        mode = "none"
        if threading.current_thread() is threading.main_thread():
            mode = "python"

            def handler(_sig: int, _frame: object) -> None:
                loop.call_soon_threadsafe(callback)

            for sig in wanted:
                with contextlib.suppress(OSError, ValueError):
                    previous[sig] = signal.signal(sig, handler)
    try:
        yield mode
    finally:
        for sig in added:
            loop.remove_signal_handler(sig)
        for sig, old in previous.items():
            signal.signal(sig, old)
