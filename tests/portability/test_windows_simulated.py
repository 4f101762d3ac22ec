"""The Windows paths of the Qt-free code, run here: no ``fcntl``, no ``os.fchmod``, ``msvcrt``
for the lock (see ``simulate.py``), data folders named like a Windows user's, and a CLI whose
output is a cp1252 / cp850 file."""

from __future__ import annotations

import json
import logging
import os
import signal
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

pytest.importorskip("fcntl", reason="the simulation stands msvcrt on flock (POSIX)")

from pos_app.domain.cart import CartLine
from pos_app.domain.money import site_for
from pos_app.errors import UserFacingError
from pos_app.ledger.lock import AlreadyRunningError, InstanceLock
from pos_app.ledger.store import Ledger
from pos_app.settings import config as config_mod
from pos_app.settings import paths
from pos_app.system import files
from tests.portability import fake_msvcrt, simulate

pytestmark = pytest.mark.posix  # the simulation runs on POSIX

ROOT = Path(__file__).resolve().parents[2]
# A Windows user's profile as it reaches the app: spaces and letters beyond ASCII.
USER_FOLDER = ("Users", "José Núñez", "AppData Local", "pos-app")


@pytest.fixture
def windows_simulated(monkeypatch: pytest.MonkeyPatch) -> None:
    simulate.apply(monkeypatch)
    fake_msvcrt.calls.clear()


@pytest.fixture
def user_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path.joinpath(*USER_FOLDER)
    monkeypatch.setenv("POS_APP_HOME", str(home))
    return home


def simulated_python(code: str) -> list[str]:
    return [sys.executable, "-m", "tests.portability.simulate", "-c", code]


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(extra)
    env["PYTHONPATH"] = str(ROOT)
    return env


# -- the instance lock -------------------------------------------------------------------------
HOLDER = """
import sys, time
from pathlib import Path
from pos_app.ledger.store import Ledger
ledger = Ledger(Path(sys.argv[-1]))
print("locked", flush=True)
time.sleep(120)
"""

CONTENDER = """
import sys
from pathlib import Path
from pos_app.ledger.lock import AlreadyRunningError
from pos_app.ledger.store import Ledger
from tests.portability import fake_msvcrt
try:
    Ledger(Path(sys.argv[-1])).close()
except AlreadyRunningError:
    print("refused", fake_msvcrt.calls, flush=True)
else:
    print("acquired", fake_msvcrt.calls, flush=True)
"""


