"""The parts of the bundle build that need no PyInstaller run (fast, every platform)."""

from __future__ import annotations

import builtins
import gc
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from pos_app import assets
from pos_app.packaging import build, qt_parts


def test_the_windows_icon_holds_the_png(tmp_path: Path) -> None:
    png = assets.resources_dir() / "icon.png"
    ico = build.write_ico(png, tmp_path / "icon.ico")
    data = ico.read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, 1)
    width, height, _colors, _res, planes, bits, size, offset = struct.unpack(
        "<BBBBHHII", data[6:22]
    )
    assert (width, height, planes, bits, offset) == (0, 0, 1, 32, 22)
    assert data[offset : offset + size] == png.read_bytes()


def test_staged_resources_have_compiled_translations(tmp_path: Path) -> None:
    staged = build.stage_resources(tmp_path / "res")
    assert {p.name for p in staged.glob("*")} >= {
        "style.qss",
        "demo_catalog.csv",
        "demo_catalog_co.csv",
        "icon.png",
        "icon.svg",
        "i18n",
    }
    qm = sorted(p.name for p in (staged / "i18n").glob("*.qm"))
    assert qm == ["pos_app_es.qm", "pos_app_pt_BR.qm"]
    # The sources too: pos_app.receipts.language translates receipts from them without Qt (a
    # bundle without them printed every receipt in English).
    ts = sorted(p.name for p in (staged / "i18n").glob("*.ts"))
    assert ts == ["pos_app_es.ts", "pos_app_pt_BR.ts"]


def test_the_desktop_entry_and_pyinstaller_arguments(tmp_path: Path) -> None:
    entry = build.desktop_entry()
    assert "Exec=pos-app\n" in entry and "Icon=pos-app\n" in entry
    args = build.pyinstaller_args(tmp_path, tmp_path / "dist", tmp_path / "work", windowed=True)
    assert args[0].endswith("__main__.py") and "--onedir" in args and "--windowed" in args
    assert f"{tmp_path}" in " ".join(args) and "pos_app/_resources" in " ".join(args)
    # Our modules by name from the source tree (not --collect-submodules: a process importing
    # them all), and Qt's hooks from ours.
    hidden = {args[i + 1] for i, arg in enumerate(args) if arg == "--hidden-import"}
    assert hidden == set(build.own_modules())
    assert args[args.index("--additional-hooks-dir") + 1] == str(qt_parts.hooks_dir())


def test_own_modules_are_every_module_but_the_builders() -> None:
    modules = build.own_modules()
    # Imported lazily, so only a list like this one brings them into the bundle.
    assert {"pos_app", "pos_app.__main__", "pos_app.sandbox.testing", "pos_app.cli.refund"} <= set(
        modules
    )
    assert not [m for m in modules if m.startswith("pos_app.packaging")]
    files = [
        p
        for p in build.PACKAGE_DIR.rglob("*.py")
        if "packaging" not in p.relative_to(build.PACKAGE_DIR).parts
    ]
    assert len(modules) == len(set(modules)) == len(files)


def test_the_qt_hooks_leave_out_what_the_till_never_loads() -> None:
    plugins = "PySide6/Qt/plugins"
    kept = [
        ("/qt/plugins/platforms/libqxcb.so", f"{plugins}/platforms"),
        ("/qt/plugins/platforms/libqwayland.so", f"{plugins}/platforms"),
        ("/qt/plugins/platforms/libqoffscreen.so", f"{plugins}/platforms"),
        ("C:/qt/plugins/platforms/qwindows.dll", f"{plugins}/platforms"),
        ("/qt/plugins/imageformats/libqjpeg.so", f"{plugins}/imageformats"),
        (
            "/qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
            f"{plugins}/platforminputcontexts",
        ),
        ("/qt/lib/libQt6Gui.so.6", "PySide6/Qt/lib"),
    ]
    left = [
        ("/qt/plugins/platforms/libqeglfs.so", f"{plugins}/platforms"),
        ("/qt/plugins/platforms/libqlinuxfb.so", f"{plugins}/platforms"),
        ("/qt/plugins/platforms/libqvnc.so", f"{plugins}/platforms"),
        ("/qt/plugins/tls/libqopensslbackend.so", f"{plugins}/tls"),
        ("/qt/plugins/generic/libqevdevmouseplugin.so", f"{plugins}/generic"),
        ("/qt/plugins/networkinformation/libqnetworkmanager.so", f"{plugins}/networkinformation"),
        (
            "/qt/plugins/egldeviceintegrations/libqeglfs-x11-integration.so",
            f"{plugins}/egldeviceintegrations",
        ),
    ]
    translations = "PySide6/Qt/translations"
    datas = [
        ("/qt/translations/qtbase_es.qm", translations),
        ("/qt/translations/qtbase_pt_BR.qm", translations),
        ("/qt/translations/qtbase_de.qm", translations),
        ("/qt/translations/qt_es.qm", translations),
        ("/qt/translations/qt_help_es.qm", translations),
    ]
    hidden, binaries, kept_datas = qt_parts.trim(["PySide6.QtCore"], kept + left, datas)
    assert hidden == ["PySide6.QtCore"] and binaries == kept
    assert kept_datas == datas[:2]
    assert qt_parts.languages() == ["es", "pt_BR"]


