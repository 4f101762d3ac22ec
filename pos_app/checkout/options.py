"""What the engine is told by the settings: the account, store and box new sales go to, and
its timings (the poll schedule, grace periods, backoff)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from pos_app.checkout.cadence import PollSchedule
from pos_app.domain.money import Site
from pos_app.domain.records import SaleSnapshot


@dataclass(frozen=True)
class CheckoutSettings:
    user_id: int | None
    store_external_id: str
    box_external_id: str
    site: Site
    order_title: str
    ttl: timedelta = timedelta(minutes=10)
    poll: PollSchedule = field(default_factory=PollSchedule)
    max_total: Decimal = Decimal(1_000_000)
    notification_url: str = ""
    cancel_recheck_delay: float = 2.0
    # After the expiry date, how long the box may still show our order before we stop believing
    # our own clock and remove it ourselves (clocks drift; Mercado Pago's is the one that counts).
    expiry_grace: timedelta = timedelta(seconds=60)
    trouble_backoff_max: float = 10.0
    # How often a pending sale nobody has scanned checks that its order is still on the box
    # (Mercado Pago expired it, or someone cleared the box from elsewhere; an empty box must be
    # seen twice in a row). Our own expiry needs no such check: it wakes the poller itself.
    box_check_interval: float = 60.0
    # After a check found the box empty, the second look comes this soon (longer than the
    # search's lag, so an approval that took the order off the box has time to show).
    box_recheck_interval: float = 10.0
    # How long Mercado Pago's search may hide a fresh merchant order (the docs say seconds):
    # an order that may have been sent is only sent again after "not on the box, nothing
    # found" held that long, because a customer who paid it took it off the box.
    search_lag_allowance: float = 5.0
    # A customer who scanned before the cashier canceled may still pay that merchant order
    # until the order expires (mercadopago-api.md): a canceled sale is looked at this often
    # until then, so such a payment turns up as a late payment instead of going unnoticed.
    after_cancel_interval: float = 15.0
    # Which Mercado Pago API new sales go through ("instore" or "orders"), and for the Orders
    # API which QR the customer pays ("static", "dynamic" or "hybrid").
    api: str = "instore"
    qr_mode: str = "static"

    def can_follow(self, sale: SaleSnapshot) -> bool:
        """Whether this till can keep watching ``sale``: made under the signed-in account, on
        any of its boxes (a sale made before the box was changed in Settings is asked about at
        its own store and box, and its customer may still pay); another account's sales cannot
        be looked up with this token."""
        return sale.user_id is None or sale.user_id == self.user_id
