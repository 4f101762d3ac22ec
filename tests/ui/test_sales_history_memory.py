"""What the sales history keeps while open, and gives back when closed.

Python 3.11's full garbage collection walks every object the collector tracks, on the GUI
thread. The history kept each listed sale as a snapshot with its lines and search keys: ~10
tracked objects per sale, ~115,000 with a month of a busy box shown (0.1-0.4 s per full
collection), and it kept them while closed. Counted here, never timed."""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest

from pos_app.domain.money import site_for
from pos_app.domain.records import SaleSnapshot
from pos_app.ui.counter.sales_view import TodaySalesDialog
from tests.receipts.test_discounts import discounted_sale

pytestmark = pytest.mark.gui

MLA = site_for("MLA")
SALES = 2000


def _fresh_sales(count: int) -> list[SaleSnapshot]:
    """New snapshots and lines at every read, as the ledger makes them."""
    base = discounted_sale()
    return [
        replace(
            base,
            external_reference=f"CAJA01S{n:06d}XABCDEFGH",
            total=Decimal(1000 + n),
            lines=tuple(replace(line, title=f"{line.title} {n}") for line in base.lines),
        )
        for n in range(count)
    ]


def _shown(
    qtbot: Any, between: Callable[[datetime, datetime], list[SaleSnapshot]]
) -> TodaySalesDialog:
    """A history shown, whose periods are read with ``between`` (nothing read yet)."""
    dialog = TodaySalesDialog(
        MLA,
        sales_since=lambda _start: [],
        sales_between=between,
        get_sale=lambda ref: None,
        sale_events=lambda _ref: [],
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _dialog(qtbot: Any, count: list[int]) -> TodaySalesDialog:
    """A history whose period holds ``count[0]`` sales, read anew each time."""
    dialog = _shown(qtbot, lambda _start, _end: _fresh_sales(count[0]))
    dialog.refresh()
    return dialog


def _tracked() -> int:
    gc.collect()
    return len(gc.get_objects())


def test_the_listed_sales_are_not_objects_the_collector_walks(qtbot: Any) -> None:
    count = [1]
    dialog = _dialog(qtbot, count)
    # One sale listed, searched and cleared first: what the first list and search make once
    # (caches, compiled patterns, a first row's formatting) is not the sales' (alone in a
    # process the test counted ~100 such objects as 0.05 per sale).
    dialog.search.setText("yerba")
    dialog.search.clear()
    count[0] = 0
    dialog.refresh()
    empty = _tracked()
    count[0] = SALES
    dialog.refresh()
    dialog.search.setText("yerba")
    assert dialog.model.rowCount() == SALES
    dialog.search.clear()
    assert dialog.model.rowCount() == SALES
    per_sale = (_tracked() - empty) / SALES
    # Was ~10 (the snapshot, its lines and discounts, the search keys); the rows are tuples of
    # atomic values, untracked at their first collection.
    assert per_sale < 0.2, per_sale


def test_closing_the_history_gives_its_sales_back(qtbot: Any) -> None:
    count = [0]
    dialog = _dialog(qtbot, count)
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        count[0] = SALES
        dialog.refresh()
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
        assert dialog.model.rowCount() == SALES
        dialog.close()
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert held > 300 * SALES  # the rows: reference, texts, amounts, dates
    assert kept < held / 10, (held, kept)
    assert dialog.model.rowCount() == 0 and dialog.visible_references() == []
    dialog.show()  # shown again: the period is read again
    assert dialog.model.rowCount() == SALES


def test_a_read_still_under_way_when_closed_is_never_shown(qtbot: Any) -> None:
    """Closed while a long period is read on the worker: the read is dropped, not shown into
    the closed window (nor kept)."""
    import threading

    from pos_app.ui.counter.sales_view import PERIOD_WEEK

    release = threading.Event()
    reads: list[int] = []

    def slow(_start: datetime, _end: datetime) -> list[SaleSnapshot]:
        reads.append(1)
        release.wait(5)
        return _fresh_sales(3)

    dialog = _shown(qtbot, slow)
    release.set()
    dialog.refresh()  # today: read here
    release.clear()
    dialog.set_period(PERIOD_WEEK)
    assert dialog.reading
    dialog.close()
    assert not dialog.reading
    release.set()
    qtbot.wait(200)
    assert dialog.model.rowCount() == 0
    assert len(reads) == 2


def test_a_sale_changed_while_several_days_are_shown_is_never_waited_for(qtbot: Any) -> None:
    """A sale that changes while the cashier sells refreshes the open history: with several
    days shown the window waited up to READ_WAIT_S (0.15 s) for the read, at every change of
    every sale. In the background it keeps the list and its summary until the read is done."""
    import threading

    from pos_app.ui.counter.sales_view import PERIOD_WEEK

    release = threading.Event()
    count = [3]

    def slow(_start: datetime, _end: datetime) -> list[SaleSnapshot]:
        release.wait(5)
        return _fresh_sales(count[0])

    dialog = _shown(qtbot, slow)
    release.set()
    dialog.set_period(PERIOD_WEEK)
    qtbot.waitUntil(lambda: not dialog.reading, timeout=5000)
    shown = dialog.summary.text()
    assert shown.startswith("3 sales")
    release.clear()
    count[0] = 4
    dialog.refresh(in_background=True)
    assert dialog.reading
    assert dialog.summary.text() == shown  # not "Reading the sales…": it was not waited for
    assert dialog.model.rowCount() == 3
    release.set()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 4, timeout=5000)
    assert dialog.summary.text().startswith("4 sales")


