"""Fuzzing the Qt-free readers of what a person or a file provides (besides the amounts, which
tests/hostile/test_numbers.py covers): each one either gives a valid value or refuses with its
documented error, carrying a message — never another exception, never a negative or non-finite
``Decimal``, never a value beyond the site's limits."""

from __future__ import annotations

import json
import math
import unicodedata
from datetime import UTC, date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pos_app.cli.charge_lines import ChargeInputError, read_sale_discount, sku_line
from pos_app.cli.commands import parse_item
from pos_app.cli.dispatch import UsageError
from pos_app.domain.catalog import Product
from pos_app.domain.day import day_bounds, parse_day
from pos_app.domain.money import SITES, has_valid_decimals, site_for
from pos_app.domain.pricing import (
    MAX_MEASURE,
    Discount,
    DiscountKind,
    SaleUnit,
    check_discount,
    check_measure,
    parse_measure,
)
from pos_app.domain.reference import is_valid_reference
from pos_app.domain.scale_label import ScaleLabelError, read_scale_label
from pos_app.domain.scale_layouts import PRESETS, layouts_problem, read_layout
from pos_app.domain.text_fields import TextField, check_lines, check_text
from pos_app.domain.validation import ValidationError
from pos_app.i18n import Message
from pos_app.mercadopago.models import Store
from pos_app.receipts.printers import parse_printer, printer_problem
from pos_app.settings import forms, rules, supervisor
from pos_app.settings.setup import (
    box_id_problem,
    parse_listen,
    store_id_problem,
    validate_listen,
    validate_notify_url,
)
from pos_app.store.address import StoreAddressError, split_password

FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SITE_IDS = sorted(SITES)

# Text shaped like what each field expects, plus anything at all: the parsers' hard cases are
# near the valid shapes.
ANY = st.text(max_size=60)
HUGE = st.sampled_from(["x" * 10_000, "9" * 10_000, ":" * 5_000, "\x00" * 100, " " * 10_000])
NUMBERISH = st.one_of(
    st.from_regex(r"\A[-+ ]?[0-9]{0,20}([.,][0-9]{0,12})?([eE][-+]?[0-9]{1,4})?\Z"),
    st.sampled_from(["NaN", "sNaN", "Infinity", "-0", "1e309", "١٢", "１２", "0x10", "1_0"]),
)


def message_of(exc: BaseException) -> Message | str:
    msg = getattr(exc, "msg", None)
    if msg is None and exc.args:
        msg = exc.args[0]
    assert msg and str(msg), f"{type(exc).__name__} without a message"
    return msg  # type: ignore[no-any-return]


# == weights and measures ==========================================================================
@FAST
@given(st.sampled_from(SITE_IDS), st.one_of(NUMBERISH, ANY, HUGE), st.sampled_from(list(SaleUnit)))
@example("MLA", "0,0005", SaleUnit.KG)
@example("MLA", "99999", SaleUnit.KG)
def test_a_typed_measure_is_a_valid_one_or_refused(site_id: str, text: str, unit: SaleUnit) -> None:
    measure = parse_measure(f"{text} {unit.value}" if unit.is_measured else text, site_for(site_id))
    if measure is None:
        return
    assert isinstance(measure, Decimal) and measure.is_finite() and measure >= 0
    try:
        checked = check_measure(measure)
    except ValidationError as exc:
        message_of(exc)
        return
    assert Decimal(0) < checked <= MAX_MEASURE


# == discounts =====================================================================================
@FAST
@given(
    st.sampled_from(SITE_IDS),
    st.one_of(NUMBERISH, ANY, HUGE),
    st.sampled_from(["", "%", " %"]),
    st.one_of(st.just(""), ANY.map(lambda r: ":" + r)),
)
@example("MLA", "0.001", "%", "")
@example("MCO", "10.5", "", "")
@example("MLA", "1e3", "%", ":x")
def test_a_sale_discount_reads_within_bounds_or_is_refused(
    site_id: str, number: str, percent: str, reason: str
) -> None:
    site = site_for(site_id)
    try:
        discount = check_discount(
            read_sale_discount(number + percent + reason, site), site, on_line=False
        )
    except (ChargeInputError, ValidationError) as exc:
        message_of(exc)
        return
    value = discount.value
    assert value.is_finite() and value > 0
    if discount.kind is DiscountKind.PERCENT:
        assert value <= 100
    else:
        assert value <= site.max_amount and has_valid_decimals(value, site)
    assert len(discount.reason) <= 60 and "\n" not in discount.reason


