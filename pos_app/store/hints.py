"""Hints through the store database: the relay publishes, the counters listen.

The relay (``pos-app relay``) runs the very same notification receiver as a counter (size
limits, signature, throttling, coalescing); each notification it accepts becomes a
``NOTIFY pos_app_hints`` with ``{"topic": ..., "id": ...}``. Every counter with a store database
``LISTEN``s and hands the hint to its engine's ``hint()``, which fetches the order from Mercado
Pago itself: a hint is never trusted, only a reason to look now.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
from typing import Any

import psycopg
from psycopg import AsyncConnection

from pos_app.notifications.dispatcher import HintDispatcher, HintHandler

log = logging.getLogger(__name__)

CHANNEL = "pos_app_hints"
TOPICS = frozenset({"merchant_order", "topic_merchant_order_wh", "payment"})
MAX_PAYLOAD = 200


def hint_payload(topic: str, resource_id: str) -> str | None:
    """What the relay publishes; None for what no counter would act on."""
    if topic not in TOPICS or not resource_id.isdigit() or len(resource_id) > 20:
        return None
    return json.dumps({"topic": topic, "id": resource_id}, separators=(",", ":"))


def read_hint(payload: str) -> tuple[str, str] | None:
    """A NOTIFY payload back into ``(topic, id)``; None for anything else (anyone who may
    connect could NOTIFY: it is checked like a webhook and, in any case, only read as a hint)."""
    if len(payload) > MAX_PAYLOAD:
        return None
    try:
        data = json.loads(payload)
        topic, resource_id = str(data["topic"]), str(data["id"])
    except (ValueError, KeyError, TypeError):
        return None
    return (topic, resource_id) if hint_payload(topic, resource_id) else None


async def _connect(conninfo: str, password: str | None) -> AsyncConnection[Any]:
    kwargs: dict[str, Any] = {"autocommit": True, "connect_timeout": 5}
    if password:
        kwargs["password"] = password
    return await AsyncConnection.connect(conninfo, **kwargs)


class HintPublisher:
    """The relay's side: ``await publisher.publish(topic, id)`` (a HintHandler)."""

    def __init__(self, conninfo: str, password: str | None) -> None:
        self._conninfo = conninfo
        self._password = password
        self._conn: AsyncConnection[Any] | None = None
        self._lock = asyncio.Lock()
        self.published = 0

    async def publish(self, topic: str, resource_id: str) -> bool:
        payload = hint_payload(topic, resource_id)
        if payload is None:
            return False
        async with self._lock:
            for attempt in (1, 2):  # a dropped connection is reopened once per hint
                try:
                    if self._conn is None or self._conn.closed:
                        self._conn = await _connect(self._conninfo, self._password)
                    await self._conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, payload))
                    self.published += 1
                    return True
                except (psycopg.Error, OSError) as exc:
                    await self.aclose()
                    if attempt == 2:
                        log.warning(
                            "hint for %s %s not published: %s",
                            topic,
                            resource_id,
                            type(exc).__name__,
                        )
        return False

    async def aclose(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                await conn.close()


class HintListener:
    """The counter's side: ``LISTEN`` and hand each hint to the engine through a
    :class:`HintDispatcher` (coalescing, limits), reconnecting with a growing pause."""

    def __init__(
        self,
        conninfo: str,
        password: str | None,
        handler: HintHandler,
        *,
        first_retry: float = 1.0,
        max_retry: float = 60.0,
    ) -> None:
        self._conninfo = conninfo
        self._password = password
        self.dispatcher = HintDispatcher(handler, settle=0.1, max_pending=64, concurrency=2)
        self.first_retry = first_retry
        self.max_retry = max_retry
        self.listening = asyncio.Event()
        self.received = 0
        self._task: asyncio.Task[None] | None = None

    def start(self) -> asyncio.Task[None]:
        self._task = asyncio.get_running_loop().create_task(self.run(), name="store-hints")
        return self._task

    async def run(self) -> None:
        failures = 0
        while True:
            try:
                conn = await _connect(self._conninfo, self._password)
                try:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    self.listening.set()
                    failures = 0
                    async for note in conn.notifies():
                        hint = read_hint(note.payload)
                        self.received += 1
                        if hint is not None:
                            self.dispatcher.submit(*hint)
                finally:
                    self.listening.clear()
                    with contextlib.suppress(Exception):
                        await conn.close()
            except asyncio.CancelledError:
                raise
            except (psycopg.Error, OSError) as exc:
                failures += 1
                log.info("store hints: %s; retrying", type(exc).__name__)
            delay = min(self.max_retry, self.first_retry * 2 ** min(failures, 16))
            await asyncio.sleep(delay * random.uniform(0.8, 1.2))

    async def aclose(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.dispatcher.aclose()
