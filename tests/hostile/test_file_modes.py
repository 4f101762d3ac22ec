"""Issue 16, item 10: the data folder is 0700, the ledger (and its -wal, -shm and lock) and the
config file 0600, and a config file others can read is tightened with a warning. Where the
system has no such modes (Windows) nothing is changed and nothing fails:
tests/portability/test_windows_simulated.py."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_app.cli import main
from pos_app.ledger.store import Ledger
from pos_app.settings import config as config_mod
from pos_app.settings import paths

pytestmark = pytest.mark.posix  # file modes


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def fresh_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data folder that does not exist yet, under the usual umask (022)."""
    home = tmp_path / "home" / "pos-app"
    monkeypatch.setenv("POS_APP_HOME", str(home))
    old = os.umask(0o022)
    try:
        yield home
    finally:
        os.umask(old)


def test_first_run_makes_a_private_folder_ledger_and_lock(
    fresh_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = Ledger(paths.ledger_path())
    try:
        ledger.catalog  # noqa: B018 - opened and migrated: WAL files exist now
        files = {p.name: mode(p) for p in fresh_home.iterdir()}
    finally:
        ledger.close()
    assert mode(fresh_home) == 0o700
    assert files["ledger.sqlite3"] == 0o600
    assert files["ledger.sqlite3.lock"] == 0o600
    assert all(m == 0o600 for m in files.values()), files  # -wal and -shm too
    assert main(["sales"]) == 0  # the command line's path through the same folder
    assert mode(paths.ledger_path()) == 0o600


@pytest.mark.platform_folders
def test_an_old_open_data_folder_and_ledger_are_tightened(
    fresh_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What an earlier version left in the platform's folders (0755, 0644)."""
    monkeypatch.delenv("POS_APP_HOME")
    import platformdirs

    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *_a, **_k: str(fresh_home))
    fresh_home.mkdir(parents=True, mode=0o755)
    os.chmod(fresh_home, 0o755)
    ledger_file = fresh_home / "ledger.sqlite3"
    Ledger(ledger_file).close()
    os.chmod(ledger_file, 0o644)
    os.chmod(fresh_home / "ledger.sqlite3.lock", 0o644)
    Ledger(paths.ledger_path()).close()
    assert mode(fresh_home) == 0o700
    assert mode(ledger_file) == 0o600
    assert mode(fresh_home / "ledger.sqlite3.lock") == 0o600


def test_a_folder_someone_chose_keeps_its_mode(fresh_home: Path) -> None:
    """``POS_APP_HOME=/tmp`` must not make /tmp private; the files in it still are."""
    fresh_home.mkdir(parents=True, mode=0o755)
    os.chmod(fresh_home, 0o1777)
    Ledger(paths.ledger_path()).close()
    config_mod.save(config_mod.Config(box_external_id="CAJA01"))
    assert mode(fresh_home) == 0o1777
    assert mode(paths.ledger_path()) == 0o600 and mode(paths.config_path()) == 0o600


def test_config_is_saved_0600_in_a_0700_folder(fresh_home: Path) -> None:
    path = config_mod.save(config_mod.Config(box_external_id="CAJA01"))
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700


def test_a_too_open_config_is_tightened_with_a_warning(
    fresh_home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = config_mod.save(config_mod.Config(box_external_id="CAJA01"))
    os.chmod(path, 0o666)
    with caplog.at_level(logging.WARNING, logger="pos_app"):
        loaded = config_mod.load()
    assert loaded.problem is None and loaded.config.box_external_id == "CAJA01"
    assert mode(path) == 0o600
    assert "could be read by other users (mode 666): changed to 0600" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="pos_app"):
        config_mod.load()
    assert "0600" not in caplog.text  # said once, when it was changed


def test_a_config_that_cannot_be_tightened_still_loads(
    fresh_home: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone else's file (a shared folder): warn, never crash, keep selling."""
    path = config_mod.save(config_mod.Config(box_external_id="CAJA01"))
    os.chmod(path, 0o644)

    def refused(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "chmod", refused)
    with caplog.at_level(logging.WARNING, logger="pos_app"):
        loaded = config_mod.load()
    assert loaded.problem is None and loaded.config.box_external_id == "CAJA01"
    assert "cannot be changed" in caplog.text
    assert mode(path) == 0o644


@pytest.mark.platform_folders
def test_the_platform_folders_without_pos_app_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every folder of ours comes from the platform's folders when POS_APP_HOME is not set
    (platformdirs imported on use: a name left unimported fails only on this path)."""
    monkeypatch.delenv("POS_APP_HOME")
    import platformdirs

    for kind in ("data", "config", "cache"):
        monkeypatch.setattr(
            platformdirs, f"user_{kind}_dir", lambda *_a, _k=kind, **_kw: str(tmp_path / _k)
        )
    assert paths.data_dir() == tmp_path / "data"
    assert paths.config_dir() == tmp_path / "config"
    assert paths.cache_dir() == tmp_path / "cache"
    assert mode(tmp_path / "cache") == 0o700
