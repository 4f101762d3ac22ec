"""Refunding a paid sale (either API): checks, write-before-call, confirmation, resume.

:meth:`RefundService.refund` refuses locally, with a clear message and **no request**, a sale
that is not paid, an amount that is zero, negative, has decimals the currency lacks or is more
than what is left (paid minus refunds confirmed or still pending). A cash sale is refunded as
cash: recorded, nothing sent. A QR sale is refunded on its approved payments, first to last,
each part as its own refund row written to the ledger with its own idempotency key **before**
the request; Mercado Pago's confirmation settles it ``refunded``, its refusal ``refused`` (with
the reason in plain words). A refund whose answer never came stays ``pending``: it still counts
against what is left, and :meth:`RefundService.resume` (at start-up, or before the next refund
of that sale) first asks Mercado Pago (instore v2: the payment's refunds, ``GET …/refunds``;
Orders API: the order, ``GET /v1/orders/{id}``, its payment's refunded amount and status) and
only re-sends, with the same key, when the refund is not there. A sale is refunded by the API
that charged it: ``POST /v1/payments/{id}/refunds``, or ``POST /v1/orders/{id}/refund`` (the
whole order with an empty body, else the order's payment and the amount). So a lost answer,
a retry or a crash at any step never refunds twice, and nothing is ever refunded beyond what
was paid.

The engine's charge path is untouched: this service reads sales from the ledger and talks to
the client through the methods of :mod:`pos_app.mercadopago.refunds`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from collections.abc import AsyncIterator, Callable, Collection, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Protocol

from pos_app.checkout.errors import CheckoutError, UnknownSaleError
from pos_app.domain.money import Site, has_valid_decimals, money_text, quantize, site_for
from pos_app.domain.pricing import MAX_MEASURE, MEASURE_QUANTUM, format_measure
from pos_app.domain.records import (
    SaleSnapshot,
    amount_paid,
    cash_paid,
    counted_elsewhere,
    qr_paid,
)
from pos_app.domain.refund_iva import (
    Given,
    GivenLines,
    example_weight,
    given_amount,
    part_of_charge,
    sold_amount,
)
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.domain.text_fields import REFUND_NOTE, check_text
from pos_app.domain.validation import ValidationError
from pos_app.i18n import QT_TRANSLATE_NOOP, message
from pos_app.ledger.refunds import (
    PART,
    RefundedElsewhereNow,
    RefundElsewhere,
    RefundExceedsError,
    RefundRecord,
    RefundStatus,
    RefundStore,
    StoreUnreachable,
)
from pos_app.ledger.store import Ledger
from pos_app.mercadopago import errors
from pos_app.mercadopago.client import MercadoPagoClient
from pos_app.mercadopago.models import QrOrder, to_api_string
from pos_app.mercadopago.refunds import RefundRefusedError, refusal

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


class HeldSale(Protocol):
    """A sale locked in the store database while this ledger writes its refund
    (:class:`pos_app.store.refund_check.Hold`)."""

    refunds: tuple[RefundElsewhere, ...]  # what other ledgers refunded of it

    async def claim(self, rows: Sequence[RefundRecord]) -> None: ...


class AcrossLedgers(Protocol):
    """The store database's side of a refund's limit (:class:`pos_app.store.refund_check.
    RefundCheck`): ``hold`` raises :class:`StoreUnreachable` when it cannot be asked."""

    def hold(self, reference: str) -> AbstractAsyncContextManager[HeldSale]: ...


class _NotHeld:
    """No store database (or none reachable): this ledger's own refunds only."""

    refunds: tuple[RefundElsewhere, ...] = ()

    async def claim(self, rows: Sequence[RefundRecord]) -> None:
        return None


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
        across: Callable[[], AcrossLedgers | None] | None = None,
    ) -> None:
        """``across``: the store database's check of the sale's refunds in other ledgers, as
        configured now (None: no store database)."""
        self.ledger = ledger
        self.store = RefundStore(ledger)
        self._client = client
        self.clock = clock
        self._across = across
        self._locks: dict[str, asyncio.Lock] = {}
        # One way to refund per API that charged: a sale is refunded by the API that took it.
        self._paths: dict[str, _RefundPath] = {
            "instore": _PaymentsPath(client),
            "orders": _OrdersPath(client),
        }

    # -- reading --------------------------------------------------------------------------------
    def paid_amount(self, sale: SaleSnapshot) -> Decimal:
        return amount_paid(sale)

    def refundable(
        self,
        sale: SaleSnapshot,
        tender: Tender | None = None,
        elsewhere: Sequence[RefundElsewhere] = (),
    ) -> Decimal:
        """What is left to refund of the sale; with ``tender``, of the part paid that way (a
        sale paid both in cash and with Mercado Pago gives each part back the way it came).
        ``elsewhere``: its refunds other ledgers wrote (the store database's), counted too."""
        if not is_paid(sale):
            return Decimal(0)
        records = self.store.for_sale(sale.external_reference)
        keys = {r.idempotency_key for r in records}
        counted = [(r.tender, r.amount) for r in records if r.status.counts]
        counted += [(r.tender, r.amount) for r in elsewhere if r.key not in keys]
        if tender is None:
            paid = self.paid_amount(sale)
        else:
            paid = cash_paid(sale) if tender is Tender.CASH else qr_paid(sale)
            counted = [(way, amount) for way, amount in counted if way is tender]
        return max(Decimal(0), paid - sum((amount for _, amount in counted), Decimal(0)))

    @staticmethod
    def tenders(sale: SaleSnapshot) -> tuple[Tender, ...]:
        """How the sale's money can go back: the way it came (cash, Mercado Pago, or both)."""
        ways = []
        if qr_paid(sale):
            ways.append(Tender.QR)
        if cash_paid(sale):
            ways.append(Tender.CASH)
        return tuple(ways)

    # -- refunding ------------------------------------------------------------------------------
    async def refund(
        self,
        reference: str,
        amount: Decimal | None = None,
        *,
        lines: Sequence[tuple[int, Given]] = (),
        note: str = "",
        tender: Tender | None = None,
    ) -> RefundResult:
        """Refund ``amount`` of the sale (``None``: all that is left), or the chosen ``lines``
        as ``(position, quantity)`` pairs (0-based positions; the amount is their total): units
        of a line sold by the unit, a weight (``Decimal("0.200")``) of a weighed line.
        ``note``: the cashier's reason ("defective"), cleaned and checked like every free text
        (:data:`~pos_app.domain.text_fields.REFUND_NOTE`) and written with each refund row,
        before Mercado Pago is asked; a note too long is refused here, nothing sent.
        ``tender``: how the money goes back, the way it came (:meth:`tenders`); needed only
        for a sale paid both in cash and with Mercado Pago, each part up to what it took."""
        try:
            note = check_text(note, REFUND_NOTE)
        except ValidationError as exc:
            raise RefundNotAllowed(exc.msg) from None
        lock = self._locks.setdefault(reference, asyncio.Lock())
        async with lock:
            sale = self.ledger.get_sale(reference)
            if sale is None:
                raise UnknownSaleError(reference)
            site = site_for(sale.site_id)
            self._check_paid(sale)
            way = self._check_tender(sale, tender)
            chosen = self._chosen(sale, lines)
            if chosen:
                if amount is not None:
                    raise ValueError("an amount or lines, not both")
                amount = self._amount_of_lines(sale, chosen, site)
            if any(r.status is RefundStatus.PENDING for r in self.store.for_sale(reference)):
                await self._resume_sale(sale)  # a lost answer first: never refund twice
            # Refused here first, nothing asked of anyone; a Mercado Pago refund then reads
            # the sale's payments (before the lock below: it is held for the writing only).
            wanted = self._check_amount(sale, amount, site, way)
            payments = await self._qr_payments(sale) if way is Tender.QR else []
            # The sale locked in the store database (when there is one) while the limit is
            # checked and the rows written: what other ledgers refunded of it counts too.
            async with self._held(sale, way) as held:
                wanted = self._check_amount(sale, amount, site, way, held.refunds)
                if way is Tender.CASH:
                    row = self._write(
                        sale,
                        wanted,
                        None,
                        Tender.CASH,
                        RefundStatus.REFUNDED,
                        chosen,
                        note,
                        held.refunds,
                    )
                    await held.claim([row])
                    return self._result(sale, (row,))
                rows = self._write_qr(sale, wanted, payments, chosen, note, held.refunds)
                await held.claim(rows)
            # Mercado Pago is asked outside the lock: it refuses more than a payment has left.
            done = [await self._send(sale, row, site) for row in rows]
            return self._result(sale, tuple(done))

    @contextlib.asynccontextmanager
    async def _held(self, sale: SaleSnapshot, way: Tender) -> AsyncIterator[HeldSale]:
        # On a worker thread: making the check may read the store database's password from
        # the keyring, and in the window this loop is the GUI thread's (an unlock prompt or a
        # slow secret service would freeze it).
        across = await asyncio.to_thread(self._across) if self._across is not None else None
        async with contextlib.AsyncExitStack() as stack:
            held: HeldSale = _NotHeld()
            if across is not None:
                try:
                    held = await stack.enter_async_context(across.hold(sale.external_reference))
                except StoreUnreachable as exc:
                    self._refund_unchecked(sale, way, exc.detail)
                except RefundedElsewhereNow:
                    raise RefundNotAllowed(
                        message(
                            CTX,
                            QT_TRANSLATE_NOOP(
                                "Refund",
                                "Another counter is refunding sale {reference} right now. "
                                "Nothing was given back; try again in a moment.",
                            ),
                            reference=sale.external_reference,
                        )
                    ) from None
            yield held

    def _refund_unchecked(self, sale: SaleSnapshot, way: Tender, detail: str) -> None:
        """The store database cannot be asked: Mercado Pago refunds go on (it refuses more
        than a payment has left, whichever ledger asks), and so does cash of a sale this
        ledger made; cash of one older than a restored backup's identity waits for it (the
        file the backup replaced may have given it back already)."""
        since = self.ledger.identity_since()
        if way is Tender.CASH and since is not None and sale.created_at < since:
            raise RefundNotAllowed(
                message(
                    CTX,
                    QT_TRANSLATE_NOOP(
                        "Refund",
                        "Sale {reference} is older than this counter's restored backup: cash "
                        "given back for it after that backup is known only to the store "
                        "database, which cannot be reached now ({detail}). Nothing was given "
                        "back; try again when it answers.",
                    ),
                    reference=sale.external_reference,
                    detail=detail,
                )
            )
        log.warning(
            "refund of %s checked in this ledger only: the store database: %s",
            sale.external_reference,
            detail,
        )

    def lines_amount(self, sale: SaleSnapshot, lines: Sequence[tuple[int, Given]]) -> Decimal:
        """What giving back ``lines`` (``(position, units or weight)``) would refund now,
        computed as :meth:`refund` computes it (the dialog shows it before the cashier
        refunds); :class:`RefundNotAllowed` when a line has less left."""
        return self._amount_of_lines(sale, self._chosen(sale, lines), site_for(sale.site_id))

    def refunded_quantities(self, reference: str) -> dict[int, Decimal]:
        """Line position → what of it was already given back (refunds not refused): units, or
        a weighed line's weight."""
        sale = self.ledger.get_sale(reference)
        out: dict[int, Decimal] = {}
        for record in self.store.for_sale(reference):
            if record.status.counts:
                for position, quantity in record.lines:
                    if sale is not None and 0 <= position < len(sale.lines):
                        given = given_amount(sale.lines[position], quantity)
                    else:
                        given = Decimal(quantity)
                    out[position] = out.get(position, Decimal(0)) + given
        return out

    def _chosen(self, sale: SaleSnapshot, lines: Sequence[tuple[int, Given]]) -> GivenLines:
        """The chosen lines as they are written: units (``int``) of a line sold by the unit, a
        weight (``Decimal``, three decimals at most) of a weighed line; anything else (0, a
        weight of a unit line, NaN, ``1e309``, a float) refused here, nothing sent."""
        site = site_for(sale.site_id)
        out: list[tuple[int, Given]] = []
        for position, quantity in lines:
            if isinstance(position, bool) or not isinstance(position, int):
                raise ValueError(f"line position {position!r}")
            line = sale.lines[position] if 0 <= position < len(sale.lines) else None
            if line is None:
                out.append((position, quantity))  # refused by _amount_of_lines, naming it
                continue
            good = isinstance(quantity, int | Decimal) and not isinstance(quantity, bool)
            if good and line.measure is not None:
                weight = given_amount(line, quantity)
                # Past any scale (1e309): refused below as more than is left of the line.
                good = (
                    weight.is_finite()
                    and weight > 0
                    and (weight > MAX_MEASURE or weight == weight.quantize(MEASURE_QUANTUM))
                )
                if good:
                    out.append((position, weight))
            elif good:
                good = isinstance(quantity, int) or (
                    quantity.is_finite() and quantity == quantity.to_integral_value()
                )
                if good:
                    out.append((position, int(quantity)))
            if not good:
                raise RefundNotAllowed(
                    message(
                        CTX,
                        QT_TRANSLATE_NOOP(
                            "Refund",
                            "Line {line} ({title}): give back {example}, more than 0 and at "
                            "most what is left of it.",
                        ),
                        line=position + 1,
                        title=line.title,
                        example=format_measure(example_weight(line), line.sale_unit, site)
                        if line.measure is not None
                        else "1",
                    )
                )
        return tuple(out)

    def _amount_of_lines(self, sale: SaleSnapshot, chosen: GivenLines, site: Site) -> Decimal:
        done = self.refunded_quantities(sale.external_reference)
        # What each line was charged (its own discount and its share of the sale's taken off):
        # a discounted line gives back what the customer paid for it, never its list price.
        charged = self.ledger.charged_amounts(sale.external_reference)
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
            # Units, or a weighed line's weight (``0,200`` of ``0,350 kg``).
            sold, before = sold_amount(line), done.get(position, Decimal(0))
            now = given_amount(line, quantity)
            left = max(Decimal(0), sold - before)
            if not now.is_finite() or now <= 0 or now > left:
                raise RefundNotAllowed(
                    message(
                        CTX,
                        QT_TRANSLATE_NOOP(
                            "Refund", "Line {line} ({title}): {left} left to give back."
                        ),
                        line=position + 1,
                        title=line.title,
                        left=format_measure(left, line.sale_unit, site)
                        if line.measure is not None
                        else int(left),
                    )
                )
            if position < len(charged):
                # In proportion to its units or weight, on the running total: all of the line
                # gives back its charge exactly (the price per kg, its own discount and its
                # share of the sale's taken off; the currency's rounding), never more.
                total += part_of_charge(charged[position], sold, before, now, site)
            else:
                total += quantize(line.unit_price * now, site)
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
        if counted_elsewhere(sale) and not cash_paid(sale):
            from pos_app.domain.history_words import counted_on

            where = [
                ref
                for event in self.ledger.sale_events(sale.external_reference)
                for ref in counted_on(event.detail)
            ]
            raise RefundNotAllowed(
                message(
                    CTX,
                    QT_TRANSLATE_NOOP(
                        "Refund",
                        "Sale {reference} has no payment of its own to give back: the customer's "
                        "Mercado Pago payment is in the books as sale {other}. Refund that sale.",
                    ),
                    reference=sale.external_reference,
                    other=", ".join(dict.fromkeys(where)) or "MP-…",
                )
            )

    def _check_tender(self, sale: SaleSnapshot, tender: Tender | None) -> Tender:
        """The way this refund goes back: the sale's only one, or the one asked for."""
        ways = self.tenders(sale)
        if tender is None and len(ways) == 1:
            return ways[0]
        if tender in ways:
            assert tender is not None
            return tender
        if tender is None:
            text = QT_TRANSLATE_NOOP(
                "Refund",
                "Sale {reference} was paid twice, in cash and with Mercado Pago: choose how "
                "to give the money back (in cash, up to {cash}; through Mercado Pago, up to "
                "{qr}).",
            )
        elif tender is Tender.CASH:
            text = QT_TRANSLATE_NOOP(
                "Refund",
                "Sale {reference} was paid with Mercado Pago: it is refunded through Mercado "
                "Pago, not in cash.",
            )
        else:
            text = QT_TRANSLATE_NOOP(
                "Refund",
                "Sale {reference} was paid in cash: it is given back in cash, nothing goes "
                "through Mercado Pago.",
            )
        site = site_for(sale.site_id)
        raise RefundNotAllowed(
            message(
                CTX,
                text,
                reference=sale.external_reference,
                cash=money_text(cash_paid(sale), site),
                qr=money_text(qr_paid(sale), site),
            )
        )

    def _check_amount(
        self,
        sale: SaleSnapshot,
        amount: Decimal | None,
        site: Site,
        tender: Tender,
        elsewhere: Sequence[RefundElsewhere] = (),
    ) -> Decimal:
        # What is left of the part paid that way (of a sale paid one way: all that is left).
        left = self.refundable(sale, tender, elsewhere)
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
        if left <= 0 and (other := self.refundable(sale, None, elsewhere)) > 0:  # the other part
            raise RefundNotAllowed(
                message(
                    CTX,
                    QT_TRANSLATE_NOOP(
                        "Refund",
                        "The cash part of sale {reference} has been given back; {left} is "
                        "left to refund through Mercado Pago.",
                    )
                    if tender is Tender.CASH
                    else QT_TRANSLATE_NOOP(
                        "Refund",
                        "The Mercado Pago part of sale {reference} has been refunded; {left} "
                        "is left to give back in cash.",
                    ),
                    reference=sale.external_reference,
                    left=money_text(other, site),
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
                    amount=money_text(amount, site),
                    left=money_text(left, site),
                )
            )
        return left if amount is None else amount

    def _write(
        self,
        sale: SaleSnapshot,
        amount: Decimal,
        target: Target | None,
        tender: Tender,
        status: RefundStatus = RefundStatus.PENDING,
        lines: GivenLines = (),
        note: str = "",
        elsewhere: Sequence[RefundElsewhere] = (),
        key: str | None = None,
    ) -> RefundRecord:
        # Unique per logical refund, stored before the call and reused on every retry.
        key = key or f"refund-{sale.external_reference}-{secrets.token_hex(8)}"
        try:
            return self.store.add(
                sale.external_reference,
                key=key,
                amount=amount,
                tender=tender,
                payment_id=target if isinstance(target, int) else None,
                order_payment_id=target if isinstance(target, str) else "",
                now=self.clock(),
                limit=self.paid_amount(sale),
                tender_limit=cash_paid(sale) if tender is Tender.CASH else qr_paid(sale),
                status=status,
                lines=lines,
                note=note,
                elsewhere=elsewhere,
            )
        except RefundExceedsError:  # another window or till got there first
            raise RefundNotAllowed(
                message(
                    CTX,
                    QT_TRANSLATE_NOOP(
                        "Refund", "{amount} is more than what is left to refund on this sale."
                    ),
                    amount=money_text(amount, site_for(sale.site_id)),
                )
            ) from None

    async def _qr_payments(self, sale: SaleSnapshot) -> list[tuple[Target, Decimal]]:
        """The sale's payments at Mercado Pago and what each took (reading only)."""
        path = self._paths.get(sale.api)
        if path is None:
            raise RefundNotAllowed(
                message(
                    CTX,
                    QT_TRANSLATE_NOOP(
                        "Refund", "Sale {reference} has nothing to refund at Mercado Pago."
                    ),
                    reference=sale.external_reference,
                )
            )
        return await path.payments(sale)

    def _write_qr(
        self,
        sale: SaleSnapshot,
        wanted: Decimal,
        payments: list[tuple[Target, Decimal]],
        lines: GivenLines = (),
        note: str = "",
        elsewhere: Sequence[RefundElsewhere] = (),
    ) -> list[RefundRecord]:
        """The rows of a Mercado Pago refund, one per payment, written (nothing sent yet)."""
        site = site_for(sale.site_id)
        # Split over the sale's payments by what each has left.
        parts: list[tuple[Target, Decimal]] = []
        left = wanted
        for target, paid in payments:
            if left <= 0:
                break
            take = min(left, self._left_on_target(sale, target, paid))
            if take > 0:
                parts.append((target, take))
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
                    amount=money_text(wanted, site),
                )
            )
        # The chosen lines go with the first part (they describe the refund as a whole); the
        # others' keys name the first's (``<key>-part2``), so their IVA is those lines' too,
        # never the sale's rates in proportion. The note with every part (each ticket says why).
        rows: list[RefundRecord] = []
        for i, (target, take) in enumerate(parts):
            key = f"{rows[0].idempotency_key}{PART}{i + 1}" if rows and lines else None
            rows.append(
                self._write(
                    sale,
                    take,
                    target,
                    Tender.QR,
                    lines=lines if i == 0 else (),
                    note=note,
                    elsewhere=elsewhere,
                    key=key,
                )
            )
        return rows

    def _left_on_target(self, sale: SaleSnapshot, target: Target, paid: Decimal) -> Decimal:
        counted = sum(
            (
                r.amount
                for r in self.store.for_sale(sale.external_reference)
                if _target(r) == target and r.status.counts
            ),
            Decimal(0),
        )
        return max(Decimal(0), paid - counted)

    async def _send(self, sale: SaleSnapshot, row: RefundRecord, site: Site) -> RefundRecord:
        """Ask Mercado Pago for a written refund; settle it on a clear answer only."""
        try:
            known = frozenset(
                r.mp_refund_id
                for r in self.store.for_sale(sale.external_reference)
                if r.mp_refund_id and r.id != row.id
            )
            mp_id = await self._paths[sale.api].send(sale, row, site, known)
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
            row.id, RefundStatus.REFUNDED, now=self.clock(), mp_refund_id=mp_id
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
        path = self._paths.get(sale.api)
        out: list[RefundRecord] = []
        for row in self.store.for_sale(sale.external_reference):
            if row.status is not RefundStatus.PENDING or row.tender is not Tender.QR:
                continue
            if path is None or _target(row) is None:
                continue
            try:
                found = await path.find(sale, row, self.store.for_sale(sale.external_reference))
            except errors.MercadoPagoError as exc:
                log.warning("cannot check refund %s: %s", row.idempotency_key, type(exc).__name__)
                out.append(row)
                continue
            if found is not None:
                out.append(
                    self.store.settle(
                        row.id, RefundStatus.REFUNDED, now=self.clock(), mp_refund_id=found
                    )
                )
            else:  # never made (or its key expired): the same key again, never a new one
                out.append(await self._send(sale, row, site))
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


