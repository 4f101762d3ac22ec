"""The customer display: a second screen facing the customer (issue 14).

It renders what two sources say and decides nothing: the cart model's signals (lines added,
quantities changed, the cart cleared) and the engine's :class:`SaleChanged` events through the
:class:`~pos_app.ui.qtkit.bridge.EngineBridge`, for the sales of this till's box. Its pages:

* **idle**: the shop's name and logo (Settings) and a welcome line;
* **cart**: the lines, the latest one highlighted, the total in very large type, what the
  discounts took off and, in Colombia, the IVA the total includes;
* **charging**: the amount and either "Scan the QR at the counter with Mercado Pago" (the box's
  static sticker) or a dynamic QR (:meth:`CustomerDisplay.show_dynamic_qr`) with its countdown;
  a rejected attempt adds "The payment was rejected, you can try again";
* **cash**: the cashier chose "Customer pays cash": the amount to pay in cash, and no QR (the
  one on show is being taken off: it must not be scanned any more);
* **paid**: a whole-screen confirmation for :data:`PAID_SECONDS`, then idle: paid with Mercado
  Pago, or in cash once the cash sale is recorded.

A canceled, expired or refused charge goes back to the cart (or idle when it is empty). The
customer reads only the customer's texts: errors, connection trouble and what the cashier is
asked to do never reach this window; while the till is busy (sending the order, canceling) it
says "One moment, please".

The cashier's choice to end a charge (Esc, or cash) is a third source (:meth:`follow_cashier`):
the engine records it only after its lock, and says it with its first look (up to ~2 s later),
while the QR on show could still be scanned. When the customer's QR payment overtakes the cash
cancel, the sale ends paid: the display says paid with Mercado Pago and never asks for cash.
A sale that has ended on this screen stays as it ended: a QR payment arriving after the cash
sale (paid twice) is the cashier's business, as any late payment.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLayout,
    QSizePolicy,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app.checkout.events import SaleChanged
from pos_app.domain.money import WORD_JOINER, Site, format_money, format_money_unbroken
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.system.files import open_user_file
from pos_app.ui.counter.cart_model import COL_UNIT_PRICE, CartTableModel
from pos_app.ui.qtkit.async_utils import TaskKeeper
from pos_app.ui.qtkit.bridge import EngineBridge
from pos_app.ui.qtkit.style import set_state
from pos_app.ui.settings.qr_sticker import QUIET_ZONE, make_qr, qr_pixmap

if TYPE_CHECKING:
    from pos_app.ui.counter.main_window import MainWindow

log = logging.getLogger(__name__)

PAGE_IDLE, PAGE_CART, PAGE_CHARGE, PAGE_PAID, PAGE_CASH = range(5)
PAID_SECONDS = 6.0
COUNTDOWN_TICK = 1.0  # seconds between two renderings of the dynamic QR's countdown
QR_MIN_PX = 240  # at 96 dpi ~6.4 cm: a phone reads it at arm's length
MARGIN = 24  # around each page's contents
NARROW = 700  # below this width the unit price column is left out
CELL_PAD = 14  # the cart's cells' padding left and right (the style sheet's)


# Sizes at a 1024×640 window; everything scales with the window (see _restyle).
_QSS = """
#customerDisplay { background: #ffffff; }
#customerDisplay QLabel { color: #102a43; }
#cdShopName { font-size: {56}px; font-weight: 700; }
#cdWelcome { font-size: {32}px; }
#cdInstruction { font-size: {40}px; }
#cdCaption { font-size: {28}px; color: #486581; }
#cdTotal, #cdAmount { font-size: {88}px; font-weight: 700; }
#cdIva, #cdCount, #cdCountdown, #cdDiscount { font-size: {24}px; color: #486581; }
#cdLines { font-size: {30}px; border: none; }
#cdLines::item { padding: 2px {CELL_PAD}px; }
#cdLines::item:selected { background: #fff3c4; color: #102a43; }
#cdLines QHeaderView::section { font-size: {20}px; background: #f0f4f8; border: none;
    padding: 4px; color: #486581; }
