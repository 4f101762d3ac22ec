"""Free texts have a length limit (the review's 5,000-character reason and cashier): on the
command line, one character over each field's limit is refused with a message naming the field
and the limit (exit 2, no traceback, nothing written), exactly at the limit is accepted. A text
longer than a new limit that an older release already wrote still loads and shows whole."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.cli import main
from pos_app.domain import text_fields as tf
from pos_app.domain.day import MovementKind
from pos_app.domain.money import site_for
from pos_app.domain.pricing import Discount, DiscountKind, check_discount
from pos_app.domain.validation import ValidationError
from pos_app.ledger.store import Ledger
from pos_app.settings import config as config_mod
from pos_app.settings import forms, paths
from tests.thread_sandbox import ThreadSandbox, configured_fixture, sandbox_fixture  # noqa: F401


def refused(capsys: pytest.CaptureFixture[str], argv: list[str], *expected: str) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for text in expected:
        assert text in err, err
    return err


def over(field: tf.TextField) -> str:
    return f"{field.label}: at most {field.limit} characters, this one has {field.limit + 1}."


def day_rows(table: str) -> list[sqlite3.Row]:
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        return list(ledger._conn.execute(f"SELECT * FROM {table}"))
    finally:
        ledger.close()


# -- the helper -------------------------------------------------------------------------------------
def test_the_limit_counts_the_cleaned_text() -> None:
    field = tf.TextField("Reason", 5)
    assert tf.check_text(" a\tb\u200b c\n", field) == "a b c"
    assert tf.check_text("abcde", field) == "abcde"
    with pytest.raises(ValidationError, match=r"Reason: at most 5 characters, this one has 6\."):
        tf.check_text("abcdef", field)
    with pytest.raises(ValidationError, match="Reason: it cannot be empty"):
        tf.check_text("\u200b \x07", field)
    assert tf.check_text("", tf.TextField("Note", 5, required=False)) == ""


def test_multi_line_texts_keep_their_lines_clean_and_count_them() -> None:
    field = tf.TextField("Header", 13, required=False)
    assert tf.check_lines("Av. 1\r\n\n\x1b@CUIT\t2 \n", field) == "Av. 1\n@CUIT 2"
    assert tf.check_lines("abcde\nfghij\n", field) == "abcde\nfghij"  # 11 with the new line
    assert tf.check_lines("abcdef\nghijkl", field) == "abcdef\nghijkl"  # 13: at the limit
    with pytest.raises(ValidationError, match="at most 13 characters, this one has 14"):
        tf.check_lines("abcdef\n\nghijklm", field)


# -- the day book: cash movements and shifts ------------------------------------------------------
def test_cash_reason_over_its_limit_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    limit = tf.CASH_REASON.limit
    assert limit == 200
    refused(
        capsys, ["cash", "in", "5", "--reason", "x" * (limit + 1)], "--reason", over(tf.CASH_REASON)
    )
    refused(capsys, ["cash", "in", "5", "--reason", "x" * 5000], "this one has 5000")
    assert day_rows("cash_movements") == []
    assert main(["cash", "out", "5", "--reason", "é" * limit, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["reason"] == "é" * limit
    assert [row["reason"] for row in day_rows("cash_movements")] == ["é" * limit]


def test_cash_reason_loses_new_lines_and_control_characters(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["cash", "in", "5", "--reason", "change\nfor\x1b[31m the\u202e day", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["reason"] == "change for[31m the day"


def test_cashier_name_over_its_limit_or_empty_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    limit = tf.CASHIER_NAME.limit
    assert limit == 60
    shift = ["shift", "open", "--float", "100", "--cashier"]
    refused(capsys, [*shift, "A" * (limit + 1)], "--cashier", over(tf.CASHIER_NAME))
    refused(capsys, [*shift, "A" * 5000], "this one has 5000")
    # Before the limit, an empty (or invisible) name opened a shift for nobody.
    refused(capsys, [*shift, ""], "Cashier's name: it cannot be empty")
    refused(capsys, [*shift, "\u200b\u202e"], "Cashier's name: it cannot be empty")
    assert day_rows("shifts") == []
    assert main([*shift, "Ñ" * limit, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["cashier"] == "Ñ" * limit


def test_the_ledger_itself_refuses_what_the_windows_would_not_send() -> None:
    ledger = Ledger(paths.ledger_path())
    now = datetime.now(UTC)
    try:
        with pytest.raises(ValidationError, match="Reason for the cash movement: at most 200"):
            ledger.day.add_movement(MovementKind.IN, Decimal(5), "r" * 201, now=now)
        with pytest.raises(ValidationError, match="Cashier's name: at most 60"):
            ledger.day.open_shift("c" * 61, Decimal(0), now=now)
        assert ledger.day.add_movement(MovementKind.IN, Decimal(5), " r\n" * 3, now=now).reason == (
            "r r r"
        )
    finally:
        ledger.close()


def test_longer_texts_an_older_release_wrote_still_load_and_show(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ledger = Ledger(paths.ledger_path())
    stamp = datetime.now(UTC).isoformat(timespec="milliseconds")
    try:
        with ledger._conn:  # as release 1.x wrote them: no limit
            ledger._conn.execute(
                "INSERT INTO shifts (cashier, starting_float, opened_at) VALUES (?,?,?)",
                ("C" * 5000, "100", stamp),
            )
            ledger._conn.execute(
                "INSERT INTO cash_movements (kind, amount, reason, at) VALUES (?,?,?,?)",
                ("in", "5", "R" * 5000, stamp),
            )
        report = ledger.day.preview(site_for("MLA"), now=datetime.now(UTC))
        assert [s.cashier for s in report.shifts] == ["C" * 5000]
        assert [m.reason for m in report.movements] == ["R" * 5000]
    finally:
        ledger.close()
    assert main(["close", "--json"]) == 0
    assert "R" * 5000 in capsys.readouterr().out


# -- the catalog: Products window and CSV import share parse_row -------------------------------------
def test_catalog_import_refuses_each_text_one_over_its_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name, sku, code, cat = (
        tf.PRODUCT_NAME.limit,
        tf.PRODUCT_SKU.limit,
        tf.PRODUCT_BARCODE.limit,
        tf.PRODUCT_CATEGORY.limit,
    )
    assert (name, sku, code, cat) == (150, 64, 48, 60)
    csv_file = tmp_path / "limits.csv"
    csv_file.write_text(
        "sku,barcode,title,unit_price,category\n"
        f"{'S' * sku},{'1' * code},{'T' * name},10,{'c' * cat}\n"  # line 2: all at the limit
        f"{'S' * (sku + 1)},,Yerba,10,\n"
        f"B1,{'1' * (code + 1)},Yerba,10,\n"
        f"B2,,{'T' * (name + 1)},10,\n"
        f"B3,,Yerba,10,{'c' * (cat + 1)}\n",
        encoding="utf-8",
    )
    assert main(["catalog", "import", str(csv_file)]) == 0
    captured = capsys.readouterr()
    assert "imported 1 product" in captured.out
    err = captured.err
    assert f":3: sku: {over(tf.PRODUCT_SKU)}" in err
    assert f":4: barcode: {over(tf.PRODUCT_BARCODE)}" in err
    assert f":5: title: {over(tf.PRODUCT_NAME)}" in err  # refused, no longer cut at 150
    assert f":6: category: {over(tf.PRODUCT_CATEGORY)}" in err
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        product = ledger.catalog.get("S" * sku)
        assert product is not None
        assert (len(product.title), len(product.barcode), len(product.category)) == (
            name,
            code,
            cat,
        )
        assert ledger.catalog.count() == 1
    finally:
        ledger.close()


# -- a sale: --item titles and the discount's reason -------------------------------------------------
def test_charge_item_title_over_its_limit_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    limit = tf.ITEM_DESCRIPTION.limit
    refused(capsys, ["charge", "--item", "T" * (limit + 1) + ":1:10"], over(tf.ITEM_DESCRIPTION))


def test_charge_discount_reason_over_its_limit_is_refused(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    limit = tf.DISCOUNT_REASON.limit
    assert limit == 60
    refused(
        capsys,
        ["charge", "--item", "Pan:1:100", "--discount", "10%:" + "r" * (limit + 1)],
        "--discount",
        over(tf.DISCOUNT_REASON),
    )
    assert configured.state.orders_received == []


def test_charge_at_the_limits_is_sent_whole(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    title = "T" * tf.ITEM_DESCRIPTION.limit
    reason = "r" * tf.DISCOUNT_REASON.limit
    argv = ["charge", "--item", f"{title}:1:100", "--discount", f"10%:{reason}", "--json"]
    assert main(argv) == 0, capsys.readouterr().err
    sale = json.loads(capsys.readouterr().out)
    body = configured.state.bodies_for(sale["external_reference"])[0]
    assert body["items"][0]["title"] == title
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        stored = ledger.get_sale(sale["external_reference"])
        assert stored is not None and stored.sale_discount is not None
        assert stored.sale_discount.reason == reason and stored.lines[0].title == title
    finally:
        ledger.close()


def test_a_discount_reason_is_cleaned_to_one_line() -> None:
    site = site_for("MLA")
    discount = check_discount(
        Discount(DiscountKind.PERCENT, Decimal(10), "old\nstock\x1b"), site, on_line=False
    )
    assert discount.reason == "old stock"
    with pytest.raises(ValidationError, match="Reason for the discount: at most 60"):
        check_discount(Discount(DiscountKind.AMOUNT, Decimal(1), "r" * 61), site, on_line=True)


# -- settings: the order title and a new store's texts -----------------------------------------------
def test_configure_title_over_its_limit_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    limit = tf.ORDER_TITLE.limit
    refused(capsys, ["configure", "--title", "T" * (limit + 1)], "--title", over(tf.ORDER_TITLE))
    assert config_mod.load().config.order_title == ""  # not cut and saved, as before
    assert main(["configure", "--title", "T" * limit]) == 0
    assert config_mod.load().config.order_title == "T" * limit


STORE_FLAGS = {
    "--store-name": tf.STORE_NAME,
    "--street-name": tf.STREET_NAME,
    "--street-number": tf.STREET_NUMBER,
    "--city": tf.CITY_NAME,
    "--state": tf.STATE_NAME,
    "--box-name": tf.BOX_NAME,
}


def _create(**texts: str) -> list[str]:
    argv = ["configure", "--store", "SUC9", "--box", "CAJA9", "--create"]
    argv += ["--latitude", "-34.6", "--longitude", "-58.4"]
    for flag in STORE_FLAGS:
        argv += [flag, texts.get(flag, "Centro")]
    return argv


@pytest.mark.parametrize("flag", list(STORE_FLAGS))
def test_configure_create_refuses_a_store_text_over_its_limit(
    sandbox: ThreadSandbox, capsys: pytest.CaptureFixture[str], flag: str
) -> None:
    field = STORE_FLAGS[flag]
    refused(capsys, _create(**{flag: "x" * (field.limit + 1)}), over(field))
    assert config_mod.load().config.box_external_id == ""


def test_configure_create_takes_every_store_text_at_its_limit(
    sandbox: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    texts = {flag: "x" * field.limit for flag, field in STORE_FLAGS.items()}
    assert main([*_create(**texts), "--json"]) == 0, capsys.readouterr().err
    saved = config_mod.load().config
    assert saved.store_name == "x" * tf.STORE_NAME.limit
    assert saved.box_name == "x" * tf.BOX_NAME.limit


def test_a_store_typed_in_settings_is_checked_by_the_same_limits() -> None:
    draft = forms.StoreDraft(
        name="n" * 61,
        external_id="SUC1",
        street_name="s" * 81,
        street_number="1" * 21,
        city="c" * 60,
        state="p" * 61,
        latitude="-34.6",
        longitude="-58.4",
    )
    problems = {name: str(msg) for name, msg in draft.problems().items()}
    assert problems == {
        "name": over(tf.STORE_NAME),
        "street_name": over(tf.STREET_NAME),
        "street_number": over(tf.STREET_NUMBER),
        "state": over(tf.STATE_NAME),
    }
    assert str(forms.BoxDraft(name="b" * 45, external_id="C1").problems()["name"]) == over(
        tf.BOX_NAME
    )


# -- an empty sale reference --------------------------------------------------------------------------
@pytest.mark.parametrize("reference", ["", "   "])
def test_receipt_of_an_empty_reference_says_so_plainly(
    capsys: pytest.CaptureFixture[str], reference: str
) -> None:
    err = refused(capsys, ["receipt", reference], "The sale's reference is empty")
    assert "no sale  in" not in err and "reference ." not in err


def test_receipt_of_an_unknown_reference_names_it(capsys: pytest.CaptureFixture[str]) -> None:
    refused(capsys, ["receipt", "B01S9"], "There is no sale with reference B01S9.")


@pytest.mark.parametrize("zero", ["0", "0.00", " 0 "])
def test_a_shift_opens_with_an_empty_drawer_as_in_the_window(
    capsys: pytest.CaptureFixture[str], zero: str
) -> None:
    """The cash drawer window takes a zero starting float; the command said "The price must be
    greater than zero." Anything else below one cent is still refused."""
    assert main(["shift", "open", "--cashier", "Ana", "--float", zero, "--json"]) == 0
    opened = json.loads(capsys.readouterr().out)
    assert Decimal(opened["starting_float"]) == 0
    assert [Decimal(str(r["starting_float"])) for r in day_rows("shifts")] == [Decimal(0)]
    refused(capsys, ["shift", "open", "--cashier", "Ana", "--float", "-1"], "--float")
    refused(capsys, ["shift", "open", "--cashier", "Ana", "--float", "0.001"], "--float")
