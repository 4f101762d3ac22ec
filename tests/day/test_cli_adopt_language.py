"""``pos-app reconcile --adopt`` names the recorded sale in the shop's language (the one its
receipts print in: Settings → Language, else the locale), never in English regardless."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos_app.ledger.store import Ledger
from pos_app.sandbox.payments_search import foreign_payment
from pos_app.settings import paths
from tests.checkout.test_cli import cli_json
from tests.thread_sandbox import ThreadSandbox


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("pt_BR.UTF-8", "Pagamento do Mercado Pago {id}"),
        ("es_MX.UTF-8", "Pago de Mercado Pago {id}"),
        ("C", "Mercado Pago payment {id}"),
    ],
)
def test_the_adopted_sale_is_named_in_the_shops_language(
    configured: ThreadSandbox,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    title: str,
) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", lang)
    state = configured.state
    payment = foreign_payment(state, state.box_or_404(state.box_external_id), Decimal(777))
    code, result = cli_json(capsys, "reconcile", "--adopt", "--json")
    assert code == 0, result
    ledger = Ledger(paths.ledger_path())
    try:
        [sale] = ledger.all_sales()
    finally:
        ledger.close()
    assert [line.title for line in sale.lines] == [title.format(id=payment.id)]
