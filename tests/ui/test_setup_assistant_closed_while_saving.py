"""The setup assistant closed (its title bar's button, Ctrl-C, SIGTERM) while it saves the token
to the keyring on a worker thread: it ended at once, the save still running behind it (a failure
seen by nobody), and Ctrl-C or SIGTERM were not even caught while it was open (SIGTERM ended
the process in the middle of the save). It now stays until the save has ended, then ends."""

from __future__ import annotations

import logging
import signal
import threading
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_app.mercadopago.credentials import AccessToken
from pos_app.sandbox.state import SandboxState
from pos_app.settings import secrets
from pos_app.settings.memory_keyring import MemoryKeyring
from pos_app.ui.settings import saving
from pos_app.ui.settings.setup_assistant import STEP_ACCOUNT, SetupAssistant
from tests.ui.conftest import settle
from tests.ui.test_setup_assistant import WAIT, check_token, keyring_memory, shown_assistant, start

pytestmark = pytest.mark.gui
__all__ = ["keyring_memory"]  # the fixture, used here


def saving_token(
    qtbot: QtBot, sandbox_app: Any, token: str, monkeypatch: pytest.MonkeyPatch, fail: bool
) -> tuple[Any, SetupAssistant, threading.Event]:
    """The assistant with its Next pressed: the token's save held on its worker thread."""
    release = threading.Event()
    real = saving.write_all

    def held(writes: Any) -> Any:
        release.wait(WAIT / 1000)
        if fail:
            return saving.SaveFailure(0, OSError("the keyring is locked"))
        return real(writes)

    monkeypatch.setattr(saving, "write_all", held)
    task = start(sandbox_app)
    assistant = shown_assistant(qtbot)
    check_token(qtbot, assistant, token)
    qtbot.waitUntil(assistant.next_button.isEnabled, timeout=WAIT)
    assistant.go_next()
    assert assistant.is_saving() and assistant.step == STEP_ACCOUNT
    return task, assistant, release


@pytest.mark.parametrize("how", ["close", "SIGTERM", "SIGINT"])
def test_closing_the_assistant_while_the_token_is_saved_waits_for_the_save(
    qloop: Any,
    qtbot: QtBot,
    keyring_memory: MemoryKeyring,
    sandbox_app: Any,
    sandbox_state: SandboxState,
    monkeypatch: pytest.MonkeyPatch,
    how: str,
) -> None:
    task, assistant, release = saving_token(
        qtbot, sandbox_app, sandbox_state.seller_token, monkeypatch, fail=False
    )
    if how == "close":
        assistant.close()
    else:  # what the signal runs (the assistant installs it while it is open)
        handler = signal.getsignal(getattr(signal, how))
        assert callable(handler) and handler is not signal.default_int_handler
        handler(getattr(signal, how), None)
    settle()  # the close the signal queued runs (it must not end the assistant)
    assert assistant.isVisible() and not task.done() and assistant.is_saving()
    assert "closes as soon as it is done" in assistant.footer.text()
    release.set()
    qtbot.waitUntil(task.done, timeout=WAIT)
    assert task.result() is None  # closed: the app ends; the token saved for the next start
    assert secrets.load_token().token == AccessToken(sandbox_state.seller_token)


def test_a_save_that_fails_after_the_close_is_logged(
    qloop: Any,
    qtbot: QtBot,
    keyring_memory: MemoryKeyring,
    sandbox_app: Any,
    sandbox_state: SandboxState,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    task, assistant, release = saving_token(
        qtbot, sandbox_app, sandbox_state.seller_token, monkeypatch, fail=True
    )
    assistant.close()
    assert assistant.isVisible() and not task.done()
    release.set()
    qtbot.waitUntil(task.done, timeout=WAIT)
    assert task.result() is None
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("without saving the token" in e and "keyring is locked" in e for e in errors)
    assert sandbox_state.seller_token not in caplog.text  # the token itself is never logged
