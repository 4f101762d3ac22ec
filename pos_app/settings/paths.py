"""Where the app keeps its files: ``POS_APP_HOME`` when set, else the platform's folders."""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType

from pos_app.system.files import private_dir

APP_NAME = "pos-app"


def _home_override() -> Path | None:
    value = os.environ.get("POS_APP_HOME")
    return Path(value).expanduser() if value else None


def _platformdirs() -> ModuleType:
    """platformdirs, imported only when ``POS_APP_HOME`` does not say where (the demo's
    throwaway folder, a portable install): start-up time, issue 19."""
    import platformdirs

    return platformdirs


def data_dir() -> Path:
    """The ledger, its lock and logs."""
    override = _home_override()
    if override is None:
        path = Path(_platformdirs().user_data_dir(APP_NAME, appauthor=False))
    else:
        path = override
    return private_dir(path, ours=override is None)  # 0700 where modes exist


def config_dir() -> Path:
    override = _home_override()
    if override is None:
        path = Path(_platformdirs().user_config_dir(APP_NAME, appauthor=False))
    else:
        path = override
    return private_dir(path, ours=override is None)


def cache_dir() -> Path:
    """What can be made again (python-escpos's parsed printer database): ``cache`` in
    POS_APP_HOME, else the platform's cache folder (which backups leave out)."""
    override = _home_override()
    if override:
        return private_dir(data_dir() / "cache", ours=True)
    return private_dir(Path(_platformdirs().user_cache_dir(APP_NAME, appauthor=False)), ours=True)


def config_path() -> Path:
    return config_dir() / "config.json"


def ledger_path() -> Path:
    return data_dir() / "ledger.sqlite3"


def logs_dir() -> Path:
    """The rotating log files (pos_app.system.logs)."""
    return private_dir(data_dir() / "logs", ours=True)


def default_backup_dir() -> Path:
    return data_dir() / "backups"


def backup_dir(configured: str) -> Path:
    """Where backups go: the folder chosen in Settings, else ``backups`` in the data folder."""
    if configured.strip():
        return Path(configured).expanduser()  # never created: a missing USB stick is reported
    return private_dir(default_backup_dir(), ours=True)
