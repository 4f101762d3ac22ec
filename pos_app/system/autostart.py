"""Start the till when the cashier logs in (Settings → Start-up; off by default).

The entry itself is the setting (no config key that could disagree with it):

- Linux and other freedesktop systems: ``$XDG_CONFIG_HOME/autostart/pos-app.desktop``
  (``~/.config/autostart``), the XDG Autostart specification;
- Windows: ``pos-app.cmd`` in the user's Startup folder
  (``%APPDATA%\\Microsoft\\Windows\\Start Menu\\Programs\\Startup``), which starts the program
  without waiting (``start ""``) so no console stays open.

The command is the bundle's program when frozen (PyInstaller), else this Python with ``-m
pos_app``. A custom data folder (``POS_APP_HOME``) is kept in the entry, so the till starts on
the same ledger it was set up with.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

NAME = "pos-app"


def command(frozen: bool | None = None, executable: str | None = None) -> list[str]:
    exe = executable or sys.executable
    if frozen if frozen is not None else getattr(sys, "frozen", False):
        return [exe]
    return [exe, "-m", "pos_app"]


def entry_path(platform: str | None = None, environ: Mapping[str, str] | None = None) -> Path:
    platform = platform or sys.platform
    environ = os.environ if environ is None else environ
    if platform == "win32":
        appdata = environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        startup = Path(appdata) / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup"
        return startup / f"{NAME}.cmd"
    config = environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "autostart" / f"{NAME}.desktop"


def entry_text(argv: list[str], platform: str | None = None, home: str | None = None) -> str:
    platform = platform or sys.platform
    if platform == "win32":
        lines = [
            "@echo off",
            "rem pos-app: start the till at log-in (Settings -> Start-up)",
            "chcp 65001 >nul",  # this file is UTF-8: a folder named "José Núñez" stays right
        ]
        if home:
            lines.append(f'set "POS_APP_HOME={home}"')
        lines.append('start "" ' + " ".join(f'"{a}"' for a in argv))
        return "\r\n".join(lines) + "\r\n"
    exec_line = " ".join(_desktop_quote(a) for a in argv)
    if home:
        exec_line = f"env {_desktop_quote('POS_APP_HOME=' + home)} {exec_line}"
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=pos-app\n"
        "Comment=Charge at the counter with Mercado Pago QR\n"
        f"Exec={exec_line}\n"
        "Icon=pos-app\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def is_enabled(platform: str | None = None, environ: Mapping[str, str] | None = None) -> bool:
    return entry_path(platform, environ).is_file()


def enable(
    platform: str | None = None,
    environ: Mapping[str, str] | None = None,
    argv: list[str] | None = None,
) -> Path:
    environ = os.environ if environ is None else environ
    path = entry_path(platform, environ)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = entry_text(argv or command(), platform, environ.get("POS_APP_HOME") or None)
    # newline="": the Windows file already has its \r\n, written as is everywhere.
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(text)
    return path


def disable(platform: str | None = None, environ: Mapping[str, str] | None = None) -> None:
    entry_path(platform, environ).unlink(missing_ok=True)


def _desktop_quote(arg: str) -> str:
    """The Desktop Entry specification's quoting of an Exec argument."""
    arg = arg.replace("%", "%%")  # % starts a field code (%f, %u...)
    if arg and not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`="):
        return arg
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return f'"{escaped}"'
