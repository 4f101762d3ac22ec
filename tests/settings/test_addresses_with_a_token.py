"""An address with the access token in it (the notification URL, the API address: pasted by
mistake, or the old API's ``?access_token=``) is refused by Settings and ``configure``, and a
settings file holding one drops it: it was saved in ``config.json`` as typed and the
notification URL sent to Mercado Pago with every order."""

from __future__ import annotations

import json

import pytest

from pos_app.cli import main
from pos_app.settings import config as config_mod
from pos_app.settings import paths, rules
from pos_app.system import logs

TOKEN = "APP_USR-7340000000000123-120212-9f1c2b7a5d3e4f60a1b2c3d4e5f60718-734000123"
KEY = "9f1c2b7a5d3e4f60a1b2c3d4e5f60718"


@pytest.mark.parametrize(
    "url",
    [
        f"https://shop.example/mp/notifications?token={TOKEN}",
        f"https://shop.example/{TOKEN.lower()}/hook",
        f"https://shop.example/hook?k={KEY}",  # the key alone, once the app has read the token
    ],
)
def test_settings_refuse_a_notification_url_holding_the_token(url: str) -> None:
    logs.remember_secret(TOKEN)
    problem = rules.notify_url_problem(url)
    assert problem is not None and "holds an access token" in str(problem)
    assert rules.notify_url_problem("https://shop.example/mp/notifications") is None


def test_configure_refuses_it_and_never_writes_it(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["configure", "--notify-url", f"https://x.example/mp?token={TOKEN}"])
    said = capsys.readouterr().err
    assert code == 2, said
    assert "holds an access token" in said and KEY not in said
    assert not paths.config_path().exists() or KEY not in paths.config_path().read_text("utf-8")


def test_a_settings_file_holding_one_drops_it(capsys: pytest.CaptureFixture[str]) -> None:
    saved = config_mod.to_json(config_mod.Config(store_external_id="SUC001"))
    saved["notify_url"] = f"https://x.example/mp?access_token={TOKEN}"
    saved["api_base_url"] = f"https://api.mercadopago.com/?access_token={TOKEN}"
    paths.config_path().parent.mkdir(parents=True, exist_ok=True)
    paths.config_path().write_text(json.dumps(saved), encoding="utf-8")
    loaded = config_mod.load()
    assert loaded.config.notify_url == "" and loaded.config.api_base_url == ""
    assert loaded.config.store_external_id == "SUC001"
    assert KEY not in paths.config_path().read_text("utf-8")


def test_a_settings_file_from_a_newer_version_is_not_called_damaged() -> None:
    """Going back to an older version: its settings file has a later ``schema_version``. It
    was "damaged (schema_version)"; the copy put aside is what the newer version needs."""
    saved = config_mod.to_json(config_mod.Config(store_external_id="SUC001", order_ttl_minutes=7))
    saved["schema_version"] = config_mod.SCHEMA_VERSION + 1
    saved["a_setting_of_the_newer_version"] = True
    paths.config_path().parent.mkdir(parents=True, exist_ok=True)
    paths.config_path().write_text(json.dumps(saved), encoding="utf-8")
    loaded = config_mod.load()
    text = str(loaded.problem)
    assert "written by a newer version" in text and "damaged" not in text
    assert loaded.moved_to is not None and str(loaded.moved_to) in text
    assert "a_setting_of_the_newer_version" in loaded.moved_to.read_text("utf-8")
    assert (loaded.config.store_external_id, loaded.config.order_ttl_minutes) == ("SUC001", 7)
