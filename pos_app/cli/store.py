"""The store database from the command line: ``sales --store``, ``relay``, ``configure
--store-database`` and the doctor's check."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from pos_app.cli.dispatch import UsageError
from pos_app.cli.output import EXIT_ERROR, EXIT_OK, EXIT_USAGE, amount_json, err, print_json
from pos_app.domain.money import SITES
from pos_app.ledger.store import Ledger, OutboxChange
from pos_app.settings import config as config_mod
from pos_app.settings import paths, secrets
from pos_app.settings.config import Config
from pos_app.store.address import StoreAddressError, shown, split_password

if TYPE_CHECKING:
    from psycopg import AsyncConnection

    from pos_app.store.views import BoxTotal, StoreSale

T = TypeVar("T")
Connection: TypeAlias = "AsyncConnection[Any]"

log = logging.getLogger(__name__)


READ_TIMEOUT = 60.0  # seconds a read of the store's figures may take, all in all


def _no_store() -> int:
    err(
        "pos-app: no store database is configured: 'pos-app configure --store-database "
        "postgresql://USER@HOST:PORT/DATABASE'"
    )
    return EXIT_ERROR


async def _open(config: Config) -> Connection:
    from pos_app.store.replication import connect

    # The keyring on a worker thread (the window's support file runs the doctor's check).
    password = await asyncio.to_thread(secrets.load_store_password)
    return await connect(
        config.store_database,
        password,
        box=config.box_external_id,
        reading=True,
    )


async def _read_store(config: Config, read: Callable[[Connection], Awaitable[T]]) -> T | None:
    """``read`` on a connection of its own, closed after; None (said on stderr) when the store
    database cannot be reached or refuses."""
    import psycopg

    from pos_app.store.replication import safe_error
    from pos_app.store.schema import StoreDatabaseError

    try:
        # A server that takes the connection and then does not answer (a table locked by a
        # maintenance) ends the command, said, instead of holding it forever.
        async with asyncio.timeout(READ_TIMEOUT):
            conn = await _open(config)
            try:
                return await read(conn)
            finally:
                await conn.close()
    except StoreDatabaseError as exc:
        err(f"pos-app: {exc.msg}")
    except TimeoutError:  # before OSError, of which it is one
        err(
            f"pos-app: the store database {shown(config.store_database)} did not answer "
            f"within {READ_TIMEOUT:g} s"
        )
    except (psycopg.Error, OSError) as exc:
        err(f"pos-app: the store database {shown(config.store_database)}: {safe_error(exc)}")
    return None


def _amount(value: Decimal, currency: str = "") -> str:
    """With the currency's decimals (``"300.60"``, ``"12000"``), like the ledger's JSON."""
    site = next((site for site in SITES.values() if site.currency == currency), None)
    return amount_json(value, site) if site is not None else format(value, "f")


def _scope(args: argparse.Namespace, config: Config) -> tuple[str | None, str]:
    """``(store, label)``: ``--chain`` is every store (``None``); ``--store`` the counter's."""
    if getattr(args, "chain", False):
        return None, "chain"
    if not config.store_external_id:
        raise StoreScopeError(
            "no store is chosen for this counter yet ('pos-app configure --store ID --box ID'); "
            "--chain shows every store"
        )
    return config.store_external_id, config.store_external_id


class StoreScopeError(Exception):
    pass


def _configured_scope(args: argparse.Namespace) -> tuple[Config, str | None, str] | None:
    """The settings and the scope a store command asks for (``_scope``); None, said on
    stderr, without a store database or with no store chosen."""
    config = config_mod.load().config
    if not config.store_database:
        _no_store()
        return None
    try:
        store, label = _scope(args, config)
    except StoreScopeError as exc:
        err(f"pos-app: {exc}")
        return None
    return config, store, label