@FAST
@given(
    st.sampled_from(SITE_IDS),
    st.sampled_from(list(DiscountKind)),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.one_of(ANY, HUGE),
)
def test_any_decimal_discount_on_a_line_is_checked(
    site_id: str, kind: DiscountKind, value: Decimal, reason: str
) -> None:
    site = site_for(site_id)
    try:
        checked = check_discount(Discount(kind, value, reason), site, on_line=True)
    except ValidationError as exc:
        message_of(exc)
        return
    assert checked.value.is_finite() and checked.value > 0


# == --item and --sku ==============================================================================
ITEM_PART = st.one_of(NUMBERISH, ANY, st.sampled_from(["", " ", "%", "19%", "5 %", "nan%"]))


@FAST
@given(st.sampled_from(SITE_IDS), st.lists(ITEM_PART, min_size=1, max_size=5))
@example("MCO", ["Café", "1", "1000", "19%"])
@example("MLA", ["x" * 10_000, "1", "1"])
def test_an_item_argument_is_a_valid_line_or_refused(site_id: str, parts: list[str]) -> None:
    site = site_for(site_id)
    try:
        line = parse_item(":".join(parts), site)
    except (UsageError, ValidationError) as exc:
        message_of(exc)
        return
    assert 1 <= line.quantity <= 9999
    assert line.unit_price.is_finite() and 0 < line.unit_price <= site.max_amount
    assert has_valid_decimals(line.unit_price, site)
    assert line.title and len(line.title) <= 200


YERBA = Product("YER1", "Yerba", Decimal("100"), barcode="7790000000001")
QUESO = Product("QUE1", "Queso", Decimal("12000"), sale_unit=SaleUnit.KG)
CATALOG = {p.sku: p for p in (YERBA, QUESO)} | {"00123": QUESO, "123": QUESO}


@FAST
@given(
    st.sampled_from(SITE_IDS),
    st.one_of(
        st.sampled_from(["YER1", "QUE1", "7790000000001", ""]),
        st.from_regex(r"\A2[0-9]{12}\Z"),
        ANY,
    ),
    st.one_of(st.just(""), st.one_of(NUMBERISH, ANY, HUGE).map(lambda q: ":" + q)),
)
@example("MLA", "2000123003506", "")  # a weight label of product 00123
@example("MLA", "QUE1", ":0,0004")
def test_a_sku_argument_is_a_valid_line_or_refused(site_id: str, code: str, amount: str) -> None:
    site = site_for(site_id)
    layouts = tuple(PRESETS[name] for name in ("ar-weight", "ar-price-cents"))
    try:
        line = sku_line(code + amount, site, CATALOG.get, layouts)
    except ChargeInputError as exc:
        assert str(exc)
        return
    assert 1 <= line.quantity <= 9999
    assert line.measure is None or (line.measure.is_finite() and 0 < line.measure <= MAX_MEASURE)
    assert line.unit_price.is_finite() and line.unit_price > 0


# == scale labels ==================================================================================
LAYOUT_TEXT = st.one_of(
    st.sampled_from(sorted(PRESETS)),
    st.from_regex(r"\A2[0-9]?-[0-9]{1,2}-(weight|price)-[0-9]{1,2}-[0-9]\Z"),
    ANY,
)


@FAST
@given(st.lists(LAYOUT_TEXT, max_size=4), st.one_of(st.from_regex(r"\A2[0-9]{12}\Z"), ANY))
@example(["2-1-price-9-9"], "2100000000008")
@example(["29-9-weight-1-0"], "2900000000000")
def test_layouts_and_labels_read_or_refuse(texts: list[str], label: str) -> None:
    layouts = []
    for text in texts:
        try:
            layouts.append(read_layout(text))
        except ValueError as exc:
            assert str(exc)
    assert (layouts_problem(texts) is None) == (len(layouts) == len(texts))
    try:
        read = read_scale_label(label, tuple(layouts))
    except ScaleLabelError as exc:
        message_of(exc)
        return
    if read is not None:
        value = read.weight if read.weight is not None else read.price
        assert value is not None and value.is_finite() and value > 0


