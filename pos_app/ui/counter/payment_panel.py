"""The payment panel: what the cashier watches while the customer pays with the QR.

It only renders. The main window feeds it :class:`SaleSnapshot` values (from the engine's events)
and listens to its buttons. A one-second timer re-renders the elapsed time and the expiry
countdown from the snapshot it already has: no network, no engine call.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import Site, format_money
from pos_app.ui.qtkit.lazy_qt import Qt, set_enum
from pos_app.ui.qtkit.style import set_state

if TYPE_CHECKING:
    # After the first frame (start-up time, issue 19): the banners' rules (a dataclass, the
    # sale's statuses) with the first charge.
    from datetime import datetime

    from PySide6.QtGui import QImage, QResizeEvent, QShowEvent

    from pos_app.domain.records import SaleSnapshot
    from pos_app.ui.counter.sale_banner import Banner, BannerKind


def __getattr__(name: str) -> Any:
    """``BannerKind`` and ``Banner`` live in :mod:`~pos_app.ui.counter.sale_banner`, imported with
    the first charge (start-up time, issue 19); still importable from here."""
    if name in ("Banner", "BannerKind"):
        from pos_app.ui.counter import sale_banner

        return getattr(sale_banner, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


QR_MIN_PX = 240  # the dynamic QR's smallest side on screen: a phone reads it at arm's length


def _now() -> datetime:
    from datetime import UTC, datetime  # the first frame shows no sale (issue 19)

    return datetime.now(UTC)


class QrView(QLabel):
    """A QR drawn as large as the panel allows (never under :data:`QR_MIN_PX`), scaled by a
    whole number of pixels per module so every module stays sharp-edged and square."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_enum(self, "alignment", "AlignCenter")
        self.setMinimumSize(QR_MIN_PX, QR_MIN_PX)  # Expanding: PaymentPanel.set_size_policies
        self._image: QImage | None = None

    def set_text(self, text: str) -> None:
        if text:
            from pos_app.ui.settings.qr_sticker import qr_image  # segno: loaded on first use only

            self._image = qr_image(text, scale=1)
            least = self._image.width() * -(-QR_MIN_PX // self._image.width())
            self.setMinimumSize(least, least)  # the layout keeps room for the whole code
        else:
            self._image = None
            self.clear()
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self._image is None:
            return
        from PySide6.QtGui import QPixmap  # a QR on show: after the first frame (issue 19)

        side = self._image.width()
        scale = max(1, min(self.width(), self.height(), 480) // side)
        scale = max(scale, -(-QR_MIN_PX // side))
        pixmap = QPixmap.fromImage(self._image).scaled(
            side * scale,
            side * scale,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.FastTransformation,  # nearest neighbour: crisp modules
        )
        self.setPixmap(pixmap)


class PaymentPanel(QWidget):
    cancelRequested = Signal()
    cashRequested = Signal()
    newSaleRequested = Signal()
    backToCartRequested = Signal()
    recheckRequested = Signal()
    qrShownChanged = Signal(bool)  # the dynamic QR came on show (True) or went (False)

    def __init__(self, site: Site, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentPanel")
        self._site = site
        self._sale: SaleSnapshot | None = None
        self._amount = Decimal(0)
        self._started: datetime | None = None  # when the sale on show started
        self._banner: Banner | None = None  # None: sending's, until a charge shows one
        self._cancel_pressed = False  # Esc seen, the engine has not recorded it yet
        self._set_aside = False  # the engine stopped following it: its record is unreadable

        self.banner = QLabel()
        self.banner.setObjectName("statusBanner")
        self.banner.setWordWrap(True)
        set_enum(self.banner, "alignment", "AlignCenter")  # its size policy: set_size_policies
        self.banner.setAccessibleName(self.tr("Payment status"))

        self.detail = QLabel()
        self.detail.setObjectName("bannerDetail")
        self.detail.setWordWrap(True)
        set_enum(self.detail, "alignment", "AlignCenter")

        self.amount = QLabel()
        self.amount.setObjectName("paymentAmount")
        set_enum(self.amount, "alignment", "AlignCenter")

        self.elapsed = QLabel()
        self.elapsed.setObjectName("paymentClock")
        self.countdown = QLabel()
        self.countdown.setObjectName("paymentClock")
        set_enum(self.countdown, "alignment", "AlignRight")
        self.reference = QLabel()
        self.reference.setObjectName("paymentReference")
        set_enum(self.reference, "textInteractionFlags", "TextSelectableByMouse")

        # What "Check payment now" found: a click always gets an answer, even "no news".
        self.check_result = QLabel()
        self.check_result.setObjectName("checkResult")
        self.check_result.setWordWrap(True)
        set_enum(self.check_result, "alignment", "AlignCenter")
        self.check_result.hide()

        # The Orders API's dynamic QR (dynamic and hybrid modes): one code for this sale only,
        # shown big enough for a phone to read it off the screen.
        self.qr = QrView()
        self.qr.setObjectName("dynamicQr")
        self.qr.setAccessibleName(self.tr("QR code for this sale"))
        self.qr_caption = QLabel(self.tr("Scan this code with the Mercado Pago app"))
        self.qr_caption.setObjectName("dynamicQrCaption")
        set_enum(self.qr_caption, "alignment", "AlignCenter")
        self._qr_text = ""
        # The code and its caption together: under the amount, or (a compact counter) in the
        # cart's place, which the main window lends it (:meth:`take_back_qr`).
        self.qr_box = QWidget()
        self.qr_box.setObjectName("dynamicQrBox")
        qr_layout = QVBoxLayout(self.qr_box)
        qr_layout.setContentsMargins(0, 0, 0, 0)
        qr_layout.addWidget(self.qr, 1)
        qr_layout.addWidget(self.qr_caption)
        self.qr_box.hide()

        self.slow = QLabel(self.tr("Mercado Pago is answering slowly…"))
        self.slow.setObjectName("slowNotice")
        set_enum(self.slow, "alignment", "AlignCenter")
        self.slow.hide()

        self.cancel_button = QPushButton(self.tr("Cancel charge  (Esc)"))
        self.cancel_button.setObjectName("cancelButton")
        self.cash_button = QPushButton(self.tr("Customer pays cash"))
        self.cash_button.setObjectName("cashButton")
        self.recheck_button = QPushButton(self.tr("Check payment now"))
        self.recheck_button.setObjectName("recheckButton")
        self.new_sale_button = QPushButton(self.tr("New sale  (Enter)"))
        self.new_sale_button.setObjectName("newSaleButton")
        self.back_button = QPushButton(self.tr("Back to the cart"))
        self.back_button.setObjectName("backButton")
        self._buttons = (
            self.cancel_button,
            self.cash_button,
            self.recheck_button,
            self.new_sale_button,
            self.back_button,
        )
        for button in self._buttons:
            # Keyboard focus stays on the panel itself: Enter and Esc are handled by the window,
            # and a focused button would swallow Enter (and could cancel by accident).
            set_enum(button, "focusPolicy", "NoFocus")  # heights: the stylesheet's
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.cash_button.clicked.connect(self.cashRequested)
        self.recheck_button.clicked.connect(self.recheckRequested)
        self.new_sale_button.clicked.connect(self.newSaleRequested)
        self.back_button.clicked.connect(self.backToCartRequested)

        clocks = QGridLayout()
        clocks.addWidget(self.elapsed, 0, 0)
        clocks.addWidget(self.countdown, 0, 1)
        clocks.addWidget(self.reference, 1, 0, 1, 2)

        open_buttons = QHBoxLayout()
        open_buttons.addWidget(self.cancel_button)
        open_buttons.addWidget(self.cash_button)
        # Stacked, not side by side: "New sale (Enter)" must never be cut at 1024 px.
        ended_buttons = QVBoxLayout()
        ended_buttons.addWidget(self.new_sale_button)
        ended_buttons.addWidget(self.back_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        layout.addWidget(self.amount)
        self._qr_at = layout.count()
        layout.addWidget(self.qr_box)
        layout.addLayout(clocks)
        layout.addWidget(self.slow)
        layout.addStretch(1)
        layout.addWidget(self.check_result)
        layout.addWidget(self.recheck_button)
        layout.addLayout(open_buttons)
        layout.addLayout(ended_buttons)
        self._layout = layout

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._render_clocks)
        self._policies_set = False

    def set_size_policies(self) -> None:
        """The banner never shorter than its text, the QR as large as the panel allows: set
        after the first frame, which does not show this page (QSizePolicy's enums, ~3 M
        instructions before it: start-up time, issue 19; the first frame's layout is the same,
        tests/ui/test_startup_window_first.py compares it). The main window sets them right
        after its first frame; the page's first showing sets them if nothing did."""
        if self._policies_set:
            return
        self._policies_set = True
        from PySide6.QtWidgets import QSizePolicy

        self.qr.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.banner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def showEvent(self, event: QShowEvent) -> None:
        self.set_size_policies()
        super().showEvent(event)

    # -- what the window calls -----------------------------------------------------------------
    @property
    def sale(self) -> SaleSnapshot | None:
        return self._sale

    @property
    def banner_kind(self) -> BannerKind:
        if self._banner is None:
            from pos_app.ui.counter.sale_banner import sending_banner

            self._banner = sending_banner()
        return self._banner.kind

    @property
    def has_ended(self) -> bool:
        return self._set_aside or (self._sale is not None and not self._sale.is_open)

    def start_sending(self, amount: Decimal) -> None:
        """F5 was pressed: show the amount at once, before the engine has answered."""
        self._sale = None
        self._cancel_pressed = False
        self._set_aside = False
        self._set_check_result("")
        self._amount = amount
        self._started = _now()
        from pos_app.ui.counter.sale_banner import sending_banner

        self._show(sending_banner())
        self._timer.start()

    def show_sale(self, sale: SaleSnapshot) -> None:
        self._sale = sale
        self._amount = sale.total
        self._started = sale.created_at
        if self._cancel_pressed and sale.is_open and not sale.cancel_requested:
            self.show_canceling()  # an older look at the sale, from before Esc: not news
        else:
            from pos_app.ui.counter.sale_banner import banner_for

            self._show(banner_for(sale, self._site))
        if sale.is_open:
            self._timer.start()
        else:
            self._timer.stop()

    def show_canceling(self) -> None:
        """Esc (or cash) was pressed: say so at once; the engine's answer follows in ~2 s."""
        self._cancel_pressed = True
        from pos_app.ui.counter.sale_banner import canceling_banner

        self._show(canceling_banner())
        for button in (self.cancel_button, self.cash_button):
            button.setEnabled(False)
        self.recheck_button.hide()
        self._set_check_result("")

    def show_set_aside(self) -> None:
        """The engine set this sale aside (its record can no longer be read): it is over here,
        whatever the customer did; the banner says what to do."""
        from pos_app.ui.counter.sale_banner import set_aside_banner

        self._set_aside = True
        self._cancel_pressed = False
        self._timer.stop()
        self._show(set_aside_banner())

    def cancel_failed(self) -> None:
        """The cancel did not even start: show the sale as it is again."""
        self._cancel_pressed = False
        if self._sale is not None:
            self.show_sale(self._sale)

    def show_checking(self) -> None:
        self.recheck_button.setEnabled(False)
        self._set_check_result(self.tr("Checking with Mercado Pago…"))

    def show_checked(self, sale: SaleSnapshot | None, failed: bool = False) -> None:
        """The answer to "Check payment now", whatever it is."""
        self.recheck_button.setEnabled(True)
        at = _now().astimezone().strftime("%H:%M:%S")
        if failed:
            text = self.tr("Checked at {time}: Mercado Pago did not answer. Try again.")
        elif sale is not None and sale.is_open:
            text = self.tr("Checked at {time}: still waiting for the payment.")
        else:
            text = ""  # the banner itself tells the outcome
        self._set_check_result(text.format(time=at))

    def _set_check_result(self, text: str) -> None:
        self.check_result.setText(text)
        self.check_result.setVisible(bool(text))

    def set_slow(self, slow: bool) -> None:
        """A request from this panel has taken more than a second."""
        self.slow.setVisible(slow)

    def stop(self) -> None:
        self._timer.stop()
        self._sale = None
        self._cancel_pressed = False
        self._set_aside = False
        self._set_check_result("")
        self.set_slow(False)

    # -- rendering -----------------------------------------------------------------------------
    def _show(self, banner: Banner) -> None:
        from pos_app.ui.counter.sale_banner import BannerKind

        self._banner = banner
        self.banner.setText(banner.headline)
        self.detail.setText(banner.detail)
        set_state(self.banner, banner.kind.value)
        set_state(self.detail, banner.kind.value)
        self.amount.setText(format_money(self._amount, self._site))
        sale = self._sale
        ended = self.has_ended
        can_cancel = not ended and sale is not None and not sale.cancel_requested
        self.cancel_button.setVisible(not ended)
        self.cash_button.setVisible(not ended)
        self.cancel_button.setEnabled(can_cancel)
        self.cash_button.setEnabled(can_cancel)
        self.recheck_button.setVisible(can_cancel)
        if ended:
            self._set_check_result("")
        self.new_sale_button.setVisible(ended)
        # After a refused, expired or canceled charge the cashier may want to fix the cart and
        # charge again; after a payment (or cash) the sale is done and the cart is cleared.
        self.back_button.setVisible(
            ended
            and (
                self._set_aside
                or banner.kind in (BannerKind.FAILED, BannerKind.EXPIRED, BannerKind.CANCELED)
            )
        )
        self.reference.setText(
            self.tr("Sale {reference}").format(reference=sale.external_reference) if sale else ""
        )
        self._render_qr(sale.qr_data if sale is not None and not ended else "")
        self._render_clocks()

    @property
    def showing_qr(self) -> bool:
        """The sale on show has a dynamic QR to scan (it is open)."""
        return not self.qr_box.isHidden()

    def lend_qr(self, layout: QLayout) -> None:
        """The QR (on show) and its caption into ``layout``: the compact counter's cart place.
        The code sits on its caption there, the room left over above it."""
        if self.qr_box.parent() is not layout.parentWidget():
            layout.addWidget(self.qr_box)
            set_enum(self.qr, "alignment", "AlignHCenter|AlignBottom")
            self.qr_box.setVisible(bool(self._qr_text))

    def take_back_qr(self) -> None:
        """The QR back under the amount, where the large counter shows it."""
        if self.qr_box.parent() is not self:
            self._layout.insertWidget(self._qr_at, self.qr_box)
            set_enum(self.qr, "alignment", "AlignCenter")
            self.qr_box.setVisible(bool(self._qr_text))

    def _render_qr(self, text: str) -> None:
        shown = self.showing_qr
        if text != self._qr_text:
            self._qr_text = text
            self.qr.set_text(text)
        self.qr_box.setVisible(bool(text))
        if shown != bool(text):
            self.qrShownChanged.emit(bool(text))
        # The caption under the code says what to do, and tracking checks by itself: the room
        # goes to the code (at 1024 x 768 there is no other way to keep it whole).
        self.detail.setVisible(not text)
        if text:
            self.recheck_button.setVisible(False)

    def _render_clocks(self) -> None:
        from pos_app.ui.counter.sale_banner import format_duration

        sale = self._sale
        now = _now()
        started = now if self._started is None else self._started  # None: nothing on show yet
        if sale is not None and not sale.is_open:
            took = format_duration((sale.updated_at - started).total_seconds())
            self.elapsed.setText(self.tr("Took {time}").format(time=took))
        else:
            elapsed = format_duration((now - started).total_seconds())
            self.elapsed.setText(self.tr("Elapsed {time}").format(time=elapsed))
        if self._set_aside or sale is None or not sale.is_open or sale.expires_at is None:
            self.countdown.setText("")  # set aside: its expiry is no longer watched here
            return
        left = (sale.expires_at - now).total_seconds()
        if left > 0:
            self.countdown.setText(self.tr("Expires in {time}").format(time=format_duration(left)))
        else:
            self.countdown.setText(self.tr("Expiring…"))
