"""The token in the keyring (never a file), and the config file's recovery."""

from __future__ import annotations

import json
import os
import stat

import keyring.backend
import pytest

from pos_app.mercadopago.credentials import AccessToken
from pos_app.settings import account, paths, secrets
from pos_app.settings import config as config_mod
from pos_app.settings.config import Config, PollSchedule
from pos_app.settings.memory_keyring import MemoryKeyring

TOKEN = "APP_USR-5001000000000001-112200-0123456789abcdef0123456789abcdef-1"


def files_under(folder) -> list[str]:
    return [p.read_text(errors="replace") for p in folder.rglob("*") if p.is_file()]


def test_without_a_keyring_the_token_is_refused_with_the_options(_isolated_home) -> None:
    assert not account.keyring_usable()  # tests run with the "fail" backend
    with pytest.raises(secrets.KeyringUnavailableError) as caught:
        secrets.save_token(AccessToken(TOKEN))
    text = str(caught.value.msg)
    assert "MP_ACCESS_TOKEN" in text and "never written to a file" in text
    assert not any(TOKEN in content for content in files_under(_isolated_home))
    assert secrets.load_token().token is None


def test_the_memory_keyring_keeps_the_token_and_shows_only_its_end(keyring_memory) -> None:
    assert account.keyring_usable()
    secrets.save_token(AccessToken(TOKEN))
    source = secrets.load_token()
    assert source.origin == "keyring" and source.token == AccessToken(TOKEN)
    assert source.token.hint == "…ef-1"
    assert TOKEN not in repr(source)
    assert "memory" in secrets.backend_name()


def test_the_environment_wins_over_the_keyring(keyring_memory, monkeypatch) -> None:
    secrets.save_token(AccessToken(TOKEN))
    monkeypatch.setenv("MP_ACCESS_TOKEN", "APP_USR-from-the-environment-9999")
    source = secrets.load_token()
    assert source.origin == "environment" and source.token.hint == "…9999"


def test_the_memory_keyring_is_never_chosen_on_its_own() -> None:
    # Registered, it would beat the "fail" backend on a PC without a secret service.
    assert MemoryKeyring not in keyring.backend.get_all_keyring()
    assert all(not isinstance(k, MemoryKeyring) for k in keyring.backend.get_all_keyring())


def test_a_damaged_config_is_put_aside_and_explained(_isolated_home) -> None:
    path = paths.config_path()
    path.write_text("{ this is not json", encoding="utf-8")
    loaded = config_mod.load()
    assert loaded.config == Config()
    assert loaded.problem is not None and "damaged" in str(loaded.problem)
    assert loaded.moved_to is not None and loaded.moved_to.exists()
    assert not path.exists()
    assert config_mod.load().problem is None  # next start: no file, no message


def test_what_settings_save_reads_back_the_same(_isolated_home) -> None:
    config = Config(
        user_id=42,
        site_id="MLB",
        store_external_id="SUC001",
        box_external_id="CAJA01",
        order_ttl_minutes=15,
        poll=PollSchedule.fixed(5.0),
        max_total="1234.50",
        notify_listen="127.0.0.1:8088",
        notify_url="https://shop.example.com/mp",
        language="pt_BR",
    )
    path = config_mod.save(config)
    # Windows has no owner-only mode bits (the profile folder's ACL keeps the file private).
    assert os.name == "nt" or stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert config_mod.load().config == config
    assert not [
        key
        for key in json.loads(path.read_text(encoding="utf-8"))
        if "token" in key or "secret" in key
    ]
