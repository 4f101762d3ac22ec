"""Start-up: process start to the cashier window shown, against a bare PySide6 window.

The parent notes the wall clock just before it spawns a process; the child prints the wall
clock when its window is first painted (offscreen platform) and then closes it. Two children,
run alternately so that machine noise hits both alike:

- ``app``: ``pos_app.app.main()``, the window the ``pos-app`` command opens, for a configured
  till (settings file in a throwaway ``POS_APP_HOME``, the token in ``MP_ACCESS_TOKEN``), with
  the main window's class swapped for a subclass that reports its first paint and closes itself
  (so the app's own orderly shutdown runs);
- ``bare``: a ``QApplication`` and an empty ``QWidget``, shown by the same interpreter.

Not a test: ``python -m tests.benchmarks.startup app|bare`` is the child.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from typing import Any

from tests.benchmarks.common import RESULT_PREFIX, ROOT, child_env, fresh_home


def _report_and_close(widget: Any) -> None:
    print(f"{RESULT_PREFIX}{json.dumps({'shown': time.time()})}", flush=True)
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, widget.close)


def child_app() -> int:
    from pos_app import app as app_module
    from pos_app.ui.counter.main_window import MainWindow

    class TimedMainWindow(MainWindow):
        _reported = False

        def paintEvent(self, event: Any) -> None:
            super().paintEvent(event)
            if not self._reported:
                self._reported = True
                _report_and_close(self)

    app_module.MainWindow = TimedMainWindow  # type: ignore[misc]
    return app_module.main()


def child_bare() -> int:
    from PySide6.QtWidgets import QApplication, QWidget

    class TimedWidget(QWidget):
        _reported = False

        def paintEvent(self, event: Any) -> None:
            super().paintEvent(event)
            if not self._reported:
                self._reported = True
                _report_and_close(self)

    app = QApplication(["bare"])
    widget = TimedWidget()
    widget.resize(1024, 768)
    widget.show()
    return app.exec()


def spawn(kind: str, env: dict[str, str]) -> float:
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
    for line in done.stdout.splitlines():
        if line.startswith(RESULT_PREFIX) and done.returncode == 0:
            shown: float = json.loads(line[len(RESULT_PREFIX) :])["shown"]
            return shown - started
    raise RuntimeError(f"start-up child {kind} failed ({done.returncode}): {done.stderr[-3000:]}")


def measure(repeats: int) -> dict[str, list[float]]:
    from pos_app.sandbox.state import SandboxState
    from pos_app.settings import config as config_mod
    from pos_app.settings import paths

    state = SandboxState.seeded()
    times: dict[str, list[float]] = {"app": [], "bare": [], "ratio": []}
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
        spawn("bare", env)  # warm the OS file cache once for both
        spawn("app", env)
        for _ in range(repeats):
            bare = spawn("bare", env)
            app = spawn("app", env)
            times["bare"].append(bare)
            times["app"].append(app)
            times["ratio"].append(app / bare)
    return times


if __name__ == "__main__":
    sys.exit(child_app() if sys.argv[1:] == ["app"] else child_bare())
