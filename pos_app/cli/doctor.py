"""``pos-app doctor``: what a support technician checks first, each with a plain explanation."""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
from contextlib import suppress
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from pos_app.cli.output import EXIT_ERROR, EXIT_OK, print_json
from pos_app.ledger.amounts import UnreadableSale, damaged_amounts
from pos_app.ledger.lock import AlreadyRunningError, InstanceLock
from pos_app.ledger.store import Ledger, LedgerError
from pos_app.mercadopago import errors as mp
from pos_app.mercadopago.credentials import AccessToken, BaseUrlError
from pos_app.settings import config as config_mod
from pos_app.settings import paths, secrets
from pos_app.system import logs
from pos_app.system.files import network_location

if TYPE_CHECKING:
    from pos_app.mercadopago.client import MercadoPagoClient

# The HTTP client and the runtime (httpx, the checkout engine) are imported by the checks that
# use them: without a token, or without a receiver to try, the doctor does not pay for them.


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    advice: str = ""


async def cmd_doctor(args: argparse.Namespace) -> int:
    # Its printout is what a shop sends its technician (``> doctor.txt``): no secret in it,
    # not even inside an API address someone wrote the token into.
    checks = [
        Check(c.name, c.ok, logs.redact(c.detail), logs.redact(c.advice))
        for c in await run_checks()
    ]
    if args.json:
        print_json({"ok": all(c.ok for c in checks), "checks": [asdict(c) for c in checks]})
    else:
        for c in checks:
            print(f"[{'ok' if c.ok else 'FAIL'}] {c.name}: {c.detail}")
            if c.advice:
                print(f"       {c.advice}")
    return EXIT_OK if all(c.ok for c in checks) else EXIT_ERROR


def api_description(config: config_mod.Config) -> str:
    if config.api == "orders":
        return f"Orders API (/v1/orders), {config.qr_mode} QR"
    return "instore orders v2 (the box's printed QR)"


async def run_checks() -> list[Check]:
    # What reads the disk or the keyring runs on worker threads: Help → Save a support file
    # runs these checks in the window, whose thread must not wait on a locked keyring's prompt,
    # a slow secret service, or the ledger's check (it reads the whole file: seconds for a
    # busy shop's year).
    config, source, checks = await asyncio.to_thread(_settings_checks)
    seen: dict[str, str] = {}  # what the API checks saw: Mercado Pago's Date
    if source.token is not None:
        checks.extend(await _api_checks(config, source.token, seen))
    local, newest, share = await asyncio.to_thread(_local_facts)
    checks.extend(local)
    checks.append(clock_check(seen.get("date", ""), newest))
    if share:  # README, Windows: WAL needs the ledger on a local disk
        checks.append(
            Check(
                "ledger location",
                False,
                f"{paths.data_dir()} is on the network share {share}",
                "SQLite's write-ahead log is not safe there: set POS_APP_HOME to a folder on "
                "this computer's own disk.",
            )
        )
    if config.store_database and not config.notify_listen:
        checks.append(await _relay_check(config.notify_url))  # the relay receives for us
    else:
        checks.extend(await _receiver_checks(config))
    if config.store_database:
        from pos_app.cli.store import check_store

        ok, detail, advice = await check_store(config)
        checks.append(Check("store database", ok, detail, advice))
    return checks


def _settings_checks() -> tuple[config_mod.Config, secrets.TokenSource, list[Check]]:
    """The settings file and the token (from the keyring) read and checked: the settings, the
    token, and the checks of the configuration, the API and the token (its answers from Mercado
    Pago: :func:`_api_checks`)."""
    from pos_app.system.about import files_text, read_facts

    loaded = config_mod.load()
    config = loaded.config
    source = secrets.load_token()
    # As Help → About says them (and ``pos-app --version``).
    facts = read_facts(config, demo=False)
    checks: list[Check] = [
        Check("version", True, facts.version),
        Check("files", True, files_text(facts)),
    ]
    if loaded.problem:
        checks.append(Check("configuration", False, str(loaded.problem)))
    elif not config.is_configured:
        # 'configure --store' asks Mercado Pago, so it needs a token this machine can give it.
        how = "'pos-app configure --store ID --box ID'"
        if source.token is None and not secrets.backend_is_usable():
            how = _with_token_env("pos-app configure --store ID --box ID")
        elif source.token is None:
            how = "'pos-app configure --token-stdin --store ID --box ID' (the token on stdin)"
        checks.append(
            Check(
                "configuration",
                False,
                f"no store and box set ({paths.config_path()})",
                f"Run {how}, or open the app: its setup assistant asks for both.",
            )
        )
    else:
        checks.append(
            Check(
                "configuration",
                True,
                f"store {config.store_external_id}, box {config.box_external_id}, "
                f"site {config.site_id} ({paths.config_path()})",
            )
        )
    checks.append(Check("Mercado Pago API", True, api_description(config)))
    if source.token is None:
        checks.append(_no_token_check(source.unreadable))
    else:
        checks.append(
            Check("access token", True, f"from the {source.origin} ({source.token.hint})")
        )
    return config, source, checks


