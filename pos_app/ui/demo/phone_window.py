"""Demo mode's second window: the customer's phone after scanning the box's QR code.

It plays the customer, not the shop, so it is the one window allowed to talk to the sandbox's
control API directly (with its own ``httpx.AsyncClient``): it polls ``/_sandbox/boxes/{box}`` about
three times a second and shows what the Mercado Pago app would show, with buttons to pay, to pay
with a card that gets rejected, to do nothing, or to make the order expire right now.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from decimal import Decimal, InvalidOperation
from typing import Any

import httpx
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFontMetrics, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import Site, format_money, format_money_unbroken
from pos_app.system.tls import client_context
from pos_app.ui.qtkit.async_utils import TaskKeeper
from pos_app.ui.qtkit.style import set_compact, set_state
from pos_app.ui.qtkit.window_settings import restore_geometry, save_geometry
from pos_app.ui.qtkit.workarounds import emit

log = logging.getLogger(__name__)

POLL_SECONDS = 0.3
FOREIGN_AMOUNT = 1500  # what the demo's "another system" charges (a whole amount for every site)
# On a screen lower than this the phone shares the cart's side with the customer display (or
# has ~560 px alone): at its least height (456 px) the order's list had room for one line and
# a bit. Compact, the caption goes (the title bar names the window), the type and the buttons
# are smaller, and the list keeps LEAST_LINES lines of text at least (the demo lays the
# windows out by this least height: the same as before, 455 px).
COMPACT_BELOW = 800
LEAST_LINES = 5


def _amount(value: Any) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return Decimal(0)


class CustomerPhoneWindow(QWidget):
    """Polls while shown; :meth:`aclose` stops polling and closes its HTTP client."""

    orderSeen = Signal(object)  # the box's order as JSON, or None (tests wait on it)

    def __init__(
        self,
        base_url: str,
        box_external_id: str,
        site: Site,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("phoneWindow")
        self.setWindowTitle(self.tr("Customer's phone (demo)"))
        self._box = box_external_id
        self._site = site
        self._http = httpx.AsyncClient(
            base_url=base_url, transport=transport, timeout=5.0, verify=client_context()
        )
        self._tasks = TaskKeeper(self)
        self._poller: asyncio.Task[None] | None = None
        self.poll_seconds = POLL_SECONDS  # how often it looks at the box
        self._order: dict[str, Any] | None = None
        self._reference_shown: str | None = None
        self._closed = False

        header = QLabel(self.tr("Mercado Pago"))
        header.setObjectName("phoneHeader")
        header.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel(
            self.tr("This window plays the customer who scanned the QR of box {box}.").format(
                box=box_external_id
            )
        )
        self._box_caption = self.caption.text()
        self.caption.setObjectName("phoneCaption")
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel()
        self.title.setObjectName("phoneTitle")
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Two columns (what, price), the name wrapping: a phone never scrolls sideways.
        self.items = QTableWidget(0, 2)
        self.items.setObjectName("phoneItems")
        self.items.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.items.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.items.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.items.setShowGrid(False)
        self.items.setWordWrap(True)
        self.items.horizontalHeader().hide()
        self.items.verticalHeader().hide()
        self.items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.items.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.items.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.items.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.items.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.items.verticalHeader().setMinimumSectionSize(1)  # a line of text, not the style's 30
        self.total = QLabel()
        self.total.setObjectName("phoneTotal")
        self.total.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Colombia: the IVA the order reported in ``taxes`` (what the sandbox received).
        self.iva = QLabel()
        self.iva.setObjectName("phoneIva")
        self.iva.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.iva.hide()
        self.result = QLabel()
        self.result.setObjectName("phoneResult")
        self.result.setWordWrap(True)
        self.result.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.pay_button = QPushButton(self.tr("Pay (approved)"))
        self.pay_button.setObjectName("phonePay")
        self.reject_button = QPushButton(self.tr("Pay with a card that gets rejected"))
        self.reject_button.setObjectName("phoneReject")
        self.idle_button = QPushButton(self.tr("Do nothing"))
        self.idle_button.setObjectName("phoneIdle")
        self.expire_button = QPushButton(self.tr("Expire now"))
        self.expire_button.setObjectName("phoneExpire")
        # 40 px (style.qss: #phoneWindow QPushButton): at 48 px (56 with the style's padding)
        # the buttons left the order's list one line and a half on a 1024 x 600 screen.
        self._buttons = (self.pay_button, self.reject_button, self.idle_button, self.expire_button)
        for button in self._buttons:
            button.setMinimumHeight(40)
        self.pay_button.clicked.connect(lambda: self._act("pay", outcome="approved"))
        self.reject_button.clicked.connect(lambda: self._act("pay", outcome="rejected"))
        self.idle_button.clicked.connect(self._do_nothing)
        self.expire_button.clicked.connect(lambda: self._act("expire"))

        # Not the customer's phone: someone charging at the same box from another system, so
        # the day's reconciliation has a payment the books do not know (Day → Close the day).
        self.foreign_button = QPushButton(self.tr("Another system charges at this box"))
        self.foreign_button.setObjectName("phoneForeignPayment")
        self.foreign_result = QLabel()
        self.foreign_result.setObjectName("phoneForeignResult")
        self.foreign_result.setWordWrap(True)
        self.foreign_result.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.foreign_result.hide()  # no room taken until there is something to say
        self.foreign_button.clicked.connect(
            lambda: self._act("foreign_payment", amount=FOREIGN_AMOUNT)
        )

        screen = QFrame()
        screen.setObjectName("phoneScreen")
        inner = QVBoxLayout(screen)
        inner.setContentsMargins(8, 8, 8, 8)  # the room goes to the order's lines
        inner.setSpacing(4)
        inner.addWidget(header)
        inner.addWidget(self.title)
        inner.addWidget(self.items, 1)
        inner.addWidget(self.total)
        inner.addWidget(self.iva)
        inner.addWidget(self.result)
        inner.addWidget(self.pay_button)
        inner.addWidget(self.reject_button)
        # The two ways an order runs out share a row: five full-width buttons (~58 px each)
        # made the window 618 px tall at least, taller than a 1024 x 600 screen.
        expiry = QHBoxLayout()
        expiry.addWidget(self.idle_button, 1)
        expiry.addWidget(self.expire_button)
        inner.addLayout(expiry)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(screen, 1)
        layout.addWidget(self.foreign_button)
        layout.addWidget(self.foreign_result)

        restore_geometry(self, "phone", (380, 680))
        self._render(None)
        self._fit_screen()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_screen()  # now on its own screen

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._hold_wrapped()

    def _hold_wrapped(self) -> None:
        """A wrapped text's lines as its least height: Qt's least height for the window counts
        one line for it, and at that height a two-line "Card rejected" was given its two lines
        by squeezing the rest (the total was drawn over the order's last line)."""
        for label in (self.caption, self.title, self.result, self.foreign_result):
            label.setMinimumHeight(label.heightForWidth(label.width()) if label.text() else 0)

    @property
    def compact(self) -> bool:
        return bool(self.property("compact"))

    def _fit_screen(self) -> None:
        """Compact on a low screen (:data:`COMPACT_BELOW`): the order's list first."""
        screen = self.screen()
        compact = screen is not None and screen.availableGeometry().height() < COMPACT_BELOW
        set_compact(self, compact)
        self.caption.setVisible(not compact)
        for button in self._buttons:  # compact: the style sheet's rule alone sizes them
            button.setMinimumHeight(0 if compact else 40)
        least = 0
        if compact:
            self.items.ensurePolished()
            row = QFontMetrics(self.items.font()).lineSpacing() + 8  # the style's padding
            least = LEAST_LINES * row + 2 * self.items.frameWidth()
        self.items.setMinimumHeight(least)
        self._hold_wrapped()

    # -- polling -------------------------------------------------------------------------------
    def start(self) -> None:
        if self._poller is None and not self._closed:
            self._poller = self._tasks.spawn(self._poll_forever(), name="phone-poller")

    async def _poll_forever(self) -> None:
        while not self._closed:
            if self.isVisible():  # a closed (hidden) phone stops asking
                await self.refresh()
            await asyncio.sleep(self.poll_seconds)

    async def refresh(self) -> None:
        try:
            response = await self._http.get(f"/_sandbox/boxes/{self._box}")
            response.raise_for_status()
            body = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            # The demo's sandbox is in this process: this only happens while shutting down.
            log.debug("phone poll failed: %s", exc)
            self.caption.setText(self.tr("The demo server does not answer."))
            return
        # Instore v2's order on the box; else the Orders API's (printed QR), else the newest
        # dynamic QR on the cashier's screen, which this phone "reads" to pay.
        self._render(body.get("order") or body.get("api_order") or body.get("dynamic_order"))

    # -- rendering -----------------------------------------------------------------------------
    def _render(self, order: dict[str, Any] | None) -> None:
        reference = order.get("external_reference") if order else None
        new_order = reference != self._reference_shown
        if new_order:
            # A new order (or none): the message about the previous payment attempt is stale...
            # except "approved", which the customer should keep seeing after the box clears.
            if order is not None or self.result.property("state") != "approved":
                self._set_result("", "")
            self._reference_shown = reference
        self._order = order
        dynamic = bool(order and (order.get("type_response") or {}).get("qr_data"))
        self.caption.setText(
            self.tr("This window plays the customer who read the QR on the cashier's screen.")
            if dynamic
            else self._box_caption
        )
        has_order = order is not None
        for button in (self.pay_button, self.reject_button, self.idle_button, self.expire_button):
            button.setEnabled(has_order)
        if order is None and self.result.property("state") == "approved":
            # Just paid: the box is empty because of *this* payment, not "nothing to pay".
            self.title.setText(self.tr("Paid — thank you!"))
            self._set_items([(self.tr("The cashier's screen shows the payment."), "")])
            self.total.setText("")
            self.iva.hide()
        elif order is None:
            self.title.setText(self.tr("Nothing to pay yet"))
            self._set_items([(self.tr("Waiting for the cashier to charge…"), "")])
            self.total.setText("")
            self.iva.hide()
        else:
            self.title.setText(str(order.get("title") or order.get("description") or ""))
            rows = []
            for item in order.get("items") or []:
                quantity = item.get("quantity", 1)
                amount = _amount(item.get("total_amount"))
                if "total_amount" not in item:  # the Orders API sends no line totals
                    amount = _amount(item.get("unit_price")) * _amount(quantity)
                rows.append(
                    (f"{quantity} × {item.get('title', '')}", format_money(amount, self._site))
                )
            self._set_items(rows)
            self.total.setText(
                self.tr("Total {amount}").format(
                    amount=format_money(_amount(order.get("total_amount")), self._site)
                )
            )
            self._show_iva(order.get("taxes"))
        if new_order:  # the next customer's order opens on its first lines, not the last one's
            self.items.scrollToTop()
        self._hold_wrapped()
        emit(self.orderSeen, order)

    def _show_iva(self, taxes: Any) -> None:
        values = [
            _amount(tax.get("value"))
            for tax in taxes or []
            if isinstance(tax, dict) and tax.get("type") == "IVA"
        ]
        self.iva.setVisible(bool(values))
        if values:
            amount = format_money(sum(values, Decimal(0)), self._site)
            self.iva.setText(self.tr("IVA included: {amount}").format(amount=amount))

    def _set_items(self, rows: list[tuple[str, str]]) -> None:
        self.items.setRowCount(len(rows))
        for row, (what, price) in enumerate(rows):
            what_item = QTableWidgetItem(what)
            what_item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            self.items.setItem(row, 0, what_item)
            price_item = QTableWidgetItem(price)
            price_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            self.items.setItem(row, 1, price_item)

    def _set_result(self, text: str, state: str) -> None:
        self.result.setText(text)
        self.result.setVisible(bool(text))  # an empty line's room goes to the order's list
        set_state(self.result, state)
        self._hold_wrapped()

    # -- the customer's actions ----------------------------------------------------------------
    def _act(self, action: str, **body: Any) -> None:
        self._tasks.spawn(self._post(action, body), on_error=self._action_failed)

    def _path(self, action: str, body: dict[str, Any]) -> str:
        """Where the customer's action goes: the box, or the Orders API order whose dynamic QR
        is on the cashier's screen (the phone read it)."""
        order = self._order or {}
        qr_data = (order.get("type_response") or {}).get("qr_data")
        if qr_data and action == "pay":
            body["qr_data"] = qr_data
            return "/_sandbox/qr/pay"
        if qr_data and action == "expire":
            return f"/_sandbox/v1/orders/{order.get('id')}/expire"
        return f"/_sandbox/boxes/{self._box}/{action}"

    async def _post(self, action: str, body: dict[str, Any]) -> None:
        if action == "expire" and not self._path(action, body).startswith("/_sandbox/v1/"):
            # The customer has the order open on the phone (scanned) when it runs out, as in
            # the shop; Mercado Pago then reports that merchant order expired, which the app
            # notices within a second or two. (An order nobody scanned that leaves the box
            # early is only believed gone after two box checks, tens of seconds apart.)
            await self._http.post(f"/_sandbox/boxes/{self._box}/scan", json={})
        response = await self._http.post(self._path(action, body), json=body)
        if response.status_code >= 400:
            message = response.json().get("message", response.reason_phrase)
            self._set_result(self.tr("Mercado Pago says: {message}").format(message=message), "")
        elif action == "pay":
            answer = response.json()
            status = answer.get("payment", {}).get("status")
            if "transactions" in answer or "order" in answer:  # the Orders API's order
                order = answer.get("order", answer)
                status = "approved" if order.get("status") == "processed" else "rejected"
            if status == "approved":
                self._set_result(self.tr("✓ Payment approved"), "approved")
            else:
                self._set_result(
                    self.tr("✗ Card rejected — you can try again with another card"), "rejected"
                )
        elif action == "expire":
            self._set_result(self.tr("The order expired."), "")
        elif action == "foreign_payment":
            self.foreign_result.setText(
                self.tr("Another system was paid {amount} at this box.").format(
                    amount=format_money_unbroken(Decimal(FOREIGN_AMOUNT), self._site)
                )
            )
            self.foreign_result.show()
            self._hold_wrapped()
        await self.refresh()

    def _do_nothing(self) -> None:
        self._set_result(self.tr("You put the phone away. The order will expire on its own."), "")

    def _action_failed(self, exc: BaseException) -> None:
        log.warning("phone action failed: %s", exc)
        self._set_result(self.tr("The demo server does not answer."), "")

    # -- closing -------------------------------------------------------------------------------
    async def aclose(self) -> None:
        self._closed = True
        for task in self._tasks.cancel_all():
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        await self._http.aclose()

    def closeEvent(self, event: QCloseEvent) -> None:
        save_geometry(self, "phone")
        event.accept()  # just hidden: the app (or the test) calls aclose() when it shuts down
