"""One window per data folder: starting the app again brings the open window to the front.

The running app listens on a local socket (a named pipe on Windows, a socket file on Unix)
named after its data folder; a second start connects, says ``raise`` and exits 0 instead of
failing on the ledger's lock. On Unix, a start that finds no socket file knows nobody listens
and skips the connection (and QtNetwork: start-up time, issue 19). The lock
(:mod:`pos_app.ledger.lock`) still guards the ledger: the socket only makes the second start
friendly. A socket file left by a crash is removed
before listening (``QLocalServer.removeServer``); the demo's throwaway data folder gives it a
name of its own, so a demo never raises the real till.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from pos_app.settings import paths

if TYPE_CHECKING:
    # Imported when used: the first frame is painted before the server listens.
    from PySide6.QtNetwork import QLocalSocket

log = logging.getLogger(__name__)
MESSAGE = b"raise\n"
CONNECT_MS = 500


PREFIX = "pos-app-"


def server_name(data_dir: Path | None = None) -> str:
    """``pos-app-`` and the first 20 hexadecimal digits of the data folder's SHA-256."""
    folder = str((data_dir or paths.data_dir()).resolve())
    return PREFIX + _sha256_hex(folder.encode("utf-8"))[:20]


def _sha256_hex(data: bytes) -> str:
    """SHA-256 without hashlib (importing it loads OpenSSL, ~4 ms of the first frame whenever
    some app's socket file is in the temporary folder) nor ``QCryptographicHash`` (PySide6
    builds its enum, ~2 M instructions): CPython's own module (start-up time, issue 19)."""
    try:
        from _sha256 import sha256  # type: ignore[import-not-found]  # CPython 3.11
    except ImportError:
        try:
            from _sha2 import sha256  # type: ignore[import-not-found]  # 3.12+
        except ImportError:  # pragma: no cover - a Python built without them
            from hashlib import sha256
    return str(sha256(data).hexdigest())


def temp_path() -> str:
    """``QDir.tempPath()`` on Unix, where ``QLocalServer`` puts its socket files: ``TMPDIR``
    (else ``/tmp``), absolute and cleaned. Without ``QDir``, whose enums PySide6 builds
    (~3.5 M instructions before the first frame, issue 19); a test compares the two."""
    path = os.path.abspath(os.environ.get("TMPDIR") or "/tmp")
    return "/" + path.lstrip("/")  # POSIX keeps a leading "//", Qt's cleanPath does not


def hand_off(name: str | None = None) -> bool:
    """True when a running app took the request to show itself (this start should end)."""
    if name is None:
        if not may_be_listening():  # no app at all: not even this folder's name is needed
            return False
        name = server_name()
    if not may_be_listening(name):
        return False
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write(MESSAGE)
    sent = socket.waitForBytesWritten(CONNECT_MS)
    socket.disconnectFromServer()
    if sent:
        log.info("pos-app is already running with this data folder: its window was raised")
    return sent


def _is_server_name(name: str) -> bool:
    """Shaped like :func:`server_name`'s answers: the prefix and 20 hexadecimal digits."""
    digest = name[len(PREFIX) :]
    return name.startswith(PREFIX) and len(digest) == 20 and all(c in _HEX for c in digest)


_HEX = frozenset("0123456789abcdef")


def may_be_listening(name: str | None = None) -> bool:
    """False when no app can be listening on ``name`` (None: on any data folder's name): on
    Unix, ``QLocalServer`` listens on a socket file in ``QDir.tempPath()`` (:func:`temp_path`),
    there from
    ``listen`` until ``close`` (or a crash: then a connection is tried, and refused). Windows'
    named pipes are always tried."""
    if sys.platform == "win32":
        return True
    folder = temp_path()
    if name is not None:
        return os.path.exists(os.path.join(folder, name))
    try:
        names = os.listdir(folder)  # names only: a busy folder's entries cost ~3 M instructions
    except OSError:  # an unreadable temporary folder: try the connection
        return True
    return any(_is_server_name(name) for name in names if name.startswith(PREFIX))


class InstanceServer(QObject):
    """Listens while the window is open; a ``raise`` request brings ``window`` to the front."""

    def __init__(self, window: QWidget, name: str | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.name = name or server_name()
        self.raised = 0
        from PySide6.QtNetwork import QLocalServer

        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._connection)

    def listen(self) -> bool:
        self.server.removeServer(self.name)  # a socket file a crash left behind
        if not self.server.listen(self.name):
            log.warning("single-instance socket %s: %s", self.name, self.server.errorString())
            return False
        return True

    def close(self) -> None:
        self.server.close()

    def _connection(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(MESSAGE.strip()):
            self.bring_to_front()

    def bring_to_front(self) -> None:
        window = self.window
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()
        self.raised += 1
