"""Builds the Qt-free services one process needs: config, ledger, HTTP, client, engine.

The window (``pos_app.app``) and the command line (``pos_app.cli``) both open a :class:`Runtime`,
so they run the very same checkout engine, and the same notification receiver when
``config.notify_listen`` is set.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import TYPE_CHECKING

import httpx

from pos_app.checkout.engine import CheckoutEngine, CheckoutSettings
from pos_app.checkout.events import EventBus, StoreDeliveryChanged
from pos_app.domain.money import Site, site_for
from pos_app.ledger.backup import BackupMade, backup_at_close
from pos_app.ledger.store import Ledger
from pos_app.mercadopago import errors as mp_errors
from pos_app.mercadopago.client import MercadoPagoClient
from pos_app.mercadopago.credentials import AccessToken, base_url_from_env
from pos_app.mercadopago.retry import RetryPolicy
from pos_app.settings import config as config_mod
from pos_app.settings import paths, secrets
from pos_app.settings.config import Config
from pos_app.system import tls

if TYPE_CHECKING:
    # Imported when the receiver starts: it brings uvicorn and Starlette, ~60 ms of start-up
    # for a till that does not listen (the default).
    from pos_app.notifications import NotificationReceiver
    from pos_app.store.hints import HintListener
    from pos_app.store.refund_check import RefundCheck
    from pos_app.store.replication import StoreReplicator
    from pos_app.store.status import ReplicationStatus

log = logging.getLogger(__name__)

USER_AGENT = "pos-app/0.1 (+QR attended model)"


def resolve_base_url(config: Config, override: str | None = None) -> str:
    """``MP_API_BASE_URL`` beats the config file, which beats Mercado Pago itself."""
    if override:
        return override
    return base_url_from_env(config.api_base_url or "https://api.mercadopago.com")


# The engine's own timings: no setting holds them (the config file has none of them), so settings
# applied without a restart (:meth:`Runtime.reconfigure`) keep what the engine was given.
ENGINE_TIMINGS = (
    "cancel_recheck_delay",
    "expiry_grace",
    "trouble_backoff_max",
    "box_check_interval",
    "box_recheck_interval",
    "search_lag_allowance",
    "after_cancel_interval",
)


def checkout_settings(config: Config, *, notification_url: str | None = None) -> CheckoutSettings:
    return CheckoutSettings(
        user_id=config.user_id,
        store_external_id=config.store_external_id,
        box_external_id=config.box_external_id,
        site=site_for(config.site_id),
        order_title=config.order_title or config.store_name or config.box_name,
        ttl=timedelta(minutes=config.order_ttl_minutes),
        poll=config.poll,
        max_total=config.max_total_amount(),
        notification_url=config.notify_url if notification_url is None else notification_url,
        api=config.api,
        qr_mode=config.qr_mode,
    )


@dataclass
class Runtime:
    config: Config
    ledger: Ledger
    http: httpx.AsyncClient
    client: MercadoPagoClient
    engine: CheckoutEngine
    token_origin: str = ""
    bus: EventBus = field(default_factory=EventBus)
    # The notification receiver, while it runs; ``receiver_problem`` says why it does not
    # when it should (port taken...): the till sells on, by polling alone.
    receiver: NotificationReceiver | None = None
    receiver_problem: str = ""
    receiver_enabled: bool = True
    # The store database (issue 17): the outbox's delivery task and the relay's hints.
    replicator: StoreReplicator | None = None
    store_hints: HintListener | None = None

    def close_backup(self, *, check_copy: bool = True) -> Callable[[], BackupMade]:
        """What a close runs afterwards: a backup of this data folder's ledger to the folder set
        in Settings (``backups`` in the data folder when none), keeping ``backup_keep``.
        ``check_copy``: see :func:`pos_app.ledger.backup.make_backup`."""
        return functools.partial(
            backup_at_close,
            paths.ledger_path(),
            paths.backup_dir(self.config.backup_folder),
            keep=self.config.backup_keep,
            check_copy=check_copy,
        )

    @property
    def site(self) -> Site:
        return site_for(self.config.site_id)

    def require_token(self) -> None:
        """A command that talks to Mercado Pago, where no token can be read (the keyring holds
        none or is out of this session's reach, no MP_ACCESS_TOKEN): said before anything is
        written or sent. Each request failed as "cannot reach Mercado Pago" (httpx refuses an
        empty ``Bearer``), and a waiting sale was marked in trouble."""
        if not self.client.token:
            raise mp_errors.no_token()

    async def reconfigure(self, config: Config, token: AccessToken | None = None) -> None:
        """Apply new settings (and maybe credentials) without restarting. The engine's own
        timings (:data:`ENGINE_TIMINGS`), which no setting holds, stay as they were."""
        old = self.config
        self.config = config
        kept = {name: getattr(self.engine.settings, name) for name in ENGINE_TIMINGS}
        self.engine.settings = replace(checkout_settings(config), **kept)
        if token is not None:
            self.client = self.client.with_token(token)
            self.engine.replace_client(self.client)
        same_server = (config.notify_listen, config.notify_trusted_proxies) == (
            old.notify_listen,
            old.notify_trusted_proxies,
        )
        if self.receiver is not None and same_server:
            # Settings may set one; the keyring is read off the event loop's thread.
            self.receiver.set_secret(await asyncio.to_thread(secrets.load_webhook_secret))
        else:
            await self.stop_receiver()
            await self.start_receiver()  # also retries a port that was taken at start-up
        store = (config.store_database, config.box_external_id, config.store_external_id)
        if store != (old.store_database, old.box_external_id, old.store_external_id):
            await self.stop_store()
            if config.store_database and config.store_database != old.store_database:
                self.ledger.outbox_enabled = True
                self.ledger.enqueue_all_sales()  # a new store database gets the whole history
            await self.start_store()

    async def start_store(self) -> None:
        """Deliver the outbox to the store database and listen for the relay's hints (when one
        is configured). Never fails: problems show in the replicator's status."""
        url = self.config.store_database
        self.ledger.outbox_enabled = bool(url)
        if not url or self.replicator is not None:
            return
        from pos_app.store.hints import HintListener
        from pos_app.store.replication import StoreReplicator

        password = await asyncio.to_thread(secrets.load_store_password)
        replicator = StoreReplicator(
            self.ledger,
            url,
            password,
            box=self.config.box_external_id,
            store=self.config.store_external_id,
        )
        # Each status its thread computes, on this loop, to the window (through the bridge);
        # none from a replicator already replaced (Settings changed the database).
        replicator.on_status = functools.partial(self._store_status, replicator)
        self.replicator = replicator
        replicator.start()
        if self.receiver_enabled:
            self.store_hints = HintListener(url, password, self.engine.hint)
            self.store_hints.start()

    def refund_check(self) -> RefundCheck | None:
        """The store database's side of a refund's limit (what other ledgers refunded of the
        sale, under a lock there: :mod:`pos_app.store.refund_check`); None without one."""
        url = self.config.store_database
        if not url:
            return None
        from pos_app.store.refund_check import RefundCheck

        replicator = self.replicator
        password = replicator.password if replicator is not None else secrets.load_store_password()
        return RefundCheck(self.ledger, url, password, box=self.config.box_external_id)

    def _store_status(self, replicator: StoreReplicator, status: ReplicationStatus) -> None:
        if replicator is self.replicator:
            self.engine.bus.publish(StoreDeliveryChanged(status))

    async def stop_store(self, flush: float = 0.0) -> None:
        """Stop delivering; with ``flush``, first try for that long to send what waits."""
        hints, self.store_hints = self.store_hints, None
        if hints is not None:
            await hints.aclose()
        replicator, self.replicator = self.replicator, None
        if replicator is not None:
            await replicator.aclose(flush=flush)

    async def start_receiver(self) -> None:
        """Listen on ``config.notify_listen`` (when set). Never raises: a taken port must not
        stop the shop from selling, so the problem is logged and kept in ``receiver_problem``."""
        self.receiver_problem = ""
        listen = self.config.notify_listen
        if not (self.receiver_enabled and listen) or self.receiver is not None:
            return
        from pos_app.notifications import NotificationReceiver

        secret = await asyncio.to_thread(secrets.load_webhook_secret)
        try:
            receiver = NotificationReceiver(
                self.engine.hint,
                listen=listen,
                secret=secret,
                trusted_proxies=self.config.notify_trusted_proxies,
            )
            await receiver.start()
        except (OSError, ValueError) as exc:
            self.receiver_problem = f"cannot listen on {listen}: {exc}"
            log.warning("notification receiver off: %s; payments are found by polling", exc)
            return
        self.receiver = receiver
        log.info("notification receiver listening on %s", receiver.url)

    async def stop_receiver(self) -> None:
        receiver, self.receiver = self.receiver, None
        if receiver is not None:
            await receiver.stop()


