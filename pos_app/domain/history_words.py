"""A history line's detail in plain words, for the sales history's Detail column.

The ledger keeps each event's ``detail`` as the engine wrote it, for support: ``merchant orders
[123]; PAID 2 TIMES: refund the extra payments``, ``cash``, ``left the box``, an API error key,
``1725.25 5f2c…`` (a refund's amount and its request key), a connection problem as a message
(JSON). :func:`detail_words` turns each form into a translatable :class:`Message` the window
renders in the cashier's language; the stored text stays what support sees (the cell's tooltip
and what is copied). A form it does not know is shown as stored, never dropped.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation

from pos_app.domain.money import Site, money_text
from pos_app.domain.sale import SaleStatus
from pos_app.i18n import QT_TRANSLATE_NOOP, Joined, Message, message

CTX = "SaleHistory"

# What the engine writes (pos_app.checkout.engine / recorder, pos_app.ledger.day / refunds).
_FIXED = {
    "cash": QT_TRANSLATE_NOOP("SaleHistory", "taken in cash"),
    "left the box": QT_TRANSLATE_NOOP("SaleHistory", "the order left the box"),
    "final check": QT_TRANSLATE_NOOP("SaleHistory", "last check before it expired"),
    "never reached the box": QT_TRANSLATE_NOOP("SaleHistory", "the order never reached the box"),
    "also recorded as cash: refund one": QT_TRANSLATE_NOOP(
        "SaleHistory", "it was also taken in cash: refund one of the two"
    ),
    "after it was closed here": QT_TRANSLATE_NOOP("SaleHistory", "paid after it was closed here"),
}
_ORDERS = re.compile(r"merchant orders \[(?P<ids>[^\]]*)\]")
_TIMES = re.compile(r"PAID (?P<count>\d+) TIMES: refund the extra payments")
_ADOPTED = re.compile(
    r"payment (?P<payment>\S+) found at Mercado Pago, reference (?P<reference>.*)", re.S
)
_COUNTED = re.compile(
    r"payment (?P<payment>\d+) already in the books as sale (?P<reference>\S+): "
    r"counted there, not twice"
)


def counted_on(detail: str) -> list[str]:
    """The sales of the books a history line says hold this sale's payments (counted there,
    not twice), in the order it names them."""
    return [m["reference"] for m in _COUNTED.finditer(detail)]


_KEY = re.compile(r"[0-9a-f]{32}")  # uuid4().hex: a request's idempotency key
_TOKEN = re.compile(r"[A-Za-z0-9_\-]{1,64}")  # a refund id at Mercado Pago


def detail_words(
    kind: str, cause: str, new_status: SaleStatus | None, detail: str, site: Site
) -> Message | Joined | None:
    """``detail`` of an event of ``kind`` in plain words; None when there is nothing to say."""
    text = detail.strip()
    if not text:
        return None
    if kind == "trouble" and text.startswith("{"):
        return _stored_message(text) or _as_is(text)
    if kind == "refund":
        return _refund(cause, text, site)
    if kind == "adopted":
        found = _ADOPTED.fullmatch(text)
        if found is None:
            return _as_is(text)
        reference = found["reference"].strip()
        if reference in ("", "(none)"):
            return message(
                CTX,
                QT_TRANSLATE_NOOP("SaleHistory", "payment {payment} found at Mercado Pago"),
                payment=found["payment"],
            )
        return message(
            CTX,
            QT_TRANSLATE_NOOP(
                "SaleHistory", "payment {payment} found at Mercado Pago, reference {reference}"
            ),
            payment=found["payment"],
            reference=reference,
        )
    if new_status is SaleStatus.FAILED and re.fullmatch(r"[a-z0-9_.\-]{1,80}", text):
        return message(CTX, QT_TRANSLATE_NOOP("SaleHistory", "Mercado Pago refused the order"))
    parts: list[Message | str] = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        parts.append(_part(part))
    return Joined(tuple(parts)) if parts else None


def _part(part: str) -> Message | str:
    if part in _FIXED:
        return message(CTX, _FIXED[part])
    orders = _ORDERS.fullmatch(part)
    if orders is not None:
        ids = [i.strip().strip("'\"") for i in orders["ids"].split(",") if i.strip()]
        if not ids:
            return message(CTX, QT_TRANSLATE_NOOP("SaleHistory", "paid at Mercado Pago"))
        return message(
            CTX,
            QT_TRANSLATE_NOOP("SaleHistory", "Mercado Pago order {ids}")
            if len(ids) == 1
            else QT_TRANSLATE_NOOP("SaleHistory", "Mercado Pago orders {ids}"),
            ids=", ".join(ids),
        )
    times = _TIMES.fullmatch(part)
    if times is not None:
        return message(
            CTX,
            QT_TRANSLATE_NOOP("SaleHistory", "PAID {count} TIMES: refund the extra payments"),
            count=times["count"],
        )
    counted = _COUNTED.fullmatch(part)
    if counted is not None:
        return message(
            CTX,
            QT_TRANSLATE_NOOP(
                "SaleHistory",
                "payment {payment} is already in the books as sale {reference}: counted "
                "there, not twice",
            ),
            payment=counted["payment"],
            reference=counted["reference"],
        )
    return part


def _refund(cause: str, text: str, site: Site) -> Message | Joined | None:
    """``{amount} {key}`` when written, ``{amount} {Mercado Pago's refund id or reason}`` when
    settled (pos_app.ledger.refunds)."""
    amount_text, _, rest = text.partition(" ")
    try:
        amount = Decimal(amount_text)
    except (InvalidOperation, ValueError):
        return _as_is(text)
    if not amount.is_finite() or abs(amount) >= 10**15:
        return _as_is(text)
    money = money_text(amount, site)
    rest = rest.strip()
    if not rest or _KEY.fullmatch(rest):  # its request key (pos_app.checkout): support's
        return Joined((money,))
    if cause == "refunded" and _TOKEN.fullmatch(rest):
        return message(
            CTX,
            QT_TRANSLATE_NOOP("SaleHistory", "{amount}, Mercado Pago refund {number}"),
            amount=money,
            number=rest,
        )
    return message(
        CTX, QT_TRANSLATE_NOOP("SaleHistory", "{amount}: {reason}"), amount=money, reason=rest
    )


def stored_message(msg: Message) -> str:
    """``msg`` as a history line keeps it (JSON, as the ledger keeps failure reasons): shown
    translated by :func:`detail_words`, readable as is by support."""
    params = {key: str(value) for key, value in msg.params.items()}
    return json.dumps(
        {"context": msg.context, "source": msg.source, "params": params}, ensure_ascii=False
    )


def _stored_message(text: str) -> Message | None:
    """A message the ledger keeps as JSON (``{"context", "source", "params"}``)."""
    try:
        data = json.loads(text)
        found = Message(str(data["context"]), str(data["source"]), dict(data.get("params", {})))
        found.render()  # its placeholders all have values (a hand-made line may not)
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        return None
    return found


def _as_is(text: str) -> Joined:
    return Joined((text,))
