"""Import a CSV of products: read it all first, show what would change and every refused line,
and write only when the person presses Import (with a progress bar for large files).

The file is read on a worker thread (counting its lines, finding its encoding, parsing the
rows, asking a read-only connection of its own which SKUs the catalog has), so a 100,000-line
file, a slow network share or a USB stick never freezes the window; meanwhile the preview says
"Reading…" with a progress bar, and Cancel stops the reading at its next slice of rows. Writing
goes in slices on the qasync loop. Rows are checked by the CSV import's own rules
(:func:`pos_app.ledger.catalog.parse_row`, the columns of
:data:`~pos_app.ledger.catalog.REQUIRED_COLUMNS`) and written with the catalog's ``upsert``.
"""

from __future__ import annotations

import asyncio
import csv
import io
import logging
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
from pos_app.domain.validation import clean_text
from pos_app.errors import UserFacingError
from pos_app.i18n import Message
from pos_app.ledger.catalog import REQUIRED_COLUMNS, CatalogRepository, parse_row
from pos_app.ledger.catalog_import import (
    MAX_REPORTED,
    RowProblem,
    delimiter_of,
    detect_encoding,
    product_keys,
    repeat_problem,
)
from pos_app.system.files import open_user_file
from pos_app.ui.qtkit.async_utils import TaskKeeper
from pos_app.ui.qtkit.errors import file_error_text, translate_message
from pos_app.ui.qtkit.keyboard import assign_mnemonics, install_mnemonics, no_tab_trap
from pos_app.ui.qtkit.window_settings import resize_for_screen
from pos_app.ui.qtkit.workarounds import emit
from pos_app.ui.widgets.form_parts import SETTINGS_QSS, note

log = logging.getLogger(__name__)

# Rows read, or written, before the window gets a turn (each slice well under 100 ms here;
# a written slice is one transaction, and the search index follows each row).
READ_SLICE = 1000
WRITE_SLICE = 500
SHOWN = 200  # good rows listed in the preview (all of them are imported)


@dataclass
class ImportPlan:
    """What a CSV file would do to the catalog; nothing is written until :meth:`apply`."""

    products: list[Product] = field(default_factory=list)
    # The first MAX_REPORTED refused lines (as the command line's report); ``refused`` counts
    # them all.
    errors: list[tuple[int, Message]] = field(default_factory=list)
    refused: int = 0
    new: int = 0
    replaced: int = 0
    lines: int = 0  # data lines read (the header not counted)
    # The file's header (case-folded), and the required columns it lacks (nothing is read).
    header: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    encoding_warning: Message | None = None

    def refuse(self, line: int, problem: Message) -> None:
        self.refused += 1
        if len(self.errors) < MAX_REPORTED:
            self.errors.append((line, problem))


class ReadingStopped(Exception):
    """The preview was closed while its file was being read."""


def count_lines(path: Path, stop: threading.Event | None = None) -> int:
    """Lines in the file (for the progress bar): bytes only, fast even for large files."""
    lines = 0
    with open_user_file(path) as handle:  # never a FIFO's open, which waits for a writer
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            if stop is not None and stop.is_set():
                raise ReadingStopped
            lines += chunk.count(b"\n")
    return lines


def read_plan(
    path: Path,
    site: Site,
    present: Callable[[list[str]], set[str]],
    *,
    stop: threading.Event,
    progress: Callable[[int, int], None],
) -> ImportPlan:
    """What ``path`` would do, read here (a worker thread: never the window's). ``present``
    says which SKUs the catalog has; ``progress(lines_read, lines_total)`` hears after every
    slice of :data:`READ_SLICE` rows; :class:`ReadingStopped` once ``stop`` is set. The same
    encoding, separator, header and repeat rules as ``pos-app catalog import`` (a binary file
    or a spreadsheet raises ``CatalogFileError``)."""
    plan = ImportPlan()
    total = max(1, count_lines(path, stop) - 1)
    progress(0, total)
    encoding, plan.encoding_warning = detect_encoding(path)
    if stop.is_set():
        raise ReadingStopped
    with io.TextIOWrapper(
        open_user_file(path), encoding=encoding, errors="replace", newline=""
    ) as handle:
        separator = delimiter_of(handle.readline())
        handle.seek(0)
        reader = csv.DictReader(handle, delimiter=separator)
        # The import's header rule (``SKU,Title,Unit_Price`` names the same columns).
        plan.header = header = [clean_text(h).casefold() for h in reader.fieldnames or []]
        plan.missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if plan.missing:
            return plan
        reader.fieldnames = header
        kept: dict[str, int] = {}  # the import's rule: a repeated SKU or barcode is refused
        batch: list[Product] = []  # good products whose SKU is not yet asked for
        for row in reader:
            plan.lines += 1
            try:
                # Fields past the header's (DictReader's restkey None): refused as the
                # import refuses them, never read in part.
                extra = row.pop(None, None) or ()
                product = parse_row(row, site, extra=extra)
            except RowProblem as exc:
                plan.refuse(reader.line_num, exc.msg)
            else:
                repeat = repeat_problem(product, kept)
                if repeat is not None:
                    plan.refuse(reader.line_num, repeat)
                else:
                    kept.update(dict.fromkeys(product_keys(product), reader.line_num))
                    plan.products.append(product)
                    batch.append(product)
            if plan.lines % READ_SLICE == 0:
                _count_new(plan, batch, present)
                if stop.is_set():
                    raise ReadingStopped
                progress(min(plan.lines, total), total)
        _count_new(plan, batch, present)
    progress(total, total)
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


def _count_new(
    plan: ImportPlan, batch: list[Product], present: Callable[[list[str]], set[str]]
) -> None:
    found = present([p.sku for p in batch])
    replaced = sum(1 for p in batch if p.sku in found)
    plan.replaced += replaced
    plan.new += len(batch) - replaced
    batch.clear()


class ImportPreview(QDialog):
    """Reads ``path`` at once; Import writes it. ``imported`` carries the count."""

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
        good = len(plan.products)
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
        if self.plan is None or not self.plan.products or not self.import_button.isEnabled():
            return
        self.import_button.setEnabled(False)
        products = self.plan.products
        # At once, before the first slice is written: the click is seen to do something.
        self.progress.setRange(0, len(products))
        self.progress.setValue(0)
        self.progress.show()
        self.summary.setText(
            self.tr("Importing 1 product…")
            if len(products) == 1
            else self.tr("Importing {n} products…").format(n=len(products))
        )
        self.tasks.spawn(self._write(products), on_error=self._write_failed)

    async def _write(self, products: list[Product]) -> int:
        self._written = 0
        for start in range(0, len(products), WRITE_SLICE):
            self._catalog.upsert(products[start : start + WRITE_SLICE], self._columns)
            self._written = min(start + WRITE_SLICE, len(products))
            self.progress.setValue(self._written)
            await asyncio.sleep(0)
        log.info("imported %d products from %s", len(products), self._path.name)
        emit(self.imported, len(products))
        self.accept()
        return len(products)

    def _write_failed(self, exc: BaseException) -> None:
        log.error("import of %s stopped: %s", self._path, exc)
        self.progress.hide()
        self.summary.setText(
            self.tr(
                "The import stopped after {n} products ({error}). Importing the file again is "
                "safe: products already saved are only updated."
            ).format(n=self._written, error=exc)
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
