"""The counter's status bar never makes the window wider than a 1024 px screen.

The store's name is the shop's own (Mercado Pago takes 60 characters, a box name 44). In
Portuguese, with the box's "Mercado Pago is answering slowly…" and the TEST badge, the window
needed 1,067 px with the demo's "Mercadinho Dona Maria (demo) · Caixa 1": on a 1024 x 600
counter the badge was cut to "TES" (and a longer name pushed more out of the screen). The name
now gives way first, ending in "…", whole in its tooltip.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect
from pytestqt.qtbot import QtBot

from pos_app.sandbox.state import SandboxState
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.sale_banner import BannerKind
from tests.i18n.texts import visible_texts
from tests.ui.conftest import settle
from tests.ui.test_ui_charging import WAIT, banner_is, fill_cart

pytestmark = pytest.mark.gui

LONG_STORE = "Supermercado e Hortifruti São João Batista — Filial Jardim América"[:60]


@pytest.fixture
def sandbox_state() -> SandboxState:
    return SandboxState.seeded("MLB")


@pytest.mark.parametrize("lang", ["pt_BR", "es"])
def test_a_long_store_name_gives_way_in_the_status_bar(
    window: MainWindow, qtbot: QtBot, control: Any, screenshot: Any, lang: str
) -> None:
    config = window.rt.config.with_changes(
        store_name=LONG_STORE, box_name="Caixa 12 — entrada pela Rua Augusta", is_test_user=True
    )
    window.status.set_config(config)
    fill_cart(window, "7790580001018")
    window.charge()
    qtbot.waitUntil(banner_is(window, BannerKind.WAITING), timeout=WAIT)
    window._show_slow(True)
    window.resize(1024, 560)
    settle()
    assert window.minimumSizeHint().width() <= 1024, window.minimumSizeHint()
    assert window.width() == 1024
    bar = window.status
    badge = bar.test_badge
    assert badge.isVisible()
    inside = QRect(badge.mapTo(window, badge.rect().topLeft()), badge.size())
    assert window.rect().contains(inside), (inside, window.rect())
    assert not [s for s in visible_texts(bar) if s.clipped]
    assert bar.place.text().endswith("…")
    screenshot(window, f"status_bar_long_store_{lang}")
    assert bar.place.toolTip() == f"{LONG_STORE} · Caixa 12 — entrada pela Rua Augusta"
    # Wide again: the whole name.
    window.resize(1920, 1000)
    qtbot.waitUntil(lambda: not bar.place.text().endswith("…"), timeout=3000)
    assert bar.place.text() == bar.place.toolTip()
