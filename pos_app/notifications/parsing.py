"""Turn one POST from Mercado Pago (IPN or webhook) into a ``(topic, id)`` hint, or refuse it.

Pure functions over bytes and strings, so the rules are tested without a server. What comes out
is only ever a *hint*: nothing here is believed, the engine fetches the resource itself.

Formats (docs §3):

- IPN: ``?topic=merchant_order&id=N`` or ``?topic=payment&id=N``; body
  ``{"resource": ..., "topic": ...}``, sometimes empty or form-encoded. The query wins.
- Webhook: ``?data.id=N&type=payment`` with a JSON body ``{"type", "action", "data": {"id"}}``;
  for ``topic_merchant_order_wh`` the merchant order id is the body's top-level ``id``.
- Orders API webhook (notes §7): ``?data.id=ORD…&type=order``, body ``{"type": "order",
  "action": "order.processed", "data": {"id": "ORD…", ...}}``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

MERCHANT_ORDER = "merchant_order"
PAYMENT = "payment"
ORDER = "order"  # the Orders API's webhook: data.id is an ``ORD…`` id
PING = "ping"  # ``pos-app doctor``'s probe: answered, never handed to the engine
ACTIONABLE = frozenset({MERCHANT_ORDER, PAYMENT, ORDER})
# Webhook types that name a merchant order (the id is elsewhere in the body, see above).
MERCHANT_ORDER_WEBHOOKS = frozenset({"topic_merchant_order_wh", MERCHANT_ORDER})

MAX_QUERY = 2048
MAX_FIELDS = 32
# Mercado Pago ids are 64-bit numbers; bounding the length also keeps int() cheap and safe.
NUMERIC_ID = re.compile(r"[0-9]{1,20}")
ORDER_ID = re.compile(r"ORD[A-Z0-9]{1,61}")
OTHER_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")
TOPIC = re.compile(r"[A-Za-z][A-Za-z0-9_.-]{0,63}")


class BadNotification(ValueError):
    """The request is malformed: answered 400, never handed on."""


@dataclass(frozen=True)
class Notice:
    """What a notification claims. ``topic`` is normalised (``merchant_order``, ``payment``,
    ``ping`` or the sender's own word for anything else); ``data_id`` is the raw ``data.id``
    query value, which the webhook signature covers."""

    topic: str
    resource_id: str
    kind: str  # "ipn" | "webhook"
    data_id: str | None = None

    @property
    def actionable(self) -> bool:
        return self.topic in ACTIONABLE


def parse_query(raw: bytes) -> dict[str, str]:
    """Decode a query string strictly: bad encoding, too many fields or one key with two
    different values are malformed (a sender that means one thing never sends both)."""
    if len(raw) > MAX_QUERY:
        raise BadNotification("query too long")
    try:
        text = raw.decode("ascii")
        pairs = parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_FIELDS, errors="strict")
    except (UnicodeError, ValueError) as exc:
        raise BadNotification("malformed query") from exc
    out: dict[str, str] = {}
    for key, value in pairs:
        if out.setdefault(key, value) != value:
            raise BadNotification(f"conflicting values for {key!r}")
    return out


def parse_body(content_type: str, body: bytes) -> dict[str, Any]:
    """The body as a dict: JSON object, form fields, or empty. A body that says it is JSON and
    is not is malformed; anything else unreadable is ignored (the query is authoritative)."""
    media = content_type.split(";", 1)[0].strip().lower()
    stripped = body.strip()
    if not stripped:
        return {}
    if media == "application/json" or media.endswith("+json") or stripped[:1] in (b"{", b"["):
        try:
            data = json.loads(stripped.decode("utf-8"))
        # RecursionError: 64 KiB of "[" is valid-looking and blows the parser's stack.
        except (UnicodeError, ValueError, RecursionError) as exc:
            raise BadNotification("malformed JSON body") from exc
        return data if isinstance(data, dict) else {}
    if media == "application/x-www-form-urlencoded":
        try:
            return dict(parse_query(stripped))
        except BadNotification:
            return {}
    return {}


def parse_notification(query: dict[str, str], body: dict[str, Any]) -> Notice:
    topic = query.get("topic")
    webhook_type = query.get("type")
    if topic is not None:
        return _ipn(topic, query.get("id"), body)
    if webhook_type is not None or "data.id" in query:
        return _webhook(webhook_type, query.get("data.id"), body)
    # Nothing in the query: fall back on the body (IPN or webhook shaped).
    if "topic" in body:
        return _ipn(_text(body.get("topic")), _text(body.get("id")), body)
    if "type" in body:
        return _webhook(_text(body.get("type")), None, body)
    raise BadNotification("no topic or type")


def _ipn(topic: str | None, resource_id: str | None, body: dict[str, Any]) -> Notice:
    topic = _topic(topic)
    if resource_id is None:
        resource_id = _resource_tail(body.get("resource"))
    return Notice(topic, _id(topic, resource_id), "ipn")


def _webhook(webhook_type: str | None, data_id: str | None, body: dict[str, Any]) -> Notice:
    webhook_type = _topic(webhook_type if webhook_type is not None else _text(body.get("type")))
    if webhook_type in MERCHANT_ORDER_WEBHOOKS:
        # Observed: the merchant order id is the body's top-level "id" (UNCONFIRMED, §3).
        resource_id = _text(body.get("id")) or data_id or _data_id(body)
        return Notice(MERCHANT_ORDER, _id(MERCHANT_ORDER, resource_id), "webhook", data_id)
    resource_id = data_id if data_id is not None else _data_id(body)
    return Notice(webhook_type, _id(webhook_type, resource_id), "webhook", data_id)


def _topic(value: str | None) -> str:
    if value is None or not TOPIC.fullmatch(value):
        raise BadNotification("missing or malformed topic")
    return value.lower()


def _id(topic: str, value: str | None) -> str:
    if topic == ORDER:
        pattern = ORDER_ID
    else:
        pattern = NUMERIC_ID if topic in ACTIONABLE or topic == PING else OTHER_ID
    if value is None or not pattern.fullmatch(value):
        raise BadNotification(f"missing or malformed id for {topic}")
    return value


def _text(value: Any) -> str | None:
    """JSON ids come as strings or integers; anything else (bool, float, object) is no id."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _data_id(body: dict[str, Any]) -> str | None:
    data = body.get("data")
    return _text(data.get("id")) if isinstance(data, dict) else None


def _resource_tail(resource: Any) -> str | None:
    """``https://api.mercadolibre.com/merchant_orders/151`` or ``"151"`` -> ``"151"``."""
    text = _text(resource)
    if not text:
        return None
    return text.rstrip("/").rsplit("/", 1)[-1]
