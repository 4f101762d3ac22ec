"""``pos-app refund REF [--amount AMOUNT | --line N[:QTY]...] [--note TEXT] [--via WAY] [--json]``.

``--line N:QTY``: QTY units of line N, or of a weighed line its weight given back
(``--line 1:0.200``: 0,200 of 0,350 kg of cheese, at what the sale charged for it).

``--via cash|mercadopago``: a sale paid both in cash and with Mercado Pago (the cashier took
cash as the QR was paid) gives each part back the way it came; without it such a sale is
refused, nothing sent, with the two amounts named.

``--note``: the cashier's reason for the refund ("defective"), cleaned and limited like every
free text (:data:`~pos_app.domain.text_fields.REFUND_NOTE`), checked before anything is sent.

Exit codes: 0 refunded; 1 Mercado Pago refused it or could not be reached (a refund left
unconfirmed is checked before anything else the next time); 2 refused here, nothing sent (not
paid, zero, too much, decimals the currency lacks, a bad line).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from pos_app.checkout.errors import UnknownSaleError
from pos_app.checkout.refunds import RefundNotAllowed, RefundService
from pos_app.cli.charge_lines import shown
from pos_app.cli.output import EXIT_ERROR, EXIT_OK, EXIT_USAGE, err, print_json, sale_json
from pos_app.domain.cart import CartLine
from pos_app.domain.money import Site, format_money, site_for
from pos_app.domain.pricing import check_measure, check_one_reading, parse_measure
from pos_app.domain.refund_iva import Given, example_weight
from pos_app.domain.sale import Tender
from pos_app.domain.text_fields import REFUND_NOTE, check_text
from pos_app.domain.validation import ValidationError, read_plain_amount, read_quantity
from pos_app.ledger.refunds import RefundStatus
from pos_app.mercadopago.refunds import refusal_message
from pos_app.runtime import open_runtime


def _lines(specs: list[str], sold: Sequence[CartLine], site: Site) -> list[tuple[int, Given]]:
    """``N[:QTY]``: line N (1 = first), QTY units of it, or of a weighed line its weight
    (``2:0.200``, or ``2:0,200``; as ``--sku``, a dot is the decimal mark and ``1,250`` where a
    comma groups thousands is refused as two readings); without QTY all of it (the service
    refuses more than is left, saying how much that is)."""
    chosen: list[tuple[int, Given]] = []
    for spec in specs:
        number, colon, qty_text = spec.partition(":")
        if not number.isdigit() or not 1 <= int(number) <= len(sold):
            raise ValueError(f"--line {shown(spec, 20)}: the sale has lines 1 to {len(sold)}")
        if colon and not qty_text.strip():
            # "1:" is a quantity left out, not "all of it" (that is "--line 1"): money leaving
            # the shop is never given back on a guess.
            raise ValueError(
                f"--line {shown(spec, 20)}: nothing after the colon; --line {number} gives back "
                f"all of line {number}, --line {number}:QUANTITY part of it"
            )
        position = int(number) - 1
        line = sold[position]
        try:
            if line.measure is None:
                chosen.append((position, read_quantity(qty_text) if qty_text else line.quantity))
                continue
            if not qty_text:
                chosen.append((position, line.quantity))  # all of it (1 of its quantity of 1)
                continue
            weight = parse_measure(qty_text, site)
            if weight is None:
                raise ValueError(
                    f"--line {shown(spec, 20)}: {line.title} was sold by "
                    f"{line.sale_unit.value}: give the weight, e.g. --line {number}:"
                    f"{example_weight(line):f}"
                )
            if "," in qty_text:  # a dot is the decimal mark here; a comma may be a thousand
                check_one_reading(qty_text, site)
            chosen.append((position, check_measure(weight, ".")))
        except ValidationError as exc:
            raise ValueError(f"--line {shown(spec, 20)}: {exc.msg}") from None
    return chosen


async def cmd_refund(args: argparse.Namespace) -> int:
    try:  # before the runtime resumes or sends anything
        note = check_text(args.note, REFUND_NOTE)
    except ValidationError as exc:
        err(f"pos-app: --note: {exc.msg}")
        return EXIT_USAGE
    async with open_runtime(enable_receiver=False) as rt:
        service = RefundService(rt.ledger, lambda: rt.client, across=rt.refund_check)
        await service.resume()  # refunds left unconfirmed by an earlier run come first
        sale = rt.ledger.get_sale(args.reference)
        if sale is None:
            err(f"pos-app: {UnknownSaleError(args.reference).msg}")
            return EXIT_USAGE
        site = site_for(sale.site_id)
        try:
            amount = read_plain_amount(args.amount, site, price=False) if args.amount else None
            lines = _lines(args.line, sale.lines, site)
        except ValidationError as exc:
            err(f"pos-app: --amount: {exc.msg}")
            return EXIT_USAGE
        except ValueError as exc:
            err(f"pos-app: {exc}")
            return EXIT_USAGE
        try:
            via = {"cash": Tender.CASH, "mercadopago": Tender.QR}.get(args.via or "")
            result = await service.refund(
                args.reference, amount, lines=lines, note=note, tender=via
            )
        except RefundNotAllowed as exc:
            err(f"pos-app: {exc.msg}")
            return EXIT_USAGE
        if args.json:
            print_json(sale_json(result.sale, result.all_refunds))
        for row in result.refunds:
            money = format_money(row.amount, site)
            if row.status is RefundStatus.REFUNDED:
                where = f"Mercado Pago refund {row.mp_refund_id}" if row.mp_refund_id else "cash"
                err(f"refunded {money} ({where})" + (f": {row.note}" if row.note else ""))
            elif row.status is RefundStatus.REFUSED:
                err(f"pos-app: {money} not refunded. {refusal_message(row.reason)}")
            else:
                err(
                    f"pos-app: {money}: no answer from Mercado Pago; the refund is kept and "
                    "checked before anything else next time (run the command again)"
                )
        err(
            f"refunded so far {format_money(result.refunded_amount, site)}; "
            f"left to refund {format_money(result.refundable, site)}"
        )
        return EXIT_OK if result.ok else EXIT_ERROR
