"""The IVA (Colombia) contained in each refund of a sale: what its ticket states and what the
day's close takes off the IVA of the sales.

A refund gives back money taken from the sale's lines, at what each was charged (its own
discount and its share of the sale's taken off):

- **by line** (chosen lines and quantities, or a weighed line's weight): from those lines,
  by units or weight, so at those lines' rates alone, as the refund's amount was computed
  (:meth:`pos_app.checkout.refunds.RefundService.refund`);
- **by amount**: first from what was paid beyond the total (two orders paid, cash taken and
  the QR paid too: money with no goods, so no IVA), then from every line in proportion to
  what it still has to give back.

Items given back after a refund of an amount had taken part of their line's price give back
their units' share of what that line has left (what the amount took of the line is carried by
its units, each its share), the rest of their money coming from the sale's other lines in
proportion (then from any), so no line ever gives back more than it was charged and every
coffee of three given back after a third of the sale went back by amount states the same split
(until 2026-12-02 the first two took all of theirs from the coffee line and the last one none:
a refund of a coffee stated only the bread's rate). Such a ticket says why it has those rates
(:attr:`RefundIva.outside`).

The IVA at each rate is the sale's IVA at that rate (its ticket's figure, :meth:`Cart.
iva_by_rate`) in proportion to the money given back so far from that rate's lines, rounded
half-up on the **running total**: each refund states the difference, so a rate's refunds
never go below zero and the refunds of a whole sale give back exactly the IVA its ticket
stated, rate by rate (rounding each refund on its own could leave a peso behind). Refunds are
taken in the order the money left (:func:`pos_app.ledger.refunds.refund_ivas`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_DOWN, Decimal

from pos_app.domain.cart import Cart, CartLine
from pos_app.domain.money import Site, quantize
from pos_app.domain.pricing import Discount, SaleUnit

ZERO = Decimal(0)

IvaByRate = tuple[tuple[Decimal, Decimal], ...]  # (rate, IVA), highest rate first

# How much of a line a refund gives back: units (``int``) of a line sold by the unit, or a
# weight (``Decimal``: ``0.200`` kg) of a line sold by measure. An ``int`` on a weighed line is
# units of its quantity of 1 (refunds written before weights could be given back: 1 = all of it).
Given = int | Decimal
GivenLines = tuple[tuple[int, Given], ...]  # (line position, what of it was given back)


def example_weight(line: CartLine) -> Decimal:
    """A weight to show as an example of giving back part of ``line``: 200 of a product priced
    per gram (0,200 there is a fifth of a gram), else 0,200 (kg, l, m)."""
    return Decimal(200) if line.sale_unit is SaleUnit.G else Decimal("0.200")


def sold_amount(line: CartLine) -> Decimal:
    """How much the line sold, in what a refund of it gives back: its weight, or its units."""
    return line.measure if line.measure is not None else Decimal(line.quantity)


def given_amount(line: CartLine, given: Given) -> Decimal:
    """``given`` in the line's own terms (:func:`sold_amount`): a weight, or units."""
    if line.measure is not None and not isinstance(given, Decimal):
        return line.measure * given / (line.quantity or 1)
    return Decimal(given)


def part_of_charge(
    charged: Decimal, sold: Decimal, before: Decimal, now: Decimal, site: Site
) -> Decimal:
    """What giving back ``now`` of a line (``sold`` in all, ``before`` already given back)
    returns of its ``charged``: in proportion, rounded to the currency on the running total, so
    the whole line gives back its charge exactly and never more (three coffees paid $ 2.999:
    $ 1.000, $ 999, $ 1.000; 0,200 then 0,150 kg of 0,350 kg paid $ 2.800: $ 1.600, $ 1.200)."""
    if sold <= 0:
        return ZERO
    after = min(sold, before + now)
    return quantize(charged * after / sold, site) - quantize(charged * before / sold, site)


@dataclass(frozen=True)
class LinePart:
    """What giving back part of a line returns, as its refund ticket lists it: the part's
    price before any discount, its share of the line's own discount and of the sale's, and
    what it gives back (``gross - own_off - sale_off``, the refund's amount for it)."""

    gross: Decimal
    own_off: Decimal
    sale_off: Decimal
    charged: Decimal


