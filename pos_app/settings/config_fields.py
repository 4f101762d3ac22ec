"""What each key of the config file may hold: its type and its range, as Settings accepts them.

:func:`check_fields` sorts what a settings file holds into the values that make sense and the
ones that do not (with the reason, in English, for the log and the notice). It knows nothing of
:class:`~pos_app.settings.config.Config` itself, so the config module can use it without a cycle.

Note: ``bool`` is a subclass of ``int`` in Python, and JSON has ``NaN`` and ``Infinity``
(Python's ``json`` reads them): both are refused wherever a number belongs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from pos_app.domain.money import DEFAULT_SITE_ID, SITES, has_valid_decimals
from pos_app.domain.scale_layouts import layouts_problem
from pos_app.i18n import Message
from pos_app.mercadopago.credentials import check_base_url
from pos_app.receipts import CODE_PAGES
from pos_app.settings import rules, supervisor
from pos_app.settings.setup import box_id_problem, parse_trusted_proxies, store_id_problem

MAX_TEXT = 500  # names and titles: far more than Mercado Pago takes
MAX_QR_TEXT = 1_000  # an EMVCo payload is a few hundred characters
MAX_USER_ID = 2**63 - 1
# Not in Settings, but still bounded: the slow phase starts within a day, notifications count
# as recent for at most an hour.
MAX_MEDIUM_UNTIL_SECONDS = 86_400.0
MAX_HINT_WINDOW_SECONDS = 3_600.0
# The largest sale as the config file stores it: plain digits, a dot for decimals.
_AMOUNT = re.compile(r"^[0-9]{1,15}(?:\.[0-9]{1,4})?$")

Problem = str  # why a value was dropped, in English (logs, the notice's detail)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)  # refuses NaN and Infinity; huge ints raise OverflowError
    )


def _number(value: Any) -> float | None:
    try:
        return float(value) if _is_number(value) else None
    except OverflowError:  # an integer beyond a float
        return None


def _text(value: Any, check: Callable[[str], Message | str | None] | None = None) -> Problem | None:
    if not isinstance(value, str):
        return "not text"
    if len(value) > MAX_TEXT:
        return "too long"
    if check is not None and value:
        problem = check(value)
        if problem is not None:
            return str(problem)
    return None


def _base_url(text: str) -> Message | None:
    secret = rules.address_secret_problem(text)
    if secret is not None:
        return secret
    try:
        check_base_url(text)
    except Exception as exc:  # BaseUrlError, or a ValueError from urlsplit
        msg = getattr(exc, "msg", None)
        return msg if isinstance(msg, Message) else Message("Config", "not an address")
    return None


# Checks of settings most shops leave empty (no check then) import their module when used:
# every command reads the settings (issue 19, start-up).
def _printer(text: str) -> Message | None:
    from pos_app.receipts.printers import printer_problem

    return printer_problem(text)


def _store_database(text: str) -> Message | None:
    from pos_app.store.address import address_problem

    return address_problem(text)


def _language(text: str) -> Message | None:
    codes = {choice.code for choice in rules.LANGUAGES}
    return None if text in codes else Message("Config", "not a language this app speaks")


def plain_amount(text: str) -> Decimal | None:
    """``150000`` or ``99999.50`` (how the config stores an amount) as a positive ``Decimal``;
    ``None`` for anything else ("1e309", "sNaN", "Infinity", "-5", "1_000", "1.234,50")."""
    if not _AMOUNT.match(text):
        return None
    try:
        amount = Decimal(text)
        return amount if amount > 0 else None
    except Exception:  # whatever Decimal raises, never a traceback
        return None


def max_total_problem(value: Any, site_id: str) -> Problem | None:
    """The largest sale as stored: "" (the site's default) or a plain positive amount with no
    more decimals than the site's currency has."""
    if not isinstance(value, str):
        return "not text"
    if not value:
        return None
    amount = plain_amount(value)
    if amount is None:
        return "not an amount like 150000 or 99999.50"
    site = SITES.get(site_id, SITES[DEFAULT_SITE_ID])
    try:
        if not has_valid_decimals(amount, site):
            return f"{site.currency} has {site.decimals} decimals"
    except Exception:  # whatever the money rules raise, never a traceback
        return "not an amount"
    return None


_POLL_CHECKS: Mapping[str, Callable[[float], Problem | None]] = {
    "fast": lambda v: _message_text(rules.poll_interval_problem(v)),
    "medium": lambda v: _message_text(rules.poll_interval_problem(v)),
    "slow": lambda v: _message_text(rules.poll_interval_problem(v)),
    "with_notifications": lambda v: _message_text(rules.poll_interval_problem(v)),
    "fast_for": lambda v: _message_text(rules.fast_phase_problem(v)),
    "medium_until": lambda v: None if 0 <= v <= MAX_MEDIUM_UNTIL_SECONDS else "0 to 86400",
    "hint_window": lambda v: None if 0 <= v <= MAX_HINT_WINDOW_SECONDS else "0 to 3600",
}


def _message_text(msg: Message | None) -> Problem | None:
    return None if msg is None else str(msg)


def _user_id(value: Any) -> Problem | None:
    if value is None:
        return None
    if not _is_int(value) or not 0 < value <= MAX_USER_ID:
        return "not a Mercado Pago user id"
    return None


def _ttl(value: Any) -> Problem | None:
    if not _is_int(value):
        return "not a whole number of minutes"
    return _message_text(rules.order_ttl_problem(value))


def _proxies(value: str) -> Problem | None:
    try:
        parse_trusted_proxies(value)
    except ValueError as exc:
        return str(exc)
    return None


def _bool(value: Any) -> Problem | None:
    return None if isinstance(value, bool) else "not true or false"


def _choice(*allowed: str) -> Callable[[Any], Problem | None]:
    def check(value: Any) -> Problem | None:
        return None if isinstance(value, str) and value in allowed else f"one of {list(allowed)}"

    return check


def _qr_text(value: Any) -> Problem | None:
    if not isinstance(value, str):
        return "not text"
    if len(value) > MAX_QR_TEXT or not value.isprintable():
        return "not a QR payload"
    return None


def _keep(value: Any) -> Problem | None:
    if not _is_int(value):
        return "not a whole number"
    return _message_text(rules.backup_keep_problem(value))


def _site(value: Any) -> Problem | None:
    return None if isinstance(value, str) and value in SITES else "not a Mercado Pago site"


_TOP: Mapping[str, Callable[[Any], Problem | None]] = {
    "user_id": _user_id,
    "site_id": _site,
    "nickname": _text,
    "is_test_user": _bool,
    "api_base_url": lambda v: _text(v, _base_url),
    "store_external_id": lambda v: _text(v, store_id_problem),
    "store_name": _text,
    "box_external_id": lambda v: _text(v, box_id_problem),
    "box_name": _text,
    "order_title": _text,
    "order_ttl_minutes": _ttl,
    "sound_on_paid": _bool,
    "api": _choice("instore", "orders"),
    "qr_mode": _choice("static", "dynamic", "hybrid"),
    "notify_listen": lambda v: _text(v, rules.listen_problem),
    "notify_url": lambda v: _text(v, rules.notify_url_problem),
    "notify_trusted_proxies": lambda v: _text(v, _proxies),
    "language": lambda v: _text(v, _language),
    "max_discount_percent": supervisor.max_discount_problem,
    "supervisor_pin": lambda v: _text(v, supervisor.pin_hash_problem),
    "scale_labels": lambda v: _text(v, _scale_labels),
    "receipt_printer": lambda v: _text(v, _printer),
    "receipt_paper_mm": lambda v: None if _is_int(v) and v in (58, 80) else "not 58 or 80",
    "receipt_code_page": lambda v: None if v in CODE_PAGES else "not a known code page",
    "receipt_shop_name": _text,
    "receipt_header": _text,
    "receipt_footer": _text,
    "receipt_auto_print": _bool,
    "receipt_print_qr": _bool,
    "box_qr_code": _qr_text,
    "backup_folder": _text,
    "backup_keep": _keep,
    "store_database": lambda v: _text(v, _store_database),
    "customer_display": lambda v: (
        "not off, window or fullscreen"
        if not isinstance(v, str) or v not in rules.DISPLAY_MODES
        else None
    ),
    "customer_display_screen": lambda v: _text(v, rules.screen_name_problem),
    "shop_logo": lambda v: _text(v, rules.logo_path_problem),
}


def _scale_labels(text: str) -> Problem | None:
    return layouts_problem([part for part in text.split(",") if part.strip()])


def check_fields(
    data: Mapping[str, Any], *, schema_version: int
) -> tuple[dict[str, Any], dict[str, float], list[tuple[str, Problem]]]:
    """``(settings, poll, dropped)``: the valid top-level settings, the valid ``poll`` steps
    and ``(key, why)`` for each value that went back to its default. Unknown keys (from a newer
    release) are ignored, not reported."""
    values: dict[str, Any] = {}
    poll: dict[str, float] = {}
    dropped: list[tuple[str, Problem]] = []
    version = data.get("schema_version", 1)
    if not _is_int(version) or not 1 <= version <= schema_version:
        dropped.append(("schema_version", f"unknown version {str(version)[:20]}"))
    for name, check in _TOP.items():
        if name not in data:
            continue
        problem = check(data[name])
        if problem is None:
            values[name] = data[name]
        else:
            dropped.append((name, problem))
    site_id = values.get("site_id", DEFAULT_SITE_ID)
    if "max_total" in data:
        problem = max_total_problem(data["max_total"], site_id)
        if problem is None:
            values["max_total"] = data["max_total"]
        else:
            dropped.append(("max_total", problem))
    raw_poll = data.get("poll", {})
    if not isinstance(raw_poll, dict):
        dropped.append(("poll", "not an object"))
        raw_poll = {}
    for name, poll_check in _POLL_CHECKS.items():
        if name not in raw_poll:
            continue
        number = _number(raw_poll[name])
        problem = "not a number" if number is None else poll_check(number)
        if number is not None and problem is None:
            poll[name] = number
        else:
            dropped.append((f"poll.{name}", problem or "not a number"))
    return values, poll, dropped