def test_the_window_hands_an_open_history_the_changed_sale_alone(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its row is read again, not the period (tests/ui/test_sales_history_one_sale.py); a
    whole read, when one is needed, is done in the background (sale_changed)."""
    from pos_app.checkout.events import SaleChanged
    from pos_app.domain.sale import SaleStatus

    dialog = window.open_sales_dialog()
    asked: list[str] = []
    monkeypatch.setattr(dialog, "sale_changed", asked.append)
    sale = discounted_sale()
    window._sale_changed(SaleChanged(sale, SaleStatus.PENDING, "poll"))
    assert asked == [sale.external_reference]
    dialog.close()


def test_a_read_shown_is_freed_without_waiting_for_a_full_collection(qtbot: Any) -> None:
    """The wait for a read on the worker was a closure that scheduled itself: a reference
    cycle holding the read's rows until a full collection freed them inside its pause."""
    import weakref

    from pos_app.ui.counter.sales_view import PERIOD_WEEK

    dialog = _dialog(qtbot, [50])
    submitted: list[weakref.ref[Any]] = []
    submit = dialog._reader.submit

    def recorded(*args: Any) -> Any:
        future = submit(*args)
        submitted.append(weakref.ref(future))
        return future

    dialog._reader.submit = recorded  # type: ignore[method-assign]
    gc.collect()
    gc.disable()
    try:
        dialog.set_period(PERIOD_WEEK)
        for _ in range(3):
            dialog.refresh(in_background=True)
            qtbot.waitUntil(lambda: not dialog.reading, timeout=5000)
        assert len(submitted) == 4
        # The worker thread lets go of its last read a moment after the dialog has it (it drops
        # its work item after the result is set): on a loaded machine, later than a fixed wait.
        # Held in a cycle, a read would never be freed here (no collection runs).
        qtbot.waitUntil(lambda: all(ref() is None for ref in submitted), timeout=5000)
    finally:
        gc.enable()


def test_the_export_reads_the_whole_sales_on_the_worker(qtbot: Any, tmp_path: Any) -> None:
    """The list keeps rows only: the export reads the shown sales whole again, on the worker
    thread (a month's: ~1 s), and says how many when it is done."""
    import threading

    from pos_app.ui.counter.sales_view import PERIOD_WEEK

    threads: list[str] = []

    def between(_start: datetime, _end: datetime) -> list[SaleSnapshot]:
        threads.append(threading.current_thread().name)
        return _fresh_sales(30)

    dialog = _shown(qtbot, between)
    dialog.set_period(PERIOD_WEEK)
    qtbot.waitUntil(lambda: not dialog.reading, timeout=5000)
    dialog.search.setText("CAJA01S00001")  # ten of the thirty
    assert dialog.model.rowCount() == 10
    threads.clear()
    out = tmp_path / "sales.csv"
    job = dialog.export_in_background(out)
    qtbot.waitUntil(lambda: dialog.summary.text().startswith("10 sales exported"), timeout=5000)
    assert job.result() == 10
    assert threads and all(name.startswith("sales-read") for name in threads)
    text = out.read_text(encoding="utf-8-sig")
    assert text.count("CAJA01S00001") >= 10 and "CAJA01S000020" not in text
