"""Words a person reads: a state is never told by its colour alone (a colour-blind cashier
reads "see the message in red" and finds nothing red), in the sources and every translation."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from devtools import linguist

pytestmark = pytest.mark.gui  # tests/i18n installs a language (a QApplication) for each test

COLOURS = r"(red|green|orange|yellow|blue|grey|gray|rojo|verde|naranja|amarillo|azul|gris|vermelho|laranja|amarelo|cinza)"
BY_COLOUR = re.compile(
    rf"\b(in|en|em) {COLOURS}\b|\b{COLOURS} (text|message|mensaje|mensagem)\b", re.I
)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> list[linguist.Entry]:
    """Every user-visible string of pos_app as it is now (a fresh lupdate, not the .ts)."""
    ts: Path = tmp_path_factory.mktemp("wording") / "fresh.ts"
    linguist.lupdate(ts, "es")
    return linguist.read_ts(ts)


def test_no_text_points_at_a_colour(extracted: list[linguist.Entry]) -> None:
    assert len(extracted) > 500  # the extraction found the app's strings
    found = [e.source for e in extracted if BY_COLOUR.search(e.source) and e.kind != "vanished"]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", ["es", "pt_BR"])
def test_no_translation_points_at_a_colour(lang: str) -> None:
    entries = linguist.read_ts(linguist.ts_path(lang))
    found = [
        e.translation
        for e in entries
        if e.kind not in ("obsolete", "vanished") and BY_COLOUR.search(e.translation)
    ]
    assert not found, "\n".join(found)


# One word for a refund in each language, in every window: Portuguese said "reembolso" in the
# close report, the sales list and the store view, and "devolução" in the refund dialog and the
# sales history's button.
OTHER_REFUND_WORDS = re.compile(r"reembols|reintegr|estorn", re.I)


@pytest.mark.parametrize("lang", ["es", "pt_BR"])
def test_one_word_for_a_refund(lang: str) -> None:
    entries = [
        e
        for e in linguist.read_ts(linguist.ts_path(lang))
        if e.kind not in ("obsolete", "vanished")
    ]
    about_refunds = [e for e in entries if re.search(r"\brefund", e.source, re.I)]
    assert len(about_refunds) > 20
    found = [
        f"{e.source!r} -> {e.translation!r}"
        for e in about_refunds
        if OTHER_REFUND_WORDS.search(e.translation)
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", ["es", "pt_BR"])
def test_the_refund_button_says_what_it_does(lang: str) -> None:
    """A verb on the button that sends the money back ("Devolución", a noun, read as a title)."""
    [button] = [
        e.translation
        for e in linguist.read_ts(linguist.ts_path(lang))
        if e.context == "RefundDialog" and e.source == "Refund"
    ]
    assert button == "Devolver"


@pytest.mark.parametrize("lang", ["en", "es", "pt_BR"])
def test_the_keys_help_calls_f3_what_the_menu_calls_it(window: Any, lang: str) -> None:
    """ "F3 today's sales" under the total, "Sales history" in the menu, for one window that
    lists any period: one name."""
    from PySide6.QtWidgets import QLabel

    keys = window.totals.findChild(QLabel, "keysHelp").text()
    menu = window.sales_action.text().replace("&", "")
    assert f"f3 {menu.lower()}" in keys.lower(), (keys, menu)


# Developer notation in a hint ("empty = no limit", "0 = every discount does"): a store owner
# reads "Leave empty for no limit". A sum shown to the cashier ("{measure} = {total}") stays:
# there both sides are values, not a word standing for a meaning.
EQUALS_NOTATION = re.compile(r"(?:^|[\s(:;,])[\w%.]+ = ")


def test_no_text_uses_equals_notation(extracted: list[linguist.Entry]) -> None:
    found = [
        e.source for e in extracted if e.kind != "vanished" and EQUALS_NOTATION.search(e.source)
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", ["es", "pt_BR"])
def test_no_translation_uses_equals_notation(lang: str) -> None:
    found = [
        e.translation
        for e in linguist.read_ts(linguist.ts_path(lang))
        if e.kind not in ("obsolete", "vanished") and EQUALS_NOTATION.search(e.translation)
    ]
    assert not found, "\n".join(found)
