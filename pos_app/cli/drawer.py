"""``pos-app cash in|out`` and ``shift open|hand-over``: the drawer's money, in the ledger only (no
network: :mod:`pos_app.cli.dispatch` imports this module, not :mod:`pos_app.cli.day`'s engine).
"""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime
from decimal import Decimal

from pos_app.cli.dispatch import UsageError
from pos_app.cli.output import EXIT_ERROR, EXIT_OK, amount_json, err, print_json
from pos_app.domain.day import CloseReport, MovementKind
from pos_app.domain.money import Site, format_money, site_for
from pos_app.domain.text_fields import CASH_REASON, CASHIER_NAME, check_text
from pos_app.domain.validation import ValidationError, read_plain_amount
from pos_app.ledger.store import Ledger
from pos_app.settings import config as config_mod
from pos_app.settings import paths


class DayUsageError(UsageError):
    """A day command's argument is wrong (``cash``, ``shift``, ``close``, ``reconcile``)."""


def read_amount(text: str, site: Site, what: str, *, zero_ok: bool = False) -> Decimal:
    """An amount argument (a dot is the decimal mark), or why not as a usage error.
    ``zero_ok``: a zero is taken too (a shift opened with an empty drawer, as the window allows)."""
    try:
        return read_plain_amount(text, site, zero_ok=zero_ok, price=False)
    except ValidationError as exc:
        raise DayUsageError(f"{what}: {exc.msg}") from None


def read_day(text: str, what: str) -> date:
    """A ``YYYY-MM-DD`` argument (:func:`~pos_app.domain.day.parse_day`), or why not."""
    from pos_app.domain.day import FIRST_DAY, LAST_DAY, parse_day

    day = parse_day(text)
    if day is None:
        raise DayUsageError(
            f"{what}: expected YYYY-MM-DD, a day from {FIRST_DAY.year} to {LAST_DAY.year}"
        )
    return day


def period_given(args: argparse.Namespace) -> bool:
    """``--from`` or ``--to`` on the command line, even empty (``--from ''`` is a bad day to
    refuse, not "no period": it listed the newest sales, and ``close --from ''`` closed the day)."""
    return args.date_from is not None or args.date_to is not None


def read_period(
    date_from: str | None, date_to: str | None, site_id: str
) -> tuple[datetime, datetime]:
    """``--from``/``--to`` (``--to`` inclusive, ``--from`` alone: that day) as ``[first
    midnight, midnight after the last day)`` in the site's zone. ``None``: not given; an empty
    or blank text is refused as a bad day (a script's unset variable), never read as not given."""
    from pos_app.domain.day import day_bounds, site_zone

    if date_from is None:
        raise DayUsageError("--to needs --from")
    first = read_day(date_from, "--from")
    last = read_day(date_to, "--to") if date_to is not None else first
    if last < first:
        raise DayUsageError("--to is before --from")
    zone = site_zone(site_id)
    return day_bounds(first, zone)[0], day_bounds(last, zone)[1]


def config_site() -> Site:
    return site_for(config_mod.load().config.site_id)


def cmd_cash(args: argparse.Namespace) -> int:
    site = config_site()
    amount = read_amount(args.amount, site, "AMOUNT")
    if amount <= 0:
        raise DayUsageError("AMOUNT must be more than zero")
    try:
        reason = check_text(args.reason, CASH_REASON)
    except ValidationError as exc:
        raise DayUsageError(f"--reason: {exc.msg}") from None
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        move = ledger.day.add_movement(
            MovementKind(args.direction), amount, reason, now=datetime.now(UTC)
        )
    finally:
        ledger.close()
    data = {
        "kind": move.kind.value,
        "amount": amount_json(move.amount, site),
        "reason": move.reason,
        "at": move.at.isoformat(),
    }
    if args.json:
        print_json(data)
    else:
        print(f"cash {move.kind.value} {format_money(move.amount, site)}: {move.reason}")
    return EXIT_OK


def _cashier(text: str, option: str) -> str:
    """A cashier's name argument, cleaned and checked, or why not as a usage error."""
    try:
        return check_text(text, CASHIER_NAME)
    except ValidationError as exc:
        raise DayUsageError(f"{option}: {exc.msg}") from None


def cmd_shift(args: argparse.Namespace) -> int:
    if args.shift_command == "hand-over":
        return _hand_over(args)
    if args.shift_command == "report":
        return _shift_report(args)
    site = config_site()
    starting = read_amount(args.starting_float, site, "--float", zero_ok=True)
    cashier = _cashier(args.cashier, "--cashier")
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        shift = ledger.day.open_shift(cashier, starting, now=datetime.now(UTC))
    finally:
        ledger.close()
    if args.json:
        print_json(
            {
                "id": shift.id,
                "cashier": shift.cashier,
                "starting_float": amount_json(shift.starting_float, site),
                "opened_at": shift.opened_at.isoformat(),
            }
        )
    else:
        print(f"shift {shift.id} opened: {shift.cashier}, float {format_money(starting, site)}")
    return EXIT_OK


def _hand_over(args: argparse.Namespace) -> int:
    site = config_site()
    counted = read_amount(args.counted, site, "--counted", zero_ok=True)
    cashier = _cashier(args.cashier, "--to")
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        done = ledger.day.hand_over(site, cashier, counted, now=datetime.now(UTC))
        report = ledger.day.preview(site, now=datetime.now(UTC)) if args.print_report else None
    finally:
        ledger.close()
    if args.json:
        print_json(
            {
                "from_cashier": done.from_cashier,
                "to_cashier": done.to_cashier,
                "at": done.at.isoformat(),
                "expected": amount_json(done.expected, site),
                "counted": amount_json(done.counted, site),
                "difference": amount_json(done.difference, site),
            }
        )
    else:
        print(
            f"drawer handed from {done.from_cashier} to {done.to_cashier}: "
            f"expected {format_money(done.expected, site)}, "
            f"counted {format_money(done.counted, site)}, "
            f"difference {format_money(done.difference, site)}"
        )
    if report is not None:
        _print_shift_report(report, site, "the hand-over is recorded, but it did not print")
    return EXIT_OK


def _print_shift_report(report: CloseReport, site: Site, failed: str) -> bool:
    """The shift report on the configured receipt printer; said on stderr either way."""
    from pos_app.cli.day import print_close_report

    config = config_mod.load().config
    problem = print_close_report(report, site, config, shift_report=True)
    if problem:
        err(f"pos-app: {failed}: {problem}")
        return False
    err(f"shift report sent to {config.receipt_printer}")
    return True


def _shift_report(args: argparse.Namespace) -> int:
    """``shift report``: the period so far from the ledger (no network: a close first asks
    Mercado Pago about the open sales), nothing written."""
    from pos_app.cli.day import report_lines
    from pos_app.domain.day import report_to_json

    site = config_site()
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        report = ledger.day.preview(site, now=datetime.now(UTC))
    finally:
        ledger.close()
    if args.json:
        print_json(report_to_json(report, site))
    else:
        print("shift report (not a close)")
        print("\n".join(report_lines(report, site)[1:]))  # no close number: nothing closed
    if args.print_report and not _print_shift_report(report, site, "it did not print"):
        return EXIT_ERROR
    return EXIT_OK
