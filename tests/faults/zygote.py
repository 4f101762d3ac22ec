"""Till processes forked from a warm one, for the SIGKILL scenarios (issue 19: the suite's time).

Each scenario starts a till (``python -m tests.faults.driver STEP`` and the like) and kills it.
Nine tenths of such a process's CPU was its start: the interpreter, then ``pos_app.runtime``
and what it imports (httpx, keyring, the engine: ~0.3 s each time, 25 times a run). So each
xdist worker starts, the first time a scenario needs one, a *zygote*: a process that has
imported all that, opened nothing (no event loop, thread, socket or SQLite file) and waits on a
Unix socket. For each till it forks; the child takes the test's stdin, stdout and stderr (passed
over the socket), working folder, environment and arguments, and runs the module as
``python -m`` would (``runpy``, as ``__main__``). It is a real process of its own, killed with
SIGKILL like before; only its imports were done once.

:func:`spawn` answers with a :class:`Forked`, the part of ``asyncio.subprocess.Process`` the
tests use (``stdout``, ``stdin``, ``pid``, ``send_signal``, ``wait``, ``returncode``). One till
at a time per worker (the zygote waits for each child before the next): the scenarios run one
after the other.

``python -m tests.faults.zygote SOCKET`` is the zygote (POSIX only: fork, SCM_RIGHTS).
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import IO, Any

REPO = Path(__file__).resolve().parents[2]
# What the tills import, imported once by the zygote (none of it opens anything on import).
WARM = ("pos_app.runtime", "pos_app.checkout.refunds", "pos_app.domain.cart", "tests.faults.driver")


# -- the zygote --------------------------------------------------------------------------------
def _child(request: dict[str, Any], fds: list[int]) -> None:
    """In the forked child: become the till, never return."""
    code = 1
    try:
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.argv = [request["module"], *request["args"]]
        import runpy

        runpy.run_module(request["module"], run_name="__main__", alter_sys=True)
        code = 0
    except SystemExit as exit_:
        if exit_.code is None or isinstance(exit_.code, int):
            code = exit_.code or 0
        else:
            print(exit_.code, file=sys.stderr)
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)


def serve(path: str) -> None:
    import importlib

    for name in WARM:
        importlib.import_module(name)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(1)
    listener.settimeout(1.0)
    parent = os.getppid()
    print("READY", flush=True)
    while True:
        try:
            conn, _ = listener.accept()
        except TimeoutError:
            if os.getppid() != parent:
                return  # the worker died without stopping it: never outlive it
            continue
        conn.settimeout(None)
        with conn:
            message, fds, _flags, _addr = socket.recv_fds(conn, 1 << 20, 3)
            if not message:
                return  # the worker is done
            request = json.loads(message)
            pid = os.fork()
            if pid == 0:
                listener.close()
                conn.close()
                _child(request, fds)
            for fd in fds:
                os.close(fd)
            conn.sendall(f"{pid}\n".encode())
            code = _reap(pid, conn)
            with contextlib.suppress(OSError):  # the test side hung up: nobody to tell
                conn.sendall(f"{code}\n".encode())


def _reap(pid: int, conn: socket.socket) -> int:
    """The child's exit code once it ends; killed first if the test side hung up (a test that
    failed before killing its till must not leave the zygote waiting on a frozen one).

    Woken by the child's end itself where a pidfd can say so (Linux); elsewhere it looks every
    0.05 s (up to 0.05 s after every kill before the test hears of it)."""
    import select

    try:
        ended: int | None = os.pidfd_open(pid)
    except (AttributeError, OSError):  # not Linux, or a kernel older than 5.3
        ended = None
    watched: list[Any] = [conn] if ended is None else [conn, ended]
    try:
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return os.waitstatus_to_exitcode(status)
            readable, _, _ = select.select(watched, [], [], 0.05 if ended is None else None)
            if conn in readable and not conn.recv(1, socket.MSG_PEEK):
                os.kill(pid, signal.SIGKILL)
                if ended is not None:
                    watched = [ended]  # the hang-up stays readable: wait for the end alone
    finally:
        if ended is not None:
            os.close(ended)


# -- the test's side ---------------------------------------------------------------------------
class _Zygote:
    def __init__(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="pos-zygote-")
        self.path = os.path.join(self.folder, "socket")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.faults.zygote", self.path],
            cwd=REPO,
            env=dict(os.environ, PYTHONPATH=str(REPO)),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
        )
        assert self.process.stdout is not None
        ready = self.process.stdout.readline()
        assert ready == b"READY\n", f"the zygote did not start: {ready!r}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        with contextlib.suppress(OSError):
            os.unlink(self.path)
            os.rmdir(self.folder)


_zygote: _Zygote | None = None


def _the_zygote() -> _Zygote:
    global _zygote
    if _zygote is None or _zygote.process.poll() is not None:
        _zygote = _Zygote()
        atexit.register(_zygote.stop)
    return _zygote


class Forked:
    """The part of ``asyncio.subprocess.Process`` the scenarios use, for a forked till."""

    def __init__(
        self,
        pid: int,
        control: asyncio.StreamReader,
        stdout: asyncio.StreamReader,
        stdin: asyncio.StreamWriter | None,
        closing: list[Any],
    ) -> None:
        self.pid = pid
        self.stdout = stdout
        self.stdin = stdin
        self.returncode: int | None = None
        self._control = control
        self._closing = closing

    def send_signal(self, sig: int) -> None:
        if self.returncode is None:
            os.kill(self.pid, sig)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    async def wait(self) -> int:
        if self.returncode is None:
            line = await self._control.readline()
            assert line, "the zygote ended without the till's exit status"
            self.returncode = int(line)
            for transport in self._closing:
                transport.close()
        return self.returncode


async def spawn(
    module: str, *args: str, cwd: Path, env: dict[str, str], stdin_pipe: bool, stderr: IO[bytes]
) -> Forked:
    """``python -m module args`` as a fork of the warm zygote; stdout a pipe, stdin a pipe
    (``stdin_pipe``) or /dev/null, stderr the given file."""
    zygote = _the_zygote()
    loop = asyncio.get_running_loop()
    out_read, out_write = os.pipe()
    if stdin_pipe:
        in_read, in_write = os.pipe()
    else:
        in_read, in_write = os.open(os.devnull, os.O_RDONLY), -1
    request = {"module": module, "args": list(args), "cwd": str(cwd), "env": env}
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(zygote.path)
        socket.send_fds(conn, [json.dumps(request).encode()], [in_read, out_write, stderr.fileno()])
    finally:
        os.close(in_read)
        os.close(out_write)
    conn.setblocking(False)
    control, control_writer = await asyncio.open_unix_connection(sock=conn)
    pid = int(await control.readline())
    stdout = asyncio.StreamReader()
    out_transport, _ = await loop.connect_read_pipe(
        lambda: asyncio.StreamReaderProtocol(stdout), os.fdopen(out_read, "rb", buffering=0)
    )
    closing: list[Any] = [out_transport, control_writer]
    writer = None
    if stdin_pipe:
        in_transport, in_protocol = await loop.connect_write_pipe(
            lambda: asyncio.streams.FlowControlMixin(loop), os.fdopen(in_write, "wb", buffering=0)
        )
        writer = asyncio.StreamWriter(in_transport, in_protocol, None, loop)
        closing.append(in_transport)
    return Forked(pid, control, stdout, writer, closing)


if __name__ == "__main__":
    serve(sys.argv[1])
