"""A busy shop's year on one box: a realistic ledger to measure the app at its real size.

``python -m tests.benchmarks.year_ledger PATH [--days 365] [--per-day 400] [--old-step 5]``

Per day (08:00-20:00 on this computer's clock, the last day up to now): ``--per-day`` sales of
2-5 lines from a 3,000-product catalog (~10 % of lines weighed, ~5 % with a line discount,
~2 % of sales with a sale discount); ~76 % paid by QR, ~18 % in cash, ~3 % canceled, ~2 %
expired, ~0.5 % not sent; ~2 % of the paid ones refunded (a third by line, partly); two shifts,
two or three cash movements and the day's close (every day but the last).

Sales, their lines and history are written with the very SQL :class:`~pos_app.ledger.store.Ledger`
uses (``create_sale``'s and ``_append``'s statements, ``charged_amounts`` of a real ``Cart``),
one transaction per day, through the ledger's own connection: a sale at a time through
``create_sale``/``update_sale`` commits (and syncs) three times per sale, hours for a year.
Everything else goes through the real APIs: ``RefundStore.add``, ``DayBook.open_shift``,
``add_movement`` and ``close`` (so every close report is the real one), the catalog's CSV import.
:func:`verify` then checks the result as the app does (``PRAGMA integrity_check``, foreign keys,
each close's totals against the sales it counted).

``--outbox``: the ledger writes its store-database outbox as it goes (one change per
transition, the payloads ``Ledger._sale_change`` builds), as a counter offline that long would.
``--old-step N``: the same ledger at schema step N (columns and tables added later left out),
to time the upgrade.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sqlite3
import time
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from pos_app.domain.cart import Cart, CartLine
from pos_app.domain.money import Site, site_for
from pos_app.domain.order_lines import charged_amounts
from pos_app.domain.pricing import Discount, DiscountKind, SaleUnit
from pos_app.domain.reference import new_reference
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.ledger.day import MovementKind
from pos_app.ledger.migrations import MIGRATIONS
from pos_app.ledger.refunds import RefundStatus, RefundStore
from pos_app.ledger.store import LINE_SQL, Ledger, iso, line_rows

BOX = "CAJA01"
STORE = "SUC001"
PRODUCTS = 3000
SITE = "MLA"
CASHIERS = ("Ana", "Bruno", "Carla", "Diego")


@dataclass(frozen=True)
class Product:
    sku: str
    barcode: str
    title: str
    price: Decimal
    weighed: bool


def catalog(rng: random.Random, count: int = PRODUCTS) -> list[Product]:
    words = [
        "Yerba",
        "Galletitas",
        "Leche",
        "Queso",
        "Fideos",
        "Arroz",
        "Aceite",
        "Café",
        "Azúcar",
        "Harina",
        "Jamón",
        "Salame",
        "Pan",
        "Manzana",
        "Banana",
        "Tomate",
    ]
    products = []
    for i in range(count):
        weighed = i % 12 == 0
        price = Decimal(rng.randrange(300, 9000)) + Decimal(rng.choice((0, 50))) / 100
        products.append(
            Product(f"P{i:05d}", f"779{i:010d}", f"{words[i % 16]} {i}", price, weighed)
        )
    return products


def _catalog_csv(path: Path, products: list[Product]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["sku", "barcode", "title", "unit_price", "sale_unit"])
        for p in products:
            out.writerow([p.sku, p.barcode, p.title, str(p.price), "kg" if p.weighed else "unit"])
    return path


def _lines(rng: random.Random, products: list[Product]) -> list[CartLine]:
    lines = []
    for product in rng.sample(products, rng.randint(2, 5)):
        discount = None
        if rng.random() < 0.05:
            discount = Discount(DiscountKind.PERCENT, Decimal(10), "promo")
        if product.weighed:
            lines.append(
                CartLine(
                    sku=product.sku,
                    title=product.title,
                    unit_price=product.price,
                    barcode=product.barcode,
                    sale_unit=SaleUnit.KG,
                    measure=Decimal(rng.randrange(100, 2000)) / 1000,
                    discount=discount,
                )
            )
        else:
            lines.append(
                CartLine(
                    sku=product.sku,
                    title=product.title,
                    unit_price=product.price,
                    quantity=rng.choice((1, 1, 1, 2, 3)),
                    barcode=product.barcode,
                    discount=discount,
                )
            )
    return lines


# The statements of Ledger.create_sale and Ledger._append, verbatim.
_SALE_SQL = (
    "INSERT INTO sales (external_reference, user_id, store_external_id, "
    "box_external_id, site_id, currency, status, title, total, iva_total, created_at, "
    "updated_at, expires_at, sale_discount_kind, sale_discount_value, "
    "sale_discount_reason, sale_discount_amount, api, qr_mode, create_key, "
    "cancel_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
_EVENT_SQL = (
    "INSERT INTO sale_events (sale_id, at, kind, old_status, new_status, cause, detail) "
    "VALUES (?,?,?,?,?,?,?)"
)


def _outcome(rng: random.Random) -> str:
    roll = rng.random()
    for name, share in (("paid", 0.765), ("cash", 0.18), ("canceled", 0.03), ("expired", 0.02)):
        if roll < share:
            return name
        roll -= share
    return "failed"


def _write_sale(
    ledger: Ledger,
    conn: sqlite3.Connection,
    site: Site,
    lines: list[CartLine],
    sale_discount: Discount | None,
    at: datetime,
    outcome: str,
    payment: int,
) -> tuple[int, Decimal]:
    """One sale and its history, as the engine writes them; returns (id, amount taken)."""
    cart = Cart(site)
    cart.restore(list(lines))
    cart.sale_discount = sale_discount
    charged = charged_amounts(cart)
    total = cart.total()
    seq = int(conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM sales").fetchone()[0])
    ref = new_reference(BOX, seq)
    sale_id = int(
        conn.execute(
            _SALE_SQL,
            (
                ref,
                1,
                STORE,
                BOX,
                site.site_id,
                site.currency,
                SaleStatus.CREATING.value,
                "Almacén",
                str(total),
                None,
                iso(at),
                iso(at),
                iso(at + timedelta(minutes=10)),
                sale_discount.kind.value if sale_discount else None,
                str(sale_discount.value) if sale_discount else None,
                sale_discount.reason if sale_discount else "",
                str(cart.sale_discount_amount()),
                "instore",
                "",
                uuid.uuid4().hex,
                uuid.uuid4().hex,
            ),
        ).lastrowid
        or 0
    )
    conn.executemany(LINE_SQL, line_rows(sale_id, lines, charged, site))

    def event(
        when: datetime,
        kind: str,
        old: str | None,
        new: str | None,
        cause: str,
        detail: str = "",
        **changes: Any,
    ) -> None:
        if changes or new:
            values = {**changes, "updated_at": iso(when)}
            if new:
                values["status"] = new
            sets = ", ".join(f"{k} = ?" for k in values)
            conn.execute(f"UPDATE sales SET {sets} WHERE id = ?", (*values.values(), sale_id))
        row = conn.execute(_EVENT_SQL, (sale_id, iso(when), kind, old, new, cause, detail))
        ledger._sale_change(conn, sale_id, [int(row.lastrowid or 0)])

    event(at, "created", None, "creating", "charge")
    if outcome == "failed":
        event(
            at + timedelta(seconds=1),
            "status",
            "creating",
            "failed",
            "charge",
            failure_reason="The box is not set up at Mercado Pago.",
        )
        return sale_id, Decimal(0)
    event(at + timedelta(seconds=1), "status", "creating", "pending", "charge")
    later = at + timedelta(seconds=random.Random(sale_id).randint(8, 60))
    if outcome == "paid":
        event(
            later,
            "status",
            "pending",
            "paid",
            "notification" if sale_id % 3 else "poll",
            f"merchant orders [{payment + 7_000_000}]",
            merchant_order_ids=json.dumps([payment + 7_000_000]),
            payment_ids=json.dumps([payment]),
            paid_amount=str(total),
            tender=Tender.QR.value,
        )
        return sale_id, total
    if outcome in ("cash", "canceled"):
        cash = outcome == "cash"
        event(
            later,
            "cancel_requested",
            None,
            None,
            "cancel",
            "cash" if cash else "",
            cancel_requested=1,
            **({"tender": Tender.CASH.value} if cash else {}),
        )
        event(later + timedelta(seconds=1), "status", "pending", "canceled", "cancel")
        return sale_id, total if cash else Decimal(0)
    event(at + timedelta(minutes=10), "status", "pending", "expired", "poll")
    return sale_id, Decimal(0)


def build(
    path: Path,
    *,
    days: int = 365,
    per_day: int = 400,
    seed: int = 2026,
    outbox: bool = False,
    now: datetime | None = None,
    product_count: int = PRODUCTS,
    progress: bool = False,
) -> dict[str, Any]:
    """Write the ledger at ``path`` (it must not exist); returns what it holds and how long.
    ``product_count``: the catalog's size (the quick pass: 300; importing 3,000 was most of a small
    ledger's build)."""
    started = time.perf_counter()
    rng = random.Random(seed)
    site = site_for(SITE)
    products = catalog(rng, product_count)
    now = (now or datetime.now().astimezone()).replace(microsecond=0)
    today = now.date()
    first_day = today - timedelta(days=days - 1)
    ledger = Ledger(path, outbox=outbox)
    counts = {"sales": 0, "refunds": 0, "movements": 0, "shifts": 0, "closes": 0}
    try:
        conn = ledger._conn
        conn.execute("PRAGMA synchronous=OFF")  # the build only; the app's own opening sets FULL
        # The first period starts with the first shift (earlier than the day book's start).
        ledger.catalog.import_csv(_catalog_csv(path.with_suffix(".csv"), products), site)
        refunds = RefundStore(ledger)
        payment = 90_000_000_000
        for n in range(days):
            day = first_day + timedelta(days=n)
            opens = _local(day, 8)
            last = day == today
            span = (
                min(timedelta(hours=12), now - opens - timedelta(minutes=1))
                if last
                else (timedelta(hours=12))
            )
            if span <= timedelta(0):  # today before 08:00: today's sales since midnight
                opens = _local(day, 0)
                span = (now - opens) * 0.9
            ledger.day.open_shift(CASHIERS[n % 4], Decimal(20000), now=opens - timedelta(minutes=5))
            counts["shifts"] += 1
            taken: list[tuple[int, datetime, Decimal, str]] = []
            conn.execute("BEGIN IMMEDIATE")
            for i in range(per_day):
                at = opens + span * i / per_day + timedelta(seconds=rng.randint(0, 40))
                lines = _lines(rng, products)
                sale_discount = (
                    Discount(DiscountKind.PERCENT, Decimal(5), "jubilado")
                    if rng.random() < 0.02
                    else None
                )
                outcome = _outcome(rng)
                payment += 1
                sale_id, amount = _write_sale(
                    ledger, conn, site, lines, sale_discount, at, outcome, payment
                )
                if amount:
                    taken.append((sale_id, at, amount, outcome))
            conn.execute("COMMIT")
            counts["sales"] += per_day
            # One shift a day: the ledger refuses a second one before the close.
            for k, (kind, amount, why) in enumerate(
                [
                    (MovementKind.OUT, Decimal(50000), "Retiro a caja fuerte"),
                    (MovementKind.IN, Decimal(10000), "Cambio"),
                    (MovementKind.OUT, Decimal(3500), "Proveedor"),
                ][: 2 + n % 2]
            ):
                ledger.day.add_movement(
                    kind, amount, why, now=opens + span * (k + 1) / 4 + timedelta(seconds=3)
                )
                counts["movements"] += 1
            for sale_id, at, amount, outcome in taken:
                if rng.random() >= 0.02:
                    continue
                ref = str(
                    conn.execute(
                        "SELECT external_reference FROM sales WHERE id = ?", (sale_id,)
                    ).fetchone()[0]
                )
                by_line = rng.random() < 0.33
                back = ledger.charged_amounts(ref)[0] if by_line else amount
                cash = outcome == "cash"
                refunds.add(
                    ref,
                    key=uuid.uuid4().hex,
                    amount=min(back, amount),
                    tender=Tender.CASH if cash else Tender.QR,
                    payment_id=None if cash else payment,
                    now=min(at + timedelta(minutes=rng.randint(5, 90)), now),
                    limit=amount,
                    status=RefundStatus.REFUNDED,
                    lines=((0, 1),) if by_line else (),
                    mp_refund_id="" if cash else str(sale_id + 5_000_000),
                    note=rng.choice(("Defectuoso", "Cobrado dos veces", "")),
                )
                counts["refunds"] += 1
            if not last:
                ledger.day.close(site, now=_local(day, 21))
                counts["closes"] += 1
            if progress and n % 30 == 29:
                print(f"... day {n + 1}/{days}, {time.perf_counter() - started:.0f} s", flush=True)
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        outbox_rows = int(conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0])
    finally:
        ledger.close()
    path.with_suffix(".csv").unlink(missing_ok=True)
    return {
        **counts,
        "outbox": outbox_rows,
        "days": days,
        "per_day": per_day,
        "bytes": path.stat().st_size,
        "seconds": round(time.perf_counter() - started, 1),
    }


