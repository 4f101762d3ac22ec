"""The Signal.emit reference-count work-around keeps True alive however often we emit."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal

from pos_app.ui.qtkit.workarounds import emit, emit_drops_bool, reserve_bool_references

pytestmark = pytest.mark.gui


class Emitter(QObject):
    changed = Signal(object)


def test_emitting_through_the_helper_never_loses_references_to_true(qapp: object) -> None:
    emitter = Emitter()
    seen: list[int] = []
    emitter.changed.connect(seen.append)
    before = sys.getrefcount(True)
    for n in range(5000):
        emit(emitter.changed, n)
    assert len(seen) == 5000
    # Other code may hold or drop a few references meanwhile; the defect would lose 5000.
    assert sys.getrefcount(True) >= before - 50


def test_the_reserve_is_only_taken_when_the_defect_is_present(qapp: object) -> None:
    before = sys.getrefcount(True)
    reserve_bool_references()
    reserve_bool_references()  # idempotent
    gained = sys.getrefcount(True) - before
    assert (gained >= 400_000) if emit_drops_bool() else (abs(gained) < 50)
