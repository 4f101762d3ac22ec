"""The shop's day: what a close ("cierre de caja", Z report) says, computed from ledger facts.

:func:`compute_close` is a pure function: it gets the period and the ledger's records (sales as
settled, refunds, cash movements, shifts) and returns the report. Nothing is kept in counters on
the side; the ledger freezes the result when the period is closed.

Which period a fact belongs to is decided by *when the money moved*: a sale by the time it last
reached an ending status (paid, canceled, expired...), a refund or a movement by its own time.
A sale canceled in one period and paid late in the next is counted as canceled in the first (that
report is frozen) and as paid in the second. A sale taken in cash and paid by QR as well counts
each payment at its own time: the cash when the sale first ended (the cash cancel), the QR when
it was paid; in one period or in two, each once (and the sale itself, and its IVA, with the
first). A sale still open at the close belongs to the period in which it ends. Periods are
half-open: ``opened_at <= t < closed_at``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pos_app.domain.cart import Cart, CartLine
from pos_app.domain.money import Site
from pos_app.domain.pricing import Discount
from pos_app.domain.sale import SaleStatus, Tender

ZERO = Decimal(0)


class MovementKind(StrEnum):
    IN = "in"
    OUT = "out"


@dataclass(frozen=True)
class SaleFact:
    """A sale as the close sees it: its status now and when it last reached an ending status."""

    reference: str
    status: SaleStatus
    tender: Tender | None
    total: Decimal
    paid_amount: Decimal
    settled_at: datetime | None  # None while still open
    lines: tuple[CartLine, ...] = ()
    late_payment: bool = False
    sale_discount: Discount | None = None  # shared into the lines: IVA is on what was paid
    # When the cash was taken: the sale's first ending (its cash cancel), which a QR payment
    # landing after it does not move. None: at ``settled_at``.
    cash_at: datetime | None = None

    @property
    def cash(self) -> bool:
        """Settled in cash: the cashier took the money and canceled the order on the box."""
        return self.tender is Tender.CASH and self.status in (SaleStatus.CANCELED, SaleStatus.PAID)

    @property
    def qr(self) -> bool:
        return self.status is SaleStatus.PAID


@dataclass(frozen=True)
class RefundFact:
    amount: Decimal
    at: datetime
    tender: Tender
    reference: str = ""
    note: str = ""  # the cashier's reason ("defective"), as the ledger keeps it
    # Colombia: the IVA per rate it gave back, as its ticket states it (the close takes it off
    # the sales' IVA: :func:`pos_app.domain.refund_iva.refunds_iva`); () elsewhere.
    iva: tuple[tuple[Decimal, Decimal], ...] = ()


@dataclass(frozen=True)
class CashMovement:
    kind: MovementKind
    amount: Decimal
    reason: str
    at: datetime

    @property
    def signed(self) -> Decimal:
        return self.amount if self.kind is MovementKind.IN else -self.amount


@dataclass(frozen=True)
class ShiftFact:
    cashier: str
    starting_float: Decimal
    opened_at: datetime
    box: str = ""  # which box's drawer (the store database's reports of several boxes)
    # Took the drawer over from the shift before it, whose cash was counted then: its
    # ``starting_float`` is that count (the money already in the drawer, never added again).
    handover: bool = False


@dataclass(frozen=True)
class HandOver:
    """One shift handing the drawer to the next within a period, counted at that moment.

    ``expected`` is what the drawer should have held then: the outgoing shift's own start
    (the period's first float, or the count of the hand-over before) plus the cash that came
    in and went out since. ``difference`` (counted - expected) is the outgoing cashier's."""

    from_cashier: str
    to_cashier: str
    at: datetime
    expected: Decimal
    counted: Decimal
    difference: Decimal
    box: str = ""


@dataclass(frozen=True)
class ShiftSales:
    """What was sold while one cashier held the drawer (from the period's start or the
    hand-over to them, to the next hand-over or the close), by when each sale ended."""

    cashier: str
    since: datetime
    until: datetime
    sales_count: int
    qr: Decimal
    cash: Decimal
    box: str = ""


def uncounted_shifts(shifts: Iterable[ShiftFact]) -> list[ShiftFact]:
    """The shifts whose float is not in the expected cash, and that were not a hand-over: each
    box's later shifts of a period in a ledger from before one shift at a time (see
    :func:`compute_close`), oldest first."""
    seen: set[str] = set()
    later = []
    for shift in sorted(shifts, key=lambda s: s.opened_at):
        if shift.box in seen and not shift.handover:
            later.append(shift)
        seen.add(shift.box)
    return later


def _holds(
    shifts: Sequence[ShiftFact], opened_at: datetime, closed_at: datetime
) -> list[tuple[ShiftFact, datetime, datetime]]:
    """Each shift with the time it held the drawer: from the period's start (the first) or its
    own opening, to the next shift's opening (a hand-over, or, in a report of several days, the
    next day's first shift) or the period's end."""
    if not shifts:
        return []
    starts = [opened_at, *(s.opened_at for s in shifts[1:])]
    return list(zip(shifts, starts, [*starts[1:], closed_at], strict=True))


def _sales_by_shift(
    holds: Sequence[tuple[ShiftFact, datetime, datetime]],
    sold: Sequence[tuple[datetime, Decimal, Decimal, int]],
    q: Decimal,
) -> tuple[ShiftSales, ...]:
    """Each holder's sales, when the drawer changed hands in the period (one holder: the
    report's totals say it all). ``sold``: each payment that brought money, ``(when, qr, cash,
    n)``, ``n`` 1 for the one that counts its sale (a sale paid in cash and by QR: the first)."""
    if len(holds) < 2:
        return ()
    out = []
    for holder, since, until in holds:
        mine = [(qr, cash, n) for at, qr, cash, n in sold if in_period(at, since, until)]
        out.append(
            ShiftSales(
                holder.cashier,
                since,
                until,
                sum(n for _, _, n in mine),
                sum((qr for qr, _, _ in mine), ZERO).quantize(q),
                sum((cash for _, cash, _ in mine), ZERO).quantize(q),
                holder.box,
            )
        )
    return tuple(out)


def _hand_overs(
    holds: Sequence[tuple[ShiftFact, datetime, datetime]],
    flows: Sequence[tuple[datetime, Decimal]],
    q: Decimal,
) -> tuple[HandOver, ...]:
    """Each hand-over of one box's period: what the drawer should have held then (the outgoing
    shift's own float, which for a hand-over's shift is the count it started from, plus the
    cash that came in and went out while it held the drawer), what was counted, and that
    shift's difference. ``flows``: the period's cash changes (sales, refunds, movements)."""
    out = []
    for (holder, since, until), (taker, _, _) in itertools.pairwise(holds):
        if not taker.handover:
            continue  # an older ledger's second shift, or the next day's first: no count
        moved = sum((amount for at, amount in flows if in_period(at, since, until)), ZERO)
        expected = (holder.starting_float + moved).quantize(q)
        counted = taker.starting_float.quantize(q)
        out.append(
            HandOver(
                holder.cashier,
                taker.cashier,
                taker.opened_at,
                expected,
                counted,
                counted - expected,
                taker.box,
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class CloseReport:
    """The figures of one close. Amounts are quantised to the site's currency."""

    number: int
    opened_at: datetime
    closed_at: datetime
    site_id: str
    sales_count: int  # sales that brought money in this period (QR paid or cash)
    totals: dict[str, Decimal]  # per tender: Tender.QR.value, Tender.CASH.value
    refunds: dict[str, Decimal]  # per tender
    refunds_count: int
    gross: Decimal
    refunds_total: Decimal
    net: Decimal
    # rate ("19") -> IVA contained in the period's sales less what its refunds gave back (each
    # as its ticket states it: below zero when refunds of earlier sales outweigh); empty where
    # the site has none
    iva: dict[str, Decimal]
    canceled_count: int
    expired_count: int
    failed_count: int
    open_count: int
    starting_float: Decimal
    cash_in: Decimal
    cash_out: Decimal
    expected_cash: Decimal
    counted_cash: Decimal | None
    difference: Decimal | None  # counted - expected
    movements: tuple[CashMovement, ...] = ()
    shifts: tuple[ShiftFact, ...] = ()
    handovers: tuple[HandOver, ...] = ()  # the drawer handed from one shift to the next
    shift_sales: tuple[ShiftSales, ...] = ()  # each holder's sales, when there were hand-overs
    late_payments: tuple[str, ...] = field(default=())  # references paid after being closed
    # The period's refunds one by one (sale, amount, tender, the cashier's note), oldest first;
    # empty in a report frozen before they were listed.
    refund_list: tuple[RefundFact, ...] = ()


def drawer_expected_now(report: CloseReport) -> Decimal:
    """What the drawer should hold at the end of ``report`` (a preview: now): the day's
    expected cash, corrected by what each hand-over's count found (the next shift started from
    the count, not from what should have been there)."""
    return report.expected_cash + sum((h.difference for h in report.handovers), ZERO)


def in_period(moment: datetime | None, start: datetime, end: datetime) -> bool:
    """``start <= moment < end`` as instants (compared in UTC, whatever their zones)."""
    if moment is None:
        return False
    return start.astimezone(UTC) <= moment.astimezone(UTC) < end.astimezone(UTC)


def iva_of_lines(
    lines: Sequence[CartLine], site: Site, sale_discount: Discount | None = None
) -> dict[Decimal, Decimal]:
    """IVA per rate that one sale's lines contain, on the discounted prices the customer paid
    (the cart's own rounding: the same figure the order reported)."""
    cart = Cart(site)
    cart.restore(list(lines))
    cart.sale_discount = sale_discount
    return dict(cart.iva_by_rate())


def compute_close(
    *,
    number: int,
    site: Site,
    opened_at: datetime,
    closed_at: datetime,
    sales: Iterable[SaleFact],
    refunds: Iterable[RefundFact] = (),
    movements: Iterable[CashMovement] = (),
    shifts: Iterable[ShiftFact] = (),
    counted_cash: Decimal | None = None,
) -> CloseReport:
    """The report of the period ``[opened_at, closed_at)``; facts outside it are ignored.

    Expected cash = the first shift's starting float + cash sales + cash in - cash out - cash
    refunds. The ledger opens one shift per period; a ledger written before that rule may hold
    later ones, which only handed the drawer over (their float is what was already there): they
    are listed as not added, with a warning (:func:`pos_app.domain.day_report.report_rows`).
    """
    q = site.quantum
    totals = {Tender.QR.value: ZERO, Tender.CASH.value: ZERO}
    refund_totals = {Tender.QR.value: ZERO, Tender.CASH.value: ZERO}
    iva: dict[Decimal, Decimal] = {}
    count = canceled = expired = failed = still_open = refunds_count = 0
    late: list[str] = []
    flows: list[tuple[datetime, Decimal]] = []  # the drawer's cash changes, for hand-overs
    # (when, qr, cash, sales it counts), each payment, for each holder's sales
    sold: list[tuple[datetime, Decimal, Decimal, int]] = []
    for sale in sales:
        if sale.settled_at is None:
            still_open += 1 if sale.status in (SaleStatus.CREATING, SaleStatus.PENDING) else 0
            continue
        cash_at = sale.cash_at or sale.settled_at
        qr_here = sale.qr and in_period(sale.settled_at, opened_at, closed_at)
        cash_here = sale.cash and in_period(cash_at, opened_at, closed_at)
        if not (qr_here or cash_here):
            # Ended here without money here (a cash sale's cash counts where it was taken).
            if in_period(sale.settled_at, opened_at, closed_at) and not sale.cash:
                if sale.status is SaleStatus.CANCELED:
                    canceled += 1
                elif sale.status is SaleStatus.EXPIRED:
                    expired += 1
                elif sale.status is SaleStatus.FAILED:
                    failed += 1
            continue
        # The sale (and its IVA) counts where its first money came: the cash, when taken in
        # cash (a QR payment on top, later, is money beyond the total, to be given back).
        first = in_period(cash_at if sale.cash else sale.settled_at, opened_at, closed_at)
        if cash_here:
            totals[Tender.CASH.value] += sale.total
            flows.append((cash_at, sale.total))
            sold.append((cash_at, ZERO, sale.total, int(first)))
        if qr_here:
            totals[Tender.QR.value] += sale.paid_amount
            sold.append((sale.settled_at, sale.paid_amount, ZERO, int(first and not cash_here)))
            if sale.late_payment:
                late.append(sale.reference)
        if first:
            count += 1
            if site.reports_iva:
                for rate, amount in iva_of_lines(sale.lines, site, sale.sale_discount).items():
                    iva[rate] = iva.get(rate, ZERO) + amount
    listed: list[RefundFact] = []
    for refund in refunds:
        if in_period(refund.at, opened_at, closed_at):
            refund_totals[refund.tender.value] += refund.amount
            refunds_count += 1
            if refund.tender is Tender.CASH:
                flows.append((refund.at, -refund.amount))
            if site.reports_iva:
                for rate, amount in refund.iva:
                    iva[rate] = iva.get(rate, ZERO) - amount
            listed.append(replace(refund, amount=refund.amount.quantize(q)))
    moves = tuple(
        sorted((m for m in movements if in_period(m.at, opened_at, closed_at)), key=lambda m: m.at)
    )
    cash_in = sum((m.amount for m in moves if m.kind is MovementKind.IN), ZERO)
    cash_out = sum((m.amount for m in moves if m.kind is MovementKind.OUT), ZERO)
    period_shifts = tuple(
        sorted(
            (s for s in shifts if in_period(s.opened_at, opened_at, closed_at)),
            key=lambda s: s.opened_at,
        )
    )
    starting = period_shifts[0].starting_float if period_shifts else ZERO
    flows += [(m.at, m.signed) for m in moves]
    holds = _holds(period_shifts, opened_at, closed_at)
    gross = totals[Tender.QR.value] + totals[Tender.CASH.value]
    refunds_total = refund_totals[Tender.QR.value] + refund_totals[Tender.CASH.value]
    expected = starting + totals[Tender.CASH.value] + cash_in - cash_out
    expected -= refund_totals[Tender.CASH.value]
    counted = counted_cash.quantize(q) if counted_cash is not None else None
    return CloseReport(
        number=number,
        opened_at=opened_at,
        closed_at=closed_at,
        site_id=site.site_id,
        sales_count=count,
        totals={k: v.quantize(q) for k, v in totals.items()},
        refunds={k: v.quantize(q) for k, v in refund_totals.items()},
        refunds_count=refunds_count,
        gross=gross.quantize(q),
        refunds_total=refunds_total.quantize(q),
        net=(gross - refunds_total).quantize(q),
        iva={_rate(r): v.quantize(q) for r, v in sorted(iva.items())},
        canceled_count=canceled,
        expired_count=expired,
        failed_count=failed,
        open_count=still_open,
        starting_float=starting.quantize(q),
        cash_in=cash_in.quantize(q),
        cash_out=cash_out.quantize(q),
        expected_cash=expected.quantize(q),
        counted_cash=counted,
        difference=None if counted is None else (counted - expected).quantize(q),
        movements=moves,
        shifts=period_shifts,
        handovers=_hand_overs(holds, flows, q),
        shift_sales=_sales_by_shift(holds, sold, q),
        late_payments=tuple(late),
        refund_list=tuple(sorted(listed, key=lambda r: r.at.astimezone(UTC))),
    )


def _rate(rate: Decimal) -> str:
    return str(rate.normalize()) if rate == rate.to_integral_value() else str(rate)


SITE_ZONES = {
    "MLA": "America/Argentina/Buenos_Aires",
    "MLB": "America/Sao_Paulo",
    "MLC": "America/Santiago",
    "MCO": "America/Bogota",
    "MLM": "America/Mexico_City",
    "MLU": "America/Montevideo",
    "MPE": "America/Lima",
}


def site_zone(site_id: str) -> tzinfo:
    """The site's time zone (the offset sent to the payments search), else this computer's.

    Here rather than beside the engine (:mod:`pos_app.checkout.day`): ``close --store`` needs
    the zone and nothing of the engine."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(SITE_ZONES[site_id])
    except (KeyError, ZoneInfoNotFoundError):
        local = datetime.now().astimezone().tzinfo
        assert local is not None
        return local


# The days a command-line option names: a shop's sales are all in this range, and its ends
# keep ``day_bounds`` (the next midnight, in any zone) within what ``datetime`` can hold.
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2999, 12, 31)
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def parse_day(text: str) -> date | None:
    """``YYYY-MM-DD`` (``--date``, ``--from``, ``--to``) as a real day from 2000 to 2999, else
    None: not 2026-02-30, not 9999-12-31 (its next midnight is beyond ``datetime``), not the
    other ISO forms ``date.fromisoformat`` also takes (``20260101``, ``2026-W01-1``)."""
    text = text.strip()
    if not _ISO_DAY.fullmatch(text):
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if FIRST_DAY <= day <= LAST_DAY else None


def day_bounds(day: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """``[midnight, next midnight)`` of ``day`` in ``zone`` (23 or 25 hours on a DST change)."""
    start = datetime.combine(day, time(0), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    # In UTC: Python compares two datetimes of the same zone by their wall clocks, which is
    # wrong across a DST change. (Chile skips 00:00 itself: fold=0 gives the old offset, i.e.
    # the first instant of the day.)
    return start.astimezone(UTC), end.astimezone(UTC)


# -- JSON (what ``pos-app close --json`` prints and what the ledger freezes) -----------------------
def _amount(value: Decimal, site: Site) -> str:
    return f"{value:.{site.decimals}f}"


def report_to_json(report: CloseReport, site: Site) -> dict[str, Any]:
    def a(value: Decimal) -> str:
        return _amount(value, site)

    return {
        "number": report.number,
        "opened_at": report.opened_at.isoformat(),
        "closed_at": report.closed_at.isoformat(),
        "site_id": report.site_id,
        "sales_count": report.sales_count,
        "totals": {k: a(v) for k, v in report.totals.items()},
        "refunds": a(report.refunds_total),
        "refunds_count": report.refunds_count,
        "refunds_per_tender": {k: a(v) for k, v in report.refunds.items()},
        "gross": a(report.gross),
        "net": a(report.net),
        "expected_cash": a(report.expected_cash),
        "counted_cash": None if report.counted_cash is None else a(report.counted_cash),
        "difference": None if report.difference is None else a(report.difference),
        "iva": {k: a(v) for k, v in report.iva.items()},
        "movements": [
            {
                "kind": m.kind.value,
                "amount": a(m.amount),
                "reason": m.reason,
                "at": m.at.isoformat(),
            }
            for m in report.movements
        ],
        "starting_float": a(report.starting_float),
        "cash_in": a(report.cash_in),
        "cash_out": a(report.cash_out),
        "canceled_count": report.canceled_count,
        "expired_count": report.expired_count,
        "failed_count": report.failed_count,
        "open_count": report.open_count,
        "shifts": [
            {
                "cashier": s.cashier,
                "starting_float": a(s.starting_float),
                "opened_at": s.opened_at.isoformat(),
                "handover": s.handover,
            }
            for s in report.shifts
        ],
        "handovers": [
            {
                "from_cashier": h.from_cashier,
                "to_cashier": h.to_cashier,
                "at": h.at.isoformat(),
                "expected": a(h.expected),
                "counted": a(h.counted),
                "difference": a(h.difference),
            }
            for h in report.handovers
        ],
        "shift_sales": [
            {
                "cashier": t.cashier,
                "since": t.since.isoformat(),
                "until": t.until.isoformat(),
                "sales_count": t.sales_count,
                "mercadopago_qr": a(t.qr),
                "cash": a(t.cash),
            }
            for t in report.shift_sales
        ],
        "late_payments": list(report.late_payments),
        "refunds_list": [
            {
                "reference": r.reference,
                "amount": a(r.amount),
                "tender": r.tender.value,
                "at": r.at.isoformat(),
                "note": r.note,
            }
            for r in report.refund_list
        ],
    }


def report_from_json(data: dict[str, Any]) -> CloseReport:
    """The frozen report back from the ledger (the inverse of :func:`report_to_json`)."""

    def d(text: str | None) -> Decimal | None:
        return None if text is None else Decimal(text)

    return CloseReport(
        number=int(data["number"]),
        opened_at=datetime.fromisoformat(data["opened_at"]),
        closed_at=datetime.fromisoformat(data["closed_at"]),
        site_id=str(data["site_id"]),
        sales_count=int(data["sales_count"]),
        totals={k: Decimal(v) for k, v in data["totals"].items()},
        refunds={k: Decimal(v) for k, v in data["refunds_per_tender"].items()},
        refunds_count=int(data["refunds_count"]),
        gross=Decimal(data["gross"]),
        refunds_total=Decimal(data["refunds"]),
        net=Decimal(data["net"]),
        iva={k: Decimal(v) for k, v in data["iva"].items()},
        canceled_count=int(data["canceled_count"]),
        expired_count=int(data["expired_count"]),
        failed_count=int(data["failed_count"]),
        open_count=int(data["open_count"]),
        starting_float=Decimal(data["starting_float"]),
        cash_in=Decimal(data["cash_in"]),
        cash_out=Decimal(data["cash_out"]),
        expected_cash=Decimal(data["expected_cash"]),
        counted_cash=d(data["counted_cash"]),
        difference=d(data["difference"]),
        movements=tuple(
            CashMovement(
                MovementKind(m["kind"]),
                Decimal(m["amount"]),
                str(m["reason"]),
                datetime.fromisoformat(m["at"]),
            )
            for m in data["movements"]
        ),
        shifts=tuple(
            ShiftFact(
                str(s["cashier"]),
                Decimal(s["starting_float"]),
                datetime.fromisoformat(s["opened_at"]),
                handover=bool(s.get("handover", False)),  # absent before hand-overs
            )
            for s in data["shifts"]
        ),
        handovers=tuple(  # absent from reports frozen before hand-overs
            HandOver(
                str(h["from_cashier"]),
                str(h["to_cashier"]),
                datetime.fromisoformat(h["at"]),
                Decimal(h["expected"]),
                Decimal(h["counted"]),
                Decimal(h["difference"]),
            )
            for h in data.get("handovers", ())
        ),
        shift_sales=tuple(  # absent from reports frozen before hand-overs
            ShiftSales(
                str(t["cashier"]),
                datetime.fromisoformat(t["since"]),
                datetime.fromisoformat(t["until"]),
                int(t["sales_count"]),
                Decimal(t["mercadopago_qr"]),
                Decimal(t["cash"]),
            )
            for t in data.get("shift_sales", ())
        ),
        late_payments=tuple(data["late_payments"]),
        refund_list=tuple(  # absent from reports frozen before refunds were listed
            RefundFact(
                Decimal(r["amount"]),
                datetime.fromisoformat(r["at"]),
                Tender(r["tender"]),
                str(r["reference"]),
                str(r["note"]),
            )
            for r in data.get("refunds_list", ())
        ),
    )
