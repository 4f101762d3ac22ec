"""A receipt's preview closed while it prints (a network printer takes seconds): the dialog was
deleted at once, and the print's last step then touched it ("Internal C++ object already
deleted" in the log; a printer's failure lost with it)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_app.ui.counter.main_window import MainWindow
from tests.ui.test_ui_receipts import pay_a_sale

pytestmark = pytest.mark.gui

WAIT = 10_000


@pytest.mark.parametrize("outcome", [None, "the printer is off"])
def test_closing_the_receipt_while_it_prints_lets_the_print_end(
    window: MainWindow,
    qtbot: QtBot,
    control: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    outcome: str | None,
) -> None:
    from pos_app.ui.receipts import preview as preview_module

    ref = pay_a_sale(window, qtbot, control)
    window.rt.config = window.rt.config.with_changes(receipt_printer="file:/dev/null")
    answer = asyncio.Event()
    asked: list[bool] = []

    async def slow_print(*_args: Any) -> str | None:
        asked.append(True)
        await answer.wait()  # the printer has not answered when the preview closes
        return outcome

    monkeypatch.setattr(preview_module, "print_receipt", slow_print)
    loop = asyncio.get_event_loop()
    failed: list[dict[str, Any]] = []
    before = loop.get_exception_handler()
    loop.set_exception_handler(lambda _loop, context: failed.append(context))
    try:
        preview = window.open_receipt(ref)
        assert preview is not None
        qtbot.waitExposed(preview)
        task = preview.print_now()
        qtbot.waitUntil(lambda: bool(asked), timeout=WAIT)
        gone: list[bool] = []
        preview.destroyed.connect(lambda: gone.append(True))
        preview.close_button.click()
        assert not preview.isVisible()
        answer.set()
        qtbot.waitUntil(lambda: task.done() and bool(gone), timeout=WAIT)
    finally:
        loop.set_exception_handler(before)
    assert not task.cancelled()  # the receipt was not cut short on the printer
    assert failed == []
    problems = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    if outcome is None:
        assert problems == []
    else:  # nobody sees the preview any more: the log says it did not print
        assert len(problems) == 1 and "the printer is off" in problems[0], problems