async def cmd_store_sales(args: argparse.Namespace) -> int:
    from pos_app.cli.drawer import period_given
    from pos_app.store.views import store_sales, store_sums, sums_by_store, totals_by_box

    if period_given(args):  # the store's newest sales were listed, the period left unsaid
        raise UsageError("--from/--to list this box's sales (not with --store/--chain)")
    scoped = _configured_scope(args)
    if scoped is None:
        return EXIT_ERROR
    config, store, label = scoped

    async def sales_and_totals(conn: Connection) -> tuple[list[StoreSale], list[BoxTotal]]:
        return (
            await store_sales(conn, limit=args.limit, store=store),
            await totals_by_box(conn, store=store),
        )

    found = await _read_store(config, sales_and_totals)
    if found is None:
        return EXIT_ERROR
    sales, totals = found
    if args.json:
        print_json(
            {
                "scope": "chain" if store is None else "store",
                "store": store,
                "sales": [
                    {
                        "store": s.store,
                        "box": s.box,
                        "external_reference": s.reference,
                        "status": s.status,
                        "total": _amount(s.total, s.currency),
                        "paid_amount": _amount(s.paid_amount, s.currency),
                        "tender": s.tender,
                        "currency": s.currency,
                        "title": s.title,
                        "created_at": s.created_at.isoformat(),
                        "updated_at": s.updated_at.isoformat(),
                    }
                    for s in sales
                ],
                "totals": [
                    {
                        "store": t.store,
                        "box": t.box,
                        "tender": t.tender,
                        "currency": t.currency,
                        "sales": t.sales,
                        "amount": _amount(t.amount, t.currency),
                    }
                    for t in totals
                ],
                "store_totals": [
                    {
                        "store": name,
                        "tender": tender,
                        "currency": currency,
                        "amount": _amount(amount, currency),
                    }
                    for (name, tender, currency), amount in sorted(sums_by_store(totals).items())
                ],
                "tender_totals": [
                    {"tender": tender, "currency": currency, "amount": _amount(amount, currency)}
                    for (tender, currency), amount in sorted(store_sums(totals).items())
                ],
            }
        )
        return EXIT_OK
    for s in sales:
        stamp = s.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        print(
            f"{stamp}  {s.store:<10} {s.box:<12} {s.reference:<32} {s.status:<9} "
            f"{_amount(s.total, s.currency):>12} {s.currency}  {s.tender or ''}"
        )
    if not sales:
        err(f"no sales of {label} in the store database yet")
    if totals:
        print("\nPaid, per store, box and tender:")
        for t in totals:
            print(
                f"  {t.store:<10} {t.box:<12} {t.tender:<16} {t.sales:>6} sales "
                f"{_amount(t.amount, t.currency):>14} {t.currency}"
            )
        for (name, tender, currency), amount in sorted(sums_by_store(totals).items()):
            total = _amount(amount, currency)
            print(f"  {name:<10} {'(store)':<12} {tender:<16} {'':>12} {total:>14} {currency}")
        if store is None:
            for (tender, currency), amount in sorted(store_sums(totals).items()):
                total = _amount(amount, currency)
                print(f"  {'(chain)':<23} {tender:<16} {'':>12} {total:>14} {currency}")
    return EXIT_OK


def _period(args: argparse.Namespace, site_id: str) -> tuple[datetime | None, datetime | None]:
    """``--from``/``--to`` as ``[first midnight, midnight after the last day)`` in the site's
    zone; ``(None, None)`` for each box's current period."""
    from pos_app.cli.drawer import period_given, read_period

    if not period_given(args):
        return None, None
    return read_period(args.date_from, args.date_to, site_id)


