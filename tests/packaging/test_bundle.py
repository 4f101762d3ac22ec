"""The one-folder bundle builds and runs from a folder with no Python environment.

Builds ``dist/pos-app`` with ``python -m pos_app.packaging build`` (~15 s of CPU on two cores),
moves it to a fresh folder and runs it there with an environment that has no venv, no
PYTHONPATH and no PATH to this interpreter: ``--version``, ``doctor --json`` and ``--demo``
offscreen until its window is up (then Ctrl-C: an orderly exit, code 0). Built once per test
run, whichever xdist workers its tests land on.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

# The "bundle" extra; "test" has it too. Looked up, not imported: every worker collects this
# module, and the build imports PyInstaller in a process of its own.
HAS_PYINSTALLER = importlib.util.find_spec("PyInstaller") is not None

pytestmark = [
    pytest.mark.slow(seconds=50),  # the build, then its runs: one unit (the module's fixture)
    pytest.mark.posix,
    pytest.mark.timeout(900),
    pytest.mark.skipif(not HAS_PYINSTALLER, reason="PyInstaller is not installed"),
]
REPO = Path(__file__).resolve().parents[2]


def bare_env(home: Path) -> dict[str, str]:
    """What a counter PC's session has: no VIRTUAL_ENV, no PYTHONPATH, no venv on PATH."""
    return {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "POS_APP_HOME": str(home / "data"),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle, built once per test run: xdist may hand this module's tests to several
    workers, and each used to build its own (~35 s of CPU each). The first worker builds under a
    lock in the run's shared temporary folder; the others wait and use it (or its failure)."""
    import fcntl  # POSIX only, like this module's tests

    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    moved = shared / "counter-pc" / "pos-app"
    failed = shared / "bundle-failed.txt"
    with open(shared / "bundle.lock", "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if failed.exists():
            pytest.fail(failed.read_text(encoding="utf-8"), pytrace=False)
        if not (moved / "pos-app").exists():
            message = build_bundle(shared / "bundle-build", moved)
            if message:
                failed.write_text(message, encoding="utf-8")
                pytest.fail(message, pytrace=False)
    return moved


def build_bundle(out: Path, moved: Path) -> str:
    """Build into ``out``, move the folder to ``moved``; an error message, or "" when built."""
    started = time.monotonic()
    command = [sys.executable, "-m", "pos_app.packaging", "build"]
    done = subprocess.run(
        [*command, "--dist", str(out / "dist"), "--work", str(out / "build")],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=800,
    )
    if done.returncode != 0:
        return f"the bundle build failed ({done.returncode}):\n{done.stderr[-3000:]}"
    print(f"bundle built in {time.monotonic() - started:.0f} s: {done.stdout.strip()}")
    # Somewhere else entirely: nothing may point back to the build or the venv.
    moved.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(out / "dist" / "pos-app"), moved)
    shutil.rmtree(out)
    return ""


def run(
    bundle: Path, home: Path, *args: str, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """The bundle's program with ``home`` as HOME and working folder (each test its own: the
    bundle is shared by the run's workers)."""
    return subprocess.run(
        [str(bundle / "pos-app"), *args],
        cwd=home,
        env=bare_env(home),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )


def test_the_folder_has_the_program_resources_menu_entry_and_icon(bundle: Path) -> None:
    from pos_app.packaging import build, qt_parts

    assert os.access(bundle / "pos-app", os.X_OK)
    resources = bundle / "_internal" / "pos_app" / "_resources"
    for name in ("style.qss", "demo_catalog.csv", "demo_catalog_co.csv", "icon.png"):
        assert (resources / name).is_file(), name
    assert (resources / "i18n" / "pos_app_es.qm").stat().st_size > 1000
    assert (resources / "i18n" / "pos_app_pt_BR.qm").stat().st_size > 1000
    entry = (bundle / "pos-app.desktop").read_text(encoding="utf-8")
    assert "[Desktop Entry]" in entry and "Exec=pos-app" in entry
    assert (bundle / "pos-app.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not list(bundle.rglob("pytest")) and not list(bundle.rglob("PyInstaller"))
    # Left out (build.NEVER_IMPORTED): Pillow's AVIF and WebP codecs, Qt's D-Bus bindings.
    for never in ("libavif*", "libwebp*", "_avif*", "_webp*", "QtDBus*"):
        assert not list(bundle.rglob(never)), never
    # Qt (qt_parts): the desktop's platforms, not those for a PC without a window system, and
    # Qt's translations in the languages the app speaks only.
    qt = bundle / "_internal" / "PySide6" / "Qt"
    platforms = {qt_parts.platform_name(p.name) for p in (qt / "plugins" / "platforms").iterdir()}
    assert platforms >= {"xcb", "wayland", "offscreen"}, platforms
    assert not platforms & qt_parts.PLATFORMS_NEVER_LOADED, platforms
    kinds = {p.name for p in (qt / "plugins").iterdir()}
    assert kinds >= {"imageformats", "iconengines", "platformthemes", "printsupport"}, kinds
    assert not kinds & qt_parts.KINDS_NEVER_LOADED, kinds
    qm = sorted(p.name for p in (qt / "translations").iterdir())
    assert qm == ["qtbase_es.qm", "qtbase_pt_BR.qm"], qm
    # Without debugging sections (build.strip_debug_info), where binutils' strip is at hand.
    if shutil.which("strip"):
        carrying = [p for p in (bundle / "_internal").rglob("*.so*") if build.has_debug_info(p)]
        assert not carrying, carrying[:5]


def test_version_and_doctor_run_without_python(bundle: Path, tmp_path: Path) -> None:
    done = run(bundle, tmp_path, "--version")
    assert done.returncode == 0 and done.stdout.strip().startswith("pos-app "), done.stderr
    done = run(bundle, tmp_path, "doctor", "--json")
    assert done.returncode == 1, done.stderr  # not configured yet: a clear failure, no crash
    report = json.loads(done.stdout)
    checks = {c["name"]: c for c in report["checks"]}
    assert checks["ledger"]["ok"] is True
    assert "Traceback" not in done.stderr


def test_demo_runs_offscreen_and_exits_cleanly(bundle: Path, tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [str(bundle / "pos-app"), "-v", "--demo"],
        cwd=tmp_path,
        env=bare_env(tmp_path) | {"LANG": "es_AR.UTF-8"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert proc.stderr is not None
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stderr), daemon=True)  # type: ignore[arg-type]
    reader.start()
    # Up: the demo's sandbox served and the window shown (the daily backup comes after it).
    deadline = time.monotonic() + 60
    while not any("ledger backed up" in line for line in lines):
        assert proc.poll() is None, "".join(lines)[-3000:]  # still running
        assert time.monotonic() < deadline, "".join(lines)[-3000:]
        time.sleep(0.05)
    assert proc.poll() is None, "".join(lines)[-3000:]
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=60)
    reader.join(10)
    err = "".join(lines)
    assert proc.returncode == 0, err[-3000:]
    assert "demo: MLA sandbox at http://127.0.0.1:" in err, err[-3000:]
    assert "qtbase_es" not in err, err[-3000:]  # Qt's Spanish catalog found (no warning naming it)
    assert "Traceback" not in err and "ERROR" not in err, err[-3000:]


def test_a_receipt_with_its_qr_prints_to_an_escpos_file(
    bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """python-escpos from the bundle: its printer database (a data file) and Pillow drawing the
    QR code. The bytes are the ones this environment makes for the same sale."""
    from pos_app.cli import main
    from pos_app.settings import config as config_mod
    from pos_app.settings import paths
    from tests.receipts.test_cli_and_pdf import ARG_LINES, paid_sale

    home = tmp_path / "counter"
    monkeypatch.setenv("POS_APP_HOME", str(home / "data"))  # the bundle's, in bare_env(home)
    reference = paid_sale("MLA", ARG_LINES, "es")
    config = config_mod.load(paths.config_path()).config
    config_mod.save(config.with_changes(receipt_print_qr=True, box_qr_code="SUC001CAJA01-QR"))
    home.mkdir(exist_ok=True)
    done = run(bundle, home, "receipt", reference, "--escpos", str(tmp_path / "lp0"))
    assert done.returncode == 0, done.stderr[-3000:]
    printed = (tmp_path / "lp0").read_bytes()
    assert printed.startswith(b"\x1b@") and b"\x1dv0" in printed  # GS v 0: the QR, an image
    assert main(["receipt", reference, "--escpos", str(tmp_path / "here")]) == 0
    assert printed == (tmp_path / "here").read_bytes()
