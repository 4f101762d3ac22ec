"""Settings → Customer display: the mode, the screen (following screens), the logo; OK places it.

Screenshot: ``artifacts/screenshots/customer_display_settings.png``.
"""

from __future__ import annotations

import threading
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QColor, QImage, QImageReader
from PySide6.QtWidgets import QApplication, QStyle
from pytestqt.qtbot import QtBot

from pos_app.app import open_customer_display
from pos_app.runtime import Runtime
from pos_app.settings import config as config_mod
from pos_app.settings.memory_keyring import MemoryKeyring
from pos_app.ui.display import customer_display as cd
from pos_app.ui.display.customer_display import CustomerDisplay
from pos_app.ui.settings import display as display_mod
from pos_app.ui.settings.dialog import SECTION_DISPLAY, SettingsDialog
from pos_app.ui.settings.display import DisplayPage
from tests.ui.held import Held
from tests.ui.test_settings_dialog import (  # noqa: F401
    MakeDialog,
    keyring_memory,
    make_dialog,
    press_ok,
)

pytestmark = pytest.mark.gui

WAIT = 10_000


def logo_checked(qtbot: QtBot, page: DisplayPage) -> str:
    """What the logo's field says once its file has been looked at (on a worker thread, once
    typing has paused)."""
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=WAIT)
    return page.logo_box.error.text()


@pytest.fixture
def brief_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    """Typing's pause before the logo's file is looked at, 10 ms instead of 300, for the pages
    made after it: for tests that put a whole path in the field at once (``setText``) and wait
    for its check, where the pause is only time spent. The pause itself is tested at its own
    length (keystrokes, ``qtbot.keyClicks``) in the tests without this fixture."""
    monkeypatch.setattr(display_mod, "LOGO_CHECK_PAUSE_MS", 10)


def picture(path: Path) -> Path:
    image = QImage(200, 100, QImage.Format.Format_RGB32)
    image.fill(QColor("#009ee3"))
    assert image.save(str(path))
    return path


def test_the_page_stores_mode_screen_and_logo(
    qtbot: QtBot,
    brief_pause: None,
    keyring_memory: MemoryKeyring,  # noqa: F811
    make_dialog: MakeDialog,  # noqa: F811
    tmp_path: Path,
    screenshot: Any,
) -> None:
    dialog: SettingsDialog = make_dialog()
    dialog.show_section(SECTION_DISPLAY)
    page = dialog.display
    assert page.mode.currentData() == "off"
    assert not page.screen_box.isEnabled()
    screen_name = QApplication.screens()[0].name()
    assert [page.screen_box.itemData(i) for i in range(page.screen_box.count())] == [
        "",
        screen_name,
    ]

    page.mode.setCurrentIndex(page.mode.findData("fullscreen"))
    assert page.screen_box.isEnabled()
    page.screen_box.setCurrentIndex(1)

    # The logo: said beside the field, and OK waits for a good one.
    page.logo.setText(str(tmp_path / "missing.png"))
    assert logo_checked(qtbot, page) == "There is no file there any more."
    assert not dialog.ok_button.isEnabled()
    (tmp_path / "not-a-picture.png").write_text("hello", encoding="utf-8")
    page.logo.setText(str(tmp_path / "not-a-picture.png"))
    assert logo_checked(qtbot, page) == "This file is not a picture the app can show."
    page.logo.setText("logo.png")
    assert page.logo_box.error.text() == "The logo must be a file chosen with Browse."
    logo = picture(tmp_path / "logo.png")
    page.logo.setText(str(logo))
    assert logo_checked(qtbot, page) == ""
    assert dialog.ok_button.isEnabled()
    screenshot(dialog, "customer_display_settings")

    assert press_ok(qtbot, dialog)
    saved = config_mod.load().config
    assert saved.customer_display == "fullscreen"
    assert saved.customer_display_screen == screen_name
    assert saved.shop_logo == str(logo)


def test_a_screen_not_connected_stays_chosen(
    qtbot: QtBot,
    keyring_memory: MemoryKeyring,  # noqa: F811
    make_dialog: MakeDialog,  # noqa: F811
    runtime: Runtime,
    qapp: Any,
) -> None:
    runtime.config = runtime.config.with_changes(
        customer_display="window", customer_display_screen="HDMI-9"
    )
    dialog = make_dialog()
    page = dialog.display
    assert page.screen_name() == "HDMI-9"
    assert page.screen_box.currentText() == "HDMI-9 (not connected)"
    # A screen comes or goes: the list is read again, the choice kept.
    count = page.screen_box.count()
    qapp.screenAdded.emit(qapp.primaryScreen())
    assert page.screen_box.count() == count and page.screen_name() == "HDMI-9"
    assert page.apply_to(runtime.config).customer_display_screen == "HDMI-9"


