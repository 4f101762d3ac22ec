"""The parts of the bundle build that need no PyInstaller run (fast, every platform)."""

from __future__ import annotations

import struct
from pathlib import Path

from pos_app import assets
from pos_app.packaging import build


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
