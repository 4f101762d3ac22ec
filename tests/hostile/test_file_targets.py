"""Every command that writes a file the user names (``sales --csv``, ``catalog export``,
``support-file --out``, ``receipt --pdf``) meets a hostile target with one line, exit 2, and
writes nothing: a FIFO (``catalog export`` onto one waited for a reader, forever), a device (the
support file's policy since 8b0b58c: even ``/dev/null`` is refused, a file is asked for), a
folder, a folder that is not there (``support-file`` created it). A link to a file writes that
file and keeps the link (``support-file`` replaced the link with a copy). A write that fails
half-way leaves the file that was there as it was (``catalog export`` truncated it first).

No real device is ever the target (an earlier test, as root, turned /dev/full into a regular
file): a FIFO and a device node made here (``os.mknod``, root only) stand for them.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_app.cli import main
from pos_app.cli.output import EXIT_USAGE
from pos_app.ledger.store import Ledger
from pos_app.settings import paths
from tests.ledger_sales import MLA, record_sale
from tests.receipts.conftest import ARG_LINES

pytestmark = pytest.mark.posix  # FIFOs and device nodes

DAY = "2026-12-01"


def _ledger_with_a_sale() -> str:
    """A paid sale of the day (the CSV, the receipt) and a product (the catalog)."""
    from datetime import UTC, datetime

    from pos_app.ledger.catalog import product_from_fields

    ledger = Ledger(paths.ledger_path())
    try:
        ledger.catalog.upsert(
            [product_from_fields(MLA, sku="Y1", title="Yerba", unit_price="4500")]
        )
        sale = record_sale(ledger, ARG_LINES, at=datetime(2026, 12, 1, 15, 4, tzinfo=UTC))
    finally:
        ledger.close()
    return sale.external_reference


def _commands(target: str, reference: str) -> dict[str, list[str]]:
    return {
        "catalog export": ["catalog", "export", target],
        "sales --csv": ["sales", "--from", DAY, "--csv", target],
        "support-file --out": ["support-file", "--out", target],
        "receipt --pdf": ["receipt", reference, "--pdf", target],
    }


COMMANDS = ["catalog export", "sales --csv", "support-file --out", "receipt --pdf"]


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    """A FIFO with a reader already open (non-blocking): the command's write never waits, so
    the unfixed code wrote into it and said it was exported instead of hanging the suite."""
    path = tmp_path / "pipe.csv"
    os.mkfifo(path)
    reader = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        yield path
    finally:
        os.close(reader)


def _device(tmp_path: Path) -> Path:
    path = tmp_path / "null"
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # what /dev/null is
    except PermissionError:
        pytest.skip("device nodes need root")
    return path


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else -1
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.gui  # receipt --pdf
@pytest.mark.parametrize("kind", ["fifo", "device", "folder", "missing folder"])
@pytest.mark.parametrize("command", COMMANDS)
def test_a_target_that_is_not_a_file_is_refused_in_one_line(
    command: str,
    kind: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
) -> None:
    reference = _ledger_with_a_sale()
    if kind == "fifo":
        target = request.getfixturevalue("fifo")
    elif kind == "device":
        target = _device(tmp_path)
    elif kind == "folder":
        target = tmp_path / "folder"
        target.mkdir()
    else:
        target = tmp_path / "usb" / "out.csv"
    before = sorted(p.name for p in tmp_path.iterdir())
    mode = target.lstat().st_mode if kind != "missing folder" else None

    code, out, err = _run(_commands(str(target), reference)[command], capsys)

    assert code == EXIT_USAGE, (code, out, err)
    assert out == "" and err.count("\n") == 1, (out, err)
    assert "Traceback" not in err
    if kind == "missing folder":
        assert f"the folder {tmp_path / 'usb'} is not there" in err, err
        assert not (tmp_path / "usb").exists()  # never created (a USB stick not plugged in)
    else:
        assert "not a file" in err, err
        assert target.lstat().st_mode == mode  # still a FIFO, a device, a folder
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no temporary file left
    if kind == "folder":
        assert list(target.iterdir()) == []


@pytest.mark.gui  # receipt --pdf
@pytest.mark.parametrize("command", COMMANDS)
def test_a_link_writes_the_file_it_names_and_stays_a_link(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reference = _ledger_with_a_sale()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    real = elsewhere / "real.out"
    real.write_bytes(b"old")
    link = tmp_path / "link.out"
    link.symlink_to(real)

    code, out, err = _run(_commands(str(link), reference)[command], capsys)

    assert code == 0, (out, err)
    assert link.is_symlink() and link.readlink() == real  # the link is kept
    assert real.read_bytes() != b"old" and real.stat().st_size > 50  # what it names is new
    assert sorted(p.name for p in elsewhere.iterdir()) == ["real.out"]  # no temporary file


def test_an_export_that_fails_half_way_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The disk fills while the catalog is written (a page read, the next one fails): the
    export the shop had is kept whole, and no temporary file stays beside it."""
    from pos_app.ledger.catalog import CatalogRepository

    _ledger_with_a_sale()
    target = tmp_path / "products.csv"
    target.write_text("sku,title,unit_price\nOLD,Old,1\n", encoding="utf-8")
    target.chmod(0o640)
    real = CatalogRepository.list_page
    pages = 0

    def full_after_a_page(self: CatalogRepository, *args: object, **kwargs: object) -> object:
        nonlocal pages
        pages += 1
        if pages > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(CatalogRepository, "list_page", full_after_a_page)
    code, out, err = _run(["catalog", "export", str(target)], capsys)

    assert code == EXIT_USAGE and "No space left on device" in err, (out, err)
    assert err.count("\n") == 1
    assert target.read_text(encoding="utf-8") == "sku,title,unit_price\nOLD,Old,1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["products.csv"]

    monkeypatch.setattr(CatalogRepository, "list_page", real)
    assert _run(["catalog", "export", str(target)], capsys)[0] == 0
    assert "Yerba" in target.read_text(encoding="utf-8-sig")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the file's mode is kept