def test_ok_in_settings_shows_the_display_with_the_shops_logo(
    qtbot: QtBot,
    brief_pause: None,
    keyring_memory: MemoryKeyring,  # noqa: F811
    window: Any,
    runtime: Runtime,
    run: Any,
    tmp_path: Path,
) -> None:
    stack = AsyncExitStack()
    controller = open_customer_display(stack, window, window.bridge, runtime, show=False)
    try:
        # Off (the default): the menu item is there, the display is not even built.
        assert controller.built is None and not controller.action.isChecked()
        assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, CustomerDisplay)]
        assert controller.action in window.tools_menu.actions()
        dialog = window.open_settings()
        qtbot.waitExposed(dialog)
        dialog.display.mode.setCurrentIndex(dialog.display.mode.findData("window"))
        dialog.display.logo.setText(str(picture(tmp_path / "logo.png")))
        assert logo_checked(qtbot, dialog.display) == ""
        assert press_ok(qtbot, dialog)
        qtbot.waitUntil(lambda: controller.built is not None, timeout=WAIT)
        display = controller.display
        qtbot.waitUntil(display.isVisible, timeout=WAIT)
        assert controller.action.isChecked()
        qtbot.waitUntil(lambda: not display.logo.pixmap().isNull(), timeout=WAIT)
        assert display.shop_name.text() == runtime.config.store_name
    finally:
        run(stack.aclose())


@pytest.mark.parametrize("moment", ["cart", "charging"])
def test_a_display_first_shown_mid_sale_catches_up_with_it(
    qtbot: QtBot, window: Any, runtime: Runtime, run: Any, moment: str
) -> None:
    """Built only when the menu first shows it: it shows the cart, or the charge in progress
    (for which no event is to come), at once."""
    from pos_app.ui.display.customer_display import PAGE_CART, PAGE_CHARGE
    from tests.ui.test_ui_charging import charge, fill_cart

    stack = AsyncExitStack()
    controller = open_customer_display(stack, window, window.bridge, runtime, show=False)
    try:
        fill_cart(window, "7790580001018")
        if moment == "charging":
            charge(qtbot, window)
            assert window.in_payment and window.current_sale is not None
        assert controller.built is None
        controller.action.trigger()
        display = controller.built
        assert display is not None and display.isVisible()
        if moment == "cart":
            assert display.page == PAGE_CART
            assert display.total.text() == window.totals.total.text()
        else:
            assert display.page == PAGE_CHARGE
            assert display.amount.text() == window.totals.total.text()
        # From then on it follows the sale as a display built at start-up does.
        controller.action.trigger()
        assert not display.isVisible() and controller.built is display
    finally:
        run(stack.aclose())


@pytest.mark.posix
def test_a_logo_that_is_a_fifo_or_a_folder_is_said_as_such(
    qtbot: QtBot,
    brief_pause: None,
    keyring_memory: MemoryKeyring,  # noqa: F811
    make_dialog: MakeDialog,  # noqa: F811
    tmp_path: Path,
) -> None:
    """A FIFO (or a folder) named as the logo: "There is no file there any more." was said of
    a name that is there; now what it is, in the words every file the user names gets
    (:class:`~pos_app.system.files.NotAFileError`). Nothing waits for a writer."""
    import os

    dialog: SettingsDialog = make_dialog()
    dialog.show_section(SECTION_DISPLAY)
    page = dialog.display
    fifo = tmp_path / "logo.png"
    os.mkfifo(fifo)
    page.logo.setText(str(fifo))
    assert logo_checked(qtbot, page) == "It is a device or a pipe, not a file: give a file name."
    assert not dialog.ok_button.isEnabled()
    folder = tmp_path / "folder.png"
    folder.mkdir()
    page.logo.setText(str(folder))
    assert logo_checked(qtbot, page) == "It is a folder, not a file: give a file name."
    page.logo.setText(str(tmp_path / "gone.png"))
    assert logo_checked(qtbot, page) == "There is no file there any more."


class HeldReader(Held):
    """The display page's ``QImageReader``, its reading of the picture held (a share that does
    not answer) until the window's timer lets it go."""

    def __call__(self, path: str) -> Any:
        hold = self

        class Reader:
            def size(self) -> QSize:
                hold.hold()
                return QImageReader(path).size()

        return Reader()