def part_of_line(
    line: CartLine, charged: Decimal, before: Decimal, now: Decimal, site: Site
) -> LinePart:
    """Giving back ``now`` of ``line`` (``before`` already given back; ``charged``: what the
    line was charged, :func:`~pos_app.domain.order_lines.charged_amounts`), split as the
    refund's amount is (:func:`part_of_charge`: in proportion to the units or weight, rounded
    on the line's running total): its money is exactly that amount; what the line's discounts
    took together is given back in proportion the same way (rounded half-down, so a unit
    line's price and discounts add up to its units' price exactly), and shared between its own
    discount and the sale's in proportion to each. So each part adds up to its money and the
    parts of a whole line to the line's price, discounts and charge, never a share below zero.
    Half of two shirts with "$ 500 off" gives back one shirt and $ 250 of the discount, never
    the whole $ 500."""
    sold = sold_amount(line)
    own = line.discount_amount(site)
    off = line.gross(site) - charged  # its own discount and its share of the sale's
    after = min(sold, before + now)

    def so_far(given: Decimal) -> tuple[Decimal, Decimal, Decimal]:
        """(money, discounts, own discount) given back once ``given`` of the line has gone."""
        if sold <= 0:
            return ZERO, ZERO, ZERO
        money = quantize(charged * given / sold, site)
        taken = (off * given / sold).quantize(site.quantum, rounding=ROUND_HALF_DOWN)
        mine = quantize(taken * own / off, site) if off > 0 else ZERO
        return money, taken, mine

    money_b, off_b, own_b = so_far(before)
    money_a, off_a, own_a = so_far(after)
    money, taken, mine = money_a - money_b, off_a - off_b, own_a - own_b
    return LinePart(money + taken, mine, taken - mine, money)


@dataclass(frozen=True)
class GivenBack:
    """One refund as the IVA sees it: its amount and, by line, ``(position, what)`` (units, or
    a weighed line's weight)."""

    amount: Decimal
    lines: GivenLines = ()
    # One refund of lines written as several rows (one per Mercado Pago payment it took from):
    # the same ``group`` on each, so each takes its share of those lines' money, at their rates.
    group: str = ""


@dataclass(frozen=True)
class RefundIva:
    """What one refund gave back, as the IVA sees it."""

    iva: IvaByRate
    # A refund of items: the money it took beyond those items' own (an earlier refund of an
    # amount had taken part of their price: the rest is the sale's other lines'); 0 otherwise.
    outside: Decimal = ZERO


def refunds_iva(
    site: Site,
    lines: Sequence[CartLine],
    sale_discount: Discount | None,
    paid: Decimal,
    given: Sequence[GivenBack],
) -> list[IvaByRate]:
    """The IVA per rate each of ``given`` (in the order the money left) contains; rates a refund
    took nothing from are left out. ``paid``: what the customer paid for the sale. Empty
    tuples where the site reports no IVA."""
    return [each.iva for each in refunds_iva_detail(site, lines, sale_discount, paid, given)]


def refunds_iva_detail(
    site: Site,
    lines: Sequence[CartLine],
    sale_discount: Discount | None,
    paid: Decimal,
    given: Sequence[GivenBack],
) -> list[RefundIva]:
    """:func:`refunds_iva`, with what each refund of items took beyond its items' own money."""
    if not site.reports_iva:
        return [RefundIva(()) for _ in given]
    # Here, not at the top: the ledger reads sales' lines without order items.
    from pos_app.domain.order_lines import charged_amounts

    cart = Cart(site)
    cart.restore(list(lines))
    cart.sale_discount = sale_discount
    charged = charged_amounts(cart)
    stated = dict(cart.iva_by_rate())
    rates = [line.iva_rate for line in lines]
    # What each line (and, last, a payment beyond the total) still has to give back.
    left = [max(ZERO, c) for c in charged]
    left.append(max(ZERO, paid - sum(charged, ZERO)))
    # What refunds other than its own by item took of each line (an amount, in proportion):
    # the units not given back yet carry it, each its share.
    cut = [ZERO] * len(lines)
    of_rate: dict[Decimal, Decimal] = {}
    for rate, c in zip(rates, left, strict=False):
        if rate and c > 0:
            of_rate[rate] = of_rate.get(rate, ZERO) + c
    taken_of_rate: dict[Decimal, Decimal] = dict.fromkeys(of_rate, ZERO)
    stated_so_far: dict[Decimal, Decimal] = dict.fromkeys(of_rate, ZERO)
    units_done: dict[int, Decimal] = {}
    out: list[RefundIva] = []
    group_before: dict[str, tuple[dict[int, Decimal], list[Decimal]]] = {}
    for refund in given:
        done, cut_before = units_done, list(cut)
        if refund.group in group_before:  # a further part: the lines as its first found them
            done, cut_before = dict(group_before[refund.group][0]), group_before[refund.group][1]
        elif refund.group:
            group_before[refund.group] = (dict(units_done), list(cut))
        taken, outside = _take(refund, lines, charged, left, cut, cut_before, done, site)
        touched: dict[Decimal, Decimal] = {}
        for position, amount in taken.items():
            rate = rates[position] if position < len(rates) else ZERO
            if rate in of_rate and amount > 0:
                taken_of_rate[rate] += amount
                touched[rate] = ZERO
        for rate in touched:
            share = min(Decimal(1), taken_of_rate[rate] / of_rate[rate])
            if all(c <= 0 for r, c in zip(rates, left, strict=False) if r == rate):
                share = Decimal(1)  # every line of the rate given back: exactly its IVA
            now = quantize(stated.get(rate, ZERO) * share, site)
            touched[rate] = now - stated_so_far[rate]
            stated_so_far[rate] = now
        iva = tuple((rate, touched[rate]) for rate in sorted(touched, reverse=True))
        out.append(RefundIva(iva, quantize(outside, site)))
    return out


