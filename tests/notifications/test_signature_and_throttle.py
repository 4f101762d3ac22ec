"""The webhook signature (docs §3) and the per-address token bucket."""

from __future__ import annotations

import hashlib
import hmac

from pos_app.notifications import signature
from pos_app.notifications.throttle import TokenBuckets

SECRET = "e3f1c0ffee"


def test_manifest_follows_the_documented_template() -> None:
    assert signature.manifest("123", "req-1", "1704908010") == (
        "id:123;request-id:req-1;ts:1704908010;"
    )
    # Absent parts are dropped; alphanumeric ids are signed in lower case.
    assert signature.manifest(None, "req-1", "17") == "request-id:req-1;ts:17;"
    assert signature.manifest("ORD01ABC", None, "17") == "id:ord01abc;ts:17;"


def test_valid_signature_matches_an_independent_computation() -> None:
    expected = hmac.new(
        SECRET.encode(), b"id:999;request-id:abc-1;ts:1704908010;", hashlib.sha256
    ).hexdigest()
    header = f"ts=1704908010, v1={expected}"
    assert signature.verify(SECRET, header, "999", "abc-1")
    assert signature.sign(SECRET, "999", "abc-1", "1704908010") == f"ts=1704908010,v1={expected}"


def test_invalid_signatures() -> None:
    good = signature.sign(SECRET, "999", "abc-1", "1704908010")
    assert not signature.verify("another-secret", good, "999", "abc-1")
    assert not signature.verify(SECRET, good, "998", "abc-1")  # another resource
    assert not signature.verify(SECRET, good, "999", "abc-2")  # another delivery
    assert not signature.verify(SECRET, good.replace("1704908010", "1704908011"), "999", "abc-1")
    assert not signature.verify(SECRET, "ts=1704908010", "999", "abc-1")  # no v1
    assert not signature.verify(SECRET, "garbage", "999", "abc-1")
    assert not signature.verify(SECRET, "ts=1,v1=ñandú", "999", "abc-1")  # non-ASCII: no crash
    assert not signature.verify("", good, "999", "abc-1")


def test_token_bucket_allows_a_burst_then_the_rate() -> None:
    now = [0.0]
    buckets = TokenBuckets(rate=2.0, burst=3, clock=lambda: now[0])
    assert [buckets.allow("10.0.0.1") for _ in range(4)] == [True, True, True, False]
    assert buckets.allow("10.0.0.2")  # another address has its own bucket
    now[0] += 0.5  # one token back
    assert buckets.allow("10.0.0.1") and not buckets.allow("10.0.0.1")
    now[0] += 100
    assert [buckets.allow("10.0.0.1") for _ in range(4)] == [True, True, True, False]
    assert buckets.retry_after() == 1


def test_token_bucket_table_is_bounded() -> None:
    buckets = TokenBuckets(rate=1.0, burst=1, max_clients=100)
    for i in range(1000):
        buckets.allow(f"10.0.{i // 256}.{i % 256}")
    assert len(buckets) == 100
