"""The checkout engine: send the order to the box, learn the result, cancel, resume.

Everything that can change a sale goes through :meth:`CheckoutEngine.reconcile`, under a per-sale
lock: the poller, notification hints, cancel and the start-up resume. The ledger is written
before Mercado Pago is called and before anyone is told, so a crash at any point leaves enough on
disk to carry on. A sale is only ever shown paid when a merchant order says ``closed`` with
approved payments covering its total.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from pos_app.checkout.errors import (
    BoxBusyError,
    CancelNotConfirmedError,
    NotConfiguredError,
    NothingToCancelError,
    UnknownSaleError,
)
from pos_app.checkout.events import ConnectionChanged, EventBus, NotificationSeen, SaleChanged
from pos_app.checkout.verdict import Verdict
from pos_app.domain.cart import Cart, CartLine
from pos_app.domain.money import Site
from pos_app.domain.order_lines import order_lines
from pos_app.domain.pricing import Discount
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus, Tender, can_transition
from pos_app.domain.validation import MAX_ORDER_TITLE, check_chargeable, clean_text
from pos_app.i18n import QT_TRANSLATE_NOOP, Message, message
from pos_app.ledger.store import Ledger, LedgerError
from pos_app.mercadopago import errors as mp
from pos_app.mercadopago.client import MercadoPagoClient
from pos_app.mercadopago.gateway import PaymentGateway, Where, make_gateways
from pos_app.mercadopago.models import BoxOrderRequest, OrderItem
from pos_app.settings.config import PollSchedule

log = logging.getLogger(__name__)
CTX = "Checkout"


def utcnow() -> datetime:
    return datetime.now(UTC)


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
    # How often a pending sale nobody has scanned checks that its order is still on the box.
    box_check_interval: float = 20.0
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


@dataclass
class _SaleTimer:
    """One sale's clock on the monotonic clock: anchored to the wall clock once, when the
    sale is written (or first seen after a restart), never again."""

    started: float  # monotonic time of the sale's ``created_at``
    deadline: float | None  # monotonic time of its ``expires_at``


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
        self._gateways = self._make_gateways()
        self.bus = bus or EventBus()
        # The wall clock is for records (and the expiration date sent to Mercado Pago); every
        # timer (poll schedule, our own expiry, grace periods) runs on ``monotonic``, so a wall
        # clock set forward or back an hour while a sale waits neither expires it nor stalls it.
        self.clock = clock
        self.monotonic = monotonic
        self._sleep = sleep
        self._timers: dict[str, _SaleTimer] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self._trackers: dict[str, asyncio.Task[None]] = {}
        self._wakeups: dict[str, asyncio.Event] = {}
        # When a confirmed notification about each *open* sale last came: only these may slow
        # that sale's polling (a replayed id of an ended or another sale never does).
        self._last_hint: dict[str, float] = {}
        self._online: bool | None = None
        self._problem: Message | None = None  # the last reason Mercado Pago was unreachable
        self._closed = False
        self._box_checked: dict[str, float] = {}
        self._box_missing: dict[str, int] = {}
        self._unsure_since: dict[str, float] = {}

    # == public API ============================================================================
    @property
    def settings(self) -> CheckoutSettings:
        return self._settings

    @settings.setter
    def settings(self, settings: CheckoutSettings) -> None:
        self._settings = settings
        self._gateways = self._make_gateways()

    def _make_gateways(self) -> dict[str, PaymentGateway]:
        s = self._settings
        where = Where(s.user_id or 0, s.store_external_id, s.site, s.qr_mode)
        return make_gateways(self.client, where)

    @property
    def gateway(self) -> PaymentGateway:
        """The gateway new sales go through."""
        return self._gateways.get(self.settings.api) or self._gateways["instore"]

    def _gateway(self, sale: SaleSnapshot) -> PaymentGateway:
        """A sale is finished by the API that started it."""
        return self._gateways.get(sale.api) or self.gateway

    def open_sale(self) -> SaleSnapshot | None:
        sales = self.ledger.open_sales(self.settings.box_external_id)
        return sales[-1] if sales else None

    def replace_client(self, client: MercadoPagoClient) -> None:
        """New credentials (Settings): tracking goes on with them at its next step."""
        self.client = client
        self._gateways = self._make_gateways()
        for wake in self._wakeups.values():
            wake.set()

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
        for previous in self.ledger.open_sales(s.box_external_id):
            if not replace_pending:
                raise BoxBusyError(previous)
            ended = await self.cancel(previous.external_reference)
            if ended.is_open:
                raise BoxBusyError(ended)
        now, mono = self.clock(), self.monotonic()
        sale = self.ledger.create_sale(
            user_id=s.user_id,
            store_external_id=s.store_external_id,
            box_external_id=s.box_external_id,
            site=s.site,
            title=clean_text(s.order_title)[:MAX_ORDER_TITLE].rstrip() or s.box_external_id,
            lines=cart.lines,
            total=total,
            iva_total=cart.iva_total() if s.site.reports_iva else None,
            now=now,
            expires_at=now + s.ttl,
            sale_discount=sale_discount,
            api=self.gateway.api,
            create_key=new_key(),
            cancel_key=new_key(),
        )
        self._timers[sale.external_reference] = _SaleTimer(mono, mono + s.ttl.total_seconds())
        self._publish(sale, None, "charge")
        async with self._lock(sale.external_reference):
            try:
                sale = await self._send_order(sale, "charge")
            except LedgerError:
                # The order may be on the box, but the ledger cannot record it (disk full, gone
                # read-only): take it off, so nobody pays a sale this till cannot record, and
                # let the cashier hear the ledger's error.
                with contextlib.suppress(mp.MercadoPagoError, LedgerError):
                    await self._gateway(sale).withdraw(
                        sale, self._order_request(sale), sale.cancel_key or new_key()
                    )
                raise
        if sale.is_open:
            self._start_tracking(sale.external_reference)
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
        async with self._lock(sale.external_reference):
            sale = self._require(sale.external_reference)
            if not sale.is_open:
                return sale
            changes: dict[str, Any] = {"cancel_requested": True}
            if not sale.cancel_key:
                changes["cancel_key"] = new_key()  # on disk before the cancel is sent
            if cash:
                changes["tender"] = Tender.CASH
            sale = self._update(
                sale,
                changes,
                kind="cancel_requested",
                cause="cancel",
                detail="cash" if cash else "",
            )
        # The intent is on disk before the box is touched: a till killed from here on finishes
        # this cancel when it starts again (:meth:`resume`).
        ref = sale.external_reference
        sale = await self._confirm_cancel(ref, "cancel")
        if sale.is_open:
            # The box could not be cleared, or nobody could confirm that no payment slipped
            # through: never call that canceled (the cashier would take cash from a customer
            # who paid). Tracking retries and ends the sale when Mercado Pago answers.
            self._start_tracking(ref)
            problem = self._problem or mp.transport_error("", timeout=True).msg
            raise CancelNotConfirmedError(sale, str(problem))
        if sale.status is SaleStatus.CANCELED:
            self._start_tracking(ref)  # a customer who scanned before may still pay: watch
        return sale

    async def reconcile(
        self,
        external_reference: str,
        cause: str = "recheck",
        *,
        hints: Sequence[object] = (),
    ) -> SaleSnapshot:
        """Bring one sale in line with Mercado Pago. Safe to call any number of times."""
        async with self._lock(external_reference):
            sale = self._require(external_reference)
            if sale.status in (SaleStatus.PAID, SaleStatus.FAILED):
                return sale
            try:
                return await self._reconcile_locked(sale, cause, hints)
            except mp.AuthenticationError as exc:
                return self._trouble(sale, "auth", exc.msg)
            except mp.MercadoPagoError as exc:
                if exc.transient or isinstance(exc, mp.UnexpectedResponseError):
                    return self._trouble(sale, "network", exc.msg)
                raise

    async def resume(self) -> list[SaleSnapshot]:
        """Start-up: every sale left open by the last run is checked and tracked again."""
        resumed = []
        for sale in self.ledger.open_sales():
            if sale.cancel_requested:
                # Killed while a cancel was being confirmed (the box may be empty already):
                # finish it as a live cancel would, or the next charge finds the box "busy".
                sale = await self._confirm_cancel(sale.external_reference, "resume")
            else:
                sale = await self.reconcile(sale.external_reference, "resume")
            if sale.is_open and sale.box_external_id == self.settings.box_external_id:
                self._start_tracking(sale.external_reference)
            resumed.append(sale)
        # Canceled in the last run while their orders could still be paid: keep looking.
        recent = self.clock() - self.settings.ttl - self.settings.expiry_grace
        for sale in self.ledger.sales_since(recent):
            if (
                sale.status is SaleStatus.CANCELED
                and sale.box_external_id == self.settings.box_external_id
                and sale.expires_at is not None
                and sale.expires_at + self.settings.expiry_grace > self.clock()
            ):
                self._start_tracking(sale.external_reference)
        return resumed

    async def hint(self, topic: str, resource_id: str) -> SaleSnapshot | None:
        """A notification said something changed. Never believed: fetch, match, reconcile.

        Only a notification whose resource Mercado Pago confirmed *and* that belongs to one of
        our sales counts as "notifications work" (which slows polling down): forged, stale or
        foreign ids, and fetches that fail, must never make the till poll less.
        """
        self.bus.publish(NotificationSeen(topic, resource_id, self.clock()))
        found = None
        for gateway in self._gateways.values():
            found = await gateway.resolve_hint(topic, resource_id)
            if found is not None:
                break
        if found is None:
            return None
        ref, fetched = found
        sale = self.ledger.get_sale(ref)
        if sale is None:
            log.info("notification %s %s of an unknown sale", topic, resource_id)
            return None
        self._note_hint(sale)
        return await self.reconcile(ref, "notification", hints=fetched)

    def _note_hint(self, sale: SaleSnapshot) -> None:
        # Confirmed by Mercado Pago and about this sale; but only a sale still waiting earns
        # slower polling: a replayed id of an ended sale must not slow the pending one.
        if sale.is_open:
            self._last_hint[sale.external_reference] = self.monotonic()

    def notifications_recent(self, ref: str | None = None) -> bool:
        """A confirmed notification about sale ``ref`` (any open sale when None) came within
        the poll schedule's ``hint_window``."""
        window = self.settings.poll.hint_window
        now = self.monotonic()
        if ref is not None:
            last = self._last_hint.get(ref)
            return last is not None and now - last < window
        return any(now - last < window for last in self._last_hint.values())

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
            if self._require(external_reference).is_open:
                await asyncio.wait_for(done.wait(), timeout)
        except TimeoutError:
            pass
        finally:
            unsubscribe()
        return self._require(external_reference)

    async def aclose(self) -> None:
        self._closed = True
        tasks = list(self._trackers.values())
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._trackers.clear()

    # == sending ===============================================================================
    def _order_request(self, sale: SaleSnapshot) -> BoxOrderRequest:
        # Measured lines and discounts become exact items in one pure function.
        cart = Cart(self.settings.site)
        cart.restore(list(sale.lines))
        cart.sale_discount = sale.sale_discount
        items = [
            OrderItem(
                title=item.title,
                unit_price=item.unit_price,
                quantity=item.quantity,
                unit_measure=item.unit_measure,
                sku_number=item.sku,
                category=item.category,
            )
            for item in order_lines(cart)
        ]
        count = sum(line.quantity for line in sale.lines)
        assert sale.expires_at is not None
        return BoxOrderRequest(
            external_reference=sale.external_reference,
            title=self.ledger.sale_title(sale.external_reference),
            description=f"{count} items",
            total_amount=sale.total,
            items=items,
            expiration_date=sale.expires_at,
            notification_url=self.settings.notification_url,
            iva_total=sale.iva_total,
        )

    async def _send_order(self, sale: SaleSnapshot, cause: str) -> SaleSnapshot:
        """PUT the order (lock held). Same reference = same order, so resending is safe."""
        # Sales written before keys were stored get the key their order was sent with then.
        key = sale.create_key or f"{sale.external_reference}-order"
        try:
            sent = await self._gateway(sale).send(sale, self._order_request(sale), key)
        except (mp.RejectedError, mp.NotFoundError, mp.AuthenticationError) as exc:
            # Refused: nothing exists on the box, nothing can be charged.
            if isinstance(exc, mp.AuthenticationError):
                self._set_online(False, exc.msg, auth=True)
            return self._transition(
                sale,
                SaleStatus.FAILED,
                cause,
                {"failure_reason": exc.msg, "trouble": "", "trouble_since": None},
                detail=exc.key,
            )
        except mp.MercadoPagoError as exc:
            if not (exc.transient or isinstance(exc, mp.UnexpectedResponseError)):
                raise
            # Unknown outcome: the order may or may not be on the box. Tracking finds out.
            return self._trouble(sale, "network", exc.msg)
        self._set_online(True)
        changes: dict[str, Any] = {"trouble": "", "trouble_since": None}
        if sent.order_id:
            changes.update(order_id=sent.order_id, qr_data=sent.qr_data)
        return self._transition(sale, SaleStatus.PENDING, cause, changes)

    async def _delete_from_box(self, sale: SaleSnapshot, cause: str = "cancel") -> None:
        if not sale.cancel_key:
            sale = self._update(sale, {"cancel_key": new_key()}, kind="key", cause=cause)
        await self._gateway(sale).withdraw(sale, self._order_request(sale), sale.cancel_key)
        self.ledger.record_event(
            sale.external_reference, now=self.clock(), kind="box_cleared", cause=cause, detail=""
        )

    async def _confirm_cancel(self, ref: str, cause: str) -> SaleSnapshot:
        """A sale with ``cancel_requested``: clear the box and look (one reconcile), look again
        ``cancel_recheck_delay`` later, then call it canceled. A payment found wins (paid); with
        trouble the sale stays open and tracking finishes the cancel."""
        sale = await self.reconcile(ref, cause)
        if sale.is_open and not sale.trouble:
            await self._sleep(self.settings.cancel_recheck_delay)
            sale = await self.reconcile(ref, "cancel")
        if sale.is_open and not sale.trouble:
            sale = await self._finish_cancel(ref)
        return sale

    async def _finish_cancel(self, ref: str) -> SaleSnapshot:
        async with self._lock(ref):
            sale = self._require(ref)
            if not sale.is_open:
                return sale
            return self._transition(sale, SaleStatus.CANCELED, "cancel", {})

    # == reconciling ===========================================================================
    async def _reconcile_locked(
        self, sale: SaleSnapshot, cause: str, hints: Sequence[object]
    ) -> SaleSnapshot:
        if sale.cancel_requested and sale.is_open:
            # Clear the box *before* looking: a payment that lands after this look can only be
            # on a merchant order already scanned, which the cancel's second look catches.
            await self._delete_from_box(sale)
        verdict = await self._gateway(sale).read(sale, hints)
        self._set_online(True)

        if verdict.paid:
            was_open = sale.is_open
            sale = self._mark_paid(sale, verdict, cause)
            if was_open:
                await self._clear_paid_order(sale, verdict, cause)
            return sale
        if not sale.is_open:
            return sale  # canceled or expired, and still no payment: nothing to change

        left = self._seconds_left(sale)
        expired = left is not None and left <= 0
        if sale.cancel_requested:
            pass  # the box was cleared before looking (above)
        elif sale.status is SaleStatus.CREATING:
            sale = await self._settle_creating(sale, verdict, cause, expired)
            if not sale.is_open:
                return sale
        elif not expired and await self._order_left_the_box(sale, verdict):
            return self._transition(
                sale, SaleStatus.EXPIRED, cause, self._flags(verdict), detail="left the box"
            )
        elif expired:
            offered = await self._offered(sale, verdict)
            overdue = -(left or 0.0)
            if offered and overdue < self.settings.expiry_grace.total_seconds():
                pass  # our clock is ahead of Mercado Pago's: the order is still on offer
            else:
                if offered:
                    await self._delete_from_box(sale)
                return self._transition(
                    sale, SaleStatus.EXPIRED, cause, self._flags(verdict), detail="final check"
                )
        return self._update_flags(sale, verdict, cause)

    async def _settle_creating(
        self, sale: SaleSnapshot, verdict: Verdict, cause: str, expired: bool
    ) -> SaleSnapshot:
        """Did the order reach the box? If not, send it (again) unless it is too late.

        "Not on the box and no merchant order found" also describes an order that *did* reach
        the box and was paid a moment ago (payment takes it off the box; the search index lags
        the payment). Sending it again then would offer a paid sale to be paid twice, so the
        order is only re-sent once that picture has held for ``search_lag_allowance``.
        """
        ref = sale.external_reference
        if verdict.seen_by_customer or await self._offered(sale, verdict):
            self._unsure_since.pop(ref, None)
            return self._transition(sale, SaleStatus.PENDING, cause, self._flags(verdict))
        if expired:
            return self._transition(
                sale, SaleStatus.EXPIRED, cause, {}, detail="never reached the box"
            )
        now = self.monotonic()
        since = self._unsure_since.setdefault(ref, now)
        if now - since < self.settings.search_lag_allowance:
            return sale  # look again at the next poll
        self._unsure_since.pop(ref, None)
        return await self._send_order(sale, cause)

    async def _order_left_the_box(self, sale: SaleSnapshot, verdict: Verdict) -> bool:
        """Before our own expiry time: did Mercado Pago end the order anyway?

        Its clock, not ours, decides expiry, and someone may clear the box from elsewhere. Every
        merchant order expired is proof at once; an empty box without any payment must be seen
        twice, ``box_check_interval`` apart, because the search index can lag an approval.
        """
        ref = sale.external_reference
        now = self.monotonic()
        if not verdict.all_expired:
            if verdict.seen_by_customer and not verdict.all_expired:
                self._box_missing.pop(ref, None)
                return False  # someone scanned and the order is open: it is clearly alive
            last = self._box_checked.setdefault(ref, now)
            if now - last < self.settings.box_check_interval:
                return False
        self._box_checked[ref] = now
        if await self._offered(sale, verdict):
            self._box_missing.pop(ref, None)
            return False
        if verdict.all_expired:
            return True
        self._box_missing[ref] = self._box_missing.get(ref, 0) + 1
        return self._box_missing[ref] >= 2

    async def _clear_paid_order(self, sale: SaleSnapshot, verdict: Verdict, cause: str) -> None:
        """Paying takes the order off the box, but a copy sent again (after a lost answer or a
        restart, while the search index lagged) may still be offered there: never let anyone
        pay a paid sale twice. Best effort: the sale is paid whatever happens here."""
        try:
            if await self._offered(sale, verdict):
                await self._delete_from_box(sale, cause)
        except mp.MercadoPagoError as exc:
            ref = sale.external_reference
            log.warning("could not check the box after %s was paid: %s", ref, exc)

    async def _offered(self, sale: SaleSnapshot, verdict: Verdict) -> bool:
        """Can the customer still pay this sale's order? The answer just read says so for the
        Orders API; instore v2 must look at the box."""
        if verdict.offered is not None:
            return verdict.offered
        return await self._gateway(sale).on_offer(sale)

    def _mark_paid(self, sale: SaleSnapshot, verdict: Verdict, cause: str) -> SaleSnapshot:
        changes: dict[str, Any] = {
            "merchant_order_ids": verdict.merchant_order_ids,
            "payment_ids": verdict.approved_payment_ids,
            "order_payment_ids": verdict.payment_refs,
            "paid_amount": verdict.paid_amount,
            "last_attempt_rejected": False,
            "partially_paid": None,
            "trouble": "",
            "trouble_since": None,
        }
        detail = f"merchant orders {list(verdict.merchant_order_ids)}"
        if verdict.paid_orders > 1:
            detail += f"; PAID {verdict.paid_orders} TIMES: refund the extra payments"
        if sale.is_open:
            if sale.tender is not Tender.CASH:
                changes["tender"] = Tender.QR
            else:
                changes["late_payment"] = True
                detail += "; also recorded as cash: refund one"
            return self._transition(sale, SaleStatus.PAID, cause, changes, detail=detail)
        # Canceled or expired, and yet Mercado Pago has a closed, approved order: the customer
        # did pay. The truth wins over what we showed; the cashier must be told loudly.
        changes["late_payment"] = True
        changes["tender"] = Tender.QR
        return self._transition(
            sale,
            SaleStatus.PAID,
            cause,
            changes,
            detail=detail + "; after it was closed here",
            force=True,
        )

    @staticmethod
    def _flags(verdict: Verdict) -> dict[str, Any]:
        return {
            "merchant_order_ids": verdict.merchant_order_ids,
            "last_attempt_rejected": verdict.last_attempt_rejected,
            "partially_paid": verdict.partially_paid,
            "trouble": "",
            "trouble_since": None,
        }

    def _update_flags(self, sale: SaleSnapshot, verdict: Verdict, cause: str) -> SaleSnapshot:
        changes = self._flags(verdict)
        current = {
            "merchant_order_ids": sale.merchant_order_ids,
            "last_attempt_rejected": sale.last_attempt_rejected,
            "partially_paid": sale.partially_paid,
            "trouble": sale.trouble,
            "trouble_since": sale.trouble_since,
        }
        if changes == current:
            return sale  # nothing new: no history line, no event
        kind = (
            "rejected"
            if verdict.last_attempt_rejected and not sale.last_attempt_rejected
            else ("partially_paid" if verdict.partially_paid != sale.partially_paid else "checked")
        )
        updated = self._update(sale, changes, kind=kind, cause=cause)
        self._publish(updated, sale.status, cause)
        return updated

    def _trouble(self, sale: SaleSnapshot, kind: str, problem: Message) -> SaleSnapshot:
        self._set_online(False, problem, auth=kind == "auth")
        if sale.trouble == kind:
            return sale
        changes: dict[str, Any] = {"trouble": kind}
        if sale.trouble_since is None:
            changes["trouble_since"] = self.clock()
        updated = self._update(sale, changes, kind="trouble", cause=kind, detail=str(problem))
        self._publish(updated, sale.status, "trouble")
        return updated

    # == tracking ==============================================================================
    def _start_tracking(self, ref: str) -> None:
        if self._closed or (ref in self._trackers and not self._trackers[ref].done()):
            return
        self._wakeups[ref] = asyncio.Event()
        task = asyncio.get_running_loop().create_task(self._track(ref), name=f"track-{ref}")
        self._trackers[ref] = task
        task.add_done_callback(functools.partial(self._tracker_done, ref))

    def _tracker_done(self, ref: str, task: asyncio.Task[None]) -> None:
        if self._trackers.get(ref) is task:
            del self._trackers[ref]
            self._wakeups.pop(ref, None)
        if not task.cancelled() and task.exception() is not None:
            log.error("tracking %s stopped", ref, exc_info=task.exception())
        elif not task.cancelled():
            self._forget(ref)  # the sale ended: a till selling all day must not grow

    def _forget(self, ref: str) -> None:
        """Drop an ended sale's tracking state; a late hint or recheck rebuilds what it needs."""
        self._timers.pop(ref, None)
        self._box_checked.pop(ref, None)
        self._box_missing.pop(ref, None)
        self._unsure_since.pop(ref, None)
        self._last_hint.pop(ref, None)
        lock = self._locks.get(ref)
        if lock is not None and not lock.locked():
            del self._locks[ref]

    async def _track(self, ref: str) -> None:
        """Poll on the adaptive schedule until the sale ends; never gives up on trouble."""
        failures = 0
        while True:
            sale = self._require(ref)
            if not sale.is_open:
                if sale.status is SaleStatus.CANCELED:
                    await self._watch_canceled(ref)
                return
            elapsed = max(0.0, self.monotonic() - self._timer(sale).started)
            delay = self.settings.poll.interval(elapsed, self.notifications_recent(ref))
            if sale.trouble:
                failures += 1
                delay = max(delay, min(self.settings.trouble_backoff_max, 2.0 ** (failures - 1)))
            else:
                failures = 0
            until_expiry = self._seconds_left(sale)
            if until_expiry is not None and until_expiry > 0:
                # Wake for the final check right after the expiry, not a slow interval later.
                delay = min(delay, until_expiry + 0.5)
            await self._wait(ref, delay)
            try:
                sale = await self.reconcile(ref, "poll")
            except Exception:
                log.exception("reconcile of %s failed", ref)
                sale = self._require(ref)
            if sale.cancel_requested and sale.is_open and not sale.trouble:
                # That look came after the box was cleared; one more a moment later catches a
                # payment already in flight, as :meth:`cancel` does.
                await self._wait(ref, self.settings.cancel_recheck_delay)
                sale = await self.reconcile(ref, "cancel")
                if sale.is_open and not sale.trouble:
                    await self._finish_cancel(ref)

    async def _watch_canceled(self, ref: str) -> None:
        """Look at a canceled sale now and then until its order can no longer be paid.

        Deleting the order from the box does not void a merchant order the customer had
        already scanned: it can be paid until the order expires. Such a payment makes the sale
        paid with the late-payment flag (the cashier is alerted); never silently lost.
        """
        while True:
            sale = self._require(ref)
            left = self._seconds_left(sale)
            if sale.status is not SaleStatus.CANCELED or left is None:
                return
            if left + self.settings.expiry_grace.total_seconds() <= 0:
                return
            await self._wait(ref, self.settings.after_cancel_interval)
            try:
                await self.reconcile(ref, "after cancel")
            except Exception:
                log.exception("looking at canceled sale %s failed", ref)

    def _timer(self, sale: SaleSnapshot) -> _SaleTimer:
        timer = self._timers.get(sale.external_reference)
        if timer is None:
            # First sight in this process (start-up resume): the wall clock is all there is.
            wall, mono = self.clock(), self.monotonic()
            age = max(0.0, (wall - sale.created_at).total_seconds())
            deadline = None
            if sale.expires_at is not None:
                deadline = mono + (sale.expires_at - wall).total_seconds()
            timer = self._timers[sale.external_reference] = _SaleTimer(mono - age, deadline)
        return timer

    def _seconds_left(self, sale: SaleSnapshot) -> float | None:
        """Until our own expiry of the sale (negative: overdue), on the monotonic clock."""
        deadline = self._timer(sale).deadline
        return None if deadline is None else deadline - self.monotonic()

    async def _wait(self, ref: str, delay: float) -> None:
        wake = self._wakeups.get(ref)
        if wake is None:
            await self._sleep(delay)
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(wake.wait(), delay)
        wake.clear()

    # == ledger + events =======================================================================
    def _lock(self, ref: str) -> asyncio.Lock:
        return self._locks.setdefault(ref, asyncio.Lock())

    def _find(self, ref: str | None) -> SaleSnapshot:
        if ref:
            return self._require(ref)
        sale = self.open_sale()
        if sale is None:
            raise NothingToCancelError()
        return sale

    def _require(self, ref: str) -> SaleSnapshot:
        sale = self.ledger.get_sale(ref)
        if sale is None:
            raise UnknownSaleError(ref)
        return sale

    def _update(
        self,
        sale: SaleSnapshot,
        changes: dict[str, Any],
        *,
        kind: str,
        cause: str,
        detail: str = "",
    ) -> SaleSnapshot:
        return self.ledger.update_sale(
            sale.external_reference,
            changes,
            now=self.clock(),
            kind=kind,
            cause=cause,
            detail=detail,
        )

    def _transition(
        self,
        sale: SaleSnapshot,
        new: SaleStatus,
        cause: str,
        changes: dict[str, Any],
        *,
        detail: str = "",
        force: bool = False,
    ) -> SaleSnapshot:
        """Commit a status change, then tell everyone. Refuses to move backwards."""
        if sale.status is new:
            return self._update_flags_raw(sale, changes, cause)
        if not force and not can_transition(sale.status, new):
            log.error(
                "refused transition %s -> %s for %s", sale.status, new, sale.external_reference
            )
            return sale
        updated = self.ledger.update_sale(
            sale.external_reference,
            {**changes, "status": new},
            now=self.clock(),
            kind="status",
            cause=cause,
            detail=detail,
            old_status=sale.status,
            new_status=new,
        )
        log.info("sale %s: %s -> %s (%s)", sale.external_reference, sale.status, new, cause)
        self._publish(updated, sale.status, cause)
        return updated

    def _update_flags_raw(
        self, sale: SaleSnapshot, changes: dict[str, Any], cause: str
    ) -> SaleSnapshot:
        if not changes:
            return sale
        updated = self._update(sale, changes, kind="checked", cause=cause)
        self._publish(updated, sale.status, cause)
        return updated

    def _publish(self, sale: SaleSnapshot, previous: SaleStatus | None, cause: str) -> None:
        self.bus.publish(SaleChanged(sale, previous, cause))

    def _set_online(
        self, online: bool, problem: Message | None = None, *, auth: bool = False
    ) -> None:
        if not online and problem is not None:
            self._problem = problem
        if self._online is online and online:
            return
        self._online = online
        self.bus.publish(ConnectionChanged(online, self.clock(), problem, auth_problem=auth))


def new_key() -> str:
    """An X-Idempotency-Key: made once per write, stored before the write is sent."""
    return uuid.uuid4().hex


def describe(sale: SaleSnapshot) -> Message:
    """One line for a sale's state, for the CLI and logs."""
    if sale.status is SaleStatus.PENDING:
        if sale.trouble:
            return message(
                CTX, QT_TRANSLATE_NOOP("Checkout", "waiting; connection trouble, still trying")
            )
        if sale.last_attempt_rejected:
            return message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "Checkout", "waiting; last attempt rejected, the customer may retry"
                ),
            )
        if sale.partially_paid:
            return message(
                CTX,
                QT_TRANSLATE_NOOP("Checkout", "waiting; partially paid ({amount})"),
                amount=str(sale.partially_paid),
            )
    return message("SaleStatus", sale.status.label)
