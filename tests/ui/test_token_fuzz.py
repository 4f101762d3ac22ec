"""Hostile input in the token field (the setup assistant's first step and Settings → Account):
whatever is pasted and checked with *Test connection* never raises, is never taken as the
account's token unless Mercado Pago (here the sandbox) knows it, and a refused one says why
under the field."""

from __future__ import annotations

import random
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_app.mercadopago.credentials import AccessToken
from pos_app.runtime import Runtime
from pos_app.sandbox.state import SandboxState
from pos_app.settings.memory_keyring import memory_keyring
from tests.ui.fuzz_input import key_in, put, seeds, typed

pytestmark = pytest.mark.gui


@seeds
def test_token_field_takes_only_a_token_mercado_pago_knows(
    qtbot: QtBot, runtime: Runtime, sandbox_state: SandboxState, seed: int, qloop: Any
) -> None:
    from pos_app.ui.settings.account import AccountPage
    from pos_app.ui.settings.session import SettingsSession

    rng = random.Random(seed)
    good = sandbox_state.seller_token
    with memory_keyring():
        session = SettingsSession(runtime.config, runtime.client, token=None, origin="")
        page = AccountPage(session, must_check=True)
        qtbot.addWidget(page)
        page.show()
        known = 0
        for step in range(30):
            roll = rng.random()
            if roll < 0.25:
                text = good
            elif roll < 0.6:
                at = rng.randint(0, len(good))
                text = good[:at] + typed(rng) + good[at:]
            else:
                text = "APP_USR-" * rng.randint(0, 1) + typed(rng)
            if rng.random() < 0.2:
                page.token_edit.clear()
                key_in(page.token_edit, text[:80])
            else:
                put(qtbot, rng, page.token_edit, text)
            page.test_connection()
            qtbot.waitUntil(lambda: not page.is_busy(), timeout=5000)
            error = page.token_field.error.text()
            typed_token = AccessToken(page.token_edit.text())
            if session.new_token is not None:
                known += 1
                assert session.new_token == AccessToken(good), (step, ascii(text))
                assert typed_token == AccessToken(good)
                assert not error
            else:
                assert error, (step, ascii(page.token_edit.text()))
            assert "Something went wrong" not in error, (step, ascii(text), error)
        assert known
        for task in page.forget_tasks():
            qtbot.waitUntil(task.done, timeout=3000)


@pytest.mark.parametrize("piece", ["\x00", "\x07", "ñ", "１", "\u202e", "\u200b", "🧉", "\x7f"])
def test_a_token_with_characters_no_token_has_is_refused_before_asking(piece: str) -> None:
    """A NUL, an accent, a full-width digit, a bidi or zero-width character pasted with the
    token made the HTTP library fail while building the request: "Something went wrong inside
    the app" and a traceback in the log. Now it is refused, saying why, without asking."""
    from pos_app.settings.account import token_problem

    problem = token_problem(AccessToken("APP_USR-1234567890123456-010101-abc" + piece + "def"))
    assert problem is not None and "characters no access token has" in str(problem)
    assert token_problem(AccessToken("APP_USR-1234567890123456-010101-abcdef")) is None