async def cmd_store_close(args: argparse.Namespace) -> int:
    """``close --store`` / ``--chain``: every box's figures from the store database, each
    store's subtotal and their sum."""

    from pos_app.cli.day import report_lines
    from pos_app.domain.day import report_to_json
    from pos_app.domain.money import format_money, site_for
    from pos_app.store.views import store_close

    scoped = _configured_scope(args)
    if scoped is None:
        return EXIT_ERROR
    config, store, label = scoped
    site = site_for(config.site_id)
    since, until = _period(args, site.site_id)
    result = await _read_store(
        config,
        lambda conn: store_close(
            conn, site, now=datetime.now(UTC), since=since, until=until, store=store
        ),
    )
    if result is None:
        return EXIT_ERROR

    def closes_json(closes: tuple[tuple[int, datetime], ...]) -> list[dict[str, Any]]:
        return [{"number": n, "closed_at": at.isoformat()} for n, at in closes]

    if args.json:
        data = report_to_json(result.total, site)
        data["number"] = None  # not a close of its own: nothing is frozen
        data["scope"] = "chain" if store is None else "store"
        data["store"] = store
        data["boxes"] = [
            {
                "box": b.box,
                "store": b.store,
                **report_to_json(b.report, site),
                "number": None,
                "closes": closes_json(b.closes),
            }
            for b in result.boxes
        ]
        data["stores"] = [
            {
                "store": st.store,
                **report_to_json(st.report, site),
                "number": None,
                "boxes": list(st.boxes),
            }
            for st in result.stores
        ]
        print_json(data)
        return EXIT_OK
    if not result.boxes:
        err(f"no boxes of {label} in the store database yet")
        return EXIT_OK
    for b in result.boxes:
        r = b.report
        own = ", ".join(f"#{n} {at.astimezone():%Y-%m-%d %H:%M}" for n, at in b.closes)
        print(
            f"{b.store:<10} {b.box:<12} {r.opened_at.astimezone():%Y-%m-%d %H:%M} - "
            f"{r.closed_at.astimezone():%Y-%m-%d %H:%M}  sales {r.sales_count:>5}  "
            f"net {format_money(r.net, site):>14}  closes: {own or '-'}"
        )
    if store is None:
        print()
        for st in result.stores:
            totals = "  ".join(
                f"{tender} {format_money(amount, site)}"
                for tender, amount in sorted(st.report.totals.items())
            )
            print(
                f"{st.store:<10} ({len(st.boxes)} boxes)  sales {st.report.sales_count:>5}  "
                f"net {format_money(st.report.net, site):>14}  {totals}"
            )
    print()
    heading = "chain (every store)" if store is None else f"store {store} (all boxes)"
    print("\n".join([heading, *report_lines(result.total, site)[1:]]))
    return EXIT_OK


async def cmd_store_reconcile(args: argparse.Namespace) -> int:
    """``reconcile --store`` / ``--chain``: the store's (or account's) Mercado Pago payments of a
    day against every box's sales in the store database."""
    from pos_app.cli.day import orders_confirmed_text, reconciliation_json
    from pos_app.cli.drawer import read_day
    from pos_app.cli.output import EXIT_NOT_PAID
    from pos_app.domain.day import site_zone
    from pos_app.domain.money import format_money
    from pos_app.runtime import open_runtime
    from pos_app.store.reconcile import reconcile_scope, sales_window
    from pos_app.store.views import reconciliation_sales

    scoped = _configured_scope(args)
    if scoped is None:
        return EXIT_ERROR
    config, store, label = scoped
    zone = site_zone(config.site_id)
    day = read_day(args.date, "--date") if args.date is not None else datetime.now(zone).date()
    async with open_runtime(config=config, enable_receiver=False) as rt:
        since, until = sales_window(day, rt.site.site_id)
        # The store database first, on a connection of its own and within the store commands'
        # time limit (a server that takes the connection and then does not answer ends the
        # command, said); Mercado Pago after, with that connection closed.
        sales = await _read_store(
            config, lambda conn: reconciliation_sales(conn, since, until, store=store)
        )
        if sales is None:
            return EXIT_ERROR
        result = await reconcile_scope(
            rt.engine.client,
            sales,
            day=day,
            site_id=rt.site.site_id,
            user_id=rt.engine.settings.user_id,
            store=store,
        )
        site = rt.site
    if args.json:
        data = reconciliation_json(result, site, {})
        data["scope"] = "chain" if store is None else "store"
        data["store"] = store
        boxes = {s.external_reference: s.box_external_id for s in result.not_at_mercadopago}
        for entry in data["not_at_mercadopago"]:
            entry["box"] = boxes.get(entry["external_reference"], "")
        print_json(data)
    else:
        print(
            f"{day} ({label}): {result.payments_seen} payments at Mercado Pago, "
            f"{result.matched} in the store database" + orders_confirmed_text(result)
        )
        for p in result.missing_in_ledger:
            print(
                f"missing in the store database: payment {p.id} {format_money(p.amount, site)} "
                f"ref {p.external_reference or '-'}"
            )
        for s in result.not_at_mercadopago:
            print(
                f"not at Mercado Pago: {s.box_external_id} {s.external_reference} {s.paid_amount}"
            )
        for d in result.amount_differences:
            print(
                f"amount differs: {d.reference} store database {d.ledger_amount} "
                f"MP {d.mercadopago_amount}"
            )
    return EXIT_OK if result.all_match else EXIT_NOT_PAID


