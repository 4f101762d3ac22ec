"""The package's modules parsed once per test process, for the tests that read the source
(which HTTP clients are made, which platform seams are imported at module level): each used
to parse all ~230 modules itself, ~0.6 s of CPU every time."""

from __future__ import annotations

import ast
import functools
from pathlib import Path


@functools.cache
def parsed(folder: Path) -> tuple[tuple[Path, ast.Module], ...]:
    """Every ``*.py`` under ``folder``, sorted, with its syntax tree (shared: read, never
    change one)."""
    return tuple((path, tree(path)) for path in sources(folder))


@functools.cache
def sources(folder: Path) -> tuple[Path, ...]:
    """Every ``*.py`` under ``folder``, sorted."""
    return tuple(sorted(folder.rglob("*.py")))


@functools.cache
def tree(path: Path) -> ast.Module:
    """One module's syntax tree, parsed once (shared with :func:`parsed`)."""
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
