"""Logging: rotating files in the data folder, and no secret in any line at any level.

:func:`setup` installs the console handler (the ``-v`` count picks its level: WARNING, INFO,
DEBUG; at DEBUG httpx and httpcore log every request too), :func:`add_file` the rotating file
``<data folder>/logs/pos-app.log`` (1 MiB a file, four old files kept: at most 5 MiB, INFO or
more verbose). Both handlers carry :class:`RedactingFilter`, which rewrites every record before
it is written: the secrets the app has read (:func:`remember_secret`: the access token, the
webhook secret, any database password) and anything shaped like one (``APP_USR-…``/``TEST-…``
tokens, ``Bearer …`` headers, ``password=…`` and ``user:password@`` in connection strings) become
``[redacted]``, in the message, its arguments, the traceback and the stack.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import sys
import threading
from pathlib import Path
from typing import Any

LOG_NAME = "pos-app.log"
MAX_BYTES = 1024 * 1024
BACKUP_COUNT = 4
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
REDACTED = "[redacted]"
_MIN_SECRET = 8  # shorter "secrets" would redact ordinary words
_TOKEN_PREFIX = r"^(APP_USR|TEST)-"


# The shapes of secrets: (pattern, replacement, hints, any case). A pattern can only match a
# line holding one of its hints (in any case for the patterns with ``(?i)``), so it is compiled
# when a line first holds one, and skipped for the others: the first frame's line (the
# language) compiled all four, ~2.5 M instructions (start-up time, issue 19). A line that is not
# ASCII is always run through the patterns with ``(?i)``: there, re's case folding also matches
# letters such as "ſ" to "s", which ``str.lower`` leaves alone.
_SHAPES: tuple[tuple[str, str, tuple[str, ...], bool], ...] = (
    # Mercado Pago access tokens and public keys (the hint "…abcd" a person may see stays).
    (r"\b(APP_USR|TEST)-[A-Za-z0-9_\-]{6,}", r"\1-" + REDACTED, ("APP_USR-", "TEST-"), False),
    # The same token echoed in lower case, or without its prefix (what a server wrote back may
    # sit in a ledger from before the echoes were scrubbed: a support file made where the token
    # cannot be read, so is not remembered, must still not hold it).
    (r"(?i)\b(app_usr)-[A-Za-z0-9_\-]{6,}", r"\1-" + REDACTED, ("app_usr-",), True),
    (r"\b\d{8,}-\d{6}-[A-Za-z0-9]{20,}-\d{5,}\b", REDACTED, ("-",), False),
    (r"(?i)\b(bearer\s+)[^\s'\",;]+", r"\1" + REDACTED, ("bearer",), True),
    (
        r"(?i)\b(password|passwd|pwd|secret)(\s*[=:]\s*)[^\s'\",;&]+",
        r"\1\2" + REDACTED,
        ("passw", "pwd", "secret"),
        True,
    ),
    (r"(://[^/\s:@]+:)[^@\s/]+@", r"\1" + REDACTED + "@", ("://",), False),
)


@functools.cache
def _pattern(index: int) -> re.Pattern[str]:
    return re.compile(_SHAPES[index][0])


def _may_hold(text: str, hints: tuple[str, ...], any_case: bool) -> bool:
    """False only when no match of the shape can be in ``text`` (its pattern is skipped)."""
    if any_case:
        if not text.isascii():
            return True
        text = text.lower()
    return any(hint in text for hint in hints)


_known: set[str] = set()
_known_lock = threading.Lock()
_OURS = "_pos_app_handler"
# A secret's runs of letters and digits this long are secrets of their own: an echo of the
# token without its ``APP_USR-`` prefix, in another case or percent-encoded (``%2D`` for its
# dashes) still holds them. A token's runs are its application number (16 digits) and its
# 32-character key; its last part, the user id, is shorter and public (doctor shows it).
_MIN_RUN = 12


def remember_secret(value: str | None) -> None:
    """Never log ``value`` (a token, the webhook secret, a database password).

    A value too short to be a secret (a half-typed ``APP_USR-``) is not remembered: it would
    redact ordinary words, and the token shape is caught anyway."""
    value = (value or "").strip()
    if len(re.sub(_TOKEN_PREFIX, "", value)) >= _MIN_SECRET:
        with _known_lock:
            _known.add(value)


@functools.lru_cache(maxsize=8)
def _secrets_pattern(secrets: frozenset[str]) -> re.Pattern[str] | None:
    """Each secret whole and each of its long runs of letters and digits, in any case."""
    pieces: set[str] = set()
    for secret in secrets:
        pieces.add(secret)
        pieces.update(re.findall(rf"[A-Za-z0-9]{{{_MIN_RUN},}}", secret))
    if not pieces:
        return None
    ordered = sorted(pieces, key=len, reverse=True)  # the whole secret before its parts
    return re.compile("|".join(re.escape(p) for p in ordered), re.IGNORECASE)


def scrub(text: str, secrets: frozenset[str], replacement: str = REDACTED) -> str:
    """``text`` without ``secrets``: whole, in any case, or any long run of one of them (an
    echo that dropped the prefix, changed the case or percent-encoded the dashes)."""
    pattern = _secrets_pattern(secrets)
    return pattern.sub(replacement, text) if pattern is not None else text


def holds_secret(text: str) -> bool:
    """Whether ``text`` holds an access token (its shape, or one this process read): an
    address that must not be saved or sent."""
    for index in range(3):  # the token's shapes: whole, lower case, without its prefix
        hints, any_case = _SHAPES[index][2], _SHAPES[index][3]
        if _may_hold(text, hints, any_case) and _pattern(index).search(text):
            return True
    with _known_lock:
        known = frozenset(_known)
    pattern = _secrets_pattern(known) if known else None
    return pattern is not None and pattern.search(text) is not None


def redact(text: str) -> str:
    # The shapes first: a remembered secret that happens to sit inside a token (a common run
    # of digits) must not break the token's shape before the pattern sees it.
    for index, (_, replacement, hints, any_case) in enumerate(_SHAPES):
        if _may_hold(text, hints, any_case):
            text = _pattern(index).sub(replacement, text)
    with _known_lock:
        known = frozenset(_known)
    return scrub(text, known) if known else text


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            text = record.getMessage()
        except Exception:  # a bad format string: keep what there is, still redacted
            text = f"{record.msg!r} {record.args!r}"
        record.msg = redact(text)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class _Stderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is now (as logging's last resort does), not to the
    stream of the moment it was made: a replaced or closed stream never breaks logging."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def level_for(verbosity: int, default: int = logging.WARNING) -> int:
    return max(logging.DEBUG, default - 10 * verbosity)


def setup(verbosity: int = 0, *, default: int = logging.WARNING) -> None:
    """The console handler (stderr), replacing one an earlier call installed."""
    level = level_for(verbosity, default)
    root = logging.getLogger()
    _remove(root, "console")
    handler = _Stderr()
    handler.setLevel(level)
    _install(root, handler, "console")
    _levels(root)
    # One INFO line per HTTP request drowns the log: httpx and httpcore only at DEBUG.
    quiet = level > logging.DEBUG
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING if quiet else logging.NOTSET)


def add_file(folder: Path, *, level: int = logging.INFO) -> Path:
    """The rotating log file in ``folder`` (replacing one an earlier call installed)."""
    root = logging.getLogger()
    _remove(root, "file")
    path = folder / LOG_NAME
    handler = RotatingFile(path, MAX_BYTES, BACKUP_COUNT)
    handler.setLevel(min(level, _console_level(root)))
    _install(root, handler, "file")
    _levels(root)
    return path


class RotatingFile(logging.FileHandler):
    """``logging.handlers.RotatingFileHandler`` (``delay=True``, UTF-8), without importing
    ``logging.handlers``, which brings socket, pickle and queue before the window's first frame
    (start-up time, issue 19): before a line would take the file to ``max_bytes``, the file
    becomes ``.1``, ``.1`` becomes ``.2``… up to ``backups``; the oldest goes."""

    def __init__(self, path: Path, max_bytes: int, backups: int) -> None:
        super().__init__(path, mode="a", encoding="utf-8", delay=True)
        self.max_bytes = max_bytes
        self.backups = backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.should_roll_over(record):
                self.roll_over()
            super().emit(record)
        except Exception:
            self.handleError(record)

    def should_roll_over(self, record: logging.LogRecord) -> bool:
        if os.path.exists(self.baseFilename) and not os.path.isfile(self.baseFilename):
            return False  # not a regular file (a pipe, a device): never renamed
        if self.stream is None:
            self.stream = self._open()
        if self.max_bytes <= 0:
            return False
        line = f"{self.format(record)}\n"
        self.stream.seek(0, 2)
        return bool(self.stream.tell() + len(line) >= self.max_bytes)

    def roll_over(self) -> None:
        if self.stream:
            self.stream.close()
            self.stream = None
        if self.backups > 0:
            for n in range(self.backups - 1, 0, -1):
                older, newer = f"{self.baseFilename}.{n}", f"{self.baseFilename}.{n + 1}"
                if os.path.exists(older):
                    if os.path.exists(newer):
                        os.remove(newer)
                    os.rename(older, newer)
            first = f"{self.baseFilename}.1"
            if os.path.exists(first):
                os.remove(first)
            if os.path.exists(self.baseFilename):
                os.rename(self.baseFilename, first)


def remove_file() -> None:
    _remove(logging.getLogger(), "file")


def reset() -> None:
    """Remove every handler :func:`setup` and :func:`add_file` installed (tests)."""
    _remove(logging.getLogger(), "file")
    _remove(logging.getLogger(), "console")


def log_files(folder: Path) -> list[Path]:
    """The log files, oldest first (``pos-app.log.4`` … ``pos-app.log``)."""
    found = [p for p in folder.glob(LOG_NAME + "*") if p.is_file()]

    def age(path: Path) -> int:
        suffix = path.name[len(LOG_NAME) + 1 :]
        return -int(suffix) if suffix.isdigit() else 0

    return sorted(found, key=age)


def _install(root: logging.Logger, handler: logging.Handler, kind: str) -> None:
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(RedactingFilter())
    setattr(handler, _OURS, kind)
    root.addHandler(handler)


def _remove(root: logging.Logger, kind: str) -> None:
    for handler in list(root.handlers):
        if getattr(handler, _OURS, None) == kind:
            root.removeHandler(handler)
            handler.close()


def _console_level(root: logging.Logger) -> int:
    for handler in root.handlers:
        if getattr(handler, _OURS, None) == "console":
            return handler.level
    return logging.WARNING


def _levels(root: logging.Logger) -> None:
    levels = [h.level for h in root.handlers if getattr(h, _OURS, None)]
    root.setLevel(min(levels) if levels else logging.WARNING)
