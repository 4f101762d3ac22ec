"""Catalog search: the indexed queries answer exactly what the plain LIKE scan answered."""

from __future__ import annotations

import random
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.domain.catalog import Product, normalize_text
from pos_app.ledger import catalog as catalog_module
from pos_app.ledger.catalog import CatalogRepository
from pos_app.ledger.store import Ledger

WORDS = ["yerba", "mate", "Taragüí", "leche", "azúcar", "con", "palo", "1 kg", "x_y", "50%", "té"]


def reference_search(conn: sqlite3.Connection, text: str, limit: int = 20) -> list[str]:
    """The search by plain scans: names (prefix first, then by name), then codes by code."""

    def escape(value: str) -> str:
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")

    words = normalize_text(text).split()
    if not words:
        return []
    where = " AND ".join("title_norm LIKE ? ESCAPE '\\'" for _ in words)
    only_start = all(len(w) < 3 for w in words)  # one or two letters: the start of names only
    if only_start:
        where += " AND title_norm LIKE ? ESCAPE '\\'"
    sql = (
        f"SELECT sku, (title_norm LIKE ? ESCAPE '\\') AS prefix FROM catalog WHERE {where} "
        "ORDER BY prefix DESC, title_norm LIMIT ?"
    )
    params: list[object] = [f"{escape(words[0])}%", *[f"%{escape(w)}%" for w in words]]
    if only_start:
        params.append(f"{escape(words[0])}%")
    params.append(limit)
    found = [row[0] for row in conn.execute(sql, params)]
    code = text.strip()
    if len(found) < limit and not any(c.isspace() for c in code):
        pattern = f"{escape(code)}%"
        by_code = conn.execute(
            "SELECT sku, barcode FROM catalog WHERE sku LIKE ? ESCAPE '\\' "
            "OR barcode LIKE ? ESCAPE '\\'",
            [pattern, pattern],
        ).fetchall()
        keyed = []
        for sku, barcode in by_code:
            matches = [
                c.casefold() for c in (sku, barcode) if c.casefold().startswith(code.casefold())
            ]
            keyed.append((min(matches), sku))
        for _key, sku in sorted(keyed):
            if sku not in found:
                found.append(sku)
    return found[:limit]


def products(rng: random.Random, count: int) -> list[Product]:
    return [
        Product(
            sku=f"{rng.choice(['P', 'p', 'Sku'])}{n:05d}",
            title=" ".join(rng.sample(WORDS, rng.randint(1, 4))) + f" {n}",
            unit_price=Decimal(rng.randint(1, 9999)),
            barcode=f"779{rng.randint(0, 10**9):09d}" if rng.random() < 0.9 else "",
        )
        for n in range(count)
    ]


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    ledger = Ledger(tmp_path / "ledger.sqlite3")
    yield ledger
    ledger.close()


def queries(rng: random.Random, catalog: list[Product]) -> list[str]:
    typed = [
        "ye",
        "yer",
        "yerba m",
        "mate",
        "MATE",
        "taragui",
        "con palo",
        "zz",
        "zzz",
        "1",
        "x_",
        "50%",
    ]
    for product in rng.sample(catalog, 20):
        typed += [product.sku[:3], product.sku.lower(), product.barcode[:5], product.title[:4]]
        typed.append(" ".join(normalize_text(product.title).split()[-2:]))
    return [t for t in typed if t.strip()]


def test_search_answers_what_the_like_scan_answered(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(3)
    # Above the index walk's names (catalog._WALK): both paths run. A walk of 400 names over
    # 900 products decides as the app's 4,000 over 4,500 do, at a fifth of the CPU.
    monkeypatch.setattr(catalog_module, "_WALK", 400)
    catalog = products(rng, catalog_module._WALK + 500)
    ledger.catalog.upsert(catalog)
    conn = ledger._conn
    for text in queries(rng, catalog):
        for limit in (1, 20):
            found = [p.sku for p in ledger.catalog.search(text, limit)]
            assert found == reference_search(conn, text, limit), (text, limit)


def test_the_trigram_index_follows_upserts_and_deletes(ledger: Ledger) -> None:
    ledger.catalog.upsert([Product(sku="A1", title="Yerba mate", unit_price=Decimal(10))])
    assert [p.sku for p in ledger.catalog.search("erba mat")] == ["A1"]
    ledger.catalog.upsert([Product(sku="A1", title="Café molido", unit_price=Decimal(10))])
    assert ledger.catalog.search("erba mat") == []
    assert [p.sku for p in ledger.catalog.search("olido")] == ["A1"]
    ledger._conn.execute("DELETE FROM catalog WHERE sku = 'A1'")
    assert ledger.catalog.search("olido") == []


def test_an_existing_catalog_is_indexed_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    ledger = Ledger(path)
    ledger.catalog.upsert([Product(sku="A1", title="Dulce de leche", unit_price=Decimal(10))])
    # A ledger from before the index: drop it, as an older version of the app left it.
    for name in ("catalog_fts_insert", "catalog_fts_update", "catalog_fts_delete"):
        ledger._conn.execute(f"DROP TRIGGER {name}")
    ledger._conn.execute("DROP TABLE catalog_fts")
    ledger.close()
    reopened = Ledger(path)
    try:
        assert [p.sku for p in reopened.catalog.search("ce de lec")] == ["A1"]
    finally:
        reopened.close()


def test_search_without_the_trigram_index_still_answers(ledger: Ledger) -> None:
    rng = random.Random(5)
    catalog = products(rng, 500)
    ledger.catalog.upsert(catalog)
    scanning = CatalogRepository(ledger._conn)
    scanning._fts = False
    for text in queries(rng, catalog):
        assert [p.sku for p in scanning.search(text)] == reference_search(ledger._conn, text)
