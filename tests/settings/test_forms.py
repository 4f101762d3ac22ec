"""What Settings accepts and refuses, before anything reaches Mercado Pago."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos_app.domain.money import site_for
from pos_app.mercadopago.errors import rejected
from pos_app.settings import forms
from pos_app.settings.config import PollSchedule
from pos_app.settings.forms import BoxDraft, OpeningHours, StoreDraft

AR, CL, MX = site_for("MLA"), site_for("MLC"), site_for("MLM")


def good_store(**changes: str) -> StoreDraft:
    values = {
        "name": "Almacén Don Pepe",
        "external_id": "SUC002",
        "street_name": "Av. Corrientes",
        "street_number": "1234",
        "city": "CABA",
        "state": "Capital Federal",
        "latitude": "-34.6037",
        "longitude": "-58.3816",
    }
    values.update(changes)
    return StoreDraft(**values)


@pytest.mark.parametrize(
    ("text", "site", "stored"),
    [
        ("", AR, ""),
        ("150.000", AR, "150000"),
        ("1.234,50", AR, "1234.50"),
        ("$ 99,5", AR, "99.5"),
        ("1,234.50", MX, "1234.50"),
        ("2.000.000", CL, "2000000"),
    ],
)
def test_max_total_is_read_the_way_the_country_writes_money(text, site, stored) -> None:
    field = forms.parse_max_total(text, site)
    assert field.problem is None
    assert field.value == stored
    if stored:
        assert Decimal(field.value) > 0  # what Config.max_total_amount() reads back


@pytest.mark.parametrize(
    ("text", "site", "words"),
    [
        ("abc", AR, "is not an amount"),
        ("0", AR, "greater than zero"),
        ("1500,5", CL, "CLP have no decimals"),
        ("12,345", AR, "at most 2 decimals"),
    ],
)
def test_max_total_problems_say_what_is_wrong(text, site, words) -> None:
    field = forms.parse_max_total(text, site)
    assert field.problem is not None
    assert words in str(field.problem)
    assert field.value == ""


def test_the_same_bounds_as_pos_app_configure() -> None:
    assert forms.order_ttl_problem(1) is None and forms.order_ttl_problem(1440) is None
    assert forms.order_ttl_problem(0) is not None and forms.order_ttl_problem(1441) is not None
    assert forms.poll_interval_problem(0.2) is None and forms.poll_interval_problem(300) is None
    assert forms.poll_interval_problem(0.1) is not None
    assert forms.fast_phase_problem(-1) is not None and forms.fast_phase_problem(120) is None


def test_listen_and_notify_url_reuse_setup_rules() -> None:
    assert forms.listen_problem("127.0.0.1:8088") is None
    assert forms.listen_problem("") is None  # empty = receiver off
    for bad in ("8088", "localhost:", "127.0.0.1:99999", "host:port"):
        assert "HOST:PORT" in str(forms.listen_problem(bad)), bad
    assert forms.notify_url_problem("https://shop.example.com/mp") is None
    assert forms.notify_url_problem("http://127.0.0.1:8088/mp") is None
    assert "https://" in str(forms.notify_url_problem("http://shop.example.com/mp"))


def test_adaptive_poll_only_ever_slows_down() -> None:
    poll = forms.adaptive_poll(PollSchedule(), 5.0, 60.0)
    assert (poll.fast, poll.fast_for) == (5.0, 60.0)
    assert poll.medium >= poll.fast and poll.slow >= poll.fast
    intervals = [poll.interval(t) for t in range(0, 900, 30)]
    assert intervals == sorted(intervals)


def test_a_steady_pace_is_recognised_but_the_default_is_adaptive() -> None:
    assert forms.is_fixed_poll(PollSchedule.fixed(5.0))
    assert forms.is_fixed_poll(PollSchedule.fixed(30.0))
    assert not forms.is_fixed_poll(PollSchedule())
    assert not forms.is_fixed_poll(forms.adaptive_poll(PollSchedule(), 2.0, 60.0))


def test_a_complete_store_has_no_problems_and_becomes_a_request() -> None:
    draft = good_store(hours=None)
    assert draft.problems() == {}
    request = draft.to_request()
    assert request.latitude == pytest.approx(-34.6037)
    assert request.to_json()["location"]["street_number"] == "1234"
    assert "business_hours" not in request.to_json()


def test_an_empty_store_names_every_missing_field() -> None:
    problems = StoreDraft().problems()
    assert set(problems) == {
        "name",
        "external_id",
        "street_name",
        "street_number",
        "city",
        "state",
        "latitude",
        "longitude",
    }
    assert str(problems["city"]) == "Mercado Pago needs this."


def test_store_id_rules_and_duplicates() -> None:
    assert "letters and digits" in str(good_store(external_id="SUC-1").problems()["external_id"])
    assert "letters and digits" in str(good_store(external_id="S" * 61).problems()["external_id"])
    taken = good_store(external_id="suc001").problems(taken_ids=["SUC001"])
    assert "already uses" in str(taken["external_id"])


def test_coordinates_accept_a_comma_and_refuse_nonsense() -> None:
    assert forms.parse_coordinate("-34,6037", 90) == pytest.approx(-34.6037)
    assert forms.parse_coordinate("91", 90) is None
    assert forms.parse_coordinate("north", 90) is None
    assert "between -90 and 90" in str(good_store(latitude="123").problems()["latitude"])


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("-34.6037, -58.3816", ("-34.6037", "-58.3816")),
        ("-34.6037,-58.3816", ("-34.6037", "-58.3816")),
        ("-34,6037; -58,3816", ("-34,6037", "-58,3816")),
        ("-34.6037", None),
        ("a, b", None),
    ],
)
def test_a_pair_copied_from_a_map_is_split(text, pair) -> None:
    assert forms.split_coordinates(text) == pair


def test_opening_hours() -> None:
    hours = OpeningHours(days=("monday", "saturday"), opens="09:00", closes="13:00")
    assert hours.problem() is None
    assert hours.to_json() == {
        "monday": [{"open": "09:00", "close": "13:00"}],
        "saturday": [{"open": "09:00", "close": "13:00"}],
    }
    assert "later than" in str(OpeningHours(("monday",), "13:00", "09:00").problem())
    assert "days" in str(OpeningHours((), "09:00", "13:00").problem())
    assert good_store(hours=hours).to_request().to_json()["business_hours"]["monday"]


def test_box_rules() -> None:
    assert BoxDraft("Caja 2", "CAJA02", "621102").problems() == {}
    problems = BoxDraft("", "CAJA 02", "food").problems()
    assert set(problems) == {"name", "external_id", "category"}
    assert "fewer than 40" in str(BoxDraft("Caja", "C" * 40).problems()["external_id"])
    assert "44" in str(BoxDraft("C" * 45, "C1").problems()["name"])
    assert "already uses" in str(BoxDraft("Caja", "caja01").problems(["CAJA01"])["external_id"])


def test_suggested_ids_are_letters_and_digits_and_free() -> None:
    assert forms.suggest_external_id("Kiosco Ñandú", [], limit=60, fallback="S") == "KIOSCONANDU"
    assert forms.suggest_external_id("Caja 1", ["CAJA1"], limit=39, fallback="C") == "CAJA12"
    assert forms.suggest_external_id("¡¿!", [], limit=39, fallback="CAJA1") == "CAJA1"
    long = forms.suggest_external_id("x" * 80, [], limit=39, fallback="C")
    assert forms.BoxDraft("Caja", long).problems() == {}


def test_refusals_point_at_their_field() -> None:
    assert forms.field_for_rejection(rejected(400, "INVALID_STATE_NAME", ""), box=False) == "state"
    assert forms.field_for_rejection(rejected(400, "VALIDATION_ERROR", ""), box=False) == (
        "external_id"
    )
    exists = rejected(409, "point_of_sale_exists", "")
    assert forms.field_for_rejection(exists, box=True) == "external_id"
    assert forms.field_for_rejection(rejected(400, "other", ""), box=True) is None
