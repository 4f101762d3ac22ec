"""How long each window and dialog takes to build, offscreen, with the app's stylesheet.

``python -m tests.benchmarks.dialogs_bench [N] [name ...]`` prints, per window, the median of N
constructions and of N construction + (the refresh the app does on open) + show + one
``processEvents`` (three: the first paint and the 0 ms timers it starts). Realistic inputs: 150 sales of the day in a real ledger (the sales history,
the drawer, the close), a 500-product catalog (the products window, an import preview of 500
rows). Not a test; no number is asserted anywhere.
"""

from __future__ import annotations

import asyncio
import csv
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")


def _sales(ledger: Any, site: Any, count: int) -> None:
    from pos_app.domain.cart import CartLine
    from pos_app.domain.sale import SaleStatus, Tender

    step = timedelta(minutes=1)
    start = datetime.now(UTC).replace(microsecond=0) - step * (count + 1)
    midnight = datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
    if start < midnight:
        # Just after midnight: keep them today, the sales history's default period (a test run
        # at 00:02 found no sale "today" and nothing to select).
        start, step = midnight.astimezone(UTC) + timedelta(seconds=1), timedelta(seconds=1)
    for i in range(count):
        at = start + step * i
        total = Decimal(1000 + 37 * i)
        sale = ledger.create_sale(
            user_id=1,
            store_external_id="SUC001",
            box_external_id="CAJA01",
            site=site,
            title="t",
            lines=[
                CartLine(sku="", title="Yerba mate 1 kg", unit_price=total - 500, quantity=1),
                CartLine(sku="", title="Galletitas", unit_price=Decimal(500), quantity=1),
            ],
            total=total,
            iva_total=None,
            now=at,
            expires_at=at + timedelta(minutes=10),
        )
        status = SaleStatus.PAID if i % 5 else SaleStatus.CANCELED
        changes: dict[str, Any] = {"status": status, "tender": Tender.QR if i % 3 else Tender.CASH}
        if status is SaleStatus.PAID:
            changes["paid_amount"] = total
        ledger.update_sale(
            sale.external_reference,
            changes,
            now=at,
            kind="status",
            cause="poll",
            old_status=SaleStatus.CREATING,
            new_status=status,
        )