# -- the two APIs' refund requests ------------------------------------------------------------
Target = int | str  # an instore payment id, or an Orders API order's payment id (PAY…)


def _target(row: RefundRecord) -> Target | None:
    return row.order_payment_id or row.payment_id


class _RefundPath(Protocol):
    async def payments(self, sale: SaleSnapshot) -> list[tuple[Target, Decimal]]:
        """The sale's refundable payments with what each was paid, in refund order."""

    async def send(
        self, sale: SaleSnapshot, row: RefundRecord, site: Site, known: frozenset[str] = frozenset()
    ) -> str:
        """Refund the written row with its own key; Mercado Pago's id for it (``known``: the
        ids the sale's other refunds already hold). Raises
        :class:`RefundRefusedError` on a refusal, :class:`errors.MercadoPagoError` otherwise."""

    async def find(
        self, sale: SaleSnapshot, row: RefundRecord, rows: Sequence[RefundRecord]
    ) -> str | None:
        """A pending row already made at Mercado Pago? Its id, or None (reading only)."""


class _PaymentsPath:
    """Instore v2: ``POST /v1/payments/{id}/refunds``, checked with ``GET …/refunds``."""

    def __init__(self, client: Callable[[], MercadoPagoClient]) -> None:
        self._client = client

    async def payments(self, sale: SaleSnapshot) -> list[tuple[Target, Decimal]]:
        if len(sale.payment_ids) == 1:  # the usual sale: one payment, all of it
            return [(sale.payment_ids[0], sale.paid_amount or sale.total)]
        out: list[tuple[Target, Decimal]] = []
        for payment_id in sale.payment_ids:  # several (partial payments): how much each was
            info = await self._client().get_payment(payment_id)
            if info.status in ("approved", "refunded"):
                out.append((payment_id, info.transaction_amount))
        return out

    async def send(
        self, sale: SaleSnapshot, row: RefundRecord, site: Site, known: frozenset[str] = frozenset()
    ) -> str:
        assert row.payment_id is not None
        got = await self._client().refund_payment(
            row.payment_id, row.amount, idempotency_key=row.idempotency_key, site=site
        )
        return str(got.id)

    async def find(
        self, sale: SaleSnapshot, row: RefundRecord, rows: Sequence[RefundRecord]
    ) -> str | None:
        assert row.payment_id is not None
        found = await self._client().list_refunds(row.payment_id)
        known = {r.mp_refund_id for r in rows if r.mp_refund_id}
        for refund in found:
            if (
                str(refund.id) not in known
                and refund.amount == row.amount
                and refund.status == "approved"
            ):
                return str(refund.id)
        return None


