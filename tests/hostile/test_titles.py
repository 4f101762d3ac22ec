"""Hostile names (issue 16, item 7): control characters, bidi overrides and zero-width-only
titles never reach Mercado Pago; a name empty once cleaned is refused with a clear message."""

from __future__ import annotations

import asyncio
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pos_app.cli import main
from pos_app.domain.cart import Cart, CartLine
from pos_app.domain.money import site_for
from pos_app.domain.validation import MAX_TITLE, ValidationError, clean_text, clean_title
from pos_app.ledger.store import Ledger
from pos_app.settings import config as config_mod
from pos_app.settings import paths
from tests.checkout.harness import rig

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
CONTROLS = "".join(chr(c) for c in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)))
INVISIBLE = set(BIDI + ZERO_WIDTH)


def assert_clean(text: str) -> None:
    assert text == text.strip() and "  " not in text
    for char in text:
        assert char not in INVISIBLE, repr(char)
        assert unicodedata.category(char) not in ("Cc", "Cf", "Cs"), repr(char)
        assert not char.isspace() or char == " ", repr(char)


@settings(max_examples=500, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from(BIDI + ZERO_WIDTH + CONTROLS + " \u00a0\u2028\t"),
            st.characters(codec=None),
        ),
        max_size=60,
    )
)
@example("\u202eabreY")
@example("\ud800Yerba")  # a lone surrogate: what undecodable bytes in argv become
def test_clean_text_leaves_nothing_invisible_and_is_stable(text: str) -> None:
    cleaned = clean_text(text)
    assert_clean(cleaned)
    assert clean_text(cleaned) == cleaned
    # Whatever is visible stays, in order.
    visible = [
        c
        for c in text
        if not c.isspace()
        and c not in INVISIBLE
        and unicodedata.category(c) not in ("Cc", "Cf", "Cs")
    ]
    assert cleaned.replace(" ", "") == "".join(visible)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\u202eabreY\u202c 1kg", "abreY 1kg"),
        ("Yerba\u200b Mate\u2066\u2069", "Yerba Mate"),
        ("Azúcar\t1kg\r\n", "Azúcar 1kg"),
        ("\ufeffLeche\u0000 entera\u0007", "Leche entera"),
        ("Café\u0085 \u009b31m", "Café 31m"),
        ("Té 🍵 \u061cverde\u200e", "Té 🍵 verde"),
    ],
)
def test_titles_lose_control_and_bidi_characters(raw: str, clean: str) -> None:
    assert clean_title(raw) == clean


@pytest.mark.parametrize(
    "raw", ["\u200b", ZERO_WIDTH, BIDI, "\u202e \u202c", "\x00\x07\x1b", "\ufeff \u00a0 \u2060"]
)
def test_names_empty_once_cleaned_are_refused(raw: str) -> None:
    with pytest.raises(ValidationError, match="needs a name"):
        clean_title(raw)
    with pytest.raises(ValidationError, match="needs a name"):
        Cart(site_for("MLA")).add(CartLine(sku="", title=raw, unit_price=Decimal(10)))


def test_a_cut_title_never_ends_in_a_space() -> None:
    title = clean_title("a" * (MAX_TITLE - 1) + "\u202e b")
    assert len(title) <= MAX_TITLE and title == title.strip()


def test_what_reaches_mercado_pago_is_clean() -> None:
    async def scenario() -> None:
        async with rig(order_title="\u202eCentro\u200b\u0007 Sucursal") as r:
            lines = [
                CartLine(sku="1", title="\u202eabreY\u202c\u0000 1kg", unit_price=Decimal(100)),
                CartLine(sku="2", title="Mate\u2067\u200b\tcocido", unit_price=Decimal(50)),
            ]
            sale = await r.engine.charge(lines)
            body = r.state.bodies_for(sale.external_reference)[0]
            assert body["title"] == "Centro Sucursal"
            assert [item["title"] for item in body["items"]] == ["abreY 1kg", "Mate cocido"]
            for text in (body["title"], body.get("description", "")):
                assert_clean(text)
            with pytest.raises(ValidationError, match="needs a name"):
                await r.engine.charge(
                    [CartLine(sku="3", title="\u200b\u200d", unit_price=Decimal(10))]
                )

    asyncio.run(scenario())


def test_an_invisible_order_title_falls_back_to_the_box() -> None:
    async def scenario() -> None:
        async with rig(order_title="\u200b\u202e") as r:
            sale = await r.engine.charge([CartLine(sku="1", title="Pan", unit_price=Decimal(9))])
            body = r.state.bodies_for(sale.external_reference)[0]
            assert body["title"] == r.state.box_external_id

    asyncio.run(scenario())


def test_cli_item_title_is_cleaned_or_refused(capsys: pytest.CaptureFixture[str]) -> None:
    from pos_app.cli.commands import parse_item

    assert parse_item("\u202eYerba\u200b 1kg\u0007:2:10").title == "Yerba 1kg"
    assert main(["charge", "--item", "\u200b\u202e:1:10"]) == 2
    err = capsys.readouterr().err
    assert "needs a name" in err and "Traceback" not in err


def test_configure_title_is_cleaned_or_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["configure", "--title", "\u202eMi\u200b Tienda\u0007"]) == 0
    assert config_mod.load().config.order_title == "Mi Tienda"
    assert main(["configure", "--title", "\u200b\u2066"]) == 2
    assert "--title" in capsys.readouterr().err
    assert config_mod.load().config.order_title == "Mi Tienda"


def test_catalog_titles_are_cleaned_and_invisible_ones_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = tmp_path / "titles.csv"
    csv_file.write_text(
        "sku,title,unit_price,category\n"
        "A1,\u202eabreY\u202c 1kg,10,alma\u0000cen\n"
        "A2,\u200b\u200d\ufeff,10,\n"
        "A3,\u2066\u2069,10,\n"
        "A4,Leche\u0007\tentera,20,\n",
        encoding="utf-8",
    )
    assert main(["catalog", "import", str(csv_file)]) == 0
    captured = capsys.readouterr()
    assert "imported 2 products" in captured.out
    assert ":3: title is empty" in captured.err and ":4: title is empty" in captured.err
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        yerba, leche = ledger.catalog.lookup_code("A1"), ledger.catalog.lookup_code("A4")
        assert yerba is not None and leche is not None
        assert (yerba.title, yerba.category, leche.title) == (
            "abreY 1kg",
            "almacen",
            "Leche entera",
        )
        assert [p.sku for p in ledger.catalog.search("abrey")] == ["A1"]
    finally:
        ledger.close()


@pytest.mark.gui
def test_settings_order_title_is_cleaned(qtbot: Any) -> None:
    from pos_app.ui.settings.charging import ChargingPage
    from pos_app.ui.settings.session import SettingsSession

    config = config_mod.Config()
    page = ChargingPage(SettingsSession(config, None, token=None, origin="keyring"))  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.order_title.setText("\u202eMi\u200b\tTienda\u0007")
    assert page.apply_to(config).order_title == "Mi Tienda"
