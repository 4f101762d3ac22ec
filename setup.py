"""Compile the Qt Linguist translations while building or installing (``pip install [-e] .``).

Everything else about the package is in ``pyproject.toml``. ``build_py`` runs ``lrelease`` (from
PySide6-Essentials, a build requirement) on ``resources/i18n/*.ts`` and writes each ``.qm`` next
to its ``.ts``: an editable install maps ``pos_app._resources`` to that folder, and a wheel picks
the ``.qm`` up as package data (``i18n/*.qm``). The ``.qm`` files are never committed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
I18N = HERE / "resources" / "i18n"


def find_lrelease() -> list[str]:
    try:
        import PySide6  # the build requirement, or the environment's own

        exe = Path(PySide6.__file__).resolve().parent / (
            "lrelease.exe" if sys.platform == "win32" else "lrelease"
        )
        if exe.is_file():
            return [str(exe)]
    except ImportError:
        pass
    for name in ("pyside6-lrelease", "lrelease-qt6", "lrelease"):
        found = shutil.which(name)
        if found:
            return [found]
    raise SystemExit(
        "pos-app: cannot compile the translations: no lrelease found (install "
        "PySide6-Essentials in the build environment, or build with build isolation)"
    )


def compile_translations() -> list[Path]:
    sources = sorted(I18N.glob("*.ts"))
    if not sources:
        return []
    lrelease = find_lrelease()
    built = []
    for ts in sources:
        qm = ts.with_suffix(".qm")
        subprocess.run([*lrelease, "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    print(f"pos-app: compiled {len(built)} translation(s) in {I18N}")
    return built


class BuildPyWithTranslations(build_py):
    def run(self) -> None:
        compile_translations()  # before build_py collects the package data
        super().run()


setup(cmdclass={"build_py": BuildPyWithTranslations})
