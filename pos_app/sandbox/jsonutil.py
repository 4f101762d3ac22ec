"""JSON with exact money: parse numbers with a fraction as ``Decimal`` and write them back exactly.

Mercado Pago sends and expects amounts as JSON numbers. Going through ``float`` would let
``0.1 + 0.2`` style errors into the totals the sandbox validates, so bodies are parsed with
``parse_float=Decimal`` and written by a small encoder of our own: the standard library's
encoder cannot emit a ``Decimal`` as a bare number.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from starlette.responses import Response


class JSONSyntaxError(ValueError):
    """The body is not JSON (or uses NaN/Infinity, which real JSON does not have)."""


def _reject_constant(name: str) -> Any:
    raise JSONSyntaxError(f"{name} is not valid JSON")


def loads(body: bytes | str) -> Any:
    """Parse JSON: integers stay ``int``, numbers with a fraction or exponent become ``Decimal``."""
    try:
        return json.loads(body, parse_float=Decimal, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise JSONSyntaxError(str(exc)) from exc


def format_decimal(value: Decimal) -> str:
    """``Decimal('3450.50')`` -> ``3450.5``; integral values (``1500.0``) -> ``1500``."""
    if not value.is_finite():
        raise ValueError(f"cannot serialise {value} as JSON")
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def dumps(value: Any) -> str:
    """Serialise like ``json.dumps`` but with ``Decimal`` written as an exact JSON number."""
    out: list[str] = []
    _encode(value, out)
    return "".join(out)


def _encode(value: Any, out: list[str]) -> None:
    if isinstance(value, Decimal):
        out.append(format_decimal(value))
    elif isinstance(value, dict):
        out.append("{")
        for index, (key, item) in enumerate(value.items()):
            if index:
                out.append(",")
            out.append(json.dumps(str(key), ensure_ascii=False))
            out.append(":")
            _encode(item, out)
        out.append("}")
    elif isinstance(value, list | tuple):
        out.append("[")
        for index, item in enumerate(value):
            if index:
                out.append(",")
            _encode(item, out)
        out.append("]")
    else:
        # str, int, float, bool, None: the standard encoder is right for these.
        out.append(json.dumps(value, ensure_ascii=False, allow_nan=False))


class JSONResponse(Response):
    """A JSON response that understands ``Decimal``; MP answers with an explicit charset."""

    media_type = "application/json; charset=utf-8"

    def render(self, content: Any) -> bytes:
        return dumps(content).encode("utf-8")
