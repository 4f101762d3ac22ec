"""The files the cashier saves from the window are written on a worker thread, never the window's.

Before 2026-12-02 the receipt's PDF (its preview's Save as PDF…), the day's close report
(Save as PDF…) and the box's QR sticker (Settings → Save as PNG…/PDF…) were made in memory and
then WRITTEN on the window's thread (open, write, fsync, rename): onto a slow USB stick or a
network share that hangs, the whole window froze (no repaint; a payment's status stopped
mid-charge). Here the write is held on a ``threading.Event`` (a share that does not answer):
the window must keep processing events meanwhile (its own timer ticks, a payment is shown paid),
say it is saving, and, released, write the file whole. Closing the dialog (or quitting) while
the file is written lets the write finish or fail cleanly: the file whole, the failure said
(in a box over the window, or in the log when nobody can see it), nothing "already deleted".
"""

from __future__ import annotations

import asyncio
import errno
import functools
import logging
import threading
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from pos_app.settings.memory_keyring import MemoryKeyring, memory_keyring
from pos_app.system import files
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.sale_banner import BannerKind
from pos_app.ui.day.dialogs import CloseDayDialog
from pos_app.ui.qtkit import user_files
from pos_app.ui.receipts.preview import ReceiptPreviewDialog
from pos_app.ui.settings import qr_sticker
from pos_app.ui.settings.dialog import SECTION_PLACE, SettingsDialog
from tests.ui.asking import choose_file
from tests.ui.conftest import saved_as
from tests.ui.held import Held
from tests.ui.test_ui_charging import banner_is, charge, fill_cart
from tests.ui.test_ui_receipts import pay_a_sale

pytestmark = pytest.mark.gui

WAIT = 10_000
NO_SPACE = OSError(errno.ENOSPC, "No space left on device")


class HeldWrite(Held):
    """``write_user_file`` held until the test releases it (the window's ticks only counted);
    then it writes the file, or refuses as a full disk does (``refuse``)."""

    def __init__(self) -> None:
        super().__init__(release_after_ticks=0)
        self.refuse: OSError | None = None

    def __call__(self, path: Path, content: bytes) -> Path:
        self.hold()
        if self.refuse is not None:
            raise self.refuse
        return files.write_user_file(path, content)


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldWrite]:
    hold = HeldWrite()
    monkeypatch.setattr(user_files, "write_user_file", hold)
    yield hold
    hold.release.set()  # a failed test never leaves a worker waiting


@pytest.fixture
def loop_errors(qloop: asyncio.AbstractEventLoop) -> Iterator[list[dict[str, Any]]]:
    """What the loop's exception handler is given ("already deleted" in a callback, a task's
    exception never retrieved): nothing, in every test here."""
    failed: list[dict[str, Any]] = []
    before = qloop.get_exception_handler()
    qloop.set_exception_handler(lambda _loop, context: failed.append(context))
    yield failed
    qloop.set_exception_handler(before)


def ticking(held: HeldWrite) -> QTimer:
    """The window's own timer: it ticks only while the window's thread processes events."""
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(held.tick)
    timer.start()
    return timer


def held_while_the_window_runs(qtbot: QtBot, held: HeldWrite) -> None:
    """The write is on hold, and the window's timer ticks meanwhile: written on the window's
    thread, the hold ran out (TimeoutError, after 5 s) with no tick at all."""
    qtbot.waitUntil(held.entered.is_set, timeout=WAIT)
    qtbot.waitUntil(lambda: held.ticks_while_held >= 3, timeout=WAIT)
    assert held.holding
    assert held.threads and all(t is not threading.main_thread() for t in held.threads)


def whole_pdf(path: Path) -> str:
    data = path.read_bytes()
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF"), path
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def no_file_left_beside(path: Path) -> None:
    """Neither half a file nor a temporary one."""
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(f".{path.name}")] == []


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def gone_flag(widget: QWidget) -> Callable[[], bool]:
    gone: list[bool] = []
    widget.destroyed.connect(lambda: gone.append(True))
    return lambda: bool(gone)


# == the receipt's PDF ==========================================================================
def let_the_write_end(
    qtbot: QtBot, held: HeldWrite, timer: QTimer, save: Any, refused: bool
) -> None:
    """The held write let go (refused as by a full stick, or written) and awaited."""
    held.refuse = NO_SPACE if refused else None
    held.release.set()
    qtbot.waitUntil(save.done, timeout=WAIT)
    timer.stop()