def _local(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour).astimezone()


def verify(path: Path) -> dict[str, Any]:
    """The checks the app makes of a ledger, made whole: ``PRAGMA integrity_check`` (the full
    one, not the start-up's quick check), foreign keys, the ledger opening (its migrations,
    quick check and identity), each sale's lines, and every close's sales count and net against
    the sales, refunds and movements of its period recomputed from the ledger."""
    conn = sqlite3.connect(path)
    try:
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        assert integrity == ["ok"], integrity
        bad_keys = conn.execute("PRAGMA foreign_key_check").fetchall()
        assert not bad_keys, bad_keys[:5]
        lineless = conn.execute(
            "SELECT COUNT(*) FROM sales s WHERE NOT EXISTS "
            "(SELECT 1 FROM sale_lines l WHERE l.sale_id = s.id)"
        ).fetchone()[0]
        assert lineless == 0, f"{lineless} sales without lines"
        created = conn.execute(
            "SELECT COUNT(*) FROM sales s WHERE NOT EXISTS (SELECT 1 FROM sale_events e "
            "WHERE e.sale_id = s.id AND e.kind IN ('created', 'adopted'))"
        ).fetchone()[0]
        assert created == 0, f"{created} sales without their 'created' event"
    finally:
        conn.close()
    from pos_app.domain.day import compute_close

    ledger = Ledger(path, exclusive=False)
    try:
        site = site_for(SITE)
        closes = ledger.day.closes()
        day = ledger.day
        for report in closes[-7:]:  # the last week's (each reads every sale since its start)
            again = compute_close(
                number=report.number,
                site=site,
                opened_at=report.opened_at,
                closed_at=report.closed_at,
                sales=[
                    f
                    for f in day.sale_facts(report.opened_at)
                    if f.settled_at is not None and f.settled_at < report.closed_at
                ],
                refunds=[r for r in day.refund_facts(report.opened_at) if r.at < report.closed_at],
                movements=[m for m in day.movements(report.opened_at) if m.at < report.closed_at],
                shifts=[s for s in day.shifts(report.opened_at) if s.opened_at < report.closed_at],
            )
            assert again.net == report.net, (report.number, again.net, report.net)
    finally:
        ledger.close()
    return {"integrity": "ok", "closes": len(closes)}