def test_the_build_does_not_read_qts_type_stubs(monkeypatch: pytest.MonkeyPatch) -> None:
    modulegraph = pytest.importorskip("PyInstaller.lib.modulegraph.modulegraph")
    monkeypatch.setattr(modulegraph, "compile", builtins.compile, raising=False)  # undone after
    build.skip_qt_type_stubs()
    with pytest.raises(SyntaxError):
        modulegraph.compile("import enum\n", "/venv/PySide6/QtGui.pyi", "exec")
    with pytest.raises(SyntaxError):
        modulegraph.compile("import enum\n", "/venv/shiboken6/Shiboken.pyi", "exec")
    # Everything else as before: sources, and other packages' stubs.
    assert modulegraph.compile("import enum\n", "/venv/pos_app/x.py", "exec").co_names
    assert modulegraph.compile("import enum\n", "/venv/PIL/_imaging.pyi", "exec").co_names


def test_debug_sections_are_stripped_from_the_bundles_copies(tmp_path: Path) -> None:
    assert not build.has_debug_info(assets.resources_dir() / "icon.png")  # not ELF: no
    cc, strip = shutil.which("cc"), shutil.which("strip")
    if not sys.platform.startswith("linux") or cc is None or strip is None:
        pytest.skip("needs Linux, a C compiler and binutils' strip")
    (tmp_path / "lib.c").write_text("int answer(void) { return 42; }\n", encoding="utf-8")
    internal = tmp_path / "pos-app" / "_internal"
    internal.mkdir(parents=True)
    original = tmp_path / "libanswer.so"
    subprocess.run(
        [cc, "-g", "-shared", "-fPIC", "-o", str(original), str(tmp_path / "lib.c")], check=True
    )
    assert build.has_debug_info(original)
    shutil.copy2(original, internal / "libanswer.so")
    os.link(original, internal / "linked.so")  # a hard link to a file outside: left alone
    assert build.strip_debug_info(tmp_path / "pos-app") == [internal / "libanswer.so"]
    assert not build.has_debug_info(internal / "libanswer.so")
    assert build.has_debug_info(original)
    symbols = subprocess.run(
        ["nm", "-D", str(internal / "libanswer.so")],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert "answer" in symbols.stdout  # its symbols kept


def test_pyinstaller_runs_without_the_cycle_collector_or_qts_stubs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What build() sets around PyInstaller's run (a stand-in here that makes the folder)."""
    pyinstaller = pytest.importorskip("PyInstaller.__main__")
    modulegraph = pytest.importorskip("PyInstaller.lib.modulegraph.modulegraph")
    monkeypatch.setattr(modulegraph, "compile", builtins.compile, raising=False)  # undone after
    seen: list[tuple[bool, bool]] = []

    def run(args: list[str]) -> None:
        seen.append((gc.isenabled(), modulegraph.compile is builtins.compile))
        dist = Path(args[args.index("--distpath") + 1])
        (dist / build.NAME / "_internal").mkdir(parents=True)

    monkeypatch.setattr(pyinstaller, "run", run)
    assert gc.isenabled()
    folder = build.build(tmp_path / "dist", tmp_path / "work")
    assert seen == [(False, False)]  # no cycle collector, Qt's stubs not read
    assert gc.isenabled()  # back on after
    assert (folder / "pos-app.desktop").is_file()
