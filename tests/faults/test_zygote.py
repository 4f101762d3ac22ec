"""The zygote the SIGKILL scenarios fork their tills from (tests/faults/zygote.py) reports each
till's end, and kills a till whose test hung up without killing it (a test that failed halfway
must not leave the zygote, and the next scenario, waiting on a frozen till)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from pathlib import Path

import pytest

from tests.faults import zygote

pytestmark = pytest.mark.posix  # fork, SCM_RIGHTS

WAIT = 20.0


async def _reading_stdin(tmp: Path, name: str) -> zygote.Forked:
    """A till that reads its stdin to the end (``python -m json.tool``): it ends when told."""
    with (tmp / f"{name}.err").open("wb") as err:
        return await zygote.spawn(
            "json.tool", cwd=tmp, env=dict(os.environ), stdin_pipe=True, stderr=err
        )


def test_each_end_is_reported_and_a_till_left_behind_is_killed(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with asyncio.timeout(WAIT):
            ends = await _reading_stdin(tmp_path, "ends")
            assert ends.stdin is not None
            ends.stdin.write(b"{}\n")
            ends.stdin.close()
            assert await ends.wait() == 0
            assert (await ends.stdout.read()).strip() == b"{}"

            killed = await _reading_stdin(tmp_path, "killed")
            killed.kill()
            assert await killed.wait() == -signal.SIGKILL

            left = await _reading_stdin(tmp_path, "left")
            for transport in left._closing:  # the test side hangs up, the till still waiting
                transport.close()
            # One till at a time: the next one starts only once the zygote has ended that one.
            after = await _reading_stdin(tmp_path, "after")
            with pytest.raises(ProcessLookupError):
                os.kill(left.pid, 0)  # killed and reaped
            after.kill()
            assert await after.wait() == -signal.SIGKILL

    asyncio.run(scenario())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pidfd: Linux")
def test_without_a_pidfd_the_zygote_still_reaps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fallback (no ``os.pidfd_open``: macOS, old kernels) in this process: looks every
    0.05 s, and kills a till whose test hung up."""
    import socket

    monkeypatch.delattr(os, "pidfd_open")
    ours, theirs = socket.socketpair()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child: a frozen till
        ours.close()
        theirs.close()
        signal.pause()
        os._exit(0)
    try:
        ours.close()  # the test side hung up
        assert zygote._reap(pid, theirs) == -signal.SIGKILL
    finally:
        theirs.close()
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
