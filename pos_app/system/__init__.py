"""What differs between Windows and POSIX, in one place (see the README's Windows section).

Every branch on the operating system in the Qt-free code goes through :func:`windows`, so the
simulation tests (``tests/portability``) can make the whole of it take the Windows path here.
"""

from __future__ import annotations

import sys


def windows() -> bool:
    """Whether this is Windows (read at each call: the tests switch it)."""
    return sys.platform == "win32"
