"""A throwaway PostgreSQL cluster for the tests and the benchmark: initdb in a temporary folder,
``pg_ctl`` on a free port of 127.0.0.1, stopped (and removed) at the end.

initdb and postgres refuse to run as root: as root (CI), they run as the ``postgres`` user the
Debian package creates (else ``nobody``) in a folder that user owns.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import select
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

SUPERUSER = "postgres"
SUPERPASS = "super-secret-test"


def find_bindir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _runuser() -> str:
    """util-linux's runuser, in /usr/sbin: a root shell has that on PATH, a bare one may not."""
    return shutil.which("runuser") or next(
        (p for p in ("/usr/sbin/runuser", "/sbin/runuser") if os.access(p, os.X_OK)), "runuser"
    )


def _wait_exited(pid: int, timeout: float) -> bool:
    """Whether ``pid`` exited within ``timeout`` seconds (0: is it gone now).

    A zombie has exited: it holds nothing any more (port, files, shared memory), it only waits
    for its parent to reap it; and pg_ctl's postmaster is reparented to the container's first
    process, which reaps it only seconds later (os.kill(pid, 0), which counts a zombie as alive,
    waited 1.5 s for that here). A pidfd is readable from the exit on; without pidfds (macOS),
    os.kill's answer is looked at.
    """
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    except (AttributeError, OSError):  # no pidfd_open here
        deadline = time.monotonic() + timeout
        while True:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)
    try:
        return bool(select.select([fd], [], [], timeout)[0])
    finally:
        os.close(fd)


def _attached(shmid: int) -> int | None:
    """How many processes still have System V shared memory segment ``shmid`` attached (None:
    no such segment, or no /proc/sysvipc to tell)."""
    try:
        table = Path("/proc/sysvipc/shm").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    names = table[0].split()
    for line in table[1:]:
        row = dict(zip(names, line.split(), strict=False))
        if int(row["shmid"]) == shmid:
            return int(row["nattch"])
    return None


# pg_ctl stop's modes: the signal it sends the postmaster for each.
_STOP_SIGNALS = {"smart": "SIGTERM", "fast": "SIGINT", "immediate": "SIGQUIT"}