def test_the_sales_csv_never_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A disk that fills as the file is written: the earlier export stays whole."""
    from pos_app.system import files

    _ledger_with_a_sale()
    target = tmp_path / "sales.csv"
    target.write_text("the accountant's copy\n", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", full)
    code, out, err = _run(["sales", "--from", DAY, "--csv", str(target)], capsys)

    assert code == EXIT_USAGE and "No space left on device" in err, (out, err)
    assert target.read_text(encoding="utf-8") == "the accountant's copy\n"
    assert [p.name for p in tmp_path.iterdir()] == ["sales.csv"]


@pytest.mark.parametrize("kind", ["fifo", "file"])
def test_backup_to_something_not_a_folder_says_so(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said the folder "is not there (a USB stick not plugged in?)"."""
    _ledger_with_a_sale()
    if kind == "fifo":
        target = request.getfixturevalue("fifo")
    else:
        target = tmp_path / "notes.txt"
        target.write_text("mine", encoding="utf-8")
    mode = target.lstat().st_mode
    code, out, err = _run(["backup", "--to", str(target)], capsys)
    assert code == 1 and out == "" and err.count("\n") == 1, (out, err)
    assert f"{target} is not a folder: choose a folder for the backups" in err, err
    assert target.lstat().st_mode == mode
    assert kind == "fifo" or target.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("command", [["restore"], ["ledger", "recover", "--restore"]])
@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_restoring_from_something_not_a_file_says_so(
    command: list[str],
    kind: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """It said "no such file" of a folder or a FIFO that is there."""
    _ledger_with_a_sale()
    before = paths.ledger_path().read_bytes()
    if kind == "fifo":
        source = request.getfixturevalue("fifo")
    else:
        source = tmp_path / "backups"
        source.mkdir()
    code, out, err = _run([*command, str(source)], capsys)
    assert code == 1 and err.count("\n") == 1, (out, err)
    assert "not a file (a folder, a device or a pipe)" in err, err
    assert paths.ledger_path().read_bytes() == before


@pytest.mark.parametrize("command", ["catalog export", "sales --csv", "support-file --out"])
def test_a_read_only_folder_is_said_of_the_file_asked_for(
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Folder modes do not stop root (the suite's user in CI), so the read-only file system is
    what ``mkstemp`` meets there (measured on a tmpfs remounted ro: the same line). The file
    already there stays, and the line names it, not a temporary file."""
    import tempfile

    reference = _ledger_with_a_sale()
    target = tmp_path / "out.csv"
    target.write_text("kept\n", encoding="utf-8")

    def read_only(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(tmp_path / ".out.csv-x.tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    code, out, err = _run(_commands(str(target), reference)[command], capsys)

    assert code in (1, 2) and out == "" and err.count("\n") == 1, (code, out, err)
    assert f"{target}: Read-only file system" in err, err
    assert ".tmp" not in err and ".partial" not in err
    assert target.read_text(encoding="utf-8") == "kept\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_output_closed_by_its_reader_is_no_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    """``pos-app sales --json | head -1``: a BrokenPipeError traceback after the lines wanted."""
    import io
    import sys
    from unittest import mock

    _ledger_with_a_sale()
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone
    raw = os.fdopen(write_end, "wb", buffering=0)
    closed = io.TextIOWrapper(raw, encoding="utf-8", write_through=True)
    try:
        with mock.patch.object(sys, "stdout", closed):
            code = main(["sales", "--json"])
    finally:
        closed.close()  # onto /dev/null now: nothing left to fail
    assert code == 1
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("command", ["catalog export", "sales --csv"])
def test_a_read_only_file_is_not_replaced(
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A file the user may not write (0444, not root): opening it to write was refused; the
    rename into its place is not, so it is asked first. Root may write it: ``os.access`` says
    what the mode means for this user, simulated here as that user's answer."""
    from pos_app.system import files

    reference = _ledger_with_a_sale()
    target = tmp_path / "out.csv"
    target.write_text("kept\n", encoding="utf-8")
    target.chmod(0o444)
    real_access = os.access
    monkeypatch.setattr(
        files.os, "access", lambda p, m, **kw: False if Path(p) == target else real_access(p, m)
    )
    code, out, err = _run(_commands(str(target), reference)[command], capsys)
    assert code == EXIT_USAGE and err.count("\n") == 1, (out, err)
    assert f"cannot write {target}: Permission denied" in err, err
    assert target.read_text(encoding="utf-8") == "kept\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
