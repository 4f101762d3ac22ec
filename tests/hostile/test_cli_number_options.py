"""Number options of ``pos-app`` and ``pos-app sandbox``: ASCII digits in the range Settings
enforces, refused by the parser in one line (exit 2) before anything is saved or started.

``type=int`` and ``type=float`` take "٣" (Arabic-Indic), "１０" (full-width) and "1_0", and
``int`` any number of digits: ``configure --order-ttl ٣`` saved 3 minutes."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest

from pos_app.cli import build_parser, main
from pos_app.sandbox import cli as sandbox_cli
from pos_app.settings import config as config_mod
from pos_app.settings import rules, supervisor


def refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    before = config_mod.saved_bytes()
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert config_mod.saved_bytes() == before
    return err


@pytest.mark.parametrize("value", ["٣", "１０", "1_0", "5.0", "0", "1441", "9" * 40, " "])
def test_order_ttl_takes_whole_minutes_from_1_to_1440(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(["configure", "--order-ttl", value], capsys)
    assert "--order-ttl: expected a whole number from 1 to 1440" in err


@pytest.mark.parametrize("value", ["٥", "１０", "1_0", "-1", "101", "9" * 40, "10%"])
def test_max_discount_takes_whole_percents_from_0_to_100(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(["configure", "--max-discount", value], capsys)
    assert "--max-discount: expected a whole number from 0 to 100" in err


@pytest.mark.parametrize("value", ["٣", "２", "1_0", "0.1", "301", "nan", "inf"])
def test_poll_interval_takes_ascii_seconds_from_0_2_to_300(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(["configure", "--poll-interval", value], capsys)
    assert "--poll-interval: expected seconds from 0.2 to 300" in err


def test_the_ranges_are_the_settings_pages(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["configure", "--order-ttl", str(rules.MAX_TTL_MINUTES), "--max-discount", "100"]) == 0
    )
    assert main(["configure", "--poll-interval", str(rules.MAX_POLL_SECONDS)]) == 0
    saved = config_mod.load().config
    assert saved.order_ttl_minutes == 1440 and saved.max_discount_percent == 100
    assert rules.order_ttl_problem(rules.MIN_TTL_MINUTES) is None
    assert rules.order_ttl_problem(rules.MIN_TTL_MINUTES - 1) is not None
    assert rules.order_ttl_problem(rules.MAX_TTL_MINUTES + 1) is not None
    assert rules.MIN_POLL_SECONDS == 0.2
    assert supervisor.max_discount_problem(0) is None
    assert supervisor.max_discount_problem(101) is not None
    assert main(["configure", "--order-ttl", " 1 ", "--max-discount", "0"]) == 0
    saved = config_mod.load().config
    assert saved.order_ttl_minutes == 1 and saved.max_discount_percent == 0
    capsys.readouterr()


def test_the_sandbox_refuses_a_fault_rate_in_other_digits(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exc:
        # (a remote host without --allow-remote: never listens, even if the rate were taken)
        sandbox_cli.main(["--fault-rate", "٠.٥", "--host", "192.0.2.1"])
    assert exc.value.code == 2
    assert "--fault-rate: expected a fraction from 0 to 1" in capsys.readouterr().err


def _actions(parser: argparse.ArgumentParser) -> Iterator[tuple[str, argparse.Action]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                for path, inner in _actions(sub):
                    yield f"{name} {path}", inner
        else:
            yield "/".join(action.option_strings) or action.dest, action


def test_no_option_reads_numbers_with_int_or_float() -> None:
    found = [
        (path, action.type)
        for parser in (build_parser(), sandbox_cli._parser())
        for path, action in _actions(parser)
        if action.type in (int, float)
    ]
    assert found == []