def ended_with_its_owner_gone(
    save: Any,
    caplog: pytest.LogCaptureFixture,
    target: Path,
    refused: bool,
    written: Callable[[Path], object],
    loop_errors: list[dict[str, Any]],
) -> None:
    """A save whose window was deleted meanwhile: not canceled with it; refused, only the log
    says so; else the file is whole."""
    assert not save.cancelled()
    problems = warnings(caplog)
    if refused:
        assert len(problems) == 1 and "No space left on device" in problems[0], problems
        assert not target.exists()
    else:
        assert problems == []
        written(target)
    no_file_left_beside(target)
    assert loop_errors == []
    assert "already deleted" not in caplog.text


def test_a_receipt_pdf_is_written_while_the_window_shows_the_next_payment(
    window: MainWindow,
    qtbot: QtBot,
    control: Any,
    tmp_path: Path,
    held: HeldWrite,
    loop_errors: list[dict[str, Any]],
    screenshot: Any,
) -> None:
    """The cashier saves the last sale's receipt onto a stick that takes its time while the
    next customer pays: the payment is shown paid while the PDF is still being written."""
    ref = pay_a_sale(window, qtbot, control)
    window.new_sale()
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    preview = window.open_receipt(ref)
    assert isinstance(preview, ReceiptPreviewDialog)
    qtbot.waitExposed(preview)
    timer = ticking(held)
    target = tmp_path / "receipt.pdf"
    choose_file(preview._ask_pdf_path(), target)
    held_while_the_window_runs(qtbot, held)
    assert preview.status.text() == "Saving the PDF…"
    assert not preview.pdf_button.isEnabled()  # one save at a time
    screenshot(preview, "saves_receipt_pdf_saving")
    control.pay("approved")  # the customer pays meanwhile: the window says so at once
    qtbot.waitUntil(banner_is(window, BannerKind.PAID), timeout=WAIT)
    assert held.holding and not target.exists()
    screenshot(window, "saves_paid_while_the_receipt_is_written")

    held.release.set()
    qtbot.waitUntil(lambda: saved_as(preview.status, target), timeout=WAIT)
    timer.stop()
    assert ref in whole_pdf(target)
    assert preview.pdf_button.isEnabled()
    no_file_left_beside(target)
    screenshot(preview, "saves_receipt_pdf_saved")
    preview.close()
    assert loop_errors == []


@pytest.mark.parametrize("refused", [False, True])
def test_closing_the_receipt_while_its_pdf_is_written_lets_the_write_end(
    window: MainWindow,
    qtbot: QtBot,
    control: Any,
    tmp_path: Path,
    held: HeldWrite,
    loop_errors: list[dict[str, Any]],
    caplog: pytest.LogCaptureFixture,
    refused: bool,
) -> None:
    ref = pay_a_sale(window, qtbot, control)
    preview = window.open_receipt(ref)
    assert preview is not None
    qtbot.waitExposed(preview)
    timer = ticking(held)
    target = tmp_path / "receipt.pdf"
    save = preview.save_pdf(target)
    held_while_the_window_runs(qtbot, held)
    gone = gone_flag(preview)
    preview.close_button.click()
    qtbot.waitUntil(gone, timeout=WAIT)  # deleted while the file is still being written
    assert held.holding and not save.done()

    let_the_write_end(qtbot, held, timer, save, refused)
    if refused:  # nobody sees the preview any more: the log says it was not saved
        assert isinstance(save.exception(), OSError)

    def written(path: Path) -> None:
        assert ref in whole_pdf(path)

    ended_with_its_owner_gone(save, caplog, target, refused, written, loop_errors)


# == the day's close report =====================================================================
def closed_day(window: MainWindow, qtbot: QtBot) -> CloseDayDialog:
    closing = window.day.open_close_day()
    qtbot.waitExposed(closing)
    closing.request_close()
    qtbot.waitUntil(lambda: closing.report is not None, timeout=WAIT)
    assert closing.pdf_button.isEnabled()
    return closing


