"""Window tests leave no widget behind for the next test (tests/conftest.py's teardown hook):
what pytest-qt closes, and whatever else a test handed to ``deleteLater``, is deleted when the
test ends, not whenever a later test happens to spin Qt's event loop."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from pytestqt.qtbot import QtBot

from tests import conftest

pytestmark = pytest.mark.gui


def _tear_down(keywords: set[str]) -> None:
    hook = conftest.pytest_runtest_teardown(SimpleNamespace(keywords=keywords))  # type: ignore[arg-type]
    next(hook)  # pytest-qt's teardown and the fixtures' run here
    with pytest.raises(StopIteration):
        hook.send(None)


def test_widgets_given_to_delete_later_are_gone_when_a_window_test_ends(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QDialog, QLineEdit
    from shiboken6 import Shiboken

    dialog = QDialog()
    field = QLineEdit(dialog)
    dialog.show()
    dialog.close()
    dialog.deleteLater()  # what pytest-qt does with each widget a test gave qtbot.addWidget
    assert Shiboken.isValid(dialog) and Shiboken.isValid(field)  # no event loop ran: alive
    _tear_down({"gui"})
    assert not Shiboken.isValid(dialog) and not Shiboken.isValid(field)


def test_tests_without_a_window_are_left_alone(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QWidget
    from shiboken6 import Shiboken

    widget = QWidget()
    widget.deleteLater()
    _tear_down(set())  # not a gui test: the hook does not touch Qt
    assert Shiboken.isValid(widget)
    _tear_down({"gui"})
    assert not Shiboken.isValid(widget)
