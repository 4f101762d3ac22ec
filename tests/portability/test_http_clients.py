"""Only ``pos_app.runtime`` makes the HTTP client Mercado Pago is reached through (its headers,
its connection limits); the rest asks it (``open_runtime``, ``open_client``)."""

from __future__ import annotations

import ast
from pathlib import Path

import pos_app

PACKAGE = Path(pos_app.__file__).parent
# HTTP clients that never talk to Mercado Pago: the emulator's own webhook sender and test
# helper, the demo phone (it talks to the sandbox), the receiver's probe of itself.
NOT_MERCADO_PAGO = {"sandbox/notifier.py", "sandbox/testing.py", "ui/demo/phone_window.py"}
NOT_MERCADO_PAGO |= {"notifications/probe.py"}


def http_clients_made(source: str) -> list[int]:
    """The lines that call ``httpx.AsyncClient(...)`` or ``httpx.Client(...)``."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("AsyncClient", "Client")
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "httpx"
    ]


def test_only_the_runtime_makes_http_clients() -> None:
    found = {
        path.relative_to(PACKAGE).as_posix(): lines
        for path in sorted(PACKAGE.rglob("*.py"))
        if (lines := http_clients_made(path.read_text(encoding="utf-8")))
    }
    assert "runtime.py" in found  # the scan sees the one that must be there
    assert set(found) - NOT_MERCADO_PAGO == {"runtime.py"}, found
    assert len(found["runtime.py"]) == 1, found["runtime.py"]
