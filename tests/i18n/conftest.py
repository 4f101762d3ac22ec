"""Fixtures for the translation tests: the window fixtures of ``tests/ui`` and a language.

A test picks its language with ``@pytest.mark.parametrize("lang", [...])`` (default English);
the autouse ``translated`` fixture installs it before any window is built (and before the
runtime, whose demo store name is translated) and removes it afterwards, so the rest of the
session keeps running in English.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from pos_app.ui import linguist, translations
from tests.ui.conftest import (  # noqa: F401  (fixtures)
    _session_loop,
    control,
    qloop,
    run,
    runtime,
    sandbox_app,
    sandbox_state,
    screenshot,
    window,
)

PSEUDO = "xx"


@pytest.fixture(scope="session")
def pseudo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ~40 % longer pseudo-translation of a fresh extraction, compiled (``pos_app_xx.qm``)."""
    folder = tmp_path_factory.mktemp("pseudo")
    linguist.build_pseudo(folder, PSEUDO)
    return folder


@pytest.fixture
def lang() -> str:
    return translations.ENGLISH


@pytest.fixture(autouse=True)
def translated(
    lang: str, qapp: object, request: pytest.FixtureRequest
) -> Iterator[translations.Installed]:
    folder = request.getfixturevalue("pseudo_dir") if lang == PSEUDO else None
    before = QLocale()
    installed = translations.install(lang, directory=folder, set_locale=False)
    if lang not in (translations.ENGLISH, PSEUDO):
        assert not installed.missing, f"not compiled: {installed.missing} (pip install -e .)"
    yield installed
    installed.remove()
    QLocale.setDefault(before)
