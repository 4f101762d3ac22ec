"""Hostile catalog files (issue 16, item 6): whatever a shop's spreadsheet saves, or a wrong
file picked by mistake, the import reads what it can, reports every bad line by number, refuses
a binary file with a clear message, and streams big files in batches."""

from __future__ import annotations

import os
import random
import tracemalloc
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.cli import main
from pos_app.domain.money import site_for
from pos_app.ledger.catalog import CatalogFileError, ImportProgress
from pos_app.ledger.store import Ledger
from pos_app.settings import paths

MLA = site_for("MLA")
HEADER = "sku,barcode,title,unit_price,category,unit_measure,iva_rate\n"


@pytest.fixture
def ledger() -> Ledger:
    led = Ledger(paths.ledger_path(), exclusive=False)
    yield led  # type: ignore[misc]
    led.close()


def titles(ledger: Ledger, *skus: str) -> list[str]:
    found = [ledger.catalog.lookup_code(sku) for sku in skus]
    return [p.title if p else "" for p in found]


def run_cli(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["catalog", "import", str(path)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


# == encodings ====================================================================================
def test_windows_1252_file_is_read_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ledger: Ledger
) -> None:
    csv_file = tmp_path / "excel.csv"
    text = (
        HEADER + "A1,,Azúcar “Ledesma” 1kg,990,,unit,0\n"
        "A2,,Café – Ñandú,1500,,unit,0\n"
        "A3,,Aceite € oferta,2500,,unit,0\n"
    )
    csv_file.write_bytes(text.encode("cp1252"))
    code, out, err = run_cli(csv_file, capsys)
    assert code == 0 and "imported 3 products" in out
    assert "Windows-1252 (cp1252)" in err
    assert titles(ledger, "A1", "A2", "A3") == [
        "Azúcar “Ledesma” 1kg",
        "Café – Ñandú",
        "Aceite € oferta",
    ]


def test_latin_1_file_is_read_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ledger: Ledger
) -> None:
    # 0x81 and 0x8D do not exist in Windows-1252: only Latin-1 reads this file.
    csv_file = tmp_path / "latin1.csv"
    csv_file.write_bytes((HEADER + "L1,,Piñata\x81 grande,100,,unit,0\n").encode("latin-1"))
    code, out, err = run_cli(csv_file, capsys)
    assert code == 0 and "imported 1 products" in out
    assert "Latin-1 (ISO-8859-1)" in err
    assert titles(ledger, "L1") == ["Piñata grande"]  # the C1 control is cleaned away


def test_utf8_with_bom_semicolons_and_decimal_commas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ledger: Ledger
) -> None:
    csv_file = tmp_path / "bom.csv"
    csv_file.write_bytes(
        "\ufeffSKU;Title;Unit_Price\r\nB1;Yerba Taragüí;1725,25\r\nB2;Fideos;850\r\n".encode()
    )
    code, out, err = run_cli(csv_file, capsys)
    assert code == 0 and "imported 2 products" in out and "encoding" not in err
    product = ledger.catalog.lookup_code("B1")
    assert product is not None and product.unit_price == Decimal("1725.25")
    assert product.title == "Yerba Taragüí"


# == files that are not catalogs ==================================================================
@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("random.csv", random.Random(16).randbytes(200_000), "is not a text file"),
        ("photo.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10, "is not a text file"),
        # A byte-order mark before binary bytes (it was read as a header of nonsense: "missing
        # column(s)"), and bytes all above 0x7f (read as Latin-1, the same).
        ("bom8.csv", b"\xef\xbb\xbf" + random.Random(3).randbytes(200_000), "is not a text file"),
        ("bom16.csv", b"\xff\xfe" + random.Random(4).randbytes(200_000), "is not a text file"),
        (
            "high.csv",
            # one byte above 0x7f, 20,000 times (see tests/ui/test_import_off_gui_thread.py)
            bytes([random.Random(5).randrange(0x80, 0x100)]) * 20_000,
            "is not a text file",
        ),
        ("precios.xlsx", b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 500, "is a spreadsheet"),
        ("viejo.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "is a spreadsheet"),
    ],
)
def test_binary_files_are_refused_clearly(
    name: str,
    content: bytes,
    words: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    ledger: Ledger,
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, _out, err = run_cli(path, capsys)
    assert code == 2 and words in err and err.count("\n") == 1
    assert ledger.catalog.count() == 0
    with pytest.raises(CatalogFileError):
        ledger.catalog.import_csv(path, MLA)


def test_utf16_and_accented_cp1252_text_are_still_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ledger: Ledger
) -> None:
    """The binary checks after a byte-order mark and on high bytes let real text through."""
    utf16 = tmp_path / "utf16.csv"
    utf16.write_bytes("sku,title,unit_price\r\nU1,Ñandú único,10\r\n".encode("utf-16"))
    accents = tmp_path / "acentos.csv"
    accents.write_bytes("sku,title,unit_price\nA1,Ñoño ácido,5\n".encode("cp1252"))
    for path in (utf16, accents):
        code, out, err = run_cli(path, capsys)
        assert code == 0 and "imported 1 products" in out, err
    assert titles(ledger, "U1") == ["Ñandú único"] and titles(ledger, "A1") == ["Ñoño ácido"]


