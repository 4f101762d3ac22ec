"""EMVCo-style text for a box's static QR, as ``GET /pos/{id}`` returns in ``qr_code``.

Not byte-identical to Mercado Pago's (their merchant-account template is undocumented), but it is
well-formed TLV with a valid CRC, so a QR printed from it by the app scans as an EMVCo payload.
Deterministic per box, so screenshots and tests are stable.
"""

from __future__ import annotations


def _tlv(tag: str, value: str) -> str:
    if len(value) > 99:
        raise ValueError(f"EMV field {tag} too long")
    return f"{tag}{len(value):02d}{value}"


def crc16_ccitt(data: bytes) -> int:
    """CRC-16/CCITT-FALSE, the checksum EMVCo merchant-presented QR codes end with."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def box_qr_text(
    *,
    user_id: int,
    box_uuid: str,
    box_external_id: str,
    currency_numeric: str,
    country_id: str,
    merchant_name: str,
    city: str,
) -> str:
    account = _tlv("00", "com.mercadolibre") + _tlv("01", box_uuid)
    payload = (
        _tlv("00", "01")  # payload format indicator
        + _tlv("01", "11")  # static QR: the same code is reused for every sale
        + _tlv("43", account)
        + _tlv("50", _tlv("00", str(user_id)))
        + _tlv("52", "0000")  # merchant category code: unknown
        + _tlv("53", currency_numeric)
        + _tlv("58", country_id)
        + _tlv("59", merchant_name[:25] or "MERCHANT")
        + _tlv("60", city[:15] or "CITY")
        + _tlv("62", _tlv("07", box_external_id[:25]))
        + "6304"
    )
    return payload + f"{crc16_ccitt(payload.encode('utf-8')):04X}"


def order_qr_text(
    *,
    user_id: int,
    order_id: str,
    amount: str,
    currency_numeric: str,
    country_id: str,
    merchant_name: str,
    city: str,
) -> str:
    """A dynamic (single-use) QR for one Orders API order: point of initiation 12, the amount
    and the order id inside, so a phone that reads it knows what it pays."""
    account = _tlv("00", "com.mercadolibre") + _tlv("01", order_id)
    payload = (
        _tlv("00", "01")
        + _tlv("01", "12")  # dynamic QR: valid for this order only
        + _tlv("43", account)
        + _tlv("50", _tlv("00", str(user_id)))
        + _tlv("52", "0000")
        + _tlv("53", currency_numeric)
        + _tlv("54", amount)
        + _tlv("58", country_id)
        + _tlv("59", merchant_name[:25] or "MERCHANT")
        + _tlv("60", city[:15] or "CITY")
        + _tlv("62", _tlv("05", order_id[:25]))
        + "6304"
    )
    return payload + f"{crc16_ccitt(payload.encode('utf-8')):04X}"
