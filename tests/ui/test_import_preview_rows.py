"""The window's import preview reads a file's lines as ``pos-app catalog import`` does.

Until 2026-12-02 the preview showed a Mexican ``TALADRO,Taladro,1,234.50`` (a thousand not in
quotes) ready to import at $ 1,00, and refused a header written ``SKU;Título``-style in
capitals (``SKU,Title,Unit_Price``) as missing its columns, which the command line imports.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pos_app.sandbox.state import SandboxState
from pos_app.ui.counter.main_window import MainWindow

pytestmark = pytest.mark.gui

WAIT = 10_000


@pytest.fixture
def sandbox_state() -> SandboxState:
    return SandboxState.seeded("MLM")


def _preview(window: MainWindow, qtbot: QtBot, path: Path) -> tuple[str, list[str], object]:
    products = window.open_products()
    qtbot.waitExposed(products)
    preview = products.preview_import(path)
    qtbot.waitUntil(lambda: preview.plan is not None, timeout=WAIT)
    refused = [preview.errors.item(i).text() for i in range(preview.errors.count())]
    summary = preview.summary.text()
    plan = preview.plan
    preview.reject()
    products.close()
    return summary, refused, plan


def test_a_line_split_by_an_unquoted_thousand_is_refused_in_the_preview(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "productos.csv"
    path.write_text(
        "SKU,Title,Unit_Price\nTALADRO,Taladro percutor,1,234.50\nFOCO,Foco LED,45.90\n"
        'PINZA,Pinzas,"1,234.50"\n',
        encoding="utf-8",
    )
    summary, refused, plan = _preview(window, qtbot, path)
    assert "Lines ready to import: 2 of 3." in summary, summary
    assert [p.sku for p in plan.products] == ["FOCO", "PINZA"]  # type: ignore[attr-defined]
    [problem] = refused
    assert problem.startswith("Line 2: 4 fields where the header has 3"), problem
