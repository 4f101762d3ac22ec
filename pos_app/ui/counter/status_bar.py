"""The status bar: which store and box this is, whether Mercado Pago answers, test mode."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from pos_app.ui.qtkit.errors import translate_message
from pos_app.ui.qtkit.style import set_state

if TYPE_CHECKING:
    from datetime import datetime

    from PySide6.QtGui import QResizeEvent

    from pos_app.checkout.events import ConnectionChanged, SaleSetAside
    from pos_app.settings.config import Config
    from pos_app.store.replication import ReplicationStatus


def clock_time(moment: datetime) -> str:
    """The payment banner's ``HH:MM``; its module (the banners' rules) is not needed for the
    first frame (start-up time, issue 19)."""
    from pos_app.ui.counter.sale_banner import clock_time as banner_clock_time

    return banner_clock_time(moment)


class _GivingWayLabel(QLabel):
    """The store's and box's names: the shop's own, up to ~100 characters. They give way
    first when the bar is narrow ("Supermercado São João Bat…"), whole in the tooltip, so the
    window never needs more than the screen's width (a long name made it 1,500 px wide and cut
    the TEST badge off a 1024 px screen). Elided by hand: Qt's elidedText takes an enum the
    first frame does without (lazy_qt, start-up time)."""

    LEAST = 120  # px: the name's start always shows

    def __init__(self) -> None:
        super().__init__()
        self._whole = ""

    def set_whole_text(self, text: str) -> None:
        self._whole = text
        self.setToolTip(text)
        self._fit()
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        margins = self.contentsMargins()
        wide = self.fontMetrics().horizontalAdvance(self._whole) + margins.left() + margins.right()
        return QSize(wide + 2, hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(min(self.LEAST, self.sizeHint().width()), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if not self.isVisible():  # not laid out yet: its first resize fits it
            if self.text() != self._whole:
                self.setText(self._whole)
            return
        room = self.contentsRect().width() - 2
        metrics = self.fontMetrics()
        shown = self._whole
        if metrics.horizontalAdvance(shown) > room:
            low, high = 0, len(self._whole)  # the longest start that fits with its "…"
            while low < high:
                middle = (low + high + 1) // 2
                if metrics.horizontalAdvance(self._whole[:middle].rstrip() + "…") <= room:
                    low = middle
                else:
                    high = middle - 1
            shown = self._whole[:low].rstrip() + "…"
        if shown != self.text():
            self.setText(shown)


class PosStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("posStatusBar")
        self.setSizeGripEnabled(False)
        self.place = _GivingWayLabel()
        self.place.setObjectName("placeLabel")
        self.connection = QLabel()
        self.connection.setObjectName("connectionLabel")
        self.slow = QLabel(self.tr("Mercado Pago is answering slowly…"))
        self.slow.setObjectName("slowStatus")
        self.slow.hide()
        self.notifications = QLabel()
        self.notifications.setObjectName("notificationsLabel")
        self.notifications.hide()
        self.store_db = QLabel()
        self.store_db.setObjectName("storeDatabaseLabel")
        self.store_db.hide()
        # Waiting sales the engine could not read and set aside (their references), said until
        # the app is restarted on a repaired ledger.
        self.set_aside = QLabel()
        self.set_aside.setObjectName("setAsideLabel")
        self.set_aside.hide()
        self._set_aside: dict[str, str] = {}
        self._set_aside_fits = False
        self.test_badge = QLabel(self.tr("TEST"))
        self.test_badge.setObjectName("testBadge")
        self.test_badge.setToolTip(
            self.tr("Test-user credentials: payments are simulated, no real money moves.")
        )
        self.test_badge.hide()
        # Its state before addWidget, which polishes it: a polished label's new state needs
        # QStyle (set_state), which the first frame does without (start-up time, issue 19).
        # Set straight on the label, not polished yet: set_state's check of that costs the Qt
        # namespace's enums (lazy_qt), which the first frame does without too.
        self.connection.setProperty("state", "unknown")
        self.show_unknown()
        self.addWidget(self.place)
        self.addWidget(self.connection)
        self.addWidget(self.slow)
        self.addWidget(self.notifications)
        self.addWidget(self.store_db)
        self.addWidget(self.set_aside)
        self.addPermanentWidget(self.test_badge)

    def set_config(self, config: Config) -> None:
        store = config.store_name or config.store_external_id or self.tr("no store configured")
        if config.box_name:
            box = config.box_name
        elif config.box_external_id:
            box = self.tr("Box {id}").format(id=config.box_external_id)
        else:
            box = self.tr("no box configured")
        self.place.set_whole_text(f"{store} · {box}")
        self.test_badge.setVisible(config.is_test_user)

    def show_connecting(self) -> None:
        """Start-up: the window is up, the ledger and Mercado Pago's client are opening."""
        self.connection.setText(self.tr("Connecting…"))
        self.connection.setToolTip(self.tr("Opening the sales ledger and the connection"))
        set_state(self.connection, "unknown")

    def show_unknown(self) -> None:
        self.connection.setText(self.tr("Mercado Pago: not contacted yet"))
        self.connection.setToolTip("")
        set_state(self.connection, "unknown")

    def set_connection(self, event: ConnectionChanged) -> None:
        problem = translate_message(event.problem) if event.problem else ""
        if event.online:
            self.connection.setText(self.tr("● Mercado Pago: online"))
            set_state(self.connection, "online")
        elif event.auth_problem:
            self.connection.setText(self.tr("● Mercado Pago refused the credentials"))
            set_state(self.connection, "auth")
        else:
            self.connection.setText(
                self.tr("● Connection trouble since {time}").format(time=clock_time(event.since))
            )
            set_state(self.connection, "trouble")
        self.connection.setToolTip(problem)

    def set_slow(self, slow: bool) -> None:
        self.slow.setVisible(slow)

    def set_receiver(self, url: str, problem: str) -> None:
        """Whether instant payment notifications can arrive (hidden when they are not set up).

        A receiver that could not start is not an error for the cashier: payments are still
        found by polling, only a little later; the technician sees why in the tooltip.
        """
        if problem:
            self.notifications.setText(self.tr("Notifications off (checking by polling)"))
            self.notifications.setToolTip(
                self.tr(
                    "Instant payment notifications could not start ({detail}). Payments are "
                    "still found by asking Mercado Pago, a moment later."
                ).format(detail=problem)
            )
            set_state(self.notifications, "trouble")
        elif url:
            self.notifications.setText(self.tr("Notifications on"))
            self.notifications.setToolTip(self.tr("Listening on {url}").format(url=url))
            set_state(self.notifications, "online")
        self.notifications.setVisible(bool(problem or url))

    def add_set_aside(self, event: SaleSetAside) -> None:
        """A sale waiting for payment could not be read (a damaged amount in the ledger): one
        line while the app runs, the sale and what to do in its tooltip. Never an alarm that
        stops anything: the box sells on."""
        notice, problem = translate_message(event.notice), translate_message(event.problem)
        self._set_aside[event.reference] = f"{notice}\n{problem}"  # for support: the value
        if not self._set_aside_fits:
            # The bar's left part gives way, never the TEST badge on its right (at 1024 px
            # the line pushed it out): the line's end is cut, its tooltip says it whole.
            self.set_aside.setMinimumWidth(self.fontMetrics().horizontalAdvance("A sale…"))
            self._set_aside_fits = True
        count = len(self._set_aside)
        self.set_aside.setText(
            self.tr("A sale could not be read: run 'pos-app doctor' or call support")
            if count == 1
            else self.tr(
                "{count} sales could not be read: run 'pos-app doctor' or call support"
            ).format(count=count)
        )
        self.set_aside.setToolTip("\n\n".join(self._set_aside.values()))
        set_state(self.set_aside, "trouble")
        self.set_aside.show()

    def set_store_database(self, status: ReplicationStatus | None) -> None:
        """Whether this counter's sales have reached the store database (hidden without one).

        Never an alarm: the counter sells on and the changes wait in its ledger."""
        if status is None:
            self.store_db.hide()
            return
        if status.refused:  # set aside so that the later changes go on: said until they pass
            one = status.refused == 1  # one source per number form, as the totals do
            self.store_db.setText(
                self.tr("Store database: 1 change refused")
                if one
                else self.tr("Store database: {count} changes refused").format(count=status.refused)
            )
            set_state(self.store_db, "trouble")
            self.store_db.setToolTip(
                (
                    self.tr(
                        "The store database refuses one of this counter's changes ({detail}). "
                        "It is kept in the ledger and tried again at the next start; the other "
                        "changes are sent as usual. 'pos-app doctor' tells more."
                    )
                    if one
                    else self.tr(
                        "The store database refuses {count} of this counter's changes ({detail}). "
                        "They are kept in the ledger and tried again at the next start; the other "
                        "changes are sent as usual. 'pos-app doctor' tells more."
                    )
                ).format(count=status.refused, detail=status.refused_problem)
            )
            self.store_db.show()
            return
        if status.up_to_date:
            self.store_db.setText(self.tr("Store database: up to date"))
            set_state(self.store_db, "online")
        else:
            when = clock_time(status.since) if status.since else ""
            self.store_db.setText(
                (
                    self.tr("Store database: 1 change waiting since {time}")
                    if status.waiting == 1
                    else self.tr("Store database: {count} changes waiting since {time}")
                ).format(count=status.waiting, time=when)
            )
            set_state(self.store_db, "trouble" if status.problem else "unknown")
        self.store_db.setToolTip(
            self.tr(
                "The store database cannot be reached ({detail}). This counter sells on; "
                "its changes wait in the ledger and are sent when it answers again."
            ).format(detail=status.problem)
            if status.problem
            else ""
        )
        self.store_db.show()
