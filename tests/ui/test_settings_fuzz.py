"""Hostile input in Settings: every text field of the Charging (largest sale, order title,
notifications' listen address and URL, discounts' limit, PIN and scale label layouts), Receipts
(printer, shop name, header, footer), Store database (address), Customer display (logo),
Backups and Start-up pages, in Argentine and Chilean pesos.

Seeded fuzz (:mod:`tests.ui.fuzz_input`): nothing raises, and what a page accepts (its
``problem()`` is empty) is saved and read back unchanged: a value Settings takes must never make
the settings file "damaged" at the next start (``load`` would set it aside and drop it)."""

from __future__ import annotations

import random
from typing import Any

import pytest
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from pos_app.domain.money import site_for
from pos_app.domain.validation import read_plain_amount
from pos_app.settings import config as config_mod
from pos_app.settings.config import Config
from tests.ui.fuzz_input import SITES, assert_money, key_in, put, seeds, typed

pytestmark = pytest.mark.gui

# What each kind of field sometimes gets instead of pure noise, so the accepting paths run too.
GOOD = [
    "",
    "127.0.0.1:8080",
    "0.0.0.0:8765",
    "https://tienda.example.com/mp/webhook",
    "http://127.0.0.1:9/x",
    "postgresql://pos@db.example.com:5432/tienda",
    "postgresql://localhost/tienda",
    "usb:0x0416:0x5011",
    "network:192.168.0.50",
    "file:/dev/usb/lp0",
    "serial:/dev/ttyUSB0",
    "ar-weight",
    "ar-price, co-weight",
    "20-5-weight-5-3",
    "2٠-5-weight-5-3",  # an Arabic-Indic zero
    "12345678",
    "25",
    "100",
    "1234",
    "1.500.000",
    "Almacén Don José",
    "/tmp/logo.png",
    "/tmp/backups",
]


def _pages(session: Any) -> list[QWidget]:
    from pos_app.ui.settings.backups import BackupsPage, StartupPage
    from pos_app.ui.settings.charging import ChargingPage
    from pos_app.ui.settings.display import DisplayPage
    from pos_app.ui.settings.receipts import ReceiptsPage
    from pos_app.ui.settings.store_database import StoreDatabasePage

    return [
        ChargingPage(session),
        ReceiptsPage(session),
        StoreDatabasePage(session),
        DisplayPage(session),
        BackupsPage(session),
        StartupPage(session),
    ]


def _value(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.3:
        return rng.choice(GOOD)
    if roll < 0.5:
        return rng.choice(GOOD) + typed(rng)
    return typed(rng)


@seeds
@pytest.mark.parametrize("site_id", SITES)
def test_settings_pages_accept_only_what_they_can_save(
    qtbot: QtBot, qloop: object, seed: int, site_id: str
) -> None:
    # (qloop: the app's loop, as in the app: Backups lists its folder and Display looks at the
    # logo's file on a worker thread)
    from pos_app.ui.settings.session import SettingsSession

    rng = random.Random(seed)
    config = Config(site_id=site_id)
    session = SettingsSession(config, None, token=None, origin="")  # type: ignore[arg-type]
    pages = _pages(session)
    for page in pages:
        qtbot.addWidget(page)
        page.show()
    accepted = refused = differs = 0
    site = site_for(site_id)
    for step in range(60):
        page = rng.choice(pages)
        fields: list[Any] = [
            w
            for w in page.findChildren(QLineEdit) + page.findChildren(QPlainTextEdit)
            if w.isEnabled() and not w.isReadOnly() and w.objectName() != "qt_spinbox_lineedit"
        ]
        if not fields:
            continue
        for field in rng.sample(fields, k=min(len(fields), rng.randint(1, 3))):
            text = _value(rng)
            if isinstance(field, QPlainTextEdit):
                if rng.random() < 0.5:
                    field.setPlainText(text)
                else:
                    field.clear()
                    key_in(field, text[:60])
            else:
                put(qtbot, rng, field, text)
            if rng.random() < 0.5:
                field.setFocus()
                page.setFocus()  # editingFinished: fields that tidy themselves do it now
        problem = page.problem()  # type: ignore[attr-defined]
        texts = [
            (f.objectName(), f.text() if isinstance(f, QLineEdit) else f.toPlainText())
            for f in fields
        ]
        if problem:
            refused += 1
            continue
        accepted += 1
        changed = page.apply_to(config)  # type: ignore[attr-defined]
        config_mod.save(changed)
        loaded = config_mod.load()
        assert loaded.problem is None and not loaded.dropped, (
            step,
            type(page).__name__,
            texts,
            loaded.dropped,
        )
        assert loaded.config == changed, (step, type(page).__name__, texts)
        if changed.max_total:  # the largest sale: money of the site, within its ceiling
            assert_money(read_plain_amount(changed.max_total, site), site)
        differs += changed != config
    assert refused and differs


@pytest.mark.parametrize(
    "listen",
    ["\u202e127.0.0.1:8088", "127.0.0.1\u200b:8088", "\x00:8088", "a b:8088", "ñandú:8088"],
)
def test_a_listen_address_that_cannot_be_bound_is_refused_in_settings(
    qtbot: QtBot, listen: str
) -> None:
    """Settings took any host (a right-to-left mark before 127.0.0.1 looks like 127.0.0.1):
    the receiver then failed at the next start and notifications were silently off."""
    from pos_app.ui.settings.charging import ChargingPage
    from pos_app.ui.settings.session import SettingsSession

    session = SettingsSession(Config(), None, token=None, origin="")  # type: ignore[arg-type]
    page = ChargingPage(session)
    qtbot.addWidget(page)
    page.notify.setChecked(True)
    page.listen.setText(listen)
    assert "HOST:PORT" in page.problem()
    page.listen.setText("127.0.0.1:8088")
    assert "HOST:PORT" not in page.problem()
