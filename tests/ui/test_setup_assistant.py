"""The first-run assistant: token → store and box → sticker; the demo offer; start-up wiring."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import qasync
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from pos_app import app as app_mod
from pos_app.mercadopago.credentials import AccessToken
from pos_app.sandbox.app import create_sandbox_app
from pos_app.sandbox.server import SandboxServer
from pos_app.sandbox.state import SandboxState
from pos_app.settings import config as config_mod
from pos_app.settings import paths, secrets
from pos_app.settings.config import Config, LoadResult
from pos_app.settings.memory_keyring import MemoryKeyring, memory_keyring
from pos_app.settings.secrets import TokenSource
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.settings.account import UNSAVED_CHOICE
from pos_app.ui.settings.setup_assistant import (
    STEP_ACCOUNT,
    STEP_PLACE,
    STEP_READY,
    SetupAssistant,
    SetupOutcome,
    run_setup_assistant,
)

pytestmark = pytest.mark.gui

WAIT = 10_000
SANDBOX_URL = "http://127.0.0.1:9"  # never dialled: the transport is in-process


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


def start(
    sandbox_app: Any, loaded: LoadResult | None = None, source: TokenSource | None = None
) -> asyncio.Task[SetupOutcome | None]:
    return asyncio.ensure_future(
        run_setup_assistant(
            loaded or LoadResult(Config()),
            source or TokenSource(None, ""),
            base_url=SANDBOX_URL,
            http_transport=httpx.ASGITransport(app=sandbox_app),
        )
    )


def shown_assistant(qtbot: QtBot) -> SetupAssistant:
    qtbot.waitUntil(lambda: visible(SetupAssistant) is not None, timeout=WAIT)
    assistant: SetupAssistant = visible(SetupAssistant)
    assistant.resize(980, 760)
    qtbot.waitExposed(assistant)
    return assistant


def check_token(qtbot: QtBot, assistant: SetupAssistant, token: str) -> None:
    assistant.account.token_edit.setFocus()
    qtbot.keyClicks(assistant.account.token_edit, token)
    qtbot.mouseClick(assistant.account.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not assistant.account.is_busy(), timeout=WAIT)


def press_next(qtbot: QtBot, assistant: SetupAssistant, *, to: int) -> None:
    """Click Next and wait for the step it leads to: leaving the first step saves the token
    first, on a worker thread (the window goes on meanwhile)."""
    qtbot.mouseClick(assistant.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: assistant.step == to and not assistant.is_saving(), timeout=WAIT)


def test_first_run_goes_from_token_to_store_and_box_to_the_sticker(
    qloop: Any,
    qtbot: QtBot,
    keyring_memory: MemoryKeyring,
    sandbox_app: Any,
    sandbox_state: SandboxState,
    screenshot: Any,
) -> None:
    task = start(sandbox_app)
    assistant = shown_assistant(qtbot)
    assert assistant.step == STEP_ACCOUNT
    assert not assistant.next_button.isEnabled()
    assert "Test connection" in assistant.footer.text()
    assert assistant.demo_button.isVisible()
    screenshot(assistant, "assistant_1_token")

    check_token(qtbot, assistant, sandbox_state.seller_token)
    assert assistant.account.card.isVisible()
    qtbot.waitUntil(assistant.next_button.isEnabled, timeout=WAIT)
    screenshot(assistant, "assistant_1_token_checked")
    press_next(qtbot, assistant, to=STEP_PLACE)
    assert secrets.load_token().token == AccessToken(sandbox_state.seller_token)  # saved now

    assert assistant.step == STEP_PLACE
    place = assistant.place
    # The seeded account has one store with one box: both proposed, QR fetched.
    qtbot.waitUntil(lambda: place.sticker.info is not None, timeout=WAIT)
    qtbot.waitUntil(assistant.next_button.isEnabled, timeout=WAIT)
    screenshot(assistant, "assistant_2_store_and_box")
    qtbot.mouseClick(assistant.next_button, Qt.MouseButton.LeftButton)

    assert assistant.step == STEP_READY
    assert assistant.next_button.text().replace("&", "") == "Start selling"
    assert assistant.sticker.info is not None
    assert "Caja 1" in assistant.summary.text() and "Sucursal Centro" in assistant.summary.text()
    screenshot(assistant, "assistant_3_ready")
    qtbot.mouseClick(assistant.next_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(task.done, timeout=WAIT)
    outcome = task.result()
    assert outcome is not None and not outcome.demo and outcome.token is None
    saved = config_mod.load().config
    assert saved == outcome.config
    assert (saved.user_id, saved.site_id, saved.is_test_user) == (
        sandbox_state.seller_id,
        "MLA",
        True,
    )
    assert (saved.store_external_id, saved.box_external_id) == ("SUC001", "CAJA01")
    assert visible(SetupAssistant) is None  # closed (and deleted)


def test_the_demo_can_be_chosen_from_the_first_step(
    qloop: Any, qtbot: QtBot, keyring_memory: MemoryKeyring, sandbox_app: Any
) -> None:
    task = start(sandbox_app)
    assistant = shown_assistant(qtbot)
    qtbot.mouseClick(assistant.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(task.done, timeout=WAIT)
    assert task.result() == SetupOutcome(demo=True)
    assert not paths.config_path().exists()  # nothing saved for a demo


def test_closing_the_assistant_ends_the_app(
    qloop: Any, qtbot: QtBot, keyring_memory: MemoryKeyring, sandbox_app: Any
) -> None:
    task = start(sandbox_app)
    assistant = shown_assistant(qtbot)
    qtbot.keyClick(assistant, Qt.Key.Key_Escape)  # Esc must not throw the setup away
    assert assistant.isVisible()
    assistant.close()
    qtbot.waitUntil(task.done, timeout=WAIT)
    assert task.result() is None


def test_without_a_keyring_the_token_can_serve_this_session_only(
    qloop: Any,
    qtbot: QtBot,
    sandbox_app: Any,
    sandbox_state: SandboxState,
    screenshot: Any,
) -> None:
    UNSAVED_CHOICE.chosen = False
    task = start(sandbox_app)  # the suite's "fail" keyring: nowhere to save a token
    assistant = shown_assistant(qtbot)
    page = assistant.account
    # Said once, before anyone types, in plain words, with what to do.
    storage = page.storage.text()
    assert "no password keyring" in storage and "MP_ACCESS_TOKEN" in storage
    assert "GNOME Keyring" in storage
    assert page.unsaved_check.isVisible() and not page.unsaved_check.isChecked()
    check_token(qtbot, assistant, sandbox_state.seller_token)
    qtbot.waitUntil(lambda: page.card.isVisible(), timeout=WAIT)
    # Next stays off until it can work, and the footer says what to tick.
    assert not assistant.next_button.isEnabled()
    assert "Use the token without saving it" in assistant.footer.text()
    everything = " ".join(
        label.text() for label in assistant.findChildren(QLabel) if label.isVisible()
    )
    assert "fail Keyring" not in everything and "Keyring)" not in everything
    assert everything.count("no password keyring") == 1  # once, not three times
    assert not page.token_field.error.text()
    screenshot(assistant, "assistant_no_keyring")

    qtbot.mouseClick(page.unsaved_check, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    assert page.unsaved_check.isChecked() and UNSAVED_CHOICE.chosen
    assert "used until the app closes" in page.secret_status.text()
    assert assistant.next_button.isEnabled()
    screenshot(assistant, "assistant_no_keyring_unsaved_chosen")
    qtbot.mouseClick(assistant.next_button, Qt.MouseButton.LeftButton)
    assert assistant.step == STEP_PLACE
    qtbot.mouseClick(assistant.back_button, Qt.MouseButton.LeftButton)
    assert page.unsaved_check.isChecked()  # remembered
    assert assistant.next_button.isEnabled()
    qtbot.mouseClick(assistant.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(assistant.next_button.isEnabled, timeout=WAIT)
    qtbot.mouseClick(assistant.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(assistant.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(task.done, timeout=WAIT)
    outcome = task.result()
    assert outcome is not None and outcome.token == AccessToken(sandbox_state.seller_token)
    assert sandbox_state.seller_token not in paths.config_path().read_text(encoding="utf-8")
    assert UNSAVED_CHOICE.chosen  # Settings, later in this run, starts with it ticked
    UNSAVED_CHOICE.chosen = False


def test_a_damaged_config_is_announced_and_the_demo_restarts_the_app(
    qloop: Any, qtbot: QtBot, keyring_memory: MemoryKeyring, screenshot: Any
) -> None:
    paths.config_path().write_text(
        '{"schema_version": 1, "order_ttl_minutes": "soon"}', encoding="utf-8"
    )
    task = asyncio.ensure_future(app_mod.run_windows())
    assistant = shown_assistant(qtbot)
    assert assistant.banner.isVisible()
    assert "damaged" in assistant.banner.text() and "order_ttl_minutes" in assistant.banner.text()
    assert list(paths.config_dir().glob("config.json.damaged-*"))
    screenshot(assistant, "assistant_damaged_config")
    qtbot.mouseClick(assistant.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(task.done, timeout=WAIT)
    assert task.result() == app_mod.DEMO_REQUESTED
    assert visible(MainWindow) is None  # no unusable window was shown


def test_main_restarts_into_the_demo_when_asked(
    monkeypatch: pytest.MonkeyPatch, qapp: Any, _isolated_home: Any
) -> None:
    runs: list[tuple[bool, str]] = []

    async def fake_run_windows(
        *,
        demo: bool = False,
        demo_site: str = "MLA",
        customer_display: bool = False,
        first: Any = None,
        window: Any = None,
    ) -> int:
        runs.append((demo, os.environ["POS_APP_HOME"]))
        return 0 if demo else app_mod.DEMO_REQUESTED  # the assistant's "Try the demo first"

    monkeypatch.setattr(app_mod, "run_windows", fake_run_windows)
    monkeypatch.setattr(qasync, "run", asyncio.run)  # main() imports it after the first frame
    assert app_mod.main() == 0
    assert [demo for demo, _ in runs] == [False, True]
    assert runs[0][1] == str(_isolated_home)
    assert runs[1][1] != str(_isolated_home)  # the demo never touches the real folder
    assert os.environ["POS_APP_HOME"] == str(_isolated_home)


def test_a_token_from_the_environment_skips_straight_to_its_account(
    qloop: Any,
    qtbot: QtBot,
    keyring_memory: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    run: Any,
) -> None:
    """The whole start-up over a real socket: env token, assistant, then the counter window."""
    state = SandboxState.seeded()
    server = SandboxServer(create_sandbox_app(state))
    run(server.__aenter__())
    try:
        monkeypatch.setenv("MP_API_BASE_URL", server.base_url)
        monkeypatch.setenv("MP_ACCESS_TOKEN", state.seller_token)
        task = asyncio.ensure_future(app_mod.run_windows())
        assistant = shown_assistant(qtbot)
        assert "MP_ACCESS_TOKEN" in assistant.account.secret_status.text()
        # Checked on arrival: no typing needed.
        qtbot.waitUntil(assistant.account.card.isVisible, timeout=WAIT)
        qtbot.waitUntil(assistant.next_button.isEnabled, timeout=WAIT)
        qtbot.mouseClick(assistant.next_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(assistant.next_button.isEnabled, timeout=WAIT)
        qtbot.mouseClick(assistant.next_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(assistant.next_button, Qt.MouseButton.LeftButton)
        # The window comes first ("Connecting…"), its runtime right after.
        qtbot.waitUntil(lambda: ready_window() is not None, timeout=WAIT)
        window: MainWindow = visible(MainWindow)
        assert window.rt.config.box_external_id == "CAJA01"
        assert window.rt.token_origin == "environment"
        assert "Sucursal Centro" in window.status.place.text()
        assert visible(QMessageBox) is None  # nothing to announce
        window.close()
        qtbot.waitUntil(task.done, timeout=WAIT)
        assert task.result() == 0
    finally:
        run(server.__aexit__(None, None, None))


def test_a_keyring_that_could_not_be_read_is_not_a_first_run(
    qloop: Any, qtbot: QtBot, keyring_memory: MemoryKeyring, sandbox_app: Any, screenshot: Any
) -> None:
    """The desktop's keyring stayed locked (its unlock prompt dismissed) or did not answer: the
    token is probably in it. The assistant said "No access token yet", as on a first run."""
    config = Config(store_external_id="SUC001", box_external_id="CAJA01", user_id=1)
    task = start(sandbox_app, LoadResult(config), TokenSource(None, "", unreadable="KeyringLocked"))
    assistant = shown_assistant(qtbot)
    status = assistant.account.secret_status.text()
    assert "No access token yet" not in status
    assert "could not be read from this computer's keyring" in status
    assert "Unlock it" in status
    screenshot(assistant, "assistant_keyring_locked")
    assistant.close()
    qtbot.waitUntil(task.done, timeout=WAIT)


def test_closing_the_assistant_while_the_token_is_checked_deletes_it_after_the_check(
    qloop: Any,
    qtbot: QtBot,
    keyring_memory: MemoryKeyring,
    sandbox_app: Any,
    sandbox_state: SandboxState,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The check still running is canceled; its last step (the page no longer busy) touched the
    assistant already deleted: "Internal C++ object already deleted" in the loop's log."""
    from pos_app.ui.settings import account as account_page

    never = asyncio.Event()

    async def check_token(*_args: Any) -> Any:
        await never.wait()  # Mercado Pago has not answered yet when the assistant closes

    monkeypatch.setattr(account_page.account, "check_token", check_token)
    loop = asyncio.get_event_loop()
    failed: list[dict[str, Any]] = []
    before = loop.get_exception_handler()
    loop.set_exception_handler(lambda _loop, context: failed.append(context))
    try:
        task = start(sandbox_app)
        assistant = shown_assistant(qtbot)
        page = assistant.account
        page.token_edit.setFocus()
        qtbot.keyClicks(page.token_edit, sandbox_state.seller_token)
        qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
        assert page.is_busy()
        gone: list[bool] = []
        assistant.destroyed.connect(lambda: gone.append(True))
        assistant.close()
        qtbot.waitUntil(lambda: task.done() and bool(gone) and page._running == 0, timeout=WAIT)
    finally:
        loop.set_exception_handler(before)
    assert task.result() is None
    assert failed == []
