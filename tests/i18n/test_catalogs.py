"""The shipped translations are complete and current: nothing unfinished, obsolete or missing.

A fresh ``pyside6-lupdate`` run (into a temporary folder) is the reference: a ``tr()`` string added
to the code without a Spanish and a Portuguese translation fails here, as does a translation that
lost or invented a ``{placeholder}``, ``%1``, HTML tag or ``&`` accelerator.
"""

from __future__ import annotations

import ast
import functools
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from devtools import linguist
from pos_app.ui.qtkit import translations
from tests.source_trees import sources, tree

pytestmark = pytest.mark.gui

LANGS = list(translations.LANGUAGES)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str]]:
    """(context, source) of every string the code marks, extracted now."""
    ts = tmp_path_factory.mktemp("lupdate") / "fresh.ts"
    linguist.lupdate(ts, "es")
    found = {(e.context, e.source) for e in linguist.read_ts(ts)}
    assert len(found) > 300, "lupdate found suspiciously few strings"
    return found


def shipped(lang: str) -> dict[tuple[str, str], linguist.Entry]:
    path = linguist.ts_path(lang)
    assert path.is_file(), path
    entries = linguist.read_ts(path)
    keyed = {(e.context, e.source): e for e in entries}
    assert len(keyed) == len(entries), "a string appears twice in one context"
    return keyed


def test_ts_files_declare_their_languages() -> None:
    for lang in LANGS:
        root = ET.parse(linguist.ts_path(lang)).getroot()
        assert root.get("language") == lang and root.get("sourcelanguage") == "en"


@pytest.mark.parametrize("lang", LANGS)
def test_no_unfinished_obsolete_or_vanished_entries(lang: str) -> None:
    bad = [
        f"{e.kind or 'empty'}: {e.context}: {e.source!r}"
        for e in shipped(lang).values()
        if e.kind or not e.translation
    ]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("lang", LANGS)
def test_every_source_string_is_in_the_catalog(lang: str, fresh: set[tuple[str, str]]) -> None:
    entries = shipped(lang)
    missing = sorted(fresh - entries.keys())
    assert not missing, "run `python -m devtools.linguist update` and translate:\n" + "\n".join(
        map(str, missing)
    )
    stale = sorted(entries.keys() - fresh)
    assert not stale, "no longer in the code (run update):\n" + "\n".join(map(str, stale))


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_survive_translation(lang: str) -> None:
    bad = [
        f"{e.context}: {e.source!r} → {e.translation!r}"
        for e in shipped(lang).values()
        if e.translation and linguist.placeholders(e.source) != linguist.placeholders(e.translation)
    ]
    assert not bad, "\n".join(bad)


def words(text: str) -> list[str]:
    return [w for w in linguist.PLACEHOLDER.sub("", text).split() if any(c.isalpha() for c in w)]


@pytest.mark.parametrize("lang", LANGS)
def test_translations_differ_from_english_where_words_differ(lang: str) -> None:
    """A copy-pasted English source is as good as untranslated (brand names aside)."""
    same = {
        (e.context, e.source)
        for e in shipped(lang).values()
        if e.translation == e.source and len(words(e.source)) > 2
    }
    same -= {("App", "Almacén Don Pepe (demo)")}  # the demo shop is Argentine in Spanish too
    assert not same, same


@pytest.mark.parametrize("lang", LANGS)
def test_install_compiled_the_catalog(lang: str) -> None:
    """``pip install [-e] .`` compiled the .qm next to its .ts (setup.py), where the app looks.

    (After a ``git pull`` that changed a .ts, ``python -m devtools.linguist compile`` or a new
    ``pip install -e .`` refreshes it; the window tests compile their own copy.)"""
    qm = translations.translations_dir() / f"{translations.CATALOG}_{lang}.qm"
    assert qm.is_file(), f"{qm} missing: run `pip install -e .` (setup.py compiles the .ts)"
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("MainWindow", "New sale") in ("Nueva venta", "Nova venda")


def test_qt_ships_its_own_translations_for_our_languages() -> None:
    folder = translations.qt_translations_dir()
    for lang in LANGS:
        assert (folder / f"qtbase_{lang}.qm").is_file(), folder


# == the markers of the Qt-free packages =============================================================
@functools.cache
def _modules() -> tuple[tuple[Path, str], ...]:
    """Each package module with its source text."""
    paths = sources(linguist.PACKAGE_DIR)
    assert sorted(paths) == linguist.python_sources()  # what lupdate reads
    return tuple((path, path.read_text(encoding="utf-8")) for path in paths)


@functools.cache
def _module_calls(path: Path) -> tuple[tuple[ast.Call, ...], dict[str, object]]:
    """A module's calls and string constants (its syntax tree is shared with the other tests
    that read the source: tests/source_trees.py)."""
    module = tree(path)
    consts: dict[str, object] = {
        node.targets[0].id: node.value.value
        for node in module.body
        if isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Constant)
    }
    return tuple(node for node in ast.walk(module) if isinstance(node, ast.Call)), consts


def _calls(name: str) -> list[tuple[Path, ast.Call, dict[str, object]]]:
    """Every call to ``name(...)`` in the package, with its module's string constants. Only the
    modules whose text has ``name`` as a whole word are parsed: a call to it names it there
    (parsing all ~230 modules was ~1.3 s of CPU; ~70 name one of the three looked for)."""
    word = re.compile(rf"\b{re.escape(name)}\b")
    return [
        (path, node, consts)
        for path, text in _modules()
        if word.search(text)
        for calls, consts in [_module_calls(path)]
        for node in calls
        if isinstance(node.func, ast.Name) and node.func.id == name
    ]


def _is_marker(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "QT_TRANSLATE_NOOP"
    )


def test_every_qt_translate_noop_marker_is_extracted(fresh: set[tuple[str, str]]) -> None:
    markers = _calls("QT_TRANSLATE_NOOP")
    assert len(markers) > 50
    bad = []
    for path, node, _ in markers:
        args = node.args
        if len(args) != 2 or not all(isinstance(a, ast.Constant) for a in args):
            bad.append(f"{path}:{node.lineno}: context and source must be literals")
        elif (args[0].value, args[1].value) not in fresh:  # type: ignore[attr-defined]
            bad.append(f"{path}:{node.lineno}: lupdate did not extract {ast.unparse(node)}")
    assert not bad, "\n".join(bad)


def test_messages_are_looked_up_in_the_context_they_were_extracted_in() -> None:
    """The UI translates a Message in ``message.context``; lupdate files it under the marker's
    literal context: ``message(CTX, QT_TRANSLATE_NOOP("Same", ...))``."""
    checked, wrong = 0, []
    for path, node, consts in _calls("message") + _calls("Message"):
        if len(node.args) < 2 or not _is_marker(node.args[1]):
            continue
        first = node.args[0]
        context = first.value if isinstance(first, ast.Constant) else consts.get(ast.unparse(first))
        marker = node.args[1].args[0].value  # type: ignore[attr-defined]
        checked += 1
        if context != marker:
            wrong.append(f"{path}:{node.lineno}: looked up in {context!r}, extracted in {marker!r}")
    assert checked > 30
    assert not wrong, "\n".join(wrong)
