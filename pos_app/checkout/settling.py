"""Settling: what a look decides about an open sale it found unpaid, from what the box shows.

The engine's reconcile path reads the sale, records a payment when one is found, and finishes a
confirmed cancel; what is left are the decisions taken against the box, each one weighing a
payment that may have landed unseen (the search index lags it, the box drops a paid order):
an order that never reached the box (send it again, or not yet), an order that left the box
before our own expiry, a sale past its deadline (take it away, look once more, paid wins), and
an Orders API create whose answer was lost. They are one room because they share that rule and
the observations they keep in the sale's tracker; every write still goes through the
:class:`~pos_app.checkout.recorder.Recorder`, under the sale's lock the engine holds.
"""

from __future__ import annotations

from collections.abc import Callable

from pos_app.checkout import cadence
from pos_app.checkout.box import BoxGateway
from pos_app.checkout.options import CheckoutSettings
from pos_app.checkout.recorder import Recorder, flags
from pos_app.checkout.tracking import SaleTracker
from pos_app.domain.history import Cause
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus
from pos_app.mercadopago.verdict import Verdict


class Settler:
    def __init__(
        self,
        box: BoxGateway,
        recorder: Recorder,
        settings: Callable[[], CheckoutSettings],
        monotonic: Callable[[], float],
    ) -> None:
        self.box = box
        self.recorder = recorder
        self._settings = settings
        self.monotonic = monotonic

    async def expire(
        self, sale: SaleSnapshot, verdict: Verdict, cause: Cause, *, offered: bool
    ) -> SaleSnapshot:
        """Past the deadline with no payment seen: an order still on offer is taken away and
        looked at once more, since a payment may have landed since the last look (the Orders
        API then refuses the cancel: the order is processed). Paid wins; else it expires (a
        paid sale shown expired is watched by nothing)."""
        if offered:
            sale = await self.box.take_away(sale, cause)
            verdict = await self.box.read(sale)
            if verdict.paid:
                return await self._paid(sale, verdict, cause)
        return self.recorder.transition(
            sale, SaleStatus.EXPIRED, cause, flags(verdict), detail="final check"
        )

    async def settle_creating(
        self,
        sale: SaleSnapshot,
        tracker: SaleTracker,
        verdict: Verdict,
        cause: Cause,
        expired: bool,
    ) -> SaleSnapshot:
        """Did the order reach the box? If not, send it (again) unless it is too late.

        "Not on the box and no merchant order found" also describes an order that *did* reach
        the box and was paid a moment ago (payment takes it off the box; the search index lags
        the payment). Sending it again then would offer a paid sale to be paid twice, so the
        order is only re-sent once that picture has held for ``search_lag_allowance``.
        """
        if verdict.seen_by_customer or await self.box.offered(sale, verdict):
            tracker.unsure_since = None
            return self.recorder.transition(sale, SaleStatus.PENDING, cause, flags(verdict))
        if expired and sale.api == "orders" and sale.create_key and not sale.order_id:
            return await self._expire_lost_create(sale, cause)
        if expired:
            detail = "never reached the box"
            return self.recorder.transition(sale, SaleStatus.EXPIRED, cause, {}, detail=detail)
        now = self.monotonic()
        if tracker.unsure_since is None:
            tracker.unsure_since = now
        allowance = self._settings().search_lag_allowance
        if not cadence.search_lag_over(
            unsure_since=tracker.unsure_since, now=now, allowance=allowance
        ):
            return sale  # look again at the next poll
        tracker.unsure_since = None
        return await self.box.send(sale, cause)

    async def _expire_lost_create(self, sale: SaleSnapshot, cause: Cause) -> SaleSnapshot:
        """An Orders API sale past its deadline whose create may have been made with the answer
        lost (a crash): reading needs the order's id, which only the same key and body give
        back. The customer may have paid that order meanwhile (instore v2 finds such a payment
        by its reference). Sent again, it is then read: paid wins; otherwise it is taken away
        (a create the key had never made is made now, and canceled at once) and expires."""
        sent = await self.box.send(sale, cause)
        if sent.status is not SaleStatus.PENDING or not sent.order_id:
            return sent  # refused (failed), or no answer: tracking tries again
        verdict = await self.box.read(sent)
        if verdict.paid:
            return await self._paid(sent, verdict, cause)
        return await self.expire(sent, verdict, cause, offered=bool(verdict.offered))

    async def order_left_the_box(
        self, sale: SaleSnapshot, tracker: SaleTracker, verdict: Verdict
    ) -> bool:
        """Before our own expiry time: did Mercado Pago end the order anyway? Its clock, not
        ours, decides expiry, and someone may clear the box from elsewhere."""
        s = self._settings()
        now = self.monotonic()
        if verdict.seen_by_customer and not verdict.all_expired:
            tracker.box_missing = 0
        due = cadence.box_check_due(
            all_expired=verdict.all_expired,
            seen_by_customer=verdict.seen_by_customer,
            last_check=tracker.box_checked,
            now=now,
            interval=s.box_check_interval,
            missing=tracker.box_missing,
            recheck=s.box_recheck_interval,
        )
        if not verdict.seen_by_customer and tracker.box_checked is None:
            tracker.box_checked = now  # the first check comes an interval from now
        if not due:
            return False
        tracker.box_checked = now
        left, tracker.box_missing = cadence.left_the_box(
            offered=await self.box.offered(sale, verdict),
            all_expired=verdict.all_expired,
            missing=tracker.box_missing,
        )
        return left

    async def _paid(self, sale: SaleSnapshot, verdict: Verdict, cause: Cause) -> SaleSnapshot:
        """The last look before expiring found a payment: paid wins, and a copy of the order
        still offered is taken off the box."""
        paid = self.recorder.paid(sale, verdict, cause)
        await self.box.clear_paid(paid, verdict, cause)
        return paid
