"""pos-app: a counter point of sale that charges with Mercado Pago QR codes."""

import sys

__version__ = "0.1.0"


def version_text() -> str:
    """How ``pos-app --version``, ``doctor`` and Help → About name this version."""
    return f"pos-app {__version__}"


# httpx's package imports its own command-line tool on import (``httpx/_main.py``): click
# (~20 ms, installed here because uvicorn needs it), then pygments and rich, and drops the tool
# when those are missing, as they are in a shop's install. We never run it. A ``None`` entry makes
# that import fail at once (Python's documented import blocker), so every process that talks to
# Mercado Pago (the window's runtime, ``charge``, ``status``, ``doctor`` with a token) starts
# ~20 ms sooner. Set here because every import of ours passes through this package first.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
