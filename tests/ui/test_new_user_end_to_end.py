"""A new shop, as its owner meets the app: an account with no store and no box yet.

From an empty data folder: the assistant opens, the token is pasted and tested, a store and a
box are created through Mercado Pago (the sandbox), the box's QR sticker is saved; then
Products: three products typed and a CSV imported; and the first sale is rung up with the
keyboard only and paid on the new box (screenshots ``new_user_*``).
"""

from __future__ import annotations

from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from pos_app.runtime import open_runtime
from pos_app.sandbox.state import SandboxState
from pos_app.settings import config as config_mod
from pos_app.settings import paths, secrets
from pos_app.settings.memory_keyring import MemoryKeyring
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.qtkit.bridge import EngineBridge
from pos_app.ui.settings import qr_sticker
from pos_app.ui.settings.setup_assistant import STEP_PLACE, STEP_READY
from pos_app.ui.settings.store import VIEW_LISTS, VIEW_NEW_BOX, VIEW_NEW_STORE
from tests.ui.conftest import SANDBOX_URL
from tests.ui.test_setup_assistant import (
    check_token,
    keyring_memory,
    press_next,
    shown_assistant,
    start,
)
from tests.ui.test_ui_products import fill_the_catalog_and_sell

pytestmark = pytest.mark.gui

__all__ = ["keyring_memory"]  # the fixture, shared with the assistant's own tests

WAIT = 10_000


def test_a_new_account_creates_its_store_and_box_prints_the_qr_and_sells(
    qloop: Any,
    qtbot: QtBot,
    keyring_memory: MemoryKeyring,
    sandbox_app: Any,
    sandbox_state: SandboxState,
    run: Any,
    tmp_path: Path,
    screenshot: Any,
) -> None:
    # A brand-new Mercado Pago account: no store, no box.
    seller = sandbox_state.seller_id
    sandbox_state.boxes.clear()
    sandbox_state.stores.clear()
    assert config_mod.load().config.store_external_id == ""  # an empty data folder

    task = start(sandbox_app)
    assistant = shown_assistant(qtbot)
    check_token(qtbot, assistant, sandbox_state.seller_token)
    qtbot.waitUntil(assistant.next_button.isEnabled, timeout=WAIT)
    press_next(qtbot, assistant, to=STEP_PLACE)
    assert assistant.step == STEP_PLACE

    page = assistant.place
    qtbot.waitUntil(lambda: page.places is not None and not page.is_busy(), timeout=WAIT)
    assert not assistant.next_button.isEnabled()  # nothing to charge on yet

    # The store: name (the external id is suggested from it), address, map position.
    qtbot.mouseClick(page.new_store_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentIndex() == VIEW_NEW_STORE
    form = page.store_form
    form.name.setFocus()
    qtbot.keyClicks(form.name, "Almacen La Esquina")
    for edit, text in (
        (form.street, "Av. Corrientes"),
        (form.number, "1234"),
        (form.city, "CABA"),
        (form.state, "Capital Federal"),
    ):
        qtbot.keyClicks(edit, text)
    form.latitude.insert("-34.6037, -58.3816")  # pasted from a map
    assert form.problems() == {}
    store_id = form.external_id.text()
    qtbot.mouseClick(form.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentIndex() == VIEW_LISTS, timeout=WAIT)
    store = sandbox_state.find_store(seller, store_id)
    assert store is not None and store.name == "Almacen La Esquina"

    # Its first box: the proposed name and id are fine. (The button waits for the lists to
    # reload with the new store chosen: under load that is after the view is back.)
    qtbot.waitUntil(page.new_box_button.isEnabled, timeout=WAIT)
    qtbot.mouseClick(page.new_box_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentIndex() == VIEW_NEW_BOX
    box_id = page.box_form.external_id.text()
    qtbot.mouseClick(page.box_form.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentIndex() == VIEW_LISTS, timeout=WAIT)
    box = sandbox_state.find_box(seller, box_id)
    assert box is not None and box.fixed_amount and box.store_id == store.id

    # The sticker shows exactly the box's QR text, and saves for the printer.
    qtbot.waitUntil(lambda: page.sticker.info is not None, timeout=WAIT)
    assert page.sticker.info.qr_text == box.qr_code
    png = tmp_path / "sticker.png"
    assert qr_sticker.save_png(page.sticker.info, png) and not QImage(str(png)).isNull()
    qtbot.waitUntil(assistant.next_button.isEnabled, timeout=WAIT)
    screenshot(assistant, "new_user_2_created_store_and_box")
    qtbot.mouseClick(assistant.next_button, Qt.MouseButton.LeftButton)
    assert assistant.step == STEP_READY
    qtbot.mouseClick(assistant.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(task.done, timeout=WAIT)
    outcome = task.result()
    assert outcome is not None and outcome.config is not None
    saved = config_mod.load().config
    assert (saved.store_external_id, saved.box_external_id) == (store_id, box_id)
    token = secrets.load_token().token
    assert token is not None  # in the (test) keyring, not in the config file
    assert sandbox_state.seller_token not in paths.config_path().read_text(encoding="utf-8")

    # The first sale, on the new box.
    stack = AsyncExitStack()
    rt = run(
        stack.enter_async_context(
            open_runtime(
                config=saved,
                token=token,
                base_url=SANDBOX_URL,
                http_transport=httpx.ASGITransport(app=sandbox_app),
            )
        )
    )
    bridge = EngineBridge(rt.engine.bus)
    win = MainWindow(rt, bridge)
    try:
        win.resize(1024, 768)
        win.show()
        qtbot.waitExposed(win)
        win.activateWindow()
        # The shop has no products yet: Products, three typed and a CSV, then a sale with the
        # keyboard only (tests/ui/test_ui_products.py), paid on the new box.
        fill_the_catalog_and_sell(
            win,
            qtbot,
            tmp_path,
            screenshot,
            lambda: sandbox_state.pay_box("approved", box_id, user_id=seller),
            prefix="new_user_3",
        )
    finally:
        for pending in win.tasks.cancel_all():
            qtbot.waitUntil(pending.done, timeout=3000)
        bridge.detach()
        win.close()
        win.deleteLater()
        run(stack.aclose())