#cdNotice { font-size: {32}px; font-weight: 600; border-radius: 8px; padding: 8px; }
#cdNotice[state="rejected"] { background: #ffe8a3; color: #8d2b0b; }
#cdNotice[state="wait"] { background: #dceefb; color: #0b4f8a; }
#cdCashNote { font-size: {40}px; font-weight: 600; border-radius: 8px; padding: 12px;
    background: #e3f4e1; color: #1b5e20; }
#cdPaidPage { background: #2e7d32; }
#cdPaidPage QLabel { color: #ffffff; }
#cdPaidMark { font-size: {160}px; font-weight: 700; }
#cdPaidText { font-size: {72}px; font-weight: 700; }
#cdPaidAmount { font-size: {44}px; }
#cdPaidHow { font-size: {32}px; }
"""


def _now() -> datetime:
    return datetime.now(UTC)


def _label(name: str, *, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(wrap)
    return label


def countdown_text(seconds: float) -> str:
    """``2:05`` for 125 seconds; never negative."""
    whole = max(0, int(seconds + 0.999))  # 0.2 s left still shows 0:01
    return f"{whole // 60}:{whole % 60:02d}"


class _PaddedCells(QStyledItemDelegate):
    """Measures a wrapped name in the width the style sheet's padding leaves it: Qt measured
    it in the whole cell and drew it in the padded one, so a name that needed one more line
    was cut short ("Café molido 5…")."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        inner = QStyleOptionViewItem(option)
        inner.rect = QRect(option.rect)
        inner.rect.setWidth(max(1, option.rect.width() - 2 * CELL_PAD))
        return super().sizeHint(inner, index)


