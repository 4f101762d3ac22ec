"""Build ``dist/pos-app/``: one folder with the app, Python, Qt and the resources, no venv needed.

``python -m pos_app.packaging build`` (Linux and Windows alike; PyInstaller from the ``bundle``
extra) does five things:

1. compiles the translations (``resources/i18n/*.ts`` → ``.qm``, with PySide6's ``lrelease``)
   into a staging copy of the resources, beside the ``.ts`` (receipts read those without Qt);
2. runs PyInstaller on ``pos_app/__main__.py`` with that copy as ``pos_app/_resources`` (where
   :func:`pos_app.assets.resources_dir` looks first), every ``pos_app`` module (the sandbox, the
   receiver and the commands are imported lazily: :func:`own_modules`) and uvicorn's (it picks
   its loop and protocol modules by name: its contributed hook collects them), with Qt's hooks
   trimmed to the plugins and translations the till loads (:mod:`pos_app.packaging.qt_parts`)
   and PySide6's type stubs not read (:func:`skip_qt_type_stubs`);
3. strips the debugging sections from the libraries that carry them (:func:`strip_debug_info`);
4. adds ``pos-app.desktop`` and the icon (``pos-app.png``, ``pos-app.svg``) beside the program;
5. prints the build time and the folder's size.

The program keeps its console on both systems so ``--version``, ``doctor --json`` and every
sub-command print; ``--windowed`` builds a Windows program without one (the window only).
"""

from __future__ import annotations

import argparse
import builtins
import gc
import os
import shutil
import struct
import subprocess
import sys
import time
from pathlib import Path

from pos_app import __version__, assets
from pos_app.packaging import qt_parts

NAME = "pos-app"
PACKAGE_DIR = Path(__file__).resolve().parent.parent  # pos_app/
RESOURCE_PATTERNS = ("*.qss", "*.csv", "icon.svg", "icon.png")


def desktop_entry(exec_path: str = NAME, icon: str = NAME) -> str:
    """A freedesktop.org menu entry. ``exec_path``/``icon``: names on PATH / in the icon theme,
    or absolute paths."""
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=pos-app\n"
        "GenericName=Point of sale\n"
        "Comment=Charge at the counter with Mercado Pago QR\n"
        f"Exec={exec_path}\n"
        f"Icon={icon}\n"
        "Terminal=false\n"
        "Categories=Office;Finance;\n"
        "StartupNotify=true\n"
    )


def _lrelease() -> Path:
    """Qt's ``lrelease`` as shipped inside the PySide6 wheel (a build requirement)."""
    import PySide6

    exe = Path(PySide6.__file__).resolve().parent / "lrelease"
    return exe.with_suffix(".exe") if sys.platform == "win32" else exe


def stage_resources(target: Path) -> Path:
    """Copy the shipped resources to ``target`` with freshly compiled ``.qm`` translations."""
    source = assets.resources_dir()
    if target.exists():
        shutil.rmtree(target)
    (target / "i18n").mkdir(parents=True)
    for pattern in RESOURCE_PATTERNS:
        for path in source.glob(pattern):
            shutil.copy2(path, target / path.name)
    for ts in sorted((source / "i18n").glob("*.ts")):
        qm = target / "i18n" / ts.with_suffix(".qm").name
        subprocess.run([str(_lrelease()), "-silent", str(ts), "-qm", str(qm)], check=True)
        # The .ts too: receipts are translated without Qt (pos_app.receipts.language reads it).
        shutil.copy2(ts, target / "i18n" / ts.name)
    sounds = source / "sounds"
    if sounds.is_dir():
        shutil.copytree(sounds, target / "sounds")
    return target


def pyinstaller_args(resources: Path, dist: Path, work: Path, *, windowed: bool) -> list[str]:
    sep = os.pathsep  # PyInstaller's SOURCE<sep>DEST, on both systems
    args = [
        str(PACKAGE_DIR / "__main__.py"),
        "--name",
        NAME,
        "--onedir",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        "--specpath",
        str(work),
        "--add-data",
        f"{resources}{sep}pos_app/_resources",
        # Qt's hooks without the plugins and translations the till never loads (qt_parts).
        "--additional-hooks-dir",
        str(qt_parts.hooks_dir()),
        # Every module of ours (the sandbox, the receiver and the commands are imported lazily).
        # uvicorn's (it picks its loop and protocol modules by name) come with its hook in
        # pyinstaller-hooks-contrib, which collects them all.
        *[arg for name in own_modules() for arg in ("--hidden-import", name)],
        # python-escpos reads its printer database, capabilities.json, beside its code on its
        # first import: without it no ESC/POS receipt prints from the bundle.
        "--collect-data",
        "escpos",
        "--exclude-module",
        "PyInstaller",
        "--exclude-module",
        "tkinter",
        "--exclude-module",
        "pytest",
        # pytest's syntax highlighter, present in a test environment: nothing of ours uses it.
        "--exclude-module",
        "pygments",
        # PyGObject, for keyring's libsecret backend; not a dependency (keyring uses the Secret
        # Service over D-Bus, jeepney, on Linux), and looking for it costs the build ~4 s.
        "--exclude-module",
        "gi",
        *_never_imported(),
    ]
    if sys.platform == "win32":
        # An .ico of our own: PyInstaller would need Pillow to convert the PNG.
        args += ["--icon", str(write_ico(resources / "icon.png", resources / "icon.ico"))]
    if windowed:
        args.append("--windowed")
    return args


