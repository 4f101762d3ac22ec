"""The product catalog: lookup by barcode or SKU, search as you type, CSV import."""

from __future__ import annotations

import csv
import sqlite3
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pos_app.domain.cart import IVA_RATES, UnitMeasure
from pos_app.domain.catalog import Product, normalize_text
from pos_app.domain.money import Site, has_valid_decimals

REQUIRED_COLUMNS = ("sku", "title", "unit_price")
KNOWN_COLUMNS = ("sku", "barcode", "title", "unit_price", "category", "unit_measure", "iva_rate")


@dataclass
class ImportReport:
    imported: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


class CatalogRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def count(self) -> int:
        return int(self._conn.execute("SELECT COUNT(*) FROM catalog").fetchone()[0])

    def upsert(self, products: list[Product]) -> None:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            self._conn.executemany(
                "INSERT INTO catalog (sku, barcode, title, title_norm, unit_price, category, "
                "unit_measure, iva_rate) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(sku) DO UPDATE SET "
                "barcode=excluded.barcode, title=excluded.title, title_norm=excluded.title_norm, "
                "unit_price=excluded.unit_price, category=excluded.category, "
                "unit_measure=excluded.unit_measure, iva_rate=excluded.iva_rate",
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
        "Mayerling". A ``LIKE`` scan over 100,000 rows stays in single-digit milliseconds.
        """
        words = normalize_text(text).split()
        if not words:
            return []
        where = " AND ".join("title_norm LIKE ? ESCAPE '\\'" for _ in words)
        args: list[str] = [f"%{_escape(w)}%" for w in words]
        code = text.strip()
        sql = (
            f"SELECT *, (title_norm LIKE ? ESCAPE '\\') AS prefix FROM catalog WHERE ({where}) "
            "OR barcode LIKE ? ESCAPE '\\' OR sku LIKE ? ESCAPE '\\' "
            "ORDER BY prefix DESC, title_norm LIMIT ?"
        )
        params: list[object] = [f"{_escape(words[0])}%", *args]
        params += [f"{_escape(code)}%", f"{_escape(code)}%", limit]
        return [_product(r) for r in self._conn.execute(sql, params).fetchall()]

    def import_csv(self, path: Path, site: Site) -> ImportReport:
        """Import good rows, report bad ones with their line numbers (header = line 1)."""
        report = ImportReport()
        good: list[Product] = []
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = [h.strip() for h in reader.fieldnames or []]
            missing = [c for c in REQUIRED_COLUMNS if c not in header]
            if missing:
                report.errors.append((1, f"missing column(s): {', '.join(missing)}"))
                return report
            reader.fieldnames = header
            for row in reader:
                line_no = reader.line_num
                try:
                    good.append(parse_row(row, site))
                except ValueError as exc:
                    report.errors.append((line_no, str(exc)))
        if good:
            self.upsert(good)
        report.imported = len(good)
        return report


def parse_row(row: dict[str, str | None], site: Site) -> Product:
    def get(name: str) -> str:
        return (row.get(name) or "").strip()

    sku, title = get("sku"), " ".join(get("title").split())
    if not sku:
        raise ValueError("sku is empty")
    if not title:
        raise ValueError("title is empty")
    try:
        price = Decimal(get("unit_price").replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"unit_price {get('unit_price')!r} is not a number") from None
    if not price.is_finite() or price <= 0:
        raise ValueError("unit_price must be greater than zero")
    if not has_valid_decimals(price, site):
        raise ValueError(f"unit_price {price} has more decimals than {site.currency} allows")
    measure = get("unit_measure") or "unit"
    if measure not in ("unit", "pack"):
        raise ValueError(f"unit_measure must be unit or pack, not {measure!r}")
    try:
        iva = Decimal(get("iva_rate") or "0")
    except InvalidOperation:
        raise ValueError(f"iva_rate {get('iva_rate')!r} is not a number") from None
    if iva not in IVA_RATES:
        raise ValueError("iva_rate must be 0, 5 or 19")
    return Product(
        sku=sku,
        title=title,
        unit_price=price,
        barcode=get("barcode"),
        category=get("category"),
        unit_measure=UnitMeasure(measure),
        iva_rate=iva,
    )


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _product(r: sqlite3.Row) -> Product:
    return Product(
        sku=r["sku"],
        title=r["title"],
        unit_price=Decimal(r["unit_price"]),
        barcode=r["barcode"],
        category=r["category"],
        unit_measure=UnitMeasure(r["unit_measure"]),
        iva_rate=Decimal(r["iva_rate"]),
    )
