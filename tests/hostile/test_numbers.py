"""Hostile numbers (issue 16, item 5): whatever is typed, passed or imported as a price or a
quantity either reads as a finite amount within the currency's bounds or is refused with the
domain's user-facing error — never ``decimal.InvalidOperation`` or another traceback."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pos_app.cli import main
from pos_app.domain.cart import Cart, CartLine
from pos_app.domain.money import SITES, Site, has_valid_decimals, parse_money, site_for
from pos_app.domain.validation import (
    ValidationError,
    check_chargeable,
    check_unit_price,
    read_amount,
    read_iva_rate,
    read_plain_amount,
    read_quantity,
)
from pos_app.ledger.store import Ledger
from pos_app.settings import config as config_mod
from pos_app.settings import forms, paths

MLA, MCO = site_for("MLA"), site_for("MCO")

HOSTILE = [
    "1e309",
    "1e26",
    "1E+3",
    "1e-3",
    "sNaN",
    "NaN",
    "-NaN",
    "Infinity",
    "-Infinity",
    "inf",
    "-0",
    "0",
    "-5",
    "+5",
    "1_000",
    "١٢٣",  # Arabic-Indic digits: Decimal("١٢٣") == 123
    "۱۲۳",  # extended Arabic-Indic
    "१२३",  # Devanagari
    "１２３",  # full-width
    "1 000",
    "12 .5",
    "1\u200b0",
    "9" * 30,
    "9" * 5000,
    "0." + "0" * 5000 + "1",
    "1." + "9" * 40,
    "",
    "   ",
    ".",
    "1.",
    ".5",
    "0x10",
    "1,000.50",
]

# Strings that look like numbers, so the property tests reach the parsers' hard cases.
NUMBERISH = st.one_of(
    st.sampled_from(HOSTILE),
    st.from_regex(r"\A[-+ ]?[0-9]{0,40}([.,][0-9]{0,40})?([eE][-+]?[0-9]{1,4})?\Z"),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.text(alphabet="0123456789.,eE+-_ \u00a0$٠١٢٣٤٥٦٧٨٩NaInfsy", max_size=30),
    st.text(max_size=40),
)


def assert_in_bounds(amount: Decimal, site: Site) -> None:
    assert isinstance(amount, Decimal) and amount.is_finite()
    assert Decimal(0) < amount <= site.max_amount
    assert has_valid_decimals(amount, site)


def assert_reads_or_refuses(read: Callable[[], Decimal], site: Site) -> None:
    try:
        amount = read()
    except ValidationError as exc:
        assert str(exc.msg) and exc.msg.context == "Validation"
        return
    assert_in_bounds(amount, site)


# == the readers, for any string ==================================================================
@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(SITES)), NUMBERISH, st.booleans())
@example("MLA", "1e26", False)
@example("MLA", "9" * 30, True)
def test_machine_amounts_parse_in_bounds_or_are_refused(
    site_id: str, text: str, comma: bool
) -> None:
    site = site_for(site_id)
    assert_reads_or_refuses(lambda: read_plain_amount(text, site, decimal_comma=comma), site)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(SITES)), NUMBERISH)
@example("MLA", "9" * 30)
@example("MLA", "999.999.999.999.999.999.999.999.999,99")
@example("MLA", "1 5")
def test_typed_amounts_parse_in_bounds_or_are_refused(site_id: str, text: str) -> None:
    """The Settings and custom-amount fields (MoneyEdit) read through ``read_amount``."""
    site = site_for(site_id)
    assert_reads_or_refuses(lambda: read_amount(text, site), site)


@settings(max_examples=300, deadline=None)
@given(NUMBERISH)
@example("1_000")
@example("١")
def test_quantities_and_iva_rates_parse_in_bounds_or_are_refused(text: str) -> None:
    try:
        quantity = read_quantity(text)
    except ValidationError:
        pass
    else:
        assert type(quantity) is int and 1 <= quantity <= 9999
        assert text.strip().isascii() and text.strip().isdigit()
    try:
        rate = read_iva_rate(text)
    except ValidationError:
        pass
    else:
        assert rate in (0, 5, 19)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(SITES)), st.decimals(allow_nan=True, allow_infinity=True))
@example("MLA", Decimal("1e26"))
@example("MLA", Decimal("sNaN"))
@example("MCO", Decimal("9" * 40))
def test_any_decimal_price_is_checked_without_crashing(site_id: str, price: Decimal) -> None:
    site = site_for(site_id)
    assert_reads_or_refuses(lambda: check_unit_price(price, site), site)


# == the reasons ==================================================================================
@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_strings_are_not_money_in_a_price_field(text: str) -> None:
    with pytest.raises(ValidationError):
        read_plain_amount(text, MLA)


@pytest.mark.parametrize("text", ["1_000", "١٢٣", "1E+3", "+5", "1 0", "0", "10000", "-1", "sNaN"])
def test_hostile_quantities_are_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="quantity"):
        read_quantity(text)


def test_prices_above_the_currencys_ceiling_say_so() -> None:
    with pytest.raises(ValidationError) as caught:
        read_plain_amount("10000000000", MLA)
    assert "largest amount this till accepts is $ 1.000.000.000,00" in str(caught.value)
    with pytest.raises(ValidationError, match="largest amount"):
        check_unit_price(Decimal("1e26"), MLA)
    with pytest.raises(ValidationError, match="largest amount"):
        read_amount("99.999.999.999", MLA)
    assert read_plain_amount("1000000000", MLA) == Decimal(1_000_000_000)
    assert read_plain_amount("1725,25", MLA, decimal_comma=True) == Decimal("1725.25")
    with pytest.raises(ValidationError, match="no decimals"):
        read_plain_amount("1000.5", MCO)


def test_a_refused_spreadsheet_amount_says_the_comma_is_taken_too() -> None:
    """The catalog CSV reads a decimal comma (as the region's spreadsheets save): its refusal
    must not say "write digits with a dot" only (a Brazilian would think 18,90 is wrong)."""
    with pytest.raises(ValidationError) as caught:
        read_plain_amount("18,9,0", site_for("MLB"), decimal_comma=True)
    assert "with a dot or a comma" in str(caught.value) and "1234,50" in str(caught.value)
    with pytest.raises(ValidationError) as caught:  # the command line reads dots only
        read_plain_amount("18,90", site_for("MLB"))
    assert "with a dot for the decimals" in str(caught.value)
    with pytest.raises(ValidationError) as caught:  # pesos have no decimals to write
        read_plain_amount("1.2.3", MCO, decimal_comma=True)
    assert "like 1235" in str(caught.value)


def test_spaces_inside_a_typed_amount_only_as_a_regular_grouping() -> None:
    assert parse_money("1 234,50", MLA) == Decimal("1234.50")
    assert parse_money("$ 1 234 567", MLA) == Decimal(1234567)
    for text in ("1 5", "12 34", "1 2345", "1 234 ,50", "1\t2"):
        assert parse_money(text, MLA) is None, text


def test_a_damaged_maximum_neither_crashes_nor_lifts_the_ceiling() -> None:
    cart = Cart(MLA)
    cart.add(CartLine(sku="", title="Heladera", unit_price=Decimal(900_000_000), quantity=2))
    for limit in (Decimal("sNaN"), Decimal("NaN"), Decimal("Infinity"), Decimal("1e26")):
        with pytest.raises(ValidationError, match="above this till's limit"):
            check_chargeable(cart.total(), len(cart), MLA, limit)


def test_settings_money_field_refuses_huge_amounts() -> None:
    field = forms.parse_max_total("9" * 30, MLA)
    assert field.value == "" and field.problem is not None
    assert "largest amount" in str(field.problem)


# == the entry points: a clear message and exit 2, never a traceback ==============================
@pytest.mark.parametrize(
    ("item", "words"),
    [
        ("Yerba:1:1e309", "is not an amount"),
        ("Yerba:1:1e26", "is not an amount"),
        ("Yerba:1:sNaN", "is not an amount"),
        ("Yerba:1:Infinity", "is not an amount"),
        ("Yerba:1:-0", "is not an amount"),
        ("Yerba:1:1_000", "is not an amount"),
        ("Yerba:1:١٢٣", "is not an amount"),
        ("Yerba:1:" + "9" * 5000, "is not an amount"),
        ("Yerba:1:99999999999", "largest amount"),
        ("Yerba:1_000:10", "whole number"),
        ("Yerba:١:10", "whole number"),
        ("Yerba:+1:10", "whole number"),
        ("Yerba:1:10:sNaN%", "0%, 5% or 19%"),
        ("Yerba:1:10:1e309%", "0%, 5% or 19%"),
    ],
)
def test_charge_item_refuses_hostile_numbers(
    item: str, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["charge", "--item", item]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert len(err) < 400  # a 5000-digit argument is not echoed whole


@pytest.mark.parametrize("qty", ["1_000", "١٢", "1e3", "9" * 5000, "0", "-1"])
def test_charge_sku_refuses_hostile_quantities(
    qty: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config_mod.save(
        config_mod.Config(user_id=1, store_external_id="SUC001", box_external_id="CAJA01")
    )
    monkeypatch.setenv("MP_ACCESS_TOKEN", "APP_USR-1-unused")
    monkeypatch.setenv("MP_API_BASE_URL", "http://127.0.0.1:9")  # never reached
    assert main(["charge", "--sku", f"YER1:{qty}"]) == 2
    err = capsys.readouterr().err
    assert "quantity" in err and "Traceback" not in err


@pytest.mark.parametrize("value", ["1e309", "1e26", "sNaN", "Infinity", "-0", "1_000", "١٢٣"])
def test_configure_max_total_refuses_hostile_numbers(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["configure", "--max-total", value]) == 2
    assert "--max-total" in capsys.readouterr().err
    assert config_mod.load().config.max_total == ""


def test_catalog_csv_hostile_prices_are_reported_and_the_rest_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [f"H{i},,Hostile {i},{price},,unit,0" for i, price in enumerate(HOSTILE)]
    rows += ["GOOD,,Yerba,1725.25,,unit,0", "IVA1,,Gaseosa,100,,unit,sNaN"]
    csv_file = tmp_path / "hostile.csv"
    csv_file.write_text(
        "sku,barcode,title,unit_price,category,unit_measure,iva_rate\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    assert main(["catalog", "import", str(csv_file)]) == 0
    captured = capsys.readouterr()
    assert "imported 1 products" in captured.out
    assert "Traceback" not in captured.err
    assert f":{len(HOSTILE) + 3}: iva_rate 'sNaN' must be 0, 5 or 19" in captured.err
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        assert ledger.catalog.count() == 1
        product = ledger.catalog.lookup_code("GOOD")
        assert product is not None and product.unit_price == Decimal("1725.25")
    finally:
        ledger.close()


@pytest.mark.parametrize("site_id", ["MLA", "MLC"])
def test_zero_is_an_amount_only_where_asked(site_id: str) -> None:
    """A drawer's starting float and the cash counted at the close may be zero (the windows
    refused them as "not greater than zero"); a charge, a price or a cash movement may not."""
    site = site_for(site_id)
    with pytest.raises(ValidationError, match="greater than zero"):
        read_amount("0", site)
    assert read_amount("0", site, zero_ok=True) == 0
    assert read_amount("$ 0", site, zero_ok=True) == 0
    for text in ("-0", "-1", "NaN", "0,001", "", "1e309"):
        with pytest.raises(ValidationError):
            read_amount(text, site, zero_ok=True)
    if not site.decimals:
        with pytest.raises(ValidationError, match="no decimals"):
            read_amount("0,00", site, zero_ok=True)


def test_the_ledger_refuses_a_negative_or_endless_starting_float() -> None:
    from datetime import UTC, datetime

    ledger = Ledger(paths.ledger_path())
    try:
        for bad in (Decimal(-1), Decimal("NaN"), Decimal("Infinity")):
            with pytest.raises(ValueError, match="starting float"):
                ledger.day.open_shift("Ana", bad, now=datetime.now(UTC))
        assert ledger.day.open_shift("Ana", Decimal(0), now=datetime.now(UTC)).starting_float == 0
    finally:
        ledger.close()


# == decimals as written, not only as valued =======================================================
@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(sorted(SITES)),
    st.integers(min_value=1, max_value=999_999),
    st.text(alphabet="0123456789", max_size=4),
    st.booleans(),
)
@example("MLC", 1, "000", False)  # a Chilean thousand: was read as one peso
@example("MCO", 12, "000", True)
@example("MLA", 1, "000", False)  # an Argentine thousand: was one peso
@example("MLM", 1, "500", True)  # "1,500" in a Mexican catalog: fifteen hundred, was 1.50
def test_a_machine_amount_is_never_read_with_decimals_the_currency_lacks(
    site_id: str, integer: int, fraction: str, comma: bool
) -> None:
    """``1.000`` is a thousand as Chileans, Colombians and Argentines write it: a reader that
    compares values alone (``Decimal("1.000") == 1``) charged, refunded or counted one peso.
    Whatever is accepted was written with at most the currency's decimals, and is its value."""
    site = site_for(site_id)
    text = f"{integer}{',' if comma else '.'}{fraction}" if fraction else str(integer)
    try:
        amount = read_plain_amount(text, site, decimal_comma=True)
    except ValidationError as exc:
        assert len(fraction) > site.decimals or Decimal(text.replace(",", ".")) > site.max_amount
        assert "decimals" in str(exc.msg) or "largest amount" in str(exc.msg)
        return
    assert len(fraction) <= site.decimals
    assert amount == Decimal(text.replace(",", "."))


