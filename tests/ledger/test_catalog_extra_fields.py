"""A catalog line with more fields than its header is refused, never read in part.

A comma-separated catalog written by hand or by a program that does not quote: a Mexican
``TALADRO,Taladro,1,234.50`` or a Brazilian ``CAFE,Café,18,90`` has one field more than
``sku,title,unit_price``. Until 2026-12-02 the extra field was dropped without a word and the
price read from what was left: the drill imported at $ 1, the coffee at R$ 18,00 (and the
window's preview showed the same prices). Now the line is refused and says why; empty fields
after the last column (``a;b;c;;``, as spreadsheets write a sheet with a wider line) are no
extra fields.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.domain.money import site_for
from pos_app.ledger.store import Ledger


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    ledger = Ledger(tmp_path / "ledger.sqlite3")
    yield ledger
    ledger.close()


def _import(ledger: Ledger, tmp_path: Path, text: str, site_id: str) -> list[str]:
    path = tmp_path / "catalog.csv"
    path.write_text(text, encoding="utf-8")
    report = ledger.catalog.import_csv(path, site_for(site_id))
    return [f"{line}: {problem}" for line, problem in report.errors]


def test_an_unquoted_mexican_thousand_is_refused_not_imported_at_one_peso(
    ledger: Ledger, tmp_path: Path
) -> None:
    errors = _import(
        ledger,
        tmp_path,
        "sku,title,unit_price\nTALADRO,Taladro percutor,1,234.50\nFOCO,Foco LED,45.90\n",
        "MLM",
    )
    assert ledger.catalog.get("TALADRO") is None
    assert ledger.catalog.get("FOCO").unit_price == Decimal("45.90")  # type: ignore[union-attr]
    [problem] = errors
    assert problem.startswith("2: 4 fields where the header has 3")
    assert "quotes" in problem


def test_an_unquoted_brazilian_decimal_comma_is_refused_not_rounded_down(
    ledger: Ledger, tmp_path: Path
) -> None:
    errors = _import(
        ledger,
        tmp_path,
        "sku,barcode,title,unit_price,category\nCAFE,789100,Café Pilão,18,90,Mercearia\n",
        "MLB",
    )
    assert ledger.catalog.count() == 0
    assert len(errors) == 1 and "6 fields where the header has 5" in errors[0]


def test_empty_fields_after_the_last_column_are_no_extra_fields(
    ledger: Ledger, tmp_path: Path
) -> None:
    errors = _import(
        ledger,
        tmp_path,
        "sku;title;unit_price\nCAFE;Café;18,90;;\nPAO;Pão;0,75; \t\n",
        "MLB",
    )
    assert errors == []
    assert ledger.catalog.get("CAFE").unit_price == Decimal("18.90")  # type: ignore[union-attr]
    assert ledger.catalog.get("PAO").unit_price == Decimal("0.75")  # type: ignore[union-attr]


def test_the_command_line_says_the_line_and_imports_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pos_app.cli import main

    csv_file = tmp_path / "lista.csv"
    csv_file.write_text(
        "sku,title,unit_price\nTALADRO,Taladro,1,234.50\nFOCO,Foco,45.90\n", encoding="utf-8"
    )
    assert main(["catalog", "import", str(csv_file)]) == 0
    out, err = capsys.readouterr()
    assert "imported 1 products, 1 rows refused" in out
    assert "lista.csv:2: 4 fields where the header has 3" in err
