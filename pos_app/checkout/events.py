"""What the checkout engine tells the world, as plain frozen values.

The engine publishes; the window (through one Qt bridge), the CLI and the tests subscribe. No
callback ever reaches into a widget.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from pos_app.domain.records import SaleEvent, SaleSnapshot
from pos_app.domain.sale import SaleStatus
from pos_app.i18n import QT_TRANSLATE_NOOP, Message, message
from pos_app.store.status import ReplicationStatus

log = logging.getLogger(__name__)

__all__ = [
    "ConnectionChanged",
    "Event",
    "EventBus",
    "NotificationSeen",
    "SaleChanged",
    "SaleEvent",
    "SaleSetAside",
    "SaleSnapshot",
    "StoreDeliveryChanged",
]


@dataclass(frozen=True)
class SaleChanged:
    """The sale's status or what the cashier should know about it changed."""

    sale: SaleSnapshot
    previous: SaleStatus | None
    cause: str  # a pos_app.domain.history.Cause ("charge", "poll", "cancel", ...)


@dataclass(frozen=True)
class ConnectionChanged:
    """Mercado Pago became reachable or unreachable (or refused the credentials)."""

    online: bool
    since: datetime
    problem: Message | None = None
    auth_problem: bool = False


@dataclass(frozen=True)
class NotificationSeen:
    """A notification hint arrived (used to slow polling and to show the receiver works)."""

    topic: str
    resource_id: str
    at: datetime


@dataclass(frozen=True)
class SaleSetAside:
    """A sale waiting for payment whose stored amounts cannot be read (a hand-edited or damaged
    ledger): the engine leaves it as it is, neither followed, nor sent to the box again, nor
    shown paid, nor keeping the box busy. Published once per sale and run; ``problem`` names
    the sale, the column and the value, and says what to do."""

    reference: str
    problem: Message

    @property
    def notice(self) -> Message:
        """One line for the cashier: which sale, that the shop sells on, where to look."""
        return message(
            "Checkout",
            QT_TRANSLATE_NOOP(
                "Checkout",
                "Sale {reference} could not be read and is set aside; new sales charge as "
                "usual. Run 'pos-app doctor' or call support.",
            ),
            reference=self.reference,
        )


@dataclass(frozen=True)
class StoreDeliveryChanged:
    """How far this counter's changes have reached the store database: computed on the
    delivery's own thread, published on the engine's loop (``Runtime.start_store``)."""

    status: ReplicationStatus


Event = SaleChanged | ConnectionChanged | NotificationSeen | SaleSetAside | StoreDeliveryChanged
Listener = Callable[[Event], None]


@dataclass
class EventBus:
    """Synchronous fan-out; a failing listener is logged and never stops the engine."""

    _listeners: list[Listener] = field(default_factory=list)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def publish(self, event: Event) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception("event listener failed on %s", type(event).__name__)