def at_old_step(current: Path, old: Path, step: int) -> None:
    """A copy of ``current`` as a ledger of schema step ``step`` would hold it: the tables and
    columns of the first ``step`` migrations, the rest left out (refunds, if older)."""
    conn = sqlite3.connect(old, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        script = "\n".join(MIGRATIONS[:step])
        conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {step};\nCOMMIT;")
        conn.execute("ATTACH DATABASE ? AS cur", (str(current),))
        conn.execute("BEGIN")
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM main.sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%'"
            )
        ]
        for table in tables:
            cols = [r[1] for r in conn.execute(f"PRAGMA main.table_info({table})")]
            names = ", ".join(cols)
            where = ""
            if table == "sale_events" and "refunds" not in tables:
                where = " WHERE kind != 'refund'"
            # OR IGNORE: the day book's first event, made by the migration in both files.
            conn.execute(
                f"INSERT OR IGNORE INTO main.{table} ({names}) "
                f"SELECT {names} FROM cur.{table}{where}"
            )
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE cur")
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", type=Path)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--per-day", type=int, default=400)
    parser.add_argument("--outbox", action="store_true")
    parser.add_argument("--old-step", type=int, default=0)
    args = parser.parse_args()
    made = build(args.path, days=args.days, per_day=args.per_day, outbox=args.outbox, progress=True)
    print(made)
    print(verify(args.path))
    if args.old_step:
        old = args.path.with_name(f"{args.path.stem}-step{args.old_step}.sqlite3")
        at_old_step(args.path, old, args.old_step)
        print(f"{old}: step {args.old_step}, {old.stat().st_size / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
