"""Which language the app speaks: Settings' choice, else the computer's locale, else English."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from pos_app.settings import config as config_mod
from pos_app.settings import paths
from pos_app.settings.config import Config
from pos_app.ui.qtkit import translations
from pos_app.ui.qtkit.translations import choose_language, configured_language, language_for_locale

pytestmark = pytest.mark.gui


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("es_AR.UTF-8", "es"),
        ("es_MX", "es"),
        ("es-Latn-CO", "es"),
        ("es", "es"),
        ("pt_BR.UTF-8", "pt_BR"),
        ("pt_PT", "pt_BR"),
        ("pt-BR", "pt_BR"),
        ("en_US.UTF-8", "en"),
        ("de_DE@euro", "en"),
        ("C", "en"),
        ("", "en"),
    ],
)
def test_locale_names_map_to_the_languages_we_ship(name: str, expected: str) -> None:
    assert language_for_locale(name) == expected


def test_the_setting_overrides_the_system_locale() -> None:
    assert choose_language("pt_BR", QLocale("es_AR")) == "pt_BR"
    assert choose_language("es", QLocale("pt_BR")) == "es"
    assert choose_language("en", QLocale("es_AR")) == "en"


def test_without_a_setting_the_system_locale_decides() -> None:
    assert choose_language("", QLocale("es_CO")) == "es"
    assert choose_language("", QLocale("pt_BR")) == "pt_BR"
    assert choose_language("", QLocale("de_DE")) == "en"


def test_numbers_follow_the_language_and_keep_the_countrys_customs() -> None:
    assert translations.locale_for("es", QLocale("es_AR")).name() == "es_AR"
    assert translations.locale_for("es", QLocale("en_US")).language() == QLocale.Language.Spanish
    assert translations.locale_for("pt_BR", QLocale("en_US")).name() == "pt_BR"
    assert translations.locale_for("en", QLocale("de_DE")).name() == "de_DE"


def test_configured_language_is_read_from_the_settings_file() -> None:
    assert configured_language() == ""  # no settings file yet
    config_mod.save(Config(language="pt_BR"))
    assert configured_language() == "pt_BR"


def test_a_damaged_settings_file_is_left_for_the_window_to_report() -> None:
    path = paths.config_path()
    path.write_text("{not json", encoding="utf-8")
    assert configured_language() == ""
    assert path.read_text(encoding="utf-8") == "{not json"  # not moved aside here
    path.write_text(json.dumps(["a list"]), encoding="utf-8")
    assert configured_language() == ""


def test_english_installs_no_translator() -> None:
    installed = translations.install("en", set_locale=False)
    assert installed.translators == [] and installed.missing == []


def test_a_missing_catalog_warns_and_runs_in_english(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, qapp: object
) -> None:
    before = QLocale()
    try:
        installed = translations.install("es", directory=tmp_path)
    finally:
        QLocale.setDefault(before)
    try:
        assert installed.missing == ["pos_app_es"]
        assert "pos_app_es not found" in caplog.text
    finally:
        installed.remove()


STARTUP = """
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox
app = QApplication([])
from pos_app.ui.qtkit.translations import install_for_startup
installed = install_for_startup()
box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
print(installed.language, QCoreApplication.translate("MainWindow", "New sale"),
      box.button(QDialogButtonBox.StandardButton.Cancel).text(), QLocale().name(), sep="|")
"""


def start_up(tmp_path: Path, **env: str) -> list[str]:
    """What ``pos-app``'s start-up chooses, in a process with exactly this locale."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    clean.update(POS_APP_HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen", **env)
    out = subprocess.run(
        [sys.executable, "-c", STARTUP],
        env=clean,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip().split("|")


@pytest.mark.slow
@pytest.mark.posix  # Windows' QLocale.system() reads the user's locale, not LANG
def test_lang_picks_the_language_at_start_up(tmp_path: Path) -> None:
    assert start_up(tmp_path, LANG="es_AR.UTF-8") == ["es", "Nueva venta", "Cancelar", "es_AR"]
    assert start_up(tmp_path, LANG="pt_BR.UTF-8") == ["pt_BR", "Nova venda", "Cancelar", "pt_BR"]
    assert start_up(tmp_path, LANG="de_DE.UTF-8")[:3] == ["en", "New sale", "Cancel"]


@pytest.mark.slow
def test_the_setting_wins_over_lang_at_start_up(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.json").write_text(json.dumps({"language": "pt_BR"}), encoding="utf-8")
    assert start_up(home, LANG="es_AR.UTF-8")[:3] == ["pt_BR", "Nova venda", "Cancelar"]


def test_starting_again_replaces_the_translators(qapp: object) -> None:
    """The first-run assistant's "Try the demo" runs main() again: no translator piles up."""
    config_mod.save(Config(language="es"))
    before = QLocale()
    first = translations.install_for_startup()
    second = translations.install_for_startup()
    try:
        assert first.translators == []  # taken out by the second call
        assert second.language == "es" and len(second.translators) == 2
        assert QCoreApplication.translate("MainWindow", "New sale") == "Nueva venta"
    finally:
        second.remove()
        translations._startup.clear()
        QLocale.setDefault(before)
    assert QCoreApplication.translate("MainWindow", "New sale") == "New sale"
