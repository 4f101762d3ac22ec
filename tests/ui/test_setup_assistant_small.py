"""The first-run assistant on a 1024 x 600 screen: each step fits (the store step needed 710 px
of height: Next and Back below the screen's edge, on the first thing a new shop sees); the
steps scroll, the buttons stay."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QScreen
from pytestqt.qtbot import QtBot

from pos_app.sandbox.state import SandboxState
from pos_app.settings.memory_keyring import MemoryKeyring
from pos_app.ui.qtkit.window_settings import TITLE_BAR
from tests.ui.test_setup_assistant import (  # noqa: F401  (fixture)
    WAIT,
    check_token,
    keyring_memory,
    shown_assistant,
    start,
)

pytestmark = pytest.mark.gui

FREE = QRect(0, 0, 1024, 600)


def test_every_step_fits_a_small_screen(
    qloop: Any,
    qtbot: QtBot,
    keyring_memory: MemoryKeyring,  # noqa: F811
    sandbox_app: Any,
    sandbox_state: SandboxState,
    screenshot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _self: QRect(FREE))
    task = start(sandbox_app)
    assistant = shown_assistant(qtbot)
    height = FREE.height() - TITLE_BAR
    check_token(qtbot, assistant, sandbox_state.seller_token)
    for step in range(3):
        qtbot.waitUntil(assistant.next_button.isEnabled, timeout=WAIT)
        least = assistant.minimumSizeHint()
        assert least.height() <= height and least.width() <= FREE.width(), (step, least)
        assistant.resize(FREE.width(), height)
        qtbot.waitUntil(lambda: assistant.height() == height, timeout=3000)
        button = assistant.next_button.geometry()
        assert assistant.rect().contains(button), (step, button)  # Next within reach
        screenshot(assistant, f"assistant_small_{step + 1}")
        if step < 2:
            assistant.next_button.click()
    assistant.close()
    qtbot.waitUntil(task.done, timeout=WAIT)
