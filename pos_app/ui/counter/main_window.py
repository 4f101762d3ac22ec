"""The cashier's window: fill the cart, charge with the QR, watch the payment, start over.

Two modes. In *cart* mode the scan field has focus and the cart can change. In *payment* mode
(from F5 until the cashier starts a new sale) the cart is locked and the right side shows the
payment panel. The window never talks to Mercado Pago: it calls the checkout engine's async
methods through a :class:`TaskKeeper` and renders the events the :class:`EngineBridge` re-emits.

Start-up shows the window before the runtime exists (``MainWindow(site=...)``): the status bar
says "Connecting…", the cart can be filled with custom amounts, and everything that needs the
ledger or Mercado Pago (charging, the catalog, Settings, the day) waits until :meth:`attach`
hands the runtime over. Only what the first frame needs is imported here; the dialogs are
imported when first opened.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Coroutine, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from PySide6.QtCore import QByteArray, QSize, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import Site, format_money_unbroken
from pos_app.ui.counter.cart_model import CartTableModel
from pos_app.ui.counter.cart_view import CartView
from pos_app.ui.counter.engine_calls import EngineCalls
from pos_app.ui.counter.payment_panel import PaymentPanel
from pos_app.ui.counter.price_text import (
    ScaleLabels,
    price_per_unit,
    sale_discount_text,
)
from pos_app.ui.counter.product_search import ProductSearch
from pos_app.ui.counter.scan_field import ScanField
from pos_app.ui.counter.status_bar import PosStatusBar
from pos_app.ui.counter.totals_panel import TotalsPanel
from pos_app.ui.maintenance.support import CrashReporter, SupportActions
from pos_app.ui.qtkit import sounds
from pos_app.ui.qtkit.async_utils import TaskKeeper, delete_when_settled
from pos_app.ui.qtkit.errors import show_error, translate_message
from pos_app.ui.qtkit.lazy_qt import Qt, set_enum
from pos_app.ui.qtkit.style import set_compact, set_state
from pos_app.ui.qtkit.window_settings import apply_geometry, restore_geometry, save_geometry
from pos_app.ui.qtkit.workarounds import emit
from pos_app.ui.widgets.alert_bar import LatePaymentBar

if TYPE_CHECKING:
    # Not needed for the first frame: imported where they are used (start-up time, issue 19).
    import asyncio

    from PySide6.QtGui import QAction, QCloseEvent, QPaintEvent, QResizeEvent
    from PySide6.QtWidgets import QDialog

    from pos_app.checkout.events import (
        ConnectionChanged,
        SaleChanged,
        SaleSetAside,
        StoreDeliveryChanged,
    )
    from pos_app.checkout.refunds import RefundResult, RefundService
    from pos_app.domain.cart import CartLine  # the first frame's cart is empty
    from pos_app.domain.catalog import Product  # the catalog comes with the runtime
    from pos_app.domain.pricing import Discount
    from pos_app.domain.records import SaleSnapshot
    from pos_app.domain.scale_label import ScaleLayout
    from pos_app.ledger.refunds import RefundRecord
    from pos_app.receipts.model import Receipt
    from pos_app.runtime import Runtime
    from pos_app.settings.config import Config
    from pos_app.ui.counter.custom_amount import CustomAmountBar
    from pos_app.ui.counter.price_dialogs import DiscountDialog, WeightDialog
    from pos_app.ui.counter.sales_view import TodaySalesDialog
    from pos_app.ui.day.actions import DayActions
    from pos_app.ui.day.refund_dialog import RefundDialog
    from pos_app.ui.day.store_view import StoreViewDialog
    from pos_app.ui.products.editor import ProductEditor
    from pos_app.ui.products.window import ProductsWindow
    from pos_app.ui.qtkit.bridge import EngineBridge
    from pos_app.ui.receipts.preview import ReceiptPreviewDialog
    from pos_app.ui.settings.dialog import SettingsDialog
    from pos_app.ui.settings.session import SettingsResult

log = logging.getLogger(__name__)

PAGE_CART, PAGE_PAYMENT = 0, 1
# Below this height (a 1024 x 600 counter screen, less its title bar) the window goes compact:
# at full size its large type and buttons need ~660 px, and the payment panel's widgets
# overlapped (a refused order's reason under "New sale", "Back to the cart" over it).
COMPACT_BELOW = 680


def looks_like_code(text: str) -> bool:
    """A barcode or SKU as a scanner sends it (one word with a digit), not a name typed."""
    text = text.strip()
    return bool(text) and " " not in text and any(c.isdigit() for c in text)


T = TypeVar("T")


class AfterFirstFrame(Generic[T]):
    """A window attribute :meth:`MainWindow._build_actions` sets (the keys and the menus'
    entries): made right after the first frame, whose menu bar shows only the menus' titles
    (QAction's and QKeySequence's enums and the actions: ~10 M instructions before it, issue
    19). Read earlier, it makes them at once."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.key = "_made_" + name

    @overload
    def __get__(self, window: None, owner: type) -> AfterFirstFrame[T]: ...
    @overload
    def __get__(self, window: MainWindow, owner: type) -> T: ...
    def __get__(self, window: MainWindow | None, owner: type) -> T | AfterFirstFrame[T]:
        if window is None:
            return self
        window._build_actions()  # once
        value: T = window.__dict__[self.key]
        return value

    def __set__(self, window: MainWindow, value: T) -> None:
        window.__dict__[self.key] = value


