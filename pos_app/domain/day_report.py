"""The close report as rows to print: one model for the window, the PDF and the receipt printer.

:func:`report_rows` gives ``(label, value)`` pairs with translatable labels (context
``CloseReport``) and values already written in the site's money; a renderer (the Close day
dialog, the PDF, a thermal printer) only lays them out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from pos_app.domain.day import (
    CloseReport,
    HandOver,
    MovementKind,
    RefundFact,
    drawer_expected_now,
    uncounted_shifts,
)
from pos_app.domain.money import Site, format_money
from pos_app.domain.sale import Tender
from pos_app.i18n import QT_TRANSLATE_NOOP, Message

CTX = "CloseReport"


@dataclass(frozen=True)
class ReportRow:
    label: Message
    value: str
    kind: str = "row"  # "row" | "heading" | "total" | "warning"


def _m(source: str, **params: object) -> Message:
    return Message(CTX, source, dict(params))


def _when(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _refund_label(refund: RefundFact) -> Message:
    cash = refund.tender is Tender.CASH
    if refund.note:
        source = (
            QT_TRANSLATE_NOOP("CloseReport", "Sale {reference}, in cash: {note}")
            if cash
            else QT_TRANSLATE_NOOP("CloseReport", "Sale {reference}: {note}")
        )
        return _m(source, reference=refund.reference, note=refund.note)
    source = (
        QT_TRANSLATE_NOOP("CloseReport", "Sale {reference}, in cash")
        if cash
        else QT_TRANSLATE_NOOP("CloseReport", "Sale {reference}")
    )
    return _m(source, reference=refund.reference)


def _difference_row(difference: Decimal, money: Callable[[object], str]) -> ReportRow:
    # Which way the drawer is off, in words: a minus sign (and a colour on screen) was all
    # that told "cash missing" from "cash over".
    if difference < 0:
        label = QT_TRANSLATE_NOOP("CloseReport", "Difference: missing from the drawer")
    elif difference > 0:
        label = QT_TRANSLATE_NOOP("CloseReport", "Difference: more than expected")
    else:
        label = QT_TRANSLATE_NOOP("CloseReport", "Difference")
    return ReportRow(_m(label), money(difference), "warning" if difference else "total")


def _handover_rows(handover: HandOver, money: Callable[[object], str]) -> list[ReportRow]:
    """One hand-over: who gave the drawer to whom and when, what it should have held, what was
    counted, and the outgoing cashier's difference."""
    return [
        ReportRow(
            _m(
                QT_TRANSLATE_NOOP("CloseReport", "Hand-over {at}: {from_cashier} to {to_cashier}"),
                at=handover.at.astimezone().strftime("%H:%M"),
                from_cashier=handover.from_cashier,
                to_cashier=handover.to_cashier,
            ),
            "",
            "heading",
        ),
        ReportRow(_m(QT_TRANSLATE_NOOP("CloseReport", "Expected then")), money(handover.expected)),
        ReportRow(_m(QT_TRANSLATE_NOOP("CloseReport", "Counted then")), money(handover.counted)),
        _difference_row(handover.difference, money),
    ]


