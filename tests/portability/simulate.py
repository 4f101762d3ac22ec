"""Make this Linux process look like Windows to pos-app's Qt-free code.

* ``fcntl`` cannot be imported and ``msvcrt`` can (:mod:`tests.portability.fake_msvcrt`);
* ``os.fchmod`` is gone (absent on Windows before Python 3.13);
* ``pos_app.system.windows()`` says True, the one place the code branches on ``sys.platform``
  (``sys.platform`` itself stays: asyncio, subprocess and the other libraries would then try
  Windows APIs that do not exist here).

``install()`` for a whole process (``POS_APP_SIMULATE_WINDOWS=1`` makes ``tests/conftest.py``
call it before pos_app is imported, and ``python -m tests.portability.simulate`` runs a snippet
under it); the ``windows_simulated`` fixture for one test.
"""

from __future__ import annotations

import os
import sys
from typing import Any

ENV = "POS_APP_SIMULATE_WINDOWS"


def install() -> None:
    from tests.portability import fake_msvcrt

    sys.modules["fcntl"] = None  # type: ignore[assignment]  # "import fcntl" raises ImportError
    sys.modules["msvcrt"] = fake_msvcrt
    if hasattr(os, "fchmod"):
        del os.fchmod
    import pos_app.system

    pos_app.system.windows = lambda: True


def apply(monkeypatch: Any) -> None:
    """The same for one test, undone afterwards."""
    import pos_app.system
    from tests.portability import fake_msvcrt

    monkeypatch.setitem(sys.modules, "fcntl", None)
    monkeypatch.setitem(sys.modules, "msvcrt", fake_msvcrt)
    monkeypatch.delattr(os, "fchmod", raising=False)
    monkeypatch.setattr(pos_app.system, "windows", lambda: True)


def active() -> bool:
    return bool(os.environ.get(ENV))


if __name__ == "__main__":  # python -m tests.portability.simulate -c "code"
    install()
    assert sys.argv[1] == "-c", "usage: python -m tests.portability.simulate -c CODE"
    exec(compile(sys.argv[2], "<simulated>", "exec"), {"__name__": "__main__"})
