"""Which language the window speaks, and loading its Qt Linguist translations.

English is the source language. ``resources/i18n/pos_app_<lang>.ts`` are the sources the
translators edit; the ``.qm`` files the app loads are compiled from them by ``pyside6-lrelease``
when the package is built or installed (``setup.py``), never committed. Qt's own strings (dialog
buttons, the context menu of a text field) come from ``qtbase_<lang>.qm`` shipped in PySide6's
translations folder.

The language is ``config.language`` when set in Settings → Language, else the computer's locale
(``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``, as ``QLocale.system()`` reads them): any
Spanish locale gives ``es`` (neutral Latin American Spanish), any Portuguese one ``pt_BR``,
anything else English. Numbers and dates follow (``QLocale.setDefault``).
A missing ``.qm`` (a source checkout that was never built) logs a warning and the app runs in
English: translations are never a reason not to sell.

Maintainer commands are in :mod:`devtools.linguist` (``python -m devtools.linguist update``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from pos_app import assets
from pos_app.i18n_base import ENGLISH, language_for_locale
from pos_app.settings.first_look import first_look

log = logging.getLogger(__name__)

CATALOG = "pos_app"  # pos_app_<lang>.ts / .qm


def __getattr__(name: str) -> tuple[str, ...]:
    """``LANGUAGES``: the ones we ship besides English, the languages Settings offers, so the
    two never drift (the maintainer's tools read it; the settings' rules are not loaded for the
    first frame: start-up time, issue 19)."""
    if name == "LANGUAGES":
        from pos_app.settings import rules

        return tuple(c.code for c in rules.LANGUAGES if c.code not in ("", ENGLISH))
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def translations_dir() -> Path:
    return assets.resources_dir() / "i18n"


def qt_translations_dir() -> Path:
    from PySide6.QtCore import QLibraryInfo  # for Qt's own catalog only (start-up, issue 19)

    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def configured_language(config_path: Path | None = None) -> str:
    """``config.language`` read without side effects ("" when unset or unreadable).

    ``settings.config.load`` moves a damaged file aside and reports it; that must happen once,
    where the window can show the notice, so this only peeks at the one key.
    """
    return first_look(config_path).language


def choose_language(configured: str = "", system: QLocale | None = None) -> str:
    """The override from Settings wins; else the system locale; else English."""
    if configured:
        return ENGLISH if configured == ENGLISH else language_for_locale(configured)
    system = system or QLocale.system()
    # uiLanguages() honours LANGUAGE and LC_MESSAGES too ("es-Latn-AR", "es-AR", ...).
    preferred = system.uiLanguages()
    return language_for_locale(preferred[0] if preferred else system.name())


def locale_for(language: str, system: QLocale | None = None) -> QLocale:
    """Numbers and dates: the system's own locale when it speaks ``language`` (keeps es_AR's
    country), else the language's default country."""
    system = system or QLocale.system()
    if language_for_locale(system.name()) == language:
        return system
    return QLocale({"es": "es_419", "pt_BR": "pt_BR"}.get(language, "en_US"))


class Installed:
    """What :func:`install` put into the application (so a test can take it out again)."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.translators: list[QTranslator] = []
        self.missing: list[str] = []

    def remove(self) -> None:
        if self in _speaking:
            _speaking.remove(self)
        for translator in self.translators:
            QCoreApplication.removeTranslator(translator)
        self.translators.clear()


def _load(translator: QTranslator, name: str, folder: Path) -> bool:
    return (folder / f"{name}.qm").is_file() and translator.load(name, str(folder))


# What install() put in and was not removed, the last one speaking (English installs nothing,
# yet the window speaks it): :func:`speaking`.
_speaking: list[Installed] = []


def speaking() -> str:
    """The language the window speaks ("" before any :func:`install`).

    Receipts are made without Qt and, without Settings → Language, read the language from
    ``LANG`` and its kin, which Windows and a Mac's desktop do not set: the window passes this
    (:func:`pos_app.receipts.service.options`), so its receipts speak what it speaks."""
    return _speaking[-1].language if _speaking else ""


def install(language: str, *, directory: Path | None = None, set_locale: bool = True) -> Installed:
    """Install our catalog and Qt's for ``language``; English installs nothing."""
    result = Installed(language)
    _speaking.append(result)
    if set_locale:
        QLocale.setDefault(locale_for(language))
    if language == ENGLISH:
        return result
    app = QCoreApplication.instance()
    folder = directory or translations_dir()
    for name, where in ((f"{CATALOG}_{language}", folder), (f"qtbase_{language}", None)):
        translator = QTranslator(app)
        if _load(translator, name, where or qt_translations_dir()):
            QCoreApplication.installTranslator(translator)
            result.translators.append(translator)
        else:
            result.missing.append(name)
            translator.deleteLater()
    if result.missing:
        log.warning(
            "translations %s not found in %s or %s; those texts stay in English "
            "(a source checkout needs `pip install -e .` to compile them)",
            ", ".join(result.missing),
            folder,
            qt_translations_dir(),
        )
    return result


_startup: list[Installed] = []  # what install_for_startup() put in, replaced on a second call


def install_for_startup(configured: str | None = None) -> Installed:
    """``main()``'s call: the configured language, else the system's (never raises).
    ``configured``: ``config.language`` when the caller already read it (off the GUI thread).

    Called again when the first-run assistant restarts ``main()`` in demo mode: the previous
    translators are taken out first, so they do not pile up."""
    while _startup:
        _startup.pop().remove()
    try:
        language = choose_language(configured_language() if configured is None else configured)
        installed = install(language)
    except Exception:  # a translation problem must never stop the till
        log.exception("could not load the translations; running in English")
        return Installed(ENGLISH)
    _startup.append(installed)
    log.info("language: %s", language)
    return installed
