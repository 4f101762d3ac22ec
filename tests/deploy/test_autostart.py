"""The start-at-log-in entry: XDG autostart on Linux, the Startup folder on Windows (simulated)."""

from __future__ import annotations

import shlex
from pathlib import Path

from pos_app.system import autostart


def test_linux_xdg_autostart_entry(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "cfg"), "POS_APP_HOME": "/srv/caja 1/pos-app"}
    assert not autostart.is_enabled("linux", env)
    path = autostart.enable("linux", env, argv=["/opt/pos app/pos-app"])
    assert path == tmp_path / "cfg" / "autostart" / "pos-app.desktop"
    assert autostart.is_enabled("linux", env)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("[Desktop Entry]\nType=Application\n")
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    # The spec's quoting is close enough to the shell's for these arguments.
    assert shlex.split(exec_line[len("Exec=") :]) == [
        "env",
        "POS_APP_HOME=/srv/caja 1/pos-app",
        "/opt/pos app/pos-app",
    ]
    autostart.disable("linux", env)
    assert not path.exists() and not autostart.is_enabled("linux", env)
    autostart.disable("linux", env)  # twice is fine


def test_the_command_is_the_bundle_or_this_python() -> None:
    assert autostart.command(frozen=True, executable="/opt/pos-app/pos-app") == [
        "/opt/pos-app/pos-app"
    ]
    assert autostart.command(frozen=False, executable="/v/bin/python") == [
        "/v/bin/python",
        "-m",
        "pos_app",
    ]


def test_a_percent_sign_is_not_a_field_code(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path)}
    text = autostart.enable("linux", env, argv=["/opt/100%/pos-app"]).read_text(encoding="utf-8")
    assert "Exec=/opt/100%%/pos-app\n" in text


def test_windows_startup_folder_cmd_simulated(tmp_path: Path) -> None:
    appdata = tmp_path / "José Núñez" / "AppData" / "Roaming"
    env = {"APPDATA": str(appdata), "POS_APP_HOME": r"D:\Caja\pos-app"}
    exe = r"C:\Program Files\pos-app\pos-app.exe"
    path = autostart.enable("win32", env, argv=[exe])
    startup = appdata / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup"
    assert path == startup / "pos-app.cmd"
    raw = path.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.decode("utf-8").split("\r\n")
    assert lines[0] == "@echo off" and "chcp 65001 >nul" in lines
    assert 'set "POS_APP_HOME=D:\\Caja\\pos-app"' in lines
    assert f'start "" "{exe}"' in lines  # start "": no console left waiting
    assert autostart.is_enabled("win32", env)
    autostart.disable("win32", env)
    assert not autostart.is_enabled("win32", env)
