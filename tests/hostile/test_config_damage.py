"""A damaged settings file never stops the till: it is put aside with a dated copy, every valid
setting is kept, and the cashier is told once (issue 16, item 2).

The damage is made here: random bytes, a file cut short, another encoding, JSON that is not an
object, wrong types. The command line is run as a real process, so a traceback would show.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos_app.settings import config as config_mod
from pos_app.settings import paths
from pos_app.settings.config import Config, PollSchedule

DATED = re.compile(r"^config\.json\.damaged-\d{8}-\d{6}(-\d+)?$")

CONFIGURED = Config(
    user_id=123456,
    site_id="MLB",
    nickname="LOJA",
    store_external_id="SUC001",
    store_name="Almacén Don Pepe",
    box_external_id="CAJA01",
    box_name="Caja 1",
    order_ttl_minutes=15,
    poll=PollSchedule(fast=0.5),
    max_total="1234.50",
)


def set_aside(home: Path) -> list[Path]:
    return sorted(p for p in home.iterdir() if p.name.startswith("config.json.damaged-"))


def test_random_bytes_are_set_aside_with_a_dated_copy_and_told_once(_isolated_home: Path) -> None:
    garbage = random.Random(16).randbytes(4096)
    path = paths.config_path()
    path.write_bytes(garbage)
    loaded = config_mod.load()
    assert loaded.config == Config()
    assert loaded.problem is not None and "damaged" in str(loaded.problem)
    [copy] = set_aside(_isolated_home)
    assert DATED.match(copy.name) and loaded.moved_to == copy
    assert copy.read_bytes() == garbage  # kept as it was, for whoever wants to look
    assert str(copy) in str(loaded.problem)
    again = config_mod.load()
    assert again.problem is None and again.config == Config()  # told once
    assert len(set_aside(_isolated_home)) == 1


def test_a_file_cut_short_keeps_every_setting_before_the_cut(_isolated_home: Path) -> None:
    config_mod.save(CONFIGURED)
    path = paths.config_path()
    text = path.read_text(encoding="utf-8")
    cut = text.index('"store_name"') + 5  # in the middle of a line: that line is lost
    path.write_text(text[:cut], encoding="utf-8")
    loaded = config_mod.load()
    assert loaded.problem is not None and "cut short" in str(loaded.problem)
    config = loaded.config
    # Written in key order: everything before "store_name" survived (poll, max_total, ids...).
    assert config.site_id == "MLB" and config.nickname == "LOJA"
    assert config.store_external_id == "SUC001" and config.box_external_id == "CAJA01"
    assert config.order_ttl_minutes == 15 and config.poll == PollSchedule(fast=0.5)
    assert config.max_total == "1234.50"
    assert config.store_name == "" and config.user_id is None  # after the cut: defaults
    [copy] = set_aside(_isolated_home)
    assert copy.read_text(encoding="utf-8") == text[:cut]
    # What was recovered is what the next start reads, silently.
    again = config_mod.load()
    assert again.problem is None and again.config == config


@pytest.mark.parametrize("fraction", [0.0, 0.01, 0.3, 0.5, 0.9, 0.99])
def test_truncated_anywhere_never_raises(_isolated_home: Path, fraction: float) -> None:
    config_mod.save(CONFIGURED)
    path = paths.config_path()
    raw = path.read_bytes()
    path.write_bytes(raw[: int(len(raw) * fraction)])
    loaded = config_mod.load()
    if fraction:
        assert loaded.problem is not None and set_aside(_isolated_home)
    assert config_mod.load().problem is None


def test_a_latin1_file_is_read_and_set_aside(_isolated_home: Path) -> None:
    data = json.loads(json.dumps(config_mod.to_json(CONFIGURED)))
    raw = json.dumps(data, ensure_ascii=False).encode("latin-1")  # "Almacén": é is one byte
    paths.config_path().write_bytes(raw)
    loaded = config_mod.load()
    assert loaded.config == CONFIGURED
    assert loaded.problem is not None and "UTF-8" in str(loaded.problem)
    [copy] = set_aside(_isolated_home)
    assert copy.read_bytes() == raw
    assert config_mod.load() == config_mod.LoadResult(CONFIGURED)


def test_a_utf16_file_is_read(_isolated_home: Path) -> None:
    text = json.dumps(config_mod.to_json(CONFIGURED), ensure_ascii=False)
    paths.config_path().write_bytes(text.encode("utf-16"))
    loaded = config_mod.load()
    assert loaded.config == CONFIGURED and loaded.problem is not None


def test_a_utf8_bom_is_not_damage(_isolated_home: Path) -> None:
    text = json.dumps(config_mod.to_json(CONFIGURED), ensure_ascii=False)
    paths.config_path().write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert config_mod.load() == config_mod.LoadResult(CONFIGURED)
    assert not set_aside(_isolated_home)


@pytest.mark.parametrize("text", ["[1, 2]", "null", '"config"', "42", "", "{", "}{", "[" * 100_000])
def test_json_that_is_not_a_settings_object(_isolated_home: Path, text: str) -> None:
    paths.config_path().write_text(text, encoding="utf-8")
    loaded = config_mod.load()
    assert loaded.config == Config()
    assert loaded.problem is not None
    assert len(set_aside(_isolated_home)) == 1


def test_wrong_types_are_dropped_and_the_rest_kept(_isolated_home: Path) -> None:
    data = config_mod.to_json(CONFIGURED)
    data.update(box_name=["not", "text"], sound_on_paid="yes", poll={"fast": "fast", "slow": 20})
    paths.config_path().write_text(json.dumps(data), encoding="utf-8")
    loaded = config_mod.load()
    assert set(loaded.dropped) == {"box_name", "sound_on_paid", "poll.fast"}
    assert loaded.config == CONFIGURED.with_changes(
        box_name="", sound_on_paid=True, poll=PollSchedule(slow=20.0)
    )
    assert loaded.problem is not None and "box_name" in str(loaded.problem)
    assert len(set_aside(_isolated_home)) == 1
    assert config_mod.load() == config_mod.LoadResult(loaded.config)


def test_a_folder_where_the_file_should_be_is_set_aside(_isolated_home: Path) -> None:
    paths.config_path().mkdir()
    loaded = config_mod.load()
    assert loaded.problem is not None and loaded.config == Config()
    assert set_aside(_isolated_home)
    assert config_mod.load().problem is None


@pytest.mark.parametrize("kind", ["fifo", "device", "huge"])
def test_something_that_is_not_a_settings_file(_isolated_home: Path, kind: str) -> None:
    """A pipe would block the start-up for ever, /dev/zero would fill the memory."""
    path = paths.config_path()
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    else:
        path.write_bytes(b'{"nickname": "' + b"x" * (2 << 20) + b'"}')
    loaded = config_mod.load()
    assert loaded.problem is not None and loaded.config == Config()
    assert len(set_aside(_isolated_home)) == 1
    assert config_mod.load().problem is None


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.binary(max_size=600) | st.text(max_size=300).map(lambda t: t.encode("utf-8")))
def test_any_bytes_load_without_an_exception(_isolated_home: Path, raw: bytes) -> None:
    path = paths.config_path()
    path.write_bytes(raw)
    loaded = config_mod.load()
    assert isinstance(loaded.config, Config)
    assert config_mod.load().problem is None  # the second start is quiet
    for old in set_aside(_isolated_home):
        old.unlink()
    path.unlink(missing_ok=True)


def _cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, POS_APP_HOME=str(home))
    return subprocess.run(
        [sys.executable, "-m", "pos_app", *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def test_the_cli_says_it_once_on_stderr_and_goes_on(_isolated_home: Path) -> None:
    paths.config_path().write_bytes(random.Random(2).randbytes(2000))
    first = _cli("sales", home=_isolated_home)
    assert first.returncode == 0, first.stderr
    assert "Traceback" not in first.stderr
    assert first.stderr.count("settings file was damaged") == 1
    assert len(set_aside(_isolated_home)) == 1
    second = _cli("sales", home=_isolated_home)
    assert second.returncode == 0 and "damaged" not in second.stderr


def test_the_cli_keeps_the_valid_settings(_isolated_home: Path) -> None:
    data = config_mod.to_json(CONFIGURED)
    data["order_ttl_minutes"] = True
    paths.config_path().write_text(json.dumps(data), encoding="utf-8")
    result = _cli("doctor", "--json", home=_isolated_home)
    assert "Traceback" not in result.stderr
    checks = {c["name"]: c for c in json.loads(result.stdout)["checks"]}
    assert not checks["configuration"]["ok"]
    assert "order_ttl_minutes" in checks["configuration"]["detail"]
    assert config_mod.load().config == CONFIGURED.with_changes(order_ttl_minutes=10)


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xfe\x00garbage that is not JSON",  # not a settings file
        "{\n".encode("cp1252") + b'  "site_id": "MLA",\n  "nickname": "Caf\xe9",\n',  # cut short
    ],
)
def test_the_reason_is_translated_with_the_sentence(_isolated_home: Path, content: bytes) -> None:
    """The cashier reads the whole notice in their language: the reason inside it ("cut short",
    "not JSON", "not UTF-8 …") is a message of its own, translated with the sentence."""
    paths.config_path().write_bytes(content)
    loaded = config_mod.load()
    assert loaded.problem is not None
    seen: list[str] = []

    def shout(context: str, source: str) -> str:
        seen.append(source)
        return source.upper()

    text = loaded.problem.render(shout)
    reasons = [s for s in seen if s != loaded.problem.source]
    assert reasons, "the reason was not translated"
    for reason in reasons:
        if "{" not in reason:
            assert reason.upper() in text
    # the English render still reads well (logs, the command line)
    assert "damaged (" in str(loaded.problem) and "DAMAGED" not in str(loaded.problem)
