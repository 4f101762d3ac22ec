"""``pos-app configure``: the same settings the Settings dialog edits, from a terminal."""

from __future__ import annotations

import argparse
import sys

from pos_app.cli.output import EXIT_ERROR, EXIT_OK, EXIT_USAGE, err, print_json
from pos_app.cli.store import check_store, configure_store
from pos_app.domain.money import format_money, site_for
from pos_app.domain.scale_layouts import layouts_problem
from pos_app.domain.text_fields import (
    ORDER_TITLE,
    RECEIPT_FOOTER,
    RECEIPT_HEADER,
    RECEIPT_SHOP_NAME,
    check_lines,
    check_text,
)
from pos_app.domain.validation import ValidationError, read_plain_amount
from pos_app.errors import UserFacingError
from pos_app.ledger.store import Ledger
from pos_app.mercadopago.credentials import AccessToken
from pos_app.mercadopago.errors import MercadoPagoError
from pos_app.runtime import open_client
from pos_app.settings import config as config_mod
from pos_app.settings import forms, paths, secrets, supervisor
from pos_app.settings.config import Config, PollSchedule
from pos_app.settings.setup import (
    SetupError,
    box_id_problem,
    ensure_box,
    ensure_store,
    store_id_problem,
    validate_listen,
    validate_notify_url,
)
from pos_app.store.address import shown


async def cmd_configure(args: argparse.Namespace) -> int:
    loaded = config_mod.load()
    if loaded.problem:
        err(f"pos-app: {loaded.problem}")
    config = loaded.config
    store_password: str | None = None
    old_store = config.store_database
    try:
        config = _apply_local_options(config, args)
        if getattr(args, "store_database", None) is not None:
            config, store_password = configure_store(args, config)
        elif getattr(args, "store_password_stdin", False):
            raise ValueError("--store-password-stdin goes with --store-database")
    except ValueError as exc:
        err(f"pos-app: {exc}")
        return EXIT_USAGE

    token = None
    if args.token_stdin and not secrets.backend_is_usable():
        # Refuse before reading or checking anything: the token could not be kept.
        err(
            "pos-app: this computer has no password keyring, so the token cannot be saved. "
            "Set MP_ACCESS_TOKEN in the environment instead (and run configure without "
            "--token-stdin), or install and unlock a keyring (GNOME Keyring or KWallet)."
        )
        return EXIT_ERROR
    if args.token_stdin:
        token = AccessToken(sys.stdin.readline())
        if not token:
            err("pos-app: no token on standard input")
            return EXIT_USAGE
    else:
        token = secrets.load_token().token

    needs_api = bool(args.store or args.box or args.create or args.token_stdin)
    if needs_api:
        if not token:
            err(
                "pos-app: no access token: pipe it to 'pos-app configure --token-stdin' or set "
                "MP_ACCESS_TOKEN"
            )
            return EXIT_ERROR
        try:
            config = await _apply_account(config, args, token)
        except SetupError as exc:
            err(f"pos-app: {exc.msg}")
            return EXIT_USAGE if exc.usage else EXIT_ERROR
        except MercadoPagoError as exc:
            err(f"pos-app: {exc.msg}")
            return EXIT_ERROR
    # The settings file first, then the keyring's secrets: both or neither (as Settings' OK).
    # A secret the keyring would not take puts the previous settings file back.
    before = config_mod.saved_bytes()
    path = config_mod.save(config)
    with secrets.undoable() as written:
        try:
            if store_password is not None:
                secrets.save_store_password(store_password)
            if args.token_stdin and token:
                secrets.save_token(token)  # only after Mercado Pago accepted it
        except UserFacingError as exc:
            written.undo()
            config_mod.put_back(before)
            err(f"pos-app: {exc.msg}; nothing was saved")
            return EXIT_ERROR
    if config.store_database and config.store_database != old_store:
        ok, detail, _advice = await check_store(config)
        queued = _queue_history()
        err(
            f"store database {'reachable' if ok else 'not reachable yet'}: {detail}; "
            f"{queued} sales of this ledger queued for it"
        )
    summary = {
        "config_file": str(path),
        "user_id": config.user_id,
        "site_id": config.site_id,
        "nickname": config.nickname,
        "test_user": config.is_test_user,
        "store": config.store_external_id,
        "box": config.box_external_id,
        "order_ttl_minutes": config.order_ttl_minutes,
        "poll": vars(config.poll) if hasattr(config.poll, "__dict__") else None,
        "notify_listen": config.notify_listen,
        "notify_url": config.notify_url,
        "notify_trusted_proxies": config.notify_trusted_proxies,
        "api": config.api,
        "qr_mode": config.qr_mode,
        "store_database": shown(config.store_database) if config.store_database else "",
        "receipt_printer": config.receipt_printer,
        "receipt_paper_mm": config.receipt_paper_mm,
        "receipt_code_page": config.receipt_code_page,
        "receipt_shop_name": config.receipt_shop_name,
        "receipt_header": config.receipt_header,
        "receipt_footer": config.receipt_footer,
        "receipt_auto_print": config.receipt_auto_print,
        "receipt_print_qr": config.receipt_print_qr,
    }
    if args.json:
        print_json(summary)
    else:
        print(describe_settings(config, str(path)))
    return EXIT_OK


