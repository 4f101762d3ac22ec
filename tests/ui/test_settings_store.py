"""Settings → Store and box: list, choose, create, and the box's QR sticker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from pos_app.runtime import Runtime
from pos_app.sandbox.state import SandboxState
from pos_app.settings import config as config_mod
from pos_app.settings.memory_keyring import MemoryKeyring, memory_keyring
from pos_app.ui.settings import qr_sticker
from pos_app.ui.settings.dialog import SECTION_PLACE, SettingsDialog
from pos_app.ui.settings.qr_sticker import StickerInfo
from pos_app.ui.settings.session import SettingsSession
from pos_app.ui.settings.store import VIEW_LISTS, VIEW_NEW_BOX, VIEW_NEW_STORE, StoreBoxPage
from tests.ui.conftest import keep_picture
from tests.ui.test_settings_dialog import press_ok

pytestmark = pytest.mark.gui

WAIT = 10_000


@pytest.fixture
def keyring_memory() -> Iterator[MemoryKeyring]:
    with memory_keyring() as backend:
        yield backend


@pytest.fixture
def dialog(
    runtime: Runtime, qtbot: QtBot, keyring_memory: MemoryKeyring
) -> Iterator[SettingsDialog]:
    session = SettingsSession(
        runtime.config, runtime.client, token=runtime.client.token, origin="keyring"
    )
    dlg = SettingsDialog(session)
    dlg.resize(980, 760)
    dlg.open()
    qtbot.waitExposed(dlg)
    dlg.activateWindow()  # focus checks need the active window (other tests' windows linger)
    dlg.show_section(SECTION_PLACE)
    yield dlg
    for task in [t for page in dlg.pages for t in page.forget_tasks()]:
        qtbot.waitUntil(task.done, timeout=3000)
    dlg.close()
    dlg.delete_when_settled()  # after the canceled calls' last steps


def loaded(qtbot: QtBot, page: StoreBoxPage) -> StoreBoxPage:
    qtbot.waitUntil(lambda: page.places is not None and not page.is_busy(), timeout=WAIT)
    return page


def rows(view: Any) -> list[str]:
    return [view.item(i).text() for i in range(view.count())]


def test_the_configured_store_and_box_are_listed_chosen_and_their_qr_shown(
    qtbot: QtBot, dialog: SettingsDialog, sandbox_state: SandboxState, screenshot: Any
) -> None:
    page = loaded(qtbot, dialog.place)
    assert rows(page.store_list)[0].startswith("Sucursal Centro\nid SUC001")
    assert rows(page.box_list) == ["Caja 1\nid CAJA01"]
    assert page.store_list.currentRow() == 0 and page.box_list.currentRow() == 0
    qtbot.waitUntil(lambda: page.sticker.info is not None, timeout=WAIT)
    box = next(iter(sandbox_state.boxes.values()))
    assert page.sticker.info.qr_text == box.qr_code  # the box's own EMVCo text
    assert page.sticker.preview.pixmap().width() > 150
    assert page.chosen.text() == "This computer charges on: Sucursal Centro · Caja 1"
    assert page.sticker.print_button.isEnabled() and page.sticker.pdf_button.isEnabled()
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT)
    screenshot(dialog, "settings_store_and_box")


def test_a_new_store_is_validated_then_created(
    qtbot: QtBot, dialog: SettingsDialog, sandbox_state: SandboxState, screenshot: Any
) -> None:
    page = loaded(qtbot, dialog.place)
    qtbot.mouseClick(page.new_store_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentIndex() == VIEW_NEW_STORE
    form = page.store_form
    qtbot.mouseClick(form.create_button, Qt.MouseButton.LeftButton)  # empty: say what is missing
    assert form.fields["name"].error.text() == "Mercado Pago needs this."
    assert form.fields["latitude"].error.isVisible()
    qtbot.waitUntil(form.name.hasFocus, timeout=WAIT)  # focus lands on the next event turn
    form.external_id.setFocus()
    qtbot.keyClicks(form.external_id, "SUC001")
    assert "already uses" in form.fields["external_id"].error.text()
    screenshot(dialog, "settings_new_store_errors")

    form.external_id.clear()
    form._id_edited = False
    form.name.insert("Kiosco Ñandú")  # typed (QtTest cannot type Ñ)
    assert form.external_id.text() == "KIOSCONANDU"  # suggested from the name
    for edit, text in (
        (form.street, "Av. Pellegrini"),
        (form.number, "1500"),
        (form.city, "Rosario"),
        (form.state, "Santa Fe"),
    ):
        qtbot.keyClicks(edit, text)
    form.latitude.setFocus()
    qtbot.keyClicks(form.latitude, "-32.95, -60.6")  # typed: left alone until Enter
    assert form.longitude.text() == ""
    qtbot.keyClick(form.latitude, Qt.Key.Key_Return)
    assert (form.latitude.text(), form.longitude.text()) == ("-32.95", "-60.6")
    form.latitude.clear()
    form.latitude.insert("-32.9587, -60.6930")  # pasted from a map: split in two at once
    assert (form.latitude.text(), form.longitude.text()) == ("-32.9587", "-60.6930")
    form.hours_box.setChecked(True)
    form.closes.setText("08:00")
    form._edited("hours")
    assert "later than" in form.fields["hours"].error.text()
    form.closes.setText("20:30")
    form._edited("hours")
    assert form.problems() == {}
    qtbot.wait(50)  # the opening hours appeared: let the form grow before scrolling to its end
    page.stack.currentWidget().ensureWidgetVisible(form.create_button)
    screenshot(dialog, "settings_new_store")
    qtbot.mouseClick(form.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentIndex() == VIEW_LISTS, timeout=WAIT)
    # The lists reload after a creation: the footer speaks of the box once they are back.
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=WAIT)
    created = sandbox_state.find_store(sandbox_state.seller_id, "KIOSCONANDU")
    assert created is not None and created.location["city_name"] == "Rosario"
    assert created.business_hours["monday"] == [{"open": "09:00", "close": "20:30"}]
    assert "sunday" not in created.business_hours
    assert page.store_list.currentItem().text().startswith("Kiosco Ñandú")
    assert "No box yet" in rows(page.box_list)[0]
    assert not dialog.ok_button.isEnabled()  # a store without a box cannot charge
    assert "Choose the box" in dialog.footer.text()


def test_a_new_box_is_created_with_a_fixed_amount_and_saved_on_ok(
    qtbot: QtBot, dialog: SettingsDialog, sandbox_state: SandboxState, screenshot: Any
) -> None:
    page = loaded(qtbot, dialog.place)
    qtbot.mouseClick(page.new_box_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentIndex() == VIEW_NEW_BOX
    form = page.box_form
    assert form.name.text() == "Box 2"
    assert form.external_id.text() == "BOX2"
    assert "621102" in form.category_field.hint.text()  # the food MCC for Argentina
    qtbot.keyClicks(form.category, "food")
    assert "number" in form.fields["category"].error.text()
    form.external_id.clear()
    qtbot.keyClicks(form.external_id, "CAJA 2")
    assert "letters and digits" in form.fields["external_id"].error.text()
    screenshot(dialog, "settings_new_box_errors")
    form.category.clear()
    qtbot.keyClicks(form.category, "621102")
    form.external_id.clear()
    qtbot.keyClicks(form.external_id, "CAJA02")
    qtbot.mouseClick(form.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentIndex() == VIEW_LISTS, timeout=WAIT)
    box = sandbox_state.find_box(sandbox_state.seller_id, "CAJA02")
    assert box is not None and box.fixed_amount and box.category == 621102
    qtbot.waitUntil(lambda: page.sticker.info is not None, timeout=WAIT)
    assert page.sticker.info.qr_text == box.qr_code
    assert page.box_list.currentItem().text() == "Box 2\nid CAJA02"
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT)  # the lists' reload is over
    assert press_ok(qtbot, dialog)
    saved = config_mod.load().config
    assert (saved.store_external_id, saved.box_external_id) == ("SUC001", "CAJA02")
    assert saved.box_name == "Box 2" and saved.store_name == "Sucursal Centro"


def test_a_refusal_from_mercado_pago_shows_beside_its_field(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    page = loaded(qtbot, dialog.place)
    page.open_new_box()
    form = page.box_form
    form.taken_ids = []  # as if the list were stale: only Mercado Pago knows CAJA01 exists
    form.external_id.setText("CAJA01")
    qtbot.mouseClick(form.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(form.fields["external_id"].error.text()), timeout=WAIT)
    assert "refused" in form.fields["external_id"].error.text()
    assert page.stack.currentIndex() == VIEW_NEW_BOX  # still there, to fix it


def test_boxes_made_in_the_web_panel_are_explained_not_hidden(
    qtbot: QtBot, dialog: SettingsDialog, sandbox_state: SandboxState, screenshot: Any
) -> None:
    store = sandbox_state.find_store(sandbox_state.seller_id, "SUC001")
    sandbox_state.add_box(
        sandbox_state.seller_id, store, "Caja del panel", "", fixed_amount=False, category=None
    )
    page = dialog.place
    page.reload()
    page = loaded(qtbot, page)
    assert rows(page.box_list)[1] == "Caja del panel\nno box id (made in the web panel)"
    page.box_list.setCurrentRow(1)
    assert "web panel" in page.choice_problem.text() and page.choice_problem.isVisible()
    assert not dialog.ok_button.isEnabled()
    screenshot(dialog, "settings_box_from_web_panel")
    page.box_list.setCurrentRow(0)
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT)


def test_without_network_the_saved_choice_stays_valid(
    qtbot: QtBot, dialog: SettingsDialog, control: Any
) -> None:
    control.faults(error_rate=1.0, kinds=["drop"], path_prefix="/users/")
    page = dialog.place
    page.reload()
    qtbot.waitUntil(lambda: page.error.isVisible() and not page.is_busy(), timeout=WAIT)
    assert "Cannot reach Mercado Pago" in page.error.text()
    # Offline is no reason to lose the saved choice: OK stays possible.
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT)
    control.clear_faults()
    qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.store_list.count() == 1 and not page.is_busy(), timeout=WAIT)
    assert not page.error.isVisible()


# == the QR itself =================================================================================
QR_TEXT = (
    "00020101021143500016com.mercadolibre0128f3b1c2d4e5f60718293a4b5c6d7e8f950150011"
    "500100000152040000530303258025AR5914Sucursal Centro6004CABA62100706CAJA016304ABCD"
)


def test_the_qr_image_holds_exactly_the_boxs_text(qapp: Any) -> None:
    scale, border = 3, 4
    image = qr_sticker.qr_image(QR_TEXT, scale=scale, border=border)
    matrix = qr_sticker.qr_matrix(QR_TEXT)
    side = len(matrix) + 2 * border
    assert image.width() == image.height() == side * scale
    assert qr_sticker.make_qr(QR_TEXT).designator.endswith("-M")  # not a Micro QR
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            x, y = (c + border) * scale + 1, (r + border) * scale + 1
            assert (QColor(image.pixel(x, y)).lightness() < 128) == dark, (r, c)
    # A different text gives a different picture: the text really went in.
    assert qr_sticker.qr_matrix(QR_TEXT + "X") != matrix


def test_a_boxs_qr_is_encoded_once_for_its_preview_and_picture(qapp: Any) -> None:
    """Encoding is pure Python (~12 ms): the preview asked for it twice, the customer display
    at every sale. The symbol is kept for the text and never changed by a reader."""
    qr_sticker.make_qr.cache_clear()
    matrix = qr_sticker.qr_matrix(QR_TEXT)
    qr_sticker.qr_image(QR_TEXT, scale=2)
    assert qr_sticker.make_qr.cache_info().misses == 1
    assert qr_sticker.qr_matrix(QR_TEXT) == matrix


def info() -> StickerInfo:
    return StickerInfo(QR_TEXT, "Almacén Don Pepe", "Caja 1", "Pay with Mercado Pago", "Scan me")


def test_the_sticker_is_drawn_with_the_qr_large_and_the_names(qapp: Any) -> None:
    image = qr_sticker.sticker_image(info())
    assert (image.width(), image.height()) == qr_sticker.STICKER_PX
    keep_picture(image, "sticker")
    # The top band is Mercado Pago blue; the QR's finder pattern is black, top-left.
    assert QColor(image.pixel(20, 20)) == qr_sticker.MP_BLUE
    # Every module of the big QR, sampled at its centre, matches segno's matrix.
    matrix = qr_sticker.qr_matrix(QR_TEXT)
    unit = image.width() / 100
    module = 84 * unit / (len(matrix) + 2 * qr_sticker.QUIET_ZONE)
    left = 8 * unit + qr_sticker.QUIET_ZONE * module
    top = 18 * unit + 4 * unit + qr_sticker.QUIET_ZONE * module
    assert module > 15  # about 1.5 mm at 300 dpi: easy for any phone
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            x, y = int(left + (c + 0.5) * module), int(top + (r + 0.5) * module)
            assert (QColor(image.pixel(x, y)).lightness() < 128) == dark, (r, c)


def test_save_as_png_and_pdf_and_print(qapp: Any, tmp_path: Path) -> None:
    png, pdf, printed = tmp_path / "qr.png", tmp_path / "qr.pdf", tmp_path / "printed.pdf"
    assert qr_sticker.save_png(info(), png)
    assert QImage(str(png)).size().toTuple() == qr_sticker.STICKER_PX
    assert qr_sticker.save_pdf(info(), pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    assert qr_sticker.print_sticker(printer, info())
    assert printed.read_bytes().startswith(b"%PDF")


def test_the_panel_saves_through_a_non_blocking_file_dialog(
    qtbot: QtBot, dialog: SettingsDialog, tmp_path: Path
) -> None:
    page = loaded(qtbot, dialog.place)
    qtbot.waitUntil(lambda: page.sticker.info is not None, timeout=WAIT)
    chooser = page.sticker.ask_save("pdf")
    assert isinstance(chooser, QFileDialog) and chooser.isVisible()
    assert chooser.defaultSuffix() == "pdf"
    target = tmp_path / "sticker.pdf"
    chooser.selectFile(str(target))
    chooser.accept()
    qtbot.waitUntil(lambda: page.sticker.status.text().startswith("Saved:"), timeout=WAIT)
    assert target.read_bytes().startswith(b"%PDF")
    printing = page.sticker.ask_print()
    assert printing is not None and printing.isVisible()  # opened with open(), not exec()
    printing.reject()


def test_closing_settings_while_the_stores_load_deletes_it_after_the_load_ended(
    window: Any, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The load still running is canceled when Settings closes; its last step (the page shows
    it is no longer busy) comes after the dialog is deleted unless the deletion waits for it:
    "Internal C++ object already deleted" in the loop's log, seen on a loaded machine."""
    import asyncio

    from pos_app.ui.settings import store as store_page

    never = asyncio.Event()

    async def load_places(*_args: Any) -> Any:
        await never.wait()  # Mercado Pago has not answered yet when Settings closes

    monkeypatch.setattr(store_page.account, "load_places", load_places)
    loop = asyncio.get_event_loop()
    failed: list[dict[str, Any]] = []
    before = loop.get_exception_handler()
    loop.set_exception_handler(lambda _loop, context: failed.append(context))
    try:
        dialog = window.open_settings()
        assert dialog is not None
        qtbot.waitExposed(dialog)
        dialog.show_section(SECTION_PLACE)
        page = dialog.place
        qtbot.waitUntil(page.is_busy, timeout=WAIT)
        gone: list[bool] = []
        dialog.destroyed.connect(lambda: gone.append(True))
        dialog.reject()
        # The dialog goes and the canceled load's last step has run (in either order).
        qtbot.waitUntil(lambda: bool(gone) and page._running == 0, timeout=WAIT)
    finally:
        loop.set_exception_handler(before)
    assert failed == []


def test_a_call_canceled_before_it_started_leaves_no_coroutine_unawaited(
    dialog: SettingsDialog, qtbot: QtBot
) -> None:
    """Settings closed in the same loop turn as a call began (the box's QR fetched on a
    click): the task was canceled before its first step and the call's coroutine was never
    awaited nor closed ("coroutine ... was never awaited" when collected)."""
    import inspect

    page = loaded(qtbot, dialog.place)

    async def call() -> None:
        pass

    coro = call()
    page._run(coro, "Fetching…")
    tasks = page.forget_tasks()
    assert tasks and all(t.cancelled() or t.cancelling() for t in tasks)
    qtbot.waitUntil(lambda: page._running == 0, timeout=WAIT)
    assert inspect.getcoroutinestate(coro) == inspect.CORO_CLOSED
