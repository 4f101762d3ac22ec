"""Alt+letters stay unique, and present, in Spanish and Portuguese: every dialog, every page
of Settings (the letters are given when a window is shown, from its translated texts)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.benchmarks.dialogs_bench import builders
from tests.ui.keyboard_audit import build, missing_mnemonics, mnemonic_clashes, show_active

pytestmark = [pytest.mark.gui, pytest.mark.parametrize("lang", ["es", "pt_BR"])]

DIALOGS = [
    "WeightDialog",
    "DiscountDialog",
    "CustomAmountBar",
    "CashDrawerDialog",
    "CloseDayDialog",
    "RefundDialog",
    "StoreViewDialog",
    "ProductsWindow",
    "ProductEditor",
    "ReceiptPreviewDialog",
    "TodaySalesDialog",
    "SetupAssistant",
    "SettingsDialog",
]


def test_alt_letters_are_unique_in_every_dialog(
    lang: str, qtbot: QtBot, qloop: Any, tmp_path: Path
) -> None:
    table = builders(tmp_path, sales=3, products=1)
    problems: list[str] = []
    for name in DIALOGS:
        window = build(table, name)
        qtbot.addWidget(window)
        show_active(qtbot, window)
        pages = getattr(window, "sections", None)
        for row in range(pages.count() if pages is not None else 1):
            if pages is not None:
                pages.setCurrentRow(row)
            where = f"{lang} {name} {row}"
            problems += [f"{where}: clash {c}" for c in mnemonic_clashes(window).values()]
            problems += [f"{where}: no Alt+letter {m}" for m in missing_mnemonics(window)]
        if hasattr(window, "forget_tasks"):
            window.forget_tasks()
        for page in getattr(window, "pages", []):
            page.forget_tasks()
        window.hide()
    assert not problems