# Modules the analysis finds but the app never imports (checked in the build's
# xref-pos-app.html, and by running the bundle: tests/packaging/test_bundle.py). Each costs
# analysis time (hooks, binary dependencies) and most bring libraries into the folder.
NEVER_IMPORTED = (
    # Qt's D-Bus bindings: the hooks add them because libQt6Gui links libQt6DBus (that library
    # is still collected); no code of ours or of a dependency imports the Python module.
    "PySide6.QtDBus",
    # Pillow's AVIF and WebP codecs (libavif alone is 4.7 MiB), its colour management (LAB
    # conversions only) and its Tk bridge: python-escpos and qrcode draw a QR code in memory
    # and never open an image file. PNG, JPEG, GIF, BMP and PPM (Pillow's own first formats)
    # stay, so an image file given to python-escpos still opens.
    "PIL.AvifImagePlugin",
    "PIL.WebPImagePlugin",
    "PIL.ImageCms",
    "PIL.ImageTk",
    # pytest's internals: anyio imports _pytest.outcomes inside the functions its pytest plugin
    # runs, never in the app.
    "_pytest",
    # decimal's pure-Python fallback, for a Python built without its C _decimal (collected).
    "_pydecimal",
    # This builder itself (it imports PyInstaller, excluded above).
    "pos_app.packaging",
)


def own_modules() -> list[str]:
    """``pos_app``'s modules but this builder's, from the source tree: what PyInstaller's
    ``--collect-submodules pos_app`` lists, without importing every package in a Python process
    of its own to ask (~0.4 s of the build's CPU)."""
    root = PACKAGE_DIR.parent
    names = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        in_packages = all(
            (root.joinpath(*parts[:i]) / "__init__.py").is_file() for i in range(1, len(parts))
        )
        if not in_packages or not all(part.isidentifier() for part in parts):
            continue
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if name != "pos_app.packaging" and not name.startswith("pos_app.packaging."):
            names.append(name)
    return names


def _never_imported() -> list[str]:
    return [arg for name in NEVER_IMPORTED for arg in ("--exclude-module", name)]


# Folders whose type stubs PyInstaller's import analysis is kept from reading (see below).
STUBS_NOT_READ = ("PySide6", "shiboken6")


def skip_qt_type_stubs() -> None:
    """Keep PyInstaller from reading PySide6's type stubs for imports.

    PyInstaller 6.13+ (pyinstaller/pyinstaller#9084) compiles the ``.pyi`` beside each extension
    module it meets to find the imports the extension makes. PySide6's stubs are ~2 MB (QtGui.pyi
    alone 628 KB): parsing, compiling and scanning them was ~2.9 s, ~15 % of the build's CPU,
    and found nothing the Qt hooks do not already add (the same Analysis tables, module for
    module and file for file, with and without). Its reader skips a stub that does not compile
    (``except Exception``), so ``compile`` as its module sees it refuses these stubs; every other
    file compiles as before, and a PyInstaller without the feature never asks.
    """
    from PyInstaller.lib.modulegraph import modulegraph

    def compile_(source: object, filename: object, *args: object, **kwargs: object) -> object:
        path = Path(str(filename))
        if path.suffix == ".pyi" and path.parent.name in STUBS_NOT_READ:
            raise SyntaxError(f"{path.name}: a Qt type stub, not read by pos-app's build")
        return builtins.compile(source, filename, *args, **kwargs)  # type: ignore[call-overload]

    modulegraph.compile = compile_


def write_ico(png: Path, ico: Path) -> Path:
    """A Windows icon holding the 256 x 256 PNG as is (the PNG-in-ICO form Windows reads since
    Vista): a 6-byte header, one 16-byte directory entry, then the PNG."""
    data = png.read_bytes()
    header = struct.pack("<HHH", 0, 1, 1)  # reserved, type 1 = icon, one image
    # width and height 0 mean 256; no palette; 1 plane; 32 bits; size; offset of the data
    entry = struct.pack("<BBBBHHII", 0, 0, 0, 0, 1, 32, len(data), 6 + 16)
    ico.write_bytes(header + entry + data)
    return ico


