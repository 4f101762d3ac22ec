"""Input no keyboard meant: bytes that are not UTF-8 on the command line (a terminal set to
Latin-1 hands Python lone surrogates, which SQLite refused with a traceback), and control
characters in a catalog search (a NUL pasted into the scan field ended FTS5's query inside a
quoted word: "unterminated string", a traceback at the counter)."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.cli import main
from pos_app.domain.catalog import Product
from pos_app.ledger.store import Ledger

LATIN1 = os.fsdecode(b"caf\xe9")  # what Python makes of Latin-1 bytes in argv on POSIX


@pytest.mark.parametrize(
    "argv",
    [
        ["receipt", LATIN1],
        ["status", LATIN1],
        ["cash", "in", "5", "--reason", LATIN1],
        ["shift", "open", "--cashier", LATIN1, "--float", "0"],
        ["charge", "--item", f"{LATIN1}:1:100"],
        ["catalog", "import", LATIN1],
    ],
)
def test_arguments_that_are_not_utf8_are_refused_plainly(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "is not valid text: set the terminal to UTF-8" in err, err
    assert "Traceback" not in err


@pytest.mark.posix  # argv bytes as a Latin-1 terminal sends them
def test_the_command_itself_refuses_latin1_bytes(tmp_path: Path) -> None:
    env = {**os.environ, "POS_APP_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "pos_app", "receipt", b"caf\xe9"],  # type: ignore[list-item]
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert b"is not valid text" in done.stderr and b"Traceback" not in done.stderr


def test_catalog_search_ignores_control_characters(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "ledger.sqlite3")
    try:
        yerba = Product("YER1", "Yerba mate suave", Decimal("100"), barcode="7790000000001")
        ledger.catalog.upsert([yerba])
        for text in ["mate\x00", "\x00\x1bmate", "ma\x00te", "yer\x7fba", "\x00", "\x00\x00"]:
            found = ledger.catalog.search(text)  # never raises
            wanted = [yerba] if "m" in text or "y" in text else []
            assert [p.sku for p in found] == [p.sku for p in wanted], text
        assert ledger.catalog.search('"mate "su') == []  # quotes are characters like any other
    finally:
        ledger.close()


@pytest.mark.parametrize("command", ["status", "cancel", "refund", "receipt"])
def test_an_unknown_sale_is_invalid_input_for_every_command(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """README: exit 2 for invalid input. ``refund`` and ``receipt`` said so for a reference
    that is not in the ledger; ``status`` and ``cancel`` exited 1, as for a failure."""
    from pos_app.settings import config as config_mod
    from pos_app.settings import paths

    config_mod.save(
        config_mod.Config(
            user_id=1,
            site_id="MLA",
            store_external_id="SUC001",
            box_external_id="CAJA01",
            api_base_url="http://127.0.0.1:9",  # never dialled: the ledger answers first
        ),
        paths.config_path(),
    )
    os.environ["MP_ACCESS_TOKEN"] = (
        "TEST-0000000000000000-000000-00000000000000000000000000000000-0"
    )
    try:
        assert main([command, "NOPE123"]) == 2
    finally:
        del os.environ["MP_ACCESS_TOKEN"]
    err = capsys.readouterr().err
    assert "There is no sale with reference NOPE123." in err and "Traceback" not in err


def test_an_unknown_reference_with_control_characters_is_shown_with_question_marks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """ "There is no sale with reference ." hid the reference: a terminal shows \\x01 as nothing."""
    assert main(["receipt", "A\x01\x02B"]) == 2
    err = capsys.readouterr().err
    assert "There is no sale with reference A??B." in err, err
