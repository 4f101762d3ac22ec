"""The suite's ``monkeypatch`` refuses to replace, on our Python subclasses of Qt classes, a
method Qt defines (tests/conftest.py): that pattern crashed later tests' workers twice."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def test_a_qt_method_of_our_subclass_is_refused_and_left_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pos_app.ui.counter.sales_view import SalesTableModel

    ours = SalesTableModel.data
    with pytest.raises(AssertionError, match=r"'data'.*QAbstract"):
        monkeypatch.setattr(SalesTableModel, "data", lambda *_args: None)
    assert SalesTableModel.data is ours


def test_our_own_methods_qt_classes_and_modules_can_still_be_patched(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtGui import QScreen

    import pos_app.ui.counter.sales_view as sales_view
    from pos_app.ui.counter.sales_view import SalesTableModel

    monkeypatch.setattr(SalesTableModel, "_refunded_of", lambda _self, _sale: 0)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _self: None)
    monkeypatch.setattr(sales_view, "READ_WAIT_S", 0.0)
    monkeypatch.setattr("pos_app.ui.counter.sales_view.READ_WAIT_S", 0.0)