def _run_snippet(code: str, ledger: Path) -> str:
    done = subprocess.run(
        [*simulated_python(code), str(ledger)],
        env=child_env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_lock_excludes_a_second_process_and_dies_with_its_holder(tmp_path: Path) -> None:
    """Without fcntl (Windows) the lock is msvcrt's: a second till is refused, and a killed
    till's lock is gone (no PID file left to clean by hand)."""
    folder = tmp_path.joinpath(*USER_FOLDER)
    folder.mkdir(parents=True)
    ledger = folder / "ledger.sqlite3"
    holder = subprocess.Popen(
        [*simulated_python(HOLDER), str(ledger)],
        env=child_env(),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        assert holder.stdout is not None
        line = holder.stdout.readline().strip()
        assert line == "locked", holder.stderr.read() if holder.stderr else ""
        second = _run_snippet(CONTENDER, ledger)
        assert second.startswith("refused"), second
        assert "(2, 0, 1)" in second  # LK_NBLCK on byte 0: the Windows path was taken
    finally:
        holder.kill()
        holder.wait(10)
    assert holder.returncode == -signal.SIGKILL
    third = _run_snippet(CONTENDER, ledger)
    assert third.startswith("acquired"), third
    assert "(0, 0, 1)" in third  # and unlocked on close


def test_lock_in_one_process_without_fcntl(tmp_path: Path, windows_simulated: None) -> None:
    path = tmp_path / "ledger.sqlite3.lock"
    first, second = InstanceLock(path), InstanceLock(path)
    first.acquire()
    with pytest.raises(AlreadyRunningError):
        second.acquire()
    assert path.read_bytes()[1:] == str(os.getpid()).encode()  # the PID after the locked byte
    first.release()
    second.acquire()
    second.release()
    assert fake_msvcrt.calls[0] == (fake_msvcrt.LK_NBLCK, 0, 1)
    assert (fake_msvcrt.LK_UNLCK, 0, 1) in fake_msvcrt.calls


def test_no_lock_at_all_refuses_instead_of_running_unguarded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "fcntl", None)
    monkeypatch.setitem(sys.modules, "msvcrt", None)
    with pytest.raises(UserFacingError, match="no file lock"):
        InstanceLock(tmp_path / "x.lock").acquire()


# -- file modes and atomic replace -------------------------------------------------------------
def test_config_saves_and_loads_without_fchmod(user_home: Path, windows_simulated: None) -> None:
    assert not hasattr(os, "fchmod")
    config = config_mod.Config(store_name="Almacén Doña Rosa", box_external_id="CAJA01")
    path = config_mod.save(config)
    assert path.parent == user_home and path.name == "config.json"
    loaded = config_mod.load()
    assert loaded.problem is None and loaded.config == config
    assert not list(user_home.glob(".config*.tmp"))  # no temporary file left behind


def test_config_mode_is_left_alone_on_windows(
    user_home: Path, windows_simulated: None, caplog: pytest.LogCaptureFixture
) -> None:
    """Windows reports every writable file as 0666: that is no reason to warn at each start."""
    path = config_mod.save(config_mod.Config(box_external_id="CAJA01"))
    path.chmod(0o666)
    with caplog.at_level(logging.WARNING):
        assert config_mod.load().config.box_external_id == "CAJA01"
    assert stat.S_IMODE(path.stat().st_mode) == 0o666
    assert "changed to 0600" not in caplog.text


def _flaky_replace(monkeypatch: pytest.MonkeyPatch, failures: int) -> list[str]:
    real = os.replace
    seen: list[str] = []

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        seen.append(str(dst))
        if len(seen) <= failures:
            # WinError 32: "The process cannot access the file because it is being used by
            # another process" (an antivirus scanning config.json).
            raise PermissionError(13, "used by another process", str(dst))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    return seen


def test_config_save_retries_while_an_antivirus_holds_the_file(
    user_home: Path, windows_simulated: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_mod.save(config_mod.Config(box_external_id="OLD"))
    seen = _flaky_replace(monkeypatch, failures=3)
    config_mod.save(config_mod.Config(box_external_id="NEW"))
    assert len(seen) == 4
    assert config_mod.load().config.box_external_id == "NEW"


def test_replace_gives_up_after_the_backoff(tmp_path: Path, windows_simulated: None) -> None:
    source, target = tmp_path / "a", tmp_path / "b"
    source.write_text("x", encoding="utf-8")
    slept: list[float] = []

    def always(*_args: object) -> None:
        raise PermissionError(13, "used by another process")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(os, "replace", always)
        with pytest.raises(PermissionError):
            files.replace_with_retry(source, target, sleep=slept.append)
    assert slept == list(files.REPLACE_DELAYS)
    assert slept == sorted(slept) and sum(slept) < 2  # backoff, bounded


def test_on_posix_a_lasting_permission_error_is_not_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _flaky_replace(monkeypatch, failures=1)
    with pytest.raises(PermissionError):
        files.replace_with_retry(tmp_path / "a", tmp_path / "b", sleep=lambda _s: None)
    assert len(seen) == 1


# -- data folders named like a Windows user's ----------------------------------------------------
def test_ledger_and_catalog_in_a_folder_with_spaces_and_accents(
    user_home: Path, windows_simulated: None
) -> None:
    ledger = Ledger(paths.ledger_path())
    try:
        assert ledger.path.parent == user_home
        csv_file = user_home / "Catálogo de Doña Rosa.csv"
        csv_file.write_text(
            "sku,barcode,title,unit_price\nYER1,7790001000011,Yerba Mañanita 1kg,1725.25\n",
            encoding="utf-8",
        )
        report = ledger.catalog.import_csv(csv_file, site_for("MLA"))
        assert report.imported == 1 and not report.errors
        product = ledger.catalog.lookup_code("YER1")
        assert product is not None and product.title == "Yerba Mañanita 1kg"
    finally:
        ledger.close()
    # The lock file is gone from nobody's way: a second open after close works.
    Ledger(paths.ledger_path()).close()


def test_network_share_is_detected_best_effort(windows_simulated: None) -> None:
    assert files.network_location(r"\\servidor\caja\pos-app") == r"\\servidor\caja"
    assert files.network_location(r"\\?\UNC\servidor\caja\pos-app") == r"\\servidor\caja"
    assert files.network_location(r"C:\Users\José Núñez\AppData\Local\pos-app") is None
    assert files.network_location(r"\\?\C:\Users\José") is None


def test_ledger_on_a_network_share_warns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr("pos_app.ledger.store.network_location", lambda _p: r"\\servidor\caja")
    with caplog.at_level(logging.WARNING, logger="pos_app.ledger.store"):
        ledger = Ledger(tmp_path / "ledger.sqlite3")
    try:
        assert ledger.network_share == r"\\servidor\caja"
        assert "network share" in caplog.text and "local disk" in caplog.text
    finally:
        ledger.close()


def test_posix_network_mounts_are_recognised(tmp_path: Path) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/sda1 / ext4 rw 0 0\n"
        "//nas/tienda /mnt/tienda cifs rw 0 0\n"
        "nas:/export /mnt/tienda/nfs nfs4 rw 0 0\n",
        encoding="utf-8",
    )
    check = files._posix_network_mount
    assert check(Path("/mnt/tienda/pos"), mounts) == "//nas/tienda"
    assert check(Path("/mnt/tienda/nfs/pos"), mounts) == "nas:/export"
    assert check(Path("/home/caja/pos"), mounts) is None


# -- CLI output on a cp1252 / cp850 console or file --------------------------------------------
def _ledger_with_a_sale(title: str) -> str:
    ledger = Ledger(paths.ledger_path())
    try:
        now = datetime.now(UTC)
        line = CartLine(sku="", title=title, unit_price=Decimal("1500"), quantity=1)
        sale = ledger.create_sale(
            user_id=1,
            store_external_id="SUC001",
            box_external_id="CAJA01",
            site=site_for("MLA"),
            title=title,
            lines=[line],
            total=Decimal("1500"),
            iva_total=None,
            now=now,
            expires_at=now + timedelta(minutes=10),
        )
        return sale.external_reference
    finally:
        ledger.close()


@pytest.mark.parametrize("encoding", ["cp1252", "cp850", "cp1252:strict"])
def test_cli_output_redirected_to_a_code_page_file(
    user_home: Path, tmp_path: Path, encoding: str
) -> None:
    title = "Mate 🧉 Guaraní ₲ Ñandutí"
    ref = _ledger_with_a_sale(title)
    out_file, err_file = tmp_path / "out.txt", tmp_path / "err.txt"
    missing = user_home / "no está 🧉.csv"
    env = child_env(PYTHONIOENCODING=encoding, POS_APP_HOME=str(user_home))
    for argv, target in (
        (["sales", "--json"], "json"),
        (["sales"], "text"),
        (["catalog", "import", str(missing)], "error"),
    ):
        with out_file.open("wb") as out, err_file.open("wb") as err:
            done = subprocess.run(
                [sys.executable, "-m", "pos_app", *argv],
                env=env,
                cwd=ROOT,
                stdout=out,
                stderr=err,
                timeout=60,
            )
        codec = encoding.partition(":")[0]
        stdout = out_file.read_bytes().decode(codec)
        stderr = err_file.read_bytes().decode(codec)
        assert "Traceback" not in stderr and "UnicodeEncodeError" not in stderr, stderr
        if target == "json":
            assert done.returncode == 0
            [sale] = json.loads(stdout)
            assert sale["items"][0]["title"] == title  # escaped, so nothing lost
        elif target == "text":
            assert done.returncode == 0 and ref in stdout
        else:
            assert done.returncode == 2 and "no such file" in stderr
            assert "no est" in stderr


def test_print_json_keeps_unicode_on_utf8(capsys: pytest.CaptureFixture[str]) -> None:
    from pos_app.cli.output import print_json

    print_json({"title": "Mate 🧉"})
    assert '"Mate 🧉"' in capsys.readouterr().out  # readable where the stream can hold it


def test_never_fail_on_encoding_replaces_on_a_strict_stream(tmp_path: Path) -> None:
    from pos_app.system.console import never_fail_on_encoding

    with (tmp_path / "out.txt").open("w", encoding="cp1252") as stream:
        never_fail_on_encoding(stream)
        stream.write("₲ 1.500 🧉 Ñ\n")
    assert (tmp_path / "out.txt").read_text(encoding="cp1252") == "? 1.500 ? Ñ\n"


def test_the_simulation_hides_what_windows_lacks() -> None:
    """The simulation bootstrap itself: fcntl hidden, fchmod gone, Windows reported."""
    code = (
        "import os, sys, pos_app.system\n"
        "try:\n import fcntl\nexcept ImportError:\n print('no fcntl')\n"
        "print('fchmod' if hasattr(os, 'fchmod') else 'no fchmod')\n"
        "print('windows' if pos_app.system.windows() else 'posix')\n"
    )
    done = subprocess.run(
        simulated_python(code),
        env=child_env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert done.stdout.split() == ["no", "fcntl", "no", "fchmod", "windows"], done.stderr


def test_without_a_console_nothing_breaks(
    monkeypatch: pytest.MonkeyPatch, windows_simulated: None
) -> None:
    """``pos-app-window.exe`` (pythonw) has no console: ``sys.stdout`` and ``sys.stderr`` are
    None, and the start-up must not trip over them."""
    import tomllib

    from pos_app.cli import main

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["gui-scripts"]["pos-app-window"] == project["scripts"]["pos-app"]
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    assert main(["sales"]) == 0
    assert main(["catalog", "import", "no such file.csv"]) == 2


def test_doctor_names_a_ledger_on_a_network_share(
    user_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pos_app.cli import main

    assert main(["doctor", "--json"]) == 1  # not configured; no network-share check
    assert "ledger location" not in capsys.readouterr().out
    monkeypatch.setattr("pos_app.cli.doctor.network_location", lambda _p: r"\\servidor\caja")
    main(["doctor", "--json"])
    report = json.loads(capsys.readouterr().out)
    [check] = [c for c in report["checks"] if c["name"] == "ledger location"]
    assert not check["ok"] and r"\\servidor\caja" in check["detail"]
    assert "POS_APP_HOME" in check["advice"]
