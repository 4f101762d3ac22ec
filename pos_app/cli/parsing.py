"""What building ``pos-app``'s parser needs: the parser class and the exit codes.

Apart from :mod:`pos_app.cli.output` (which re-exports them): ``pos-app --version`` and
``--help`` build the parser and print, and need none of the money rules, sales or JSON that
printing a sale does (issue 19, start-up).
"""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Callable
from typing import NoReturn, TypeAlias

# Exit codes (documented in the README and in --help)
EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_NOT_PAID = 3
EXIT_PENDING = 4


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line and exit 2, as documented, instead of argparse's usage dump. argparse quotes
        # the value it refused whole ("invalid int value: '999…'"): a 5,000-digit argument made
        # a 5,000-character message, so a quoted value is cut to its first 40 characters.
        message = re.sub(r"'([^'\n]{40})[^'\n]{10,}'", r"'\1…'", message)
        message = " ".join(message.split())  # one line, whatever the value held
        self.exit(EXIT_USAGE, f"pos-app: {message}\n")


# What add_subparsers returns for Parser, where the sub-commands' modules add their parsers
# (a string: argparse's class is generic only in the type stubs).
Subcommands: TypeAlias = "argparse._SubParsersAction[Parser]"


# == argument types: a value out of its range is refused by the parser (one line, exit 2) ========
# (They raise ArgumentTypeError, whose text argparse prints after "argument --option: ".)
def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An integer option from ``low`` to ``high``: ``--limit 10**40`` overflowed SQLite,
    ``--limit -1`` listed every sale, ``--keep -1`` removed backups."""

    def read(text: str) -> int:
        stripped = text.strip()
        digits = stripped[1:] if stripped.startswith("-") else stripped
        if not (digits.isascii() and digits.isdigit()) or len(digits) > 12:
            raise argparse.ArgumentTypeError(f"expected a whole number from {low} to {high}")
        value = int(stripped)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"expected a whole number from {low} to {high}")
        return value

    return read


def number_between(low: float, high: float, *, what: str = "a number") -> Callable[[str], float]:
    """A finite number option from ``low`` to ``high`` (``float()`` alone takes nan, inf and
    1e309, which a wait, a poll or a store's location cannot be; and "٣" or "１" (Arabic-Indic
    and full-width digits) and "1_0", which no one types for a number of seconds)."""

    def read(text: str) -> float:
        try:
            value = float(text) if text.isascii() and "_" not in text else float("nan")
        except ValueError:
            value = float("nan")
        if not low <= value <= high:  # also refuses NaN
            raise argparse.ArgumentTypeError(f"expected {what} from {low:g} to {high:g}")
        return value

    return read


# Longer names are refused by every file system this app runs on (255 bytes a name on Linux and
# macOS, 255 characters on NTFS): said here rather than as an OSError traceback further in.
MAX_NAME_BYTES = 255
MAX_PATH_BYTES = 4095


def file_name(text: str) -> str:
    """A file or folder argument the operating system can be asked about: no NUL (Python's
    ``open`` raises ValueError) and no name over the file systems' limits. Never empty or
    blank (a script's unset variable): ``--csv ''`` was taken as no file (the sales listed
    instead), ``backup --to ''`` as the Settings' folder, ``support-file --out ''`` as here."""
    if not text.strip():
        raise argparse.ArgumentTypeError("expected a file name, not an empty text")
    if "\x00" in text:
        raise argparse.ArgumentTypeError("a file name cannot hold a NUL character")
    raw = os.fsencode(text)
    if len(raw) > MAX_PATH_BYTES or any(
        len(part) > MAX_NAME_BYTES for part in re.split(rb"[/\\]", raw)
    ):
        raise argparse.ArgumentTypeError(f"file name too long: {text[:40]!r}…")
    return text