def test_the_close_report_pdf_is_written_while_the_window_runs(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    held: HeldWrite,
    loop_errors: list[dict[str, Any]],
    screenshot: Any,
) -> None:
    closing = closed_day(window, qtbot)
    timer = ticking(held)
    target = tmp_path / "close-1.pdf"
    choose_file(closing._pdf_clicked(), target)
    held_while_the_window_runs(qtbot, held)
    assert closing.pdf_status.text() == "Saving the PDF…"
    assert not closing.pdf_button.isEnabled()
    screenshot(closing, "saves_close_pdf_saving")

    held.release.set()
    qtbot.waitUntil(lambda: saved_as(closing.pdf_status, target), timeout=WAIT)
    timer.stop()
    assert "Close number 1" in whole_pdf(target)
    assert closing.pdf_button.isEnabled()
    no_file_left_beside(target)
    screenshot(closing, "saves_close_pdf_saved")
    assert loop_errors == []


@pytest.mark.parametrize("refused", [False, True])
def test_closing_the_close_dialog_while_its_pdf_is_written(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    held: HeldWrite,
    loop_errors: list[dict[str, Any]],
    caplog: pytest.LogCaptureFixture,
    screenshot: Any,
    refused: bool,
) -> None:
    """Done pressed while the PDF is written: written all the same; refused (a full stick), the
    box says so over the window, in the same words as before."""
    closing = closed_day(window, qtbot)
    timer = ticking(held)
    target = tmp_path / "close-1.pdf"
    save = closing.save_pdf(target)
    held_while_the_window_runs(qtbot, held)
    closing.close()  # Done
    assert not closing.isVisible()

    let_the_write_end(qtbot, held, timer, save, refused)
    if refused:
        boxes: list[QMessageBox] = []

        def box_shown() -> bool:
            boxes[:] = [
                w for w in window.findChildren(QMessageBox) if w.objectName() == "reportPdfFailed"
            ]
            return len(boxes) == 1 and boxes[0].isVisible()

        qtbot.waitUntil(box_shown, timeout=WAIT)
        box = boxes[0]
        assert box.parentWidget() is window  # the dialog is closed: over the window
        assert box.text() == f"Could not write {target}: No space left on device"
        screenshot(box, "saves_close_pdf_refused_after_done")
        box.close()
        assert not target.exists()
    else:
        qtbot.waitUntil(lambda: saved_as(closing.pdf_status, target), timeout=WAIT)
        assert "Close number 1" in whole_pdf(target)
        assert warnings(caplog) == []
    no_file_left_beside(target)
    assert loop_errors == []


def test_quitting_while_a_pdf_is_written_waits_for_it(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    held: HeldWrite,
    loop_errors: list[dict[str, Any]],
    screenshot: Any,
) -> None:
    """The window closed (or Ctrl-C, SIGTERM) while the close's PDF is written: the window says
    it waits, and closes once the file is whole (quitting stopped the loop half-way)."""
    closing = closed_day(window, qtbot)
    target = tmp_path / "close-1.pdf"
    save = closing.save_pdf(target)
    qtbot.waitUntil(held.entered.is_set, timeout=WAIT)
    closing.close()
    window.close()
    assert window.isVisible() and not window.was_closed
    assert window.status.currentMessage() == (
        "Saving a file: the window closes once it is written."
    )
    screenshot(window, "saves_quit_waits_for_the_pdf")

    held.release.set()
    qtbot.waitUntil(lambda: window.was_closed, timeout=WAIT)
    assert save.done() and not save.cancelled()
    assert "Close number 1" in whole_pdf(target)
    assert loop_errors == []


# == the box's QR sticker =======================================================================
@pytest.fixture
def keyring_memory() -> Iterator[MemoryKeyring]:
    with memory_keyring() as backend:
        yield backend


def settings_on_the_sticker(
    window: MainWindow, qtbot: QtBot, keyring_memory: MemoryKeyring
) -> SettingsDialog:
    settings = window.open_settings()
    assert settings is not None
    qtbot.waitExposed(settings)
    settings.show_section(SECTION_PLACE)
    page = settings.place
    qtbot.waitUntil(lambda: page.places is not None and not page.is_busy(), timeout=WAIT)
    qtbot.waitUntil(lambda: page.sticker.info is not None, timeout=WAIT)
    return settings


def whole_sticker(path: Path, kind: str) -> None:
    if kind == "pdf":
        whole_pdf(path)
    else:
        assert QImage(str(path)).size().toTuple() == qr_sticker.STICKER_PX


