"""The status bar tells whether instant payment notifications can arrive."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from pos_app.ui.counter.status_bar import PosStatusBar

pytestmark = pytest.mark.gui


def test_notifications_hidden_when_not_set_up(qtbot: QtBot) -> None:
    bar = PosStatusBar()
    qtbot.addWidget(bar)
    bar.set_receiver("", "")
    assert bar.notifications.isHidden()


def test_notifications_on_shows_where_it_listens(qtbot: QtBot) -> None:
    bar = PosStatusBar()
    qtbot.addWidget(bar)
    bar.set_receiver("http://127.0.0.1:8088/mp/notifications", "")
    assert not bar.notifications.isHidden()
    assert bar.notifications.text() == "Notifications on"
    assert "127.0.0.1:8088" in bar.notifications.toolTip()
    assert bar.notifications.property("state") == "online"


def test_receiver_that_could_not_start_says_polling_goes_on(qtbot: QtBot) -> None:
    bar = PosStatusBar()
    qtbot.addWidget(bar)
    bar.set_receiver("", "cannot listen on 127.0.0.1:8088: address already in use")
    assert not bar.notifications.isHidden()
    assert "polling" in bar.notifications.text()
    assert "address already in use" in bar.notifications.toolTip()
    assert bar.notifications.property("state") == "trouble"


def test_store_database_state(qtbot: QtBot) -> None:
    from datetime import UTC, datetime

    from pos_app.store.replication import ReplicationStatus

    bar = PosStatusBar()
    qtbot.addWidget(bar)
    bar.set_store_database(None)
    assert bar.store_db.isHidden()
    bar.set_store_database(ReplicationStatus(0, None, True))
    assert not bar.store_db.isHidden()
    assert bar.store_db.text() == "Store database: up to date"
    since = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    bar.set_store_database(ReplicationStatus(7, since, False, "connection refused"))
    assert bar.store_db.text().startswith("Store database: 7 changes waiting since ")
    assert "connection refused" in bar.store_db.toolTip()
    assert bar.store_db.property("state") == "trouble"
    # A change the store database refuses (kept in the ledger, the others go on): said.
    problem = "sale CAJA01S1: DataError: value overflows numeric format"
    bar.set_store_database(ReplicationStatus(0, None, True, refused=2, refused_problem=problem))
    assert bar.store_db.text() == "Store database: 2 changes refused"
    assert problem in bar.store_db.toolTip() and "pos-app doctor" in bar.store_db.toolTip()
    assert bar.store_db.property("state") == "trouble"


def test_one_change_is_said_in_the_singular(qtbot: QtBot) -> None:
    from datetime import UTC, datetime

    from pos_app.store.replication import ReplicationStatus

    bar = PosStatusBar()
    qtbot.addWidget(bar)
    since = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    bar.set_store_database(ReplicationStatus(1, since, False))
    assert bar.store_db.text().startswith("Store database: 1 change waiting since ")
    bar.set_store_database(ReplicationStatus(0, None, True, refused=1, refused_problem="x"))
    assert bar.store_db.text() == "Store database: 1 change refused"
    assert bar.store_db.toolTip().startswith("The store database refuses one of this counter's")