class CustomerDisplay(QWidget):
    """The window on the customer's screen; :meth:`follow` connects it to its two sources."""

    def __init__(
        self,
        site: Site,
        *,
        now: Callable[[], datetime] = _now,
        countdown_tick: float = COUNTDOWN_TICK,
        parent: QWidget | None = None,
    ) -> None:
        # Never takes the keyboard: the scanner and the keys belong to the cashier's window.
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setObjectName("customerDisplay")
        self.setWindowTitle(self.tr("Customer display"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._site = site
        self._now = now
        self._box = ""
        self._model: CartTableModel | None = None
        self._sale: SaleSnapshot | None = None  # the charge being shown
        self._after_paid = False  # paid and confirmed: idle until the cart changes
        # The cashier's word on the charge on show: None, Esc (False) or cash (True).
        self._cancel: bool | None = None
        self._qr: tuple[str, datetime] | None = None
        self._qr_text_shown = ""
        self._scale = 0.0
        # Some platforms (and a touch on a touch screen) activate the display anyway: it hands
        # the keyboard straight back, so the scanner keeps typing into the counter.
        self.keyboard_owner: QWidget | None = None
        # No parent: its failures are logged (on_error), and the display is not kept alive by a
        # reference cycle through it (its unparented cart model goes with it, as before).
        self.tasks = TaskKeeper()
        self._logo_wanted = ""  # the logo last asked for: a reading of an older one is dropped

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_idle())
        self.pages.addWidget(self._build_cart())
        self.pages.addWidget(self._build_charge())
        self.pages.addWidget(self._build_paid())
        self.pages.addWidget(self._build_cash())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)  # the paid page's green reaches every edge
        # The screen's size is the window's: what a page shows is fitted to it (_qr_room), never
        # the other way round (a notice shown above last sale's QR grew the window past the
        # screen's edge before the QR could be made smaller).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(self.pages)

        self._paid_timer = QTimer(self)
        self._paid_timer.setSingleShot(True)
        self._paid_timer.timeout.connect(self._paid_shown)
        self._rows_timer = QTimer(self)  # dies with the display (a bare singleShot did not)
        self._rows_timer.setSingleShot(True)
        self._rows_timer.setInterval(0)
        self._rows_timer.timeout.connect(self.lines.resizeRowsToContents)
        self._tick = QTimer(self)
        self._tick.setInterval(round(countdown_tick * 1000))
        self._tick.timeout.connect(self._render_countdown)
        self.set_shop("", "")
        self.resize(1024, 640)
        self._restyle()
        self._render()

    # == building ================================================================================
    def _build_idle(self) -> QWidget:
        page = QWidget()
        self.logo = _label("cdLogo", wrap=False)
        self.shop_name = _label("cdShopName")
        self.welcome = _label("cdWelcome")
        self.welcome.setText(self.tr("Welcome! Your purchase will appear here."))
        box = QVBoxLayout(page)
        box.setContentsMargins(24, 24, 24, 24)
        box.addStretch(1)
        box.addWidget(self.logo)
        box.addWidget(self.shop_name)
        box.addSpacing(16)
        box.addWidget(self.welcome)
        box.addStretch(1)
        return page

    def _build_cart(self) -> QWidget:
        page = QWidget()
        self.lines = QTableView()
        self.lines.setObjectName("cdLines")
        self.lines.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.lines.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.lines.setWordWrap(True)
        self.lines.verticalHeader().hide()
        self.lines.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.lines.setShowGrid(False)
        self.lines.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.lines.setItemDelegate(_PaddedCells(self.lines))
        # A column that takes a new width (a discount beside a price, a weight, the window
        # resized) changes how many lines each name needs: the rows are measured again.
        self.lines.horizontalHeader().sectionResized.connect(self._measure_rows)
        self.total_caption = _label("cdCaption", wrap=False)
        self.total_caption.setText(self.tr("Total"))
        self.total = _label("cdTotal", wrap=False)
        self.count = _label("cdCount")
        # What the discounts took off: the lines alone add up to more than the total (and a
        # line's own "−10 %" is in the unit price column, not always shown). Amounts only:
        # reasons are the till's.
        self.discount = _label("cdDiscount")
        self.discount.hide()
        self.iva = _label("cdIva")
        self.iva.setVisible(self._site.reports_iva)
        box = QVBoxLayout(page)
        box.setContentsMargins(24, 24, 24, 24)
        box.addWidget(self.lines, 1)
        box.addWidget(self.total_caption)
        box.addWidget(self.total)
        box.addWidget(self.discount)
        box.addWidget(self.iva)
        box.addWidget(self.count)
        return page

    def _build_charge(self) -> QWidget:
        page = QWidget()
        self.amount_caption = _label("cdCaption", wrap=False)
        self.amount_caption.setText(self.tr("To pay"))
        self.amount = _label("cdAmount", wrap=False)
        self.charge_iva = _label("cdIva")
        self.charge_iva.setVisible(self._site.reports_iva)
        self.notice = _label("cdNotice")
        self.instruction = _label("cdInstruction")
        self.qr = _label("cdQr", wrap=False)
        # Sized by _render_qr to what the texts leave: its picture never makes the page (and
        # so the window) taller than the screen.
        self.qr.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.countdown = _label("cdCountdown", wrap=False)
        box = QVBoxLayout(page)
        box.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        self._charge_box = box
        # The room the QR leaves, shared above, between and below (a turned screen's height
        # left all of it between the amount and the instruction).
        box.addStretch(1)
        box.addWidget(self.amount_caption)
        box.addWidget(self.amount)
        box.addWidget(self.charge_iva)
        box.addWidget(self.notice)
        box.addStretch(1)
        box.addWidget(self.instruction)
        box.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.countdown)
        box.addStretch(1)
        return page

    def _build_paid(self) -> QWidget:
        page = QWidget()
        page.setObjectName("cdPaidPage")
        page.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        mark = _label("cdPaidMark", wrap=False)
        mark.setText("✓")
        self.paid_text = _label("cdPaidText")
        self.paid_text.setText(self.tr("Paid — thank you!"))
        self.paid_amount = _label("cdPaidAmount", wrap=False)
        self.paid_how = _label("cdPaidHow")  # with Mercado Pago, or in cash
        box = QVBoxLayout(page)
        box.addStretch(1)
        box.addWidget(mark)
        box.addWidget(self.paid_text)
        box.addWidget(self.paid_amount)
        box.addWidget(self.paid_how)
        box.addStretch(1)
        return page

    def _build_cash(self) -> QWidget:
        page = QWidget()
        caption = _label("cdCaption")
        caption.setText(self.tr("To pay in cash"))
        self.cash_amount = _label("cdAmount", wrap=False)
        self.cash_iva = _label("cdIva")
        self.cash_iva.setVisible(self._site.reports_iva)
        self.cash_instruction = _label("cdCashNote")
        self.cash_instruction.setText(self.tr("Please pay at the counter in cash"))
        box = QVBoxLayout(page)
        box.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        box.addStretch(1)
        box.addWidget(caption)
        box.addWidget(self.cash_amount)
        box.addWidget(self.cash_iva)
        box.addSpacing(MARGIN)
        box.addWidget(self.cash_instruction)
        box.addStretch(1)
        return page

    # == sources =================================================================================
    def follow(self, model: CartTableModel, bridge: EngineBridge, box_external_id: str) -> None:
        """Render ``model`` and the sales of ``box_external_id`` from now on."""
        self._model = model
        self._box = box_external_id
        self.lines.setModel(model)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        model.rowsInserted.connect(self._rows_inserted)
        model.dataChanged.connect(self._data_changed)
        model.rowsRemoved.connect(self._cart_edited)
        model.modelReset.connect(self._cart_reset)
        model.totalsChanged.connect(self._render)
        bridge.saleChanged.connect(self.sale_changed)
        self._render()

    def follow_cashier(self, cashier: MainWindow) -> None:
        """The cashier's choice to end the charge on show (Esc, cash) from now on, and what the
        cashier's window shows already (a display opened mid-charge)."""
        cashier.cancelChosen.connect(self.cancel_chosen)
        cashier.cancelFailed.connect(self.cancel_failed)
        sale = cashier.current_sale
        if cashier.in_payment and sale is not None:  # shown mid-charge: the charge, at once
            self.show_open_sale(sale)
        if cashier.cancel_choice is not None:
            self.cancel_chosen(cashier.cancel_choice)

    def cancel_chosen(self, cash: bool) -> None:
        """The cashier pressed Esc (``cash`` False) or "Customer pays cash": the QR on show is
        being taken off, so it goes at once; cash asks for the amount in cash."""
        self._cancel = cash
        self._render()

    def cancel_failed(self) -> None:
        """The engine could not even record that choice: the charge goes on, its QR valid."""
        self._cancel = None
        self._render()

    def set_box(self, box_external_id: str) -> None:
        self._box = box_external_id

    def set_shop(self, name: str, logo: str) -> None:
        """The idle page's name and logo (a picture that cannot be read shows no logo). The logo
        is read on a worker thread (a share that does not answer must not freeze the windows);
        the one shown stays until it is read."""
        self.shop_name.setText(name)
        self.shop_name.setVisible(bool(name))
        self._logo_wanted = logo
        if not logo:
            self._show_logo(QImage())
            return
        self.tasks.spawn(
            self._read_logo(logo),
            on_error=lambda exc: log.warning("the shop's logo was not shown: %r", exc),
            name="shop logo",
        )

    async def _read_logo(self, logo: str) -> None:
        import asyncio  # here, not at import: the first frame does without it (issue 19)

        image = await asyncio.to_thread(read_logo, logo)
        if logo == self._logo_wanted:  # not asked for another one meanwhile
            self._show_logo(image)

    def _show_logo(self, image: QImage) -> None:
        pixmap = QPixmap.fromImage(image) if not image.isNull() else QPixmap()
        self.logo.setPixmap(pixmap)
        self.logo.setVisible(not pixmap.isNull())

    def _rows_inserted(self, _parent: QModelIndex, first: int, _last: int) -> None:
        self._cart_edited()
        self._highlight(first)

    def _data_changed(self, top: QModelIndex, _bottom: QModelIndex, roles: object = None) -> None:
        if self._model is not None and not self._model.locked:
            self._cart_edited()
            if roles:  # a quantity changed (locking and unlocking name no role)
                self._highlight(top.row())

    def _cart_edited(self, *_args: object) -> None:
        """The cashier is filling a cart: whatever charge was shown has ended."""
        if self._sale is not None and not self._sale.is_open:
            self._drop_sale()
        self._after_paid = False
        self._cancel = None
        self._render()

    def _cart_reset(self) -> None:
        # A new sale empties the cart; a paid confirmation on screen stays its few seconds.
        if not (self._sale is not None and _paid(self._sale)):
            self._cart_edited()

    def _measure_rows(self, *_args: object) -> None:
        self._rows_timer.start()  # once, after the columns have all taken their widths

    def _highlight(self, row: int) -> None:
        if self._model is None or not 0 <= row < self._model.rowCount():
            return
        self.lines.selectRow(row)
        self.lines.scrollTo(self._model.index(row, 0))

    def show_open_sale(self, sale: SaleSnapshot) -> None:
        """Start-up with a sale still open on this box (what the engine's resume found unchanged
        publishes no event): show its charge, as the cashier's window does."""
        self.sale_changed(SaleChanged(sale, None, "resume"))

    def sale_changed(self, event: SaleChanged) -> None:
        sale = event.sale
        if sale.box_external_id != self._box:
            return
        following = self._sale is not None and (
            self._sale.external_reference == sale.external_reference
        )
        if not following and not sale.is_open:
            return  # a late payment of an earlier sale: the cashier's business
        shown = self._sale
        if following and shown is not None and not shown.is_open and sale.status != shown.status:
            return  # ended here (paid in cash): a QR payment after it is the cashier's business
        if not following:  # a new charge, maybe while the last one's "paid" is still shown
            self._paid_timer.stop()
            self._after_paid = False
        self._sale = sale
        if sale.is_open and sale.qr_data and sale.expires_at is not None:
            # The Orders API's dynamic QR (dynamic and hybrid modes): this screen is the QR.
            self._qr = (sale.qr_data, sale.expires_at.astimezone(UTC))
        if not sale.is_open:
            self._qr = None
            self._cancel = None  # the cashier's word was for this charge
        if _paid(sale):  # with Mercado Pago (even overtaking a cash cancel), or in cash
            if not self._paid_timer.isActive():
                self._paid_timer.start(int(PAID_SECONDS * 1000))
        elif not sale.is_open:
            self._drop_sale()  # canceled, expired, refused: back to the cart (or idle)
        self._render()

    def _drop_sale(self) -> None:
        self._sale = None
        self._qr = None
        self._paid_timer.stop()

    def _paid_shown(self) -> None:
        self._drop_sale()
        self._after_paid = True
        self._render()

    # == the dynamic QR ==========================================================================
    def show_dynamic_qr(self, qr_data: str, expires_at: datetime) -> None:
        """Show ``qr_data`` (an EMVCo payload) as a large QR until ``expires_at`` (aware), with a
        countdown, while a charge is shown. Cleared when the charge ends."""
        self._qr = (qr_data, expires_at)
        self._render()

    def clear_dynamic_qr(self) -> None:
        self._qr = None
        self._render()

    @property
    def dynamic_qr(self) -> str:
        return self._qr[0] if self._qr else ""

    # == rendering ===============================================================================
    @property
    def page(self) -> int:
        return self.pages.currentIndex()

    def _render(self) -> None:
        sale = self._sale
        if sale is not None and _paid(sale):
            self._render_paid(sale)
            self.pages.setCurrentIndex(PAGE_PAID)
        elif (cash := self._cash_due(sale)) is not None:
            self._render_cash(*cash)
            self.pages.setCurrentIndex(PAGE_CASH)
        elif sale is not None and sale.is_open:
            self._render_charge(sale)
            self.pages.setCurrentIndex(PAGE_CHARGE)
        elif self._after_paid or self._model is None or self._model.is_empty():
            self.pages.setCurrentIndex(PAGE_IDLE)
        else:
            self._render_cart(self._model)
            self.pages.setCurrentIndex(PAGE_CART)
        if self.page != PAGE_CHARGE:  # a page not shown still sets the window's least size
            self.qr.hide()
            self.countdown.hide()
        showing_qr = self.page == PAGE_CHARGE and not self.qr.isHidden()
        if showing_qr != self._tick.isActive():
            self._tick.start() if showing_qr else self._tick.stop()

    def _cash_due(self, sale: SaleSnapshot | None) -> tuple[Decimal, Decimal] | None:
        """``(total, IVA)`` when cash was chosen for the charge on show (or the engine recorded
        it so: a display opened at start-up); None otherwise."""
        model = self._model
        if sale is None:  # chosen before the engine had written the sale (its first instant)
            if self._cancel is True and model is not None and model.locked:
                return model.total(), model.cart.iva_total()
            return None
        recorded = sale.cancel_requested and sale.tender is Tender.CASH
        if sale.is_open and (self._cancel is True or recorded):
            return sale.total, sale.iva_total or Decimal(0)
        return None

    def _render_paid(self, sale: SaleSnapshot) -> None:
        if sale.status is SaleStatus.PAID:
            amount = sale.paid_amount or sale.total
            self.paid_how.setText(self.tr("With Mercado Pago"))
        else:
            amount = sale.total
            self.paid_how.setText(self.tr("In cash"))
        self.paid_amount.setText(format_money(amount, self._site))
        self._fit_width(self.paid_amount)

    def _render_cash(self, total: Decimal, iva: Decimal) -> None:
        self.cash_amount.setText(format_money(total, self._site))
        self._fit_width(self.cash_amount)
        if self._site.reports_iva:
            self.cash_iva.setText(self._iva_text(iva))

    def _render_cart(self, model: CartTableModel) -> None:
        # Measured again at each change: lines added while the idle page hid the table left
        # the columns the width of the first line's texts ("1", then "1 pack" cut).
        self._choose_columns()
        for column in range(1, model.columnCount()):
            self.lines.resizeColumnToContents(column)
        self.total.setText(format_money(model.total(), self._site))
        self._fit_width(self.total)
        items = model.item_count()
        self.count.setText(
            self.tr("1 item") if items == 1 else self.tr("{n} items").format(n=items)
        )
        off = model.cart.discount_total()
        self.discount.setVisible(bool(off))
        if off:
            # A wrapped label: never "−" or "$" alone at the end of a line.
            money = WORD_JOINER + format_money_unbroken(off, self._site)
            self.discount.setText(self.tr("Discounts: −{amount}").format(amount=money))
        if self._site.reports_iva:
            self.iva.setText(self._iva_text(model.cart.iva_total()))

    def _iva_text(self, amount: Decimal) -> str:
        amount_text = format_money_unbroken(amount, self._site)  # a wrapped label
        return self.tr("IVA included: {amount}").format(amount=amount_text)

    def _render_charge(self, sale: SaleSnapshot) -> None:
        self.amount.setText(format_money(sale.total, self._site))
        self._fit_width(self.amount)
        if self._site.reports_iva:
            self.charge_iva.setText(self._iva_text(sale.iva_total or Decimal(0)))
        busy = sale.status is SaleStatus.CREATING or sale.cancel_requested or self._cancel is False
        if busy:
            self._set_notice(self.tr("One moment, please"), "wait")
        elif sale.last_attempt_rejected:
            self._set_notice(self.tr("The payment was rejected, you can try again"), "rejected")
        else:
            self._set_notice("", "")
        qr_live = self._qr is not None and self._qr[1] > self._now()
        self.amount_caption.show()
        self.instruction.setVisible(not busy)
        self.qr.setVisible(not busy and qr_live)
        self.countdown.setVisible(not busy and qr_live)
        if qr_live and not busy:
            self.instruction.setText(self.tr("Scan this QR with Mercado Pago"))
            self._render_countdown()
            # A short screen: the texts the QR can do without make room for it (at 800 x 480
            # the QR, the amount, the IVA and "rejected" leave no room for the rest).
            modules = self._qr_modules()
            least = modules * -(-QR_MIN_PX // modules)  # whole pixels a module
            for spare in (self.amount_caption, self.instruction):
                if self._qr_room() >= least:
                    break
                spare.hide()
            self._render_qr()
        elif self._qr is not None and not busy:  # the dynamic QR ran out: the order is ending
            self.instruction.hide()
            self._set_notice(self.tr("One moment, please"), "wait")
        else:
            self.instruction.setText(self.tr("Scan the QR at the counter with Mercado Pago"))

    def _set_notice(self, text: str, state: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
        set_state(self.notice, state)

    def _render_qr(self) -> None:
        if self._qr is None:
            return
        text = self._qr[0]
        room = self._qr_room()
        key = f"{room}:{text}"
        if key == self._qr_text_shown:
            return
        modules = self._qr_modules()
        # As large as the room (on any screen from 800 x 480 that is QR_MIN_PX at least); in a
        # smaller window (the demo's), smaller but whole: a QR cut by the edge never scans.
        scale = max(1, room // modules)
        pixmap = qr_pixmap(text, scale=scale)
        self.qr.setFixedSize(pixmap.size())
        self.qr.setPixmap(pixmap)
        self._qr_text_shown = key

    def _qr_modules(self) -> int:
        """The QR's side in modules, its quiet zone included."""
        return len(make_qr(self._qr[0]).matrix) + 2 * QUIET_ZONE if self._qr else 1

    def _qr_room(self) -> int:
        """The QR's side: all the height the page's texts leave (and the width), so the page
        never needs more than the window has (QR_MIN_PX or more on screens from 800 x 480)."""
        box = self._charge_box
        width = self.pages.width() - 2 * box.contentsMargins().left()
        texts = [
            w
            for w in (
                self.amount_caption,
                self.amount,
                self.charge_iva,
                self.notice,
                self.instruction,
                self.countdown,
            )
            if not w.isHidden()
        ]
        used = 2 * box.contentsMargins().top() + box.spacing() * len(texts)
        for label in texts:
            label.ensurePolished()
            wrapped = label.wordWrap() and label.hasHeightForWidth()
            used += label.heightForWidth(width) if wrapped else label.sizeHint().height()
        return min(width, self.pages.height() - used)

    def _render_countdown(self) -> None:
        if self._qr is None or self._sale is None or not self._sale.is_open:
            return
        left = (self._qr[1] - self._now()).total_seconds()
        if left <= 0:
            self._render()  # the QR must not be scanned any more
            return
        self.countdown.setText(self.tr("Valid for {time}").format(time=countdown_text(left)))

    @property
    def qr_side(self) -> int:
        """The QR's side on screen, in pixels (0 when none is shown)."""
        pixmap = self.qr.pixmap()
        shown = self.page == PAGE_CHARGE and not self.qr.isHidden()
        return pixmap.width() if shown and not pixmap.isNull() else 0

    # == size ====================================================================================
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._restyle()
        self._choose_columns()
        for label in (self.total, self.amount, self.paid_amount, self.cash_amount):
            self._fit_width(label)

    def _choose_columns(self) -> None:
        """The unit price column is left out below NARROW, and wherever the names would get
        less than a third of the table (prices in the millions with a discount beside one
        made it 450 of 1,232 px: "Café / molido 500 / g"). On a turned screen the names keep
        half (at 768 x 1024 a third wrapped them a word a line). The line's total always stays."""
        view, model = self.lines, self._model
        hide = self.width() < NARROW
        if not hide and model is not None and model.rowCount():
            room = self.pages.width() - 2 * MARGIN - view.verticalScrollBar().sizeHint().width()
            numbers = sum(view.sizeHintForColumn(c) for c in range(1, model.columnCount()))
            hide = room - numbers < room // (2 if self.height() > self.width() else 3)
        if hide != view.isColumnHidden(COL_UNIT_PRICE):
            view.setColumnHidden(COL_UNIT_PRICE, hide)

    def _fit_width(self, label: QLabel) -> None:
        """A one-line amount in type small enough for the page's width: the style's size is
        for a screen; in a narrow window "$ 3.930.401,56" was cut."""
        label.setStyleSheet("")  # the page's size for this window
        label.ensurePolished()
        page = label.parentWidget()
        box = page.layout() if page is not None else None
        if page is None or box is None or not label.text():
            return
        margins = box.contentsMargins()
        room = self.pages.width() - margins.left() - margins.right() - 4
        need = label.fontMetrics().horizontalAdvance(label.text())
        if need > room > 0:
            pixels = max(8, label.fontInfo().pixelSize() * room // need)
            label.setStyleSheet(f"font-size: {pixels}px;")

    def _restyle(self) -> None:
        """Type sized for the window: readable from a metre on a tablet and on a 24" screen.

        The sizes are for a 1024 x 640 screen, or the same screen turned (640 x 1024): turned,
        the type followed the narrow width alone, small on a tall screen of white."""
        long_side = max(self.width(), self.height())
        short_side = min(self.width(), self.height())
        scale = max(0.5, min(2.5, long_side / 1024, short_side / 640))
        if abs(scale - self._scale) < 0.04:
            return
        self._scale = scale
        qss = _QSS
        for size in sorted({int(s) for s in re.findall(r"\{(\d+)\}", _QSS)}, reverse=True):
            qss = qss.replace("{" + str(size) + "}", str(max(12, round(size * scale))))
        qss = qss.replace("{CELL_PAD}", str(CELL_PAD))
        self.setStyleSheet(qss)
        # The charge page's air shrinks with the type (800 x 480: room for the QR).
        margin = max(12, round(MARGIN * min(scale, 1)))
        self._charge_box.setContentsMargins(margin, margin, margin, margin)
        self._charge_box.setSpacing(max(2, round(6 * min(scale, 1))))
        self._choose_columns()
        self._qr_text_shown = ""
        if self.page == PAGE_CHARGE and self._qr is not None:
            self._render()  # what fits beside the QR, again

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate:
            owner = self.keyboard_owner
            if owner is not None and owner.isVisible():
                QTimer.singleShot(0, owner.activateWindow)
        return super().event(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._tick.stop()
        super().closeEvent(event)


def read_logo(logo: str) -> QImage:
    """On a worker thread: the shop's logo at the size shown (at most 480 × 240), or a null
    picture for a file that cannot be read as one. A FIFO or a device is not read: opened
    without waiting, it is refused as not a file (reading it would wait for a writer)."""
    try:
        open_user_file(Path(logo)).close()
    except OSError:
        return QImage()
    image = QImage(logo)
    if image.isNull():
        return image
    return image.scaled(
        480,
        240,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


def _paid(sale: SaleSnapshot) -> bool:
    """Ended paid: by Mercado Pago, or in cash (the QR charge canceled, the cash sale recorded)."""
    cash = sale.status is SaleStatus.CANCELED and sale.tender is Tender.CASH
    return sale.status is SaleStatus.PAID or cash
