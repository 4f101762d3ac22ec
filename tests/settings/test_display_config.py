"""The customer display's settings in the config file: kept when sensible, dropped otherwise."""

from __future__ import annotations

import os
from typing import Any

import pytest

from pos_app.settings import config as config_mod
from pos_app.settings.config import Config

LOGO = "C:\\Tienda\\logo.png" if os.name == "nt" else "/home/tienda/logo.png"

GOOD = [
    ("customer_display", "off"),
    ("customer_display", "window"),
    ("customer_display", "fullscreen"),
    ("customer_display_screen", "HDMI-1"),
    ("customer_display_screen", "\\\\.\\DISPLAY2"),
    ("customer_display_screen", ""),
    ("shop_logo", LOGO),
    ("shop_logo", LOGO.replace(".png", ".JPEG")),
    ("shop_logo", ""),
]

BAD = [
    ("customer_display", ""),
    ("customer_display", "FULLSCREEN"),
    ("customer_display", True),
    ("customer_display", 1),
    ("customer_display_screen", "HDMI\n1"),
    ("customer_display_screen", "x" * 201),
    ("customer_display_screen", 2),
    ("shop_logo", "logo.png"),  # relative: depends on where the app was started
    ("shop_logo", LOGO.replace(".png", ".exe")),
    ("shop_logo", LOGO.replace(".png", "")),
    ("shop_logo", LOGO + "\u202e"),
    ("shop_logo", ["/logo.png"]),
    ("shop_logo", "/" + "x" * 600 + ".png"),
]


@pytest.mark.parametrize(("name", "value"), GOOD)
def test_sensible_display_settings_are_kept(name: str, value: Any) -> None:
    config, dropped = config_mod.recover({name: value})
    assert dropped == []
    assert getattr(config, name) == value


@pytest.mark.parametrize(("name", "value"), BAD, ids=[f"{n}={v!r}"[:40] for n, v in BAD])
def test_nonsense_display_settings_go_back_to_their_default(name: str, value: Any) -> None:
    config, dropped = config_mod.recover({name: value})
    assert [key for key, _why in dropped] == [name]
    assert getattr(config, name) == getattr(Config(), name)


def test_the_display_is_off_by_default() -> None:
    assert Config().customer_display == "off"
    assert Config().shop_logo == ""
