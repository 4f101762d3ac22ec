"""The sales ledger (SQLite) and the product catalog.

The names below are imported when first asked for, not with the package: ``pos-app sales``
imports :mod:`pos_app.ledger.store` and must not pay for the catalog's CSV import (issue 19).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pos_app.ledger.catalog import CatalogRepository, ImportReport
    from pos_app.ledger.lock import AlreadyRunningError
    from pos_app.ledger.store import Ledger, LedgerError

__all__ = ["AlreadyRunningError", "CatalogRepository", "ImportReport", "Ledger", "LedgerError"]

_WHERE = {
    "AlreadyRunningError": "pos_app.ledger.lock",
    "CatalogRepository": "pos_app.ledger.catalog",
    "ImportReport": "pos_app.ledger.catalog",
    "Ledger": "pos_app.ledger.store",
    "LedgerError": "pos_app.ledger.store",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
