"""Small pure pieces: exact JSON money, EMVCo CRC, IPN urls, state seeding."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos_app.sandbox import SandboxState
from pos_app.sandbox.emv import crc16_ccitt
from pos_app.sandbox.jsonutil import JSONSyntaxError, dumps, loads
from pos_app.sandbox.models import Ipn


def test_json_money_round_trip() -> None:
    parsed = loads(b'{"a": 3450.50, "b": 2, "c": 1500.0, "d": [0.1, null, true, "x"]}')
    assert parsed == {"a": Decimal("3450.50"), "b": 2, "c": Decimal("1500.0"), "d": parsed["d"]}
    assert isinstance(parsed["b"], int)
    assert dumps(parsed) == '{"a":3450.5,"b":2,"c":1500,"d":[0.1,null,true,"x"]}'
    assert dumps({"big": Decimal("12345678901234567890.01")}) == '{"big":12345678901234567890.01}'
    assert dumps(Decimal("1E+3")) == "1000"
    with pytest.raises(JSONSyntaxError):
        loads(b'{"a": NaN}')
    with pytest.raises(JSONSyntaxError):
        loads(b"{")


def test_emv_crc() -> None:
    assert crc16_ccitt(b"123456789") == 0x29B1  # the CRC-16/CCITT-FALSE check value


def test_ipn_url() -> None:
    assert Ipn("https://a.test/n", "merchant_order", 7).url == (
        "https://a.test/n?topic=merchant_order&id=7"
    )
    assert (
        Ipn("https://a.test/n?x=1", "payment", 8).url == "https://a.test/n?x=1&topic=payment&id=8"
    )


def test_seeding_is_deterministic() -> None:
    first, second = SandboxState.seeded(), SandboxState.seeded()
    assert first.seller_token == second.seller_token
    assert first.seller_token.startswith("APP_USR-") and first.seller_id == 5001000001
    assert (first.store_external_id, first.box_external_id) == ("SUC001", "CAJA01")
    box, twin = first.find_box(first.seller_id, "CAJA01"), second.find_box(5001000001, "CAJA01")
    assert box is not None and twin is not None and box.fixed_amount
    assert box.qr_code == twin.qr_code and box.qr_code.startswith("000201")
    colombia = SandboxState.seeded("MCO")
    assert colombia.seller_token == first.seller_token and colombia.site_id == "MCO"
    user_id, token = first.add_seller("MPE")
    assert user_id == 5001000002 and token != first.seller_token and token.startswith("APP_USR-")
    assert SandboxState.seeded(token="APP_USR-custom").seller_token == "APP_USR-custom"
    with pytest.raises(ValueError):
        first.add_seller("XXX")