def report_rows(report: CloseReport, site: Site, *, shift_report: bool = False) -> list[ReportRow]:
    """``shift_report``: the period so far, printed when the drawer changes hands or asked for
    during the day (an "X report"): nothing is closed, so it carries no close number."""

    def money(value: object) -> str:
        from decimal import Decimal

        assert isinstance(value, Decimal)
        return format_money(value, site)

    heading = (
        ReportRow(_m(QT_TRANSLATE_NOOP("CloseReport", "Shift report, not a close")), "", "heading")
        if shift_report
        else ReportRow(
            _m(QT_TRANSLATE_NOOP("CloseReport", "Close number")), str(report.number), "heading"
        )
    )
    rows = [
        heading,
        ReportRow(_m(QT_TRANSLATE_NOOP("CloseReport", "From")), _when(report.opened_at)),
        ReportRow(_m(QT_TRANSLATE_NOOP("CloseReport", "To")), _when(report.closed_at)),
        ReportRow(_m(QT_TRANSLATE_NOOP("CloseReport", "Sales")), str(report.sales_count)),
        ReportRow(
            _m(QT_TRANSLATE_NOOP("CloseReport", "Mercado Pago QR")),
            money(report.totals["mercadopago_qr"]),
        ),
        ReportRow(_m(QT_TRANSLATE_NOOP("CloseReport", "Cash")), money(report.totals["cash"])),
        ReportRow(
            _m(QT_TRANSLATE_NOOP("CloseReport", "Refunds ({count})"), count=report.refunds_count),
            money(-report.refunds_total),
        ),
        ReportRow(_m(QT_TRANSLATE_NOOP("CloseReport", "Net")), money(report.net), "total"),
    ]
    for rate, amount in report.iva.items():
        rows.append(
            ReportRow(_m(QT_TRANSLATE_NOOP("CloseReport", "IVA {rate}%"), rate=rate), money(amount))
        )
    rows += [
        ReportRow(
            _m(QT_TRANSLATE_NOOP("CloseReport", "Canceled sales")), str(report.canceled_count)
        ),
        ReportRow(_m(QT_TRANSLATE_NOOP("CloseReport", "Expired sales")), str(report.expired_count)),
    ]
    if report.refund_list:  # each refund with why the money went back (the cashier's note)
        rows.append(ReportRow(_m(QT_TRANSLATE_NOOP("CloseReport", "Refunds")), "", "heading"))
        rows += [ReportRow(_refund_label(r), money(-r.amount)) for r in report.refund_list]
    if report.shift_sales:  # the drawer changed hands: who sold what
        rows.append(
            ReportRow(_m(QT_TRANSLATE_NOOP("CloseReport", "Sales by shift")), "", "heading")
        )
        rows += [
            ReportRow(
                _m(
                    QT_TRANSLATE_NOOP("CloseReport", "{cashier}, {since}-{until}, sales: {count}"),
                    cashier=t.cashier,
                    since=t.since.astimezone().strftime("%H:%M"),
                    until=t.until.astimezone().strftime("%H:%M"),
                    count=t.sales_count,
                ),
                money(t.qr + t.cash),
            )
            for t in report.shift_sales
        ]
    rows.append(ReportRow(_m(QT_TRANSLATE_NOOP("CloseReport", "Cash drawer")), "", "heading"))
    uncounted = uncounted_shifts(report.shifts)
    for shift in report.shifts:
        # One shift per period since the ledger refuses a second; an older ledger may hold
        # more. Only the first float is in the expected cash (the later ones were the drawer
        # handed over): each later one is listed as not added, and a warning says why, so the
        # column still adds up and no float is left out silently.
        if shift.handover:
            # Its "float" is the drawer counted at the hand-over: listed below with the count.
            continue
        label = (
            QT_TRANSLATE_NOOP("CloseReport", "Shift: {cashier}")
            if shift not in uncounted
            else QT_TRANSLATE_NOOP("CloseReport", "Shift: {cashier} (float not added)")
        )
        rows.append(ReportRow(_m(label, cashier=shift.cashier), money(shift.starting_float)))
    if uncounted:
        boxes = {s.box for s in uncounted}
        rows.append(
            ReportRow(
                _m(
                    QT_TRANSLATE_NOOP(
                        "CloseReport",
                        "{count} shifts were opened in this period (an older version allowed "
                        "it): only the first one's float is in the expected cash. A later float "
                        "that was new cash shows as more than expected.",
                    ),
                    count=sum(1 for s in report.shifts if s.box in boxes),
                ),
                "",
                "warning",
            )
        )
    rows.append(
        ReportRow(
            _m(QT_TRANSLATE_NOOP("CloseReport", "Starting float")), money(report.starting_float)
        )
    )
    for move in report.movements:
        label = (
            QT_TRANSLATE_NOOP("CloseReport", "Cash in: {reason}")
            if move.kind is MovementKind.IN
            else QT_TRANSLATE_NOOP("CloseReport", "Cash out: {reason}")
        )
        rows.append(ReportRow(_m(label, reason=move.reason), money(move.signed)))
    rows.append(
        ReportRow(
            _m(QT_TRANSLATE_NOOP("CloseReport", "Expected cash")),
            money(report.expected_cash),
            "total",
        )
    )
    if report.counted_cash is not None and report.difference is not None:
        rows.append(
            ReportRow(
                _m(QT_TRANSLATE_NOOP("CloseReport", "Counted cash")), money(report.counted_cash)
            )
        )
        rows.append(_difference_row(report.difference, money))
        if report.handovers:
            # The day's difference is every shift's: the hand-overs' (above) and the last one's.
            last = report.handovers[-1]
            own = report.counted_cash - drawer_expected_now(report)
            rows.append(
                ReportRow(
                    _m(
                        QT_TRANSLATE_NOOP("CloseReport", "of which in {cashier}'s shift"),
                        cashier=last.to_cashier,
                    ),
                    money(own),
                )
            )
    for handover in report.handovers:
        rows += _handover_rows(handover, money)
    if report.open_count:
        rows.append(
            ReportRow(
                _m(
                    QT_TRANSLATE_NOOP(
                        "CloseReport", "Sales still open (they count when they end): {count}"
                    ),
                    count=report.open_count,
                ),
                "",
                "warning",
            )
        )
    for ref in report.late_payments:
        rows.append(
            ReportRow(
                _m(
                    QT_TRANSLATE_NOOP("CloseReport", "Paid late, check for a double charge: {ref}"),
                    ref=ref,
                ),
                "",
                "warning",
            )
        )
    return rows


def report_text(rows: list[ReportRow], translate: Callable[[Message], str], width: int = 42) -> str:
    """The rows as fixed-width text (a 58/80 mm receipt printer: 32/42/48 columns): the label
    on the left, the value on the right; a label too long for the line is wrapped between
    words (a word longer than the line is cut), the value on its last line when it fits there,
    else on a line of its own; a heading too long is wrapped, never cut short."""
    out: list[str] = []
    for row in rows:
        label, value = translate(row.label), row.value
        if row.kind == "heading":
            out.append("")
            out += _wrap(f"{label} {value}".strip(), width)
            out.append("-" * width)
            continue
        lines = _wrap(label, width)
        last = lines.pop()
        out += lines
        if not value:
            out.append(last)
        elif len(last) + 1 + len(value) <= width:
            out.append(last + " " * (width - len(last) - len(value)) + value)
        else:
            out += [last, value.rjust(width)]
    return "\n".join(out).lstrip("\n") + "\n"


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken between words (at least one
    line, maybe empty)."""
    import textwrap  # here: the window's first frame never lays out a report

    return textwrap.wrap(text, width, break_on_hyphens=False) or [""]
