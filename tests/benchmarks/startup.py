"""Start-up: process start to the cashier window shown, against a bare PySide6 window.

The parent notes the wall clock just before it spawns a process; the child prints the wall
clock once its window's first frame has been painted (offscreen platform): the window's first
``paintEvent`` has run, and a zero timer started there has fired, so the children's paint
events of that frame are done too. Two children, run alternately so that machine noise hits
both alike:

- ``app``: ``pos_app.cli.main([])``, the ``pos-app`` command itself (its parser, then the
  window it opens: ``pos_app.app.main()``; until 2026-12-01 the child called that directly and
  missed the ~150 ms the command's parser then imported), for a configured
  till (settings file in a throwaway ``POS_APP_HOME``, the token in ``MP_ACCESS_TOKEN``), with
  the main window's class swapped for a subclass that reports its first frame ("Connecting…":
  the app shows the window before it opens the runtime) and then the moment the runtime was
  attached (``ready``: ledger, HTTP client and engine open, charging possible), and closes
  itself then (so the app's own orderly shutdown runs);
- ``bare``: a ``QApplication`` and an empty ``QWidget``, shown by the same interpreter, with
  the same first-frame report.

Not a test: ``python -m tests.benchmarks.startup app|bare`` is the child.
"""

from __future__ import annotations

import sys
import time
from typing import Any

# The children import nothing of the harness (tests.benchmarks.common brings dataclasses,
# statistics, tempfile, subprocess...: ~25 ms that both children paid, which flattered the
# ratio); the parent imports it in measure() and spawn().
RESULT_PREFIX = "BENCH-RESULT "  # tests.benchmarks.common's, checked there


def _report(key: str) -> None:
    print(f'{RESULT_PREFIX}{{"{key}": {time.time()!r}}}', flush=True)


def _after_first_paint(widget: Any, then: Any) -> None:
    """From the first ``paintEvent``: ``then`` once this frame is done (a zero timer)."""
    if getattr(widget, "_reported", False):
        return
    widget._reported = True
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, then)


def child_app() -> int:
    """``pos-app`` as its command starts it: ``pos_app.cli.main`` with no arguments (which
    builds the command line's parser, then calls ``pos_app.app.main``), the CLI's modules
    imported first as the command imports them."""
    import importlib

    # In the command's order: the CLI's modules (before PySide6), then the window's.
    cli = importlib.import_module("pos_app.cli")
    app_module = importlib.import_module("pos_app.app")
    from pos_app.ui.counter.main_window import MainWindow

    class TimedMainWindow(MainWindow):
        def paintEvent(self, event: Any) -> None:
            super().paintEvent(event)
            _after_first_paint(self, lambda: _report("shown"))

        def attach(self, runtime: Any, bridge: Any) -> None:
            super().attach(runtime, bridge)
            _report("ready")
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self.close)

    app_module.MainWindow = TimedMainWindow  # type: ignore[misc]
    return cli.main([])


def child_bare() -> int:
    from PySide6.QtWidgets import QApplication, QWidget

    class TimedWidget(QWidget):
        def paintEvent(self, event: Any) -> None:
            super().paintEvent(event)
            _after_first_paint(self, lambda: (_report("shown"), self.close()))

    app = QApplication(["bare"])
    widget = TimedWidget()
    widget.resize(1024, 768)
    widget.show()
    return app.exec()


def spawn(kind: str, env: dict[str, str]) -> dict[str, float]:
    """Seconds from the spawn to each moment the child reported ("shown"; the app: "ready")."""
    import json
    import subprocess

    from tests.benchmarks.common import ROOT

    started = time.time()
    done = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.startup", kind],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    moments: dict[str, float] = {}
    for line in done.stdout.splitlines():
        if line.startswith(RESULT_PREFIX):
            for key, value in json.loads(line[len(RESULT_PREFIX) :]).items():
                moments[key] = value - started
    wanted = {"shown", "ready"} if kind == "app" else {"shown"}
    if done.returncode == 0 and wanted <= moments.keys():
        return moments
    raise RuntimeError(f"start-up child {kind} failed ({done.returncode}): {done.stderr[-3000:]}")


def measure(repeats: int, *, warm: bool = True) -> dict[str, list[float]]:
    """``warm``: one start of each child first, not counted (the OS file cache); the quick pass
    leaves it out (its one pair means nothing as a figure: it only checks the children run)."""
    from pos_app.sandbox.state import SandboxState
    from pos_app.settings import config as config_mod
    from pos_app.settings import paths
    from tests.benchmarks import common
    from tests.benchmarks.common import child_env, fresh_home

    assert common.RESULT_PREFIX == RESULT_PREFIX

    state = SandboxState.seeded()
    times: dict[str, list[float]] = {"app": [], "bare": [], "ratio": [], "ready": []}
    with fresh_home():
        config = config_mod.Config(
            user_id=state.seller_id,
            site_id=state.site_id,
            nickname="BENCH",
            store_external_id=state.store_external_id,
            store_name="Sucursal Centro",
            box_external_id=state.box_external_id,
            box_name="Caja 1",
            api_base_url="http://127.0.0.1:9",  # never dialled: nothing is open at start-up
        )
        config_mod.save(config, paths.config_path())
        env = child_env(MP_ACCESS_TOKEN=state.seller_token)
        if warm:
            spawn("bare", env)  # warm the OS file cache once for both
            spawn("app", env)
        for _ in range(repeats):
            bare = spawn("bare", env)["shown"]
            app = spawn("app", env)
            times["bare"].append(bare)
            times["app"].append(app["shown"])
            times["ready"].append(app["ready"])
            times["ratio"].append(app["shown"] / bare)
    return times


if __name__ == "__main__":
    sys.exit(child_app() if sys.argv[1:] == ["app"] else child_bare())
