"""``pos-app sandbox`` (and ``python -m pos_app.sandbox``): announces URL and credentials, serves, exits 0 on Ctrl-C."""

from __future__ import annotations

import queue
import re
import signal
import subprocess
import sys
import threading
import time

import httpx
import pytest

from pos_app.sandbox.cli import main


def _lines(process: subprocess.Popen[str]) -> queue.Queue[str]:
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    return lines


def _read_until(lines: queue.Queue[str], marker: str, timeout: float = 15) -> str:
    deadline = time.monotonic() + timeout
    seen = ""
    while marker not in seen:
        seen += lines.get(timeout=max(0.01, deadline - time.monotonic()))
    return seen


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child needs a console group")
def test_cli_prints_credentials_and_serves() -> None:
    process = subprocess.Popen(
        # The README's command: options after "sandbox" reach the sandbox's own parser.
        [sys.executable, "-m", "pos_app", "sandbox", "--port", "0", "--site", "MLU"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        output = _read_until(_lines(process), "Ctrl-C")
        url = re.search(r"MP_API_BASE_URL=(http://127\.0\.0\.1:\d+)", output)
        token = re.search(r"MP_ACCESS_TOKEN=(APP_USR-\S+)", output)
        assert url and token, output
        assert "5001000001" in output and "SUC001" in output and "CAJA01" in output
        assert "MLU" in output
        me = httpx.get(
            f"{url.group(1)}/users/me",
            headers={"Authorization": f"Bearer {token.group(1)}"},
            trust_env=False,
        )
        assert me.json()["site_id"] == "MLU"
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()
        process.stderr.close()


def test_cli_refuses_a_remote_host(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--host", "0.0.0.0"]) == 2
    assert "--allow-remote" in capsys.readouterr().err
    assert main(["--fault-kinds", "nope"]) == 2


def test_pos_app_sandbox_passes_its_options_through(capsys: pytest.CaptureFixture[str]) -> None:
    from pos_app.cli import main as pos_app_main

    assert pos_app_main(["-v", "sandbox", "--host", "0.0.0.0"]) == 2
    assert "--allow-remote" in capsys.readouterr().err
