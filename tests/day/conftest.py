from tests.thread_sandbox import configured_fixture, sandbox_fixture  # noqa: F401