def _queue_history() -> int:
    """A new store database gets every sale this ledger already holds (idempotent)."""
    ledger = Ledger(paths.ledger_path(), exclusive=False, outbox=True)
    try:
        return ledger.enqueue_all_sales()
    finally:
        ledger.close()


def _seconds(value: float) -> str:
    return f"{value:g} s"


def describe_settings(config: Config, path: str) -> str:
    """The saved settings in words, one per line, for a person at a terminal."""
    site = site_for(config.site_id or "MLA")
    if config.user_id is None:
        account = "not connected yet (give the access token with --token-stdin)"
    else:
        account = f"{config.nickname or 'user'} (user {config.user_id}, {config.site_id})"
        if config.is_test_user:
            account += ", test user: payments are simulated"

    def named(external_id: str, name: str) -> str:
        if not external_id:
            return "not chosen yet (--store ID --box ID)"
        return f"{external_id} ({name})" if name and name != external_id else external_id

    poll = config.poll
    if poll.fast == poll.medium == poll.slow:
        polling = f"every {_seconds(poll.fast)}"
    else:
        polling = (
            f"every {_seconds(poll.fast)} for the first {poll.fast_for / 60:g} minutes, "
            f"then every {_seconds(poll.medium)} slowing to every {_seconds(poll.slow)} "
            f"by {poll.medium_until / 60:g} minutes"
        )
    if config.notify_listen:
        notifications = f"on: listening on {config.notify_listen}"
        notifications += (
            f", Mercado Pago posts to {config.notify_url}"
            if config.notify_url
            else ", but no public URL is set (--notify-url), so none arrive"
        )
    else:
        notifications = "off (payments are found by checking; --notify-listen turns them on)"
    largest = format_money(config.max_total_amount(), site)
    rows = [
        ("Settings saved in", path),
        ("Mercado Pago account", account),
        ("Store", named(config.store_external_id, config.store_name)),
        ("Box", named(config.box_external_id, config.box_name)),
        ("Orders expire after", f"{config.order_ttl_minutes} minutes"),
        ("Largest sale", largest),
        ("Name on the customer's phone", config.order_title or "the store's name"),
        ("Checking for the payment", polling),
        ("Instant notifications", notifications),
        (
            "Store database",
            shown(config.store_database)
            if config.store_database
            else "none (--store-database postgresql://USER@HOST/DB)",
        ),
    ]
    rows += _receipt_rows(config)
    width = max(len(label) for label, _ in rows) + 1
    # A header or footer of several lines: each under the first, in the values' column.
    return "\n".join(
        f"{label + ':':<{width}} {value}".replace("\n", "\n" + " " * (width + 1))
        for label, value in rows
    )


