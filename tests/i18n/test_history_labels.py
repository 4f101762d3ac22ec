"""Every cause and kind a sale's history can hold has a translated label in the sales view
(issue 19: some causes were shown to the cashier as raw English keys)."""

from __future__ import annotations

import pytest

from pos_app.domain.history import Cause, HistoryKind
from pos_app.ledger.refunds import RefundStatus
from pos_app.ui.counter import sales_view as sales_dialog
from tests.i18n.test_catalogs import LANGS, shipped

pytestmark = pytest.mark.gui  # translations are looked up through a QApplication


def labels() -> list[tuple[str, str]]:
    causes = [*Cause, *RefundStatus]  # a refund's line has its status as its cause
    found = [(str(c), sales_dialog._CAUSES.get(c, "")) for c in causes]
    return found + [(str(k), sales_dialog._EVENT_KINDS.get(k, "")) for k in HistoryKind]


def test_every_cause_and_kind_has_a_label() -> None:
    missing = [key for key, label in labels() if not label]
    assert not missing, missing


@pytest.mark.parametrize("lang", LANGS)
def test_every_label_is_translated(lang: str) -> None:
    entries = shipped(lang)
    untranslated = [
        label
        for _key, label in labels()
        if not (entry := entries.get(("SalesDialog", label))) or entry.kind or not entry.translation
    ]
    assert not untranslated, untranslated
