"""A built-in emulator of the Mercado Pago QR API subset the app uses (the "sandbox").

Serves the instore orders, merchant orders, payments and setup endpoints over real HTTP with the
real API's shapes, error keys and awkward behaviours, plus a control API under ``/_sandbox/``
that plays the customer's phone and injects faults. Qt-free.
"""

from pos_app.sandbox.app import create_sandbox_app
from pos_app.sandbox.server import SandboxServer, run_sandbox_forever
from pos_app.sandbox.state import SandboxState

__all__ = ["SandboxServer", "SandboxState", "create_sandbox_app", "run_sandbox_forever"]
