"""Windows and dialogs are built without needless re-styling (issue 19, "fast and never frozen").

The app has a stylesheet, and moving a widget into a new parent re-styles its whole subtree (a
StyleChange event to every descendant). A part built loose and then moved into a container that
is itself moved later is re-styled once per move; a table whose header sizes its columns to their
contents measures every row again on each of them. These tests count what was done while a
window was built; none of them measures time (``tests/benchmarks/dialogs_bench.py`` does).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from pos_app.app import demo_catalog_path
from pos_app.domain.money import site_for
from pos_app.ledger.store import Ledger

pytestmark = pytest.mark.gui

ARS = site_for("MLA")


class StyleChanges(QObject):
    """Every widget made from Python that received a StyleChange, once per event. The objects
    themselves, not their ids (a widget made later may be given a freed wrapper's id), but only
    those Python made: Qt's own children (a table's headers) get their Python wrapper from the
    first event they receive, while their C++ constructor is still running, i.e. typed as a
    plain QWidget; kept here, ``verticalHeader()`` would later return that QWidget wrapper."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[QObject] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.StyleChange and shiboken6.createdByPython(watched):
            self.seen.append(watched)
        return False

    def count(self, widget: QObject) -> int:
        return sum(1 for seen in self.seen if seen is widget)


def style_changes_while(build: Callable[[], QWidget]) -> tuple[QWidget, StyleChanges]:
    """Build with the filter installed (after the app and its stylesheet exist: the ``qloop``
    fixture applies it)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert app.styleSheet()  # the counts are about the app's stylesheet
    changes = StyleChanges()
    app.installEventFilter(changes)
    try:
        widget = build()
    finally:
        app.removeEventFilter(changes)
    return widget, changes


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    led = Ledger(tmp_path / "ledger.sqlite3")
    yield led
    led.close()


# == products ======================================================================================


class CountedReads(list[Any]):
    """A model's rows that count how often one was looked up."""

    def __init__(self, items: Any) -> None:
        super().__init__(items)
        self.read = 0

    def __getitem__(self, key: Any) -> Any:
        self.read += 1
        return super().__getitem__(key)


