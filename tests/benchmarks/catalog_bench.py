"""Child process: search-as-you-type and barcode lookup over a catalog of 100,000 products.

The products are generated (brand x product x variety x size, Spanish names with accents,
EAN-13 barcodes starting 779, the Argentine prefix), written as a CSV and imported through
``CatalogRepository.import_csv`` into a real ledger, like a shop's catalog. Then:

- **keystroke, catalog**: ``catalog.search(text, 20)`` for every prefix of length >= 2 of what a
  cashier types (the window searches from two characters on), exactly the call the window makes;
- **keystroke, widget**: the same prefixes typed into the real scan field (``QTest.keyClicks``),
  timing the search the field's debounce timer fires (``ProductSearch._run_search``: query, model
  reset, list placed and shown);
- **lookup**: ``catalog.lookup_code`` for a scanned barcode, a typed SKU, and an unknown code
  (Enter on a code that is not there).

``python -m tests.benchmarks.catalog_bench [--products N] [--repeats R]``; prints a
``BENCH-RESULT`` JSON line.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse
import csv
import random
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.common import fresh_home, report

TYPED = [
    "yerba mate",
    "coca cola",
    "leche entera",
    "dulce de leche",
    "azucar",
    "galletitas",
    "alfajor havanna",
    "fideos",
    "taragui",  # a brand: inside the names, not at their start
]
BRANDS = [
    "Taragüí", "Playadito", "La Serenísima", "Coca-Cola", "Arcor", "Bagley", "Terrabusi",
    "Matarazzo", "Ledesma", "Cañuelas", "Molinos", "Sancor", "Quilmes", "Rosamonte", "Havanna",
    "Don Satur", "Marolio", "Knorr", "Natura", "Ilolay",
]  # fmt: skip
PRODUCTS = [
    "Yerba mate", "Leche entera", "Leche descremada", "Azúcar", "Galletitas", "Alfajor",
    "Fideos", "Arroz", "Aceite", "Gaseosa", "Coca Cola", "Cerveza", "Agua mineral", "Harina",
    "Dulce de leche", "Queso", "Manteca", "Yogur", "Café", "Té", "Mermelada", "Jabón",
    "Detergente", "Papel higiénico", "Galletas de arroz", "Mayonesa", "Puré de tomate",
]  # fmt: skip
VARIETIES = [
    "", "clásica", "suave", "intensa", "sin TACC", "light", "con palo", "premium", "original",
    "de campo", "familiar", "integral", "limón", "naranja", "chocolate", "vainilla",
]  # fmt: skip
SIZES = ["250 g", "500 g", "1 kg", "2 kg", "1 l", "1,5 l", "2,25 l", "3 u", "6 u", "12 u", "354 ml"]


def ean13(body: str) -> str:
    digits = [int(d) for d in body]
    check = (10 - sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10) % 10
    return body + str(check)


def write_catalog(path: Path, count: int, rng: random.Random) -> list[tuple[str, str]]:
    """A CSV of ``count`` products; returns some (barcode, sku) pairs to look up."""
    picks: list[tuple[str, str]] = []
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["sku", "barcode", "title", "unit_price", "category"])
        for n in range(count):
            title = " ".join(
                part
                for part in (
                    rng.choice(PRODUCTS),
                    rng.choice(BRANDS),
                    rng.choice(VARIETIES),
                    rng.choice(SIZES),
                )
                if part
            )
            sku = f"P{n:06d}"
            barcode = ean13(f"779{n:09d}")
            price = f"{rng.randint(100, 200_000) / 100:.2f}"
            writer.writerow([sku, barcode, title, price, "FOOD"])
            if n % (count // 50 or 1) == 0:
                picks.append((barcode, sku))
    return picks


def prefixes(words: list[str]) -> list[str]:
    return [word[:n] for word in words for n in range(2, len(word) + 1)]


def timed(call: Any, *args: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = call(*args)
    return time.perf_counter() - started, result


def measure(products: int, repeats: int) -> dict[str, Any]:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from pos_app.domain.money import site_for
    from pos_app.ledger.store import Ledger
    from pos_app.settings import paths
    from pos_app.ui.counter.product_search import MAX_RESULTS, ProductSearch
    from pos_app.ui.counter.scan_field import ScanField

    rng = random.Random(8)
    site = site_for("MLA")
    result: dict[str, Any] = {"products": products, "repeats": repeats, "typed": []}
    with fresh_home() as home:
        csv_path = home / "catalog.csv"
        picks = write_catalog(csv_path, products, rng)
        ledger = Ledger(paths.ledger_path())
        try:
            seconds, imported = timed(ledger.catalog.import_csv, csv_path, site)
            assert not imported.errors and ledger.catalog.count() == products
            result["import_s"] = seconds
            typed = prefixes(TYPED) + prefixes([picks[7][0]])  # and a barcode, digit by digit
            result["typed"] = [*TYPED, picks[7][0]]
            search = ledger.catalog.search
            keystrokes: list[float] = []
            for _ in range(repeats):
                for text in typed:
                    seconds, _found = timed(search, text, MAX_RESULTS)
                    keystrokes.append(seconds)
            result["keystroke_catalog_s"] = keystrokes
            result["keystrokes"] = len(typed)
            slowest = max(typed, key=lambda t: timed(search, t, MAX_RESULTS)[0])
            result["slowest_text"] = slowest

            lookups: dict[str, list[float]] = {"barcode": [], "sku": [], "unknown": []}
            for _ in range(repeats):
                for barcode, sku in picks:
                    seconds, found = timed(ledger.catalog.lookup_code, barcode)
                    assert found is not None and found.barcode == barcode
                    lookups["barcode"].append(seconds)
                    seconds, found = timed(ledger.catalog.lookup_code, sku)
                    assert found is not None and found.sku == sku
                    lookups["sku"].append(seconds)
                    seconds, found = timed(ledger.catalog.lookup_code, barcode[:-1] + "x")
                    assert found is None
                    lookups["unknown"].append(seconds)
            result["lookup_s"] = lookups

            app = QApplication.instance() or QApplication(["catalog-bench"])
            window = QWidget()
            window.resize(1024, 768)
            field = ScanField(window)
            field.setGeometry(10, 10, 600, 40)
            product_search = ProductSearch(
                field,
                window,
                site,
                search=lambda text, limit: ledger.catalog.search(text, limit),
                lookup=ledger.catalog.lookup_code,
            )
            window.show()
            app.processEvents()
            widget: list[float] = []
            for _ in range(repeats):
                for word in [*TYPED, picks[7][0]]:
                    field.clear()
                    field.setFocus()
                    for n, char in enumerate(word, start=1):
                        QTest.keyClicks(field, char)
                        if n < 2:
                            continue
                        seconds, _found = timed(product_search._run_search)
                        app.processEvents()  # the list's layout and paint, as the loop would
                        widget.append(seconds)
                    product_search.close()
            result["keystroke_widget_s"] = widget
            window.close()
        finally:
            ledger.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    report(measure(args.products, args.repeats))


if __name__ == "__main__":
    main()