def test_empty_file_says_which_columns_are_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    code, _out, err = run_cli(path, capsys)
    assert code == 2 and ":1: missing column(s): sku, title, unit_price" in err


@pytest.mark.parametrize("kind", ["folder", "device"])
def test_what_is_not_a_file_is_named_so(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder or ``/dev/null`` exists: "no such file" would send the person looking for it."""
    path = tmp_path if kind == "folder" else Path(os.devnull)
    if not path.exists():
        pytest.skip(f"no {os.devnull} here")
    code, _out, err = run_cli(path, capsys)
    assert (code, err) == (2, f"pos-app: not a file: {path}\n")


# == damaged lines ================================================================================
def test_a_field_over_the_csv_limit_is_one_bad_line_and_the_rest_imports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ledger: Ledger
) -> None:
    path = tmp_path / "huge_fields.csv"
    lines = [
        "sku,title,unit_price",
        "G1,Good one,10",
        "H1,Huge title " + "x" * 300_000 + ",10",  # one line far over the csv module's limit
        "G2,Good two,20",
        'Q1,"an unterminated quote,10',  # swallows the lines below into one field
        *("y" * 10_000 for _ in range(14)),
        "G3,Good three,30",
        "N1,NUL\x00 in the middle,40",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _out, err = run_cli(path, capsys)
    assert code == 0
    assert ":3: longer than 64 KiB" in err
    assert ":5: not readable as CSV (field larger than field limit" in err
    assert titles(ledger, "G1", "G2", "G3", "N1") == [
        "Good one",
        "Good two",
        "Good three",
        "NUL in the middle",
    ]
    assert ledger.catalog.lookup_code("H1") is None


def test_bad_lines_are_numbered_from_where_they_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ledger: Ledger
) -> None:
    path = tmp_path / "multiline.csv"
    path.write_text(
        'sku,title,unit_price\nM1,"Two\nlines",10\n\nM2,Bad,abc\nM3,"Also\r\ntwo",1e3\nM4,Ok,5\n',
        encoding="utf-8",
    )
    _code, out, err = run_cli(path, capsys)
    assert "imported 2 products, 2 rows refused" in out
    assert ":5: unit_price 'abc'" in err and ":6: unit_price '1e3'" in err
    assert titles(ledger, "M1", "M4") == ["Two lines", "Ok"]


def test_duplicate_skus_and_barcodes_are_reported_by_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ledger: Ledger
) -> None:
    path = tmp_path / "dups.csv"
    path.write_text(
        HEADER + "D1,7790001000011,Yerba,10,,unit,0\n"  # line 2
        "D2,7790001000028,Azúcar,20,,unit,0\n"  # line 3
        "d1,,Yerba otra vez,11,,unit,0\n"  # line 4: D1 again (codes are looked up any case)
        "D3,7790001000028,Otro azúcar,21,,unit,0\n"  # line 5: line 3's barcode
        "D4,,Sin código,5,,unit,0\n",
        encoding="utf-8",
    )
    _code, out, err = run_cli(path, capsys)
    assert "imported 3 products, 2 rows refused" in out
    assert ":4: sku 'd1' repeats line 2 (line 2 kept)" in err
    assert ":5: barcode '7790001000028' repeats line 3 (line 3 kept)" in err
    assert titles(ledger, "D1", "7790001000028") == ["Yerba", "Azúcar"]


def test_duplicates_are_found_across_batches(tmp_path: Path, ledger: Ledger) -> None:
    path = tmp_path / "far.csv"
    rows = [f"S{n},,Producto {n},{n + 1},,unit,0" for n in range(50)]
    rows += ["S3,,Repetido,99,,unit,0", "S49,,Repetido 2,99,,unit,0"]
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    report = ledger.catalog.import_csv(path, MLA, batch_rows=7)
    assert report.imported == 50
    assert [(n, str(why)) for n, why in report.errors] == [
        (52, "sku 'S3' repeats line 5 (line 5 kept)"),
        (53, "sku 'S49' repeats line 51 (line 51 kept)"),
    ]


def test_many_bad_lines_are_counted_and_the_first_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        HEADER + "".join(f"B{n},,Malo,abc,,unit,0\n" for n in range(1500)), encoding="utf-8"
    )
    code, out, err = run_cli(path, capsys)
    assert code == 2 and "imported 0 products, 1500 rows refused" in out
    assert err.count("is not an amount") == 1000 and "and 500 more lines refused" in err


# == streaming ====================================================================================
def write_catalog(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        for n in range(rows):
            handle.write(
                f"P{n:07d},779{n:010d},Yerba mate número {n} suave,{n % 997 + 1}.50,,unit,0\n"
            )


def test_progress_is_reported_batch_by_batch_and_search_works(
    tmp_path: Path, ledger: Ledger
) -> None:
    path = tmp_path / "progress.csv"
    write_catalog(path, 95)
    steps: list[ImportProgress] = []
    report = ledger.catalog.import_csv(path, MLA, progress=steps.append, batch_rows=10)
    assert report.imported == 95 and not report.errors
    assert len(steps) == 10 and steps[-1].done and steps[-1].fraction == 1.0
    assert [s.imported for s in steps] == [10, 20, 30, 40, 50, 60, 70, 80, 90, 95]
    assert all(0 <= s.fraction <= 1 and s.bytes_total == path.stat().st_size for s in steps)
    assert steps[-1].lines_read == 96
    # Every batch went through the catalog's triggers: the trigram index finds all of them.
    conn = ledger.catalog._conn
    assert conn.execute("SELECT COUNT(*) FROM catalog_fts").fetchone()[0] == 95
    found = ledger.catalog.search("numero 87")
    assert [p.sku for p in found] == ["P0000087"]
    # Importing the same file again changes nothing (upsert by SKU).
    assert ledger.catalog.import_csv(path, MLA).imported == 95
    assert ledger.catalog.count() == 95
    assert conn.execute("SELECT COUNT(*) FROM catalog_fts").fetchone()[0] == 95


def test_a_big_import_holds_a_batch_not_the_file(tmp_path: Path, ledger: Ledger) -> None:
    """Python-side memory of a 4,000-row import in batches of 100 stays about one batch's
    (1.3 MiB measured, most of it the SKUs and barcodes already seen); the whole file's rows
    held at once, as before, take 4.1 MiB (batch_rows=4000). 40 batches are as telling as the
    120 of 12,000 rows were, at a third of the CPU. The 1,000,000-row figure is in
    ``tests/benchmarks/catalog_import_memory.py``."""
    path = tmp_path / "big.csv"
    write_catalog(path, 4_000)
    tracemalloc.start()
    try:
        report = ledger.catalog.import_csv(path, MLA, batch_rows=100)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.imported == 4_000
    assert peak < 2.5 * 2**20, f"peak {peak / 2**20:.1f} MiB"


def test_an_unreadable_file_is_a_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "locked.csv"
    path.write_text(HEADER, encoding="utf-8")

    def refuse(_path: Path) -> tuple[str, str | None]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("pos_app.ledger.catalog_import.detect_encoding", refuse)
    code, _out, err = run_cli(path, capsys)
    assert code == 2 and "cannot read" in err and "Permission denied" in err


def test_a_progress_callback_can_stop_the_import(tmp_path: Path, ledger: Ledger) -> None:
    """What a progress dialog's Cancel does: the batches written stay, the ledger is usable."""
    path = tmp_path / "stop.csv"
    write_catalog(path, 50)

    class Stop(Exception):
        pass

    def cancel_after_two(step: ImportProgress) -> None:
        if step.imported >= 20:
            raise Stop

    with pytest.raises(Stop):
        ledger.catalog.import_csv(path, MLA, progress=cancel_after_two, batch_rows=10)
    assert ledger.catalog.count() == 20
    assert ledger.catalog.import_csv(path, MLA).imported == 50  # running it again finishes
    assert ledger.catalog.count() == 50


def test_every_reason_is_translatable_to_the_bottom(tmp_path: Path, ledger: Ledger) -> None:
    """The preview shows "Line 4: <reason>" translated: the reason (and a money rule inside it)
    is a message of its own, so no English is left inside a Spanish line."""
    path = tmp_path / "mixed.csv"
    path.write_text(
        HEADER + ",,Sin sku,10,,unit,0\nA1,,Café,10.5.5,,unit,0\nA2,,Té,3,,caja,0\n"
        "A3,,Mate,4,,unit,7\nA4,,Yerba,4,,unit,0\nA4,,Otra,4,,unit,0\n",
        encoding="cp1252",
    )
    report = ledger.catalog.import_csv(path, MLA)
    assert len(report.errors) == 5 and len(report.warnings) == 1  # cp1252 → a warning
    seen: list[str] = []

    def tag(context: str, source: str) -> str:
        seen.append(source)
        return "«" + source + "»"

    for _line, why in report.errors:
        seen.clear()
        text = why.render(tag)
        assert text.startswith("«") and text.endswith("»"), text
    assert report.warnings[0].render(tag).startswith("«the file is not UTF-8")
