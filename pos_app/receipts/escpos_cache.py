"""python-escpos's printer database, parsed once per computer rather than once per process.

On its first import, ``escpos.capabilities`` parses the printer database shipped with
python-escpos (YAML, by PyYAML's pure-Python parser: ~0.3 s) and keeps the result as a pickle in
``$ESCPOS_CAPABILITIES_PICKLE_DIR``, by default a *new* ``mkdtemp()`` folder per process that is
never reused nor removed: every process that printed left a folder in the temp directory (never
cleaned on a counter PC's ``%TEMP%``) and paid the parse again. :func:`load_capabilities` imports
it with the pickle in the app's cache folder instead; call it before any import of ``escpos``.

python-escpos writes its pickle with a plain ``open(..., "wb")``: a process reading it while
another writes it would load half a pickle. So the shared pickle is only ever read by python-escpos;
it is written in a private folder and moved in with ``os.replace`` (atomic). Nothing about the
cache may stop printing: when the folder cannot be used, the pickle goes to a private temporary
folder that is removed after the import.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.resources
import logging
import os
import platform
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from pos_app.settings import paths
from pos_app.system.files import private_dir

log = logging.getLogger(__name__)

ENV = "ESCPOS_CAPABILITIES_PICKLE_DIR"  # python-escpos's own setting, read on import
MODULE = "escpos.capabilities"
BUILD_PREFIX = "build-"
STALE_BUILD = 3600.0  # s: a private folder this old was left by a process killed mid-import

_lock = threading.Lock()  # two threads printing at once import it once


def pickle_name() -> str:
    """python-escpos's name for its pickle (one per Python version: pickles are not portable)."""
    return f"{platform.python_version()}.capabilities.pickle"


def load_capabilities() -> None:
    """Import ``escpos.capabilities`` with its pickle in ``cache_dir()/escpos``.

    When ``ESCPOS_CAPABILITIES_PICKLE_DIR`` names an existing folder, someone chose it (the test
    suite for its workers, an administrator): it is used as it is.
    """
    if MODULE in sys.modules:
        return
    chosen = os.environ.get(ENV, "")
    if os.path.isdir(chosen):
        with _lock:
            if MODULE not in sys.modules:
                _import_with(Path(chosen))  # still ours: python-escpos's stray mkdtemp() goes
        return
    try:
        shared: Path | None = paths.cache_dir() / "escpos"
    except OSError as exc:  # a read-only profile, a file where the folder should be
        log.info("no cache folder for the printer database: %s", exc)
        shared = None
    share_capabilities(shared)


def share_capabilities(shared: Path | None) -> bool:
    """Import ``escpos.capabilities`` with its pickle in the folder ``shared`` (made if missing).

    True when ``shared`` holds a current pickle afterwards: then other processes may point
    ``ESCPOS_CAPABILITIES_PICKLE_DIR`` at it (tests/conftest.py does, for its workers).
    """
    with _lock:
        if MODULE in sys.modules:
            return shared is not None and _current(shared / pickle_name())
        if shared is not None and _current(shared / pickle_name()):
            try:
                _import_with(shared)  # read only: python-escpos writes when it finds no pickle
                return True
            except Exception as exc:  # damaged (a power cut before the disk had it all)
                # Not removed: another process may be between its check and python-escpos's,
                # and would then write in place. The new one is renamed over it.
                log.warning("the printer database's cache %s is damaged: %s", shared, exc)
        return _build(shared)


def _build(shared: Path | None) -> bool:
    """Import it with a new pickle written in a private folder; move that into ``shared``."""
    build = _private_folder(shared)
    try:
        _import_with(build)
        if shared is None or build.parent != shared:
            return False
        try:
            os.replace(build / pickle_name(), shared / pickle_name())  # atomic: whole or none
            return True
        except OSError as exc:  # Windows: another process is reading the old one; next time
            log.info("cannot share the printer database's cache: %s", exc)
            return False
    finally:
        shutil.rmtree(build, ignore_errors=True)


def _private_folder(shared: Path | None) -> Path:
    """A new folder inside ``shared`` (same filesystem: ``os.replace`` needs it), else in the
    system's temp folder (removed after the import: never left behind)."""
    if shared is not None:
        try:
            private_dir(shared, ours=True)
            _remove_stale_builds(shared)
            return Path(tempfile.mkdtemp(prefix=BUILD_PREFIX, dir=shared))
        except OSError as exc:  # read-only, full, or not a folder
            log.info("cannot write the printer database's cache in %s: %s", shared, exc)
    return Path(tempfile.mkdtemp(prefix="pos-app-escpos-"))


def _remove_stale_builds(shared: Path) -> None:
    for old in shared.glob(BUILD_PREFIX + "*"):
        try:
            if time.time() - old.stat().st_mtime > STALE_BUILD:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass


def _import_with(folder: Path) -> None:
    """Import python-escpos's capabilities with its pickle in ``folder``; the variable is put
    back afterwards, so that no child process inherits a private folder about to be removed."""
    before = os.environ.get(ENV)
    os.environ[ENV] = str(folder)
    original = tempfile.mkdtemp
    made: list[str] = []

    def mkdtemp(*args: Any, **kwargs: Any) -> Any:
        # python-escpos calls mkdtemp() even when the variable is set (the default value of its
        # environ.get(...) is evaluated first): that empty folder is removed below. Other
        # threads' calls meanwhile are left alone.
        path = original(*args, **kwargs)
        if sys._getframe(1).f_globals.get("__name__") == MODULE:
            made.append(path)
        return path

    tempfile.mkdtemp = mkdtemp
    try:
        importlib.import_module(MODULE)  # a failed import leaves nothing in sys.modules
    finally:
        tempfile.mkdtemp = original
        module = sys.modules.get(MODULE)
        if module is not None and getattr(module, "mkdtemp", None) is mkdtemp:
            vars(module)["mkdtemp"] = original  # its own name for it (from tempfile import …)
        for path in made:
            with contextlib.suppress(OSError):
                os.rmdir(path)  # empty: python-escpos never uses it when the variable is set
        if before is None:
            del os.environ[ENV]
        else:
            os.environ[ENV] = before


def _current(pickle: Path) -> bool:
    """Whether python-escpos would read ``pickle`` rather than parse again and overwrite it in
    place (it does so when its database is newer: python-escpos was upgraded)."""
    try:
        return pickle.stat().st_mtime >= _database_mtime()
    except OSError:
        return False


def _database_mtime() -> float:
    chosen = os.environ.get("ESCPOS_CAPABILITIES_FILE")  # as python-escpos decides
    if chosen:
        return os.path.getmtime(chosen)
    ref = importlib.resources.files("escpos") / "capabilities.json"
    with importlib.resources.as_file(ref) as database:
        return os.path.getmtime(database)
