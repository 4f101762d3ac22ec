"""How long a backup of a ledger with 10,000 sales takes (SQLite's backup API, one step).

::

    .venv/bin/python -m tests.benchmarks.backup_bench [--sales 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from pos_app.domain.cart import CartLine
from pos_app.domain.money import site_for
from pos_app.domain.sale import SaleStatus
from pos_app.ledger import backup
from pos_app.ledger.store import Ledger


def ledger_with_sales(path: Path, count: int) -> None:
    """A ledger with ``count`` paid sales of three lines and four events each: one real sale
    recorded through :class:`Ledger`, then copied in SQL (10,000 in about a second)."""
    ledger = Ledger(path)
    try:
        now = datetime.now(UTC)
        lines = [
            CartLine(sku=f"S{i}", title=f"Producto {i}", unit_price=Decimal("1725.25"), quantity=2)
            for i in range(3)
        ]
        sale = ledger.create_sale(
            user_id=1,
            store_external_id="SUC001",
            box_external_id="CAJA01",
            site=site_for("MLA"),
            title="Almacén",
            lines=lines,
            total=Decimal("10351.50"),
            iva_total=None,
            now=now,
            expires_at=now + timedelta(minutes=10),
        )
        ref = sale.external_reference
        old = SaleStatus.CREATING
        for status in (SaleStatus.PENDING, SaleStatus.PAID):
            ledger.update_sale(
                ref,
                {"status": status, "payment_ids": [123456789]},
                now=now,
                kind="status",
                cause="poll",
                old_status=old,
                new_status=status,
            )
            old = status
        conn = ledger._conn
        conn.execute("BEGIN")
        conn.execute(
            "CREATE TEMP TABLE n AS WITH RECURSIVE c(i) AS (SELECT 2 UNION ALL "
            "SELECT i + 1 FROM c WHERE i < ?) SELECT i FROM c",
            (count,),
        )
        cols = [r[1] for r in conn.execute("PRAGMA table_info(sales)") if r[1] != "id"]
        picked = [
            "s.external_reference || '-' || n.i" if c == "external_reference" else f"s.{c}"
            for c in cols
        ]
        conn.execute(
            f"INSERT INTO sales (id, {', '.join(cols)}) "
            f"SELECT n.i, {', '.join(picked)} FROM n, sales s WHERE s.id = 1"
        )
        # Every column but the sale id copied by name: later schema steps add columns.
        line_cols = [r[1] for r in conn.execute("PRAGMA table_info(sale_lines)")]
        rest = [c for c in line_cols if c != "sale_id"]
        conn.execute(
            f"INSERT INTO sale_lines (sale_id, {', '.join(rest)}) "
            f"SELECT n.i, {', '.join('l.' + c for c in rest)} "
            "FROM n, sale_lines l WHERE l.sale_id = 1"
        )
        conn.execute(
            "INSERT INTO sale_events (sale_id, at, kind, old_status, new_status, cause, detail) "
            "SELECT n.i, at, kind, old_status, new_status, cause, detail "
            "FROM n, sale_events e WHERE e.sale_id = 1"
        )
        conn.execute("COMMIT")
    finally:
        ledger.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sales", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ledger = Path(tmp) / "ledger.sqlite3"
        ledger_with_sales(ledger, args.sales)
        folder = Path(tmp) / "backups"
        folder.mkdir()
        times = []
        for _ in range(args.repeat):
            made = backup.make_backup(ledger, folder, keep=2)
            times.append(made.seconds)
        print(
            f"backup of {args.sales} sales: {made.size / 2**20:.1f} MiB, median "
            f"{statistics.median(times):.3f} s, worst {max(times):.3f} s over {args.repeat} runs"
        )


if __name__ == "__main__":
    main()
