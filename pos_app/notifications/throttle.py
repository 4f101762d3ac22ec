"""A token bucket per client address, so one noisy sender cannot flood the receiver.

Mercado Pago delivers from many addresses and a sale makes a handful of notifications, so a
generous bucket never bites it. The table is bounded: an address-hopping sender evicts the
oldest entries instead of growing memory without end.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable


class TokenBuckets:
    def __init__(
        self,
        *,
        rate: float,
        burst: float,
        max_clients: int = 4096,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rate = rate  # tokens added per second
        self.burst = burst  # bucket size: requests allowed back to back
        self.max_clients = max_clients
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # tokens, stamp

    def allow(self, client: str) -> bool:
        now = self._clock()
        tokens, stamp = self._buckets.pop(client, (self.burst, now))
        tokens = min(self.burst, tokens + (now - stamp) * self.rate)
        allowed = tokens >= 1.0
        if allowed:
            tokens -= 1.0
        self._buckets[client] = (tokens, now)  # re-inserted last: most recently seen
        while len(self._buckets) > self.max_clients:
            self._buckets.popitem(last=False)
        return allowed

    def retry_after(self) -> int:
        """Whole seconds until one more token (for the ``Retry-After`` header)."""
        return max(1, int(1 / self.rate + 0.999)) if self.rate > 0 else 60

    def __len__(self) -> int:
        return len(self._buckets)
