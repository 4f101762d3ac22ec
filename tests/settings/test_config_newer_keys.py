"""Settings written by a newer version keep what this version does not know: an older app that
saved config.json dropped those keys, so going back to the newer version lost the settings."""

from __future__ import annotations

import json
from pathlib import Path

from pos_app.settings import config as config_mod

NEWER = {
    "schema_version": 1,
    "store_external_id": "SUC001",
    "box_external_id": "CAJA01",
    "order_title": "Kiosco",
    "loyalty_program": {"enabled": True, "points_per_peso": 0.01},  # a newer version's
    "tip_percentages": [5, 10, 15],
    "unknown": "a newer version's setting of that name",
}


def test_unknown_keys_survive_a_load_change_save_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    path.write_text(json.dumps(NEWER), encoding="utf-8")
    loaded = config_mod.load(path)
    assert loaded.problem is None and loaded.moved_to is None  # not damage: nothing set aside
    config = loaded.config.with_changes(order_title="Kiosco Centro")  # Settings' OK, configure
    config_mod.save(config, path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["loyalty_program"] == {"enabled": True, "points_per_peso": 0.01}
    assert saved["tip_percentages"] == [5, 10, 15]
    assert saved["unknown"] == NEWER["unknown"]
    assert saved["order_title"] == "Kiosco Centro"
    again = config_mod.load(path)
    assert again.config == config and again.config.unknown == config.unknown
    assert again.problem is None


def test_unknown_keys_never_override_known_settings(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    config = config_mod.Config(
        order_title="Mine",
        unknown={"order_title": "theirs", "poll": "theirs", "future": 1},
    )
    config_mod.save(config, path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["order_title"] == "Mine" and isinstance(saved["poll"], dict)
    assert saved["future"] == 1
    loaded = config_mod.load(path).config
    assert loaded.order_title == "Mine" and loaded.unknown == {"future": 1}


def test_an_invalid_known_value_is_not_kept_as_unknown(tmp_path: Path) -> None:
    """A known setting with a value that makes no sense goes back to its default (and is
    reported), as before: it is not carried along as an unknown key."""
    path = tmp_path / "config.json"
    path.write_text(json.dumps({**NEWER, "order_ttl_minutes": "soon"}), encoding="utf-8")
    loaded = config_mod.load(path)
    assert "order_ttl_minutes" in loaded.dropped
    assert loaded.config.order_ttl_minutes == config_mod.Config().order_ttl_minutes
    assert "order_ttl_minutes" not in loaded.config.unknown
    assert loaded.config.unknown["tip_percentages"] == [5, 10, 15]
    saved = json.loads(path.read_text(encoding="utf-8"))  # the cleaned file keeps them too
    assert saved["tip_percentages"] == [5, 10, 15]
