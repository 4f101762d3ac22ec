from tests.store.fixtures import pg_server

__all__ = ["pg_server"]