# == addresses =====================================================================================
@FAST
@given(
    st.one_of(
        st.from_regex(r"\A\[?[0-9a-z.:\x00 ]{0,20}\]?:[0-9]{0,6}\Z"),
        st.tuples(ANY, st.integers(-5, 70000)).map(lambda hp: f"{hp[0]}:{hp[1]}"),
        ANY,
        HUGE,
    )
)
@example("\x00:8088")
@example("a b:8088")
@example("[::1:8088")
def test_listen_addresses_are_a_host_and_port_or_refused(text: str) -> None:
    try:
        host, port = parse_listen(text)
    except ValueError as exc:
        assert str(exc)
        assert rules.listen_problem(text) is not None or not text.strip()
        return
    assert 0 <= port <= 65535 and host
    assert host.isprintable() and not any(c.isspace() for c in host), host
    validated = None
    try:
        validated = validate_listen(text)
    except ValueError:
        assert port == 0
    assert validated is None or validated == text.strip()


URLS = st.one_of(
    st.from_regex(r"\Ahttps?://[a-z0-9.\[\]:@ \x00\t-]{0,25}(/[^#]{0,20})?\Z"),
    st.builds(
        lambda scheme, rest: f"{scheme}://{rest}",
        st.sampled_from(["http", "https", "HTTPS", "ftp", "postgresql", "postgres"]),
        ANY,
    ),
    ANY,
    HUGE,
)


@FAST
@given(URLS)
@example("https://[::1/x")
@example("https://a b.com/x")
@example("https://exa\x00mple.com/x")
def test_notification_urls_are_https_or_refused_with_a_message(text: str) -> None:
    try:
        url = validate_notify_url(text)
    except ValueError as exc:
        assert str(exc)
        assert rules.notify_url_problem(text) is not None
        return
    assert rules.notify_url_problem(text) is None
    if url:
        assert url.isprintable() and not any(c.isspace() for c in url), url


@FAST
@given(
    st.one_of(URLS, st.from_regex(r"\Apostgres(ql)?://[a-z:@%]{0,12}@[a-z0-9.:\[\]]{0,15}/db.*"))
)
@example("postgresql://u@h:99999/db")
@example("postgresql://u:p%zz@h/db")
@example("postgresql://u@h/db?password=x&sslmode=require")
@example("postgresql://u@h\u200b/db")  # was taken: an invisible character in the host
def test_store_database_addresses_split_or_refuse(text: str) -> None:
    try:
        address, password = split_password(text)
    except StoreAddressError as exc:
        message_of(exc)
        return
    assert address.startswith(("postgresql://", "postgres://"))
    assert password is None or isinstance(password, str)
    assert address.isprintable() and " " not in address


# == printers ======================================================================================
@FAST
@given(
    st.one_of(
        st.builds(
            lambda kind, rest: kind + rest,
            st.sampled_from(["usb:", "net:", "serial:", "file:", "system:", ""]),
            st.one_of(ANY, st.from_regex(r"\A[0-9a-fA-Fx:@.\[\]]{0,20}\Z"), HUGE),
        ),
        ANY,
    )
)
@example("net:[::1]:99999")
@example("usb:0x4b8:0x202")
@example("serial:/dev/ttyS0@99999999999999999999")
@example("serial:/dev/tty\x00S0")  # was taken: a NUL in the device path
@example("system:Epson\nTM")
def test_printer_lines_read_or_refuse(text: str) -> None:
    try:
        spec = parse_printer(text)
    except ValueError as exc:
        assert isinstance(exc.args[0], Message) and str(exc.args[0])
        assert printer_problem(text) is not None or not text
        return
    assert printer_problem(text) is None
    assert 0 < spec.port < 2**31
    assert 0 <= spec.vendor <= 0xFFFF and 0 <= spec.product <= 0xFFFF
    assert "\x00" not in spec.target


