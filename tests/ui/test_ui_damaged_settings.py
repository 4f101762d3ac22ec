"""A settings file with values that make no sense: the cashier window still starts, with every
valid setting, and says so once in a notice (issue 16, items 2 and 9)."""

from __future__ import annotations

import asyncio
import json
import os
import random
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from pos_app import app as app_mod
from pos_app.settings import config as config_mod
from pos_app.settings import paths
from pos_app.settings.config import PollSchedule
from pos_app.settings.memory_keyring import MemoryKeyring, memory_keyring
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.settings.setup_assistant import SetupAssistant

pytestmark = pytest.mark.gui

WAIT = 10_000


@pytest.fixture
def keyring_memory() -> Iterator[MemoryKeyring]:
    with memory_keyring() as backend:
        yield backend


def visible(kind: type) -> Any:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return found[-1] if found else None


def ready_window() -> MainWindow | None:
    """The counter window once its runtime is attached (it is shown before, "Connecting…")."""
    window = visible(MainWindow)
    return window if window is not None and window.is_ready else None


def notices() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "noticeBox" and w.isVisible()
    ]


def start_and_close(qtbot: QtBot) -> tuple[MainWindow, list[str]]:
    task = asyncio.ensure_future(app_mod.run_windows())
    # The window comes first ("Connecting…"), its runtime right after.
    qtbot.waitUntil(lambda: ready_window() is not None or task.done(), timeout=WAIT)
    assert not task.done(), task.exception()
    window: MainWindow = visible(MainWindow)
    qtbot.wait(200)  # the notice comes right after the window
    texts = [box.text() for box in notices()]
    for box in notices():
        box.close()
    window.close()
    qtbot.waitUntil(task.done, timeout=WAIT)
    assert task.result() == 0
    return window, texts


def test_the_window_starts_with_what_is_valid_and_says_so_once(
    qloop: Any, qtbot: QtBot, keyring_memory: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MP_ACCESS_TOKEN", "APP_USR-1234567890-abcdef-1234")
    data = {
        "user_id": 123456,
        "site_id": "MLA",
        "store_external_id": "SUC001",
        "box_external_id": "CAJA01",
        "order_ttl_minutes": True,
        "poll": {"fast": 0, "slow": 20},
        "max_total": "sNaN",
    }
    paths.config_path().write_text(json.dumps(data), encoding="utf-8")
    window, texts = start_and_close(qtbot)
    assert visible(SetupAssistant) is None  # the store and box were kept: selling is possible
    config = window.rt.config
    assert (config.user_id, config.store_external_id, config.box_external_id) == (
        123456,
        "SUC001",
        "CAJA01",
    )
    assert config.order_ttl_minutes == 10 and config.max_total == ""
    assert config.poll == PollSchedule(slow=20.0)
    [text] = texts
    for name in ("order_ttl_minutes", "poll.fast", "max_total", "damaged-"):
        assert name in text
    assert list(paths.config_dir().glob("config.json.damaged-*"))

    _, texts = start_and_close(qtbot)
    assert texts == []  # told once


def test_random_bytes_do_not_stop_the_app(
    qloop: Any, qtbot: QtBot, keyring_memory: MemoryKeyring
) -> None:
    paths.config_path().write_bytes(random.Random(7).randbytes(3000))
    task = asyncio.ensure_future(app_mod.run_windows())
    qtbot.waitUntil(lambda: visible(SetupAssistant) is not None or task.done(), timeout=WAIT)
    assert not task.done(), task.exception()
    assistant: SetupAssistant = visible(SetupAssistant)
    assert assistant.banner.isVisible() and "damaged" in assistant.banner.text()
    assistant.close()
    qtbot.waitUntil(task.done, timeout=WAIT)
    assert config_mod.load().problem is None


def test_a_pipe_as_settings_file_does_not_hang_the_start_up(
    qloop: Any, qtbot: QtBot, keyring_memory: MemoryKeyring
) -> None:
    from pos_app.ui.qtkit.translations import configured_language

    os.mkfifo(paths.config_path())
    assert configured_language() == ""  # the language peek before the window: no blocking
    task = asyncio.ensure_future(app_mod.run_windows())
    qtbot.waitUntil(lambda: visible(SetupAssistant) is not None or task.done(), timeout=WAIT)
    assistant: SetupAssistant = visible(SetupAssistant)
    assert "damaged" in assistant.banner.text()
    assistant.close()
    qtbot.waitUntil(task.done, timeout=WAIT)
