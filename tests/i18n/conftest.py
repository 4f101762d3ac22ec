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

from devtools import linguist
from pos_app.ui.qtkit import translations
from tests.ui.conftest import (  # noqa: F401  (fixtures)
    _demo_ledgers,
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


@pytest.fixture(scope="session")
def compiled_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped ``.ts`` compiled now, so the window tests show what the sources say even in
    a checkout whose installed ``.qm`` predate a ``git pull`` (test_catalogs checks those)."""
    folder = tmp_path_factory.mktemp("qm")
    for language in translations.LANGUAGES:
        linguist.lrelease(
            linguist.ts_path(language), folder / f"{translations.CATALOG}_{language}.qm"
        )
    return folder


@pytest.fixture
def lang() -> str:
    return translations.ENGLISH


@pytest.fixture(autouse=True)
def translated(
    lang: str, qapp: object, request: pytest.FixtureRequest
) -> Iterator[translations.Installed]:
    folder = None
    if lang == PSEUDO:
        folder = request.getfixturevalue("pseudo_dir")
    elif lang in translations.LANGUAGES:
        folder = request.getfixturevalue("compiled_dir")
    before = QLocale()
    installed = translations.install(lang, directory=folder, set_locale=False)
    if lang in translations.LANGUAGES:
        assert not installed.missing, installed.missing
    yield installed
    installed.remove()
    QLocale.setDefault(before)
