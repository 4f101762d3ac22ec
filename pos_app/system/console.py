"""The command line's console on every system: output that cannot fail on a narrow code page,
and Ctrl-C / console close that reach the running command wherever the event loop cannot
watch signals itself (Windows)."""

from __future__ import annotations

import codecs
import contextlib
import sys
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TextIO

from pos_app import system

if TYPE_CHECKING:  # the CLI's parser and the window's start do without asyncio
    import asyncio

# SIGBREAK (Windows only): Ctrl-Break, and what the C runtime reports when the console window is
# closed or the user logs off.
STOP_SIGNALS = ("SIGINT", "SIGTERM", "SIGBREAK")


# What a character the console's code page lacks becomes: a money minus (U+2212,
# :data:`pos_app.domain.money.MINUS`) or a dash must stay a minus ("?$ 100" hid the sign).
_ASCII_STAND_INS = {"\u2212": "-", "\u2013": "-", "\u2014": "-", "\u2026": "..."}
ERRORS = "pos_app_replace"


def _replace(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(_ASCII_STAND_INS.get(c, "?") for c in bad), error.end


codecs.register_error(ERRORS, _replace)


def never_fail_on_encoding(*streams: TextIO | Any) -> None:
    """Characters the stream's encoding lacks (``₲`` or an emoji on cp1252 / cp850, the default
    of a Windows console or a redirected file) print as ``?`` instead of raising
    UnicodeEncodeError, a minus sign (U+2212) as ``-``; the encoding itself is kept, so the
    file reads right in the shop's editor. Streams already forgiving (stderr's
    ``backslashreplace``) are left alone."""
    for stream in streams or (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
            with contextlib.suppress(ValueError, OSError):  # a closed or detached stream
                reconfigure(errors=ERRORS)


def is_unicode(stream: TextIO | Any) -> bool:
    """Whether ``stream`` can hold any character (UTF-8 or UTF-16/32)."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    return encoding.startswith(("utf8", "utf16", "utf32"))


@contextlib.contextmanager
def stop_on_signals(
    loop: asyncio.AbstractEventLoop, callback: Callable[[], None], *, close_grace: float = 4.5
) -> Iterator[str]:
    """Call ``callback`` in the loop on Ctrl-C, SIGTERM or (Windows) Ctrl-Break / console close.

    POSIX loops watch signals themselves (``add_signal_handler``). Windows loops raise
    NotImplementedError there: Python's own handlers are installed instead (main thread only),
    which the proactor loop wakes up for, and the callback is handed to the loop from there.
    Yields ``"loop"``, ``"python"`` or ``"none"`` (not the main thread) and restores on exit.

    Closing the console window (or logging off) on Windows kills the process as soon as its
    console handler returns, too soon for a signal handler to run: a console handler of our own
    asks for the stop there and holds the process for up to ``close_grace`` seconds, until this
    block has ended (the order canceled and verified).
    """
    import signal  # the commands that stop on it: not the window's first frame (issue 19)

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
    finished = threading.Event()
    console = _ConsoleCloseHandler(loop, callback, finished, close_grace)
    try:
        yield mode
    finally:
        finished.set()
        console.remove()
        for sig in added:
            loop.remove_signal_handler(sig)
        for sig, old in previous.items():
            signal.signal(sig, old)


# Console control events (wincon.h) that end the process once the handler returns.
CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT = 2, 5, 6


class _ConsoleCloseHandler:
    """``SetConsoleCtrlHandler`` for the close, log-off and shut-down events (Windows only).

    Windows calls the handler on a thread of its own and gives it about 5 s for a close: the
    stop is handed to the loop and the thread waits for ``finished``. Ctrl-C and Ctrl-Break are
    left to Python's handlers (returning False passes them on).
    """

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        callback: Callable[[], None],
        finished: threading.Event,
        grace: float,
    ) -> None:
        self._kernel32: Any = None
        self._handler: Any = None
        if not system.windows():
            return
        import ctypes

        kernel32 = getattr(getattr(ctypes, "windll", None), "kernel32", None)
        prototype = getattr(ctypes, "WINFUNCTYPE", None)
        if kernel32 is None or prototype is None:
            return

        def on_event(kind: int) -> int:
            if kind not in (CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT):
                return 0
            with contextlib.suppress(RuntimeError):  # the loop is already closed
                loop.call_soon_threadsafe(callback)
            finished.wait(grace)
            return 1

        self._handler = prototype(ctypes.c_int, ctypes.c_uint)(on_event)
        if kernel32.SetConsoleCtrlHandler(self._handler, 1):
            self._kernel32 = kernel32

    def remove(self) -> None:
        if self._kernel32 is not None:
            self._kernel32.SetConsoleCtrlHandler(self._handler, 0)
            self._kernel32 = None