def cmd_relay(args: argparse.Namespace) -> int:
    from pos_app.settings.setup import parse_listen
    from pos_app.store.relay import Relay
    from pos_app.system.console import stop_on_signals

    config = config_mod.load().config
    address = args.store_database or config.store_database
    if not address:
        return _no_store()
    try:
        url, password = split_password(address)
        parse_listen(args.listen)
    except StoreAddressError as exc:
        err(f"pos-app: --store-database: {exc.msg}")
        return EXIT_USAGE
    except ValueError as exc:
        err(f"pos-app: --listen: {exc}")
        return EXIT_USAGE
    password = password or secrets.load_store_password()

    async def serve() -> int:
        relay = Relay(
            url,
            password,
            listen=args.listen,
            secret=secrets.load_webhook_secret(),
            trusted_proxies=args.trusted_proxy or config.notify_trusted_proxies,
        )
        stop = asyncio.Event()
        with stop_on_signals(asyncio.get_running_loop(), stop.set):
            try:
                await relay.start()
            except OSError as exc:
                err(f"pos-app: cannot listen on {args.listen}: {exc}")
                return EXIT_ERROR
            print(f"relay: notifications on {relay.url}, hints to {shown(url)}", flush=True)
            try:
                await stop.wait()
            finally:
                await relay.stop()
        return EXIT_OK

    return asyncio.run(serve())


def apply_store_database(
    config: Config, address: str, read_password: Callable[[], str] | None
) -> tuple[Config, str | None]:
    """``configure --store-database``: the address without its password for the config file,
    and the password for the keyring (from the address, or ``read_password``)."""
    if not address.strip():
        return config.with_changes(store_database=""), ""
    url, password = split_password(address)
    if read_password is not None:
        password = read_password()
    return config.with_changes(store_database=url), password


def configure_store(args: argparse.Namespace, config: Config) -> tuple[Config, str | None]:
    """Raises ValueError (usage) for a bad address."""
    reader = (lambda: sys.stdin.readline().rstrip("\n")) if args.store_password_stdin else None
    try:
        return apply_store_database(config, args.store_database, reader)
    except StoreAddressError as exc:
        raise ValueError(f"--store-database: {exc.msg}") from None


def _outbox_state() -> tuple[int, datetime | None, list[tuple[OutboxChange, str]]] | None:
    """The ledger's changes waiting for the store database (how many, since when) and those it
    refused; None without a ledger."""
    ledger_path = paths.ledger_path()
    if not ledger_path.exists():
        return None
    ledger = Ledger(ledger_path, exclusive=False)
    try:
        count, since = ledger.outbox_waiting()
        return count, since, ledger.outbox_refused()
    finally:
        ledger.close()


async def check_store(config: Config) -> tuple[bool, str, str]:
    """For ``doctor``: ``(ok, detail, advice)``."""
    import psycopg

    from pos_app.store.replication import refused_text, safe_error
    from pos_app.store.schema import VERSION, StoreDatabaseError

    where = shown(config.store_database)
    try:
        conn = await _open(config)
    except StoreDatabaseError as exc:
        return False, f"{where}: {exc.msg}", ""
    except (psycopg.Error, OSError) as exc:
        return (
            False,
            f"{where}: {safe_error(exc)}",
            "The counter sells on and keeps the changes; check the server, the address and "
            "the password ('pos-app configure --store-database URL --store-password-stdin').",
        )
    try:
        cur = await conn.execute("SELECT count(*) FROM boxes")
        row = await cur.fetchone()
        boxes = int(row[0]) if row else 0
    finally:
        await conn.close()
    waiting = ""
    # On a worker thread: opening the ledger checks it whole (seconds for a busy shop's year),
    # and the window's support file runs this.
    outbox = await asyncio.to_thread(_outbox_state)
    refused: list[tuple[OutboxChange, str]] = outbox[2] if outbox else []
    if outbox is not None:
        count, since, _ = outbox
        waiting = (
            f"; {count} change(s) waiting since {since.astimezone():%Y-%m-%d %H:%M}"
            if count and since
            else "; up to date"
        )
    if refused:  # set aside so that the later changes go on (pos_app.store.replication)
        return (
            False,
            f"{where}: schema {VERSION}, {boxes} box(es){waiting}; {len(refused)} change(s) "
            f"refused by the store database, kept in the ledger (first: "
            f"{refused_text(*refused[0])})",
            "They are tried again each time the app or a command with the store database "
            "starts; if the error stays, send 'pos-app support-file' to whoever looks after "
            "the app.",
        )
    return True, f"{where}: schema {VERSION}, {boxes} box(es){waiting}", ""
