"""One TLS context per process, shared by every HTTP client the app makes.

httpx builds a new ``ssl.SSLContext`` for each client and loads the whole CA bundle into it
(~15-30 ms of CPU each time, on the event loop the window shares). The context is the same
every time, and Python's contexts are safe to share between connections and threads, so it is
built once: with httpx's own defaults (certifi's bundle, or ``SSL_CERT_FILE`` / ``SSL_CERT_DIR``
when set), exactly what ``verify=True`` gives.
"""

from __future__ import annotations

import functools
import ssl


@functools.cache
def client_context() -> ssl.SSLContext:
    import httpx

    return httpx.create_ssl_context(verify=True, trust_env=True)
