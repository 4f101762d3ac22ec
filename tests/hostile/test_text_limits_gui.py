"""Free texts in the windows: every line edit stops at its field's limit (the one the ledger,
the catalog and Settings check again), multi-line texts say when a pasted text is too long, and
a text an older release saved longer than the limit is shown whole, never silently cut."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtWidgets import QLineEdit

from pos_app.domain import text_fields as tf
from pos_app.domain.catalog import Product
from pos_app.domain.day import MovementKind
from pos_app.domain.money import site_for
from pos_app.ledger.store import Ledger
from pos_app.settings import paths
from pos_app.settings.config import Config

pytestmark = pytest.mark.gui

SITE = site_for("MLA")


def clock() -> datetime:
    return datetime.now(UTC)


def assert_stops_at(qtbot: Any, edit: QLineEdit, limit: int) -> None:
    assert edit.maxLength() == limit
    edit.clear()
    qtbot.keyClicks(edit, "x" * (limit + 3))
    assert edit.text() == "x" * limit
    edit.setText("y" * (limit + 50))  # a paste
    assert edit.text() == "y" * limit


@pytest.fixture
def ledger() -> Any:
    ledger = Ledger(paths.ledger_path())
    yield ledger
    ledger.close()


def test_cash_drawer_fields_stop_at_their_limits(qtbot: Any, ledger: Ledger) -> None:
    from pos_app.ui.day.dialogs import CashDrawerDialog

    dialog = CashDrawerDialog(SITE, ledger.day, clock=clock)
    qtbot.addWidget(dialog)
    assert_stops_at(qtbot, dialog.cashier, tf.CASHIER_NAME.limit)
    assert_stops_at(qtbot, dialog.reason, tf.CASH_REASON.limit)
    # At the limit: written whole.
    dialog.cashier.setText("A" * 60)
    dialog.starting_float.setText("100")
    dialog.open_shift()
    dialog.amount.setText("50")
    dialog.reason.setText("r" * 200)
    dialog.add_movement(MovementKind.IN)
    report = ledger.day.preview(SITE, now=clock())
    assert [s.cashier for s in report.shifts] == ["A" * 60]
    assert [m.reason for m in report.movements] == ["r" * 200]


def test_cash_drawer_refuses_an_empty_cashier(qtbot: Any, ledger: Ledger) -> None:
    """``clean_text`` never raised, so the "type the name" branch never ran: a shift opened
    for nobody."""
    from pos_app.ui.day.dialogs import CashDrawerDialog

    dialog = CashDrawerDialog(SITE, ledger.day, clock=clock)
    qtbot.addWidget(dialog)
    dialog.starting_float.setText("100")
    dialog.cashier.setText("   ")
    dialog.open_shift()
    assert dialog.problem.text() == "Type the cashier's name."
    dialog.cashier.setText("\u200b\u202e")
    dialog.open_shift()
    assert "Cashier's name: it cannot be empty" in dialog.problem.text()
    assert ledger.day.preview(SITE, now=clock()).shifts == ()


def test_cash_drawer_shows_an_older_longer_reason_whole(qtbot: Any, ledger: Ledger) -> None:
    from pos_app.ui.day.dialogs import CashDrawerDialog

    stamp = clock().isoformat(timespec="milliseconds")
    with ledger._conn:  # written before the limit existed
        ledger._conn.execute(
            "INSERT INTO cash_movements (kind, amount, reason, at) VALUES (?,?,?,?)",
            ("out", "5", "R" * 5000, stamp),
        )
    dialog = CashDrawerDialog(SITE, ledger.day, clock=clock)
    qtbot.addWidget(dialog)
    item = dialog.movements.item(0, 1)
    assert item is not None and item.text() == "Out: " + "R" * 5000


def test_product_editor_fields_stop_at_the_catalog_limits(qtbot: Any, ledger: Ledger) -> None:
    from pos_app.ui.products.editor import ProductEditor

    editor = ProductEditor(ledger.catalog, SITE)
    qtbot.addWidget(editor)
    assert_stops_at(qtbot, editor.title, tf.PRODUCT_NAME.limit)
    assert_stops_at(qtbot, editor.sku, tf.PRODUCT_SKU.limit)
    assert_stops_at(qtbot, editor.barcode, tf.PRODUCT_BARCODE.limit)
    assert_stops_at(qtbot, editor.category, tf.PRODUCT_CATEGORY.limit)


def test_product_editor_keeps_an_older_longer_barcode_and_says_why_not(
    qtbot: Any, ledger: Ledger
) -> None:
    from pos_app.ui.products.editor import ProductEditor

    old = Product(sku="Y1", title="Yerba", unit_price=Decimal(10), barcode="7" * 70)
    ledger.catalog.upsert([old])
    editor = ProductEditor(ledger.catalog, SITE, product=old)
    qtbot.addWidget(editor)
    assert editor.barcode.text() == "7" * 70  # not cut to 48 on the way in
    assert not editor.save()
    assert "Barcode: at most 48 characters, this one has 70." in editor.footer.text()
    assert ledger.catalog.get("Y1") == old


def test_counter_texts_stop_at_their_limits(qtbot: Any) -> None:
    from pos_app.ui.counter.custom_amount import CustomAmountBar
    from pos_app.ui.counter.price_dialogs import DiscountDialog

    bar = CustomAmountBar(SITE)
    qtbot.addWidget(bar)
    assert_stops_at(qtbot, bar.description, tf.ITEM_DESCRIPTION.limit)
    dialog = DiscountDialog(
        SITE,
        what="Yerba",
        gross=Decimal(100),
        measure=Decimal(1),
        on_line=True,
        current=None,
        limit=100,
        pin_hash="",
    )
    qtbot.addWidget(dialog)
    assert_stops_at(qtbot, dialog.reason, tf.DISCOUNT_REASON.limit)


def test_store_and_box_forms_stop_at_their_limits(qtbot: Any) -> None:
    from pos_app.ui.settings.store_forms import NewBoxForm, NewStoreForm

    store = NewStoreForm()
    qtbot.addWidget(store)
    for edit, field in (
        (store.name, tf.STORE_NAME),
        (store.street, tf.STREET_NAME),
        (store.number, tf.STREET_NUMBER),
        (store.city, tf.CITY_NAME),
        (store.state, tf.STATE_NAME),
    ):
        assert_stops_at(qtbot, edit, field.limit)
    box = NewBoxForm()
    qtbot.addWidget(box)
    assert_stops_at(qtbot, box.name, tf.BOX_NAME.limit)


def test_settings_texts_stop_at_their_limits(qtbot: Any) -> None:
    from pos_app.ui.settings.charging import ChargingPage
    from pos_app.ui.settings.receipts import ReceiptsPage
    from pos_app.ui.settings.session import SettingsSession

    session = SettingsSession(Config(), None, token=None, origin="")  # type: ignore[arg-type]
    charging = ChargingPage(session)
    qtbot.addWidget(charging)
    assert_stops_at(qtbot, charging.order_title, tf.ORDER_TITLE.limit)
    receipts = ReceiptsPage(session)
    qtbot.addWidget(receipts)
    assert_stops_at(qtbot, receipts.shop_name, tf.RECEIPT_SHOP_NAME.limit)


def test_receipt_header_and_footer_say_when_a_pasted_text_is_too_long(qtbot: Any) -> None:
    from pos_app.ui.settings.receipts import ReceiptsPage
    from pos_app.ui.settings.session import SettingsSession

    config = Config(receipt_header="H" * 400)  # an older release took up to 500
    page = ReceiptsPage(SettingsSession(config, None, token=None, origin=""))  # type: ignore[arg-type]
    qtbot.addWidget(page)
    assert page.header.toPlainText() == "H" * 400  # shown whole
    assert page.problem() == "Receipt header: at most 300 characters, this one has 400."
    assert page.header_field.error.text() == page.problem()
    page.header.setPlainText("h" * 300)
    assert page.problem() == ""
    page.footer.setPlainText("Gracias\n" + "f" * 300)
    assert page.problem() == "Receipt footer: at most 300 characters, this one has 308."
    page.footer.setPlainText("Gracias\x1b@\r\n\n por\tsu compra ")
    assert page.problem() == ""
    saved = page.apply_to(config)
    assert saved.receipt_footer == "Gracias@\npor su compra"
    assert saved.receipt_header == "h" * 300
