"""A refusal the shop can fix itself is said in its words, with where to fix it: the box deleted
in Mercado Pago's panel read "pos 'CAJA01' not found for this collector (invalid_externalPosId)",
in English whatever the window's language."""

from __future__ import annotations

import asyncio

import httpx

from pos_app.mercadopago import errors
from pos_app.mercadopago.credentials import AccessToken
from pos_app.sandbox.app import create_sandbox_app
from pos_app.sandbox.state import SandboxState


def test_an_unknown_box_says_where_to_choose_it() -> None:
    error = errors.rejected(
        400, "invalid_externalPosId", "pos 'CAJA01' not found for this collector"
    )
    text = error.msg.render()
    assert "Settings → Store and box" in text
    assert "collector" not in text  # Mercado Pago's English detail is not shown
    assert text.endswith("(invalid_externalPosId).")  # the key, for a support call
    assert error.key == "invalid_externalPosId" and error.status == 400


def test_other_refusals_keep_mercado_pagos_detail() -> None:
    text = errors.rejected(400, "invalid_total_amount", "total_amount is wrong").msg.render()
    assert text == "Mercado Pago refused the request: total_amount is wrong (invalid_total_amount)."


def test_the_sandbox_refusal_of_a_deleted_box_reaches_these_words() -> None:
    """The client turns the sandbox's answer (as Mercado Pago's) into the message above."""
    from pos_app.mercadopago.client import MercadoPagoClient

    state = SandboxState.seeded()
    state.boxes.clear()

    async def go() -> str:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=create_sandbox_app(state))
        ) as http:
            client = MercadoPagoClient(
                http, AccessToken(state.seller_token), base_url="http://127.0.0.1:9"
            )
            try:
                await client.get_box_order(state.seller_id, state.box_external_id)
            except errors.MercadoPagoError as exc:
                return exc.msg.render()
        return ""

    assert "Settings → Store and box" in asyncio.run(go())
