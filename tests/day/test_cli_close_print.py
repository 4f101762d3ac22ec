"""Issue 13: ``pos-app close --print`` through a file printer, and a dead one (or none),
which is told on stderr and never undoes the close."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_app.cli import main
from pos_app.ledger.store import Ledger
from pos_app.settings import config as config_mod
from pos_app.settings import paths
from tests.receipts.test_close_report_print import INIT_CP850, cut_command
from tests.thread_sandbox import ThreadSandbox


def test_close_print_sends_it_to_the_configured_printer(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    device = tmp_path / "lp0"
    config = config_mod.load().config.with_changes(
        receipt_printer=f"file:{device}", receipt_paper_mm=58
    )
    config_mod.save(config)
    assert main(["close", "--print"]) == 0
    err = capsys.readouterr().err
    assert f"close 1 sent to file:{device}" in err
    data = device.read_bytes()
    assert data.startswith(INIT_CP850) and data.endswith(cut_command())
    lines = data.decode("cp850").splitlines()
    assert any("Close number 1" in line for line in lines)
    assert any(line.endswith("-" * 32) and "-" * 33 not in line for line in lines)


def test_a_dead_printer_is_told_and_the_close_stays(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = config_mod.load().config.with_changes(
        receipt_printer=f"file:{tmp_path / 'unplugged' / 'lp0'}"
    )
    config_mod.save(config)
    assert main(["close", "--print"]) == 0
    err = capsys.readouterr().err
    assert "close 1 is recorded, but it did not print" in err and "not connected" in err
    config_mod.save(config.with_changes(receipt_printer=""))
    assert main(["close", "--print"]) == 0
    assert "no receipt printer is configured" in capsys.readouterr().err
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        assert [c.number for c in ledger.day.closes()] == [1, 2]
    finally:
        ledger.close()