def has_debug_info(path: Path) -> bool:
    """Whether ``path`` is an ELF file with DWARF debugging sections (``.debug_info``)."""
    try:
        with path.open("rb") as file:
            head = file.read(64)
            if len(head) < 52 or head[:4] != b"\x7fELF" or head[4] not in (1, 2):
                return False
            order = "<" if head[5] == 1 else ">"
            if head[4] == 2:  # 64-bit: e_shoff, then e_shentsize, e_shnum, e_shstrndx
                (table,) = struct.unpack_from(order + "Q", head, 0x28)
                entry_size, count, names_index = struct.unpack_from(order + "HHH", head, 0x3A)
            else:
                (table,) = struct.unpack_from(order + "I", head, 0x20)
                entry_size, count, names_index = struct.unpack_from(order + "HHH", head, 0x2E)
            if not table or names_index >= count:
                return False
            file.seek(table + names_index * entry_size)
            header = file.read(entry_size)  # the section names' section: sh_offset, sh_size
            if head[4] == 2:
                offset, size = struct.unpack_from(order + "QQ", header, 0x18)
            else:
                offset, size = struct.unpack_from(order + "II", header, 0x10)
            file.seek(offset)
            return b".debug_info\0" in file.read(size)
    except (OSError, struct.error):
        return False


def strip_debug_info(folder: Path) -> list[Path]:
    """Linux: drop the debugging sections of the libraries in the bundle that carry them.

    A Python built from source (pyenv's, this host's) has them in libpython (17 of its 23 MiB)
    and its extension modules, and so may a wheel built here: ~30 MiB no counter PC reads.
    ``strip --strip-debug`` keeps the symbol tables (a crash's backtrace still names its
    functions), in one run over the bundle's own copies, never the environment's files. Skipped
    without ``strip`` (binutils) and for a library with a FIPS checksum beside it (``.hmac``,
    ``.chk``), as PyInstaller's own ``--strip`` does."""
    strip = shutil.which("strip")
    if not sys.platform.startswith("linux") or strip is None:
        return []
    found = [
        path
        for path in sorted((folder / "_internal").rglob("*"))
        if path.is_file()
        and not path.is_symlink()
        and path.stat().st_nlink == 1  # a copy of its own, not a link to the original
        and not path.with_name(f".{path.name}.hmac").exists()
        and not path.with_suffix(".chk").exists()
        and has_debug_info(path)
    ]
    if found:
        subprocess.run([strip, "--strip-debug", *map(str, found)], check=True)
    return found


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def build(dist: Path, work: Path, *, windowed: bool = False) -> Path:
    try:
        import PyInstaller.__main__ as pyinstaller
    except ImportError:
        raise SystemExit(
            "pos-app: PyInstaller is not installed; pip install -e '.[bundle]'"
        ) from None
    work.mkdir(parents=True, exist_ok=True)
    resources = stage_resources(work / "resources")
    skip_qt_type_stubs()
    # Without Python's cycle collector while PyInstaller runs: its analysis allocates millions of
    # objects (the ASTs and code of ~1,300 modules) and keeps them, so each full collection
    # walked a growing heap to find ~100 cycles in all. ~1.8 s of its ~12 s of CPU (medians
    # of three); the peak memory the same (~105 MiB).
    gc.disable()
    try:
        pyinstaller.run(pyinstaller_args(resources, dist, work, windowed=windowed))
    finally:
        gc.enable()
    folder = dist / NAME
    strip_debug_info(folder)
    (folder / f"{NAME}.desktop").write_text(desktop_entry(), encoding="utf-8")
    shutil.copy2(resources / "icon.png", folder / f"{NAME}.png")
    shutil.copy2(resources / "icon.svg", folder / f"{NAME}.svg")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pos_app.packaging")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help=f"build the one-folder bundle dist/{NAME}/")
    b.add_argument("--dist", type=Path, default=Path("dist"), help="output folder (dist)")
    b.add_argument("--work", type=Path, default=Path("build"), help="scratch folder (build)")
    b.add_argument("--windowed", action="store_true", help="Windows: no console window")
    args = parser.parse_args(argv)
    started = time.monotonic()
    folder = build(args.dist.resolve(), args.work.resolve(), windowed=args.windowed)
    took = time.monotonic() - started
    size = folder_size(folder)
    print(
        f"pos-app {__version__}: built {folder} in {took:.0f} s, "
        f"{size / 2**20:.0f} MiB in {sum(1 for _ in folder.rglob('*'))} files"
    )
    return 0
