"""Maintainer tooling for the Qt Linguist translations (not used by the running app).

Commands (from a source checkout)::

    python -m devtools.linguist update    # lupdate pos_app/**/*.py → resources/i18n/*.ts (+ .qm)
    python -m devtools.linguist compile   # pyside6-lrelease *.ts → *.qm (pip install does it too)
    python -m devtools.linguist check     # exit 1 if a .ts is stale, unfinished or obsolete
    python -m devtools.linguist pseudo DIR  # a ~40 % longer pseudo-translation (.ts + .qm) in DIR

``update`` keeps existing translations, adds new source strings as *unfinished* (translate them in
``pyside6-linguist`` or by hand and remove ``type="unfinished"``) and drops vanished ones
(``-no-obsolete``). Locations are left out (``-locations none``) so a moved line does not churn
the files. Strings in the Qt-free packages are found through their ``QT_TRANSLATE_NOOP(context,
source)`` markers (see :mod:`pos_app.i18n`); widgets use ``self.tr()`` (context: the class name)
or ``QCoreApplication.translate("Context", ...)``.
"""

from __future__ import annotations

import argparse
import math
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import PySide6

import pos_app
from pos_app import assets
from pos_app.ui.qtkit.translations import CATALOG, LANGUAGES

PACKAGE_DIR = Path(pos_app.__file__).resolve().parent  # the sources lupdate reads
# What must survive a translation untouched: {name}, %1, %n, HTML tags, entities, "&&".
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%(?:\d+|n)|<[^>]+>|&[a-zA-Z]+;|&#\d+;|&&")
_ACCENTS = str.maketrans(
    "aceinouyACEINOUYsSzZ",
    "àçéîñöûýÀÇÉÎÑÖÛÝšŠžŽ",
)


def tool(name: str) -> Path:
    """``lupdate`` / ``lrelease`` as shipped inside the PySide6 wheel."""
    exe = Path(PySide6.__file__).resolve().parent / name
    return exe.with_suffix(".exe") if sys.platform == "win32" else exe


