"""The folder a save dialog proposes: one that exists.

A standard folder that does not exist (a kiosk's account, a minimal install: no Desktop or
Documents) was taken by the file dialog as a name under the app's working folder
(``<working folder>/home/ana/Documents/receipt.pdf``), whose folders a save then made or failed
on. The home folder instead."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def existing_folder(location: QStandardPaths.StandardLocation) -> Path:
    """``location``'s folder (the desktop, the documents…) when it exists, else the home
    folder. A ``stat`` of one folder: a local disk's, fine on the window's thread."""
    folder = QStandardPaths.writableLocation(location)
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()
