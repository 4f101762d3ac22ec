"""The sales history's summary with money given back, at 1024 x 600 in the longer languages:
every line whole beside the Export button.
Screenshots: ``artifacts/screenshots/given_back_<lang>_sales_history.png``."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.conftest import settle
from tests.ui.test_sales_history_given_back import _day, _dialog

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("lang", ["es", "pt_BR"])
def test_the_summary_at_1024_in_the_longer_languages(
    qtbot: QtBot, screenshot: Any, lang: str
) -> None:
    sales, refunds = _day()
    dialog = _dialog(qtbot, sales, refunds)
    dialog.resize(1024, 560)  # a 1024 x 600 screen less a title bar
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.refresh()
    settle()
    screenshot(dialog, f"given_back_{lang}_sales_history")
    for label in (dialog.summary, dialog.given_back):
        assert label.isVisible()
        assert label.height() >= label.heightForWidth(label.width())  # no line cut off
    # Its two lines, each whole on one line of the list's width.
    given_back = dialog.given_back
    metrics = given_back.fontMetrics()
    for line in given_back.text().split("\n"):
        assert metrics.horizontalAdvance(line) <= given_back.contentsRect().width(), line
    assert dialog.export_button.isVisible()
    dialog.close()
