"""Hostile input in Settings → Store and box: the new store form (name, id, address,
coordinates, opening hours) and the new box form (name, id, MCC category).

Seeded fuzz (:mod:`tests.ui.fuzz_input`): nothing raises; a form without problems builds the
request Mercado Pago gets, plain JSON with finite coordinates in range, ASCII ids, ``HH:MM``
times in ASCII digits and an integer category; a form with problems says why beside a field."""

from __future__ import annotations

import json
import random
import re
from types import SimpleNamespace
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_app.settings import forms
from tests.ui.fuzz_input import put, seeds, typed

pytestmark = pytest.mark.gui

GOOD = {
    "name": ["Almacén Don José", "Kiosco 24"],
    "external_id": ["SUC001", "TIENDA2"],
    "street": ["Av. Corrientes"],
    "number": ["1234", "s/n"],
    "city": ["CABA"],
    "state": ["Buenos Aires"],
    "latitude": ["-34.6037", "-34,6037", "-34.6037, -58.3816"],
    "longitude": ["-58.3816"],
    "opens": ["09:00", "08:30", "0٩:00", "09：00"],
    "closes": ["20:00", "2٣:00"],
    "category": ["", "5411", "621102", "²", "١٢٣", "５４１１"],
}
HHMM = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]", re.ASCII)


def _fill(qtbot: QtBot, rng: random.Random, form: Any, names: list[str]) -> None:
    """Every field something sensible, then one or two of them hostile."""
    for name in names:
        getattr(form, name).setText(rng.choice(GOOD[name]))
    for name in rng.sample(names, k=min(len(names), rng.randint(0, 2))):
        put(qtbot, rng, getattr(form, name), typed(rng))


@seeds
def test_new_store_form_builds_only_valid_requests(qtbot: QtBot, seed: int) -> None:
    from pos_app.ui.settings.store_forms import NewStoreForm

    rng = random.Random(seed)
    form = NewStoreForm()
    qtbot.addWidget(form)
    form.show()
    valid = 0
    for step in range(60):
        if step % 10 == 0:
            form.start(["SUC001"])
        _fill(qtbot, rng, form, list(GOOD)[:8])
        form.hours_box.setChecked(rng.random() < 0.6)
        if form.hours_box.isChecked():
            _fill(qtbot, rng, form, ["opens", "closes"])
        ok = form.reveal_problems()
        if not ok:
            shown = [box.error.text() for box in form.fields.values() if box.error.text()]
            assert shown, step
            continue
        valid += 1
        body = form.draft().to_request().to_json()
        json.dumps(body, allow_nan=False)
        assert -90 <= body["location"]["latitude"] <= 90
        assert -180 <= body["location"]["longitude"] <= 180
        assert body["external_id"].isascii() and body["external_id"] != "SUC001"
        for day, spans in body.get("business_hours", {}).items():
            assert day in forms.DAYS
            for span in spans:
                assert HHMM.fullmatch(span["open"]) and HHMM.fullmatch(span["close"]), span
                assert span["open"] < span["close"]
    assert valid


@seeds
def test_new_box_form_builds_only_valid_requests(qtbot: QtBot, seed: int) -> None:
    from pos_app.domain.money import site_for
    from pos_app.ui.settings.store_forms import NewBoxForm

    rng = random.Random(seed)
    form = NewBoxForm()
    qtbot.addWidget(form)
    form.show()
    store = SimpleNamespace(id=1, external_id="SUC001", name="Almacén")
    form.start(store, ["CAJA01"], site_for("MLA"), 1)  # type: ignore[arg-type]
    valid = 0
    for step in range(80):
        if rng.random() < 0.4:
            put(qtbot, rng, form.name, rng.choice(["Caja 2", typed(rng)]))
        if rng.random() < 0.4:
            put(qtbot, rng, form.external_id, rng.choice(["CAJA02", "CAJA01", typed(rng)]))
        put(
            qtbot,
            rng,
            form.category,
            rng.choice(GOOD["category"]) if rng.random() < 0.5 else typed(rng),
        )
        if not form.reveal_problems():
            assert any(box.error.text() for box in form.fields.values()), step
            continue
        valid += 1
        body = form.draft().to_request(store).to_json()  # type: ignore[arg-type]
        json.dumps(body, allow_nan=False)
        category = body.get("category")
        assert category is None or (type(category) is int and category >= 0), body
        assert body["external_id"].isascii() and body["external_id"].upper() != "CAJA01"
    assert valid


@pytest.mark.parametrize("category", ["²", "¹²", "١٢٣", "５４１１", "5411\u200b"])
def test_a_box_category_is_ascii_digits(category: str) -> None:
    """A category "²" passed the check (``str.isdigit``) and crashed building the request
    (``int("²")``: ValueError); Arabic-Indic and full-width digits passed too."""
    draft = forms.BoxDraft(name="Caja", external_id="CAJA2", category=category)
    assert "category" in draft.problems()
    assert forms.BoxDraft(name="Caja", external_id="CAJA2", category=" 5411 ").problems() == {}


@pytest.mark.parametrize(("opens", "closes"), [("0٩:00", "20:00"), ("0９:00", "1٩:3٠")])
def test_opening_hours_are_ascii_times(opens: str, closes: str) -> None:
    """ "0٩:00" (an Arabic-Indic nine) matched ``\\d`` and went to Mercado Pago as the time."""
    hours = forms.OpeningHours(days=("monday",), opens=opens, closes=closes)
    assert hours.problem() is not None