# == the Settings forms' numbers and texts =========================================================
@FAST
@given(st.one_of(NUMBERISH, ANY, HUGE))
@example("9" * 400)  # float() is inf: int(inf) was an OverflowError in the expiry field
@example("١٢")
def test_settings_numbers_read_within_bounds_or_say_why(text: str) -> None:
    minutes, problem = forms.read_minutes(text)
    assert (minutes is None) != (problem is None) or (minutes is None and problem is not None)
    if minutes is not None:
        assert 1 <= minutes <= 1440
    for read in (forms.read_interval, forms.read_fast_phase):
        value, problem = read(text)
        if value is not None:
            assert problem is None and math.isfinite(value) and value >= 0
        else:
            assert problem is not None and str(problem)
    for bound in (90, 180):
        coordinate = forms.parse_coordinate(text, bound)
        assert coordinate is None or (math.isfinite(coordinate) and abs(coordinate) <= bound)
    pair = forms.split_coordinates(text)
    assert pair is None or len(pair) == 2
    for site_id in SITE_IDS:
        field = forms.parse_max_total(text, site_for(site_id))
        assert (field.problem is None) or field.value == ""


@FAST
@given(
    st.lists(st.sampled_from(list(forms.DAYS)), max_size=8),
    st.one_of(st.from_regex(r"\A[0-9]{1,3}:[0-9]{1,3}\Z"), ANY),
    st.one_of(st.from_regex(r"\A[0-9]{1,3}:[0-9]{1,3}\Z"), ANY),
)
@example(["monday"], "24:00", "25:00")
@example(["monday"], "09:60", "10:00")
@example(["monday"], "0٩:00", "10:00")  # an Arabic-Indic nine was a digit to \d
@example(["monday"], "09:00", "10:00\n")
def test_opening_hours_are_valid_times_or_refused(days: list[str], opens: str, closes: str) -> None:
    hours = forms.OpeningHours(tuple(days), opens, closes)
    if hours.problem() is not None:
        assert str(hours.problem())
        return
    for text in (opens, closes):
        assert text.isascii(), text
        hh, mm = text.split(":")
        assert 0 <= int(hh) <= 23 and 0 <= int(mm) <= 59, text
    json.dumps(hours.to_json())


@FAST
@given(st.one_of(ANY, HUGE), st.integers(1, 300), st.booleans())
@example("Dulce de le\xadche", 60, True)  # a soft hyphen (format character) stayed
def test_free_texts_come_back_clean_and_within_their_limit(
    text: str, limit: int, required: bool
) -> None:
    field = TextField("Field", limit, required=required)
    for check in (check_text, check_lines):
        try:
            cleaned = check(text, field)
        except ValidationError as exc:
            message_of(exc)
            continue
        assert len(cleaned) <= limit
        assert cleaned or not required
        hidden = [c for c in cleaned if unicodedata.category(c) in ("Cc", "Cf", "Cs") and c != "\n"]
        assert not hidden, repr(cleaned)  # control, format (invisible) and surrogate characters


# == dates on the command line =====================================================================
@FAST
@given(
    st.one_of(
        st.dates().map(date.isoformat),
        st.from_regex(r"\A[0-9]{1,6}-[0-9]{1,2}-[0-9]{1,2}\Z"),
        st.sampled_from(["2026-02-30", "99999-01-01", "0000-00-00", "9999-12-31", "0001-01-01"]),
        st.sampled_from(["20260101", "2026-W01-1", "２０２６-01-01", "2026-001", " 2026-01-01"]),
        ANY,
    )
)
def test_a_day_argument_is_a_real_day_with_bounds_or_refused(text: str) -> None:
    day = parse_day(text)
    if day is not None:
        assert day.isoformat() == text.strip()
        assert 2000 <= day.year <= 2999
        day_bounds(day, UTC)  # its next midnight exists too


