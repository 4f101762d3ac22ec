"""A sale still waiting for payment whose stored amounts cannot be read (``total = 'NaN'``, a
line's ``unit_price = '1e999'``: a hand-edited or damaged ledger) never stops the shop from
selling: it is set aside (never resumed with a wrong amount, never sent to the box again, never
shown paid, never written), the cashier is told once where to look, and new sales charge as
usual. A customer who still pays its order is found by the day's reconciliation and recorded as
a sale of its own."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from pos_app.checkout.events import SaleSetAside
from pos_app.cli import main
from pos_app.domain.sale import SaleStatus
from pos_app.mercadopago.credentials import AccessToken
from pos_app.runtime import open_runtime
from pos_app.settings import config as config_mod
from pos_app.settings import paths
from tests.checkout.harness import quick_cancel_recheck
from tests.ledger_edits import edit_by_hand, sale_as_stored
from tests.thread_sandbox import ThreadSandbox, configured_fixture, sandbox_fixture  # noqa: F401

DAMAGES = [("sales", "total", "NaN"), ("sale_lines", "unit_price", "1e999")]


@pytest.fixture(autouse=True)
def _quick_cancel_recheck(monkeypatch: pytest.MonkeyPatch) -> None:
    quick_cancel_recheck(monkeypatch)  # `pos-app cancel` waits for its second look


def damage(reference: str, table: str, column: str, value: str) -> None:
    edit_by_hand(paths.ledger_path(), table, column, value, reference=reference)


def stored(reference: str) -> tuple[Any, ...]:
    return sale_as_stored(paths.ledger_path(), reference)


def charge(capsys: pytest.CaptureFixture[str], *item: str) -> tuple[int, str, str]:
    code = main(["charge", *[a for spec in item for a in ("--item", spec)]])
    out = capsys.readouterr()
    return code, out.out.strip(), out.err


@pytest.mark.parametrize(("table", "column", "value"), DAMAGES)
def test_charge_sells_on_beside_a_damaged_waiting_sale(
    configured: ThreadSandbox,
    capsys: pytest.CaptureFixture[str],
    table: str,
    column: str,
    value: str,
) -> None:
    state = configured.state
    code, waiting, _ = charge(capsys, "Yerba:2:1725.25")
    assert code == 0 and waiting  # on the box, waiting for the customer
    damage(waiting, table, column, value)
    before = stored(waiting)

    code, new, err = charge(capsys, "Te:1:500")
    assert code == 0, err
    assert new and new != waiting
    # Told once, in one line: which sale, and where to look.
    said = [line for line in err.splitlines() if waiting in line]
    assert len(said) == 1 and "could not be read" in said[0] and "pos-app doctor" in said[0]
    assert "Traceback" not in err
    # The new sale is the box's order, for its own amount; the damaged one was sent once only.
    assert state.bodies_for(new)[-1]["total_amount"] == 500
    assert len(state.bodies_for(waiting)) == 1
    # Untouched: not one column, line or history event written.
    assert stored(waiting) == before

    # The next charge (a new process, as the command line is) sells just the same.
    assert main(["cancel", new]) == 3  # canceled: not paid
    capsys.readouterr()
    code, third, err = charge(capsys, "Pan:1:300")
    assert code == 0 and third not in (waiting, new), err
    assert stored(waiting) == before
    # Asked about it by name, the damaged sale is named as such (never a traceback).
    assert main(["status", waiting]) == 1
    err = capsys.readouterr().err
    assert waiting in err and "pos-app doctor" in err and "Traceback" not in err
    # doctor counts the readable waiting sales and the one set aside apart (it said "0 sale(s)
    # waiting" whenever any amount was damaged).
    main(["doctor"])
    out = capsys.readouterr().out
    line = next(text for text in out.splitlines() if text.startswith("[ok] ledger:"))
    assert "1 waiting sale(s) set aside, unreadable" in line, line


def test_resume_sets_the_damaged_sale_aside_and_the_box_sells_on(
    configured: ThreadSandbox,
) -> None:
    state = configured.state
    config = config_mod.load().config
    seen: list[SaleSetAside] = []

    async def scenario() -> None:
        token = AccessToken(state.seller_token)
        async with open_runtime(
            config=config, token=token, base_url=configured.base_url, enable_receiver=False
        ) as rt:
            from tests.checkout.harness import line

            damaged = await rt.engine.charge([line()])
            await rt.engine.aclose()
        damage(damaged.external_reference, "sales", "total", "NaN")
        before = stored(damaged.external_reference)
        state.pay_box("approved")  # the customer pays the damaged sale's order meanwhile
        async with open_runtime(
            config=config, token=token, base_url=configured.base_url, enable_receiver=False
        ) as rt:
            rt.bus.subscribe(lambda e: seen.append(e) if isinstance(e, SaleSetAside) else None)
            assert await rt.engine.resume() == []
            assert rt.engine.open_sale() is None  # the box is free for the next sale
            assert await rt.engine.resume() == []
            sale = await rt.engine.charge([line(price="10")])
            assert sale.status is SaleStatus.PENDING and sale.total == 20
        # Never read with a wrong amount, never shown paid: untouched.
        assert stored(damaged.external_reference) == before
        assert len(state.bodies_for(damaged.external_reference)) == 1
        # One event per sale and run, however often the engine met it.
        assert [e.reference for e in seen] == [damaged.external_reference]
        assert "pos-app doctor" in str(seen[0].problem)

    asyncio.run(scenario())


def test_a_payment_of_the_damaged_sale_is_found_and_recorded_as_a_sale(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    state = configured.state
    code, waiting, _ = charge(capsys, "Yerba:2:1725.25")
    assert code == 0
    scanned = state.scan_box()  # the customer has its order open on the phone
    damage(waiting, "sales", "total", "NaN")
    before = stored(waiting)
    code, _, err = charge(capsys, "Te:1:500")  # the next customer: the box gets a new order
    assert code == 0, err
    payment = state.pay_merchant_order(scanned)  # ...and the first customer pays the old one

    assert main(["reconcile", "--adopt", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    missing = result["missing_in_ledger"]
    assert [m["payment_id"] for m in missing] == [payment]
    assert missing[0]["external_reference"] == waiting
    recorded = missing[0]["adopted_as"]
    assert recorded == f"MP-{payment}"  # a sale of its own: the damaged one stays untouched
    assert stored(waiting) == before
    # Recorded once: the next reconciliation finds it in the books.
    assert main(["reconcile", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["missing_in_ledger"] == [] and again["matched"] >= 1
    assert main(["status", recorded, "--json"]) == 0
    paid = json.loads(capsys.readouterr().out)
    assert paid["status"] == "paid" and paid["paid_amount"] == "3450.50"


def test_the_sale_repaired_by_hand_after_its_payment_was_recorded_counts_it_once(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    """Support repairs the damaged amount by hand after the payment was recorded as
    ``MP-<id>`` (the README says to restore a backup instead). The repaired sale is then found
    paid by that very payment: it was counted on both, twice in the day's QR total. Now the
    sale is paid (the customer did pay) and the payment stays counted where it was recorded."""
    state = configured.state
    code, waiting, _ = charge(capsys, "Yerba:2:1725.25")
    assert code == 0
    damage(waiting, "sales", "total", "NaN")
    payment = state.pay_box("approved")  # the customer pays the damaged sale's order
    assert main(["reconcile", "--adopt", "--json"]) == 0
    recorded = json.loads(capsys.readouterr().out)["missing_in_ledger"][0]["adopted_as"]
    assert recorded == f"MP-{payment}"

    damage(waiting, "sales", "total", "3450.50")  # the repair
    assert main(["reconcile", "--json"]) == 0  # looks at the open sales first: found paid
    result = json.loads(capsys.readouterr().out)
    assert result["all_match"] and result["not_at_mercadopago"] == [], result
    assert main(["status", waiting, "--json"]) == 0
    repaired = json.loads(capsys.readouterr().out)
    assert repaired["status"] == "paid"
    assert repaired["payment_ids"] == [] and repaired["paid_amount"] == "0.00"
    assert main(["shift", "report", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["totals"]["mercadopago_qr"] == "3450.50"  # once, not 6,901.00
    assert report["sales_count"] == 2  # the sale and the payment recorded for it
    # Its history says why, in the cashier's words.
    from pos_app.domain.history_words import detail_words
    from pos_app.domain.money import site_for
    from pos_app.ledger.store import Ledger

    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        paid = [e for e in ledger.sale_events(waiting) if e.new_status is SaleStatus.PAID]
    finally:
        ledger.close()
    assert f"payment {payment} already in the books as sale {recorded}" in paid[-1].detail
    words = detail_words("status", "reconcile", SaleStatus.PAID, paid[-1].detail, site_for("MLA"))
    assert f"payment {payment} is already in the books as sale {recorded}: counted" in str(words)

    # Its money is refunded where it is counted: the repaired sale has no payment of its own
    # to give back (it offered a refund of its whole total through Mercado Pago).
    code = main(["refund", waiting, "--json"])
    err = capsys.readouterr().err
    assert code == 2 and recorded in err and "Traceback" not in err, err
    assert main(["refund", recorded, "--json"]) == 0
    given = json.loads(capsys.readouterr().out)
    assert given["refunded_amount"] == "3450.50" and given["refunds"][0]["status"] == "refunded"


def test_a_damaged_amount_on_the_recorded_payment_is_named_never_guessed(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same repair, but the sale recorded for the payment (``MP-<id>``) has a damaged
    amount too: the old sale is not marked paid on a guess; the check names the damage."""
    state = configured.state
    code, waiting, _ = charge(capsys, "Yerba:2:1725.25")
    assert code == 0
    damage(waiting, "sales", "total", "NaN")
    payment = state.pay_box("approved")
    assert main(["reconcile", "--adopt", "--json"]) == 0
    recorded = json.loads(capsys.readouterr().out)["missing_in_ledger"][0]["adopted_as"]
    damage(recorded, "sales", "paid_amount", "NaN")
    damage(waiting, "sales", "total", "3450.50")
    code = main(["reconcile", "--json"])
    err = capsys.readouterr().err
    assert code != 0 and "Traceback" not in err
    assert recorded in err and "paid_amount" in err
    row, _lines, events = stored(waiting)
    assert "paid" not in row and not any("paid" in event for event in events)  # nothing guessed
    assert "pending" in row and str(payment) not in str(row)
