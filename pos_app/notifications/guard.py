"""Connection limits for the receiver's uvicorn (h11): idle or slow clients cannot starve it.

uvicorn's h11 protocol has no deadline for a request head, and its ``limit_concurrency`` counts
open connections: a few dozen sockets that never finish their headers made it answer 503 to
everyone, for ever. Here instead:

- a connection must complete its request head within ``header_timeout`` of connecting (or of
  the end of its previous answer, keep-alive); else it is closed. A trickled head does not
  extend the deadline, and neither do body bytes trickled after the answer. A body slower than
  the endpoint's ``read_timeout`` gets its 408 there, and then this deadline closes it;
- at most ``per_peer`` connections per client address (an IPv6 /64 counts as one address) and
  ``max_connections`` in all. When a limit is reached, the *oldest connection still waiting for
  its head* is closed to make room: a genuine sender writes its request at once, so it always
  gets in, and only a connection that has not said anything yet can lose its place. If every
  connection is busy with a request (bounded in time by the timeouts), the new one is closed.

Requests themselves are not limited here: each is answered at once (hints go to the
background dispatcher), so their number stays below the number of connections.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from collections import Counter, OrderedDict
from dataclasses import dataclass
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from pos_app.notifications.burstlog import BurstLog

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ConnectionLimits:
    max_connections: int = 512
    per_peer: int = 32
    header_timeout: float = 5.0


@dataclass
class GuardStats:
    accepted: int = 0
    timed_out: int = 0  # closed: no complete request head in time
    evicted: int = 0  # closed: the oldest waiting one, to make room
    refused: int = 0  # closed at once: every connection busy with a request


def within_file_limit(max_connections: int) -> int:
    """At most half the process's open-file limit (macOS gives 256 by default): at the limit
    the server could not even accept the connection that would evict an idle one."""
    try:
        import resource
    except ImportError:  # Windows: no such limit on sockets
        return max_connections
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return max_connections
    return max(16, min(max_connections, soft // 2))


def peer_key(host: str) -> str:
    """The address a limit counts by: the IP, an IPv6 network's /64 (one customer line)."""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return host
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


class ConnectionGuard:
    """The book of open connections shared by every protocol instance of one server."""

    def __init__(self, limits: ConnectionLimits) -> None:
        self.limits = limits
        self.stats = GuardStats()
        self._peer: dict[GuardedH11Protocol, str] = {}
        self._per_peer: Counter[str] = Counter()
        # Connections waiting for a request head, oldest first: the ones to drop first.
        self._waiting: OrderedDict[GuardedH11Protocol, None] = OrderedDict()
        self._burst = BurstLog(log)

    @property
    def open(self) -> int:
        return len(self._peer)

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    def flush_logs(self) -> None:
        self._burst.flush()

    def admit(self, conn: GuardedH11Protocol, peer: str) -> bool:
        if self._per_peer[peer] >= self.limits.per_peer and not self._evict(peer):
            return self._refuse(peer)
        if len(self._peer) >= self.limits.max_connections and not self._evict(None):
            return self._refuse(peer)
        self.stats.accepted += 1
        self._peer[conn] = peer
        self._per_peer[peer] += 1
        self._waiting[conn] = None
        return True

    def mark_waiting(self, conn: GuardedH11Protocol) -> None:
        if conn in self._peer:
            self._waiting[conn] = None
            self._waiting.move_to_end(conn)

    def mark_busy(self, conn: GuardedH11Protocol) -> None:
        self._waiting.pop(conn, None)

    def release(self, conn: GuardedH11Protocol) -> None:
        peer = self._peer.pop(conn, None)
        self._waiting.pop(conn, None)
        if peer is not None:
            self._per_peer[peer] -= 1
            if self._per_peer[peer] <= 0:
                del self._per_peer[peer]

    def timed_out(self, conn: GuardedH11Protocol, *, served: bool) -> None:
        self.stats.timed_out += 1
        if not served:  # an idle keep-alive connection after its answers is nothing to report
            self._burst.log(
                "no request in time",
                logging.INFO,
                "notification receiver: closed a connection from %s that sent no request "
                "within %s s",
                self._peer.get(conn, "?"),
                self.limits.header_timeout,
            )
        self.release(conn)
        conn.drop()

    def _evict(self, peer: str | None) -> bool:
        """Close the oldest connection waiting for its head (of ``peer``, or of anyone)."""
        victim = next((c for c in self._waiting if peer is None or self._peer[c] == peer), None)
        if victim is None:
            return False
        self.stats.evicted += 1
        self._burst.log(
            "connection limit",
            logging.WARNING,
            "notification receiver: connection limit reached (%s per address, %s in all); "
            "closing the oldest idle connection (from %s)",
            self.limits.per_peer,
            self.limits.max_connections,
            self._peer[victim],
        )
        self.release(victim)
        victim.drop()
        return True

    def _refuse(self, peer: str) -> bool:
        self.stats.refused += 1
        self._burst.log(
            "all connections busy",
            logging.WARNING,
            "notification receiver: every connection busy; refused one from %s",
            peer,
        )
        return False


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a request-head deadline and the guard's limits.

    Made per server by :func:`guarded_protocol` (uvicorn builds protocols from a class).
    """

    guard: ConnectionGuard

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None
        self._served = False  # answered at least one request on this connection

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        peer = peer_key(self.client[0] if self.client else "")
        if not self.guard.admit(self, peer):
            self.drop()
            return
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._sync()

    def on_response_complete(self) -> None:
        self._served = True
        super().on_response_complete()
        self._sync()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        self.guard.release(self)
        super().connection_lost(exc)

    def drop(self) -> None:
        """Close at once; nothing is owed to a client that has not finished a request."""
        self._disarm()
        if not self.transport.is_closing():
            self.transport.close()

    def _sync(self) -> None:
        """After every step: a request under way stops the clock; none under way starts it."""
        if self.transport.is_closing():
            return
        if self.cycle is not None and not self.cycle.response_complete:
            self._disarm()
            self.guard.mark_busy(self)
        elif self._deadline is None:
            self.guard.mark_waiting(self)
            self._arm()

    def _arm(self) -> None:
        self._deadline = self.loop.call_later(self.guard.limits.header_timeout, self._expired)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expired(self) -> None:
        self._deadline = None
        self.guard.timed_out(self, served=self._served)


def guarded_protocol(guard: ConnectionGuard) -> type[GuardedH11Protocol]:
    """A protocol class bound to ``guard``, for ``uvicorn.Config(http=...)``."""
    return type("GuardedH11Protocol", (GuardedH11Protocol,), {"guard": guard})
