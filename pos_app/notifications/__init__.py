"""The notification receiver: Mercado Pago IPNs and webhooks as instant *hints*.

A notification only says "look at merchant order N" (or payment N). It is never believed: the
receiver answers 200 at once and hands ``(topic, id)`` to ``CheckoutEngine.hint``, which fetches
the resource and runs the one reconcile path. Polling by reference stays on as the safety net;
notifications only make it slower and the answer faster.

::

    Mercado Pago ──POST /mp/notifications──> NotificationEndpoint (app.py)
        parse (parsing.py), throttle (throttle.py), signature (signature.py)
        └── HintDispatcher (dispatcher.py) ──background──> engine.hint(topic, id)
    EmbeddedServer (server.py): uvicorn in the app's own event loop
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pos_app.notifications.app import PATH, PING_MARKER, NotificationEndpoint, ReceiverLimits
    from pos_app.notifications.dispatcher import (
        DispatchStats,
        HintDispatcher,
        HintHandler,
        Outcome,
    )
    from pos_app.notifications.parsing import BadNotification, Notice
    from pos_app.notifications.probe import ProbeResult, probe
    from pos_app.notifications.receiver import NotificationReceiver

# Imported when first asked for: ``pos-app doctor`` imports pos_app.notifications.diagnose, and
# a box without a receiver must not load Starlette, uvicorn and httpx for that (issue 19).
_WHERE = {
    "PATH": "app",
    "PING_MARKER": "app",
    "NotificationEndpoint": "app",
    "ReceiverLimits": "app",
    "DispatchStats": "dispatcher",
    "HintDispatcher": "dispatcher",
    "HintHandler": "dispatcher",
    "Outcome": "dispatcher",
    "BadNotification": "parsing",
    "Notice": "parsing",
    "ProbeResult": "probe",
    "probe": "probe",
    "NotificationReceiver": "receiver",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value


__all__ = [
    "PATH",
    "PING_MARKER",
    "BadNotification",
    "DispatchStats",
    "HintDispatcher",
    "HintHandler",
    "Notice",
    "NotificationEndpoint",
    "NotificationReceiver",
    "Outcome",
    "ProbeResult",
    "ReceiverLimits",
    "probe",
]
