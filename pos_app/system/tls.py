"""One TLS context per process, shared by every HTTP client the app makes.

httpx builds a new ``ssl.SSLContext`` for each client and loads the whole CA bundle into it
(~15-30 ms of CPU each time, on the event loop the window shares). The context is the same
every time, and Python's contexts are safe to share between connections and threads, so it is
built once: with httpx's own defaults (certifi's bundle, or ``SSL_CERT_FILE`` / ``SSL_CERT_DIR``
when set), exactly what ``verify=True`` gives.
"""

from __future__ import annotations

import functools
import os
import ssl

from pos_app.errors import UserFacingError
from pos_app.i18n import QT_TRANSLATE_NOOP, message

CTX = "Network"


@functools.cache
def client_context() -> ssl.SSLContext:
    """The shared context; a ``SSL_CERT_FILE`` / ``SSL_CERT_DIR`` that cannot be read (missing,
    not certificates) is said in plain words instead of a traceback."""
    import httpx

    try:
        return httpx.create_ssl_context(verify=True, trust_env=True)
    except (OSError, ssl.SSLError) as exc:
        chosen = os.environ.get("SSL_CERT_FILE") or os.environ.get("SSL_CERT_DIR") or "certifi"
        raise UserFacingError(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "Network",
                    "The certificates for secure connections cannot be read from {where} "
                    "({error}). Check SSL_CERT_FILE and SSL_CERT_DIR, or unset them.",
                ),
                where=chosen,
                error=getattr(exc, "strerror", None) or str(exc),
            )
        ) from None
