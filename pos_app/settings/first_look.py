"""The settings file peeked at before the first frame: language, country, "looks configured".

Start-up paints the window before it loads the settings properly (issue 19): the full load
(:func:`pos_app.settings.config.load`) checks every value, moves a damaged file aside and says
so, and brings the validators of every field with it. The first frame needs three facts, read
here without side effects and with only the standard library: anything unexpected answers
"nothing known", and the full load after the first frame decides.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any, NamedTuple

from pos_app.settings import paths

MAX_FILE_BYTES = 1 << 20  # a settings file is a few hundred bytes


class FirstLook(NamedTuple):
    """A named tuple, not a frozen dataclass: ~6x quicker to define (before the first frame)."""

    language: str = ""  # config.language ("" = the computer's locale)
    site_id: str = ""  # the account's country ("" = not known)
    looks_configured: bool = False  # an account, a store and a box are named


def first_look(config_path: Path | None = None) -> FirstLook:
    """What the settings file says, or ``FirstLook()`` when it is missing or unreadable. Never
    blocks on a pipe in the file's place, never raises."""
    try:
        path = config_path or paths.config_path()
        if not stat.S_ISREG(path.stat().st_mode):  # a pipe would block the start-up
            return FirstLook()
        with path.open("rb") as handle:
            data = json.loads(handle.read(MAX_FILE_BYTES).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return FirstLook()
    if not isinstance(data, dict):
        return FirstLook()
    language = _text(data, "language")
    looks_configured = isinstance(data.get("user_id"), int) and all(
        _text(data, key) for key in ("site_id", "store_external_id", "box_external_id")
    )
    return FirstLook(language, _text(data, "site_id"), looks_configured)


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key, "")
    return value if isinstance(value, str) else ""