class PgServer:
    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="pos-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.runas: str | None = None
        if os.geteuid() == 0:
            self.runas = "postgres"
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                self.runas = "nobody"
            user = pwd.getpwnam(self.runas)
            os.chown(self.root, user.pw_uid, user.pw_gid)
        self.root.chmod(0o700)

    @classmethod
    def attach(cls, port: int) -> PgServer:
        """A server another process started (and stops) on ``port``: only its URLs."""
        server = cls.__new__(cls)
        server.port = port
        return server

    def _run(self, *argv: str) -> None:
        cmd = list(argv)
        if self.runas:
            cmd = [_runuser(), "-u", self.runas, "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, cwd=self.root)

    def init(self, template: Path | None = None) -> None:
        """A new cluster; or, given ``template`` (another's data folder, stopped, made by
        :meth:`init`), a copy of it: the same empty cluster without initdb's ~0.7 s of CPU."""
        if template is not None and self._copy(template):
            return
        pwfile = self.root / "pw"
        pwfile.write_text(SUPERPASS + "\n", encoding="utf-8")
        if self.runas:
            user = pwd.getpwnam(self.runas)
            os.chown(pwfile, user.pw_uid, user.pw_gid)
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--pwfile",
            str(pwfile),
            "--auth-host=scram-sha-256",
            "--auth-local=trust",
            "-E",
            "UTF8",
            "--no-sync",
        )
        pwfile.unlink()

    def _copy(self, template: Path) -> bool:
        """``cp -a`` keeps the owner (initdb's user) and the modes postgres insists on."""
        done = subprocess.run(
            ["cp", "-a", str(template), str(self.data)], capture_output=True, check=False
        )
        if done.returncode == 0:
            return True
        shutil.rmtree(self.data, ignore_errors=True)
        return False

    def start(self) -> None:
        """``pg_ctl start -w``, returning once the server says it is ready.

        pg_ctl looks every 0.1 s whether the server is ready; the server says so itself, at
        once, to a socket named by NOTIFY_SOCKET (systemd's readiness message, in builds with
        systemd support, as Debian's). Whichever comes first: that message, or pg_ctl's end (its
        answer then stands: started, or the error it raises)."""
        opts = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        argv = [str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", opts]
        argv += ["-l", str(self.root / "log"), "-w", "-t", "30", "start"]
        if os.name != "posix":
            self._run(*argv)
            return
        if self.runas:
            argv = [_runuser(), "-u", self.runas, "--", *argv]
        path = self.root / "ready.sock"
        path.unlink(missing_ok=True)
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as ready:
            ready.bind(str(path))
            path.chmod(0o777)  # the server's user writes to it
            proc = subprocess.Popen(
                argv,
                cwd=self.root,
                env={**os.environ, "NOTIFY_SOCKET": str(path)},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            # pg_ctl's end is reaped (and its error read) on a thread of its own.
            ended = threading.Event()
            outcome: list[tuple[int, bytes]] = []

            def reap() -> None:
                _, err = proc.communicate()
                outcome.append((proc.returncode, err))
                ended.set()

            threading.Thread(target=reap, name="pg_ctl-start", daemon=True).start()
            deadline = time.monotonic() + 40
            while not ended.is_set() and time.monotonic() < deadline:
                if select.select([ready], [], [], 0.05)[0] and b"READY=1" in ready.recv(4096):
                    return
        if not ended.wait(max(0.0, deadline - time.monotonic())):
            raise subprocess.CalledProcessError(-1, argv, stderr=b"pg_ctl start hung")
        code, err = outcome[0]
        if code != 0:
            raise subprocess.CalledProcessError(code, argv, stderr=err)

    def stop(self, mode: str = "fast") -> None:
        """``pg_ctl stop -m mode -w``: the mode's signal to the postmaster, then until it has
        exited (it removes its lock files first). pg_ctl looks every 0.1 s; its exit is
        awaited here (a pidfd), which a stop's caller waited ~0.1 s longer for each time."""
        if os.name != "posix":
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")
            return
        lock = self.data / "postmaster.pid"
        try:
            pid = int(lock.read_text(encoding="utf-8").split()[0])
            os.kill(pid, getattr(signal, _STOP_SIGNALS[mode]))
        except (FileNotFoundError, ProcessLookupError) as exc:  # as pg_ctl: not running
            raise subprocess.CalledProcessError(1, ["pg_ctl", "stop"], stderr=str(exc)) from exc
        if not _wait_exited(pid, 60):
            raise subprocess.CalledProcessError(1, ["pg_ctl", "stop"], stderr=b"still running")

    def kill(self) -> None:
        """SIGKILL the postmaster (no shutdown at all); its backends notice and exit."""
        pid = int((self.data / "postmaster.pid").read_text(encoding="utf-8").split()[0])
        os.kill(pid, signal.SIGKILL)
        _wait_exited(pid, 30)

    def start_after_crash(self) -> None:
        """Start again once the killed server's backends are gone (shared memory released)."""
        deadline = time.monotonic() + 30
        while True:
            self._drop_stale_lock(deadline)
            try:
                self.start()
                return
            except subprocess.CalledProcessError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)

    def _drop_stale_lock(self, deadline: float) -> None:
        """Remove a killed postmaster's lock files once it and its backends are gone.

        postgres takes a lock file (the data folder's, its socket's) whose PID still exists for
        a running server, and a killed postmaster's PID exists as long as it is an unreaped
        zombie (see :func:`_wait_exited`): the restart would fail until the container reaps it.
        So, as postgres itself judges a stale lock file: when its postmaster has exited and no
        process (a backend) still has its shared memory segment attached, the files are stale
        and removed. A backend still holding the segment (it exits on noticing its postmaster's
        death) is waited for. Without /proc/sysvipc to tell, postgres judges the files itself.
        """
        lock = self.data / "postmaster.pid"
        try:
            lines = lock.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return
        try:  # the PID, and the shared memory's key and id (written once it is made)
            pid, shmid = int(lines[0]), int(lines[6].split()[1])
        except (IndexError, ValueError):
            return  # a postmaster that had not got that far: postgres judges the file
        if not _wait_exited(pid, 0):
            return
        if not Path("/proc/sysvipc/shm").exists():
            return
        while (attached := _attached(shmid)) and time.monotonic() < deadline:
            time.sleep(0.01)
        if not attached:  # none attached, or the segment is gone
            (self.root / f".s.PGSQL.{self.port}.lock").unlink(missing_ok=True)  # the socket's
            lock.unlink(missing_ok=True)

    def url(self, user: str = SUPERUSER, dbname: str = "postgres") -> str:
        """Without the password: it goes apart, as the app keeps it (keyring)."""
        return f"postgresql://{user}@127.0.0.1:{self.port}/{dbname}"

    def admin_url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}:{SUPERPASS}@127.0.0.1:{self.port}/{dbname}"

    def cleanup(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)
