"""The sales ledger (SQLite) and the product catalog."""

from pos_app.ledger.catalog import CatalogRepository, ImportReport
from pos_app.ledger.lock import AlreadyRunningError
from pos_app.ledger.store import Ledger, LedgerError

__all__ = ["AlreadyRunningError", "CatalogRepository", "ImportReport", "Ledger", "LedgerError"]