def _receipt_rows(config: Config) -> list[tuple[str, str]]:
    if config.receipt_printer:
        printer = f"{config.receipt_printer}, {config.receipt_paper_mm} mm paper"
        printer += f", {config.receipt_code_page}"
        if config.receipt_auto_print:
            printer += ", printed when a sale is paid"
    else:
        printer = (
            f"none: receipts on screen and as PDF, {config.receipt_paper_mm} mm wide "
            "(--receipt-printer)"
        )
    if not config.receipt_print_qr:
        qr = "not printed"
    elif config.box_qr_code:
        qr = "printed under the receipt"
    else:
        qr = "not known yet: configure --store ID --box ID with the token fetches it"
    return [
        ("Receipt printer", printer),
        ("Shop name on receipts", config.receipt_shop_name or "the store's name"),
        ("Receipt header", config.receipt_header or "none"),
        ("Receipt footer", config.receipt_footer or "none"),
        ("Box's QR on receipts", qr),
    ]


def _apply_local_options(config: Config, args: argparse.Namespace) -> Config:
    changes: dict[str, object] = {}
    # The same rules and words as Settings (pos_app.settings.forms), so both stay consistent.
    # The ids first, before any network: "CAJA01\n" was looked up ("no box with external id
    # CAJA01 <new line>"), and a store created with it.
    for flag, value, problem_of in (
        ("--store", args.store, store_id_problem),
        ("--box", args.box, box_id_problem),
    ):
        if value and (problem := problem_of(value)):
            raise ValueError(f"{flag}: {problem}")
    if args.order_ttl is not None:
        if problem := forms.order_ttl_problem(args.order_ttl):
            raise ValueError(f"--order-ttl: {problem}")
        changes["order_ttl_minutes"] = args.order_ttl
    if args.poll_interval is not None:
        if problem := forms.poll_interval_problem(args.poll_interval):
            raise ValueError(f"--poll-interval: {problem}")
        changes["poll"] = PollSchedule.fixed(args.poll_interval)
    if args.max_total is not None:
        # A dot is the decimal mark on the command line, whatever the country.
        site = site_for(config.site_id or "MLA")
        try:
            amount = read_plain_amount(args.max_total, site)
        except ValidationError as exc:
            raise ValueError(f"--max-total: {exc.msg}") from None
        changes["max_total"] = str(amount)
    if args.title is not None:
        # Empty: the store's name. Otherwise what the customer reads, cleaned like every name.
        if not args.title.strip():
            changes["order_title"] = ""
        else:
            try:
                title = check_text(args.title, ORDER_TITLE)
            except ValidationError as exc:
                raise ValueError(f"--title: {exc.msg}") from None
            if not title:
                raise ValueError(
                    "--title: the order title is empty once control and invisible characters "
                    "are removed"
                )
            changes["order_title"] = title
    if args.notify_listen is not None:
        changes["notify_listen"] = validate_listen(args.notify_listen)
    if args.notify_url is not None:
        changes["notify_url"] = validate_notify_url(args.notify_url)
    if args.notify_trusted_proxy is not None:
        from pos_app.settings.setup import parse_trusted_proxies

        try:
            proxies = parse_trusted_proxies(args.notify_trusted_proxy)
        except ValueError as exc:
            raise ValueError(f"--notify-trusted-proxy: {exc}") from None
        changes["notify_trusted_proxies"] = ",".join(proxies)
    changes.update(_discount_options(args))
    changes.update(_receipt_options(args))
    if getattr(args, "api", None) is not None:
        changes["api"] = args.api
    if getattr(args, "qr_mode", None) is not None:
        changes["qr_mode"] = args.qr_mode
    return config.with_changes(**changes)


