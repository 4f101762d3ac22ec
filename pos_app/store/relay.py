"""``pos-app relay``: one public notification address for every counter of a store or chain.

The counters sit behind NAT and Mercado Pago posts to one URL per account: the relay runs
next to PostgreSQL, checks each notification exactly like a counter's own receiver does (same
:class:`NotificationReceiver`: size limits, signature when a secret is set, throttling) and
publishes a hint through ``NOTIFY``; the counters fetch the order themselves.
"""

from __future__ import annotations

import logging

from pos_app.notifications.receiver import NotificationReceiver
from pos_app.store.hints import HintPublisher

log = logging.getLogger(__name__)


class Relay:
    def __init__(
        self,
        conninfo: str,
        password: str | None,
        *,
        listen: str,
        secret: str = "",
        trusted_proxies: str = "",
    ) -> None:
        self.publisher = HintPublisher(conninfo, password)
        self.receiver = NotificationReceiver(
            self.publisher.publish, listen=listen, secret=secret, trusted_proxies=trusted_proxies
        )

    @property
    def url(self) -> str:
        return self.receiver.url

    async def start(self) -> None:
        await self.receiver.start()
        log.info("relay listening on %s", self.receiver.url)

    async def stop(self) -> None:
        await self.receiver.stop()
        await self.publisher.aclose()
