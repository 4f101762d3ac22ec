"""A keyring that notes the thread of every access: the window's thread must never wait on the
keyring (a locked keyring's unlock prompt, a slow D-Bus secret service freeze the window)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import ClassVar

import keyring
import keyring.backend

from pos_app.settings.memory_keyring import MemoryKeyring


def _on_main() -> bool:
    return threading.current_thread() is threading.main_thread()


class _NotedPriority:
    """``priority``, noting each look: upstream, the secret service's asks D-Bus every time."""

    def __get__(self, obj: object, owner: type | None = None) -> int:
        ThreadNotingKeyring.priority_looks.append(_on_main())
        return 1


class ThreadNotingKeyring(MemoryKeyring):
    """A :class:`MemoryKeyring` that records, for each read and write (and each look at its
    ``priority``), whether it ran on the main (GUI) thread."""

    priority = _NotedPriority()  # type: ignore[assignment]
    priority_looks: ClassVar[list[bool]] = []  # True: looked at on the GUI thread

    def __init__(self) -> None:
        super().__init__()
        self.accesses: list[tuple[str, str, bool]] = []  # (operation, key, on the GUI thread)

    def _note(self, operation: str, key: str) -> None:
        self.accesses.append((operation, key, _on_main()))

    def get_password(self, service: str, username: str) -> str | None:
        self._note("get", username)
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self._note("set", username)
        super().set_password(service, username, password)

    def delete_password(self, service: str, username: str) -> None:
        self._note("delete", username)
        super().delete_password(service, username)

    def reads(self, key: str) -> list[bool]:
        """For each read of ``key``: True when it ran on the GUI thread."""
        return [on_main for op, k, on_main in self.accesses if op == "get" and k == key]

    def writes(self, key: str) -> list[bool]:
        """For each write (or deletion) of ``key``: True when it ran on the GUI thread."""
        return [on_main for op, k, on_main in self.accesses if op != "get" and k == key]

    def on_the_gui_thread(self) -> list[tuple[str, str]]:
        """Every access (operation, key) that ran on the GUI thread."""
        return [(op, k) for op, k, on_main in self.accesses if on_main]


# Never a candidate for keyring's automatic choice (as MemoryKeyring).
keyring.backend.KeyringBackend._classes.discard(ThreadNotingKeyring)


@contextmanager
def thread_noting_keyring(
    kind: type[ThreadNotingKeyring] = ThreadNotingKeyring,
) -> Iterator[ThreadNotingKeyring]:
    previous = keyring.get_keyring()
    backend = kind()
    ThreadNotingKeyring.priority_looks.clear()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)
