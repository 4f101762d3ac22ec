"""The box gateway: a sale's order sent, read, looked for and taken away.

Always through the API that started the sale and at the sale's own account, store and box
(recorded with it): a sale made before Settings moved the till to another box is finished on
the box it was made on. Each idempotency key is on disk before its request goes out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from pos_app.checkout.options import CheckoutSettings
from pos_app.checkout.recorder import Recorder, new_key
from pos_app.domain.cart import Cart
from pos_app.domain.history import Cause, HistoryKind
from pos_app.domain.order_lines import order_lines
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus
from pos_app.ledger.store import Ledger
from pos_app.mercadopago import errors as mp
from pos_app.mercadopago.client import MercadoPagoClient
from pos_app.mercadopago.gateway import PaymentGateway, Where, make_gateways
from pos_app.mercadopago.models import BoxOrderRequest, OrderItem, QrOrder
from pos_app.mercadopago.verdict import Verdict

log = logging.getLogger(__name__)


class BoxGateway:
    def __init__(
        self,
        client: MercadoPagoClient,
        settings: Callable[[], CheckoutSettings],
        ledger: Ledger,
        recorder: Recorder,
    ) -> None:
        self._settings = settings
        self.ledger = ledger
        self.recorder = recorder
        self.connect(client)

    def connect(self, client: MercadoPagoClient) -> None:
        """(Re)build both APIs' gateways on ``client`` and the current settings."""
        s = self._settings()
        where = Where(s.user_id or 0, s.store_external_id, s.site, s.qr_mode)
        self.gateways = make_gateways(client, where)

    @property
    def current(self) -> PaymentGateway:
        """The gateway new sales go through."""
        return self.gateways.get(self._settings().api) or self.gateways["instore"]

    def of(self, sale: SaleSnapshot) -> PaymentGateway:
        """A sale is finished by the API that started it."""
        return self.gateways.get(sale.api) or self.current

    def order(self, sale: SaleSnapshot) -> BoxOrderRequest:
        """The order the customer sees; measured lines and discounts become exact items."""
        s = self._settings()
        cart = Cart(s.site)
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
        assert sale.expires_at is not None
        return BoxOrderRequest(
            external_reference=sale.external_reference,
            title=self.ledger.sale_title(sale.external_reference),
            description=f"{sum(line.quantity for line in sale.lines)} items",
            total_amount=sale.total,
            items=items,
            expiration_date=sale.expires_at,
            notification_url=s.notification_url,
            iva_total=sale.iva_total,
        )

    async def send(self, sale: SaleSnapshot, cause: Cause) -> SaleSnapshot:
        """Offer the order (the sale's lock held). Same reference, same key: resending is safe."""
        # Sales written before keys were stored get the key their order was sent with then.
        key = sale.create_key or f"{sale.external_reference}-order"
        try:
            sent = await self.of(sale).send(sale, self.order(sale), key)
        except (mp.RejectedError, mp.NotFoundError, mp.AuthenticationError) as exc:
            # Refused: nothing exists on the box, nothing can be charged.
            if isinstance(exc, mp.AuthenticationError):
                self.recorder.set_online(False, exc.msg, auth=True)
            else:  # a refusal is an answer: the status bar said "not contacted yet" beside it
                self.recorder.set_online(True)
            failed = {"failure_reason": exc.msg, "trouble": "", "trouble_since": None}
            return self.recorder.transition(sale, SaleStatus.FAILED, cause, failed, detail=exc.key)
        except mp.MercadoPagoError as exc:
            if not (exc.transient or isinstance(exc, mp.UnexpectedResponseError)):
                raise
            # Unknown outcome: the order may or may not be on the box. Tracking finds out.
            return self.recorder.trouble(sale, Cause.NETWORK, exc.msg)
        self.recorder.set_online(True)
        changes: dict[str, Any] = {"trouble": "", "trouble_since": None}
        if sent.order_id:
            changes.update(order_id=sent.order_id, qr_data=sent.qr_data)
        return self.recorder.transition(sale, SaleStatus.PENDING, cause, changes)

    async def take_away(self, sale: SaleSnapshot, cause: Cause) -> SaleSnapshot:
        """Clear the sale's order from its box (or cancel its Orders API order). Returns the
        sale as it is now: with the Orders API order's id when the cancel had to get it back
        (its create's answer was lost), so the looks that follow read that order."""
        if not sale.cancel_key:
            key = {"cancel_key": new_key()}
            sale = self.recorder.update(sale, key, kind=HistoryKind.KEY, cause=cause)
        found = await self.of(sale).withdraw(sale, self.order(sale), sale.cancel_key)
        if found and not sale.order_id:
            sale = self.recorder.update(
                sale, {"order_id": found}, kind=HistoryKind.CHECKED, cause=cause
            )
        self.recorder.note(sale, HistoryKind.BOX_CLEARED, cause)
        return sale

    def adopt_hinted_order(
        self, sale: SaleSnapshot, hints: Sequence[object], cause: Cause
    ) -> SaleSnapshot:
        """An Orders API sale whose create's answer was lost (no order id recorded) and a
        notification's order, fetched from Mercado Pago by its id, with the sale's external
        reference: that is the sale's order (references are the sale's own, and only our
        account's orders can be read). Its id is recorded, so this look and every later one
        read it; the hint was ignored and the sale waited for the create to be sent again."""
        if sale.api != "orders" or sale.order_id:
            return sale
        for hint in hints:
            if (
                isinstance(hint, QrOrder)
                and hint.id.startswith("ORD")
                and hint.external_reference == sale.external_reference
            ):
                changes = {"order_id": hint.id, "qr_data": hint.qr_data or sale.qr_data}
                return self.recorder.update(sale, changes, kind=HistoryKind.CHECKED, cause=cause)
        return sale

    async def read(self, sale: SaleSnapshot, hints: Sequence[object] = ()) -> Verdict:
        verdict = await self.of(sale).read(sale, hints)
        self.recorder.set_online(True)
        return verdict

    async def offered(self, sale: SaleSnapshot, verdict: Verdict) -> bool:
        """Can the customer still pay this sale's order? The answer just read says so for the
        Orders API; instore v2 must look at the box."""
        if verdict.offered is not None:
            return verdict.offered
        return await self.of(sale).on_offer(sale)

    async def clear_paid(self, sale: SaleSnapshot, verdict: Verdict, cause: Cause) -> None:
        """Paying takes the order off the box, but a copy sent again (after a lost answer or a
        restart, while the search index lagged) may still be offered there: never let anyone
        pay a paid sale twice. Best effort: the sale is paid whatever happens here."""
        try:
            if await self.offered(sale, verdict):
                await self.take_away(sale, cause)
        except mp.MercadoPagoError as exc:
            ref = sale.external_reference
            log.warning("could not check the box after %s was paid: %s", ref, exc)

    async def resolve_hint(
        self, topic: str, resource_id: str
    ) -> tuple[str, Sequence[object]] | None:
        """A notification's resource, fetched by whichever API knows the topic."""
        for gateway in self.gateways.values():
            found = await gateway.resolve_hint(topic, resource_id)
            if found is not None:
                return found
        return None
