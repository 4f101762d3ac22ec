from tests.checkout.test_cli import sandbox
from tests.store.fixtures import pg_server, store_db

__all__ = ["pg_server", "sandbox", "store_db"]