def _local_facts() -> tuple[list[Check], datetime | None, str | None]:
    """The ledger's checks, its newest record (for the clock's) and the network share holding
    the data folder, if any: all read from the disk."""
    return (
        _ledger_checks(),
        newest_record(paths.ledger_path()),
        network_location(paths.data_dir()),
    )


def _with_token_env(command: str) -> str:
    """``command`` run with MP_ACCESS_TOKEN set, in this machine's shell."""
    if sys.platform == "win32":
        return f"'set MP_ACCESS_TOKEN=<token>' and then '{command}'"
    return f"'MP_ACCESS_TOKEN=<token> {command}'"


def _no_token_check(unreadable: str = "") -> Check:
    """No token anywhere: advise only what can work on this machine."""
    if unreadable:  # it may be there: "save it again" would be the wrong advice
        return Check(
            "access token",
            False,
            f"the keyring could not be read ({unreadable}): it is locked, or out of reach from "
            "this session (over SSH, or as another user); MP_ACCESS_TOKEN is not set",
            "Run the doctor in the shop's own desktop session with the keyring unlocked (log "
            "in as the shop's user), or set MP_ACCESS_TOKEN for this command. Do not save the "
            "token again before that: it is probably still there.",
        )
    if secrets.backend_is_usable():
        return Check(
            "access token",
            False,
            "none found: not in the keyring, and MP_ACCESS_TOKEN is not set",
            "Save it with 'pos-app configure --token-stdin' (paste it, then Enter) or in the "
            "app's setup assistant; for a kiosk, set MP_ACCESS_TOKEN.",
        )
    return Check(
        "access token",
        False,
        "none found: this computer has no password keyring to keep it, and MP_ACCESS_TOKEN "
        "is not set",
        "Set MP_ACCESS_TOKEN in the environment of the app (a kiosk's usual way), or install "
        "and unlock a keyring (GNOME Keyring or KWallet) and then save the token with "
        "'pos-app configure --token-stdin'. Without either, the app asks for the token each "
        "time it starts.",
    )


async def _relay_check(url: str) -> Check:
    """With a store database and no receiver of its own, notifications come through the relay
    (``pos-app relay``) at the public URL: it answers the same harmless ping as a receiver."""
    from pos_app.notifications.probe import probe

    if not url:
        return Check("relay", True, "no notification address set: payments are found by polling")
    answer = await probe(url)
    if answer.ok:
        return Check("relay", True, f"{url} answers (hints come through the store database)")
    return Check(
        "relay",
        False,
        f"{url}: {answer.detail}",
        "Start 'pos-app relay --listen HOST:PORT' next to the store database and point this "
        "address at it, or clear it ('pos-app configure --notify-url \"\"'). Payments are "
        "still found by polling.",
    )


async def _receiver_checks(config: config_mod.Config) -> list[Check]:
    """Listening (started for a moment, or the running app's), and the public URL reaching it."""
    from pos_app.notifications.diagnose import check_receiver

    # The keyring on a worker thread (the window's support file runs this).
    secret_set = bool(config.notify_listen) and bool(
        await asyncio.to_thread(secrets.load_webhook_secret)
    )
    findings = await check_receiver(
        config.notify_listen,
        config.notify_url,
        secret_set=secret_set,
        trusted_proxies=config.notify_trusted_proxies,
    )
    checks = [Check(f.name, f.ok, f.detail, f.advice) for f in findings]
    if config.api == "orders" and config.notify_listen:
        # The Orders API takes no notification URL with the order (notes §7): Mercado Pago
        # posts only where the account's panel says. Every check above can pass while no
        # notification ever comes; the doctor cannot see the panel, so it says where to look.
        where = config.notify_url or "the receiver's public https address"
        checks.append(
            Check(
                "Orders API notifications",
                True,
                "sent only to the URL set in Mercado Pago's panel, not with each order",
                f"In Your integrations > Webhooks, set {where} with the event 'Order' "
                "(payments are found by polling meanwhile).",
            )
        )
    return checks


