"""python-escpos's printer database is parsed once and kept in the app's cache folder
(pos_app/receipts/escpos_cache.py), never left in the system's temp folder.

Each test prints in fresh processes (python-escpos decides where its pickle goes on its first
import), with their own POS_APP_HOME and temp folder and without the suite's shared cache.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PICKLE = f"{platform.python_version()}.capabilities.pickle"  # python-escpos's name for it

PRINT = """
import json, os
from pos_app.receipts.escpos import render
from pos_app.receipts.layout import TextLine
import escpos.capabilities as capabilities

data = render([TextLine("Almacén Don José")], code_page="CP850")
print(json.dumps({
    "bytes": len(data),
    "accent": "é".encode("cp850") in data,
    "full_load": capabilities.full_load,
    "pickle_dir": capabilities.pickle_dir,
    "variable": os.environ.get("ESCPOS_CAPABILITIES_PICKLE_DIR"),
}))
"""


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def temp(tmp_path: Path) -> Path:
    folder = tmp_path / "temp"
    folder.mkdir()
    return folder


def _env(home: Path, temp: Path) -> dict[str, str]:
    env = {**os.environ, "POS_APP_HOME": str(home), "TMPDIR": str(temp)}
    env.update(TEMP=str(temp), TMP=str(temp))  # Windows' names for it
    env.pop("ESCPOS_CAPABILITIES_PICKLE_DIR", None)  # tests/conftest.py's shared one
    return env


def _start(home: Path, temp: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", PRINT],
        cwd=ROOT,
        env=_env(home, temp),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def _finish(process: subprocess.Popen[str]) -> dict[str, object]:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err[-3000:]
    result: dict[str, object] = json.loads(out.strip().splitlines()[-1])
    assert result["accent"], "printed in CP850"
    assert result["variable"] is None, "no child inherits a folder about to be removed"
    return result


def _print(home: Path, temp: Path) -> dict[str, object]:
    return _finish(_start(home, temp))


def _shared_pickle(home: Path) -> Path:
    """The pickle a first print would have shared in ``home``: a copy of the suite's own (the
    same python-escpos, parsed the product's way; tests/conftest.py), without a process that
    parses it again."""
    shared = home / "cache" / "escpos"
    shared.mkdir(parents=True)
    source = Path(os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"]) / PICKLE
    return Path(shutil.copy2(source, shared / PICKLE))


def _writable(folder: Path) -> bool:
    try:
        (folder / "probe").mkdir()
    except OSError:
        return False
    (folder / "probe").rmdir()
    return True


def _everything(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_the_first_process_shares_its_pickle_and_leaves_nothing_in_temp(home, temp):
    shared = home / "cache" / "escpos"
    shared.mkdir(parents=True)
    old = shared / "build-left-by-a-killed-process"
    old.mkdir()
    (old / PICKLE).write_bytes(b"half")
    os.utime(old, (time.time() - 2 * 3600,) * 2)

    result = _print(home, temp)

    assert result["full_load"] is True  # nothing to read yet: parsed
    assert _everything(shared) == [PICKLE]  # moved in whole; no private folder left
    assert _everything(temp) == []  # python-escpos's own mkdtemp() folder is gone too


def test_a_second_process_reads_the_shared_pickle(home, temp):
    _shared_pickle(home)
    shared = home / "cache" / "escpos"
    written = (shared / PICKLE).stat().st_mtime_ns

    result = _print(home, temp)

    assert result["full_load"] is False  # the pickle, not the YAML parser
    assert Path(str(result["pickle_dir"])) == shared
    assert (shared / PICKLE).stat().st_mtime_ns == written  # read, not written again
    assert _everything(shared) == [PICKLE]
    assert _everything(temp) == []


def test_processes_printing_for_the_first_time_together_share_one_whole_pickle(home, temp):
    results = [_finish(p) for p in [_start(home, temp) for _ in range(2)]]

    assert all(result["bytes"] for result in results)
    shared = home / "cache" / "escpos"
    assert _everything(shared) == [PICKLE]
    assert _everything(temp) == []
    assert _print(home, temp)["full_load"] is False  # what is there is a whole pickle


def test_a_damaged_pickle_is_made_again(home, temp):
    shared = home / "cache" / "escpos"
    shared.mkdir(parents=True)
    (shared / PICKLE).write_bytes(b"\x80\x02}q\x00(X")  # cut short (a power cut mid-write)

    assert _print(home, temp)["bytes"]

    assert _print(home, temp)["full_load"] is False
    assert _everything(shared) == [PICKLE]
    assert _everything(temp) == []


def test_a_pickle_older_than_the_database_is_replaced_not_overwritten(home, temp):
    """python-escpos upgraded: it would parse again and write over the shared pickle in place,
    while another process may be reading it; a new one is moved in instead."""
    pickle = _shared_pickle(home)
    os.utime(pickle, (0, 0))
    before = pickle.stat().st_ino

    assert _print(home, temp)["full_load"] is True

    assert pickle.stat().st_mtime > 0
    assert pickle.stat().st_ino != before  # a new file, renamed over the old one
    assert _print(home, temp)["full_load"] is False
    assert _everything(temp) == []


@pytest.mark.parametrize("problem", ["read-only", "a file in its place"])
def test_a_cache_folder_that_cannot_be_written_still_prints(home, temp, problem):
    cache = home / "cache"
    home.mkdir()
    if problem == "read-only":
        cache.mkdir()
        cache.chmod(0o500)  # private already: the app leaves its mode alone
        if _writable(cache):  # root (without CAP_DAC_OVERRIDE dropped), or Windows
            cache.chmod(0o755)
            pytest.skip("folder modes do not stop this user")
    else:
        cache.write_text("not a folder", encoding="utf-8")
    try:
        result = _print(home, temp)
    finally:
        if cache.is_dir():
            cache.chmod(0o755)  # so that pytest can remove it

    assert result["bytes"]
    assert result["full_load"] is True
    assert _everything(temp) == []  # the private folder it used instead is removed
    assert not (home / "cache" / "escpos").exists()


def test_the_suite_reads_one_pickle_in_a_temp_folder_of_its_own():
    """tests/conftest.py: the workers share the pickle the controller prepared, outside the
    developer's folders (no test's POS_APP_HOME exists yet when they import python-escpos)."""
    import escpos.capabilities as capabilities

    chosen = Path(os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"])
    assert Path(capabilities.pickle_dir) == chosen
    assert chosen.is_relative_to(tempfile.gettempdir())
    # This Python's pickle and nothing else of ours (another Python on the same machine keeps
    # its own pickle, named by its version, in the same folder).
    assert PICKLE in _everything(chosen)
    assert all(name.endswith(".capabilities.pickle") for name in _everything(chosen))
    if os.environ.get("PYTEST_XDIST_WORKER"):
        assert capabilities.full_load is False  # the controller parsed it, before the workers
