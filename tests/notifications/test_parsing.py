"""IPN and webhook formats (docs §3) into ``(topic, id)`` hints; malformed input refused."""

from __future__ import annotations

import json

import pytest

from pos_app.notifications.parsing import (
    BadNotification,
    Notice,
    parse_body,
    parse_notification,
    parse_query,
)


def parse(query: bytes, body: bytes = b"", content_type: str = "application/json") -> Notice:
    return parse_notification(parse_query(query), parse_body(content_type, body))


IPN_BODY = json.dumps(
    {"resource": "https://api.mercadolibre.com/merchant_orders/15140831325", "topic": "x"}
).encode()


@pytest.mark.parametrize(
    ("query", "body", "content_type", "expected"),
    [
        # IPN as Mercado Pago sends it; the query wins over the body
        (b"topic=merchant_order&id=15140831325", IPN_BODY, "application/json",
         ("merchant_order", "15140831325")),
        (b"topic=payment&id=1316785001", b'{"resource": "1316785001", "topic": "payment"}',
         "application/json", ("payment", "1316785001")),
        # empty or form-encoded bodies, and the app's own query parameters
        (b"source_news=ipn&topic=merchant_order&id=7", b"", "", ("merchant_order", "7")),
        (b"topic=payment&id=8", b"topic=payment&id=8", "application/x-www-form-urlencoded",
         ("payment", "8")),
        (b"topic=payment&id=8", b"\xff\xfe garbage", "text/plain", ("payment", "8")),
        # IPN without an id in the query: the body's resource names it
        (b"topic=merchant_order", IPN_BODY, "application/json",
         ("merchant_order", "15140831325")),
        # webhooks
        (b"data.id=999&type=payment",
         b'{"id": 1, "type": "payment", "action": "payment.created", "data": {"id": "999"}}',
         "application/json", ("payment", "999")),
        (b"", b'{"type": "payment", "action": "payment.updated", "data": {"id": 1001}}',
         "application/json", ("payment", "1001")),
        (b"data.id=5&type=topic_merchant_order_wh",
         b'{"id": 15140831325, "type": "topic_merchant_order_wh", "data": {"id": "5"}}',
         "application/json", ("merchant_order", "15140831325")),
        (b"type=topic_merchant_order_wh", b'{"id": "42", "type": "topic_merchant_order_wh"}',
         "application/json", ("merchant_order", "42")),
        # topics we do not act on are still understood (acknowledged, not fetched)
        (b"data.id=ORD01JQ4S4KY8HWQ6NA5PXB65B3D3&type=order", b"", "",
         ("order", "ORD01JQ4S4KY8HWQ6NA5PXB65B3D3")),
        (b"topic=ping&id=0", b"", "", ("ping", "0")),
    ],
)  # fmt: skip
def test_understood(
    query: bytes, body: bytes, content_type: str, expected: tuple[str, str]
) -> None:
    notice = parse(query, body, content_type)
    assert (notice.topic, notice.resource_id) == expected
    assert notice.actionable == (expected[0] in ("merchant_order", "payment", "order"))


def test_webhook_keeps_the_query_data_id_for_the_signature() -> None:
    notice = parse(b"data.id=ORD01ABC&type=order", b"")
    assert notice.kind == "webhook" and notice.data_id == "ORD01ABC"
    assert parse(b"topic=payment&id=1").kind == "ipn"


@pytest.mark.parametrize(
    ("query", "body"),
    [
        (b"", b""),  # nothing identifies anything
        (b"foo=bar", b""),
        (b"topic=merchant_order", b""),  # no id anywhere
        (b"topic=merchant_order&id=", b""),
        (b"topic=merchant_order&id=12a", b""),  # our topics have numeric ids
        (b"topic=payment&id=%D9%A1", b""),  # an Arabic-Indic one: isdigit() but not ASCII
        (b"topic=payment&id=" + b"1" * 21, b""),  # longer than any 64-bit id
        (b"topic=payment&id=1&id=2", b""),  # two different answers to one question
        (b"topic=payment&topic=merchant_order&id=1", b""),
        (b"topic=%ff&id=1", b""),  # not UTF-8
        (b"topic=pay ment&id=1", b""),
        (b"topic=payment&id=1" + b"&x=1" * 40, b""),  # too many fields
        (b"topic=payment&id=1&pad=" + b"a" * 3000, b""),  # too long
        (b"data.id=1&type=payment", b'{"type": "payment", "data": '),  # malformed JSON
        (b"topic=payment&id=1", b'{"resource": "1", '),  # says JSON, is not
        (b"topic=payment&id=1", b"[" * 60000),  # deep enough to break a recursive parser
        (b"", b'{"type": "payment", "data": {"id": true}}'),
        (b"", b'{"type": "payment", "data": {"id": 1.5}}'),
        (b"", b'["type", "payment"]'),
        (b"", b'{"id": ' + b"9" * 5000 + b"}"),  # beyond int()'s digit limit
    ],
)
def test_malformed(query: bytes, body: bytes) -> None:
    with pytest.raises(BadNotification):
        parse(query, body)


def test_non_ascii_query_bytes_are_malformed() -> None:
    with pytest.raises(BadNotification):
        parse_query("topic=payment&id=1&x=ñ".encode())


def test_json_is_recognised_without_a_content_type() -> None:
    assert parse_body("", b' {"a": 1}') == {"a": 1}
    with pytest.raises(BadNotification):
        parse_body("text/plain", b"{not json")
