"""``doctor`` holds this computer's clock against Mercado Pago's (the Date of its answer) and
against the ledger's latest record: a counter PC's clock set wrong by hours or days (a flat
CMOS battery, a hand "fix") dates the sales, the close, order expiry and the backups wrong,
and nothing said so."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from pos_app.cli import main
from pos_app.cli.doctor import clock_check
from tests.thread_sandbox import ThreadSandbox, configured_fixture, sandbox_fixture  # noqa: F401

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)


def http_date(moment: datetime) -> str:
    return moment.strftime("%a, %d %b %Y %H:%M:%S GMT")


def test_a_clock_hours_ahead_of_mercado_pagos_fails() -> None:
    check = clock_check(http_date(NOW - timedelta(hours=3, minutes=10)), None, now=NOW)
    assert not check.ok
    assert "3 h 10 min ahead of Mercado Pago's clock" in check.detail
    assert "date, time and time zone" in check.advice


def test_a_clock_days_behind_fails() -> None:
    check = clock_check(http_date(NOW + timedelta(days=2, hours=1)), None, now=NOW)
    assert not check.ok and "2 day(s) 1 h behind" in check.detail


def test_a_ledger_record_later_than_now_says_the_clock_went_back() -> None:
    check = clock_check("", NOW + timedelta(days=400), now=NOW)
    assert not check.ok and "the clock went back" in check.detail


def test_a_right_clock_passes_and_an_unreadable_date_is_not_a_verdict() -> None:
    assert clock_check(http_date(NOW + timedelta(seconds=40)), NOW, now=NOW).ok
    check = clock_check("yesterday-ish", None, now=NOW)
    assert check.ok and "not compared" in check.detail


def test_doctor_compares_with_mercado_pagos_answer(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["doctor", "--json"])
    checks = {c["name"]: c for c in json.loads(capsys.readouterr().out)["checks"]}
    assert checks["clock"]["ok"], checks["clock"]
    assert "agrees with Mercado Pago's" in checks["clock"]["detail"]