async def _api_checks(
    config: config_mod.Config, token: AccessToken, seen: dict[str, str] | None = None
) -> list[Check]:
    from pos_app.mercadopago.retry import RetryPolicy
    from pos_app.runtime import open_client, resolve_base_url

    out: list[Check] = []
    try:
        base_url = resolve_base_url(config)
    except BaseUrlError as exc:
        return [Check("API address", False, str(exc.msg))]
    async with open_client(
        config, token, base_url=base_url, retry=RetryPolicy(max_attempts=2)
    ) as client:
        try:
            me = await client.get_me()
        except mp.AuthenticationError:
            advice = (
                "Copy the access token again from Mercado Pago (Your integrations > Credentials)."
            )
            if token.looks_like_public_key:
                advice = (
                    "This looks like the PUBLIC KEY. The app needs the ACCESS TOKEN "
                    "(APP_USR-... the long one) from the same page."
                )
            out.append(
                Check(
                    "credentials",
                    False,
                    "Mercado Pago refused the token (wrong or revoked)",
                    advice,
                )
            )
            return out
        except mp.TransportError as exc:
            # The client's message ends with "Check the internet connection": the advice says
            # it (with more), the detail only what happened.
            what = f"cannot be reached ({exc.detail})" if exc.detail else str(exc.msg)
            out.append(
                Check(
                    "Mercado Pago reachable",
                    False,
                    f"{base_url}: {what}",
                    "Check the internet connection, a proxy or a firewall.",
                )
            )
            return out
        except mp.MercadoPagoError as exc:
            out.append(Check("Mercado Pago reachable", False, f"{base_url}: {exc.msg}"))
            return out
        out.append(Check("Mercado Pago reachable", True, base_url))
        if seen is not None:
            seen["date"] = client.last_server_date
        test = " (TEST user)" if me.is_test_user else ""
        out.append(
            Check(
                "credentials",
                True,
                f"seller {me.nickname}, user id {me.id}, site {me.site_id}{test}",
            )
        )
        if config.user_id is not None and config.user_id != me.id:
            out.append(
                Check(
                    "account",
                    False,
                    f"settings were made for user {config.user_id}, the token is user {me.id}",
                    "Run 'pos-app configure --store ID --box ID' again for this account.",
                )
            )
        if not config.is_configured:
            return out
        out.extend(await _store_box_checks(client, me.id, config))
    return out


async def _store_box_checks(
    client: MercadoPagoClient, user_id: int, config: config_mod.Config
) -> list[Check]:
    out: list[Check] = []
    try:
        stores = await client.search_stores(user_id, config.store_external_id)
        boxes = await client.search_boxes(external_id=config.box_external_id)
    except mp.MercadoPagoError as exc:
        return [Check("store and box", False, str(exc.msg))]
    store = next((s for s in stores if s.external_id == config.store_external_id), None)
    if store is None:
        out.append(
            Check(
                "store",
                False,
                f"no store with external id {config.store_external_id} on this account",
                "The store id is the store's external id (set through the API), not its number. "
                f"Create it with 'pos-app configure --create --store {config.store_external_id} "
                f"--box {config.box_external_id or 'ID'} --store-name NAME --street-name STREET "
                "--street-number N --city CITY --state STATE --latitude LAT --longitude LON', "
                "or in the app's Settings (F9).",
            )
        )
    else:
        out.append(Check("store", True, f"{store.name} ({store.external_id})"))
    box = next((b for b in boxes if b.external_id == config.box_external_id), None)
    if box is None:
        out.append(
            Check(
                "box",
                False,
                f"no box with external id {config.box_external_id} on this account",
                "Boxes made in the Mercado Pago web panel have no external id; create the box "
                f"with 'pos-app configure --create --box {config.box_external_id}' or in "
                "Settings (F9).",
            )
        )
    elif not box.fixed_amount:
        out.append(
            Check(
                "box",
                False,
                f"{box.name} has fixed_amount false",
                "The attended model needs a box with fixed_amount true: create a new box.",
            )
        )
    elif store is not None and box.external_store_id not in ("", store.external_id):
        out.append(Check("box", False, f"{box.name} belongs to store {box.external_store_id}"))
    else:
        out.append(Check("box", True, f"{box.name} ({box.external_id}), fixed amount"))
    return out


CLOCK_TOLERANCE = timedelta(minutes=5)


def newest_record(path: Path) -> datetime | None:
    """The latest moment the ledger recorded (a sale made or changed, a close), read-only."""
    if not path.exists():
        return None
    from pos_app.ledger import recovery

    try:
        conn = recovery.read_only(path)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute(
            "SELECT MAX(m) FROM (SELECT MAX(updated_at) AS m FROM sales "
            "UNION ALL SELECT MAX(closed_at) FROM closes)"
        ).fetchone()
        return datetime.fromisoformat(row[0]) if row and row[0] else None
    except (sqlite3.Error, ValueError):
        return None  # the ledger checks say what is wrong with it
    finally:
        conn.close()


