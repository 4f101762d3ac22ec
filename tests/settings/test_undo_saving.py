"""What Settings' OK undoes when a later step fails: the keyring entries it wrote, the config
file it replaced (see tests/ui/test_settings_dialog.py for the dialog itself)."""

from __future__ import annotations

from pos_app.mercadopago.credentials import AccessToken
from pos_app.settings import config as config_mod
from pos_app.settings import paths, secrets
from pos_app.settings.config import Config
from pos_app.settings.memory_keyring import MemoryKeyring

OLD = "APP_USR-1111111111111111-010101-the-old-one-1"
NEW = "APP_USR-2222222222222222-020202-the-new-one-2"


def test_undo_puts_each_keyring_entry_back_as_it_was(keyring_memory: MemoryKeyring) -> None:
    secrets.save_token(AccessToken(OLD))
    secrets.save_webhook_secret("kept-outside")
    with secrets.undoable() as written:
        secrets.save_token(AccessToken(NEW))
        secrets.save_token(AccessToken(NEW + "x"))  # the first value seen is what comes back
        secrets.save_store_password("new-password")
    secrets.save_webhook_secret("after-the-block")  # not part of what is undone
    assert secrets.load_token().token == AccessToken(NEW + "x")
    written.undo()
    assert keyring_memory.secrets == {
        (secrets.SERVICE, secrets.TOKEN_KEY): OLD,
        (secrets.SERVICE, secrets.WEBHOOK_KEY): "after-the-block",
    }
    written.undo()  # twice is harmless: nothing is left to put back
    assert secrets.load_token().token == AccessToken(OLD)


def test_a_deleted_entry_comes_back_too(keyring_memory: MemoryKeyring) -> None:
    secrets.save_webhook_secret("the-secret")
    with secrets.undoable() as written:
        secrets.save_webhook_secret("")  # deletes it
    assert (secrets.SERVICE, secrets.WEBHOOK_KEY) not in keyring_memory.secrets
    written.undo()
    assert keyring_memory.secrets[(secrets.SERVICE, secrets.WEBHOOK_KEY)] == "the-secret"


def test_the_config_file_is_put_back_byte_for_byte_or_removed() -> None:
    assert config_mod.saved_bytes() is None
    config_mod.save(Config(order_ttl_minutes=7))
    config_mod.put_back(None)
    assert not paths.config_path().exists()

    odd = b'{"order_ttl_minutes": 3}\r\n\xff'  # whatever was there, even not UTF-8
    paths.config_path().write_bytes(odd)
    before = config_mod.saved_bytes()
    config_mod.save(Config(order_ttl_minutes=7))
    assert config_mod.load().config.order_ttl_minutes == 7
    config_mod.put_back(before)
    assert paths.config_path().read_bytes() == odd
