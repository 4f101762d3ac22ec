"""Import a CSV of products: read it all first, show what would change and every refused line,
and write only when the person presses Import (with a progress bar for large files).

The preview is the import itself (:func:`~pos_app.ledger.catalog_import.run_import`, the rules
of ``pos-app catalog import``: encoding, separator, header, long lines, repeated SKUs or
barcodes) run on a worker thread with a store that writes nothing but counts (new, already in
the catalog, asked of a read-only connection of its own): a 100,000-line file, a slow network
share or a USB stick never freezes the window. Meanwhile the preview says "Reading…" with a
progress bar, and Cancel stops the reading at its next batch of rows. Like the command line it
holds a batch, not the file: the first :data:`SHOWN` products and the first refused lines are
kept to be shown. Import reads the file again on a worker (refused if it changed since the
preview), and each batch of :data:`WRITE_SLICE` rows is written with the catalog's ``upsert`` on
the window's thread, between two of the window's turns.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.catalog import Product
from pos_app.domain.money import Site, format_money
from pos_app.errors import UserFacingError
from pos_app.i18n import Message
from pos_app.ledger.catalog import CatalogRepository
from pos_app.ledger.catalog_import import ImportProgress, run_import
from pos_app.system.files import open_user_file
from pos_app.ui.qtkit.async_utils import TaskKeeper
from pos_app.ui.qtkit.errors import file_error_text, translate_message
from pos_app.ui.qtkit.keyboard import assign_mnemonics, install_mnemonics, no_tab_trap
from pos_app.ui.qtkit.window_settings import resize_for_screen
from pos_app.ui.qtkit.workarounds import emit
from pos_app.ui.widgets.form_parts import SETTINGS_QSS, note

log = logging.getLogger(__name__)

# Rows read before the progress bar hears (and Cancel is looked at), and rows written in one
# transaction on the window's thread (well under 100 ms here; the search index follows each row).
READ_SLICE = 1000
WRITE_SLICE = 500
SHOWN = 200  # good rows listed in the preview (all of them are imported)


@dataclass
class ImportPlan:
    """What a CSV file would do to the catalog; nothing is written until Import. Counts, and
    only the first :data:`SHOWN` products and :data:`MAX_REPORTED` refused lines: the file is
    read again to be imported (as ``pos-app catalog import`` streams it), never held."""

    products: list[Product] = field(default_factory=list)  # the first SHOWN good ones
    good: int = 0
    # The first MAX_REPORTED refused lines, in line order; ``refused`` counts them all.
    errors: list[tuple[int, Message]] = field(default_factory=list)
    refused: int = 0
    new: int = 0
    replaced: int = 0
    lines: int = 0  # data lines read (the header and blank lines not counted)
    # The file's header (case-folded), and the required columns it lacks (nothing is read).
    header: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    encoding_warning: Message | None = None
    # The file read (size, modification time): Import refuses a file changed since.
    signature: tuple[int, int] = (0, 0)


class ReadingStopped(Exception):
    """The preview was closed while its file was being read (or imported)."""


class FileChanged(Exception):
    """The file is not the one the preview read (its size or time changed): not imported."""


def count_lines(path: Path, stop: threading.Event | None = None) -> int:
    """Lines in the file (for the progress bar): bytes only, fast even for large files."""
    lines = 0
    with open_user_file(path) as handle:  # never a FIFO's open, which waits for a writer
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            if stop is not None and stop.is_set():
                raise ReadingStopped
            lines += chunk.count(b"\n")
    return lines


def file_signature(path: Path) -> tuple[int, int]:
    """(size, modification time) of the file the user named: what tells a changed file."""
    with open_user_file(path) as handle:
        facts = os.fstat(handle.fileno())
    return facts.st_size, facts.st_mtime_ns


def _following(
    stop: threading.Event, total: int, progress: Callable[[int, int], None]
) -> Callable[[ImportProgress], None]:
    """``run_import``'s progress as (data lines read, lines in the file); stops it once
    ``stop`` is set (the batches already stored are kept)."""

    def heard(step: ImportProgress) -> None:
        if stop.is_set():
            raise ReadingStopped
        progress(total if step.done else min(max(0, step.lines_read - 1), total), total)

    return heard


def read_plan(
    path: Path,
    site: Site,
    present: Callable[[list[str]], set[str]],
    *,
    stop: threading.Event,
    progress: Callable[[int, int], None],
) -> ImportPlan:
    """What ``path`` would do, read here (a worker thread: never the window's): the import
    itself (:func:`~pos_app.ledger.catalog_import.run_import`, the same encoding, separator,
    header, line and repeat rules, a batch of :data:`READ_SLICE` rows at a time) with a store
    that writes nothing but counts. ``present`` says which SKUs the catalog has;
    ``progress(lines_read, lines_total)`` hears after every batch; :class:`ReadingStopped` once
    ``stop`` is set. A binary file or a spreadsheet raises ``CatalogFileError``."""
    plan = ImportPlan(signature=file_signature(path))
    total = max(1, count_lines(path, stop) - 1)
    progress(0, total)
    if stop.is_set():
        raise ReadingStopped

    def counted(products: list[Product], _columns: frozenset[str]) -> None:
        found = present([p.sku for p in products])
        plan.replaced += sum(1 for p in products if p.sku in found)
        plan.new += sum(1 for p in products if p.sku not in found)
        plan.good += len(products)
        plan.products.extend(products[: max(0, SHOWN - len(plan.products))])

    report = run_import(
        path,
        site,
        counted,
        progress=_following(stop, total, progress),
        batch_rows=READ_SLICE,
    )
    plan.header, plan.missing = report.header, report.missing
    plan.encoding_warning = report.warnings[0] if report.warnings else None
    if not plan.missing:
        plan.errors, plan.refused = report.errors, report.refused
        plan.lines = plan.good + plan.refused
    return plan


def read_plan_apart(
    catalog: CatalogRepository,
    path: Path,
    site: Site,
    *,
    stop: threading.Event,
    progress: Callable[[int, int], None],
) -> ImportPlan:
    """:func:`read_plan`, asking a read-only connection of its own (opened and closed on this
    thread) which SKUs ``catalog`` has; an in-memory catalog is asked itself."""
    apart = catalog.read_apart()
    try:
        present = (apart or catalog).skus_present
        return read_plan(path, site, present, stop=stop, progress=progress)
    finally:
        if apart is not None:
            apart.close()


class ImportPreview(QDialog):
    """Reads ``path`` on a worker thread at once; Import writes it; ``imported``: the count."""

    imported = Signal(int)

    def __init__(
        self,
        path: Path,
        catalog: CatalogRepository,
        site: Site,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importPreview")
        self.setStyleSheet(SETTINGS_QSS)
        self.setWindowTitle(self.tr("Import products from {file}").format(file=path.name))
        self._path = path
        self._catalog = catalog
        self._site = site
        self.plan: ImportPlan | None = None
        self._encoding_warning: Message | None = None
        self._columns: frozenset[str] = frozenset()  # the file's header, once read
        self._written = 0
        self.tasks = TaskKeeper(self)
        self._writing: asyncio.Task[int] | None = None
        # The reading's worker thread says where it is here; a timer of the window's shows it.
        self._stop = threading.Event()
        self._where = (0, 0)  # (lines read, lines in the file); (0, 0) while counting
        self._shown_where = (-1, -1)
        self._ticker = QTimer(self)
        self._ticker.setInterval(50)
        self._ticker.timeout.connect(self._show_progress)

        self.summary = QLabel(self.tr("Reading {file}…").format(file=path.name))
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.setTextVisible(True)
        self.progress.setRange(0, 0)  # busy until the file's lines are counted
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("importRows")
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("SKU"), self.tr("Price")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName(self.tr("Products in the file"))
        no_tab_trap(self.table)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.more = QLabel()
        self.more.setObjectName("importMore")
        self.more.hide()
        self.errors_title = QLabel()
        self.errors_title.setObjectName("fieldError")
        self.errors_title.setWordWrap(True)
        self.errors_title.hide()
        self.errors = QListWidget()
        self.errors.setObjectName("importErrors")  # the file's own lines: data, as written
        self.errors.setWordWrap(True)
        self.errors.setAccessibleName(self.tr("Lines that cannot be imported"))
        self.errors.hide()
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setObjectName("primaryButton")
        self.import_button.setEnabled(False)
        # Enter imports: this preview is the confirmation ("nothing is changed until you press
        # Import"), and it shows what will change.
        self.import_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            note(
                self.tr(
                    "Nothing is changed until you press Import. Products whose SKU is already "
                    "in the catalog get what the file's columns say; a column the file does "
                    "not have (barcode, category, unit) keeps its value. Past sales keep their "
                    "prices."
                )
            )
        )
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.more)
        layout.addWidget(self.errors_title)
        layout.addWidget(self.errors, 2)
        layout.addLayout(buttons)
        resize_for_screen(self, 900, 640)

        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.reject)
        install_mnemonics(self)
        self.finished.connect(lambda _r: self._stop_reading())
        self.reading = self.tasks.spawn(self._read(), on_error=self._failed)

    # -- reading -------------------------------------------------------------------------------
    async def _read(self) -> ImportPlan:
        self._ticker.start()
        try:
            plan = await asyncio.to_thread(
                read_plan_apart,
                self._catalog,
                self._path,
                self._site,
                stop=self._stop,
                progress=self._progressed,
            )
        finally:
            # Cancelled (the preview closed, perhaps deleted: nothing of Qt's touched here): the
            # worker stops at its next slice.
            self._stop.set()
        self._ticker.stop()
        if plan.encoding_warning:
            log.warning("%s: %s", self._path.name, plan.encoding_warning)
        self._encoding_warning = plan.encoding_warning  # said above the lines: accents may be off
        if plan.missing:
            self._missing_columns(plan.missing, plan.header)
            return plan
        # A product already in the catalog keeps what the file's missing columns hold.
        self._columns = frozenset(plan.header)
        self._show_progress()  # full: the worker's last word
        self.plan = plan
        self._show(plan)
        return plan

    def _stop_reading(self) -> None:
        self._stop.set()  # at once: the worker may be between two awaits of the loop
        self._ticker.stop()
        self.tasks.cancel_all()

    def _progressed(self, lines: int, total: int) -> None:
        """Called on the worker thread: only a tuple is set here, the timer shows it."""
        self._where = (lines, total)

    def _show_progress(self) -> None:
        where = self._where
        if where == self._shown_where or where[1] == 0:
            return
        self._shown_where = where
        lines, total = where
        self.progress.setRange(0, total)
        self.progress.setValue(lines)

    def _missing_columns(self, missing: list[str], header: list[str]) -> None:
        self.progress.hide()
        self.summary.setText(
            self.tr(
                "This file cannot be imported: its first line must name the columns, and "
                "{missing} is missing. Needed: sku, title, unit_price; optional: barcode, "
                "category, unit_measure (unit or pack), iva_rate (0, 5 or 19)."
            ).format(missing=", ".join(missing))
        )
        self.summary.setProperty("state", "error")
        self.errors_title.setText(
            self.tr("The file's first line: {header}").format(header=", ".join(header) or "—")
        )
        self.errors_title.show()

    def _show(self, plan: ImportPlan) -> None:
        self.progress.hide()
        good = plan.good
        self.summary.setText(
            self.tr(
                # Label: number, so that one line or one product reads right in every
                # language (no plural forms to agree with).
                "Lines ready to import: {good} of {lines}. New products: {new}. Already in the "
                "catalog, to be updated: {replaced}."
            ).format(good=good, lines=plan.lines, new=plan.new, replaced=plan.replaced)
            + (
                "\n" + _sentence(translate_message(self._encoding_warning))
                if self._encoding_warning is not None
                else ""
            )
        )
        shown = plan.products[:SHOWN]
        self.table.setRowCount(len(shown))
        for row, product in enumerate(shown):
            values = (product.title, product.sku, format_money(product.unit_price, self._site))
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if column == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        if good > SHOWN:
            self.more.setText(
                self.tr("… and {n} more (all of them are imported).").format(n=good - SHOWN)
            )
            self.more.show()
        if plan.errors:
            self.errors_title.setText(
                self.tr(
                    "1 line has a problem and will be left out (fix it in the file and import "
                    "it again; the good lines can be imported now):"
                )
                if plan.refused == 1
                else self.tr(
                    "{n} lines have problems and will be left out (fix them in the file and "
                    "import it again; the good lines can be imported now):"
                ).format(n=plan.refused)
            )
            self.errors_title.show()
            self.errors.addItems(
                [
                    self.tr("Line {line}: {problem}").format(
                        line=line, problem=translate_message(problem)
                    )
                    for line, problem in plan.errors
                ]
            )
            self.errors.show()
        # One source per number form ("1 item" / "{n} items", as the totals do).
        self.import_button.setText(
            self.tr("Import 1 product")
            if good == 1
            else self.tr("Import {n} products").format(n=good)
        )
        self.import_button.setEnabled(good > 0)
        assign_mnemonics(self)  # the new text has lost its Alt+letter

    # -- writing -------------------------------------------------------------------------------
    def start_import(self) -> None:
        plan = self.plan
        if plan is None or not plan.good or not self.import_button.isEnabled():
            return
        self.import_button.setEnabled(False)
        # At once, before the first slice is written: the click is seen to do something.
        self.progress.setRange(0, plan.good)
        self.progress.setValue(0)
        self.progress.show()
        self.summary.setText(
            self.tr("Importing 1 product…")
            if plan.good == 1
            else self.tr("Importing {n} products…").format(n=plan.good)
        )
        self.cancel_button.setEnabled(False)  # the summary says it is importing: it ends itself
        self._writing = self.tasks.spawn(
            self._write(plan), on_error=self._write_failed, name="import"
        )
        self._writing.add_done_callback(lambda _task: self._writing_ended())

    def is_importing(self) -> bool:
        """The products are being written: not to be cut short (see :meth:`reject`)."""
        return self._writing is not None and not self._writing.done()

    def _writing_ended(self) -> None:
        task = self._writing
        if task is None or task.cancelled() or task.exception() is None:
            return  # canceled (closing), or imported: the preview has closed (perhaps deleted)
        self.cancel_button.setEnabled(True)  # it stopped: the summary says how far it got

    def say_wait(self) -> None:
        self.summary.setText(
            self.tr(
                "Wait: the products are being imported. This window closes by itself once they are."
            )
        )
        self.raise_()

    def reject(self) -> None:
        """Esc, Cancel or the title bar's button: not while the products are written. Closing
        canceled the import half-way without a word: part of the file in the catalog, the
        list not showing it. Cancel is off meanwhile; Esc and the title bar's button say to
        wait."""
        if self.is_importing():
            self.say_wait()
            return
        super().reject()

    async def _write(self, plan: ImportPlan) -> int:
        """The file read again on a worker thread, as ``pos-app catalog import`` reads it (a
        batch of :data:`WRITE_SLICE` rows held, never the file); each batch is written here,
        on the window's thread and its connection, between two of the window's turns."""
        self._written = 0
        loop = asyncio.get_running_loop()
        stop = self._stop = threading.Event()  # set when the preview closes

        def store(products: list[Product], columns: frozenset[str]) -> None:  # the worker's
            done: concurrent.futures.Future[None] = concurrent.futures.Future()
            loop.call_soon_threadsafe(self._store_here, products, columns, stop, done)
            while True:
                try:
                    return done.result(timeout=0.5)
                except TimeoutError:
                    if stop.is_set():  # the loop may be gone: never wait for it forever
                        raise ReadingStopped from None

        def import_file() -> int:
            if file_signature(self._path) != plan.signature:
                raise FileChanged
            report = run_import(
                self._path,
                self._site,
                store,
                progress=_following(stop, 1, lambda _lines, _total: None),
                batch_rows=WRITE_SLICE,
            )
            return report.imported

        try:
            imported = await asyncio.to_thread(import_file)
        finally:
            stop.set()
        log.info("imported %d products from %s", imported, self._path.name)
        emit(self.imported, imported)
        self.accept()
        return imported

    def _store_here(
        self,
        products: list[Product],
        columns: frozenset[str],
        stop: threading.Event,
        done: concurrent.futures.Future[None],
    ) -> None:
        if stop.is_set():  # closed meanwhile (perhaps deleted): nothing more is written
            done.set_exception(ReadingStopped())
            return
        try:
            self._catalog.upsert(products, columns)
        except BaseException as exc:
            done.set_exception(exc)
            return
        self._written += len(products)
        self.progress.setValue(self._written)
        done.set_result(None)

    def _write_failed(self, exc: BaseException) -> None:
        log.error("import of %s stopped: %s", self._path, exc)
        self.progress.hide()
        error: object = exc
        if isinstance(exc, FileChanged):
            error = self.tr(
                "the file changed after it was read: choose it again to see what it holds now"
            )
        elif isinstance(exc, OSError):
            error = file_error_text(exc)
        elif isinstance(exc, UserFacingError):
            error = translate_message(exc.msg)
        self.summary.setText(
            self.tr(
                "The import stopped after {n} products ({error}). Importing the file again is "
                "safe: products already saved are only updated."
            ).format(n=self._written, error=error)
        )
        emit(self.imported, self._written)  # the list shows what did arrive

    def _failed(self, exc: BaseException) -> None:
        log.warning("import of %s failed: %s", self._path, exc)
        self._ticker.stop()
        self.progress.hide()
        text: Any = file_error_text(exc) if isinstance(exc, OSError) else exc
        if isinstance(exc, UserFacingError):  # not a text file, a spreadsheet: in their words
            text = translate_message(exc.msg)
        if isinstance(exc, UnicodeDecodeError):
            text = self.tr("it is not UTF-8 text (save it as “CSV UTF-8” and try again)")
        self.summary.setText(self.tr("The file could not be read: {error}").format(error=text))
        self.import_button.setEnabled(False)


def _sentence(text: str) -> str:
    """A reason written to follow a colon, standing alone: its first letter capital."""
    return text[:1].upper() + text[1:]
