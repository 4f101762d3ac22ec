"""The HTTP side of the receiver: one Starlette route at ``/mp/notifications``.

Every request is answered at once and by this code (never by a stack trace): bad input gets a
4xx, a valid notification gets 200 and becomes a background hint. Nothing a sender writes can
change a sale; only the engine's own fetch from Mercado Pago can.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from pos_app.notifications import signature
from pos_app.notifications.burstlog import BurstLog
from pos_app.notifications.dispatcher import HintDispatcher, Outcome
from pos_app.notifications.parsing import (
    PING,
    BadNotification,
    parse_body,
    parse_notification,
    parse_query,
)
from pos_app.notifications.throttle import TokenBuckets

log = logging.getLogger(__name__)

PATH = "/mp/notifications"
PING_MARKER = "pos-app notification receiver"


@dataclass(frozen=True)
class ReceiverLimits:
    max_body: int = 64 * 1024
    # Per client address: ``burst`` back to back, then ``rate`` a second. A sale makes a few
    # notifications and Mercado Pago sends from many addresses, so this only stops floods.
    rate: float = 5.0
    burst: float = 30.0
    read_timeout: float = 5.0  # a body trickled slower than this is dropped (slowloris)
    # Connections (see guard.py): a request head must arrive within ``header_timeout`` of
    # connecting or of the previous answer; past the caps the oldest idle connection goes.
    header_timeout: float = 5.0
    max_connections: int = 512
    per_address_connections: int = 32
    settle: float = 0.02  # see HintDispatcher (a burst arrives within a few ms)
    refetch_after: float = 3.0  # one Mercado Pago fetch per resource per this many seconds
    max_pending: int = 256
    concurrency: int = 2


class _TooLarge(Exception):
    pass


class NotificationEndpoint:
    def __init__(
        self, dispatcher: HintDispatcher, *, limits: ReceiverLimits, secret: str = ""
    ) -> None:
        self.dispatcher = dispatcher
        self.limits = limits
        self.secret = secret
        self.buckets = TokenBuckets(rate=limits.rate, burst=limits.burst)
        self.statuses: Counter[int] = Counter()  # answers given, by status (doctor, tests)
        self.pings = 0
        self.refusals = BurstLog(log)  # a flood of refusals is one log line and a count

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # A plain ASGI app rather than a Starlette function endpoint, which would only ever
        # see GET: every method must reach this code to get its 405 (and its throttling).
        response = await self.handle(Request(scope, receive))
        await response(scope, receive, send)

    async def handle(self, request: Request) -> Response:
        try:
            response = await self._handle(request)
        except Exception:
            # A bug of ours on odd input: say so in the log, answer like for any bad input.
            log.exception("notification handler failed")
            response = _text(400, "unreadable notification")
        self.statuses[response.status_code] += 1
        return response

    async def _handle(self, request: Request) -> Response:
        client = request.client.host if request.client else "?"
        if not self.buckets.allow(client):
            self.refusals.log(
                "throttled", logging.WARNING, "notifications from %s throttled (429)", client
            )
            return _text(429, "slow down", {"Retry-After": str(self.buckets.retry_after())})
        if request.method != "POST":
            return _text(405, "POST only", {"Allow": "POST"})
        declared = request.headers.get("content-length")
        if declared is not None:
            if not (declared.isascii() and declared.isdigit()):
                return _text(400, "bad content-length")
            # Length first: int() refuses numbers of thousands of digits (and they are too big).
            if len(declared) > 12 or int(declared) > self.limits.max_body:
                return _text(413, "body too large")
        try:
            body = await asyncio.wait_for(self._read(request), self.limits.read_timeout)
        except _TooLarge:
            return _text(413, "body too large")
        except TimeoutError:
            return _text(408, "body too slow")
        except ClientDisconnect:
            return _text(400, "incomplete body")
        try:
            query = parse_query(request.scope.get("query_string", b""))
            fields = parse_body(request.headers.get("content-type", ""), body)
            notice = parse_notification(query, fields)
        except BadNotification as exc:
            self.refusals.log(
                "malformed", logging.INFO, "refused a notification from %s: %s", client, exc
            )
            return _text(400, str(exc))
        # Only webhooks are signed (docs §3). An IPN is an unsigned hint by design, so a header
        # on one proves nothing either way: refusing it could only lose a genuine hint. With a
        # secret set, Mercado Pago signs every webhook: one without a signature is forged.
        if self.secret and notice.kind == "webhook":
            header = request.headers.get("x-signature")
            if header is None:
                self.refusals.log(
                    "unsigned webhooks",
                    logging.WARNING,
                    "webhook from %s without a signature refused (a webhook secret is set)",
                    client,
                )
                return _text(401, "signature required")
            request_id = request.headers.get("x-request-id")
            if not signature.verify(self.secret, header, notice.data_id, request_id):
                self.refusals.log(
                    "wrong signatures",
                    logging.WARNING,
                    "notification from %s with a wrong signature refused",
                    client,
                )
                return _text(401, "bad signature")
        if notice.topic == PING:
            self.pings += 1
            return JSONResponse({"ok": True, "receiver": PING_MARKER})
        if not notice.actionable:
            log.info("notification %s %s acknowledged, not used", notice.topic, notice.resource_id)
            return _text(200, "ignored")
        outcome = self.dispatcher.submit(notice.topic, notice.resource_id)
        if outcome in (Outcome.FULL, Outcome.CLOSED):
            # Not a 5xx: nothing is broken, Mercado Pago should simply try again later.
            return _text(429, "busy", {"Retry-After": "30"})
        return _text(200, "ok")

    async def _read(self, request: Request) -> bytes:
        # Content-Length may be absent (chunked) or lie: count what actually arrives.
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > self.limits.max_body:
                raise _TooLarge
            chunks.append(chunk)
        return b"".join(chunks)


def _text(status: int, text: str, headers: dict[str, str] | None = None) -> Response:
    return PlainTextResponse(text, status_code=status, headers=headers)


def create_receiver_app(endpoint: NotificationEndpoint) -> Starlette:
    routes = [Route(path, endpoint) for path in (PATH, PATH + "/")]
    app = Starlette(routes=routes)
    app.state.endpoint = endpoint
    return app
