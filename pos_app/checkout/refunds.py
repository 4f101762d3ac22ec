"""Refunding a paid sale (instore v2 payments): checks, write-before-call, confirmation, resume.

:meth:`RefundService.refund` refuses locally, with a clear message and **no request**, a sale
that is not paid, an amount that is zero, negative, has decimals the currency lacks or is more
than what is left (paid minus refunds confirmed or still pending). A cash sale is refunded as
cash: recorded, nothing sent. A QR sale is refunded on its approved payments, first to last,
each part as its own refund row written to the ledger with its own idempotency key **before**
the request; Mercado Pago's confirmation settles it ``refunded``, its refusal ``refused`` (with
the reason in plain words). A refund whose answer never came stays ``pending``: it still counts
against what is left, and :meth:`RefundService.resume` (at start-up, or before the next refund
of that sale) first lists the payment's refunds (``GET …/refunds``) and only re-sends, with
the same key, when Mercado Pago has none that matches. So a lost answer, a retry or a crash at
any step never refunds twice, and nothing is ever refunded beyond what was paid.

The engine's charge path is untouched: this service reads sales from the ledger and talks to
the client through the methods of :mod:`pos_app.mercadopago.refunds`.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from pos_app.checkout.errors import CheckoutError, UnknownSaleError
from pos_app.domain.money import Site, format_money, has_valid_decimals, quantize, site_for
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.i18n import QT_TRANSLATE_NOOP, message
from pos_app.ledger.refunds import RefundExceedsError, RefundRecord, RefundStatus, RefundStore
from pos_app.ledger.store import Ledger
from pos_app.mercadopago import errors
from pos_app.mercadopago.client import MercadoPagoClient
from pos_app.mercadopago.refunds import RefundRefusedError

log = logging.getLogger(__name__)

CTX = "Refund"


class RefundNotAllowed(CheckoutError):
    """Refused here, before anything was sent (exit code 2)."""


@dataclass(frozen=True)
class RefundResult:
    sale: SaleSnapshot
    refunds: tuple[RefundRecord, ...]  # the rows this call wrote (and settled)
    all_refunds: tuple[RefundRecord, ...]  # every refund of the sale, after this call
    refunded_amount: Decimal  # confirmed, after this call
    refundable: Decimal  # what is left to refund

    @property
    def ok(self) -> bool:
        return bool(self.refunds) and all(r.status is RefundStatus.REFUNDED for r in self.refunds)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def is_paid(sale: SaleSnapshot) -> bool:
    """Paid with Mercado Pago, or in cash (a QR charge canceled because the customer paid cash
    is recorded ``canceled`` with the cash tender)."""
    if sale.status is SaleStatus.PAID:
        return sale.tender is not None
    return sale.status is SaleStatus.CANCELED and sale.tender is Tender.CASH


class RefundService:
    def __init__(
        self,
        ledger: Ledger,
        client: Callable[[], MercadoPagoClient],
        *,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self.ledger = ledger
        self.store = RefundStore(ledger)
        self._client = client
        self.clock = clock
        self._locks: dict[str, asyncio.Lock] = {}

    # -- reading --------------------------------------------------------------------------------
    def paid_amount(self, sale: SaleSnapshot) -> Decimal:
        """What the customer paid: Mercado Pago's approved amount, or the total in cash."""
        if sale.tender is Tender.CASH:
            return sale.total
        return sale.paid_amount or sale.total

    def refundable(self, sale: SaleSnapshot) -> Decimal:
        if not is_paid(sale):
            return Decimal(0)
        left = self.paid_amount(sale) - self.store.counted_amount(sale.external_reference)
        return max(Decimal(0), left)

    # -- refunding ------------------------------------------------------------------------------
    async def refund(
        self,
        reference: str,
        amount: Decimal | None = None,
        *,
        lines: Sequence[tuple[int, int]] = (),
    ) -> RefundResult:
        """Refund ``amount`` of the sale (``None``: all that is left), or the chosen ``lines``
        as ``(position, quantity)`` pairs (0-based positions; the amount is their total)."""
        lock = self._locks.setdefault(reference, asyncio.Lock())
        async with lock:
            sale = self.ledger.get_sale(reference)
            if sale is None:
                raise UnknownSaleError(reference)
            site = site_for(sale.site_id)
            self._check_paid(sale)
            chosen = tuple(lines)
            if chosen:
                if amount is not None:
                    raise ValueError("an amount or lines, not both")
                amount = self._amount_of_lines(sale, chosen, site)
            if any(r.status is RefundStatus.PENDING for r in self.store.for_sale(reference)):
                await self._resume_sale(sale)  # a lost answer first: never refund twice
            wanted = self._check_amount(sale, amount, site)
            if sale.tender is Tender.CASH:
                row = self._write(sale, wanted, None, Tender.CASH, RefundStatus.REFUNDED, chosen)
                return self._result(sale, (row,))
            return self._result(sale, tuple(await self._refund_qr(sale, wanted, chosen)))

    def refunded_quantities(self, reference: str) -> dict[int, int]:
        """Line position → quantity already given back (refunds not refused)."""
        out: dict[int, int] = {}
        for record in self.store.for_sale(reference):
            if record.status.counts:
                for position, quantity in record.lines:
                    out[position] = out.get(position, 0) + quantity
        return out

    def _amount_of_lines(
        self, sale: SaleSnapshot, chosen: tuple[tuple[int, int], ...], site: Site
    ) -> Decimal:
        done = self.refunded_quantities(sale.external_reference)
        total = Decimal(0)
        seen: set[int] = set()
        for position, quantity in chosen:
            if position in seen or not 0 <= position < len(sale.lines):
                raise RefundNotAllowed(
                    message(
                        CTX,
                        QT_TRANSLATE_NOOP("Refund", "The sale has no line {line}."),
                        line=position + 1,
                    )
                )
            seen.add(position)
            line = sale.lines[position]
            left = line.quantity - done.get(position, 0)
            if quantity <= 0 or quantity > left:
                raise RefundNotAllowed(
                    message(
                        CTX,
                        QT_TRANSLATE_NOOP(
                            "Refund", "Line {line} ({title}): {left} left to give back."
                        ),
                        line=position + 1,
                        title=line.title,
                        left=left,
                    )
                )
            total += line.unit_price * quantity
        return quantize(total, site)

    def _check_paid(self, sale: SaleSnapshot) -> None:
        if not is_paid(sale):
            raise RefundNotAllowed(
                message(
                    CTX,
                    QT_TRANSLATE_NOOP(
                        "Refund", "Sale {reference} is not paid: there is nothing to refund."
                    ),
                    reference=sale.external_reference,
                )
            )

    def _check_amount(self, sale: SaleSnapshot, amount: Decimal | None, site: Site) -> Decimal:
        left = self.refundable(sale)
        if amount is not None:
            if not amount.is_finite() or amount <= 0:
                raise RefundNotAllowed(
                    message(
                        CTX,
                        QT_TRANSLATE_NOOP(
                            "Refund", "The amount to refund must be greater than zero."
                        ),
                    )
                )
            if not has_valid_decimals(amount, site):
                raise RefundNotAllowed(
                    message(
                        CTX,
                        QT_TRANSLATE_NOOP(
                            "Refund", "{currency} amounts have {decimals} decimals: {amount}."
                        ),
                        currency=site.currency,
                        decimals=site.decimals,
                        amount=str(amount),
                    )
                )
        if left <= 0:
            raise RefundNotAllowed(
                message(
                    CTX,
                    QT_TRANSLATE_NOOP("Refund", "Sale {reference} has already been refunded."),
                    reference=sale.external_reference,
                )
            )
        if amount is not None and amount > left:
            raise RefundNotAllowed(
                message(
                    CTX,
                    QT_TRANSLATE_NOOP(
                        "Refund",
                        "{amount} is more than what is left to refund on this sale ({left}).",
                    ),
                    amount=format_money(amount, site),
                    left=format_money(left, site),
                )
            )
        return left if amount is None else amount

    def _write(
        self,
        sale: SaleSnapshot,
        amount: Decimal,
        payment_id: int | None,
        tender: Tender,
        status: RefundStatus = RefundStatus.PENDING,
        lines: tuple[tuple[int, int], ...] = (),
    ) -> RefundRecord:
        # Unique per logical refund, stored before the call and reused on every retry.
        key = f"refund-{sale.external_reference}-{secrets.token_hex(8)}"
        try:
            return self.store.add(
                sale.external_reference,
                key=key,
                amount=amount,
                tender=tender,
                payment_id=payment_id,
                now=self.clock(),
                limit=self.paid_amount(sale),
                status=status,
                lines=lines,
            )
        except RefundExceedsError:  # another window or till got there first
            raise RefundNotAllowed(
                message(
                    CTX,
                    QT_TRANSLATE_NOOP(
                        "Refund", "{amount} is more than what is left to refund on this sale."
                    ),
                    amount=format_money(amount, site_for(sale.site_id)),
                )
            ) from None

    async def _refund_qr(
        self, sale: SaleSnapshot, wanted: Decimal, lines: tuple[tuple[int, int], ...] = ()
    ) -> list[RefundRecord]:
        site = site_for(sale.site_id)
        client = self._client()
        # Split over the approved payments by what each has left (reading only: safe to retry).
        parts: list[tuple[int, Decimal]] = []
        left = wanted
        for payment_id in sale.payment_ids:
            if left <= 0:
                break
            if len(sale.payment_ids) == 1:
                paid = self.paid_amount(sale)  # the usual sale: one payment, all of it
            else:  # several (partial payments): how much each one was
                info = await client.get_payment(payment_id)
                if info.status not in ("approved", "refunded"):
                    continue
                paid = info.transaction_amount
            take = min(left, self._left_on_payment(sale, payment_id, paid))
            if take > 0:
                parts.append((payment_id, take))
                left -= take
        if left > 0:
            raise RefundNotAllowed(
                message(
                    CTX,
                    QT_TRANSLATE_NOOP(
                        "Refund",
                        "Mercado Pago shows less left to refund on this sale's payments than "
                        "{amount}.",
                    ),
                    amount=format_money(wanted, site),
                )
            )
        # The chosen lines go with the first part (they describe the refund as a whole).
        rows = [
            self._write(sale, take, pid, Tender.QR, lines=lines if i == 0 else ())
            for i, (pid, take) in enumerate(parts)
        ]
        done: list[RefundRecord] = []
        for row in rows:
            done.append(await self._send(row, site))
        return done

    def _left_on_payment(self, sale: SaleSnapshot, payment_id: int, paid: Decimal) -> Decimal:
        counted = sum(
            (
                r.amount
                for r in self.store.for_sale(sale.external_reference)
                if r.payment_id == payment_id and r.status.counts
            ),
            Decimal(0),
        )
        return max(Decimal(0), paid - counted)

    async def _send(self, row: RefundRecord, site: Site) -> RefundRecord:
        """Ask Mercado Pago for a written refund; settle it on a clear answer only."""
        assert row.payment_id is not None
        try:
            got = await self._client().refund_payment(
                row.payment_id, row.amount, idempotency_key=row.idempotency_key, site=site
            )
        except RefundRefusedError as exc:
            log.warning("refund %s refused: %s %s", row.idempotency_key, exc.key, exc.causes)
            return self.store.settle(
                row.id, RefundStatus.REFUSED, now=self.clock(), reason=str(exc.reason)
            )
        except errors.MercadoPagoError as exc:
            # No answer (or a failure we cannot read): it may have happened. Stays pending,
            # counted against what is left, and checked before anything is sent again.
            log.warning("refund %s unconfirmed: %s", row.idempotency_key, type(exc).__name__)
            return row
        return self.store.settle(
            row.id, RefundStatus.REFUNDED, now=self.clock(), mp_refund_id=str(got.id)
        )

    # -- resuming -------------------------------------------------------------------------------
    async def resume(self) -> list[RefundRecord]:
        """Settle every refund left pending (start-up, or ``pos-app refund`` on any sale)."""
        settled: list[RefundRecord] = []
        references = dict.fromkeys(r.reference for r in self.store.pending())
        for reference in references:
            sale = self.ledger.get_sale(reference)
            if sale is not None:
                settled += await self._resume_sale(sale)
        return settled

    async def _resume_sale(self, sale: SaleSnapshot) -> list[RefundRecord]:
        site = site_for(sale.site_id)
        out: list[RefundRecord] = []
        for row in self.store.for_sale(sale.external_reference):
            if row.status is not RefundStatus.PENDING or row.payment_id is None:
                continue
            try:
                found = await self._client().list_refunds(row.payment_id)
            except errors.MercadoPagoError as exc:
                log.warning("cannot check refund %s: %s", row.idempotency_key, type(exc).__name__)
                out.append(row)
                continue
            known = {
                r.mp_refund_id
                for r in self.store.for_sale(sale.external_reference)
                if r.mp_refund_id
            }
            match = next(
                (
                    r
                    for r in found
                    if str(r.id) not in known and r.amount == row.amount and r.status == "approved"
                ),
                None,
            )
            if match is not None:
                out.append(
                    self.store.settle(
                        row.id, RefundStatus.REFUNDED, now=self.clock(), mp_refund_id=str(match.id)
                    )
                )
            else:  # never made (or its key expired): the same key again, never a new one
                out.append(await self._send(row, site))
        return out

    def _result(self, sale: SaleSnapshot, rows: tuple[RefundRecord, ...]) -> RefundResult:
        fresh = self.ledger.get_sale(sale.external_reference) or sale
        every = tuple(self.store.for_sale(sale.external_reference))
        settled = {r.id: r for r in every}
        return RefundResult(
            sale=fresh,
            refunds=tuple(settled.get(r.id, r) for r in rows),
            all_refunds=every,
            refunded_amount=self.store.refunded_amount(sale.external_reference),
            refundable=self.refundable(fresh),
        )