@asynccontextmanager
async def open_runtime(
    *,
    config: Config | None = None,
    token: AccessToken | None = None,
    base_url: str | None = None,
    http_transport: httpx.AsyncBaseTransport | None = None,
    exclusive: bool = True,
    enable_receiver: bool = True,
    token_origin: str = "argument",
    store_flush: float = 3.0,
) -> AsyncIterator[Runtime]:
    """Open everything; close it all, in order, while the event loop still runs.

    Keyring reads (the token, the webhook secret, the store password) run on a worker thread:
    the window's loop keeps painting meanwhile.

    ``token``: the access token when the caller already has it (``token_origin`` says where it
    came from: "keyring", "environment", "session"); ``None`` reads it from the keyring.

    ``enable_receiver=False`` keeps the notification receiver off whatever the settings say
    (one-shot commands that end before any notification could matter); it also keeps the
    store database's hints off. ``store_flush``: how long closing tries to send the store
    database's waiting changes (they wait in the ledger otherwise, for the next start).
    """
    if config is None:
        config = config_mod.load().config
    origin = token_origin
    if token is None:  # the keyring, off the event loop's thread (the window's, in the app)
        source = await asyncio.to_thread(secrets.load_token)
        token, origin = source.token or AccessToken(""), source.origin
    ledger = await open_ledger(exclusive=exclusive, outbox=bool(config.store_database))
    http = _http_client(http_transport)
    try:
        client = MercadoPagoClient(http, token, base_url=resolve_base_url(config, base_url))
        bus = EventBus()
        engine = CheckoutEngine(ledger, client, checkout_settings(config), bus=bus)
        runtime = Runtime(config, ledger, http, client, engine, origin, bus)
        runtime.receiver_enabled = enable_receiver
        try:
            await runtime.start_receiver()
            await runtime.start_store()
            yield runtime
        finally:
            # Receiver first: no new hints, and its fetches end before the HTTP client does.
            await runtime.stop_receiver()
            await runtime.stop_store(flush=store_flush)
            await runtime.engine.aclose()
    finally:
        await http.aclose()
        ledger.close()


