"""Builds the Qt-free services one process needs: config, ledger, HTTP, client, engine.

The window (``pos_app.app``) and the command line (``pos_app.cli``) both open a :class:`Runtime`,
so they run the very same checkout engine.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta

import httpx

from pos_app.checkout.engine import CheckoutEngine, CheckoutSettings
from pos_app.checkout.events import EventBus
from pos_app.domain.money import Site, site_for
from pos_app.ledger.store import Ledger
from pos_app.mercadopago.client import MercadoPagoClient
from pos_app.mercadopago.credentials import AccessToken, base_url_from_env
from pos_app.settings import config as config_mod
from pos_app.settings import paths, secrets
from pos_app.settings.config import Config

log = logging.getLogger(__name__)

USER_AGENT = "pos-app/0.1 (+QR attended model)"


def resolve_base_url(config: Config, override: str | None = None) -> str:
    """``MP_API_BASE_URL`` beats the config file, which beats Mercado Pago itself."""
    if override:
        return override
    return base_url_from_env(config.api_base_url or "https://api.mercadopago.com")


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

    @property
    def site(self) -> Site:
        return site_for(self.config.site_id)

    async def reconfigure(self, config: Config, token: AccessToken | None = None) -> None:
        """Apply new settings (and maybe credentials) without restarting."""
        self.config = config
        self.engine.settings = checkout_settings(config)
        if token is not None:
            self.client = self.client.with_token(token)
            self.engine.replace_client(self.client)


@asynccontextmanager
async def open_runtime(
    *,
    config: Config | None = None,
    token: AccessToken | None = None,
    base_url: str | None = None,
    http_transport: httpx.AsyncBaseTransport | None = None,
    exclusive: bool = True,
) -> AsyncIterator[Runtime]:
    """Open everything; close it all, in order, while the event loop still runs."""
    if config is None:
        config = config_mod.load().config
    origin = "argument"
    if token is None:
        source = secrets.load_token()
        token, origin = source.token or AccessToken(""), source.origin
    ledger = Ledger(paths.ledger_path(), exclusive=exclusive)
    http = httpx.AsyncClient(
        transport=http_transport,
        headers={"User-Agent": USER_AGENT},
        limits=httpx.Limits(max_connections=10, max_keepalive_connections=4),
    )
    try:
        client = MercadoPagoClient(http, token, base_url=resolve_base_url(config, base_url))
        bus = EventBus()
        engine = CheckoutEngine(ledger, client, checkout_settings(config), bus=bus)
        runtime = Runtime(config, ledger, http, client, engine, origin, bus)
        try:
            yield runtime
        finally:
            await runtime.engine.aclose()
    finally:
        await http.aclose()
        ledger.close()
