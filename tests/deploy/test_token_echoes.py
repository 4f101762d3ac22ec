"""A server (a proxy, a firewall, a broken API) that echoes the access token back in its error
body, but not byte for byte: without the ``APP_USR-`` prefix, in lower case, percent-encoded.
Only the exact token was taken out, so the rest reached the message on screen and on stderr,
and a refused sale's reason in the ledger (a file, its backups, the support file's sales).
"""

from __future__ import annotations

import base64
import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pos_app.cli import main
from pos_app.settings import config as config_mod
from pos_app.settings import paths
from pos_app.system import logs

TOKEN = "APP_USR-7340000000000123-120212-9f1c2b7a5d3e4f60a1b2c3d4e5f60718-734000123"
KEY = "9f1c2b7a5d3e4f60a1b2c3d4e5f60718"  # the token's secret part


def echoes(token: str) -> list[str]:
    core = token.split("-", 1)[1]
    return [
        token.lower(),
        token.upper(),
        core,
        token.replace("-", "%2D"),
        f"invalid key {KEY.upper()} for app",
    ]


def leaks(text: str) -> bool:
    lowered = text.lower()
    return KEY in lowered or "7340000000000123" in lowered


@pytest.mark.parametrize("echo", range(5))
def test_redact_takes_every_echo_out(echo: int) -> None:
    logs.remember_secret(TOKEN)
    text = f"Mercado Pago said: {echoes(TOKEN)[echo]} (bad_request)"
    assert not leaks(logs.redact(text)), logs.redact(text)
    assert "Mercado Pago said:" in logs.redact(text)
    assert logs.redact("user id 734000123, sale CAJA01S000001") == (
        "user id 734000123, sale CAJA01S000001"
    )  # the public user id and ordinary words stay


@pytest.mark.parametrize("echo", range(3))
def test_an_echo_is_taken_out_even_where_the_token_was_never_read(
    echo: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ledger from before the echoes were scrubbed, put in a support file on a PC where the
    token cannot be read (nothing remembered): the token's shapes still catch it."""
    monkeypatch.setattr(logs, "_known", set())
    text = f"Mercado Pago refused the request: invalid token {echoes(TOKEN)[echo]} (bad)."
    assert not leaks(logs.redact(text)), logs.redact(text)


class _Echo(BaseHTTPRequestHandler):
    echo = 0

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        scheme, _, token = self.headers.get("Authorization", "").partition(" ")
        if scheme == "Basic":  # http://pos:TOKEN@host: httpx sends the address's user info
            token = base64.b64decode(token).decode().partition(":")[2]
        if self.path.startswith("/users/me"):
            code, body = 200, {"id": 734000123, "nickname": "N", "site_id": "MLA"}
        else:
            said = echoes(token)[self.echo]
            code, body = 400, {"error": "bad_request", "message": f"token {said}", "status": 400}
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_PUT = do_POST = do_DELETE = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def echo_server() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    # serve_forever looks for shutdown() every poll_interval (0.5 s unless told).
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def test_a_refused_charge_keeps_no_piece_of_the_token_anywhere(
    echo_server: ThreadingHTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    host, port = echo_server.server_address[:2]
    monkeypatch.setenv("MP_API_BASE_URL", f"http://{host}:{port}")
    monkeypatch.setenv("MP_ACCESS_TOKEN", TOKEN)
    config_mod.save(
        config_mod.Config(store_external_id="SUC001", box_external_id="CAJA01", user_id=734000123)
    )
    shown = ""
    for echo in range(5):
        monkeypatch.setattr(_Echo, "echo", echo)
        main(["charge", "--item", "Yerba:1:100"])
        main(["support-file", "--out", str(paths.data_dir() / f"support-{echo}.zip")])
        out = capsys.readouterr()
        shown += out.out + out.err
    main(["sales"])
    shown += capsys.readouterr().out
    assert shown.count("Mercado Pago refused the request: token") == 5  # each sale's reason
    assert not leaks(shown), re.findall(r".*token.*", shown)
    ledger_files = list(Path(paths.data_dir()).rglob("*"))
    assert any(f.name == "ledger.sqlite3" for f in ledger_files)
    for path in ledger_files:
        if path.is_file():
            data = path.read_bytes().decode("latin-1")
            assert not leaks(data), path
            if path.suffix == ".zip":
                import zipfile

                with zipfile.ZipFile(path) as zf:
                    for name in zf.namelist():
                        assert not leaks(zf.read(name).decode("utf-8")), (path, name)


@pytest.mark.parametrize(
    "address",
    [
        "http://{server}/?access_token={token}",  # the old API's way of passing it
        "http://pos:{token}@{server}",
        "http://{server}/{token}",
        "htp://{server}/?access_token={token}",  # refused: the message names the address
    ],
)
def test_an_api_address_holding_the_token_is_never_printed_whole(
    address: str,
    echo_server: ThreadingHTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A technician's ``doctor`` printout (``> doctor.txt``, e-mailed), its ``--json`` and the
    commands' errors printed the API address as set, token and all."""
    host, port = echo_server.server_address[:2]
    server = f"{host}:{port}"
    monkeypatch.setenv("MP_API_BASE_URL", address.format(server=server, token=TOKEN))
    monkeypatch.setenv("MP_ACCESS_TOKEN", TOKEN)
    config_mod.save(
        config_mod.Config(store_external_id="SUC001", box_external_id="CAJA01", user_id=734000123)
    )
    main(["doctor"])
    main(["doctor", "--json"])
    main(["charge", "--item", "Yerba:1:100"])
    out = capsys.readouterr()
    shown = out.out + out.err
    assert "127.0.0.1" in shown
    assert not leaks(shown), shown
