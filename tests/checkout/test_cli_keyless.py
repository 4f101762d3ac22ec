"""A computer without a password keyring: ``doctor`` and ``configure`` only suggest what can
work here (MP_ACCESS_TOKEN), and never the backend's name ("fail Keyring")."""

from __future__ import annotations

import io
import json
import re
import shlex
from collections.abc import Iterator

import keyring
import keyring.backend
import keyring.errors
import pytest

from pos_app.cli import main
from pos_app.settings import config as config_mod
from pos_app.settings.memory_keyring import MemoryKeyring, memory_keyring
from tests.thread_sandbox import ThreadSandbox, configured_fixture, sandbox_fixture  # noqa: F401


def doctor(capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, str]]:
    main(["doctor", "--json"])
    report = json.loads(capsys.readouterr().out)
    return {check["name"]: check for check in report["checks"]}


def test_doctor_without_keyring_or_token_points_to_the_environment(
    capsys: pytest.CaptureFixture[str],
) -> None:
    checks = doctor(capsys)  # the suite's "fail" keyring, no MP_ACCESS_TOKEN
    token = checks["access token"]
    assert not token["ok"]
    assert "no password keyring" in token["detail"]
    assert "fail" not in token["detail"].lower()
    assert token["advice"].startswith("Set MP_ACCESS_TOKEN")
    config = checks["configuration"]
    # 'configure --store' needs a token: here it can only come from the environment.
    assert "MP_ACCESS_TOKEN=<token> pos-app configure --store ID --box ID" in config["advice"]
    assert "--token-stdin" not in config["advice"]


@pytest.fixture
def keyring_memory() -> Iterator[MemoryKeyring]:
    with memory_keyring() as backend:
        yield backend


def test_doctor_with_a_keyring_suggests_saving_the_token(
    keyring_memory: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    checks = doctor(capsys)
    assert "configure --token-stdin" in checks["access token"]["advice"]
    assert "--token-stdin" in checks["configuration"]["advice"]


def test_configure_token_stdin_without_keyring_refuses_before_anything(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin = io.StringIO("APP_USR-1234\n")
    monkeypatch.setattr("sys.stdin", stdin)
    code = main(["configure", "--token-stdin"])
    err = capsys.readouterr().err
    assert code == 1
    assert "no password keyring" in err and "MP_ACCESS_TOKEN" in err
    assert stdin.tell() == 0  # the token was not even read


def test_the_command_doctor_advises_for_a_missing_box_works(
    configured: ThreadSandbox,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config_mod.save(config_mod.load().config.with_changes(box_external_id="CAJA77"))
    advice = doctor(capsys)["box"]["advice"]
    command = re.search(r"'(pos-app [^']+)'", advice)
    assert command is not None, advice
    argv = shlex.split(command.group(1))[1:]
    assert main(argv) == 0, capsys.readouterr().err
    capsys.readouterr()
    checks = doctor(capsys)
    assert checks["box"]["ok"], checks["box"]


class _LockedKeyring(MemoryKeyring):
    """A desktop's keyring that is locked, or out of an SSH session's reach."""

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("locked")


keyring.backend.KeyringBackend._classes.discard(_LockedKeyring)  # installed on purpose only


def test_doctor_with_a_locked_keyring_does_not_say_the_token_is_missing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(_LockedKeyring())
    try:
        token = doctor(capsys)["access token"]
    finally:
        keyring.set_keyring(previous)
    assert not token["ok"]
    # It said "none found: not in the keyring" and advised saving it again.
    assert "not in the keyring" not in token["detail"]
    assert "could not be read (KeyringLocked)" in token["detail"]
    assert "--token-stdin" not in token["advice"]
    assert "MP_ACCESS_TOKEN" in token["advice"]


class _RefusingKeyring(MemoryKeyring):
    """A keyring that reads but will not take a new secret (a policy, a full store)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("refused")


keyring.backend.KeyringBackend._classes.discard(_RefusingKeyring)  # installed on purpose only


def test_configure_saves_the_settings_file_and_the_token_both_or_neither(
    sandbox: ThreadSandbox,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As Settings' OK: the settings file first, then the keyring. The token was saved first:
    a settings file that could not be written left a token no settings knew."""
    state = sandbox.state
    argv = ["configure", "--token-stdin", "--store", state.store_external_id]
    argv += ["--box", state.box_external_id]
    with memory_keyring() as backend:
        monkeypatch.setattr("sys.stdin", io.StringIO(state.seller_token + "\n"))

        def full_disk(*_args: object, **_kwargs: object) -> None:
            raise OSError(28, "No space left on device")

        with pytest.MonkeyPatch.context() as patched:
            patched.setattr(config_mod, "save", full_disk)
            assert main(argv) == 1
        assert "No space left" in capsys.readouterr().err
        assert backend.secrets == {}  # no token without its settings

    previous = keyring.get_keyring()
    keyring.set_keyring(_RefusingKeyring())
    try:
        monkeypatch.setattr("sys.stdin", io.StringIO(state.seller_token + "\n"))
        assert main(argv) == 1
    finally:
        keyring.set_keyring(previous)
    assert "nothing was saved" in capsys.readouterr().err
    assert config_mod.saved_bytes() is None  # the settings file put back: there was none
