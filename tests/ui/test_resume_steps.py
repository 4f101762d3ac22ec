"""The window's start-up re-check: the engine's resume of the sales left open and the check of
the refunds left unconfirmed are each tried on their own, so one that fails never keeps the
other from running (a refund left unconfirmed is money that may have left the shop)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from pos_app.app import resume
from pos_app.runtime import Runtime
from pos_app.ui.counter.main_window import MainWindow

pytestmark = pytest.mark.gui


def _error_texts() -> list[str]:
    return [
        w.text()
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.isVisible() and w.objectName() == "errorBox"
    ]


def test_a_failed_resume_still_checks_the_refunds_and_the_reverse(
    window: MainWindow, runtime: Runtime, run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps: list[str] = []

    async def engine_fails() -> None:
        steps.append("engine")
        raise RuntimeError("the engine's resume failed")

    async def refunds_checked() -> None:
        steps.append("refunds")

    monkeypatch.setattr(runtime.engine, "resume", engine_fails)
    monkeypatch.setattr(window, "resume_refunds", refunds_checked)
    run(resume(window, runtime))
    assert steps == ["engine", "refunds"]  # before: the refunds were never checked
    assert len(_error_texts()) == 1  # the failure is told

    async def engine_fine() -> None:
        steps.append("engine")

    async def refunds_fail() -> None:
        steps.append("refunds")
        raise RuntimeError("the refunds' check failed")

    steps.clear()
    monkeypatch.setattr(runtime.engine, "resume", engine_fine)
    monkeypatch.setattr(window, "resume_refunds", refunds_fail)
    run(resume(window, runtime))
    assert steps == ["engine", "refunds"]
    for box in QApplication.topLevelWidgets():
        if isinstance(box, QMessageBox):
            box.close()
