"""The data folder's disk full (or read-only): every command says so in one line and exits 1.

``pos-app charge`` (and every command that opens the ledger, and the window's start) died with
a traceback writing its PID into the instance lock file, and ``pos-app configure`` with one
writing the settings file: "OSError: [Errno 28] No space left on device" and 20 lines of
Python. Measured on a full 400 KiB tmpfs; simulated here (no mount needed)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from pos_app.cli import main
from pos_app.ledger import lock as lock_mod
from pos_app.ledger.lock import InstanceLock
from pos_app.settings import config as config_mod
from pos_app.settings import paths


def test_the_lock_is_taken_when_its_pid_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(lock_mod.os, "write", full)
    first = InstanceLock(tmp_path / "ledger.sqlite3.lock")
    first.acquire()  # the PID is a courtesy: the lock is what counts
    try:
        assert "No space left" in caplog.text
        with pytest.raises(lock_mod.AlreadyRunningError):
            InstanceLock(tmp_path / "ledger.sqlite3.lock").acquire()
    finally:
        first.release()


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_configure_on_a_full_or_read_only_disk_says_so(
    code: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def cannot(*_args: object, **_kwargs: object) -> Path:
        raise OSError(code, os.strerror(code), str(paths.config_path()))

    monkeypatch.setattr(config_mod, "_write", cannot)
    assert main(["configure", "--order-ttl", "15"]) == 1
    said = capsys.readouterr().err
    assert "Traceback" not in said
    assert os.strerror(code) in said and str(paths.config_path()) in said
    assert "disk" in said


def test_with_v_the_traceback_is_there_for_the_technician(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def cannot(*_args: object, **_kwargs: object) -> Path:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "x")

    monkeypatch.setattr(config_mod, "_write", cannot)
    assert main(["-v", "configure", "--order-ttl", "15"]) == 1
    assert "Traceback" in capsys.readouterr().err


def test_a_support_file_that_cannot_be_written_leaves_no_half_zip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import zipfile

    real = zipfile.ZipFile.writestr

    def full(self: zipfile.ZipFile, name: str, data: str | bytes) -> None:
        real(self, name, data)
        if name == "sales.json":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    assert main(["support-file", "--out", str(tmp_path / "s.zip")]) == 1
    assert "No space left" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