def _discount_options(args: argparse.Namespace) -> dict[str, object]:
    changes: dict[str, object] = {}
    if getattr(args, "max_discount", None) is not None:
        if problem := supervisor.max_discount_problem(args.max_discount):
            raise ValueError(f"--max-discount: {problem}")
        changes["max_discount_percent"] = args.max_discount
    if getattr(args, "scale_labels", None) is not None:
        names = [part.strip() for part in args.scale_labels.split(",") if part.strip()]
        if problem := layouts_problem(names):
            raise ValueError(f"--scale-labels: {problem}")
        changes["scale_labels"] = ",".join(names)
    if getattr(args, "supervisor_pin_stdin", False):
        if args.token_stdin:
            raise ValueError("--supervisor-pin-stdin and --token-stdin: one at a time")
        pin = sys.stdin.readline().strip()
        if not pin:
            changes["supervisor_pin"] = ""
        elif problem := supervisor.pin_problem(pin):
            raise ValueError(f"--supervisor-pin-stdin: {problem}")
        else:
            changes["supervisor_pin"] = supervisor.hash_pin(pin)
    return changes


def _receipt_options(args: argparse.Namespace) -> dict[str, object]:
    """Settings → Receipts' fields, with its limits and cleaning (a printer line it reads, one
    line for the name, the header's and footer's lines each cleaned of control characters: an
    ESC in a line is a printer command)."""
    changes: dict[str, object] = {}
    printer = getattr(args, "receipt_printer", None)
    if printer is not None:
        from pos_app.receipts.printers import printer_problem

        printer = printer.strip()
        if problem := printer_problem(printer):
            raise ValueError(f"--receipt-printer: {problem}")
        changes["receipt_printer"] = printer
    if getattr(args, "receipt_paper", None) is not None:
        changes["receipt_paper_mm"] = int(args.receipt_paper)
    if getattr(args, "receipt_code_page", None) is not None:
        changes["receipt_code_page"] = args.receipt_code_page
    for flag, key, field, lines in (
        ("--receipt-shop-name", "receipt_shop_name", RECEIPT_SHOP_NAME, False),
        ("--receipt-header", "receipt_header", RECEIPT_HEADER, True),
        ("--receipt-footer", "receipt_footer", RECEIPT_FOOTER, True),
    ):
        text = getattr(args, key, None)
        if text is None:
            continue
        if lines:  # a shell argument holds no new line easily: "\n" (two characters) is one
            text = text.replace("\\n", "\n")
        try:
            cleaned = check_lines(text, field) if lines else check_text(text, field)
        except ValidationError as exc:
            raise ValueError(f"{flag}: {exc.msg}") from None
        if text.strip() and not cleaned:
            raise ValueError(
                f"{flag}: it is empty once control and invisible characters are removed "
                '("" clears it)'
            )
        changes[key] = cleaned
    for flag in ("receipt_auto_print", "receipt_print_qr"):
        if getattr(args, flag, None) is not None:
            changes[flag] = bool(getattr(args, flag))
    return changes


async def _apply_account(config: Config, args: argparse.Namespace, token: AccessToken) -> Config:
    async with open_client(config, token) as client:
        me = await client.get_me()
        config = config.with_changes(
            user_id=me.id, site_id=me.site_id, nickname=me.nickname, is_test_user=me.is_test_user
        )
        store_id = args.store or config.store_external_id
        box_id = args.box or config.box_external_id
        if not store_id or not box_id:
            if args.store or args.box or args.create:
                raise SetupError.usage_error("give both --store and --box")
            return config
        store = await ensure_store(
            client,
            me.id,
            store_id,
            create=args.create,
            name=args.store_name,
            street_name=args.street_name,
            street_number=args.street_number,
            city=args.city,
            state=args.state,
            latitude=args.latitude,
            longitude=args.longitude,
        )
        box = await ensure_box(
            client, store, box_id, create=args.create, name=args.box_name, category=args.category
        )
        # The box's QR text, for receipts that print it (as Settings → Receipts keeps it); the
        # one kept before belongs to another box once the box changes. Only GET /pos/{id}
        # returns it: asked when the receipts print it.
        qr = config.box_qr_code if box.external_id == config.box_external_id else ""
        if config.receipt_print_qr and not box.qr_code:
            box = await client.get_box(box.id)
        if box.qr_code and len(box.qr_code) <= 1000 and box.qr_code.isprintable():
            qr = box.qr_code
        return config.with_changes(
            store_external_id=store.external_id,
            store_name=store.name,
            box_external_id=box.external_id,
            box_name=box.name,
            box_qr_code=qr,
        )
