"""One parser for the receiver's HOST:PORT: the settings check, the receiver, the relay and the
doctor read an address the same way."""

from __future__ import annotations

import pytest

from pos_app.notifications import NotificationReceiver
from pos_app.settings import forms
from pos_app.settings.setup import parse_listen, validate_listen


async def _ignore(topic: str, resource_id: str) -> None:
    return None


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("127.0.0.1:8088", ("127.0.0.1", 8088)),
        (" 0.0.0.0:80 ", ("0.0.0.0", 80)),
        ("[::1]:8088", ("::1", 8088)),
        ("localhost:0", ("localhost", 0)),  # a free port: tests, never a saved setting
    ],
)
def test_addresses_are_read_once_the_same_way(text: str, parsed: tuple[str, int]) -> None:
    assert parse_listen(text) == parsed


@pytest.mark.parametrize(
    "bad", ["8088", "localhost:", ":8088", "[]:8088", "host:port", "127.0.0.1:65536", "h:٨٠٨٨"]
)
def test_what_is_refused_is_refused_everywhere(bad: str) -> None:
    with pytest.raises(ValueError, match="HOST:PORT"):
        parse_listen(bad)
    with pytest.raises(ValueError):
        validate_listen(bad)
    assert forms.listen_problem(bad) is not None
    with pytest.raises(ValueError):
        NotificationReceiver(_ignore, listen=bad)


def test_a_saved_address_needs_a_real_port() -> None:
    assert validate_listen("  ") == ""  # the receiver is off
    assert validate_listen(" [::1]:8088 ") == "[::1]:8088"
    with pytest.raises(ValueError, match="1 to 65535"):
        validate_listen("127.0.0.1:0")
    assert forms.listen_problem("127.0.0.1:0") is not None
    # The receiver itself takes port 0 (a free one), as the tests start it.
    assert NotificationReceiver(_ignore, listen="127.0.0.1:0").server.port == 0
