"""Rotating log files in the data folder, and no secret in them at the most verbose level."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from pos_app.settings import paths
from pos_app.system import logs
from tests.deploy.secret_run import SECRETS, TOKEN, run_verbose_session


@pytest.fixture(autouse=True)
def _clean_handlers() -> Iterator[None]:
    yield
    logs.reset()
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.NOTSET)


def test_no_secret_in_the_log_file_or_the_console_at_debug(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = run_verbose_session(monkeypatch)
    written = (folder / logs.LOG_NAME).read_text(encoding="utf-8")
    console = capsys.readouterr().err
    # The run really was at the most verbose level, with httpx and httpcore talking.
    assert "httpcore" in written and "httpx" in written and "DEBUG" in written
    assert "GET /users/me" in written or "users/me" in written
    assert "it failed" in written and "Traceback" in written and "RuntimeError" in written
    for text in (written, console):
        for secret in SECRETS:
            assert secret not in text
    assert "[redacted]" in written and "APP_USR-[redacted]" in written
    assert "Bearer [redacted]" in written and "pos:[redacted]@db.local" in written


def test_the_log_file_rotates_under_its_size_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 20_000)
    logs.setup(0)
    folder = paths.logs_dir()
    logs.add_file(folder)
    log = logging.getLogger("pos_app.test")
    for i in range(3000):
        log.info("line %05d with some padding to fill the file quickly %s", i, "x" * 40)
    files = logs.log_files(folder)
    assert [f.name for f in files] == [f"pos-app.log.{n}" for n in (4, 3, 2, 1)] + ["pos-app.log"]
    assert all(f.stat().st_size <= 20_000 + 200 for f in files)
    assert "line 02999" in files[-1].read_text(encoding="utf-8")
    # Nothing lost or repeated at a rotation: the files' lines follow each other.
    numbers = [
        int(line.split("line ")[1][:5])
        for f in files
        for line in f.read_text(encoding="utf-8").splitlines()
    ]
    assert numbers == list(range(numbers[0], 3000))
    assert all(f.stat().st_size >= 20_000 - 200 for f in files[:-1])  # full before rotating


def test_redact_catches_token_shapes_and_remembered_secrets() -> None:
    logs.remember_secret(TOKEN)
    assert logs.redact(f"x {TOKEN} y") == "x [redacted] y"
    assert logs.redact("TEST-1234567890-abc") == "TEST-[redacted]"
    assert logs.redact("hint …abcd stays") == "hint …abcd stays"
    assert logs.redact("ok") == "ok"
    # A remembered secret that is also part of a token (a run of digits) leaves no piece of it.
    logs.remember_secret("00000000")
    logs.remember_secret("APP_USR-")  # half typed: not a secret, and must not eat the prefix
    shaped = "APP_USR-7771000000000001-112200-abcdef-777"
    assert logs.redact("APP_USR-") == "APP_USR-"
    assert logs.redact(f"token {shaped}.") == "token APP_USR-[redacted]."
