"""The receiver as one object: HTTP endpoint + hint dispatcher + embedded server.

``open_runtime`` starts one when ``config.notify_listen`` is set, so the window and
``pos-app charge --wait`` both get it. Off by default: a counter PC usually has no public
address, and polling by reference finds every payment anyway, only less quickly.
"""

from __future__ import annotations

from pos_app.notifications.app import (
    PATH,
    NotificationEndpoint,
    ReceiverLimits,
    create_receiver_app,
)
from pos_app.notifications.burstlog import quiet_repeats
from pos_app.notifications.dispatcher import HintDispatcher, HintHandler
from pos_app.notifications.guard import (
    ConnectionGuard,
    ConnectionLimits,
    guarded_protocol,
    within_file_limit,
)
from pos_app.notifications.server import EmbeddedServer, Served
from pos_app.settings.setup import parse_listen, parse_trusted_proxies


class NotificationReceiver(Served):
    """``async with NotificationReceiver(engine.hint, listen="127.0.0.1:8088") as receiver:``"""

    def __init__(
        self,
        handler: HintHandler,
        *,
        listen: str,
        secret: str = "",
        limits: ReceiverLimits | None = None,
        trusted_proxies: str = "",
    ) -> None:
        limits = limits or ReceiverLimits()
        host, port = parse_listen(listen)
        proxies = parse_trusted_proxies(trusted_proxies)
        self.trusted_proxies = ",".join(proxies)
        self.dispatcher = HintDispatcher(
            handler,
            settle=limits.settle,
            max_pending=limits.max_pending,
            concurrency=limits.concurrency,
            refetch_after=limits.refetch_after,
        )
        self.endpoint = NotificationEndpoint(self.dispatcher, limits=limits, secret=secret)
        self.app = create_receiver_app(self.endpoint)
        self.guard = ConnectionGuard(
            ConnectionLimits(
                max_connections=within_file_limit(limits.max_connections),
                per_peer=limits.per_address_connections,
                header_timeout=limits.header_timeout,
            )
        )
        self.server = EmbeddedServer(
            self.app,
            host=host,
            port=port,
            name="notification receiver",
            server_header=False,
            # Behind a tunnel or proxy, the sender's address comes in X-Forwarded-For, and the
            # throttle counts by it. Believed only from the configured proxies: from anyone
            # else, a new made-up address per request would slip past the throttle.
            proxy_headers=bool(proxies),
            forwarded_allow_ips=proxies or None,
            # The guard's protocol limits connections; uvicorn's own limit counted idle ones
            # and answered 503 to everyone once a few dozen sockets sat silent.
            http=guarded_protocol(self.guard),
            limit_concurrency=None,
            timeout_keep_alive=limits.header_timeout + 1,  # a backstop: the guard closes first
        )

    @property
    def url(self) -> str:
        """The local address of the endpoint (not the public one Mercado Pago uses)."""
        return self.server.base_url + PATH

    @property
    def running(self) -> bool:
        return self.server.running

    def set_secret(self, secret: str) -> None:
        """A new webhook secret from Settings applies to the next request."""
        self.endpoint.secret = secret

    async def start(self) -> None:
        """Bind and serve; ``OSError`` when the address is taken or not ours."""
        # uvicorn logs every malformed request and upgrade attempt: a flood of them must not
        # become a flood of log lines.
        quiet_repeats("uvicorn.error")
        await self.server.start()

    async def stop(self) -> None:
        """Stop answering first, then cancel hints in flight (they use the HTTP client, which
        the caller closes next)."""
        await self.server.stop()
        await self.dispatcher.aclose()
        self.endpoint.refusals.flush()
        self.guard.flush_logs()