def _span(delta: timedelta) -> str:
    minutes = int(abs(delta).total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{days} day(s)"] if days else []
    if hours:
        parts.append(f"{hours} h")
    if minutes or not parts:
        parts.append(f"{minutes} min")
    return " ".join(parts)


def clock_check(server_date: str, newest: datetime | None, now: datetime | None = None) -> Check:
    """This computer's clock against Mercado Pago's (the HTTP Date of its answer) and against
    the ledger's latest record: sales, the day's close, order expiry and the backups' names are
    dated by it, and a counter PC's clock goes wrong (a flat CMOS battery, a hand "fix")."""
    now = now or datetime.now(UTC)
    advice = (
        "Set this computer's date, time and time zone right, with automatic time on: sales, "
        "the day's close, order expiry and the backups' names are dated by it."
    )
    shown = now.astimezone().strftime("%Y-%m-%d %H:%M")
    server: datetime | None = None
    if server_date:
        from email.utils import parsedate_to_datetime

        with suppress(TypeError, ValueError, IndexError):
            server = parsedate_to_datetime(server_date)
        if server is not None and server.tzinfo is None:
            server = None  # no zone: not a date to hold the clock against
    if server is not None and abs(now - server) > CLOCK_TOLERANCE:
        way = "ahead of" if now > server else "behind"
        return Check(
            "clock",
            False,
            f"this computer reads {shown}, {_span(now - server)} {way} Mercado Pago's clock",
            advice,
        )
    if newest is not None and newest - now > CLOCK_TOLERANCE:
        when = newest.astimezone().strftime("%Y-%m-%d %H:%M")
        return Check(
            "clock",
            False,
            f"this computer reads {shown}, but the ledger has a record from {when}: the clock "
            "went back",
            advice,
        )
    if server is not None:
        return Check("clock", True, f"{shown}, agrees with Mercado Pago's")
    return Check("clock", True, f"{shown} (not compared with Mercado Pago's: no answer)")


def _ledger_checks() -> list[Check]:
    """The ledger's checks on one opening: its quick check reads the whole file (~0.45 s for a
    busy shop's year), and doctor opened it twice."""
    path = paths.ledger_path()
    try:
        ledger = Ledger(path, exclusive=False)  # runs PRAGMA quick_check first
    except LedgerError as exc:
        return [Check("ledger", False, str(exc.msg))]  # no amounts to list: it says why
    try:
        checks = [_ledger_check(ledger, path)]
        amounts = _amounts_check(ledger)
    finally:
        ledger.close()
    return checks if amounts is None else [*checks, amounts]


def _amounts_check(ledger: Ledger) -> Check | None:
    """Amounts no till could have written (``1e999``, ``NaN``, a word, 29 digits): each one
    stops the close, the receipt or the sales list that reads it, with a message naming it."""
    try:
        found = list(damaged_amounts(ledger._conn))
    except sqlite3.Error:
        return None
    if not found:
        return Check("ledger amounts", True, "every stored amount is a number a till can hold")
    listed = "; ".join(f"{f.record}: {f.column} = {f.value[:40]!r}" for f in found)
    return Check(
        "ledger amounts",
        False,
        f"{len(found)}{'+' if len(found) >= 20 else ''} amount(s) that cannot be right: {listed}",
        "The ledger was edited by hand, damaged, or comes from an old version: restore a backup "
        f"from before it ('pos-app ledger recover --restore BACKUP', backups are in "
        f"{paths.backup_dir(config_mod.load().config.backup_folder)}) or call support. The "
        "close, and any list or receipt holding one, stops with this message until then.",
    )


def _ledger_check(ledger: Ledger, path: Path) -> Check:
    try:
        ledger._conn.execute("BEGIN IMMEDIATE")  # proves we can write, then undo
        ledger._conn.execute("ROLLBACK")
        # A sale whose amounts cannot be read is left out here and counted apart: the 'ledger
        # amounts' check lists each damaged value.
        unreadable: list[UnreadableSale] = []
        open_sales = ledger.open_sales(set_aside=unreadable.append)
    except LedgerError as exc:  # a read that found damage the quick check did not
        return Check("ledger", False, str(exc.msg))
    except sqlite3.Error as exc:
        return Check(
            "ledger", False, f"{path}: cannot write ({exc})", "Check disk space and permissions."
        )
    running = ""
    lock = InstanceLock(path.with_name(path.name + ".lock"))
    try:
        lock.acquire()
        lock.release()
    except AlreadyRunningError:
        running = "; the cashier app is running"
    detail = f"{path}, whole, {len(open_sales)} sale(s) waiting for payment{running}"
    if unreadable:
        detail += f"; {len(unreadable)} waiting sale(s) set aside, unreadable (see ledger amounts)"
    if open_sales:
        refs = ", ".join(s.external_reference for s in open_sales[:5])
        return Check("ledger", True, detail, f"Pending: {refs} ('pos-app status REF' checks one).")
    return Check("ledger", True, detail)