def test_the_products_list_measures_no_row_while_the_window_is_built(
    qloop: Any, ledger: Ledger, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list's header sizes its columns to their contents: every re-style of it asked each
    of the first 200 products for its texts again. Built loose and moved into the window with
    its rows, the list was measured five times before it was even shown (0.34 s of the
    window's opening with a 500-product catalog); it gets its rows once it is in place."""
    from pos_app.ui.products import window as products
    from pos_app.ui.products.window import ProductsModel, ProductsWindow

    ledger.catalog.import_csv(demo_catalog_path(), ARS)
    asked: list[int] = []

    # A subclass the window makes, not a patched ProductsModel.data: replacing a method on a
    # PySide6 class while its C++ objects live (this window is deleted after the test) made a
    # later test's worker crash (a segmentation fault in the next setStyleSheet).
    class CountingModel(ProductsModel):
        def data(self, index: Any, role: int = 0) -> Any:
            asked.append(role)
            return super().data(index, role)

    monkeypatch.setattr(products, "ProductsModel", CountingModel)
    window = ProductsWindow(ledger.catalog, ARS)
    assert isinstance(window.model, CountingModel)
    qtbot.addWidget(window)
    assert window.model.rowCount() > 40  # the rows are there...
    assert asked == []  # ...and nobody measured them yet
    # Shown, the list is measured and sized as before.
    window.show()
    qtbot.waitExposed(window)
    assert asked
    header = window.view.horizontalHeader()
    assert header.sectionResizeMode(0) == header.ResizeMode.Stretch
    assert header.sectionResizeMode(1) == header.ResizeMode.ResizeToContents
    window.close()
    window.deleteLater()


def test_the_products_list_answers_what_it_does_not_show_without_reading_a_product(
    ledger: Ledger,
) -> None:
    """Sizing a column asks every row for about eight roles, of which the list answers three;
    the others are answered first, before any product is looked up (a third of the time)."""
    from pos_app.ui.products.window import ProductsModel

    ledger.catalog.import_csv(demo_catalog_path(), ARS)
    model = ProductsModel(ledger.catalog, ARS)

    rows = CountedReads(model._rows)
    model._rows = rows
    index = model.index(0, 3)  # the price
    for role in (
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.CheckStateRole,
        Qt.ItemDataRole.SizeHintRole,
    ):
        assert model.data(index, role) is None
    assert rows.read == 0
    # What it shows is unchanged.
    assert model.data(index, Qt.ItemDataRole.DisplayRole) == model.data(
        index, Qt.ItemDataRole.ToolTipRole
    )
    assert model.data(index, Qt.ItemDataRole.DisplayRole).startswith("$")
    assert model.data(index, Qt.ItemDataRole.TextAlignmentRole) == int(
        (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value
    )
    assert model.data(model.index(0, 0), Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.data(QModelIndex(), Qt.ItemDataRole.DisplayRole) is None


# == the setup assistant and the store step ========================================================
def _client() -> Any:
    import httpx

    from pos_app.mercadopago.client import MercadoPagoClient
    from pos_app.mercadopago.credentials import AccessToken

    http = httpx.AsyncClient(transport=httpx.MockTransport(lambda _r: httpx.Response(500)))
    token = AccessToken("TEST-0000000000000000-000000-" + "0" * 32 + "-000000000")
    return MercadoPagoClient(http, token, base_url="http://127.0.0.1:9")


def test_the_store_step_and_its_forms_move_once_into_the_setup_assistant(
    qloop: Any, qtbot: QtBot
) -> None:
    """The store step built its lists and forms loose and moved them in: the lists five times
    (into their group, the group into the list view, the view into the step's stack, the stack
    into the step, the step into the assistant), the forms four (into their scroll areas, the
    areas into the stack...). Every part now moves once: the forms are made in their scroll
    areas, the lists' containers are in the step before they are filled, and the assistant puts
    each step in its stack before filling it (0.11 s to build the assistant, 0.04 now)."""
    from pos_app.settings.config import Config
    from pos_app.ui.settings.session import SettingsSession
    from pos_app.ui.settings.setup_assistant import SetupAssistant

    session = SettingsSession(Config(), _client(), token=None, origin="")
    assistant, changes = style_changes_while(lambda: SetupAssistant(session))
    qtbot.addWidget(assistant)
    assert isinstance(assistant, SetupAssistant)
    place = assistant.place
    counts = {
        name: changes.count(widget)
        for name, widget in (
            ("store list", place.store_list),
            ("box list", place.box_list),
            ("new store form", place.store_form),
            ("new box form", place.box_form),
            ("store step", place),
            ("account step", assistant.account),
            ("sticker", assistant.sticker),
        )
    }
    # The lists: once into the store step (a window of its own until its margins are read) and
    # once with it into the assistant; the forms are made in place and move with the step.
    assert counts == {
        "store list": 2,
        "box list": 2,
        "new store form": 1,
        "new box form": 1,
        "store step": 1,
        "account step": 1,
        "sticker": 1,
    }


def test_a_fields_hint_is_styled_once_it_is_in_its_window(qloop: Any, qtbot: QtBot) -> None:
    """A field's hint was shown as the field was made, before the field was in any window: Qt
    styled it and sized its wrapped text for the loose field, then again in the dialog (~5 %
    of Settings). It shows with its field, styled once."""
    from PySide6.QtWidgets import QLineEdit

    from pos_app.ui.widgets.form_parts import FieldBox

    with_hint = FieldBox(QLineEdit(), "Printed at the end.")
    without = FieldBox(QLineEdit())
    for field in (with_hint, without):
        qtbot.addWidget(field)
        assert not field.hint.testAttribute(Qt.WidgetAttribute.WA_WState_Polished)
        assert not field.error.testAttribute(Qt.WidgetAttribute.WA_WState_Polished)
        field.show()
        qtbot.waitExposed(field)
    assert with_hint.hint.isVisible() and with_hint.hint.text() == "Printed at the end."
    assert not without.hint.isVisible()
    assert not with_hint.error.isVisible() and not without.error.isVisible()
    with_hint.set_error("Too long.")
    assert with_hint.error.isVisible()


# == the cashier's window ==========================================================================
def test_the_cashiers_window_makes_its_parts_in_place(qloop: Any, qtbot: QtBot) -> None:
    """The window's parts (the scan field, the cart, the totals and payment panels...) were
    built loose and re-styled when the layouts took them in: a StyleChange to each of their
    ~70 widgets, the two panels twice (into the side panel, the side panel into the window),
    ~20 % of the window's building. They are made inside the widget they stay in; the focus
    chain is the one it was."""
    from PySide6.QtCore import QByteArray

    from pos_app.ui.counter.main_window import MainWindow

    window, changes = style_changes_while(
        lambda: MainWindow(site=ARS, geometry=QByteArray())  # the default size
    )
    qtbot.addWidget(window)
    assert isinstance(window, MainWindow)
    parts = ("late_bar", "scan", "custom_button", "sales_button", "feedback")
    parts += ("feedback_action", "cart_view", "side", "totals", "payment")
    moved = {name: changes.count(getattr(window, name)) for name in parts}
    assert moved == dict.fromkeys(parts, 0)
    chain = []
    widget = window.nextInFocusChain()
    while widget is not window:
        if widget.objectName() and not widget.objectName().startswith("qt_"):
            chain.append(widget.objectName())
        widget = widget.nextInFocusChain()
    assert chain[chain.index("central") :] == [
        "central",
        *("latePaymentBar", "latePaymentText", "latePaymentRefundCash", "latePaymentDismiss"),
        *("scanField", "customButton", "salesButton", "scanFeedback", "feedbackAction"),
        "cartView",
        "sidePanel",
        *("totalsPanel", "minusButton", "plusButton", "removeButton", "discountTotal"),
        *("totalCaption", "totalAmount", "itemCount", "ivaIncluded", "chargeButton", "keysHelp"),
        *("paymentPanel", "statusBanner", "bannerDetail", "paymentAmount", "dynamicQrBox"),
        *("dynamicQr", "dynamicQrCaption", "paymentClock", "paymentClock", "paymentReference"),
        *("slowNotice", "checkResult", "recheckButton", "cancelButton", "cashButton"),
        *("newSaleButton", "backButton"),
    ]


# == the sales history (F3) ========================================================================
def test_the_sales_tables_move_once_into_the_sales_history(qloop: Any, qtbot: QtBot) -> None:
    """The sales list, the chosen sale's lines, refunds and history were built loose and moved
    four times (into their box, the box into a splitter, that splitter into the outer one, the
    outer one into the dialog); the splitters are now in the dialog before they are filled."""
    from pos_app.ui.counter.sales_view import TodaySalesDialog

    dialog, changes = style_changes_while(
        lambda: TodaySalesDialog(
            ARS,
            sales_since=lambda _start: [],
            get_sale=lambda _ref: None,
            sale_events=lambda _r: [],
        )
    )
    qtbot.addWidget(dialog)
    assert isinstance(dialog, TodaySalesDialog)
    tables = {"sales": dialog.table, "lines": dialog.lines, "events": dialog.events}
    tables["refunds"] = dialog.refunds
    assert {name: changes.count(table) for name, table in tables.items()} == {
        "sales": 1,
        "lines": 1,
        "events": 1,
        "refunds": 1,
    }
    # The tab order is the reading order (the Close button has no name).
    order = []
    widget = dialog.nextInFocusChain()
    while widget is not dialog:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.objectName():
            order.append(widget.objectName())
        widget = widget.nextInFocusChain()
    assert order == [
        "salesPeriod",
        "salesFrom",
        "qt_spinbox_lineedit",
        "salesTo",
        "qt_spinbox_lineedit",
        "statusFilter",
        "tenderFilter",
        "salesSearch",
        "salesTable",
        "exportSalesButton",  # under the list it exports (it sat after Refund, in the bottom row)
        "saleLines",
        "saleRefunds",
        "saleEvents",
        "recheckSaleButton",
        "cancelSaleButton",
        "reprintReceiptButton",
        "refundSaleButton",
    ]


def test_the_sales_list_answers_what_it_does_not_show_without_reading_a_sale() -> None:
    from pos_app.domain.sale_rows import sale_row
    from pos_app.ui.counter.sales_view import COL_STATUS, COL_TOTAL, SalesTableModel
    from tests.receipts.test_discounts import discounted_sale

    model = SalesTableModel(ARS)
    model.set_sales([sale_row(discounted_sale())])

    sales = CountedReads(model._sales)
    model._sales = sales
    for role in (
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.CheckStateRole,
        Qt.ItemDataRole.SizeHintRole,
    ):  # painting asks for these; a tooltip is asked on hover only (test_sales_history_tooltips)
        assert model.data(model.index(0, COL_STATUS), role) is None
    assert sales.read == 0
    assert model.data(model.index(0, COL_TOTAL)) == "$ 9.100,00"
    assert model.data(model.index(0, COL_TOTAL), Qt.ItemDataRole.TextAlignmentRole) == int(
        (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value
    )
    assert model.data(model.index(0, COL_STATUS), Qt.ItemDataRole.BackgroundRole) is not None


# == the day: cash drawer and close ================================================================
def test_the_drawer_and_the_close_read_the_day_book_once_when_first_opened(
    window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both dialogs read the day book as they are built (every sale since the last close, ~20 ms
    for 150 sales); opening them read it a second time straight away. Reopened, they read it
    again (it may have changed)."""
    from pos_app.ledger.day import DayBook

    previews: list[object] = []
    preview = DayBook.preview

    def counting(self: DayBook, *args: Any, **kwargs: Any) -> Any:
        previews.append(self)
        return preview(self, *args, **kwargs)

    monkeypatch.setattr(DayBook, "preview", counting)
    drawer = window.day.open_cash_drawer()
    assert len(previews) == 1
    assert drawer.expected.text()  # filled
    window.day.open_cash_drawer()
    assert len(previews) == 2
    closing = window.day.open_close_day()
    assert len(previews) == 3
    assert closing.rows.rowCount() > 0
    window.day.open_close_day()
    assert len(previews) == 4
    drawer.close()
    closing.close()


def test_the_sales_history_reads_the_chosen_sale_once_per_refresh(qtbot: QtBot) -> None:
    """A refresh selects a sale and shows it; selecting it used to show it first as well (its
    history, lines and refunds read twice on every refresh, F3 included). Picking another sale
    still shows that one."""
    from dataclasses import replace

    from pos_app.ui.counter.sales_view import TodaySalesDialog
    from tests.receipts.test_discounts import discounted_sale

    first = replace(discounted_sale(), external_reference="A-1")
    second = replace(discounted_sale(), external_reference="B-2")
    sales = [first, second]
    read: list[str] = []

    def events(ref: str) -> list[Any]:
        read.append(ref)
        return []

    dialog = TodaySalesDialog(
        ARS,
        sales_since=lambda _start: sales,
        get_sale=lambda ref: next((s for s in sales if s.external_reference == ref), None),
        sale_events=events,
    )
    qtbot.addWidget(dialog)
    dialog.refresh()
    assert read == ["A-1"]
    assert "A-1" in dialog.heading.text()
    dialog.refresh()  # the same sale stays chosen, shown again (it may have changed)
    assert read == ["A-1", "A-1"]
    dialog.select_reference("B-2")
    assert read == ["A-1", "A-1", "B-2"]
    assert "B-2" in dialog.heading.text()
    dialog.refresh()
    assert read[-1] == "B-2" and len(read) == 4


# == no part is a window of its own on the way =====================================================
class WindowsShown(QObject):
    """Every widget shown as a window of its own (a top-level, made on the platform)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            self.seen.append(f"{type(watched).__name__} {watched.objectName()!r}")
        return False


def _settings_dialog() -> QWidget:
    from pos_app.app import demo_config
    from pos_app.sandbox.state import SandboxState
    from pos_app.ui.settings.dialog import SettingsDialog
    from pos_app.ui.settings.session import SettingsSession

    client = _client()
    config = demo_config(SandboxState.seeded())
    return SettingsDialog(SettingsSession(config, client, token=client.token, origin="keyring"))


def _setup_assistant() -> QWidget:
    from pos_app.settings.config import Config
    from pos_app.ui.settings.session import SettingsSession
    from pos_app.ui.settings.setup_assistant import SetupAssistant

    return SetupAssistant(SettingsSession(Config(), _client(), token=None, origin=""))


def _sales_history(refunds: Any) -> QWidget:
    from pos_app.ui.counter.sales_view import TodaySalesDialog

    return TodaySalesDialog(
        ARS,
        sales_since=lambda _start: [],
        get_sale=lambda _ref: None,
        sale_events=lambda _r: [],
        refunds=refunds,
    )


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(_settings_dialog, id="settings"),
        pytest.param(_setup_assistant, id="setup-assistant"),
        pytest.param(lambda: _sales_history(None), id="sales-history"),
        pytest.param(
            lambda: _sales_history(lambda _sale: (Decimal(0), Decimal(0))),
            id="sales-history-refunds",
        ),
    ],
)
def test_no_part_is_shown_as_a_window_of_its_own_while_a_window_is_built(
    qloop: Any, qtbot: QtBot, build: Callable[[], QWidget]
) -> None:
    """A widget made loose and shown before a layout takes it in (a field's hint, the sales
    history's Refund button) was a window of its own for a moment: made on the platform, shown
    and styled as a window, then taken apart again when it moved in (~5 % of Settings, one
    per field; on a desktop, a window the system made and unmade)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    shown = WindowsShown()
    app.installEventFilter(shown)
    try:
        window = build()
    finally:
        app.removeEventFilter(shown)
    qtbot.addWidget(window)
    assert shown.seen == []
    # Shown, each part shows as before: a field's hint when it has one, Refund when there are
    # refunds; its error line only with an error.
    from pos_app.ui.counter.sales_view import TodaySalesDialog
    from pos_app.ui.widgets.form_parts import FieldBox

    window.show()
    qtbot.waitExposed(window)
    fields = window.findChildren(FieldBox)
    for field in fields:
        assert field.hint.isVisibleTo(field) == bool(field.hint.text()), field.hint.text()
        assert not field.error.isVisibleTo(field)
    if isinstance(window, TodaySalesDialog):
        assert window.refund_button.isVisibleTo(window) == (window._refunds is not None)
    else:
        assert any(field.hint.isVisible() for field in fields)