# == the settings file: every field with any JSON value ============================================
JSON = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=30),
        HUGE,
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_json_value_in_any_setting_loads(data: st.DataObject, tmp_path: Path) -> None:
    from pos_app.settings import config as config_mod
    from pos_app.settings.config_fields import _TOP

    keys = data.draw(st.lists(st.sampled_from([*_TOP, "poll", "schema_version"]), max_size=4))
    doc = {key: data.draw(JSON) for key in keys}
    if "poll" in doc and data.draw(st.booleans()):
        doc["poll"] = data.draw(
            st.dictionaries(st.sampled_from(["fast", "slow", "fast_for"]), JSON)
        )
    path = tmp_path / "config.json"
    path.write_text(json.dumps(doc, allow_nan=True), encoding="utf-8")
    path.chmod(0o600)
    loaded = config_mod.load(path)  # never raises
    config = loaded.config
    assert 1 <= config.order_ttl_minutes <= 1440
    assert 1 <= config.backup_keep <= 1000
    assert config.site_id in SITES
    for value in vars(config.poll).values():
        assert math.isfinite(value) and value >= 0
    json.dumps(config_mod.to_json(config), allow_nan=False)  # what is saved back is plain JSON
    config_mod.save(config, path)
    assert config_mod.load(path).problem is None, config_mod.load(path).problem


@pytest.mark.parametrize("text", ["a b:8088", "\x00:8088", "exa\tmple:80", " :80"])
def test_a_listen_host_with_spaces_or_control_characters_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="HOST:PORT"):
        parse_listen(text)


# == ids, PINs and references: "$" also matched before a final new line ============================
@FAST
@given(st.one_of(st.from_regex(r"\A[A-Za-z0-9]{1,70}\n?\Z"), ANY, HUGE))
@example("CAJA01\n")  # was taken: every order then went to /pos/CAJA01%0A
@example("1234\n")
def test_ids_pins_and_references_are_exactly_their_characters(text: str) -> None:
    if box_id_problem(text) is None:
        assert text.isascii() and text.isalnum() and len(text) < 40
    if store_id_problem(text) is None:
        assert text.isascii() and text.isalnum() and len(text) <= 60
    if is_valid_reference(text):
        assert text.isascii() and text.isalnum() and len(text) <= 64
    if supervisor.pin_problem(text) is None:
        assert text.isascii() and text.isdigit() and 4 <= len(text) <= 8
        stored = supervisor.hash_pin(text, iterations=1000)
        assert supervisor.pin_hash_problem(stored) is None
        assert supervisor.pin_hash_problem(stored + "\n") is not None


# == the store and box forms: a draft without problems always makes its request ===================
FIELD = st.one_of(ANY, NUMBERISH, st.sampled_from(["²", "١٢", "0", "621102", "-34.6", "SUC001"]))


@FAST
@given(st.lists(FIELD, min_size=8, max_size=8), st.sampled_from([None, "valid", "bad"]))
@example(["Sucursal", "SUC001", "Av. 1", "10", "Caba", "BA", "-34,6", "-58.4"], "valid")
def test_a_store_draft_without_problems_makes_its_request(
    texts: list[str], hours: str | None
) -> None:
    name, external_id, street, number, city, state, lat, lng = texts
    opening = {
        None: None,
        "valid": forms.OpeningHours(("monday",), "09:00", "18:00"),
        "bad": forms.OpeningHours((), "9", "x"),
    }[hours]
    draft = forms.StoreDraft(name, external_id, street, number, city, state, lat, lng, opening)
    if draft.problems():
        assert all(str(p) for p in draft.problems().values())
        return
    request = draft.to_request()
    assert abs(request.latitude) <= 90 and abs(request.longitude) <= 180
    json.dumps(request.business_hours)


@FAST
@given(FIELD, FIELD, FIELD)
@example("Caja 1", "CAJA01", "²")  # superscript two: isdigit(), and int() raised ValueError
@example("Caja 1", "CAJA01", "١٢")
def test_a_box_draft_without_problems_makes_its_request(
    name: str, external_id: str, category: str
) -> None:
    draft = forms.BoxDraft(name, external_id, category)
    if draft.problems():
        assert all(str(p) for p in draft.problems().values())
        return
    request = draft.to_request(Store(id=1, name="Sucursal", external_id="SUC001"))
    assert request.category is None or 0 < request.category <= 9_999_999_999
    assert category.strip() == "" or category.strip().isascii()
