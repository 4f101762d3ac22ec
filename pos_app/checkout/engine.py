"""The checkout engine: send the order to the box, learn the result, cancel, resume.

Everything that can change a sale goes through :meth:`CheckoutEngine.reconcile`, under a per-sale
lock: the poller, notification hints, cancel and the start-up resume. The ledger is written
before Mercado Pago is called and before anyone is told, so a crash at any point leaves enough on
disk to carry on. A sale is only ever shown paid when a merchant order says ``closed`` with
approved payments covering its total.

Beside it: when to look (:mod:`.cadence`) and the tasks that do (:mod:`.poller`), what is
remembered per sale (:mod:`.tracking`), each write to the ledger and its event
(:mod:`.recorder`), the sale's order at its own box (:mod:`.box`), and what a look decides about
an unpaid sale from what the box shows (:mod:`.settling`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime

from pos_app.checkout.box import BoxGateway
from pos_app.checkout.errors import (
    BoxBusyError,
    CancelNotConfirmedError,
    NotConfiguredError,
    NothingToCancelError,
    UnknownSaleError,
    order_failed_reason,
)
from pos_app.checkout.events import EventBus, NotificationSeen, SaleChanged
from pos_app.checkout.options import CheckoutSettings as CheckoutSettings
from pos_app.checkout.poller import Poller
from pos_app.checkout.recorder import Recorder, flags, new_key
from pos_app.checkout.settling import Settler
from pos_app.checkout.tracking import SaleTimer, SaleTracker, Trackers
from pos_app.domain.cart import Cart, CartLine
from pos_app.domain.history import Cause
from pos_app.domain.pricing import Discount
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus
from pos_app.domain.validation import check_chargeable
from pos_app.ledger.amounts import DamagedAmount, UnreadableSale
from pos_app.ledger.store import Ledger, LedgerError
from pos_app.mercadopago import errors as mp
from pos_app.mercadopago.client import MercadoPagoClient
from pos_app.mercadopago.gateway import PaymentGateway

log = logging.getLogger(__name__)


def utcnow() -> datetime:
    return datetime.now(UTC)


class CheckoutEngine:
    def __init__(
        self,
        ledger: Ledger,
        client: MercadoPagoClient,
        settings: CheckoutSettings,
        *,
        bus: EventBus | None = None,
        clock: Callable[[], datetime] = utcnow,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ledger = ledger
        self.client = client
        self._settings = settings
        self.bus = bus or EventBus()
        # The wall clock is for records (and the expiration date sent to Mercado Pago); every
        # timer (poll schedule, our own expiry, grace periods) runs on ``monotonic``, so a wall
        # clock set forward or back an hour while a sale waits neither expires it nor stalls it.
        self.clock = clock
        self.monotonic = monotonic
        self.sleep = sleep
        self.trackers = Trackers()
        self.recorder = Recorder(ledger, self.bus, clock)
        self.box = BoxGateway(client, lambda: self._settings, ledger, self.recorder)
        # Settings and the monotonic clock are read through the engine at each look: Settings
        # replaces them while sales wait (and tests move the clock).
        self.settler = Settler(
            self.box, self.recorder, lambda: self._settings, lambda: self.monotonic()
        )
        self.poller = Poller(self)

    # == public API ============================================================================
    @property
    def settings(self) -> CheckoutSettings:
        return self._settings

    @settings.setter
    def settings(self, settings: CheckoutSettings) -> None:
        self._settings = settings
        self.box.connect(self.client)

    @property
    def gateway(self) -> PaymentGateway:
        """The gateway new sales go through."""
        return self.box.current

    def open_sale(self) -> SaleSnapshot | None:
        """This box's sale waiting for payment (the newest), if any. One whose stored amounts
        cannot be read is set aside (:meth:`Recorder.set_aside`), never returned."""
        sales = self.ledger.open_sales(
            self.settings.box_external_id, set_aside=self.recorder.set_aside
        )
        return sales[-1] if sales else None

    @property
    def unreadable(self) -> list[UnreadableSale]:
        """The sales waiting for payment this run set aside: their amounts cannot be read."""
        return list(self.recorder.unreadable.values())

    def replace_client(self, client: MercadoPagoClient) -> None:
        """New credentials (Settings): tracking goes on with them at its next step."""
        self.client = client
        self.box.connect(client)
        self.poller.wake_all()

    async def charge(
        self,
        lines: Sequence[CartLine],
        *,
        replace_pending: bool = False,
        sale_discount: Discount | None = None,
    ) -> SaleSnapshot:
        """Write the sale, send its order to the box and start tracking it."""
        s = self.settings
        if s.user_id is None or not s.store_external_id or not s.box_external_id:
            raise NotConfiguredError()
        cart = Cart(s.site)
        for line in lines:
            cart.add(line)
        cart.sale_discount = sale_discount
        total = cart.total()
        check_chargeable(total, len(cart), s.site, s.max_total)
        # A waiting sale that cannot be read keeps nothing busy: it is never sent again, and
        # this sale's order takes the box (a customer who scanned it already is found by the
        # day's reconciliation).
        for previous in self.ledger.open_sales(
            s.box_external_id, set_aside=self.recorder.set_aside
        ):
            if not replace_pending:
                raise BoxBusyError(previous)
            ended = await self.cancel(previous.external_reference)
            if ended.is_open:
                raise BoxBusyError(ended)
        mono = self.monotonic()
        sale = self.recorder.create(s, cart, api=self.gateway.api)
        ref = sale.external_reference
        tracker = self.trackers(ref)
        tracker.timer = SaleTimer(mono, mono + s.ttl.total_seconds())
        async with tracker.lock:
            try:
                sale = await self.box.send(sale, Cause.CHARGE)
            except LedgerError:
                # The order may be on the box, but the ledger cannot record it (disk full, gone
                # read-only): take it off, so nobody pays a sale this till cannot record, and
                # let the cashier hear the ledger's error.
                with contextlib.suppress(mp.MercadoPagoError, LedgerError):
                    await self.box.of(sale).withdraw(
                        sale, self.box.order(sale), sale.cancel_key or new_key()
                    )
                raise
        if sale.is_open:
            self.poller.start(ref)
        else:
            self.trackers.forget(ref)
        return sale

    async def cancel(
        self, external_reference: str | None = None, *, cash: bool = False
    ) -> SaleSnapshot:
        """Remove the order from the box, then make sure no payment slipped through.

        The sale is only shown canceled after two checks (at once and ``cancel_recheck_delay``
        later) found no payment: a customer who was already paying when the cashier pressed
        Esc ends as **paid**, and the cashier is told so.
        """
        sale = self._find(external_reference)
        if not sale.is_open:
            return sale
        ref = sale.external_reference
        async with self.trackers(ref).lock:
            sale = self.require(ref)
            if not sale.is_open:
                return sale
            sale = self.recorder.cancel_requested(sale, cash=cash)
        # The intent is on disk before the box is touched: a till killed from here on finishes
        # this cancel when it starts again (:meth:`resume`).
        sale = await self.confirm_cancel(ref, Cause.CANCEL)
        if sale.is_open:
            # The box could not be cleared, or nobody could confirm that no payment slipped
            # through: never call that canceled (the cashier would take cash from a customer
            # who paid). Tracking retries and ends the sale when Mercado Pago answers.
            self.poller.start(ref)
            problem = self.recorder.problem or mp.transport_error("", timeout=True).msg
            raise CancelNotConfirmedError(sale, str(problem))
        if sale.status is SaleStatus.CANCELED:
            self.poller.start(ref)  # a customer who scanned before may still pay: watch
        return sale

    async def reconcile(
        self,
        external_reference: str,
        cause: str = Cause.RECHECK,
        *,
        hints: Sequence[object] = (),
    ) -> SaleSnapshot:
        """Bring one sale in line with Mercado Pago. Safe to call any number of times."""
        return await self._reconcile(external_reference, Cause(cause), hints)

    async def _reconcile(
        self,
        ref: str,
        cause: Cause,
        hints: Sequence[object] = (),
        *,
        finish_cancel: bool = False,
    ) -> SaleSnapshot:
        tracker = self.trackers(ref)
        async with tracker.lock:
            sale = self.require(ref)
            if sale.status in (SaleStatus.PAID, SaleStatus.FAILED):
                pass
            else:
                try:
                    sale = await self._reconcile_locked(sale, tracker, cause, hints, finish_cancel)
                except mp.AuthenticationError as exc:
                    sale = self.recorder.trouble(sale, Cause.AUTH, exc.msg)
                except mp.MercadoPagoError as exc:
                    # Transient, unreadable, or a refusal of a *look* (a proxy's 400, 407 or
                    # 404 page as much as Mercado Pago's): nothing is known, nothing changes;
                    # the sale stays open with the trouble shown and is looked at again.
                    sale = self.recorder.trouble(sale, Cause.NETWORK, exc.msg)
        if not sale.is_open:
            self.trackers.forget(ref)  # a late look leaves nothing behind either
        return sale

    async def resume(self) -> list[SaleSnapshot]:
        """Start-up: every sale left open by the last run is checked and tracked again; one
        whose stored amounts cannot be read is set aside (never looked at with a wrong amount,
        sent again or shown paid; nothing written), and the others are resumed as usual."""
        resumed = []
        set_aside = self.recorder.set_aside
        for sale in self.ledger.open_sales(set_aside=set_aside):
            if sale.cancel_requested:
                # Killed while a cancel was being confirmed (the box may be empty already):
                # finish it as a live cancel would, or the next charge finds the box "busy".
                sale = await self.confirm_cancel(sale.external_reference, Cause.RESUME)
            else:
                sale = await self.reconcile(sale.external_reference, Cause.RESUME)
            if sale.is_open and self.settings.can_follow(sale):
                self.poller.start(sale.external_reference)
            resumed.append(sale)
        # Canceled in the last run while their orders could still be paid: keep looking.
        recent = self.clock() - self.settings.ttl - self.settings.expiry_grace
        for sale in self.ledger.sales_since(recent, set_aside=set_aside):
            if (
                sale.status is SaleStatus.CANCELED
                and self.settings.can_follow(sale)
                and sale.expires_at is not None
                and sale.expires_at + self.settings.expiry_grace > self.clock()
            ):
                self.poller.start(sale.external_reference)
        return resumed

    async def hint(self, topic: str, resource_id: str) -> SaleSnapshot | None:
        """A notification said something changed. Never believed: fetch, match, reconcile.

        Only a notification whose resource Mercado Pago confirmed *and* that belongs to one of
        our sales counts as "notifications work" (which slows polling down): forged, stale or
        foreign ids, and fetches that fail, must never make the till poll less.
        """
        self.bus.publish(NotificationSeen(topic, resource_id, self.clock()))
        found = await self.box.resolve_hint(topic, resource_id)
        if found is None:
            return None
        ref, fetched = found
        try:
            sale = self.ledger.get_sale(ref)
        except DamagedAmount as exc:
            # Set aside (its amounts cannot be read): the day's reconciliation finds a payment.
            log.warning("notification %s %s of sale %s: %s", topic, resource_id, ref, exc)
            return None
        if sale is None:
            log.info("notification %s %s of an unknown sale", topic, resource_id)
            return None
        # Confirmed by Mercado Pago and about this sale; but only a sale still waiting earns
        # slower polling: a replayed id of an ended sale must not slow the pending one.
        if sale.is_open:
            self.trackers(ref).last_hint = self.monotonic()
        return await self.reconcile(ref, Cause.NOTIFICATION, hints=fetched)

    def notifications_recent(self, ref: str | None = None) -> bool:
        """A confirmed notification about sale ``ref`` (any open sale when None) came within
        the poll schedule's ``hint_window``."""
        window, now = self.settings.poll.hint_window, self.monotonic()
        tracked = list(self.trackers) if ref is None else [self.trackers.get(ref)]
        return any(
            t is not None and t.last_hint is not None and now - t.last_hint < window
            for t in tracked
        )

    async def wait_final(
        self, external_reference: str, timeout: float | None = None
    ) -> SaleSnapshot:
        """Wait until the sale ends (for ``charge --wait``); returns the last snapshot."""
        done = asyncio.Event()

        def listener(event: object) -> None:
            if (
                isinstance(event, SaleChanged)
                and event.sale.external_reference == external_reference
                and not event.sale.is_open
            ):
                done.set()

        unsubscribe = self.bus.subscribe(listener)
        try:
            if self.require(external_reference).is_open:
                await asyncio.wait_for(done.wait(), timeout)
        except TimeoutError:
            pass
        finally:
            unsubscribe()
        return self.require(external_reference)

    async def aclose(self) -> None:
        await self.poller.aclose()

    # == cancel and reconcile =================================================================
    async def confirm_cancel(self, ref: str, cause: Cause) -> SaleSnapshot:
        """A sale with ``cancel_requested``: clear the box and look, look again
        ``cancel_recheck_delay`` later, and only then call it canceled. A payment found wins
        (paid); with trouble the sale stays open and tracking confirms the cancel again.
        The box is cleared once per cancel (one DELETE), not at every look."""
        sale = await self._reconcile(ref, cause)
        if sale.is_open and not sale.trouble:
            await self.sleep(self.settings.cancel_recheck_delay)
            sale = await self._reconcile(ref, Cause.CANCEL, finish_cancel=True)
        return sale

    # == reconciling ===========================================================================
    async def _reconcile_locked(
        self,
        sale: SaleSnapshot,
        tracker: SaleTracker,
        cause: Cause,
        hints: Sequence[object],
        finish_cancel: bool,
    ) -> SaleSnapshot:
        sale = self.box.adopt_hinted_order(sale, hints, cause)  # a lost create's order, notified
        if sale.cancel_requested and sale.is_open and not tracker.box_cleared:
            # Clear the box *before* looking: a payment that lands after this look can only be
            # on a merchant order already scanned, which the cancel's second look catches.
            sale = await self.box.take_away(sale, Cause.CANCEL)
            tracker.box_cleared = True
        verdict = await self.box.read(sale, hints)

        if verdict.paid:
            was_open = sale.is_open
            sale = self.recorder.paid(sale, verdict, cause)
            if was_open:
                await self.box.clear_paid(sale, verdict, cause)
            return sale
        if not sale.is_open:
            return sale  # canceled or expired, and still no payment: nothing to change
        if verdict.order_failed and not sale.cancel_requested:
            # The Orders API order ended failed: nobody can pay it any more (only a created
            # order is on offer). Told now: it waited for our deadline with "the customer can
            # try again" on screen. A cancel under way ends as the cashier asked.
            changes = {**flags(verdict), "failure_reason": order_failed_reason()}
            return self.recorder.transition(
                sale, SaleStatus.FAILED, cause, changes, detail=verdict.order_failed
            )

        left = self.seconds_left(sale)
        expired = left is not None and left <= 0
        if sale.cancel_requested:
            if finish_cancel:  # the cancel's second look found no payment either
                return self.recorder.transition(sale, SaleStatus.CANCELED, cause, flags(verdict))
        elif sale.status is SaleStatus.CREATING:
            sale = await self.settler.settle_creating(sale, tracker, verdict, cause, expired)
            if not sale.is_open:
                return sale
        elif not expired and await self.settler.order_left_the_box(sale, tracker, verdict):
            return self.recorder.transition(
                sale, SaleStatus.EXPIRED, cause, flags(verdict), detail="left the box"
            )
        elif expired:
            offered = await self.box.offered(sale, verdict)
            overdue = -(left or 0.0)
            if offered and overdue < self.settings.expiry_grace.total_seconds():
                pass  # our clock is ahead of Mercado Pago's: the order is still on offer
            else:
                return await self.settler.expire(sale, verdict, cause, offered=offered)
        return self.recorder.looked(sale, verdict, cause)

    # == timing ===============================================================================
    def timer(self, sale: SaleSnapshot) -> SaleTimer:
        return self.trackers(sale.external_reference).clock(sale, self.clock(), self.monotonic())

    def seconds_left(self, sale: SaleSnapshot) -> float | None:
        """Until our own expiry of the sale (negative: overdue), on the monotonic clock."""
        deadline = self.timer(sale).deadline
        return None if deadline is None else deadline - self.monotonic()

    def _find(self, ref: str | None) -> SaleSnapshot:
        if ref:
            return self.require(ref)
        sale = self.open_sale()
        if sale is None:
            raise NothingToCancelError()
        return sale

    def followed(self, ref: str) -> SaleSnapshot | None:
        """The sale being followed, read again; None once its amounts cannot be read (edited
        by hand or damaged while it waited): it is then set aside like one found so at
        start-up (:meth:`Recorder.set_aside`: logged and told once, never written)."""
        aside: list[UnreadableSale] = []

        def set_aside(unreadable: UnreadableSale) -> None:
            aside.append(unreadable)
            self.recorder.set_aside(unreadable)

        sale = self.ledger.get_sale(ref, set_aside=set_aside)
        if sale is None and not aside:
            raise UnknownSaleError(ref)
        return sale

    def require(self, ref: str) -> SaleSnapshot:
        sale = self.ledger.get_sale(ref)
        if sale is None:
            raise UnknownSaleError(ref)
        return sale