@pytest.mark.parametrize("kind", ["png", "pdf"])
def test_the_qr_sticker_is_written_while_the_window_runs(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    held: HeldWrite,
    keyring_memory: MemoryKeyring,
    loop_errors: list[dict[str, Any]],
    screenshot: Any,
    kind: str,
) -> None:
    settings = settings_on_the_sticker(window, qtbot, keyring_memory)
    sticker = settings.place.sticker
    timer = ticking(held)
    target = tmp_path / f"sticker.{kind}"
    dialog = sticker.ask_save(kind)
    assert dialog is not None
    choose_file(dialog, target)
    held_while_the_window_runs(qtbot, held)
    assert sticker.status.text() == "Saving…"
    assert not sticker.png_button.isEnabled() and not sticker.pdf_button.isEnabled()
    screenshot(sticker, f"saves_sticker_{kind}_saving")

    held.release.set()
    qtbot.waitUntil(lambda: sticker.status.text() == f"Saved: {target}", timeout=WAIT)
    timer.stop()
    whole_sticker(target, kind)
    assert sticker.png_button.isEnabled() and sticker.pdf_button.isEnabled()
    no_file_left_beside(target)
    screenshot(sticker, f"saves_sticker_{kind}_saved")
    settings.reject()
    assert loop_errors == []


@pytest.mark.parametrize("refused", [False, True])
def test_closing_settings_while_the_sticker_is_written(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    held: HeldWrite,
    keyring_memory: MemoryKeyring,
    loop_errors: list[dict[str, Any]],
    caplog: pytest.LogCaptureFixture,
    refused: bool,
) -> None:
    """Settings closed (and deleted) while the sticker is written: the write is not canceled
    with the pages' calls; it ends, and a refusal is in the log."""
    settings = settings_on_the_sticker(window, qtbot, keyring_memory)
    timer = ticking(held)
    target = tmp_path / "sticker.png"
    save = settings.place.sticker.save_to(target, "png")
    assert save is not None
    held_while_the_window_runs(qtbot, held)
    gone = gone_flag(settings)
    settings.reject()
    qtbot.waitUntil(gone, timeout=WAIT)
    assert held.holding and not save.done()

    let_the_write_end(qtbot, held, timer, save, refused)
    written = functools.partial(whole_sticker, kind="png")
    ended_with_its_owner_gone(save, caplog, target, refused, written, loop_errors)


def test_a_folder_typed_as_the_name_is_said_before_anything_is_made(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    keyring_memory: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The target is still looked at first (on the worker): a folder is said in the cashier's
    words, and nothing is painted for it."""
    settings = settings_on_the_sticker(window, qtbot, keyring_memory)
    sticker = settings.place.sticker
    painted: list[bool] = []
    real = qr_sticker.sticker_image
    monkeypatch.setattr(
        qr_sticker, "sticker_image", lambda *a, **k: painted.append(True) or real(*a, **k)
    )
    folder = tmp_path / "folder.png"
    folder.mkdir()
    sticker.save_to(folder, "png")
    qtbot.waitUntil(lambda: sticker.status.text().startswith("Could not write"), timeout=WAIT)
    assert sticker.status.text() == (
        f"Could not write {folder}: it is a folder, not a file: give a file name"
    )
    assert painted == [] and list(folder.iterdir()) == []
    settings.reject()


def test_a_deep_folder_is_shortened_in_the_middle_to_one_line(qtbot: QtBot) -> None:
    """A receipt saved five folders down a share wrapped "Saved as …" over three lines and
    pushed the dialog's buttons down: the path is shortened in its middle to the label's width
    (its file name kept), whole in the tooltip."""
    from PySide6.QtWidgets import QLabel

    from pos_app.ui.qtkit.user_files import show_saved_path

    label = QLabel()
    label.setWordWrap(True)
    qtbot.addWidget(label)
    label.resize(420, 40)
    deep = Path("/media/shop-share") / ("receipts-of-the-month-" * 4) / "2026-12" / "sale-0042.pdf"
    show_saved_path(label, "Saved as {path}.", deep)
    shown = label.text().removeprefix("Saved as ").removesuffix(".")
    assert "…" in shown and shown.endswith("sale-0042.pdf") and shown.startswith("/media")
    assert label.fontMetrics().horizontalAdvance(shown) <= 420
    assert label.toolTip() == str(deep)
    assert saved_as(label, deep)
    short = Path("/tmp/a.pdf")
    show_saved_path(label, "Saved as {path}.", short)
    assert label.text() == "Saved as /tmp/a.pdf." and saved_as(label, short)
