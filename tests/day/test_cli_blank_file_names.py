"""An empty or blank file option (``--csv ''``, ``--out ''``, ``--to ''``: a script's unset
variable) is refused in one line, exit 2, as the empty days are (test_cli_blank_days.py). It was
read as "not given": ``sales --from DAY --csv ''`` listed the sales instead of writing them,
``backup --to ''`` wrote into the Settings' folder, ``support-file --out ''`` into the current
one; ``catalog export ''`` said "cannot write .", ``restore ''`` ". cannot be restored"."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_app.cli import main
from pos_app.cli.output import EXIT_USAGE
from pos_app.ledger.store import Ledger
from pos_app.settings import paths

COMMANDS = [
    ["sales", "--from", "2026-12-01", "--csv"],
    ["sales", "--csv"],
    ["support-file", "--out"],
    ["backup", "--to"],
    ["catalog", "export"],
    ["catalog", "import"],
    ["restore"],
    ["ledger", "recover", "--restore"],
    ["receipt", "CAJA01S000001XXXXXXXX", "--pdf"],
]


@pytest.mark.parametrize("blank", ["", " "])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_blank_file_name_is_refused_in_one_line(
    command: list[str],
    blank: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    Ledger(paths.ledger_path()).close()
    monkeypatch.chdir(tmp_path)
    try:
        code = main([*command, blank])
    except SystemExit as exc:  # argparse's own exit
        code = exc.code if isinstance(exc.code, int) else -1
    out, err = capsys.readouterr()
    assert code == EXIT_USAGE, (command, code, out, err)
    assert out == "" and err.count("\n") == 1, (command, out, err)
    assert "expected a file name, not an empty text" in err, err
    assert list(tmp_path.iterdir()) == []  # nothing written here
    assert not (paths.data_dir() / "backups").exists()  # nor in the backups' folder


@pytest.mark.posix  # a FIFO: what a device such as /dev/full is to a rename, without root
@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_support_file_onto_a_folder_or_a_device_is_refused_and_leaves_it_be(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """``support-file --out /dev/full`` renamed the zip onto the device (as root: /dev/full
    became a regular file) and said it was saved; onto a folder, a traceback."""
    import os
    import stat

    Ledger(paths.ledger_path()).close()
    target = tmp_path / "target"
    if kind == "folder":
        target.mkdir()
    else:
        os.mkfifo(target)
    code = main(["support-file", "--out", str(target)])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE, err
    assert "not a file" in err and "Traceback" not in err
    mode = target.lstat().st_mode
    assert stat.S_ISDIR(mode) if kind == "folder" else stat.S_ISFIFO(mode)
    assert not (tmp_path / "target.partial").exists()
