"""Values that make no sense in the settings file are dropped to their defaults and reported
once, with the same bounds Settings uses (issue 16, item 9): a zero poll interval polled as fast
as it could; ``true`` passed for a number (``bool`` is an ``int`` in Python); NaN, infinities,
huge and negative numbers; text where a number belongs; amounts that break ``Decimal``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pos_app.runtime import checkout_settings
from pos_app.settings import config as config_mod
from pos_app.settings import paths
from pos_app.settings.config import Config, PollSchedule

GOOD = Config(
    user_id=123456,
    store_external_id="SUC001",
    box_external_id="CAJA01",
    store_name="Sucursal",
    order_ttl_minutes=30,
)


def write(**overrides: Any) -> None:
    data = config_mod.to_json(GOOD)
    poll = overrides.pop("poll", None)
    data.update(overrides)
    if poll is not None:
        data["poll"] = poll
    # allow_nan: Python's json writes (and reads) NaN and Infinity; a hand edit can too.
    paths.config_path().write_text(json.dumps(data, allow_nan=True), encoding="utf-8")


BAD_TOP = [
    ("user_id", True),
    ("user_id", 0),
    ("user_id", -5),
    ("user_id", 2**64),
    ("user_id", "123"),
    ("user_id", 1.5),
    ("order_ttl_minutes", True),
    ("order_ttl_minutes", False),
    ("order_ttl_minutes", 0),
    ("order_ttl_minutes", -1),
    ("order_ttl_minutes", 1441),
    ("order_ttl_minutes", 10**400),
    ("order_ttl_minutes", 10.5),
    ("order_ttl_minutes", float("nan")),
    ("order_ttl_minutes", "10"),
    ("order_ttl_minutes", "1e309"),
    ("order_ttl_minutes", None),
    ("backup_keep", 0),
    ("backup_keep", 1001),
    ("backup_keep", True),
    ("backup_keep", "14"),
    ("backup_folder", 5),
    ("backup_folder", "x" * 501),
    ("site_id", "XXX"),
    ("site_id", 1),
    ("is_test_user", 1),
    ("sound_on_paid", "false"),
    ("store_external_id", "SUC-001"),
    ("store_external_id", 7),
    ("box_external_id", "CAJA 01"),
    ("box_external_id", "C" * 40),
    ("store_name", {"a": 1}),
    ("order_title", "x" * 10_000),
    ("max_total", "1e309"),
    ("max_total", "1E+3"),
    ("max_total", "sNaN"),
    ("max_total", "NaN"),
    ("max_total", "Infinity"),
    ("max_total", "-Infinity"),
    ("max_total", "-5"),
    ("max_total", "0"),
    ("max_total", "1_000"),
    ("max_total", "1.234,50"),
    ("max_total", "١٠٠"),  # Arabic-Indic digits
    ("max_total", "9" * 400),
    ("max_total", "12.345"),  # three decimals for pesos with two
    ("max_total", 1000),
    ("notify_listen", "no-port"),
    ("notify_listen", "0.0.0.0:70000"),
    ("notify_listen", "host:²"),
    ("notify_url", "http://shop.example.com/mp"),
    ("notify_url", "http://[::1"),
    ("api_base_url", "http://evil.example.com"),
    ("api_base_url", "ftp://127.0.0.1"),
    ("language", "xx"),
    ("language", 3),
    ("receipt_printer", "usb:zz:1"),
    ("receipt_printer", "net:host:99999"),
    ("receipt_printer", 9100),
    ("receipt_paper_mm", 57),
    ("receipt_paper_mm", True),
    ("receipt_paper_mm", "80"),
    ("receipt_code_page", "UTF-8"),
    ("receipt_auto_print", "yes"),
    ("receipt_print_qr", 1),
    ("receipt_header", "x" * 10_000),
    ("box_qr_code", "0002\n01"),
    ("box_qr_code", "0" * 5_000),
    ("schema_version", True),
    ("schema_version", 99),
]


@pytest.mark.parametrize(("name", "value"), BAD_TOP, ids=[f"{n}={v!r}"[:40] for n, v in BAD_TOP])
def test_a_value_that_makes_no_sense_goes_back_to_its_default(
    _isolated_home: Path, name: str, value: Any
) -> None:
    write(**{name: value})
    loaded = config_mod.load()
    assert loaded.dropped == (name,)
    expected = GOOD.with_changes(**{name: getattr(Config(), name)})
    assert loaded.config == expected
    assert loaded.problem is not None
    if name == "schema_version" and value == 99:  # a newer version's file: said so, not damage
        assert "written by a newer version" in str(loaded.problem)
        assert [p.name for p in _isolated_home.iterdir() if ".newer-" in p.name]
    else:
        assert name in str(loaded.problem)
        assert [p.name for p in _isolated_home.iterdir() if ".damaged-" in p.name]
    # Whatever was there, the money rules and the engine settings work with what is left.
    checkout_settings(loaded.config)
    again = config_mod.load()
    assert again.problem is None and again.config == expected  # reported once


BAD_POLL = [
    ("fast", 0),
    ("fast", 0.1),
    ("fast", -1),
    ("fast", True),
    ("fast", float("nan")),
    ("fast", float("inf")),
    ("fast", 1e309),
    ("fast", "1"),
    ("fast", None),
    ("medium", 301),
    ("slow", 0),
    ("with_notifications", -8),
    ("fast_for", -1),
    ("fast_for", 3601),
    ("medium_until", 1e12),
    ("hint_window", float("-inf")),
]


@pytest.mark.parametrize(("name", "value"), BAD_POLL, ids=[f"{n}={v!r}" for n, v in BAD_POLL])
def test_a_poll_step_that_makes_no_sense_goes_back_to_its_default(
    _isolated_home: Path, name: str, value: Any
) -> None:
    write(poll={"fast": 0.5, "slow": 20, name: value} if name != "fast" else {name: value})
    loaded = config_mod.load()
    assert loaded.dropped == (f"poll.{name}",)
    poll = loaded.config.poll
    assert getattr(poll, name) == getattr(PollSchedule(), name)
    assert loaded.config.store_external_id == "SUC001"  # the rest is kept
    if name != "fast":
        assert poll.fast == 0.5 and poll.slow == (20.0 if name != "slow" else 10.0)


def test_poll_fast_zero_no_longer_polls_as_fast_as_it_can(_isolated_home: Path) -> None:
    write(poll={"fast": 0, "medium": 0, "slow": 0, "with_notifications": 0})
    poll = checkout_settings(config_mod.load().config).poll
    assert poll == PollSchedule()
    assert min(poll.interval(t) for t in (0, 200, 700)) >= 0.2


def test_a_poll_that_is_not_an_object(_isolated_home: Path) -> None:
    write(poll=[1, 2])
    loaded = config_mod.load()
    assert loaded.dropped == ("poll",) and loaded.config == GOOD


def test_the_values_settings_accepts_load_untouched(_isolated_home: Path) -> None:
    edge = GOOD.with_changes(
        order_ttl_minutes=1440,
        poll=PollSchedule(fast=0.2, fast_for=3600, medium=300, slow=300, with_notifications=0.2),
        max_total="99999.50",
        notify_listen="0.0.0.0:8088",
        notify_url="https://shop.example.com/mp",
        api_base_url="http://127.0.0.1:8765",
        language="pt_BR",
        site_id="MLA",
    )
    config_mod.save(edge)
    assert config_mod.load() == config_mod.LoadResult(edge)
    assert not [p for p in _isolated_home.iterdir() if ".damaged-" in p.name]


def test_a_chilean_max_total_with_decimals_is_dropped(_isolated_home: Path) -> None:
    write(site_id="MLC", max_total="1000.5")
    loaded = config_mod.load()
    assert loaded.dropped == ("max_total",) and loaded.config.site_id == "MLC"


@pytest.mark.parametrize("text", ["sNaN", "NaN", "Infinity", "1e999999999999999999", "abc", "-1"])
def test_max_total_amount_never_raises(text: str) -> None:
    """A Config made in code (not loaded) still gives the site's maximum, never a traceback."""
    config = Config(max_total=text)
    assert config.max_total_amount() == config_mod.site_for("MLA").default_max_total
