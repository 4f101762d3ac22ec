"""Catalog CSV import: any file a shop has, streamed, with every bad line reported.

What spreadsheets in the region save is rarely clean UTF-8, so the file's encoding is found
first (:func:`detect_encoding`): a UTF-8 (or UTF-16) byte-order mark, else UTF-8 if the whole file
decodes as UTF-8, else Windows-1252 (Excel's "CSV" on a Spanish or Portuguese Windows), else
Latin-1 — the last two with a warning that names the encoding assumed. A binary file (a
spreadsheet not saved as CSV, a picture) is refused before anything is read as rows.

Rows are then streamed (:func:`run_import`): each line is read with a length bound, parsed,
checked for a SKU or barcode already seen earlier in the file, and written in batches of
:data:`BATCH_ROWS` (one short transaction each, so a till selling from the same ledger waits at
most one batch; the catalog's triggers keep the search indexes in step row by row). Memory stays
constant whatever the file's size: the SKUs and barcodes seen are kept in a throw-away SQLite file,
and at most :data:`MAX_REPORTED` problems are kept (all are counted). A progress callback gets an
:class:`ImportProgress` after every batch (committed), enough for a progress bar; a callback
that raises stops the import there (a Cancel button), with the batches already written kept.

Re-importing is safe: rows are upserted by SKU, so an import cut short is finished by running it
again.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
import re
import sqlite3
import tempfile
from collections import ChainMap
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from pos_app.domain.cart import UnitMeasure
from pos_app.domain.catalog import Product
from pos_app.domain.money import Site
from pos_app.domain.pricing import SaleUnit
from pos_app.domain.spreadsheet import from_text_cell
from pos_app.domain.text_fields import (
    PRODUCT_BARCODE,
    PRODUCT_CATEGORY,
    PRODUCT_NAME,
    PRODUCT_SKU,
    TextField,
    check_text,
)
from pos_app.domain.validation import (
    ValidationError,
    clean_text,
    read_iva_rate,
    read_spreadsheet_amount,
)
from pos_app.errors import UserFacingError
from pos_app.i18n import QT_TRANSLATE_NOOP, Message, message
from pos_app.system.files import open_user_file

REQUIRED_COLUMNS = ("sku", "title", "unit_price")
MEASURED_UNITS = tuple(unit.value for unit in SaleUnit if unit.is_measured)
KNOWN_COLUMNS = ("sku", "barcode", "title", "unit_price", "category", "unit_measure", "iva_rate")
BATCH_ROWS = 5000
# A catalog line is a few hundred characters; a longer one is damage (or a binary file) and is
# refused without being held in memory.
MAX_LINE = 64 * 1024
MAX_REPORTED = 1000  # problems kept for the report; the rest are only counted
_CHUNK = 1 << 20
_SNIFF = 64 * 1024
CTX = "CatalogImport"

# Magic numbers of what people pick by mistake instead of the CSV.
_SPREADSHEETS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")  # .xlsx/.ods, .xls
_BINARIES = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"\x7fELF")
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1a")  # \x1a: the DOS end-of-file some exports append


class CatalogFileError(UserFacingError):
    """The file cannot be read as a catalog at all (binary, a spreadsheet, unreadable)."""


@dataclass(frozen=True)
class ImportProgress:
    """Where an import is: ``bytes_read`` of ``bytes_total`` (a progress bar's fraction),
    lines read so far (the header is line 1), products written and lines refused."""

    bytes_read: int
    bytes_total: int
    lines_read: int
    imported: int
    refused: int
    done: bool = False

    @property
    def fraction(self) -> float:
        if self.done or self.bytes_total <= 0:
            return 1.0
        return min(1.0, self.bytes_read / self.bytes_total)


@dataclass
class ImportReport:
    imported: int = 0
    # (line, problem) for the first MAX_REPORTED refused lines, in line order; ``refused``
    # counts them all.
    errors: list[tuple[int, Message]] = field(default_factory=list)
    refused: int = 0
    encoding: str = "utf-8"
    warnings: list[Message] = field(default_factory=list)
    header: list[str] = field(default_factory=list)  # the file's first line, case-folded
    missing: list[str] = field(default_factory=list)  # required columns it lacks (none read)

    def refuse(self, line: int, problem: Message) -> None:
        self.refused += 1
        if len(self.errors) < MAX_REPORTED:
            self.errors.append((line, problem))

    @property
    def unreported(self) -> int:
        return self.refused - len(self.errors)


Progress = Callable[[ImportProgress], None]
# Writes a batch; the second argument names the file's columns (the header, case-folded): a
# product already in the catalog keeps what a column the file does not have holds.
Store = Callable[[list[Product], frozenset[str]], None]


# == encoding =====================================================================================
def detect_encoding(path: Path) -> tuple[str, Message | None]:
    """``(codec, warning)`` for the file at ``path``; :class:`CatalogFileError` when binary.

    Reads the file once in 1 MiB chunks (constant memory) to tell UTF-8 from the rest. A folder,
    a FIFO (its open waited for a writer, forever) or a device raises
    :class:`~pos_app.system.files.NotAFileError` (an ``OSError``).
    """
    with open_user_file(path) as raw:
        head = raw.read(_SNIFF)
        if head.startswith(codecs.BOM_UTF8):
            # A byte-order mark is three bytes anyone may put first: what follows must still
            # be text (a BOM before binary bytes read as a header of nonsense, "missing
            # column(s)").
            _refuse_binary(head[len(codecs.BOM_UTF8) :], path)
            return "utf-8-sig", None
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            _refuse_binary_utf16(head, path)
            return "utf-16", None
        _refuse_binary(head, path)
        raw.seek(0)
        if _decodes(raw, "utf-8"):
            return "utf-8", None
        # Not UTF-8, so one byte is one character: text in a Latin alphabet is mostly ASCII
        # (accents are a few letters in each word); bytes mostly above 0x7f are not text.
        if sum(1 for byte in head if byte > 0x7F) > len(head) // 3:
            raise _not_text(path)
        raw.seek(0)
        if _decodes(raw, "cp1252"):
            return "cp1252", _problem(
                QT_TRANSLATE_NOOP(
                    "CatalogImport",
                    "the file is not UTF-8: read as Windows-1252 (cp1252), what spreadsheets on "
                    "Windows save; check that accented names look right",
                )
            )
    return "latin-1", _problem(
        QT_TRANSLATE_NOOP(
            "CatalogImport",
            "the file is neither UTF-8 nor Windows-1252: read as Latin-1 (ISO-8859-1); check "
            "that accented names look right",
        )
    )


def _refuse_binary(head: bytes, path: Path) -> None:
    if head.startswith(_SPREADSHEETS):
        raise CatalogFileError(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "CatalogImport",
                    "{file} is a spreadsheet, not a CSV file: open it and save it as "
                    "“CSV (comma delimited)”, then import that file.",
                ),
                file=path.name,
            )
        )
    # A stray NUL or bell in a text file is a damaged line, reported as such; a file full of
    # them (about one byte in 64 of random data is a NUL) is not text.
    controls = sum(1 for byte in head if byte < 0x20 and byte not in _TEXT_CONTROLS)
    if head.startswith(_BINARIES) or controls > max(4, len(head) // 50):
        raise _not_text(path)


def _refuse_binary_utf16(head: bytes, path: Path) -> None:
    """A UTF-16 byte-order mark followed by what is not UTF-16 text: random bytes hold a lone
    surrogate within a few dozen characters, or control characters."""
    try:
        text = codecs.getincrementaldecoder("utf-16")().decode(head, final=False)
    except UnicodeDecodeError:
        raise _not_text(path) from None
    controls = sum(1 for char in text if ord(char) < 0x20 and ord(char) not in _TEXT_CONTROLS)
    if controls > max(4, len(text) // 50):
        raise _not_text(path)


def _not_text(path: Path) -> CatalogFileError:
    return CatalogFileError(
        message(
            CTX,
            QT_TRANSLATE_NOOP(
                "CatalogImport",
                "{file} is not a text file: a catalog is a CSV file with the columns sku, "
                "title and unit_price.",
            ),
            file=path.name,
        )
    )


def _decodes(raw: BinaryIO, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        while chunk := raw.read(_CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


# == rows =========================================================================================
def parse_row(row: dict[str, str], site: Site, *, extra: Sequence[str] = ()) -> Product:
    """One CSV row as a product, or :class:`RowProblem` saying what is wrong with it.

    Numbers are read like every machine-written number
    (:func:`~pos_app.domain.validation.read_plain_amount`: a dot or a comma as the decimal mark,
    ASCII digits only, at most the currency's ceiling); texts are cleaned and bounded like
    every typed text (:func:`~pos_app.domain.text_fields.check_text`: a name longer than
    Mercado Pago's item title is refused, not cut).
    """

    # Fields past the header's last column (``extra``): a value holding the separator that was
    # not quoted (``1,234.50`` in a comma-separated file) split a line, and what is left in the
    # columns is not what the line says (the drill at $ 1). Empty ones are a wider sheet's.
    if any(field.strip() for field in extra):
        raise RowProblem(
            QT_TRANSLATE_NOOP(
                "CatalogImport",
                "{fields} fields where the header has {columns}: a price or name holding the "
                'separator must be in double quotes ("1,234.50")',
            ),
            fields=len(row) + len(extra),
            columns=len(row),
        )

    def get(name: str) -> str:
        # A text the export (or a spreadsheet) marked with an apostrophe so that it is never run
        # as a formula (=, +, -, @ first): the text itself.
        return from_text_cell((row.get(name) or "").strip())

    sku = clean_text(get("sku"))
    if not sku:
        raise RowProblem(QT_TRANSLATE_NOOP("CatalogImport", "sku is empty"))
    _check(sku, PRODUCT_SKU, "sku")
    _not_a_shown_number(sku, "sku")
    _not_a_shown_number(get("barcode"), "barcode")
    title = clean_text(get("title"))
    if not title:
        raise RowProblem(
            QT_TRANSLATE_NOOP(
                "CatalogImport", "title is empty (control and invisible characters do not count)"
            )
        )
    _check(title, PRODUCT_NAME, "title")
    try:
        price = read_spreadsheet_amount(get("unit_price"), site)
    except ValidationError as exc:
        raise RowProblem(
            QT_TRANSLATE_NOOP("CatalogImport", "unit_price {value}: {problem}"),
            value=_shown(get("unit_price")),
            problem=exc.msg,
        ) from None
    # unit_measure: unit or pack (how Mercado Pago counts it), or kg, g, l, m for a product sold
    # by measure, whose unit_price is then the price per kg (g, l, m).
    measure = (get("unit_measure") or "unit").lower()
    if measure not in ("unit", "pack", *MEASURED_UNITS):
        raise RowProblem(
            QT_TRANSLATE_NOOP(
                "CatalogImport", "unit_measure must be unit, pack, kg, g, l or m, not {value}"
            ),
            value=_shown(measure),
        )
    sale_unit = SaleUnit(measure) if measure in MEASURED_UNITS else SaleUnit.UNIT
    try:
        iva = read_iva_rate(get("iva_rate"))
    except ValidationError:
        raise RowProblem(
            QT_TRANSLATE_NOOP("CatalogImport", "iva_rate {value} must be 0, 5 or 19"),
            value=_shown(get("iva_rate")),
        ) from None
    return Product(
        sku=sku,
        title=title,
        unit_price=price,
        barcode=_check(get("barcode"), PRODUCT_BARCODE, "barcode"),
        category=_check(get("category"), PRODUCT_CATEGORY, "category"),
        unit_measure=UnitMeasure(measure) if measure in ("unit", "pack") else UnitMeasure.UNIT,
        iva_rate=iva,
        sale_unit=sale_unit,
    )


# How a spreadsheet shows (and saves) a long number in a column not formatted as text:
# ``7,79E+12`` for the barcode 7790000000017. The code itself is lost; as a "barcode" it was
# imported once and every other row refused as repeating it.
_SHOWN_NUMBER = re.compile(r"[0-9][.,][0-9]+[eE]\+[0-9]+")


def _not_a_shown_number(text: str, column: str) -> None:
    if _SHOWN_NUMBER.fullmatch(text.strip()):
        raise RowProblem(
            QT_TRANSLATE_NOOP(
                "CatalogImport",
                "{column} {value} is a long number as a spreadsheet shows it, not the code: "
                "format the column as text and type the codes again (the catalog exported as "
                "CSV for Excel keeps them)",
            ),
            column=column,
            value=_shown(text),
        )


def _check(text: str, field: TextField, column: str) -> str:
    """``text`` cleaned and within ``field``'s limit, or :class:`RowProblem` naming the column."""
    try:
        return check_text(text, field)
    except ValidationError as exc:
        raise RowProblem(
            QT_TRANSLATE_NOOP("CatalogImport", "{column}: {problem}"),
            column=column,
            problem=exc.msg,
        ) from None


def _problem(source: str, **params: object) -> Message:
    return message("CatalogImport", source, **params)


class RowProblem(ValueError):
    """What is wrong with one line of a catalog file, translatable (``str()`` is English)."""

    def __init__(self, source: str, **params: object) -> None:
        self.msg = _problem(source, **params)
        super().__init__(str(self.msg))


def _shown(text: str, limit: int = 40) -> str:
    """``text`` quoted for a report line, cut when long."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


class _Lines:
    """The file's physical lines, each at most :data:`MAX_LINE` characters.

    A longer line is skipped to its end without being held, and stands in the stream as an
    empty line (so the csv reader's line count stays the file's); its number is remembered.
    """

    def __init__(self, text: io.TextIOBase) -> None:
        self._text = text
        self.number = 0
        self.too_long: set[int] = set()

    def __iter__(self) -> Iterator[str]:
        while line := self._text.readline(MAX_LINE):
            self.number += 1
            if len(line) >= MAX_LINE and not line.endswith(("\n", "\r")):
                while (rest := self._text.readline(MAX_LINE)) and not rest.endswith(("\n", "\r")):
                    pass
                self.too_long.add(self.number)
                yield "\n"
                continue
            yield line


def delimiter_of(header_line: str) -> str:
    """``,`` unless the header is plainly split by ``;`` (Excel where the decimal mark is a
    comma) or tabs."""
    counts = {sep: header_line.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] > counts[","] else ","


class _Seen:
    """SKUs and barcodes already imported from this file, with their line: in a throw-away
    SQLite file, so a million rows cost disk, not memory."""

    def __init__(self, folder: str) -> None:
        self._db = sqlite3.connect(Path(folder) / "seen.sqlite", isolation_level=None)
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute("PRAGMA cache_size=-4096")
        self._db.execute("CREATE TABLE seen (code TEXT PRIMARY KEY, line INTEGER) WITHOUT ROWID")

    def lines_of(self, codes: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for start in range(0, len(codes), 500):
            part = codes[start : start + 500]
            marks = ",".join("?" for _ in part)
            found.update(
                self._db.execute(f"SELECT code, line FROM seen WHERE code IN ({marks})", part)
            )
        return found

    def add(self, codes: dict[str, int]) -> None:
        self._db.execute("BEGIN")
        self._db.executemany("INSERT OR IGNORE INTO seen VALUES (?, ?)", codes.items())
        self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()


def repeat_problem(product: Product, first_lines: Mapping[str, int]) -> Message | None:
    """Why ``product`` is refused when an earlier line has its SKU or barcode (``first_lines``:
    each key of :func:`product_keys` of the lines kept so far, and its line); None if none does.
    The first line is kept — the same rule for the window's preview and ``catalog import``."""
    for key, kind in _keys(product):
        first = first_lines.get(key)
        if first is not None:
            value = product.sku if kind == "sku" else product.barcode
            return _problem(
                QT_TRANSLATE_NOOP(
                    "CatalogImport", "{column} {value} repeats line {first} (line {first} kept)"
                ),
                column=kind,
                value=_shown(value),
                first=first,
            )
    return None


def product_keys(product: Product) -> list[str]:
    """What makes two lines the same product: its SKU (any case) and its barcode."""
    return [key for key, _kind in _keys(product)]


def _keys(product: Product) -> list[tuple[str, str]]:
    keys = [(f"s:{product.sku.casefold()}", "sku")]
    if product.barcode:
        keys.append((f"b:{product.barcode}", "barcode"))
    return keys


# == the import ===================================================================================
def run_import(
    path: Path,
    site: Site,
    store: Store,
    *,
    progress: Progress | None = None,
    batch_rows: int = BATCH_ROWS,
) -> ImportReport:
    """Import the good rows of ``path`` through ``store`` (a batch at a time), report the rest.

    Raises :class:`CatalogFileError` for a file that is not a text file at all; everything wrong
    inside a text file is a numbered line in the report.
    """
    report = ImportReport()
    report.encoding, warning = detect_encoding(path)
    if warning:
        report.warnings.append(warning)
    with (
        open_user_file(path) as raw,
        io.TextIOWrapper(raw, encoding=report.encoding, errors="replace", newline="") as text,
        tempfile.TemporaryDirectory(prefix="pos-app-import-") as scratch,
    ):
        seen = _Seen(scratch)
        total = os.fstat(raw.fileno()).st_size  # the file read, even if its name changed since
        try:
            lines = _Lines(text)
            stream = iter(lines)
            first = next(stream, "")
            reader = csv.reader(itertools.chain([first], stream), delimiter=delimiter_of(first))
            header = [clean_text(h).casefold() for h in next(reader, [])]
            missing = [c for c in REQUIRED_COLUMNS if c not in header]
            report.header, report.missing = header, missing
            if missing:
                report.refuse(
                    1,
                    _problem(
                        QT_TRANSLATE_NOOP("CatalogImport", "missing column(s): {columns}"),
                        columns=", ".join(missing),
                    ),
                )
                return report
            batch: list[tuple[int, Product]] = []
            columns = frozenset(header)

            def flush(done: bool = False) -> None:
                if batch:
                    _write_batch(batch, seen, lambda good: store(good, columns), report)
                    batch.clear()
                if progress is not None:
                    progress(
                        ImportProgress(
                            bytes_read=total if done else raw.tell(),
                            bytes_total=total,
                            lines_read=lines.number,
                            imported=report.imported,
                            refused=report.refused,
                            done=done,
                        )
                    )

            while True:
                start = reader.line_num + 1
                try:
                    fields = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    report.refuse(
                        start,
                        _problem(
                            QT_TRANSLATE_NOOP("CatalogImport", "not readable as CSV ({error})"),
                            error=str(exc),
                        ),
                    )
                    continue
                if lines.too_long and any(
                    n in lines.too_long for n in range(start, reader.line_num + 1)
                ):
                    report.refuse(
                        start,
                        _problem(
                            QT_TRANSLATE_NOOP("CatalogImport", "longer than {n} KiB"),
                            n=MAX_LINE // 1024,
                        ),
                    )
                    continue
                if not any(f.strip() for f in fields):
                    continue  # a blank line
                try:
                    product = parse_row(
                        dict(zip(header, fields, strict=False)), site, extra=fields[len(header) :]
                    )
                except RowProblem as exc:
                    report.refuse(start, exc.msg)
                    continue
                batch.append((start, product))
                if len(batch) >= batch_rows:
                    flush()
            flush(done=True)
        finally:
            seen.close()
    report.errors.sort(key=lambda error: error[0])
    return report


def _write_batch(
    batch: list[tuple[int, Product]],
    seen: _Seen,
    store: Callable[[list[Product]], None],
    report: ImportReport,
) -> None:
    """Refuse rows whose SKU or barcode an earlier line has (the first one is kept), store
    the rest."""
    earlier = seen.lines_of([key for _line, p in batch for key, _kind in _keys(p)])
    fresh: dict[str, int] = {}
    kept = ChainMap(earlier, fresh)  # a live view of both: fresh grows as the batch is read
    good: list[Product] = []
    for line, product in batch:
        problem = repeat_problem(product, kept)
        if problem is not None:
            report.refuse(line, problem)
            continue
        for key, _kind in _keys(product):
            fresh[key] = line
        good.append(product)
    if good:
        store(good)
    seen.add(fresh)
    report.imported += len(good)