def test_the_window_keeps_processing_events_while_the_logo_is_looked_at(
    qtbot: QtBot,
    keyring_memory: MemoryKeyring,  # noqa: F811
    make_dialog: MakeDialog,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before 2026-12-02 every keystroke in the logo's field (and every change on any page of
    Settings) opened the file and read the picture's header on the window's thread: a logo on a
    share that does not answer froze Settings. Now it is looked at on a worker, once typing has
    paused, and OK waits for it."""
    held = HeldReader()
    monkeypatch.setattr(display_mod, "QImageReader", held)
    dialog: SettingsDialog = make_dialog()
    dialog.show_section(SECTION_DISPLAY)
    page = dialog.display
    logo = picture(tmp_path / "logo.png.png")  # a picture's name twice on the way: ".png"
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(held.tick)
    timer.start()
    try:
        qtbot.keyClicks(page.logo, str(logo))
        # Typing has just ended: nothing looked at yet, OK waits and the footer says why.
        assert page.is_busy() and not dialog.ok_button.isEnabled()
        assert dialog.footer.text() == "Display: Checking the logo's picture…"
        # Looking is no problem: the footer in the "busy" blue, the section without a warning.
        assert dialog.footer.property("state") == "busy"
        warning = dialog.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        shown = dialog.sections.item(SECTION_DISPLAY).icon()
        assert shown.pixmap(16).toImage() != warning.pixmap(16).toImage()
        assert page.logo_box.error.text() == ""
        qtbot.waitUntil(lambda: not page.is_busy(), timeout=WAIT)
    finally:
        timer.stop()
    assert held.ticks_while_held >= 3
    assert len(held.threads) == 1  # once, when typing paused, not at each ".png"
    assert held.threads[0] is not threading.main_thread()
    assert page.logo_box.error.text() == "" and dialog.ok_button.isEnabled()
    assert dialog.footer.text() == ""


def test_a_check_overtaken_by_typing_is_not_said(
    qtbot: QtBot,
    brief_pause: None,
    keyring_memory: MemoryKeyring,  # noqa: F811
    make_dialog: MakeDialog,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file still being looked at when another path is typed: its answer (not a picture) is
    not said of the new path, whose own check says it is fine."""
    held = HeldReader()
    monkeypatch.setattr(display_mod, "QImageReader", held)
    dialog: SettingsDialog = make_dialog()
    dialog.show_section(SECTION_DISPLAY)
    page = dialog.display
    text = tmp_path / "text.png"
    text.write_text("hello", encoding="utf-8")
    page.logo.setText(str(text))
    qtbot.waitUntil(held.entered.is_set, timeout=WAIT)
    page.logo.setText(str(picture(tmp_path / "logo.png")))
    qtbot.waitUntil(lambda: len(held.threads) == 2, timeout=WAIT)
    held.release.set()
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=WAIT)
    assert page.logo_box.error.text() == "" and dialog.ok_button.isEnabled()
    page.logo.setText(str(text))  # the first path again: looked at anew, and said
    assert logo_checked(qtbot, page) == "This file is not a picture the app can show."


def test_a_display_closed_while_its_logo_is_read_is_deleted_after_the_reading(
    qtbot: QtBot,
    window: Any,
    runtime: Runtime,
    run: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The app closes while the display's logo is still being read (a share that does not
    answer): the reading is canceled and the display deleted after it, never under it."""
    from tests.ui.test_customer_display import HeldPath

    held = HeldPath()
    held.release_after_ticks = 10**9  # released by the test
    monkeypatch.setattr(cd, "Path", held)
    runtime.config = runtime.config.with_changes(
        customer_display="window", shop_logo=str(picture(tmp_path / "logo.png"))
    )
    stack = AsyncExitStack()
    controller = open_customer_display(stack, window, window.bridge, runtime, show=False)
    display = controller.display
    qtbot.waitUntil(held.entered.is_set, timeout=WAIT)
    reading = display.tasks.pending()
    assert len(reading) == 1
    with qtbot.waitSignal(display.destroyed, timeout=WAIT):
        run(stack.aclose())
        assert reading[0].cancelled()
    held.release.set()
    assert "logo was not shown" not in caplog.text


def test_the_saved_logo_is_looked_at_at_once_and_typing_still_waits_for_a_pause(
    qtbot: QtBot,
    keyring_memory: MemoryKeyring,  # noqa: F811
    make_dialog: MakeDialog,  # noqa: F811
    runtime: Runtime,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Settings opened with a logo saved: its file is looked at without waiting for typing;
    a logo typed afterwards is still looked at once, when typing pauses."""
    held = HeldReader()
    monkeypatch.setattr(display_mod, "QImageReader", held)
    runtime.config = runtime.config.with_changes(shop_logo=str(picture(tmp_path / "saved.png")))
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(held.tick)
    timer.start()
    try:
        dialog: SettingsDialog = make_dialog()
        page = dialog.display
        assert logo_checked(qtbot, page) == "" and len(held.threads) == 1
        # Typing still waits for its pause (a 0 ms pause was a check at each ".png").
        assert page._logo_pause.interval() == display_mod.LOGO_CHECK_PAUSE_MS
        held.release.clear()
        held.ticks_while_held = 0
        page.logo.clear()
        qtbot.keyClicks(page.logo, str(picture(tmp_path / "logo.png.png")))
        assert logo_checked(qtbot, page) == ""
    finally:
        timer.stop()
    assert len(held.threads) == 2  # once for the saved one, once for the typed one
