"""The store database's address: the password never stays in what the config file keeps."""

from __future__ import annotations

import pytest

from pos_app.store.address import StoreAddressError, address_problem, shown, split_password
from pos_app.store.replication import redact


@pytest.mark.parametrize(
    ("text", "url", "password"),
    [
        ("postgresql://u@h/db", "postgresql://u@h/db", None),
        ("postgresql://u:p%40ss@h:5433/db", "postgresql://u@h:5433/db", "p@ss"),
        ("postgres://u@h/db?sslmode=require&password=x", "postgres://u@h/db?sslmode=require", "x"),
        ("postgresql://u@[::1]:5432/db", "postgresql://u@[::1]:5432/db", None),
    ],
)
def test_split_password(text: str, url: str, password: str | None) -> None:
    assert split_password(text) == (url, password)


@pytest.mark.parametrize(
    "bad",
    ["", "http://h/db", "postgresql:///db", "postgresql://h:notaport/db", "postgresql://h/d b"],
)
def test_not_an_address(bad: str) -> None:
    with pytest.raises(StoreAddressError):
        split_password(bad)
    assert address_problem(bad) is not None


def test_a_password_is_refused_in_the_config_file_and_never_shown() -> None:
    assert address_problem("postgresql://u@h/db") is None
    assert address_problem("postgresql://u:secret@h/db") is not None
    assert address_problem("postgresql://u@h/db?password=secret") is not None
    assert "secret" not in shown("postgresql://u:secret@h/db?password=secret")
    assert "secret" not in redact("failed for postgresql://u:secret@h/db password=secret x")
