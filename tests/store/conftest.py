from tests.store.fixtures import pg_server, store_db
from tests.thread_sandbox import sandbox_fixture

__all__ = ["pg_server", "sandbox_fixture", "store_db"]
