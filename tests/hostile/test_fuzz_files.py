"""Fuzzing the files a person hands the till: a catalog CSV (random bytes, encodings, BOMs,
quotes, huge fields, many columns) and a backup to restore (any file at all). Property: the
documented refusal with a message, or a valid result — never another exception; a refused
backup changes nothing, an accepted one opens and reads as a ledger."""

from __future__ import annotations

import codecs
import shutil
import sqlite3
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pos_app.domain.catalog import Product
from pos_app.domain.money import SITES, Site, has_valid_decimals, site_for
from pos_app.errors import UserFacingError
from pos_app.ledger import backup
from pos_app.ledger.catalog import CatalogFileError
from pos_app.ledger.store import Ledger
from pos_app.settings import paths

FILES = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
COLUMNS = ["sku", "barcode", "title", "unit_price", "category", "unit_measure", "iva_rate"]
CELL = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", '"', '""', '"a,b"', "1e309", "NaN", "-0", "0,5", "1.234,50", "kg", "19"]),
    st.sampled_from(["x" * 5000, "9" * 400, '"' + "y" * 3000]),
)


@st.composite
def csv_bytes(draw: st.DrawFn) -> bytes:
    if draw(st.integers(0, 4)) == 0:
        return draw(st.binary(max_size=2000))  # anything at all
    header = draw(
        st.one_of(
            st.just(COLUMNS),
            st.permutations(COLUMNS),
            st.lists(st.sampled_from([*COLUMNS, "", "extra", "SKU ", "\ufefftitle"]), max_size=40),
        )
    )
    width = max(1, len(header) + draw(st.integers(-2, 3)))
    rows = draw(st.lists(st.lists(CELL, min_size=width, max_size=width), max_size=6))
    sep = draw(st.sampled_from([",", ";", "\t"]))
    end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = end.join(sep.join(cells) for cells in [header, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(data)))
        data = data[:cut]  # a file cut short
    return data


@FILES
@given(site_id=st.sampled_from(sorted(SITES)), data=csv_bytes())
@example(site_id="MLA", data=codecs.BOM_UTF8 + b'sku,title,unit_price\nA,"Yerba,1\n')
@example(site_id="MCO", data=b"sku;title;unit_price;iva_rate\r\nA;Cafe;1000;19\r\nB;T;10.5;0")
def test_any_csv_file_imports_valid_products_or_is_refused(
    site_id: str, data: bytes, tmp_path: Path
) -> None:
    site = site_for(site_id)
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # a new ledger for each example
    path = folder / "catalog.csv"
    path.write_bytes(data)
    ledger = Ledger(folder / "ledger.sqlite3", exclusive=False)
    try:
        try:
            report = ledger.catalog.import_csv(path, site)
        except CatalogFileError as exc:
            assert str(exc.msg)
            return
        for _, problem in report.errors:
            assert str(problem)
        products = ledger.catalog.list_page(limit=1000)
        assert len(products) == ledger.catalog.count() <= report.imported
        for product in products:
            assert_valid_product(product, site)
            assert ledger.catalog.lookup_code(product.sku) == product
    finally:
        ledger.close()


def assert_valid_product(product: Product, site: Site) -> None:
    price = product.unit_price
    assert price.is_finite() and Decimal(0) < price <= site.max_amount
    assert has_valid_decimals(price, site)
    assert product.title.strip() and product.sku.strip()
    assert product.iva_rate in (0, 5, 19)


# == backups given as arbitrary files ==============================================================
@pytest.fixture(name="real_backup")
def real_backup_fixture(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("made")
    ledger = Ledger(folder / "ledger.sqlite3")
    ledger.close()
    made = backup.make_backup(folder / "ledger.sqlite3", folder, keep=5)
    return made.path.read_bytes()


def sqlite_with(tables: list[str], version: int) -> bytes:
    conn = sqlite3.connect(":memory:")
    for table in tables:
        conn.execute(f'CREATE TABLE "{table}" (x)')
    conn.execute(f"PRAGMA user_version = {version}")
    return conn.serialize()


@st.composite
def backup_files(draw: st.DrawFn, real: bytes) -> bytes:
    kind = draw(st.sampled_from(["random", "header", "tables", "cut", "flipped", "real"]))
    if kind == "random":
        return draw(st.binary(max_size=3000))
    if kind == "header":
        return b"SQLite format 3\x00" + draw(st.binary(max_size=3000))
    if kind == "tables":
        tables = draw(
            st.lists(st.sampled_from(["sales", "sale_events", "catalog", "x"]), unique=True)
        )
        return sqlite_with(tables, draw(st.integers(-5, 1000)))
    if kind == "cut":
        return real[: draw(st.integers(0, len(real)))]
    if kind == "flipped":
        data = bytearray(real)
        for _ in range(draw(st.integers(1, 20))):
            at = draw(st.integers(0, len(data) - 1))
            data[at] = draw(st.integers(0, 255))
        return bytes(data)
    return real


@FILES
@given(data=st.data())
@example(data=None)  # replaced below: a SQLite file with the two table names only
def test_any_file_given_as_a_backup_is_restored_whole_or_refused(
    data: st.DataObject | None, real_backup: bytes, tmp_path: Path
) -> None:
    if data is None:
        content = sqlite_with(["sales", "sale_events"], 0)  # was put in place; every command
    else:  # then failed ("no such table: ledger_identity", "table sales already exists")
        content = data.draw(backup_files(real_backup))
    ledger_path = paths.ledger_path()
    if not ledger_path.exists():
        Ledger(ledger_path).close()
    before = ledger_path.read_bytes()
    candidate = tmp_path / "candidate.sqlite3"
    candidate.write_bytes(content)
    try:
        done = backup.restore_backup(ledger_path, candidate)
    except UserFacingError as exc:
        assert str(exc.msg)
        assert ledger_path.read_bytes() == before  # nothing changed
        return
    assert done.restored_from == candidate
    ledger = Ledger(ledger_path, exclusive=False)  # what every command does next
    try:
        ledger.all_sales(limit=5)
        ledger.catalog.count()
    finally:
        ledger.close()
    for kept in done.kept_as:
        shutil.move(kept, tmp_path / kept.name)  # the folder stays small for the next example


@pytest.mark.parametrize(
    ("tables", "version"),
    [(["sales", "sale_events"], 0), (["sales", "sale_events"], 999), (["sales", "sale_events"], 5)],
)
def test_a_sqlite_file_that_only_looks_like_a_ledger_is_refused(
    tables: list[str], version: int, tmp_path: Path
) -> None:
    ledger_path = paths.ledger_path()
    Ledger(ledger_path).close()
    before = ledger_path.read_bytes()
    fake = tmp_path / "fake.sqlite3"
    fake.write_bytes(sqlite_with(tables, version))
    with pytest.raises(UserFacingError, match="not a sales ledger"):
        backup.restore_backup(ledger_path, fake)
    assert ledger_path.read_bytes() == before
    Ledger(ledger_path, exclusive=False).close()
