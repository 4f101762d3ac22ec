"""Where the shipped resources (stylesheet, demo catalog, translations) are."""

from __future__ import annotations

from pathlib import Path


def resources_dir() -> Path:
    """``pos_app/_resources`` in an installed wheel, else ``resources/`` of the checkout."""
    installed = Path(__file__).resolve().parent / "_resources"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "resources"
