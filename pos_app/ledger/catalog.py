"""The product catalog: lookup by barcode or SKU, search as you type, CSV import."""

from __future__ import annotations

import importlib
import logging
import sqlite3
from collections.abc import Collection, Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

from pos_app.domain.cart import UnitMeasure
from pos_app.domain.catalog import Product, normalize_text
from pos_app.domain.money import Site
from pos_app.domain.pricing import SaleUnit
from pos_app.domain.validation import clean_text
from pos_app.ledger.amounts import catalog_amount

if TYPE_CHECKING:
    from pos_app.ledger.catalog_import import (
        REQUIRED_COLUMNS,
        CatalogFileError,
        ImportProgress,
        ImportReport,
        Progress,
        parse_row,
    )

__all__ = [
    "REQUIRED_COLUMNS",
    "CatalogFileError",
    "CatalogRepository",
    "ImportProgress",
    "ImportReport",
    "parse_row",
]

log = logging.getLogger(__name__)

# Every ledger opens its catalog, but only an import or a form needs the CSV rules (and csv,
# tempfile): :mod:`pos_app.ledger.catalog_import` is imported then (``pos-app sales``, issue 19).
_FROM_IMPORT = frozenset(
    {"REQUIRED_COLUMNS", "CatalogFileError", "ImportProgress", "ImportReport", "parse_row"}
)