def _take(
    refund: GivenBack,
    lines: Sequence[CartLine],
    charged: Sequence[Decimal],
    left: list[Decimal],
    cut: list[Decimal],
    cut_before: Sequence[Decimal],
    units_done: dict[int, Decimal],
    site: Site,
) -> tuple[dict[int, Decimal], Decimal]:
    """The money ``refund`` takes from each part (a line's position; ``len(lines)``: the
    payment beyond the total), taken off ``left``; and, of a refund of items, how much of it
    came from beyond those items. ``cut``: what refunds of an amount took of each line, which
    the units given back take their share of (``cut_before``: as the refund found it, the
    same for each part of a refund written as several rows)."""
    taken: dict[int, Decimal] = {}
    wanted = max(ZERO, refund.amount)
    parts: dict[int, Decimal] = {}
    carried: dict[int, Decimal] = {}
    for position, quantity in refund.lines:
        if not 0 <= position < len(lines):
            continue  # a place the sale does not have (a damaged row): by amount instead
        line = lines[position]
        now = given_amount(line, quantity)
        if not now.is_finite() or now <= 0:
            continue
        # Units, or a weighed line's weight: from that line, as the refund's amount was worked
        # out (its rate's IVA, never the sale's other rates).
        sold = sold_amount(line)
        before = units_done.get(position, ZERO)
        units_done[position] = min(sold, before + now)
        part = part_of_charge(charged[position], sold, before, now, site)
        parts[position] = parts.get(position, ZERO) + max(ZERO, part)
        # What an earlier refund of an amount already took of these units' price: their share
        # of what it took of the line (all of it when the line's last units go back).
        if before < sold:
            carried[position] = carried.get(position, ZERO) + cut_before[position] * min(
                Decimal(1), now / (sold - before)
            )
    whole = sum(parts.values(), ZERO)
    if whole > 0:
        # The lines' parts, scaled to what was refunded (they are equal unless the row was
        # written otherwise), each from its own line as far as that line has money left; less
        # what an amount refund took of those units already (a coffee of three after a third
        # of the sale went back by amount: two thirds of its price from the coffee, the rest
        # from the sale's other lines, never all of it from the coffees still kept, leaving
        # the last coffee given back nothing of its own and only the other lines' rates).
        scale = wanted / whole
        for position, part in parts.items():
            already = min(cut[position], carried.get(position, ZERO) * min(Decimal(1), scale))
            cut[position] -= already
            got = min(left[position], max(ZERO, part * scale - already))
            left[position] -= got
            taken[position] = got
        wanted -= sum(taken.values(), ZERO)
    outside = wanted if parts else ZERO
    extra = len(left) - 1  # paid beyond the total: given back first, it carries no IVA
    if wanted > 0 and left[extra] > 0:
        got = min(wanted, left[extra])
        left[extra] -= got
        taken[extra] = taken.get(extra, ZERO) + got
        wanted -= got
    # The rest in proportion to what each line has left: the lines this refund did not give
    # back first (the rest of a refund of items is not those items'), then any.
    for among in ([p for p in range(extra) if p not in parts], range(extra)):
        remaining = sum((left[p] for p in among), ZERO)
        if wanted <= 0 or remaining <= 0:
            continue
        scale = min(Decimal(1), wanted / remaining)
        for position in among:
            got = left[position] if scale == 1 else left[position] * scale
            if got > 0:
                left[position] -= got
                cut[position] += got
                taken[position] = taken.get(position, ZERO) + got
                wanted -= got
    return taken, outside
