"""``pos-app charge`` with weights, scale labels and a sale discount (what the window does with
F7/F8 and the scale), checked against the sandbox's order."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.cli import main
from pos_app.cli.charge_lines import (
    ChargeInputError,
    check_sale_discount,
    read_sale_discount,
    sku_line,
)
from pos_app.cli.output import EXIT_USAGE
from pos_app.domain.cart import CartLine
from pos_app.domain.catalog import Product
from pos_app.domain.money import site_for
from pos_app.domain.pricing import Discount, DiscountKind, SaleUnit
from pos_app.domain.scale_label import ean13_check_digit, layouts_for
from pos_app.settings import config as config_mod
from pos_app.settings.supervisor import hash_pin
from tests.checkout.test_cli import cli_json
from tests.thread_sandbox import ThreadSandbox, configured_fixture, sandbox_fixture  # noqa: F401

ARS = site_for("MLA")
CHEESE = Product(
    sku="QUESO", title="Queso cremoso", unit_price=Decimal("9800"), sale_unit=SaleUnit.KG
)
YERBA = Product(sku="YER1", title="Yerba 1 kg", unit_price=Decimal("4890"), barcode="7790387000017")
CATALOG = {p.sku: p for p in (CHEESE, YERBA)} | {YERBA.barcode: YERBA, "123": CHEESE}
LAYOUTS = layouts_for("", "MLA")


def label(digits12: str) -> str:
    return digits12 + str(ean13_check_digit(digits12))


def line(spec: str):  # type: ignore[no-untyped-def]
    return sku_line(spec, ARS, CATALOG.get, LAYOUTS)


def test_a_product_sold_by_weight_takes_its_weight() -> None:
    cheese = line("QUESO:0.350")
    assert cheese.measure == Decimal("0.350") and cheese.total(ARS) == Decimal("3430.00")
    assert line("QUESO:0,5").measure == Decimal("0.5")
    with pytest.raises(ChargeInputError, match="sold by kg: give how much"):
        line("QUESO")
    with pytest.raises(ChargeInputError, match="at most 3 decimals"):
        line("QUESO:0.0001")
    with pytest.raises(ChargeInputError, match="between"):
        line("QUESO:0")
    assert line("YER1:3").quantity == 3
    with pytest.raises(ChargeInputError, match="quantity"):
        line("YER1:0.5")  # a unit product is counted, not weighed


def test_a_scale_label_charges_what_it_says() -> None:
    weighed = line(label("200012301250"))  # PLU 00123, 1.250 kg
    assert weighed.sku == "QUESO" and weighed.measure == Decimal("1.250")
    with pytest.raises(ChargeInputError, match="check digit"):
        line("2000123012509" if label("200012301250")[-1] != "9" else "2000123012508")
    with pytest.raises(ChargeInputError, match="not in the catalog"):
        line(label("200099901250"))


def test_a_sale_discount_is_read_and_limited() -> None:
    ten = read_sale_discount("10%:Jubilados", ARS)
    assert ten.kind is DiscountKind.PERCENT and ten.value == 10 and ten.reason == "Jubilados"
    assert read_sale_discount("500", ARS).kind is DiscountKind.AMOUNT
    for bad in ("abc", "10 %%", "1e3", "-5", "150%", "0.001"):
        with pytest.raises(ChargeInputError):
            read_sale_discount(bad, ARS)
    lines = [line("YER1:2")]  # 9780
    check_sale_discount(ten, lines, ARS, limit=20, pin_hash="")
    big = read_sale_discount("30%", ARS)
    with pytest.raises(ChargeInputError, match="no supervisor PIN"):
        check_sale_discount(big, lines, ARS, limit=20, pin_hash="")
    pin = hash_pin("4321", iterations=1000)
    with pytest.raises(ChargeInputError, match="asked on a terminal"):
        check_sale_discount(big, lines, ARS, limit=20, pin_hash=pin, ask_pin=lambda: None)
    with pytest.raises(ChargeInputError, match="wrong supervisor PIN"):
        check_sale_discount(big, lines, ARS, limit=20, pin_hash=pin, ask_pin=lambda: "1111")
    check_sale_discount(big, lines, ARS, limit=20, pin_hash=pin, ask_pin=lambda: "4321")
    with pytest.raises(ChargeInputError, match="nothing to charge"):
        check_sale_discount(read_sale_discount("9780", ARS), lines, ARS, limit=100, pin_hash="")


def test_charge_with_a_weight_a_label_and_a_discount_sends_the_right_order(
    configured: ThreadSandbox,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    csv = tmp_path / "catalog.csv"
    csv.write_text(
        "sku,barcode,title,unit_price,category,unit_measure,iva_rate\n"
        "QUESO,,Queso cremoso,9800,,kg,0\n123,,Salame,12000,,kg,0\n"
        "YER1,7790387000017,Yerba 1 kg,4890,,unit,0\n",
        encoding="utf-8",
    )
    assert main(["catalog", "import", str(csv)]) == 0
    capsys.readouterr()
    argv = ["charge", "--sku", "QUESO:0.350", "--sku", label("200012300500")]
    code, sale = cli_json(capsys, *argv, "--sku", "7790387000017:2", "--discount", "10%", "--json")
    assert code == 0, sale
    # 3430 (0.350 kg of cheese) + 6000 (0.500 kg of salame, PLU 123) + 9780 = 19210, -10 %
    assert Decimal(sale["total_amount"]) == Decimal("17289.00")
    order = configured.control("GET", "/_sandbox/boxes/CAJA01")["order"]
    assert Decimal(str(order["total_amount"])) == Decimal("17289.00")
    # Refused before anything is sent: a weighed product without its weight
    code = main(["charge", "--sku", "QUESO"])
    assert code == EXIT_USAGE and "sold by kg" in capsys.readouterr().err


def test_an_empty_catalog_still_says_how_to_import(
    configured: ThreadSandbox,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config_mod.load()
    assert main(["charge", "--sku", "QUESO:0.350"]) == EXIT_USAGE
    assert "catalog is empty" in capsys.readouterr().err


def test_twenty_percent_of_999_pesos_is_within_a_twenty_percent_limit() -> None:
    """20 % of $ 999 takes $ 200 in pesos (20.02 %): --discount 20% asked for the PIN of a
    20 % limit (and refused it with none set); $ 201 off is above it."""
    clp = site_for("MLC")
    line = CartLine(sku="", title="Empanada", unit_price=Decimal(999), quantity=1)
    twenty = Discount(DiscountKind.PERCENT, Decimal(20))
    check_sale_discount(twenty, [line], clp, limit=20, pin_hash="")  # no PIN set: not asked
    with pytest.raises(ChargeInputError, match="above the limit"):
        check_sale_discount(
            Discount(DiscountKind.AMOUNT, Decimal(201)), [line], clp, limit=20, pin_hash=""
        )


def test_an_in_store_code_in_the_catalog_is_its_product_not_a_label() -> None:
    """``--sku 2000123000005``: a shop's own EAN-13 (prefix 20) registered as a product's
    barcode was read as a label of PLU 00123 (the cheese) saying 0 and refused."""
    cake = Product("TORTA", "Torta", Decimal(2500), barcode=label("200012300000"))
    catalog = CATALOG | {cake.barcode: cake}
    found = sku_line(cake.barcode, ARS, catalog.get, LAYOUTS)
    assert (found.title, found.quantity, found.measure) == ("Torta", 1, None)
    # A label of the cheese not registered as anyone's barcode is still a label.
    assert sku_line(label("200012300350"), ARS, catalog.get, LAYOUTS).measure == Decimal("0.350")