def __getattr__(name: str) -> Any:
    if name in _FROM_IMPORT:
        return getattr(importlib.import_module("pos_app.ledger.catalog_import"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Derived indexes for search, (re)built here rather than in a migration because they are only an
# accelerator: a SQLite without FTS5's trigram tokenizer (before 3.34) searches by scanning.
# ``catalog_fts`` holds each product's ``title_norm`` under the catalog row's rowid; triggers keep
# it in step with every insert, upsert and delete (the ledger never runs VACUUM, which could
# renumber the rowids of a table without an INTEGER PRIMARY KEY).
_SEARCH_INDEXES = (
    "CREATE INDEX IF NOT EXISTS catalog_sku_nocase ON catalog (sku COLLATE NOCASE)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS catalog_fts USING fts5(title_norm, tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS catalog_fts_insert AFTER INSERT ON catalog BEGIN "
    "INSERT INTO catalog_fts (rowid, title_norm) VALUES (new.rowid, new.title_norm); END",
    "CREATE TRIGGER IF NOT EXISTS catalog_fts_update AFTER UPDATE OF title_norm ON catalog BEGIN "
    "UPDATE catalog_fts SET title_norm = new.title_norm WHERE rowid = old.rowid; END",
    "CREATE TRIGGER IF NOT EXISTS catalog_fts_delete AFTER DELETE ON catalog BEGIN "
    "DELETE FROM catalog_fts WHERE rowid = old.rowid; END",
)
_SEARCH_INDEX_NAMES = {
    "catalog_sku_nocase",
    "catalog_fts",
    "catalog_fts_insert",
    "catalog_fts_update",
    "catalog_fts_delete",
}
_WALK = 4000  # names looked at in order before asking the trigram index (~1-2 ms)
_MAX_CHAR = "\U0010ffff"  # sorts after any text: ``w <= x < w + _MAX_CHAR`` is "x starts with w"


class CatalogRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._fts = self._ensure_search_indexes()

    def _ensure_search_indexes(self) -> bool:
        """Create the search indexes once, filling the trigram index from the catalog."""
        if self._search_indexes_present() == _SEARCH_INDEX_NAMES:
            return True
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                fill = "catalog_fts" not in self._search_indexes_present()  # another process?
                for statement in _SEARCH_INDEXES:
                    self._conn.execute(statement)
                if fill:
                    self._conn.execute(
                        "INSERT INTO catalog_fts (rowid, title_norm) "
                        "SELECT rowid, title_norm FROM catalog"
                    )
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:  # no FTS5 or no trigram tokenizer here
            log.warning("catalog search without a trigram index (%s): it scans", exc)
            return False
        return True

    def _search_indexes_present(self) -> set[str]:
        marks = ",".join("?" for _ in _SEARCH_INDEX_NAMES)
        rows = self._conn.execute(
            f"SELECT name FROM sqlite_master WHERE name IN ({marks})", sorted(_SEARCH_INDEX_NAMES)
        )
        return {row[0] for row in rows}

    def count(self) -> int:
        return int(self._conn.execute("SELECT COUNT(*) FROM catalog").fetchone()[0])

    def upsert(self, products: list[Product], columns: Collection[str] | None = None) -> None:
        """Add ``products``, or replace those whose SKU the catalog has. ``columns``: the
        import file's (its header); a product already here keeps the values of the columns the
        file does not have (a price list of ``sku,title,unit_price`` wiped every barcode and
        category, sold a cheese by the kg by the unit and set a Colombian IVA to 0)."""
        updated = ["title", "title_norm", "unit_price"]  # the columns every file has
        for column, stored in _KEPT_UNLESS_GIVEN:
            if columns is None or column in columns:
                updated += stored
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            self._conn.executemany(
                "INSERT INTO catalog (sku, barcode, title, title_norm, unit_price, category, "
                "unit_measure, iva_rate, sale_unit) VALUES (?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT(sku) DO UPDATE SET "
                + ", ".join(f"{name}=excluded.{name}" for name in updated),
                [
                    (
                        p.sku,
                        p.barcode,
                        p.title,
                        normalize_text(p.title),
                        str(p.unit_price),
                        p.category,
                        p.unit_measure.value,
                        str(p.iva_rate),
                        p.sale_unit.value,
                    )
                    for p in products
                ],
            )
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def lookup_code(self, code: str) -> Product | None:
        """Exact barcode first (what a scanner sends), then SKU."""
        code = code.strip()
        if not code:
            return None
        row = (
            self._conn.execute(
                "SELECT * FROM catalog WHERE barcode = ? LIMIT 1", (code,)
            ).fetchone()
            or self._conn.execute(
                "SELECT * FROM catalog WHERE sku = ? COLLATE NOCASE LIMIT 1", (code,)
            ).fetchone()
        )
        return _product(row) if row else None

    def search(self, text: str, limit: int = 20) -> list[Product]:
        """Products whose name contains every typed word, or whose code starts with the text.

        Prefix matches on the name come first: typing "yer" should offer "Yerba" before
        "Mayerling"; then the other name matches, by name; then SKUs and barcodes starting with
        the text, by code (typing "7790" lists codes in order, not products named "A...").

        Each keystroke runs this, so no query scans 100,000 rows (10-40 ms here); each returns
        its own first ``limit`` rows, whose union holds the first ``limit`` overall:

        - names starting with the first word: a range of the ``title_norm`` index, in order;
        - names containing the words elsewhere: see :meth:`_containing` (from three letters);
        - codes starting with the text: ranges of the SKU (NOCASE) and barcode indexes.
        """
        # Cleaned as the names were when stored (clean_text): control and invisible characters
        # match nothing, and FTS5 reads its query as a C string, so a NUL (pasted, or sent by a
        # scanner) ended it inside a quoted word ("unterminated string", a traceback at the
        # counter).
        text = clean_text(text)
        words = normalize_text(text).split()
        if not words or limit <= 0:
            return []
        first = words[0]
        like = _like(words)
        likes = [f"%{_escape(w)}%" for w in words]
        prefix = "title_norm >= ? AND title_norm < ?"
        bounds = [first, first + _MAX_CHAR]
        rows = self._conn.execute(
            f"SELECT * FROM catalog WHERE {prefix} AND {like} ORDER BY title_norm LIMIT ?",
            [*bounds, *likes, limit],
        ).fetchall()
        if len(rows) < limit:
            rows += self._containing(words, likes, bounds, limit)
        names = sorted(
            {r["sku"]: r for r in rows}.values(),
            key=lambda r: (not r["title_norm"].startswith(first), r["title_norm"]),
        )[:limit]
        codes = self._codes_starting(text.strip(), limit) if len(names) < limit else []
        chosen = {r["sku"] for r in names}
        names += [r for r in codes if r["sku"] not in chosen]
        return [_product(r) for r in names[:limit]]

    def _codes_starting(self, code: str, limit: int) -> list[sqlite3.Row]:
        """Products whose SKU or barcode starts with ``code`` (any case), by that code."""
        if not code or any(c.isspace() for c in code):
            return []
        found = [
            (r["sku"].casefold(), r)
            for r in self._conn.execute(
                "SELECT * FROM catalog WHERE sku >= ? COLLATE NOCASE "
                "AND sku < ? COLLATE NOCASE ORDER BY sku COLLATE NOCASE LIMIT ?",
                [code, code + _MAX_CHAR, limit],
            )
        ]
        for variant in dict.fromkeys((code, code.upper(), code.lower())):
            found += [
                (r["barcode"].casefold(), r)
                for r in self._conn.execute(
                    "SELECT * FROM catalog WHERE barcode >= ? AND barcode < ? "
                    "ORDER BY barcode LIMIT ?",
                    [variant, variant + _MAX_CHAR, limit],
                )
            ]
        found.sort(key=lambda pair: pair[0])
        return list({r["sku"]: r for _code, r in found}.values())[:limit]

    def _containing(
        self, words: list[str], likes: list[str], bounds: list[str], limit: int
    ) -> list[sqlite3.Row]:
        """The first ``limit`` names (in order) with the words but not starting with the first.

        A common word ("mate": thousands of rows) is found at once walking the name index from
        the start; a rare one through the trigram index (a handful of rows). The walk looks at
        the first ``_WALK`` names only: the matches among them are the first matches overall,
        so if there are ``limit`` of them they are the answer.
        """
        if all(len(w) < 3 for w in words):
            # One or two letters ("ye", or the "77" of a barcode typed by hand) only match the
            # start of a name or a code: inside names they match nearly everything, and no index
            # can find them (the trigram index needs three), so a keystroke would scan.
            return []
        where = f"NOT (title_norm >= ? AND title_norm < ?) AND {_like(words)}"
        # Only the index (rowid and name, no row lookups) until the rows are known.
        rowids = [
            r[0]
            for r in self._conn.execute(
                "SELECT rowid FROM (SELECT rowid, title_norm FROM catalog "
                f"INDEXED BY catalog_title_norm ORDER BY title_norm LIMIT {_WALK}) "
                f"WHERE {where} LIMIT ?",
                [*bounds, *likes, limit],
            )
        ]
        if len(rowids) == limit:
            return self._rows([(rowid,) for rowid in rowids])
        long_words = [w for w in words if len(w) >= 3]  # at least one (see above)
        if self._fts:
            match = " AND ".join('"' + w.replace('"', '""') + '"' for w in long_words)
            return self._conn.execute(
                "SELECT * FROM catalog WHERE rowid IN "
                "(SELECT rowid FROM catalog_fts WHERE catalog_fts MATCH ?) "
                f"AND {where} ORDER BY title_norm LIMIT ?",
                [match, *bounds, *likes, limit],
            ).fetchall()
        # SQLite without the trigram tokenizer: nothing narrows it but a scan, of the name
        # index (rowid and name, in order) rather than of the whole rows.
        return self._rows(
            self._conn.execute(
                f"SELECT rowid FROM catalog INDEXED BY catalog_title_norm WHERE {where} "
                "ORDER BY title_norm LIMIT ?",
                [*bounds, *likes, limit],
            )
        )

    def _rows(self, rowids: Iterable[tuple[int]]) -> list[sqlite3.Row]:
        ids = [r[0] for r in rowids]
        marks = ",".join("?" for _ in ids)
        return self._conn.execute(f"SELECT * FROM catalog WHERE rowid IN ({marks})", ids).fetchall()

    # -- one product at a time (the Products window) ------------------------------------------
    def get(self, sku: str) -> Product | None:
        row = self._conn.execute("SELECT * FROM catalog WHERE sku = ?", (sku,)).fetchone()
        return _product(row) if row else None

    def list_page(self, after: tuple[str, str] | None = None, limit: int = 200) -> list[Product]:
        """Products in name order, ``limit`` at a time after ``after`` (the last row's
        ``(title_norm, sku)`` key: see :func:`page_key`): each page reads the name index."""
        if after is None:
            rows = self._conn.execute(
                "SELECT * FROM catalog ORDER BY title_norm, sku LIMIT ?", (limit,)
            )
        else:
            rows = self._conn.execute(
                "SELECT * FROM catalog WHERE title_norm >= ? AND (title_norm > ? OR sku > ?) "
                "ORDER BY title_norm, sku LIMIT ?",
                (after[0], after[0], after[1], limit),
            )
        return [_product(r) for r in rows]

    def barcode_owner(self, barcode: str) -> str | None:
        """The SKU of the product with this barcode, if any."""
        if not barcode:
            return None
        row = self._conn.execute(
            "SELECT sku FROM catalog WHERE barcode = ? LIMIT 1", (barcode,)
        ).fetchone()
        return str(row[0]) if row else None

    def save_product(self, product: Product, *, replacing: str | None = None) -> None:
        """Add ``product``, or change the one whose SKU was ``replacing`` (it may get another
        SKU), in one transaction. Past sales keep their own copy of each line: a new price
        only applies from the next sale. Validate first with :func:`product_from_fields`."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            if replacing is not None and replacing != product.sku:
                self._conn.execute("DELETE FROM catalog WHERE sku = ?", (replacing,))
            # Every column, sale_unit included: a product sold by kg stays sold by kg when its
            # SKU, name or price changes.
            self._conn.execute(
                "INSERT INTO catalog (sku, barcode, title, title_norm, unit_price, category, "
                "unit_measure, iva_rate, sale_unit) VALUES (?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT(sku) DO UPDATE SET "
                "barcode=excluded.barcode, title=excluded.title, title_norm=excluded.title_norm, "
                "unit_price=excluded.unit_price, category=excluded.category, "
                "unit_measure=excluded.unit_measure, iva_rate=excluded.iva_rate, "
                "sale_unit=excluded.sale_unit",
                (*_row_values(product), product.sale_unit.value),
            )
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def delete(self, sku: str) -> bool:
        cursor = self._conn.execute("DELETE FROM catalog WHERE sku = ?", (sku,))
        self._conn.commit()
        return cursor.rowcount > 0

    def export_csv(
        self, path: Path, damaged: list[Product] | None = None, *, excel_comma: bool = False
    ) -> int:
        """Every product, in name order, in the import's columns; returns how many. UTF-8 with
        a byte-order mark, without which Excel reads the file in the computer's old code page
        (``Café`` as ``CafÃ©``); the import takes the mark off.

        ``excel_comma``: semicolons and decimal commas (``1234,50``), as Excel opens a ``.csv``
        where the comma is the decimal mark (the sales export's kind,
        :mod:`pos_app.domain.spreadsheet`); the import reads it back the same.

        A damaged product (:attr:`Product.damaged`) is written with the text its damaged column
        holds, never a made-up zero: importing the file back refuses that row by its line
        number, so nothing ever sells at a guessed price. Each one is appended to ``damaged``
        (the caller names them).

        Written whole or not at all, never onto a folder, a FIFO or a device
        (:func:`pos_app.system.files.write_user_file`): a failure leaves the file that was there.
        """
        import csv
        import io

        from pos_app.domain.spreadsheet import (
            as_text_cell,
            code_cell,
            csv_delimiter,
            decimal_cell,
        )
        from pos_app.ledger.catalog_import import KNOWN_COLUMNS
        from pos_app.system.files import write_user_file

        count = 0

        def write(raw: BinaryIO) -> None:
            nonlocal count
            handle = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
            writer = csv.writer(handle, delimiter=csv_delimiter(excel_comma))
            writer.writerow(KNOWN_COLUMNS)
            after: tuple[str, str] | None = None
            while page := self.list_page(after, 2000):
                for p in page:
                    cells = [
                        # never a formula in a spreadsheet; the import reads them back
                        code_cell(p.sku, excel_comma),
                        code_cell(p.barcode, excel_comma),
                        as_text_cell(p.title),
                        decimal_cell(price_cell(p.unit_price), excel_comma),
                        as_text_cell(p.category),
                        # kg, g, l or m for a product sold by measure: what the import reads
                        p.sale_unit.value if p.is_measured else p.unit_measure.value,
                        # 0, 5 or 19: never decimals to mark
                        str(p.iva_rate.normalize()) if p.iva_rate else "0",
                    ]
                    if p.damaged:
                        column = {"unit_price": 3, "iva_rate": 6}.get(p.damaged_column, 5)
                        cells[column] = as_text_cell(clean_text(p.damaged_value))
                        if damaged is not None:
                            damaged.append(p)
                    writer.writerow(cells)
                count += len(page)
                after = page_key(page[-1])
            handle.flush()
            handle.detach()  # the file is closed by write_user_file, after its sync

        write_user_file(path, write)
        return count

    def export_csv_apart(
        self, path: Path, damaged: list[Product] | None = None, *, excel_comma: bool = False
    ) -> int:
        """:meth:`export_csv` on a read-only connection of its own, for a worker thread while
        this one's goes on (100,000 products take 1.5-3 s: the window froze that long)."""
        apart = self.read_apart()
        if apart is None:  # an in-memory catalog: nothing to open apart
            return self.export_csv(path, damaged, excel_comma=excel_comma)
        try:
            return apart.export_csv(path, damaged, excel_comma=excel_comma)
        finally:
            apart.close()

    def read_apart(self) -> CatalogRepository | None:
        """This catalog on a read-only connection of its own, for a worker thread (the caller
        closes it); None for an in-memory catalog, which has no file to open again."""
        file = str(self._conn.execute("PRAGMA database_list").fetchone()[2])
        if not file:
            return None
        conn = sqlite3.connect(
            Path(file).resolve().as_uri() + "?mode=ro", uri=True, check_same_thread=False
        )
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA busy_timeout=3000")
        return CatalogRepository(conn)

    def close(self) -> None:
        """Close the connection (a catalog of :meth:`read_apart`'s; the ledger closes its own)."""
        self._conn.close()

    def skus_present(self, skus: Sequence[str]) -> set[str]:
        """Which of ``skus`` the catalog has (as :meth:`get` finds them), 500 at a time."""
        found: set[str] = set()
        for start in range(0, len(skus), 500):
            part = list(skus[start : start + 500])
            marks = ",".join("?" for _ in part)
            rows = self._conn.execute(f"SELECT sku FROM catalog WHERE sku IN ({marks})", part)
            found.update(str(row[0]) for row in rows)
        return found

    def import_csv(
        self,
        path: Path,
        site: Site,
        *,
        progress: Progress | None = None,
        batch_rows: int | None = None,
    ) -> ImportReport:
        """Import the good rows, report bad ones with their line numbers (header = line 1).

        Streamed in batches with constant memory, in any encoding a spreadsheet saves; see
        :mod:`pos_app.ledger.catalog_import`. ``progress`` hears after every batch;
        ``batch_rows`` (tests) is that module's ``BATCH_ROWS`` unless given.
        """
        from pos_app.ledger.catalog_import import BATCH_ROWS, run_import

        rows = BATCH_ROWS if batch_rows is None else batch_rows
        return run_import(path, site, self.upsert, progress=progress, batch_rows=rows)


# An import file's optional columns and the catalog's columns each one sets.
_KEPT_UNLESS_GIVEN = (
    ("barcode", ["barcode"]),
    ("category", ["category"]),
    ("unit_measure", ["unit_measure", "sale_unit"]),
    ("iva_rate", ["iva_rate"]),
)


def price_cell(price: Decimal) -> str:
    """A price as the export writes it: as stored (``10.50``), but zeros the import would
    refuse dropped (``1500.00`` → ``1500``, ``1725.250`` → ``1725.25``). Older releases stored
    a price as its file wrote it, and the import now refuses more decimals than the currency
    has, even zeros (``1.000`` pesos is a thousand as Chileans write it, never one)."""
    text = str(price)
    if not price.is_finite() or "." not in text or "E" in text.upper():
        return text
    integer, fraction = text.split(".")
    if not fraction.strip("0"):
        return integer
    return f"{integer}.{fraction.rstrip('0').ljust(2, '0')}" if len(fraction) > 2 else text


def page_key(product: Product) -> tuple[str, str]:
    """Where :meth:`CatalogRepository.list_page` continues after ``product``."""
    return normalize_text(product.title), product.sku


def product_from_fields(
    site: Site,
    *,
    sku: str,
    title: str,
    unit_price: str,
    barcode: str = "",
    category: str = "",
    unit_measure: str = "unit",
    iva_rate: str = "0",
) -> Product:
    """A product typed in a form, checked by the very rules of the CSV import
    (:func:`parse_row`); raises :class:`~pos_app.ledger.catalog_import.RowProblem` like it."""
    row: dict[str, str] = {
        "sku": sku,
        "title": title,
        "unit_price": unit_price,
        "barcode": barcode,
        "category": category,
        "unit_measure": unit_measure,
        "iva_rate": iva_rate,
    }
    from pos_app.ledger.catalog_import import parse_row

    return parse_row(row, site)


def _row_values(p: Product) -> tuple[str, ...]:
    return (
        p.sku,
        p.barcode,
        p.title,
        normalize_text(p.title),
        str(p.unit_price),
        p.category,
        p.unit_measure.value,
        str(p.iva_rate),
    )


def _like(words: list[str]) -> str:
    return " AND ".join("title_norm LIKE ? ESCAPE '\\'" for _ in words)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


ZERO = Decimal(0)
_E = TypeVar("_E", UnitMeasure, SaleUnit)


def _product(r: sqlite3.Row) -> Product:
    """A catalog row as a product. Its amounts are checked as the ledger's are
    (:func:`~pos_app.ledger.amounts.catalog_amount`): a price edited by hand or damaged (``NaN``,
    ``1e999``, 29 digits, a word, below zero) raised at the counter while scanning; now the
    product comes back marked damaged (never sold, shown as such, the others unaffected)."""
    price = catalog_amount("unit_price", r["unit_price"])
    rate = catalog_amount("iva_rate", r["iva_rate"])
    unit = _enum(UnitMeasure, r["unit_measure"])
    sale_unit = _enum(SaleUnit, r["sale_unit"])
    damaged = ""
    for column, bad in (
        ("unit_price", price is None),
        ("iva_rate", rate is None),
        ("unit_measure", unit is None),
        ("sale_unit", sale_unit is None),
    ):
        if bad:
            damaged = column
            break
    return Product(
        sku=str(r["sku"]),
        title=str(r["title"]),
        unit_price=price if price is not None else ZERO,
        barcode=str(r["barcode"] or ""),
        category=str(r["category"] or ""),
        unit_measure=unit or UnitMeasure.UNIT,
        iva_rate=rate if rate is not None else ZERO,
        sale_unit=sale_unit or SaleUnit.UNIT,
        damaged_column=damaged,
        damaged_value=str(r[damaged]) if damaged else "",
    )


def _enum(kind: type[_E], value: object) -> _E | None:
    try:
        return kind(str(value))
    except ValueError:
        return None