@pytest.mark.parametrize(
    "argv",
    [
        ["cash", "in", "1.000", "--reason", "cambio"],
        ["cash", "out", "1.000", "--reason", "proveedor"],
        ["shift", "open", "--cashier", "Ana", "--float", "1.000"],
        ["close", "--counted-cash", "1.000"],
        ["refund", "SALE", "--amount", "1.000"],
        ["charge", "--item", "Empanada:1:1.000"],
        ["charge", "--item", "Empanada:1:5000", "--discount", "1.000"],
        ["configure", "--max-total", "1.000"],
    ],
)
def test_a_chilean_thousand_on_the_command_line_is_refused_not_one_peso(
    argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every amount option in Chilean pesos refuses ``1.000`` (exit 2, nothing written): it was
    taken as $ 1 (a cash movement of one peso, a refund of one peso, a float of one peso)."""
    config_mod.save(
        config_mod.Config(
            user_id=1, store_external_id="SUC001", box_external_id="CAJA01", site_id="MLC"
        )
    )
    monkeypatch.setenv("MP_ACCESS_TOKEN", "APP_USR-1-unused")
    monkeypatch.setenv("MP_API_BASE_URL", "http://127.0.0.1:9")  # never reached
    if "SALE" in argv:  # a paid Chilean sale to refund
        from datetime import UTC, datetime

        from tests.ledger_sales import record_sale

        ledger = Ledger(paths.ledger_path())
        try:
            line = CartLine(sku="", title="Empanada", unit_price=Decimal(5000), quantity=1)
            sale = record_sale(ledger, [line], at=datetime.now(UTC), site=site_for("MLC"))
        finally:
            ledger.close()
        argv = [sale.external_reference if a == "SALE" else a for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "decimals" in err and "Traceback" not in err
    assert config_mod.load().config.max_total == ""
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        # no shift, movement or close written (the day book's start is written on opening)
        assert [kind for _at, kind, _id, _d in ledger.day.events()] in ([], ["day_book_started"])
    finally:
        ledger.close()