async def open_ledger(*, exclusive: bool, outbox: bool) -> Ledger:
    """The ledger, opened on a worker thread: its opening's ``PRAGMA quick_check`` reads the
    whole file (a year of a busy box, ~180 MB: 0.6-0.9 s in which the window, just shown, did
    not paint). A caller cancelled meanwhile leaves no ledger open (nor its lock held)."""
    path = paths.ledger_path()
    opening = asyncio.ensure_future(
        asyncio.to_thread(functools.partial(Ledger, path, exclusive=exclusive, outbox=outbox))
    )
    try:
        return await asyncio.shield(opening)
    except asyncio.CancelledError:
        opening.add_done_callback(_close_opened)
        raise


def _close_opened(opening: asyncio.Future[Ledger]) -> None:
    if not opening.cancelled() and opening.exception() is None:
        opening.result().close()


def _http_client(transport: httpx.AsyncBaseTransport | None = None) -> httpx.AsyncClient:
    """The one place that makes the HTTP client Mercado Pago is reached through."""
    return httpx.AsyncClient(
        transport=transport,
        verify=tls.client_context(),  # built once per process (pos_app.system.tls)
        headers={"User-Agent": USER_AGENT},
        limits=httpx.Limits(max_connections=10, max_keepalive_connections=4),
    )


@asynccontextmanager
async def open_client(
    config: Config,
    token: AccessToken,
    *,
    base_url: str | None = None,
    http_transport: httpx.AsyncBaseTransport | None = None,
    retry: RetryPolicy | None = None,
) -> AsyncIterator[MercadoPagoClient]:
    """A Mercado Pago client without the rest of the runtime, its connections closed at the end
    of the block: the first-run assistant, ``configure`` and the doctor."""
    async with _http_client(http_transport) as http:
        yield MercadoPagoClient(
            http, token, base_url=resolve_base_url(config, base_url), retry=retry
        )