def _catalog_csv(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(
            ["sku", "barcode", "title", "unit_price", "category", "unit_measure", "iva_rate"]
        )
        for i in range(count):
            out.writerow(
                [
                    f"P{i:05d}",
                    f"779{i:010d}",
                    f"Producto número {i} de prueba",
                    f"{100 + i}.50",
                    "Almacén",
                    "unit",
                    "0",
                ]
            )
    return path


def builders(
    home: Path, sales: int = 150, products: int = 500
) -> dict[str, tuple[Callable[[], Any], Callable[[Any], None]]]:
    """name -> (build, what the app does before showing it); the tests of keyboard use take
    fewer ``sales`` and ``products``."""
    import httpx

    from pos_app.app import demo_config
    from pos_app.checkout.refunds import RefundService
    from pos_app.domain.money import site_for
    from pos_app.ledger.store import Ledger
    from pos_app.mercadopago.client import MercadoPagoClient
    from pos_app.mercadopago.credentials import AccessToken
    from pos_app.receipts.service import receipt_for_sale
    from pos_app.sandbox.state import SandboxState
    from pos_app.ui.counter.custom_amount import CustomAmountBar
    from pos_app.ui.counter.price_dialogs import DiscountDialog, WeightDialog
    from pos_app.ui.counter.sales_view import TodaySalesDialog
    from pos_app.ui.day.dialogs import CashDrawerDialog, CloseDayDialog
    from pos_app.ui.day.refund_dialog import RefundDialog
    from pos_app.ui.day.store_view import StoreViewDialog
    from pos_app.ui.demo.phone_window import CustomerPhoneWindow
    from pos_app.ui.display.customer_display import CustomerDisplay
    from pos_app.ui.products.editor import ProductEditor
    from pos_app.ui.products.importing import ImportPreview
    from pos_app.ui.products.window import ProductsWindow
    from pos_app.ui.receipts.preview import ReceiptPreviewDialog
    from pos_app.ui.settings.session import SettingsSession
    from pos_app.ui.settings.setup_assistant import SetupAssistant

    site = site_for("MLA")
    config = demo_config(SandboxState.seeded())
    ledger = Ledger(home / "ledger.sqlite3")
    _sales(ledger, site, sales)
    ledger.catalog.import_csv(_catalog_csv(home / "catalog.csv", products), site)
    sales = ledger.sales_since(datetime.now(UTC) - timedelta(days=1))
    paid = next(s for s in sales if s.paid_amount)
    product = ledger.catalog.list_page(limit=1)[0]
    clock = lambda: datetime.now(UTC)  # noqa: E731
    token = AccessToken("TEST-0000000000000000-000000-00000000000000000000000000000000-000000000")

    def client() -> MercadoPagoClient:
        http = httpx.AsyncClient(transport=httpx.MockTransport(lambda r: httpx.Response(500)))
        return MercadoPagoClient(http, token, base_url="http://127.0.0.1:9")

    refunds = RefundService(ledger, client)
    receipt = receipt_for_sale(paid, config)

    def sales_dialog() -> Any:
        return TodaySalesDialog(
            site,
            sales_since=ledger.sales_since,
            get_sale=ledger.get_sale,
            sale_events=ledger.sale_events,
            sales_between=ledger.sales_between,
            refunds_of=ledger.day.refunds_of,
            refunds=lambda sale: (
                refunds.store.refunded_amount(sale.external_reference),
                refunds.refundable(sale),
            ),
            refunded_totals=refunds.store.refunded_amounts,
        )

    def assistant() -> Any:
        session = SettingsSession(config, client(), token=None, origin="")
        return SetupAssistant(session)

    def settings() -> Any:
        from pos_app.ui.settings.dialog import SettingsDialog

        session = SettingsSession(config, client(), token=token, origin="keyring")
        return SettingsDialog(session)

    def nothing(_w: Any) -> None:
        pass

    def refresh(w: Any) -> None:
        w.refresh()

    return {
        "TodaySalesDialog (150 sales)": (sales_dialog, refresh),
        "WeightDialog": (lambda: WeightDialog(product, site), nothing),
        "DiscountDialog": (
            lambda: DiscountDialog(
                site,
                what="Yerba",
                gross=Decimal(1000),
                measure=Decimal(1),
                on_line=True,
                current=None,
                limit=100,
                pin_hash="",
            ),
            nothing,
        ),
        "CustomAmountBar": (lambda: CustomAmountBar(site), nothing),
        # Built, they have read the day book (DayActions refreshes only a reopened one).
        "CashDrawerDialog (150 sales)": (
            lambda: CashDrawerDialog(site, ledger.day, clock=clock),
            nothing,
        ),
        "CloseDayDialog (150 sales)": (
            lambda: CloseDayDialog(site, ledger.day, clock=clock),
            nothing,
        ),
        "RefundDialog": (lambda: RefundDialog(paid, refunds), nothing),
        "StoreViewDialog": (lambda: StoreViewDialog(lambda: config, site), nothing),
        "ProductsWindow (500 products)": (lambda: ProductsWindow(ledger.catalog, site), nothing),
        "ProductEditor": (lambda: ProductEditor(ledger.catalog, site, product=product), nothing),
        "ImportPreview (500 rows)": (
            lambda: ImportPreview(home / "catalog.csv", ledger.catalog, site),
            nothing,
        ),
        "ReceiptPreviewDialog": (lambda: ReceiptPreviewDialog(receipt, config), nothing),
        "SetupAssistant": (assistant, nothing),
        "SettingsDialog": (settings, nothing),
        "CustomerDisplay": (lambda: CustomerDisplay(site), nothing),
        "CustomerPhoneWindow": (
            lambda: CustomerPhoneWindow("http://127.0.0.1:9", "CAJA01", site),
            nothing,
        ),
    }


def _dispose(widget: Any, app: Any) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    widget.hide()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    app.processEvents()
    gc.collect()


def main(argv: list[str]) -> None:
    import qasync
    from PySide6.QtWidgets import QApplication

    from pos_app.ui.qtkit.style import apply_stylesheet

    runs = int(argv[0]) if argv and argv[0].isdigit() else 15
    wanted = [a for a in argv if not a.isdigit()]
    app = QApplication.instance() or QApplication([])
    apply_stylesheet(app)
    loop = qasync.QEventLoop(app)
    asyncio.events._set_running_loop(loop)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["POS_APP_HOME"] = tmp
        table = builders(Path(tmp))
        print(f"{'window':34} {'build ms':>9} {'+show ms':>9}")
        for name, (build, before_show) in table.items():
            if wanted and not any(w.lower() in name.lower() for w in wanted):
                continue
            for _ in range(2):  # first use of each class and its styles
                w = build()
                before_show(w)
                w.show()
                app.processEvents()
                _dispose(w, app)
            built: list[float] = []
            shown: list[float] = []
            for _ in range(runs):
                gc.collect()
                t0 = time.perf_counter()
                w = build()
                t1 = time.perf_counter()
                before_show(w)
                w.show()
                for _ in range(3):  # the first paint, and the timers it started (0 ms)
                    app.processEvents()
                t2 = time.perf_counter()
                built.append((t1 - t0) * 1000)
                shown.append((t2 - t0) * 1000)
                _dispose(w, app)
            print(f"{name:34} {statistics.median(built):9.1f} {statistics.median(shown):9.1f}")
            sys.stdout.flush()
    asyncio.events._set_running_loop(None)
    loop.close()  # while the application is still alive


if __name__ == "__main__":
    main(sys.argv[1:])
