"""Which of Qt's plugins and translations go into the bundle.

PyInstaller's hooks for the Qt modules the app imports (QtCore, QtGui, QtWidgets, QtNetwork,
QtPrintSupport) collect every plugin of each kind those modules can load and Qt's own
translations in all ~35 languages. ``hooks/hook-PySide6.*.py`` (given to PyInstaller with
``--additional-hooks-dir``, which it ranks above its own hooks) run the same hook code and pass
its answer through :func:`trim`, which leaves out:

- the platform plugins for a PC without a window system (``eglfs``, ``linuxfb``,
  ``minimalegl``, ``vkkhrdisplay``, ``vnc``) and the kinds only they use (``egldeviceintegrations``,
  ``generic``: evdev and TUIO input). The till runs on a desktop: X11 (``xcb``), Wayland, Windows;
  ``offscreen`` and ``minimal`` stay for headless runs;
- ``tls`` and ``networkinformation``: QtNetwork is imported for the single-instance lock's local
  socket only (:mod:`pos_app.ui.qtkit.single_instance`); HTTPS is httpx's, over Python's ssl;
- Qt's translations but ``qtbase_<language>.qm`` for the languages the app speaks
  (:func:`pos_app.ui.qtkit.translations.install` loads only that one).

Every file left out is also a file PyInstaller does not scan for the libraries it links (one
``ldd`` each, and each of those libraries' own): a quicker build and a smaller folder.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePath

from pos_app import assets

KINDS_NEVER_LOADED = frozenset({"egldeviceintegrations", "generic", "networkinformation", "tls"})
PLATFORMS_NEVER_LOADED = frozenset({"eglfs", "linuxfb", "minimalegl", "vkkhrdisplay", "vnc"})


def languages() -> list[str]:
    """The languages the app ships a catalog for (``pos_app_<language>.ts``), English aside."""
    names = (p.name for p in (assets.resources_dir() / "i18n").glob("pos_app_*.ts"))
    return sorted(m.group(1) for m in map(re.compile(r"pos_app_(.+)\.ts$").match, names) if m)


def platform_name(plugin: str) -> str:
    """``libqxcb.so`` or ``qwindows.dll`` → ``xcb``, ``windows``."""
    stem = PurePath(plugin).name.split(".")[0]
    stem = stem.removeprefix("lib")
    return stem.removeprefix("q")


def keeps_binary(source: str, dest: str) -> bool:
    parts = PurePath(dest).parts
    if "plugins" not in parts or parts.index("plugins") + 1 >= len(parts):
        return True  # a library, not a plugin
    kind = parts[parts.index("plugins") + 1]
    if kind in KINDS_NEVER_LOADED:
        return False
    return not (kind == "platforms" and platform_name(source) in PLATFORMS_NEVER_LOADED)


def keeps_data(source: str, dest: str, kept_languages: list[str]) -> bool:
    if PurePath(dest).name != "translations" or not source.endswith(".qm"):
        return True
    return PurePath(source).name in {f"qtbase_{lang}.qm" for lang in kept_languages}


Collected = tuple[list[str], list[tuple[str, str]], list[tuple[str, str]]]


def trim(
    hiddenimports: list[str], binaries: list[tuple[str, str]], datas: list[tuple[str, str]]
) -> Collected:
    """A Qt hook's ``(hiddenimports, binaries, datas)`` without what the till never loads."""
    kept_languages = languages()
    return (
        list(hiddenimports),
        [(src, dest) for src, dest in binaries if keeps_binary(str(src), str(dest))],
        [(src, dest) for src, dest in datas if keeps_data(str(src), str(dest), kept_languages)],
    )


def hooks_dir() -> Path:
    return Path(__file__).resolve().parent / "hooks"
