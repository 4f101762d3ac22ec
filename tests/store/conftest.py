from tests.store.fixtures import pg_server, store_db

__all__ = ["pg_server", "store_db"]
