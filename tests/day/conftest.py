from tests.checkout.test_cli import configured, sandbox  # noqa: F401
