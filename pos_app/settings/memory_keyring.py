"""A keyring that forgets everything when the process ends.

Demo mode installs it so that a token typed into Settings during a demo never reaches the
computer's real keyring, and the tests install it instead of a real one. It is never a fallback
for a missing keyring: that case is explained to the person (see ``secrets``), not papered over.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import keyring
import keyring.backend
import keyring.errors


class MemoryKeyring(keyring.backend.KeyringBackend):
    """Secrets in a dict; ``priority`` 1 so ``secrets`` treats it as a usable backend."""

    priority = 1  # a classproperty upstream; a constant is enough

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.secrets: dict[tuple[str, str], str] = {}

    @property
    def name(self) -> str:  # upstream it is a class property
        return "memory only — forgotten when the app closes"

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.secrets.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


# Defining a backend class registers it for keyring's automatic choice, where its priority would
# beat the "fail" backend on a computer without a secret service: a silent, forgetful fallback.
# It must only ever be installed on purpose (demo mode, tests).
keyring.backend.KeyringBackend._classes.discard(MemoryKeyring)


@contextmanager
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Install a fresh :class:`MemoryKeyring` for the duration of the block, then restore."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)
