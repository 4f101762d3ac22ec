"""Words a person reads: a state is never told by its colour alone (a colour-blind cashier
reads "see the message in red" and finds nothing red), in the sources and every translation."""

from __future__ import annotations

import re
from pathlib import Path

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