class _OrdersPath:
    """The Orders API: ``POST /v1/orders/{id}/refund`` (empty body: the whole order; else the
    order's payment and amount), checked with ``GET /v1/orders/{id}`` (each payment's refunded
    amount, status ``refunded``, status_detail ``partially_refunded``)."""

    def __init__(self, client: Callable[[], MercadoPagoClient]) -> None:
        self._client = client

    async def payments(self, sale: SaleSnapshot) -> list[tuple[Target, Decimal]]:
        if not sale.order_id or not sale.order_payment_ids:
            return []
        if len(sale.order_payment_ids) == 1:
            return [(sale.order_payment_ids[0], sale.paid_amount or sale.total)]
        order = await self._client().get_qr_order(sale.order_id)
        paid = {p.id: p.paid_amount for p in order.payments if p.money_in}
        return [(pid, paid[pid]) for pid in sale.order_payment_ids if pid in paid]

    async def send(
        self, sale: SaleSnapshot, row: RefundRecord, site: Site, known: frozenset[str] = frozenset()
    ) -> str:
        # The body follows from the row and the sale alone, so every retry of its key sends the
        # very same request (Mercado Pago answers a key with another body 409).
        whole = len(sale.order_payment_ids) == 1 and row.amount == (sale.paid_amount or sale.total)
        transactions = (
            None
            if whole
            else [{"id": row.order_payment_id, "amount": to_api_string(row.amount, site)}]
        )
        try:
            order = await self._client().refund_qr_order(
                sale.order_id, idempotency_key=row.idempotency_key, transactions=transactions
            )
        except errors.RejectedError as exc:
            raise refusal(exc) from None
        return _refund_id(order, row, known)

    async def find(
        self, sale: SaleSnapshot, row: RefundRecord, rows: Sequence[RefundRecord]
    ) -> str | None:
        order = await self._client().get_qr_order(sale.order_id)
        payment = next((p for p in order.payments if p.id == row.order_payment_id), None)
        there = payment.refunded_amount if payment is not None else Decimal(0)
        if order.status == "refunded" or (payment is not None and payment.status == "refunded"):
            there = max(there, payment.paid_amount if payment is not None else there, row.amount)
        # Confirmed here before this row (rows settle in the order they were written).
        before = sum(
            (
                r.amount
                for r in rows
                if r.order_payment_id == row.order_payment_id
                and (r.status is RefundStatus.REFUNDED or r.id < row.id)
                and r.status.counts
                and r.id != row.id
            ),
            Decimal(0),
        )
        if there <= 0 and "partially_refunded" in (
            order.status_detail,
            payment.status_detail if payment is not None else "",
        ):
            there = before + row.amount  # refunded, by an amount the answer does not show
        if there < before + row.amount:
            return None
        return _refund_id(order, row, {r.mp_refund_id for r in rows if r.id != row.id})


def _refund_id(order: QrOrder, row: RefundRecord, known: Collection[str]) -> str:
    """The refund's own id when the order lists its refunds (``transactions.refunds``: the
    newest of the row's payment and amount that no other refund of the sale holds), else the
    order's id (what MP's notes show: the order, nothing of the refund)."""
    for refund in reversed(order.refunds):
        if (
            refund.id
            and refund.id not in known
            and refund.amount == row.amount
            and refund.transaction_id in ("", row.order_payment_id)
        ):
            return refund.id
    return order.id