def python_sources(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    return sorted(p for p in package_dir.rglob("*.py") if "__pycache__" not in p.parts)


def ts_path(language: str) -> Path:
    return assets.resources_dir() / "i18n" / f"{CATALOG}_{language}.ts"


def lupdate(ts: Path, language: str, sources: list[Path] | None = None) -> None:
    ts.parent.mkdir(parents=True, exist_ok=True)
    files = [str(p) for p in (sources or python_sources())]
    cmd = [str(tool("lupdate")), "-silent", "-no-obsolete", "-locations", "none"]
    cmd += ["-source-language", "en", "-target-language", language, *files, "-ts", str(ts)]
    subprocess.run(cmd, check=True)


def lrelease(ts: Path, qm: Path | None = None) -> Path:
    qm = qm or ts.with_suffix(".qm")
    subprocess.run([str(tool("lrelease")), "-silent", str(ts), "-qm", str(qm)], check=True)
    return qm


@dataclass(frozen=True)
class Entry:
    context: str
    source: str
    translation: str
    kind: str  # "" (finished), "unfinished", "obsolete" or "vanished"


def read_ts(path: Path) -> list[Entry]:
    root = ET.parse(path).getroot()
    entries = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for msg in context.iter("message"):
            translation = msg.find("translation")
            entries.append(
                Entry(
                    name,
                    msg.findtext("source") or "",
                    (translation.text or "") if translation is not None else "",
                    (translation.get("type") or "") if translation is not None else "missing",
                )
            )
    return entries


def placeholders(text: str) -> list[str]:
    """The placeholders of ``text``, sorted (order may change between languages)."""
    found = [m.group(0) for m in PLACEHOLDER.finditer(text)]
    # An accelerator ("&Tools" → "&Herramientas"): its letter may change, its presence not.
    found += ["&" for _ in re.finditer(r"&(?=[^&\s;])\w", PLACEHOLDER.sub("", text))]
    return sorted(found)


def pseudo(text: str, stretch: float = 0.4) -> str:
    """Accented, bracketed and padded to about ``1 + stretch`` times the length: shows both
    clipped layouts and any string that did not go through the translator."""
    parts = PLACEHOLDER.split(text)
    marks = PLACEHOLDER.findall(text)
    out = parts[0].translate(_ACCENTS)
    for mark, part in zip(marks, parts[1:], strict=True):
        out += mark + part.translate(_ACCENTS)
    visible = len(PLACEHOLDER.sub("", text))
    extra = max(0, math.ceil(visible * stretch) - 2)
    # Breakable padding ("~·~·~ ~·~·~") so word-wrapped labels can still wrap.
    padding = " ".join("~·~·~"[: min(5, extra - i)] for i in range(0, extra, 6))
    lines = out.split("\n")
    lines[-1] = f"{lines[-1]} {padding}".rstrip()
    return "[" + "\n".join(lines) + "]"


def write_pseudo_ts(source_ts: Path, target: Path, stretch: float = 0.4) -> Path:
    tree = ET.parse(source_ts)
    for msg in tree.getroot().iter("message"):
        translation = msg.find("translation")
        if translation is None:
            translation = ET.SubElement(msg, "translation")
        translation.text = pseudo(msg.findtext("source") or "", stretch)
        translation.attrib.pop("type", None)
    tree.write(target, encoding="utf-8", xml_declaration=True)
    return target


def build_pseudo(folder: Path, language: str = "xx", stretch: float = 0.4) -> Path:
    """Fresh extraction → pseudo ``.ts`` → ``pos_app_<language>.qm`` in ``folder``."""
    extracted = folder / "extracted.ts"
    lupdate(extracted, "en")
    ts = write_pseudo_ts(extracted, folder / f"{CATALOG}_{language}.ts", stretch)
    return lrelease(ts)


def problems(language: str) -> list[str]:
    """Why the shipped ``.ts`` of ``language`` is not complete and current (empty when it is)."""
    shipped = ts_path(language)
    if not shipped.is_file():
        return [f"{shipped} is missing"]
    found = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.ts"
        lupdate(fresh, language)
        wanted = {(e.context, e.source) for e in read_ts(fresh)}
    entries = {(e.context, e.source): e for e in read_ts(shipped)}
    for key in sorted(wanted - entries.keys()):
        found.append(f"{language}: not in the .ts (run update): {key}")
    for key, entry in sorted(entries.items()):
        if entry.kind or not entry.translation:
            found.append(f"{language}: {entry.kind or 'untranslated'}: {key}")
        elif placeholders(entry.source) != placeholders(entry.translation):
            found.append(f"{language}: placeholders differ: {key} → {entry.translation!r}")
        if key not in wanted:
            found.append(f"{language}: no longer in the code (run update): {key}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.linguist", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("update", help="refresh resources/i18n/*.ts from the code")
    sub.add_parser("compile", help="compile resources/i18n/*.ts into .qm")
    sub.add_parser("check", help="fail if a .ts is stale, unfinished or obsolete")
    pseudo_cmd = sub.add_parser("pseudo", help="write a pseudo-translation (.ts, .qm)")
    pseudo_cmd.add_argument("folder", type=Path)
    pseudo_cmd.add_argument("--stretch", type=float, default=0.4)
    args = parser.parse_args(argv)
    if args.command == "update":
        for language in LANGUAGES:
            lupdate(ts_path(language), language)
            entries = read_ts(ts_path(language))
            todo = sum(1 for e in entries if e.kind)
            print(f"{ts_path(language)}: {len(entries)} strings, {todo} to translate")
            lrelease(ts_path(language))  # so a running checkout sees the change at once
    elif args.command == "compile":
        for language in LANGUAGES:
            print(lrelease(ts_path(language)))
    elif args.command == "check":
        found = [p for language in LANGUAGES for p in problems(language)]
        print("\n".join(found) or "translations complete")
        return 1 if found else 0
    else:
        args.folder.mkdir(parents=True, exist_ok=True)
        print(build_pseudo(args.folder, stretch=args.stretch))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