class SidePanel(QStackedWidget):
    """The totals / payment side: at least 360 px, and never narrower than its content needs
    (a fixed minimum width would override the hint and clip a long translation); as tall as
    the page on show needs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def minimumSizeHint(self) -> QSize:
        # As tall as the page on show needs: QStackedWidget takes the tallest page, and the
        # payment page, hidden behind the cart, made the cart's window ~100 px taller than
        # its own content (it did not fit a 1024 x 600 screen).
        hint = super().minimumSizeHint()
        page = self.currentWidget()
        if page is not None:
            hint.setHeight(page.minimumSizeHint().height())
        return hint.expandedTo(QSize(360, 0))


class MainWindow(QMainWindow):
    closed = Signal()  # the cashier closed the window: time to shut down
    settingsApplied = Signal(object)  # the Config Settings saved, once the runtime has it
    painted = Signal()  # the first frame is on screen (start-up opens the runtime after it)
    ready = Signal()  # attach(): the runtime is up, charging works
    # The cashier ends the charge on screen (the customer display says so before the engine
    # has answered): Esc (False) or "Customer pays cash" (True); then, if the engine could not
    # even record it, cancelFailed (the charge goes on, its QR still valid).
    cancelChosen = Signal(bool)
    cancelFailed = Signal()

    # The keys and the menus' entries (see AfterFirstFrame and _build_actions).
    charge_action = AfterFirstFrame["QAction"]()
    custom_action = AfterFirstFrame["QAction"]()
    sales_action = AfterFirstFrame["QAction"]()
    cancel_action = AfterFirstFrame["QAction"]()
    new_sale_action = AfterFirstFrame["QAction"]()
    line_discount_action = AfterFirstFrame["QAction"]()
    sale_discount_action = AfterFirstFrame["QAction"]()
    settings_action = AfterFirstFrame["QAction"]()
    add_product_action = AfterFirstFrame["QAction"]()
    products_action = AfterFirstFrame["QAction"]()
    cash_drawer_action = AfterFirstFrame["QAction"]()
    close_day_action = AfterFirstFrame["QAction"]()
    store_view_action = AfterFirstFrame["QAction"]()

    def __init__(
        self,
        runtime: Runtime | None = None,
        bridge: EngineBridge | None = None,
        *,
        site: Site | None = None,
        geometry: QByteArray | None = None,
    ) -> None:
        """``MainWindow(runtime, bridge)``: ready at once. ``MainWindow(site=...)``: the
        "connecting…" window start-up shows first; :meth:`attach` brings the runtime.
        ``geometry``: the saved geometry, read off the GUI thread (None: read it here)."""
        super().__init__()
        if site is None:
            if runtime is None:
                raise TypeError("MainWindow needs a runtime or a site")
            site = runtime.site
        self.setObjectName("mainWindow")
        self.site = site
        self._rt: Runtime | None = None
        self._bridge: EngineBridge | None = None
        self._refunds: RefundService | None = None
        self._day: DayActions | None = None
        self.tasks = TaskKeeper(self)
        self._current_ref: str | None = None  # the sale the payment panel follows
        self._charging = False  # engine.charge() has not returned yet
        self._cancel_after_charge: bool | None = None  # Esc pressed that early (value = cash)
        self._cancel_choice: bool | None = None  # what cancelChosen said for this charge
        # Discounts applied above the limit (so with the supervisor's PIN): F5 lets them be; any
        # other discount the cart's changes pushed above the limit is refused there.
        # Each with the share of its line (sale) it took then: the PIN allowed that much.
        self._pin_allowed: list[tuple[Discount, Decimal]] = []
        self._first_paint_done = False
        self.was_closed = False  # the cashier closed it (start-up may not be listening yet)
        self.calls = EngineCalls(self.tasks, self)
        self._sales_dialog: TodaySalesDialog | None = None
        self._products_window: ProductsWindow | None = None
        self._settings_dialog: SettingsDialog | None = None
        self._closing_after_save = False  # closed while Settings' OK saves: closes after it
        self._actions_built = False
        self.setWindowTitle(self.tr("Counter — Mercado Pago QR"))
        # 800 wide; as low as its layout allows: 600 px did not fit a 1024 x 600 screen once
        # its title bar was drawn (compact, the layout needs ~470).
        self.setMinimumSize(800, 0)
        # The size first: it decides whether the widgets are built compact (a 1024 x 600
        # screen, or a small saved size). Switched at the first resize instead, every widget
        # was styled twice inside the first frame, building QStyle and Qt's namespace
        # (start-up time, issue 19).
        if geometry is None:
            restore_geometry(self, "main", (1024, 768))
        else:
            apply_geometry(self, geometry, (1024, 768))
        compact = self._wants_compact()
        self._build_layout(self._build_widgets(compact))
        self._build_menus()
        self._wire()
        self.status.show_connecting()
        self._enter_cart_mode()
        if runtime is not None:
            if bridge is None:
                raise TypeError("MainWindow(runtime) needs its bridge")
            self.attach(runtime, bridge)

    # == building (the first frame) ==============================================================
    def _build_widgets(self, compact: bool) -> QWidget:
        """The window's parts; returns the central widget they are in."""
        # The status bar, the central widget, then each part made inside the widget it stays
        # in, in the focus chain's order. Built loose, the parts were re-styled when the layouts
        # took them in (a StyleChange to every widget of each part; ~20 % of the window's
        # building).
        site = self.site
        self.status = PosStatusBar()
        self.setStatusBar(self.status)
        central = QWidget()
        central.setObjectName("central")
        if compact:
            # Before any widget is put inside it: each is styled with it (none again).
            central.setProperty("compact", True)
        self.setCentralWidget(central)
        # (A button's parent by keyword: passed with its text by position, PySide6 tries the
        # icon-text-parent overload and loads QIcon before the first frame.)
        self.late_bar = LatePaymentBar(site, central)
        self.scan = ScanField(central)
        self.custom_button = QPushButton(self.tr("Custom amount  (F2)"), parent=central)
        self.custom_button.setObjectName("customButton")
        self.sales_button = QPushButton(self.tr("Sales  (F3)"), parent=central)
        self.sales_button.setObjectName("salesButton")
        for button in (self.custom_button, self.sales_button):
            set_enum(button, "focusPolicy", "NoFocus")  # heights: the stylesheet's
        self.feedback = QLabel(central)
        self.feedback.setObjectName("scanFeedback")
        self.feedback.setWordWrap(True)
        # What to do about the sentence beside it: "Add this product" after an unknown code,
        # "Open Products" while the catalog is empty.
        self.feedback_action = QPushButton(central)
        self.feedback_action.setObjectName("feedbackAction")
        set_enum(self.feedback_action, "focusPolicy", "NoFocus")
        self.feedback_action.hide()
        self._feedback_code = ""  # the unknown code "Add this product" fills in
        self._empty_hint = False  # the feedback line says the catalog is empty
        self._custom_bar: CustomAmountBar | None = None  # built when first opened (F2)

        self.model = CartTableModel(site, self)
        self.cart_view = CartView(central)
        self.cart_view.setModel(self.model)
        self.side = SidePanel(central)
        self.side.setObjectName("sidePanel")
        self.totals = TotalsPanel(site, self.side)
        self.payment = PaymentPanel(site, self.side)
        set_enum(self.payment, "focusPolicy", "StrongFocus")
        self.side.addWidget(self.totals)
        self.side.addWidget(self.payment)
        return central

    def _build_layout(self, central: QWidget) -> None:
        top = QHBoxLayout()
        top.addWidget(self.scan, 1)
        top.addWidget(self.custom_button)
        top.addWidget(self.sales_button)
        body = QHBoxLayout()
        body.addWidget(self.cart_view, 3)
        body.addWidget(self.side, 2)
        self._body = body
        self._qr_place: QWidget | None = None  # compact: the dynamic QR in the cart's place
        layout = QVBoxLayout(central)
        layout.addWidget(self.late_bar)
        layout.addLayout(top)
        feedback_row = QHBoxLayout()
        feedback_row.addWidget(self.feedback, 1)
        feedback_row.addWidget(self.feedback_action)
        layout.addLayout(feedback_row)
        self._custom_bar_at = (layout, layout.count())  # where the bar goes when first opened
        layout.addLayout(body, 1)

        # The catalog is the ledger's: until attach() the search finds nothing.
        self.labels = ScaleLabels(self._lookup_code, self._scale_layouts)
        self.search = ProductSearch(
            self.scan,
            central,
            self.site,
            search=self._search_catalog,
            lookup=self.labels.lookup,
        )

    def _build_menus(self) -> None:
        """The menu bar with its menus' titles, as the first frame shows it; their entries (and
        the keys) come right after it: :meth:`_build_actions`."""
        self.tools_menu = self.menuBar().addMenu(self.tr("&Tools"))  # the app adds to it
        self._day_menu = self.menuBar().addMenu(self.tr("&Day"))
        self.support = SupportActions(self, self.tasks)
        self.support.about_source = self._about_source
        self.demo = False  # the demo's window (pos-app --demo): Help → About says so
        self._shown_config: Config | None = None  # before the runtime: show_config's
        self._help_menu = self.support.add_menu(self)
        self.crashes = CrashReporter(self, self.support)
        self._store_view: StoreViewDialog | None = None

    def _build_actions(self) -> None:
        """The keys and the menus' entries: once the first frame is painted (``painted``), when
        the runtime comes (:meth:`attach`) or when one is first read, whichever comes first."""
        if self._actions_built:
            return
        self._actions_built = True
        self.payment.set_size_policies()  # the hidden payment page's (QSizePolicy's enums)
        from PySide6.QtGui import QAction, QKeySequence

        self.charge_action = self._action(self.tr("Charge with QR"), "F5", self.charge)
        self.custom_action = self._action(self.tr("Custom amount"), "F2", self.open_custom_amount)
        self.sales_action = self._action(self.tr("Sales history"), "F3", self.open_sales_dialog)
        self.cancel_action = self._action(self.tr("Cancel charge"), "Esc", self.cancel_charge)
        self.new_sale_action = self._action(self.tr("New sale"), "Return", self.new_sale)
        self.new_sale_action.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        self.line_discount_action = self._action(
            self.tr("Line discount"), "F7", self.open_line_discount
        )
        self.sale_discount_action = self._action(
            self.tr("Sale discount"), "F8", self.open_sale_discount
        )
        self.settings_action = self._action(self.tr("Settings…"), "F9", self.open_settings)
        self.settings_action.setObjectName("settingsAction")
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.add_product_action = self._action(
            self.tr("Add a product…"), "Ctrl+N", self.add_product
        )
        self.add_product_action.setObjectName("addProductAction")
        self.products_action = self._action(self.tr("Products…"), "F6", self.open_products)
        self.products_action.setObjectName("productsAction")
        tools_menu = self.tools_menu
        tools_menu.addAction(self.products_action)
        tools_menu.addAction(self.add_product_action)
        tools_menu.addAction(self.settings_action)
        day_menu = self._day_menu
        day_menu.addAction(self.sales_action)
        self.cash_drawer_action = self._action(
            self.tr("Cash drawer…"), "Ctrl+D", lambda: self.day.open_cash_drawer()
        )
        self.close_day_action = self._action(
            self.tr("Close the day…"), "Ctrl+Shift+Z", lambda: self.day.open_close_day()
        )
        day_menu.addAction(self.cash_drawer_action)
        day_menu.addAction(self.close_day_action)
        self.store_view_action = self._action(
            self.tr("Store and chain…"), "Ctrl+Shift+S", self.open_store_view
        )
        day_menu.addAction(self.store_view_action)
        self.support.fill_menu(self._help_menu, self)
        # What needs the runtime: off until attach().
        self._runtime_actions = (
            self.sales_action,
            self.settings_action,
            self.add_product_action,
            self.products_action,
            self.cash_drawer_action,
            self.close_day_action,
            self.store_view_action,
        )
        self._update_actions()

    def _action(self, text: str, key: str, slot: Callable[[], Any]) -> QAction:
        from PySide6.QtGui import QAction, QKeySequence

        action = QAction(text, self)
        # setShortcuts, not setShortcut: the latter's overloads make PySide6 build the Qt
        # namespace's enums, which the first frame does without (start-up time, issue 19).
        action.setShortcuts([QKeySequence(key)])
        set_enum(action, "shortcutContext", "WindowShortcut")
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _wire(self) -> None:
        """The widgets' signals to the window (the engine's come with attach())."""
        self.painted.connect(self.scan.watch_events)
        # The keys and the menus' entries right after the first frame (after the other work
        # its ``painted`` starts: the scan field's watch), or when one is first read. The
        # window's own timer: never fired once the window is gone.
        later = QTimer(self)
        later.setSingleShot(True)
        later.timeout.connect(self._build_actions)
        self.painted.connect(lambda: later.start(0))
        self.feedback_action.clicked.connect(self._feedback_action_clicked)
        self.search.productChosen.connect(self._product_chosen)
        self.search.notFound.connect(self._not_found)
        self.search.hint.connect(lambda text: self._say(text, "info"))
        self.search.cartNavigate.connect(self._scan_cart_navigate)
        self.scan.quantityKey.connect(self._scan_quantity_key)
        self.scan.deleteKey.connect(self._scan_delete_key)
        self.custom_button.clicked.connect(self.open_custom_amount)
        self.sales_button.clicked.connect(self.open_sales_dialog)
        self.late_bar.refundCashRequested.connect(self.open_cash_refund)
        self.cart_view.escapePressed.connect(self.focus_scan)
        self.cart_view.lineRemoved.connect(self._say_nothing)
        self.model.totalsChanged.connect(self._update_totals)
        self.model.modelReset.connect(self._update_totals)
        self.cart_view.selectionMoved.connect(self._update_totals)
        self.totals.chargeRequested.connect(self.charge)
        self.totals.plusRequested.connect(functools.partial(self._touch_quantity, +1))
        self.totals.minusRequested.connect(functools.partial(self._touch_quantity, -1))
        self.totals.removeRequested.connect(self._touch_remove)
        self.payment.cancelRequested.connect(self.cancel_charge)
        self.payment.cashRequested.connect(functools.partial(self.cancel_charge, cash=True))
        self.payment.newSaleRequested.connect(self.new_sale)
        self.payment.backToCartRequested.connect(self.back_to_cart)
        self.payment.recheckRequested.connect(self.recheck_current)
        self.payment.qrShownChanged.connect(lambda _shown: self._place_qr())
        self.side.currentChanged.connect(lambda _index: self._place_qr())
        self.calls.slowChanged.connect(self._show_slow)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._first_paint_done:
            self._first_paint_done = True
            # After this paint (children included): start-up opens the runtime then.
            QTimer.singleShot(0, self.painted.emit)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.set_compact(self._wants_compact())
        self._place_qr()

    def _wants_compact(self) -> bool:
        """A small screen, or a window lower than :data:`COMPACT_BELOW`."""
        screen = self.screen()
        small_screen = screen is not None and screen.availableGeometry().height() < COMPACT_BELOW
        return small_screen or self.height() < COMPACT_BELOW

    def set_compact(self, on: bool) -> None:
        """Smaller type and buttons on a small screen (see :data:`COMPACT_BELOW`): the
        stylesheet's ``[compact="true"]`` rules, the one place that sizes them (heights set in
        code as well used to win once the window had been compact, and stay when it grew)."""
        central = self.centralWidget()
        if central is not None:
            set_compact(central, on)

    def _place_qr(self) -> None:
        """Compact, the sale's dynamic QR takes the cart's place (the cart is locked while it
        is paid) and the payment panel keeps its banner, amount, clocks and buttons: under the
        amount the QR (at least 240 px) made the window need 679 px of height, "Cancel charge"
        and "Customer pays cash" below a 1024 x 600 screen. Large, it stays under the amount."""
        if self.centralWidget() is None:
            return  # a resize before the layout is built
        beside = self.compact and self.in_payment and self.payment.showing_qr
        place = self._qr_place
        if not beside:
            if place is not None and not place.isHidden():
                place.hide()
                self.payment.take_back_qr()
                self.cart_view.show()
            return
        if place is None:
            place = self._qr_place = QWidget()
            place.setObjectName("qrPlace")
            QVBoxLayout(place).setContentsMargins(0, 0, 0, 0)
            self._body.insertWidget(1, place, 3)  # beside the cart, which hides
        layout = place.layout()
        assert layout is not None
        self.payment.lend_qr(layout)
        self.cart_view.hide()
        place.show()

    @property
    def compact(self) -> bool:
        central = self.centralWidget()
        return central is not None and bool(central.property("compact"))

    @property
    def has_painted(self) -> bool:
        return self._first_paint_done

    # == the runtime =============================================================================
    def show_config(self, config: Config) -> None:
        """The store and box in the status bar, before the runtime is up."""
        self._shown_config = config
        self.status.set_config(config)

    def _about_source(self) -> tuple[Config | None, bool]:
        """Help → About's settings: the runtime's (Settings' OK changes them), else the ones
        shown before it was up."""
        return (self._rt.config if self._rt is not None else self._shown_config), self.demo

    def attach(self, runtime: Runtime, bridge: EngineBridge) -> None:
        """The runtime is open: the catalog, the engine's events, charging."""
        if self._rt is not None:
            raise RuntimeError("the window already has its runtime")
        if runtime.site.site_id != self.site.site_id:
            raise ValueError("the runtime's site is not the one the window was built for")
        self._build_actions()  # if the window was never painted (hidden, minimized)
        self._rt = runtime
        self._bridge = bridge
        self.status.set_config(runtime.config)
        self.status.show_unknown()
        self._show_receiver()
        # The store database's delivery runs on a thread of its own and says how far it got.
        bridge.storeDeliveryChanged.connect(self._store_delivery_changed)
        bridge.saleChanged.connect(self._sale_changed)
        bridge.connectionChanged.connect(self._connection_changed)
        bridge.saleSetAside.connect(self._sale_set_aside)
        from pos_app.checkout.events import SaleSetAside  # loaded with the runtime already

        for unreadable in runtime.engine.unreadable:  # set aside before the window listened
            self.status.add_set_aside(SaleSetAside(unreadable.reference, unreadable.problem.msg))
        if bridge.last_connection is not None:
            self.status.set_connection(bridge.last_connection)
        self.calls.watch(runtime.engine.client)
        if self.feedback.text() == self._connecting_text():
            self._say_nothing()
        self._update_actions()
        self._show_empty_catalog_hint()
        emit(self.ready)

    @property
    def is_ready(self) -> bool:
        """The runtime is attached: charging, the catalog and Settings work."""
        return self._rt is not None

    @property
    def rt(self) -> Runtime:
        if self._rt is None:
            raise RuntimeError("the runtime is not open yet")
        return self._rt

    @property
    def bridge(self) -> EngineBridge:
        if self._bridge is None:
            raise RuntimeError("the runtime is not open yet")
        return self._bridge

    @property
    def refunds(self) -> RefundService:
        """Refunds of paid sales (Today's sales → Refund…), against the current client."""
        if self._refunds is None:
            from pos_app.checkout.refunds import RefundService

            self._refunds = RefundService(
                self.rt.ledger, lambda: self.rt.client, across=self.rt.refund_check
            )
        return self._refunds

    @property
    def day(self) -> DayActions:
        """The cash drawer and the day's close (their dialogs load when first opened)."""
        if self._day is None:
            from pos_app.ui.day.actions import DayActions

            self._day = DayActions(self)
        return self._day

    def _connecting_text(self) -> str:
        return self.tr("Still connecting: this works in a moment, once the status bar says so.")

    def _say_connecting(self) -> None:
        self._say(self._connecting_text(), "info")

    def _search_catalog(self, text: str, limit: int) -> list[Product]:
        return self._rt.ledger.catalog.search(text, limit) if self._rt is not None else []

    def _lookup_code(self, code: str) -> Product | None:
        return self._rt.ledger.catalog.lookup_code(code) if self._rt is not None else None

    def _scale_layouts(self) -> tuple[ScaleLayout, ...]:
        from pos_app.domain.scale_label import layouts_for  # at a scan (issue 19)

        setting = self._rt.config.scale_labels if self._rt is not None else ""
        return layouts_for(setting, self.site.site_id)

    # == modes ===================================================================================
    @property
    def in_payment(self) -> bool:
        return self.side.currentIndex() == PAGE_PAYMENT

    @property
    def current_sale(self) -> SaleSnapshot | None:
        return self.payment.sale

    @property
    def cancel_choice(self) -> bool | None:
        """The cashier's last word on the charge on screen: None (none), False (Esc), True
        (cash); what :attr:`cancelChosen` said, for a customer display built afterwards."""
        on_show = self.in_payment and not self.payment.has_ended  # an ended one asks nothing
        return self._cancel_choice if on_show else None

    def _enter_cart_mode(self) -> None:
        self._current_ref = None
        self._cancel_after_charge = None
        self._cancel_choice = None
        self.payment.stop()
        self.model.set_locked(False)
        set_state(self.cart_view, "")
        self.scan.set_locked(False)
        self.side.setCurrentIndex(PAGE_CART)
        self.custom_button.setEnabled(True)
        if self._custom_bar is not None:
            self._custom_bar.setEnabled(True)
        self._update_actions()
        self._update_totals()
        self.focus_scan()

    def _enter_payment_mode(self) -> None:
        self.search.close()
        self.scan.clear()  # the field says why it is locked, not a half-typed search
        if self._custom_bar is not None:
            self._custom_bar.hide()
        self.model.set_locked(True)
        set_state(self.cart_view, "locked")  # greyed: this cart is being paid
        self.scan.set_locked(True)
        self.side.setCurrentIndex(PAGE_PAYMENT)
        self.custom_button.setEnabled(False)
        if self._custom_bar is not None:
            self._custom_bar.setEnabled(False)
        self._say("", "")
        self._show_slow(self.calls.slow)
        self.payment.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_actions()

    def _update_actions(self) -> None:
        if not self._actions_built:  # the first frame: _build_actions updates them
            return
        paying = self.in_payment
        sale = self.payment.sale
        ended = paying and self.payment.has_ended
        ready = self.is_ready
        for action in self._runtime_actions:
            action.setEnabled(ready)
        self.sales_button.setEnabled(ready)
        # F5 stays on while connecting: it says why it cannot charge yet.
        self.charge_action.setEnabled(not paying)
        self.custom_action.setEnabled(not paying)
        # The discount limit and the supervisor's PIN are the runtime's settings.
        self.line_discount_action.setEnabled(not paying and ready)
        self.sale_discount_action.setEnabled(not paying and ready)
        self.cancel_action.setEnabled(paying and not ended)
        self.new_sale_action.setEnabled(ended)
        # Not while a charge is on the box: its store and box must not change under it.
        self.settings_action.setEnabled(ready and (not paying or ended))
        if sale is not None and paying:
            self.payment.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_scan(self) -> None:
        if not self.in_payment:
            self.scan.setFocus()  # Qt.FocusReason.OtherFocusReason (no enum in the first frame)

    # == filling the cart ========================================================================
    def _product_chosen(self, product: Product) -> None:
        if product.damaged:  # its price cannot be read: named, never sold at a guess
            self.labels.take(product)
            sounds.attention()
            self._say(translate_message(product.problem().msg), "error")
            return
        label = self.labels.take(product)
        if label is not None:  # a scale's label: its weight or price
            from pos_app.domain.scale_label import ScaleLabelError, label_line

            try:
                line = label_line(product, label, self.model.site)
            except ScaleLabelError as exc:
                sounds.attention()
                self._say(translate_message(exc.msg), "error")
                return
            self._add_line(line)
        elif product.is_measured:
            self.open_weight_entry(product)
        else:
            self._add_line(product.to_line(1))

    def open_weight_entry(self, product: Product) -> WeightDialog:
        from pos_app.ui.counter.price_dialogs import WeightDialog

        dialog = WeightDialog(product, self.model.site, parent=self)
        dialog.lineReady.connect(self._add_line)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.open()  # never exec(): the qasync loop keeps running
        return dialog

    def _dialog_closed(self, dialog: QDialog) -> None:
        dialog.deleteLater()
        self.activateWindow()  # back to the scan field, keyboard-only
        self.focus_scan()

    # -- discounts (F7 on the selected line, F8 on the sale) -----------------------------------
    def open_line_discount(self) -> DiscountDialog | None:
        if self.in_payment or self.model.is_empty() or not self.is_ready:
            return None
        row = self.cart_view.current_row()
        if row is None:
            row = self.model.rowCount() - 1
            self.cart_view.select_row(row)
        line = self.model.line_at(row)
        dialog = self._discount_dialog(
            what=line.title,
            gross=line.gross(self.model.site),
            measure=line.amount,
            on_line=True,
            current=line.discount,
        )
        dialog.applied.connect(functools.partial(self._apply_line_discount, line))
        return dialog

    def open_sale_discount(self) -> DiscountDialog | None:
        if self.in_payment or self.model.is_empty() or not self.is_ready:
            return None
        dialog = self._discount_dialog(
            what=self.tr("Whole sale"),
            gross=self.model.cart.subtotal(),
            measure=Decimal(1),
            on_line=False,
            current=self.model.cart.sale_discount,
        )
        dialog.applied.connect(self._apply_sale_discount)
        return dialog

    def _discount_dialog(self, **kwargs: Any) -> DiscountDialog:
        from pos_app.ui.counter.price_dialogs import DiscountDialog

        config = self.rt.config
        dialog = DiscountDialog(
            self.model.site,
            limit=config.max_discount_percent,
            pin_hash=config.supervisor_pin,
            parent=self,
            **kwargs,
        )
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.open()
        return dialog

    def _apply_line_discount(self, line: CartLine, discount: Discount | None) -> None:
        for row, current in enumerate(self.model.lines()):
            if current is line:  # the same line object: nothing changed it meanwhile
                site = self.model.site
                gross = line.gross(site)
                if discount is not None and discount.above_limit(
                    gross, line.amount, site, self.rt.config.max_discount_percent
                ):  # the dialog had the PIN typed
                    self._pin_allowed.append(
                        (discount, discount.percent_of(gross, line.amount, site))
                    )
                self.model.set_line_discount(row, discount)
                return

    def _apply_sale_discount(self, discount: Discount | None) -> None:
        cart = self.model.cart
        subtotal = cart.subtotal()
        if discount is not None and discount.above_limit(
            subtotal, Decimal(1), cart.site, self.rt.config.max_discount_percent
        ):
            self._pin_allowed.append(
                (discount, discount.percent_of(subtotal, Decimal(1), cart.site))
            )
        self.model.set_sale_discount(discount)

    def _discount_past_the_limit(self) -> str:
        """Why F5 cannot charge: a discount now above the limit that no PIN allowed (an amount
        off whose line lost units, or a sale's after a line was removed); "" if none."""
        cart = self.model.cart
        site = cart.site
        limit = self.rt.config.max_discount_percent
        allowed = self._pin_allowed
        self._pin_allowed = [
            (d, share)
            for d, share in allowed
            if d is cart.sale_discount or any(d is ln.discount for ln in cart)
        ]

        def past(discount: Discount | None, gross: Decimal, measure: Decimal) -> bool:
            if discount is None or not discount.above_limit(gross, measure, site, limit):
                return False
            # Allowed with the PIN up to the share it took then (not more, as lines shrink).
            now = discount.percent_of(gross, measure, site)
            return not any(discount is d and now <= share for d, share in allowed)

        for line in cart:
            if past(line.discount, line.gross(site), line.amount):
                return self.tr(
                    "The discount on {title} is now above {limit} % (the line changed): "
                    "apply it again with F7."
                ).format(title=line.title, limit=limit)
        if past(cart.sale_discount, cart.subtotal(), Decimal(1)):
            return self.tr(
                "The sale's discount is now above {limit} % (the cart changed): apply it again "
                "with F8."
            ).format(limit=limit)
        return ""

    def _custom_line(self, line: CartLine) -> None:
        if self._add_line(line):
            self.custom_bar.close_bar()

    def _add_line(self, line: CartLine) -> bool:
        try:
            row = self.model.add_line(line)
        except Exception as exc:  # validation (or the locked cart) explains itself
            show_error(self, exc)
            return False
        self.cart_view.select_row(row)
        self.scan.clear()  # whatever was typed led to this line
        from pos_app.domain.pricing import format_measure

        added = self.model.line_at(row)
        site = self.model.site
        self._say(
            self.tr("Added {title} — {qty} × {price}").format(
                title=added.title,
                qty=format_measure(added.measure, added.sale_unit, site)
                if added.measure is not None
                else added.quantity,
                # The feedback line wraps: never "$" alone at the end of a line.
                price=price_per_unit(added.unit_price, added.sale_unit.value, site, unbroken=True)
                if added.is_measured
                else format_money_unbroken(added.unit_price, site),
            ),
            "ok",
        )
        self.focus_scan()
        return True

    def _not_found(self, text: str) -> None:
        if not self.is_ready:  # the catalog is not open yet: not "no product"
            self._say_connecting()
            self.scan.selectAll()
            return
        sounds.attention()
        label_problem = self.labels.take_error(text)
        if label_problem is not None:  # a scale label misread: say so, not "no product"
            self._say(translate_message(label_problem), "error")
            self.scan.selectAll()
            return
        self._say(
            self.tr(
                "No product matches “{text}”. Check the code, or use a custom amount (F2)."
            ).format(text=text),
            "error",
        )
        if looks_like_code(text):
            # A scanned code the catalog does not know: offer to add it, code filled in.
            self._feedback_code = text
            self.feedback_action.setText(self.tr("Add this product…  (Ctrl+N)"))
            self.feedback_action.show()
        self.scan.selectAll()

    def _feedback_action_clicked(self) -> None:
        if self._feedback_code:
            self.add_unknown_product(self._feedback_code)
        else:
            self.open_products()

    def _show_empty_catalog_hint(self) -> None:
        """A new shop has no products: say where they come from (until it has some)."""
        if (
            self.in_payment
            or not self.is_ready
            or self.feedback.text()
            or self.rt.ledger.catalog.count()
        ):
            return
        self._say(
            self.tr("No products yet: add them or import your list in Tools → Products (F6)."),
            "info",
        )
        self._feedback_code = ""
        self._empty_hint = True
        self.feedback_action.setText(self.tr("Open Products"))
        self.feedback_action.show()

    def _scan_quantity_key(self, delta: int) -> None:
        if self.model.rowCount() == 0:
            return
        if self.cart_view.current_row() is None:
            self.cart_view.select_row(self.model.rowCount() - 1)
        self.cart_view.change_selected(delta)

    def _scan_cart_navigate(self, step: int) -> None:
        """↑/↓ in the scan field while no search list is open: move the cart's selection, so
        ``+``/``-``/Delete act on the line the cashier sees selected."""
        rows = self.model.rowCount()
        if rows == 0 or self.model.locked:
            return
        current = self.cart_view.current_row()
        if current is None:
            target = rows - 1 if step < 0 else 0
        else:
            target = max(0, min(rows - 1, current + step))
        self.cart_view.select_row(target)

    def _scan_delete_key(self) -> None:
        if self.model.rowCount() and self.cart_view.current_row() is not None:
            self.cart_view.remove_selected()

    def _touch_quantity(self, delta: int) -> None:
        self.cart_view.change_selected(delta)
        self.focus_scan()

    def _touch_remove(self) -> None:
        self.cart_view.remove_selected()
        self.focus_scan()

    @property
    def custom_bar(self) -> CustomAmountBar:
        """The custom amount bar under the scan field: hidden until F2, so built then, not for
        the first frame (start-up time, issue 19)."""
        if self._custom_bar is None:
            from pos_app.ui.counter.custom_amount import CustomAmountBar

            bar = CustomAmountBar(self.site)
            bar.hide()
            bar.setEnabled(not self.in_payment)
            layout, index = self._custom_bar_at
            layout.insertWidget(index, bar)
            bar.lineReady.connect(self._custom_line)
            bar.closed.connect(self.focus_scan)
            self._custom_bar = bar
        return self._custom_bar

    def open_custom_amount(self) -> None:
        if not self.in_payment:
            self.search.close()
            self.custom_bar.open_bar()

    def _update_totals(self, *_args: Any) -> None:
        if not self.model.has_cart:  # empty, as the totals panel was built (the first frame)
            self.totals.set_totals(Decimal(0), 0, has_selection=False)
            return
        cart = self.model.cart
        self.totals.set_totals(
            self.model.total(),
            self.model.item_count(),
            has_selection=self.cart_view.current_row() is not None and not self.model.locked,
            iva=cart.iva_by_rate() if self.model.site.reports_iva else (),
            discount=cart.discount_total(),
            sale_discount=sale_discount_text(cart) if cart.sale_discount is not None else "",
        )

    def _say(self, text: str, kind: str) -> None:
        self.feedback.setText(text)
        set_state(self.feedback, kind)
        self.feedback_action.hide()  # an offer belongs to the sentence it came with
        self._feedback_code = ""
        self._empty_hint = False

    def _say_nothing(self) -> None:
        self._say("", "")

    # == charging ================================================================================
    def charge(self) -> None:
        if self.in_payment or self._charging:
            return
        if self.model.is_empty():
            self._say(self.tr("The cart is empty: scan or add an item first."), "error")
            self.focus_scan()
            return
        if not self.is_ready:  # the ledger and Mercado Pago's client are still opening
            self._say_connecting()
            self.focus_scan()
            return
        past_limit = self._discount_past_the_limit()
        if past_limit:
            sounds.attention()
            self._say(past_limit, "error")
            self.focus_scan()
            return
        lines = self.model.lines()
        sale_discount = self.model.cart.sale_discount
        self._charging = True
        self.payment.start_sending(self.model.total())
        self._enter_payment_mode()
        self._call(self._charge(lines, sale_discount), on_error=self._charge_failed)

    async def _charge(
        self, lines: Sequence[CartLine], sale_discount: Discount | None = None
    ) -> None:
        try:
            sale = await self.rt.engine.charge(lines, sale_discount=sale_discount)
        finally:
            self._charging = False
        # Events may already have told us more than the returned snapshot: the ledger knows best.
        self._follow(self.rt.ledger.get_sale(sale.external_reference) or sale)
        cash = self._cancel_after_charge
        if cash is not None and sale.is_open:
            self.cancel_charge(cash=cash)

    def _charge_failed(self, exc: BaseException) -> None:
        self._charging = False
        open_sale = self.rt.engine.open_sale()
        if open_sale is not None and open_sale.external_reference == self._current_ref:
            self._follow(open_sale)  # the sale exists: keep following it, never lose it
        else:
            self._enter_cart_mode()
        show_error(self, exc)

    def _follow(self, sale: SaleSnapshot) -> None:
        from pos_app.domain.sale import SaleStatus  # with the first charge (issue 19)

        previous = self.payment.sale
        self._current_ref = sale.external_reference
        if not self.in_payment:
            self._enter_payment_mode()
        self.payment.show_sale(sale)
        if not sale.is_open:
            # Nothing from before the charge may linger beside the outcome.
            self._say("", "")
            self.scan.set_locked(True, ended=True)
        was_paid = previous is not None and previous.status is SaleStatus.PAID
        if sale.status is SaleStatus.PAID and not was_paid:
            self._announce_paid()
        self._update_actions()

    def _announce_paid(self) -> None:
        if self.rt.config.sound_on_paid:
            sounds.paid()
        sale = self.payment.sale
        config = self.rt.config
        if sale is not None and config.receipt_auto_print and config.receipt_printer:
            self.tasks.spawn(self._print_paid(sale), name="receipt")

    async def _print_paid(self, sale: SaleSnapshot) -> None:
        """Settings → Receipts → print when paid. The sale is already in the ledger: a printer
        that fails only earns the cashier a line saying how to print it again."""
        from pos_app.receipts import service as receipts
        from pos_app.ui.receipts.preview import print_receipt

        problem = await print_receipt(
            receipts.receipt_for_sale(sale, self.rt.config), self.rt.config
        )
        if problem is not None:
            self._say(
                self.tr(
                    "The receipt did not print: {problem} Print it again from Today's sales (F3)."
                ).format(problem=problem),
                "error",
            )

    # == refunds =================================================================================
    def open_refund(self, reference: str) -> RefundDialog | None:
        from pos_app.checkout.refunds import is_paid
        from pos_app.ledger.amounts import DamagedAmount
        from pos_app.ui.day.refund_dialog import RefundDialog

        try:
            sale = self.rt.ledger.get_sale(reference)
        except DamagedAmount as exc:  # edited by hand since it was listed: say which, refund none
            show_error(self, exc)
            return None
        if sale is None or not is_paid(sale):
            return None
        dialog = RefundDialog(sale, self.refunds, parent=self)
        dialog.refunded.connect(self._refunded)
        dialog.ticketRequested.connect(lambda record: self.open_refund_receipt(reference, record))
        # Its done() cancels a refund left (only the window's own close gets there): deleted
        # after the canceled call ended.
        dialog.finished.connect(lambda _result: delete_when_settled(dialog, dialog.canceled))
        dialog.open()  # never exec(): the qasync loop keeps running
        return dialog

    def open_cash_refund(self, reference: str) -> RefundDialog | None:
        """The Refund dialog of a sale paid twice (cash taken, then Mercado Pago paid too), its
        cash part chosen: the late-payment bar's button."""
        dialog = self.open_refund(reference)
        if dialog is not None and dialog.way_cash.isVisibleTo(dialog):
            dialog.way_cash.setChecked(True)
        return dialog

    def _refunded(self, result: RefundResult) -> None:
        if self._sales_dialog is not None and self._sales_dialog.isVisible():
            self._sales_dialog.sale_changed(result.sale.external_reference)  # its row alone

    async def resume_refunds(self) -> None:
        """Start-up: refunds a crash or a lost answer left unconfirmed are checked first."""
        settled = await self.refunds.resume()
        if settled:
            log.info("checked %d unconfirmed refund(s) at start-up", len(settled))

    def open_refund_receipt(
        self, reference: str, record: RefundRecord
    ) -> ReceiptPreviewDialog | None:
        from pos_app.receipts import service as receipts

        sale = self.rt.ledger.get_sale(reference)
        if sale is None:
            return None
        others = self.refunds.store.for_sale(reference)  # the IVA it gave back after them
        receipt = receipts.receipt_for_refund(sale, record, self.rt.config, others)
        return self._preview(receipt)

    # == receipts ================================================================================
    def open_receipt(self, reference: str) -> ReceiptPreviewDialog | None:
        from pos_app.receipts import service as receipts

        sale = self.rt.ledger.get_sale(reference)
        if sale is None:
            return None
        return self._preview(receipts.receipt_for_sale(sale, self.rt.config))

    def _preview(self, receipt: Receipt) -> ReceiptPreviewDialog:
        from pos_app.ui.receipts.preview import ReceiptPreviewDialog

        dialog = ReceiptPreviewDialog(receipt, self.rt.config, parent=self)
        # Closed while it prints: the print ends (a receipt is not cut short on the printer),
        # and its last step touches the dialog: deleted after it.
        dialog.finished.connect(lambda _result: delete_when_settled(dialog, dialog.tasks.pending()))
        dialog.open()  # never exec(): the qasync loop keeps running
        return dialog

    def cancel_charge(self, cash: bool = False) -> None:
        if not self.in_payment or self.payment.has_ended:
            return
        sale = self.payment.sale
        if sale is None:  # Esc before the engine answered the charge: cancel right after
            self._cancel_after_charge = cash
            self.payment.show_canceling()
            self._choose_cancel(cash)
            return
        if sale.cancel_requested:
            return
        self.payment.show_canceling()  # at once: the engine's answer takes about two seconds
        self._choose_cancel(cash)
        ref = sale.external_reference

        def failed(exc: BaseException) -> None:
            latest = self.rt.ledger.get_sale(ref)
            if self._current_ref == ref and (latest is None or not latest.cancel_requested):
                self.payment.cancel_failed()
                self._cancel_choice = None
                self.cancelFailed.emit()
            show_error(self, exc)

        self.calls.run(
            self.rt.engine.cancel(ref, cash=cash),
            on_error=failed,
            takes=self.rt.engine.settings.cancel_recheck_delay,
        )

    def _choose_cancel(self, cash: bool) -> None:
        if self._cancel_choice is None:  # said once (an early choice is sent again later)
            self._cancel_choice = cash
            self.cancelChosen.emit(cash)

    def recheck_current(self) -> None:
        sale = self.payment.sale
        if sale is None or not sale.is_open:
            return
        ref = sale.external_reference
        self.payment.show_checking()

        async def check() -> None:
            checked = await self.rt.engine.reconcile(ref, "recheck")
            if self._current_ref == ref:
                self.payment.show_checked(checked, failed=bool(checked.trouble))

        def failed(exc: BaseException) -> None:
            if self._current_ref == ref:
                self.payment.show_checked(None, failed=True)
            show_error(self, exc)

        self._call(check(), on_error=failed)

    def new_sale(self) -> None:
        if not (self.in_payment and self.payment.has_ended):
            return
        self.model.clear()
        self.scan.clear()
        self._say("", "")
        self._enter_cart_mode()

    def back_to_cart(self) -> None:
        """After a refused, canceled or expired charge: keep the lines, let the cashier edit."""
        if self.in_payment and self.payment.has_ended:
            self._enter_cart_mode()

    def show_open_sale(self, sale: SaleSnapshot) -> None:
        """Start-up with a sale still open on this box: show its lines and its payment."""
        self.model.restore(sale.lines, sale.sale_discount)
        # Its discounts were allowed when it was charged (the PIN then, if one was asked).
        cart = self.model.cart
        self._pin_allowed.extend(
            (d, Decimal(100))
            for d in (cart.sale_discount, *(ln.discount for ln in cart))
            if d is not None
        )
        self._follow(sale)

    # == engine events ===========================================================================
    def _sale_changed(self, event: SaleChanged) -> None:
        from pos_app.domain.sale import SaleStatus  # with the runtime (start-up, issue 19)
        from pos_app.ui.counter.sale_banner import is_late_payment

        sale = event.sale
        if (
            self._charging
            and self._current_ref is None
            and event.cause == "charge"
            and sale.box_external_id == self.rt.config.box_external_id
        ):
            self._current_ref = sale.external_reference  # our charge, before charge() returns
        if sale.external_reference == self._current_ref and self.in_payment:
            self._follow(sale)
        elif is_late_payment(sale) and event.previous is not SaleStatus.PAID:
            self.late_bar.add(sale, self._cash_left(sale))
            sounds.attention()
        if self._sales_dialog is not None and self._sales_dialog.isVisible():
            self._sales_dialog.sale_changed(sale.external_reference)  # its row alone

    def _cash_left(self, sale: SaleSnapshot) -> Decimal | None:
        """A sale taken in cash: its cash not given back yet (a cash sale refunded before its
        QR payment was known has none left: the late-payment bar offers no cash refund then);
        None otherwise, or when its refunds cannot be read."""
        from pos_app.domain.sale import Tender
        from pos_app.errors import UserFacingError

        if sale.tender is not Tender.CASH:
            return None
        try:
            return self.refunds.refundable(sale, Tender.CASH)
        except UserFacingError:  # a damaged amount: the bar says what it said before
            return None

    def _sale_set_aside(self, event: SaleSetAside) -> None:
        """A sale's record can no longer be read: the status bar says so; the sale on screen,
        if it is that one, is over here (the engine stopped checking it)."""
        self.status.add_set_aside(event)
        if event.reference == self._current_ref and self.in_payment and not self.payment.has_ended:
            self.payment.show_set_aside()
            sounds.attention()
            self._update_actions()

    def _connection_changed(self, event: ConnectionChanged) -> None:
        self.status.set_connection(event)

    # == engine calls ============================================================================
    def _call(
        self,
        coro: Coroutine[Any, Any, Any],
        *,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self.calls.run(coro, on_error=on_error)

    def _show_slow(self, slow: bool) -> None:
        self.payment.set_slow(slow and self.in_payment)
        self.status.set_slow(slow)

    @property
    def busy(self) -> bool:
        return self.calls.busy

    # == the store database's view (issue 17) ====================================================
    def open_store_view(self) -> StoreViewDialog:
        from pos_app.ui.day.store_view import StoreViewDialog

        if self._store_view is None:
            self._store_view = StoreViewDialog(lambda: self.rt.config, self.rt.site, parent=self)
            self._store_view.finished.connect(lambda _result: self.focus_scan())
        self._store_view.refresh()
        self._store_view.show()
        self._store_view.raise_()
        return self._store_view

    # == today's sales ===========================================================================
    def open_sales_dialog(self) -> TodaySalesDialog:
        if self._sales_dialog is None:
            from pos_app.ui.counter.sales_view import TodaySalesDialog

            ledger = self.rt.ledger
            dialog = TodaySalesDialog(
                self.rt.site,
                sales_since=ledger.sales_since,
                get_sale=ledger.get_sale,
                sale_events=ledger.sale_events,
                # Read on the dialog's worker thread: a connection of its own.
                sales_between=ledger.sales_between_apart,
                sale_rows_between=ledger.sale_rows_between_apart,
                sale_row_of=ledger.sale_row,  # one changed sale: on this thread, ~1 ms
                period_refunded=ledger.refunded_between_apart,  # with the rows
                refunds_of=ledger.day.refunds_of,
                parent=self,
                refunds=lambda sale: (
                    self.refunds.store.refunded_amount(sale.external_reference),
                    self.refunds.refundable(sale),
                ),
                refunded_totals=self.refunds.store.refunded_amounts,
            )
            dialog.recheckRequested.connect(
                lambda ref: self._call(self.rt.engine.reconcile(ref, "recheck"))
            )
            dialog.cancelRequested.connect(lambda ref: self._call(self.rt.engine.cancel(ref)))
            dialog.reprintRequested.connect(self.open_receipt)
            dialog.refundRequested.connect(self.open_refund)
            dialog.finished.connect(lambda _result: self.focus_scan())
            self._sales_dialog = dialog
        self._sales_dialog.refresh()
        self._sales_dialog.show()
        self._sales_dialog.raise_()
        self._sales_dialog.activateWindow()
        return self._sales_dialog

    # == products ================================================================================
    def open_products(self) -> ProductsWindow:
        if self._products_window is None:
            from pos_app.ui.products.window import ProductsWindow

            window = ProductsWindow(self.rt.ledger.catalog, self.rt.site, parent=self)
            window.changed.connect(self._catalog_changed)
            window.finished.connect(lambda _result: self._products_closed())
            self._products_window = window
        self._products_window.show()
        self._products_window.raise_()
        self._products_window.activateWindow()
        self._products_window.search.setFocus(Qt.FocusReason.OtherFocusReason)
        return self._products_window

    def _products_closed(self) -> None:
        window, self._products_window = self._products_window, None
        if window is not None:
            window.delete_when_settled()  # not before its dialogs' canceled calls ended
        self.activateWindow()  # the keys (F5, Esc...) are the counter's again
        self.focus_scan()
        self._show_empty_catalog_hint()

    def _catalog_changed(self) -> None:
        if (
            self.feedback_action.text() == self.tr("Open Products")
            and self.feedback_action.isVisible()
        ):
            self._say_nothing()  # the catalog has products now: the hint is stale

    def add_product(self) -> ProductEditor | None:
        """Ctrl+N: a new product; with the code just scanned and not found, if there is one."""
        if self.in_payment:
            return None
        if self._feedback_code:
            return self.add_unknown_product(self._feedback_code)
        return self.open_products().add_product()

    def add_unknown_product(self, code: str) -> ProductEditor:
        """The scanned code is unknown: a new product with it filled in; once saved, it is also
        added to the cart (the customer is waiting for it)."""
        products = self.open_products()
        editor = products.add_product(barcode=code)
        editor.saved.connect(self._unknown_product_saved)
        return editor

    def _unknown_product_saved(self, product: Product) -> None:
        if self._products_window is not None:
            self._products_window.close()
        if not self.in_payment:
            self.scan.clear()
            self._add_line(product.to_line(1))

    # == settings ================================================================================
    def open_settings(self) -> SettingsDialog | None:
        if not self.settings_action.isEnabled():
            return None
        if self._settings_dialog is not None:
            self._settings_dialog.raise_()
            self._settings_dialog.activateWindow()
            return self._settings_dialog
        from pos_app.ui.settings.dialog import SettingsDialog
        from pos_app.ui.settings.session import SettingsSession

        session = SettingsSession(
            self.rt.config,
            self.rt.client,
            token=self.rt.client.token,
            origin=self.rt.token_origin,
        )
        dialog = SettingsDialog(session, parent=self)
        dialog.applied.connect(self._settings_applied)
        dialog.finished.connect(lambda _result: self._settings_closed(dialog))
        self._settings_dialog = dialog
        dialog.open()  # never exec(): the qasync loop keeps running
        return dialog

    def _settings_closed(self, dialog: SettingsDialog) -> None:
        if self._settings_dialog is dialog:
            self._settings_dialog = None
        dialog.delete_when_settled()  # not before its pages' canceled calls ended
        self.focus_scan()

    def _show_receiver(self) -> None:
        receiver = self.rt.receiver
        self.status.set_receiver(receiver.url if receiver else "", self.rt.receiver_problem)
        self._show_store_database()

    def _show_store_database(self) -> None:
        """The store database's last known state (hidden without one); the next comes from its
        delivery (:meth:`_store_delivery_changed`), never read here on the window's thread."""
        replicator = self.rt.replicator
        if replicator is None:
            self.status.set_store_database(None)
        elif replicator.last_status is not None:
            self.status.set_store_database(replicator.last_status)

    def _store_delivery_changed(self, event: StoreDeliveryChanged) -> None:
        if self.rt.replicator is not None:
            self.status.set_store_database(event.status)

    def _settings_applied(self, result: SettingsResult) -> None:
        self._call(self._apply_settings(result))

    async def _apply_settings(self, result: SettingsResult) -> None:
        """Re-apply what OK saved: engine settings, credentials, the status bar."""
        before = self.rt.config
        await self.rt.reconfigure(result.config, result.token)
        if result.token is not None:
            self.rt.token_origin = result.token_origin
        self.status.set_config(result.config)
        self._show_receiver()
        emit(self.settingsApplied, result.config)
        if result.config.site_id != before.site_id:
            # Prices, the cart and the totals were built for the old country's money.
            from pos_app.ui.widgets.form_parts import show_notice

            show_notice(
                self,
                self.tr(
                    "This account is from another country: close and open the app again so "
                    "prices use its currency."
                ),
            )

    # == closing =================================================================================
    def _unfinished_work(self) -> tuple[list[asyncio.Task[Any]], Callable[[], None]] | None:
        """Work that quitting now would cut short, with what tells the cashier the window waits
        for it (it ends in seconds; then the window closes as asked: Ctrl-C and SIGTERM close
        it too); None when there is none."""
        from pos_app.ui.day.refund_dialog import RefundDialog  # at close only: not the first frame

        for refund in self.findChildren(RefundDialog):
            if refund.isVisible() and refund.is_refunding():
                # The refund's call cut short: the cashier would not learn whether the money
                # went back until the next start.
                return refund.tasks.pending(), refund.say_wait
        day = self._day
        if day is not None and day.closing is not None:
            closing_day = day.close_under_way()
            if closing_day is not None:
                # The close still checking the open sales with Mercado Pago was canceled
                # half-way: no close recorded, the counted cash gone, nothing said.
                return [closing_day], day.closing.say_closing_first
            checking = day.check_under_way()
            if checking is not None:
                # A payment being adopted into the day (or the day checked against Mercado
                # Pago) was canceled half-way: the payment not recorded, nothing said (an
                # adoption checks again: that is waited for too).
                return [checking], day.closing.say_checking_first
        importing = self._products_window.importing() if self._products_window else None
        if importing is not None:
            # An import being written, a slice at a time: quitting cut it short without a word
            # (part of the file in the catalog).
            return importing.tasks.pending(), importing.say_wait
        from pos_app.ui.qtkit.user_files import saves_under_way

        saving = saves_under_way()
        if saving:
            # A file the cashier asked for (a receipt's or the close's PDF, the QR sticker)
            # being written on a worker (a slow USB stick, a share): quitting stopped the loop
            # before it was written, nothing said.
            return saving, self._say_saving_first
        return None

    def _say_saving_first(self) -> None:
        self.status.showMessage(self.tr("Saving a file: the window closes once it is written."))

    def closeEvent(self, event: QCloseEvent) -> None:
        unfinished = self._unfinished_work()
        if unfinished is not None:
            tasks, say_wait = unfinished
            event.ignore()
            say_wait()
            for task in tasks:
                task.add_done_callback(lambda _task: QTimer.singleShot(0, self, self.close))
            return
        settings = self._settings_dialog
        if settings is not None and settings.is_saving():
            # Settings' OK is writing the config file and the keyring on a worker thread (a
            # locked or hung secret service: up to D-Bus's 25 s). Quitting waited for that
            # thread after the window had gone, nothing said. Not exiting without it either:
            # the save is all or nothing only once it ends (a refused write puts back the
            # config file and the entries written before it); a process ended in the middle
            # could keep the new config file with the old token in the keyring, or some of
            # the secrets and not the others. So the window stays, the dialog says it is
            # finishing, and the window closes when the save has ended, saved or not.
            event.ignore()
            if not self._closing_after_save:
                self._closing_after_save = True
                settings.say_closing_after_save()
                settings.saveEnded.connect(lambda _saved: QTimer.singleShot(0, self, self.close))
            settings.raise_()
            return
        save_geometry(self, "main")
        if self._sales_dialog is not None:
            self._sales_dialog.close()
        if self._products_window is not None:
            self._products_window.close()
        if self._settings_dialog is not None:
            self._settings_dialog.discard()  # unsaved settings are discarded, without asking
        if self.payment.sale is not None and self.payment.sale.is_open:
            # Safe: the sale is in the ledger and the next start-up resumes it.
            log.info("window closed with sale %s still open", self.payment.sale.external_reference)
        event.accept()
        self.was_closed = True
        emit(self.closed)
