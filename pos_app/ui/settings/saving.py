"""Saving from Settings and the setup assistant: the config file, then what lives outside it.

A keyring write is a D-Bus call to the secret service that can wait for seconds (a locked
keyring shows its unlock prompt; a hung daemon answers only when D-Bus gives up, 25 s later), and
the config file is on a disk that may be slow: none of it runs on the window's thread. The
window prepares the writes (what each page wants saved, read from its fields), runs
:func:`save_all` on a worker thread, and shows its outcome when it is back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from pos_app.settings import config as config_mod
from pos_app.settings import secrets
from pos_app.settings.config import Config

log = logging.getLogger(__name__)


def _nothing() -> None:
    pass


def _not_saved(_exc: Exception) -> None:
    pass


@dataclass(frozen=True)
class SecretWrite:
    """One thing a page saves outside the config file when OK is pressed (a keyring entry, the
    start-up entry).

    ``write`` runs on a worker thread and raises when it cannot save (a keyring entry it
    replaces is put back by :func:`save_all` itself; ``undo`` puts back anything else); None
    when there is nothing to write (a token kept in memory only). The page hears how it went
    on the window's thread: ``saved`` once *everything* was saved, ``failed`` with the
    exception when this write was the one that failed."""

    write: Callable[[], None] | None
    saved: Callable[[], None] = _nothing
    failed: Callable[[Exception], None] = _not_saved
    undo: Callable[[], None] | None = None


@dataclass(frozen=True)
class SaveFailure:
    """Why :func:`save_all` saved nothing: ``index`` of the write that failed, or None when the
    config file itself could not be written."""

    index: int | None
    error: Exception


def save_all(config: Config, writes: Sequence[SecretWrite]) -> SaveFailure | None:
    """On a worker thread: write the config file, then each of ``writes`` in order, all or
    nothing. When one fails, what was written before it (see :func:`write_all`) and the
    previous config file are put back. A token the keyring holds is always one the config file
    knows."""
    try:
        before = config_mod.saved_bytes()
        config_mod.save(config)
    except OSError as exc:
        log.error("cannot write the config file: %s", exc)
        return SaveFailure(None, exc)
    failure = write_all(writes)
    if failure is not None:
        try:
            config_mod.put_back(before)
        except OSError as exc:
            log.error("cannot put the previous config file back: %s", exc)
    return failure


def write_all(writes: Sequence[SecretWrite]) -> SaveFailure | None:
    """On a worker thread: each of ``writes`` in order, all or nothing. When one fails, the
    keyring entries written before it (each read before it was replaced) and what each
    ``undo`` puts back are restored."""
    done: list[SecretWrite] = []
    failure: SaveFailure | None = None
    with secrets.undoable() as written:
        for index, item in enumerate(writes):
            if item.write is None:
                continue
            try:
                item.write()
            except Exception as exc:  # undone whatever it was; the page says why
                if not isinstance(exc, secrets.KeyringUnavailableError | OSError):
                    log.error("saving the settings failed unexpectedly", exc_info=exc)
                failure = SaveFailure(index, exc)
                break
            done.append(item)
    if failure is None:
        return None
    for item in reversed(done):
        if item.undo is not None:
            try:
                item.undo()
            except OSError as exc:
                log.error("cannot put back what the settings replaced: %s", exc)
    written.undo()
    return failure


def write_config(config: Config) -> OSError | None:
    """On a worker thread: write the config file alone (the assistant's last step); the error
    when it cannot be written (see :func:`config_problem`)."""
    failure = save_all(config, ())
    return failure.error if failure is not None and isinstance(failure.error, OSError) else None


def config_problem(exc: Exception) -> str:
    """What the cashier reads when the config file could not be written."""
    detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
    return QCoreApplication.translate(
        "SettingsDialog", "The settings file could not be written ({error})."
    ).format(error=detail)


def saving_text() -> str:
    """Said beside the buttons while the settings are being saved (the keyring may ask to be
    unlocked first)."""
    return QCoreApplication.translate(
        "SettingsDialog",
        "Saving… If the computer asks for a password to unlock its keyring, type it there.",
    )
