"""Only ``pos_app.runtime`` makes the HTTP client Mercado Pago is reached through (its headers,
its connection limits); the rest asks it (``open_runtime``, ``open_client``)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import pos_app
from tests.source_trees import parsed

PACKAGE = Path(pos_app.__file__).parent
# HTTP clients that never talk to Mercado Pago: the emulator's own webhook sender and test
# helper, the demo phone (it talks to the sandbox), the receiver's probe of itself.
NOT_MERCADO_PAGO = {"sandbox/notifier.py", "sandbox/testing.py", "ui/demo/phone_window.py"}
NOT_MERCADO_PAGO |= {"notifications/probe.py"}


def http_clients_made(tree: ast.AST) -> list[int]:
    """The lines that call ``httpx.AsyncClient(...)`` or ``httpx.Client(...)``."""
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("AsyncClient", "Client")
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "httpx"
    ]


def test_only_the_runtime_makes_http_clients() -> None:
    found = {
        path.relative_to(PACKAGE).as_posix(): lines
        for path, tree in parsed(PACKAGE)
        if (lines := http_clients_made(tree))
    }
    assert "runtime.py" in found  # the scan sees the one that must be there
    assert set(found) - NOT_MERCADO_PAGO == {"runtime.py"}, found
    assert len(found["runtime.py"]) == 1, found["runtime.py"]


def _passes_the_shared_context(node: ast.Call) -> bool:
    return any(
        kw.arg == "verify"
        and isinstance(kw.value, ast.Call)
        and ast.unparse(kw.value.func).endswith("client_context")
        for kw in node.keywords
    )


def test_every_http_client_shares_one_tls_context() -> None:
    """A client without ``verify=`` builds its own TLS context and loads the CA bundle again
    (~20 ms of CPU each, on the window's event loop): pos_app.system.tls builds it once."""
    missing = [
        f"{path.relative_to(PACKAGE).as_posix()}:{node.lineno}"
        for path, tree in parsed(PACKAGE)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("AsyncClient", "Client")
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "httpx"
        and not _passes_the_shared_context(node)
    ]
    # sandbox/testing.py: an in-memory ASGI transport, never TLS.
    assert missing == [m for m in missing if m.startswith("sandbox/testing.py")], missing


def test_the_shared_tls_context_verifies_like_httpx_does() -> None:
    import ssl

    import httpx

    from pos_app.system import tls

    shared = tls.client_context()
    assert shared is tls.client_context()
    assert shared.verify_mode is ssl.CERT_REQUIRED and shared.check_hostname
    default = httpx.create_ssl_context()
    assert shared.minimum_version == default.minimum_version
    assert len(shared.get_ca_certs()) == len(default.get_ca_certs()) > 50


def test_unreadable_certificates_are_named_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pos_app.errors import UserFacingError
    from pos_app.system import tls

    garbage = tmp_path / "garbage.pem"
    garbage.write_bytes(bytes(range(256)) * 8)
    tls.client_context.cache_clear()
    try:
        for value in (str(garbage), str(tmp_path / "missing.pem")):
            monkeypatch.setenv("SSL_CERT_FILE", value)
            with pytest.raises(UserFacingError, match="certificates") as caught:
                tls.client_context()
            assert value in str(caught.value)
        monkeypatch.delenv("SSL_CERT_FILE")
        assert tls.client_context() is tls.client_context()  # a failure is not cached
    finally:
        tls.client_context.cache_clear()
