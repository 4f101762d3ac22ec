"""Engine events → Qt signals, in one place (Electrum's ``QtEventListener`` idea).

The checkout engine knows nothing of Qt; it publishes plain frozen events on its
:class:`~pos_app.checkout.events.EventBus`. This bridge is the only subscriber on the UI side and
re-emits each event as a typed signal, so widgets connect to signals and never to the engine.
Everything runs on the one qasync thread, so the signals are delivered directly.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from pos_app.checkout.events import (
    ConnectionChanged,
    Event,
    EventBus,
    NotificationSeen,
    SaleChanged,
    SaleSetAside,
    StoreDeliveryChanged,
)
from pos_app.ui.qtkit.workarounds import emit

log = logging.getLogger(__name__)


class EngineBridge(QObject):
    """Re-emits the engine's events as signals; :meth:`detach` before the engine closes."""

    saleChanged = Signal(object)  # SaleChanged
    connectionChanged = Signal(object)  # ConnectionChanged
    notificationSeen = Signal(object)  # NotificationSeen
    saleSetAside = Signal(object)  # SaleSetAside
    storeDeliveryChanged = Signal(object)  # StoreDeliveryChanged

    def __init__(self, bus: EventBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe: Callable[[], None] | None = bus.subscribe(self._on_event)
        # The last connection state, so a widget created later can start from it.
        self.last_connection: ConnectionChanged | None = None

    def _on_event(self, event: Event) -> None:
        if isinstance(event, SaleChanged):
            emit(self.saleChanged, event)
        elif isinstance(event, ConnectionChanged):
            self.last_connection = event
            emit(self.connectionChanged, event)
        elif isinstance(event, NotificationSeen):
            emit(self.notificationSeen, event)
        elif isinstance(event, SaleSetAside):
            emit(self.saleSetAside, event)
        elif isinstance(event, StoreDeliveryChanged):
            emit(self.storeDeliveryChanged, event)
        else:  # a newer engine may publish more; ignoring is safe
            log.debug("bridge ignores %s", type(event).__name__)

    def detach(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
