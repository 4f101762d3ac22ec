"""The first frame without the Qt namespace (start-up time, issue 19): pos_app.ui.qtkit.lazy_qt,
and the cart header's stand-in until the window is painted.

tests/ui/test_startup_window_first.py checks, in a process of its own, that the real start
builds no ``Qt`` before the first frame; here, that what replaced it does the same as before.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt as RealQt
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from pos_app.domain.money import site_for
from pos_app.ui.counter import cart_model
from pos_app.ui.counter.cart_model import COL_TITLE, COL_UNIT_PRICE, CartTableModel
from pos_app.ui.counter.cart_view import CartView
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.product_search import ProductRole
from pos_app.ui.qtkit import lazy_qt
from pos_app.ui.qtkit.lazy_qt import Qt, set_enum

pytestmark = pytest.mark.gui

WAIT = 10_000


def test_the_numbers_are_qts_own() -> None:
    role = RealQt.ItemDataRole
    assert role.DisplayRole == lazy_qt.DISPLAY_ROLE
    assert role.EditRole == lazy_qt.EDIT_ROLE
    assert role.TextAlignmentRole == lazy_qt.TEXT_ALIGNMENT_ROLE
    assert role.UserRole == lazy_qt.USER_ROLE
    align = RealQt.AlignmentFlag
    assert (align.AlignRight | align.AlignVCenter).value == lazy_qt.ALIGN_RIGHT_VCENTER
    wrap = align.AlignCenter.value | RealQt.TextFlag.TextWordWrap.value
    assert wrap == lazy_qt.ALIGN_CENTER_WORD_WRAP
    # The roles the views read, as before.
    assert cart_model.LineRole == role.UserRole + 1
    assert cart_model.AmountRole == role.UserRole + 2
    assert cart_model.QuantityRole == role.UserRole + 3
    assert ProductRole == role.UserRole + 1


def test_the_lazy_namespace_is_qts_and_set_enum_refuses_a_typo(qtbot: QtBot) -> None:
    assert Qt.Key.Key_Return is RealQt.Key.Key_Return
    assert Qt.AlignmentFlag is RealQt.AlignmentFlag
    button = QPushButton()
    label = QLabel()
    qtbot.addWidget(button)
    qtbot.addWidget(label)
    set_enum(button, "focusPolicy", "NoFocus")
    set_enum(label, "alignment", "AlignRight|AlignVCenter")
    assert button.focusPolicy() == RealQt.FocusPolicy.NoFocus
    assert label.alignment() == RealQt.AlignmentFlag.AlignRight | RealQt.AlignmentFlag.AlignVCenter
    with pytest.raises(ValueError, match="NoFocuss"):
        set_enum(button, "focusPolicy", "NoFocuss")
    with pytest.raises(ValueError):
        set_enum(button, "focusPolicyy", "NoFocus")  # no such property
    assert button.focusPolicy() == RealQt.FocusPolicy.NoFocus


def header_texts(view: CartView) -> list[tuple[str, object]]:
    header = view.horizontalHeader()
    model = header.model()
    horizontal = RealQt.Orientation.Horizontal
    return [
        (
            model.headerData(c, horizontal, RealQt.ItemDataRole.DisplayRole),
            model.headerData(c, horizontal, RealQt.ItemDataRole.TextAlignmentRole),
        )
        for c in range(header.count())
    ]


def test_the_first_frames_header_says_what_the_cart_model_says_then_is_the_models(
    qtbot: QtBot,
) -> None:
    window = MainWindow(site=site_for("MLA"))
    qtbot.addWidget(window)
    view = window.cart_view
    model = window.model
    header = view.horizontalHeader()
    # Before the first frame: Qt's own model, the same titles and alignment as the cart's.
    assert header.model() is not model
    expected = [
        (
            model.headerData(c, RealQt.Orientation.Horizontal, RealQt.ItemDataRole.DisplayRole),
            model.headerData(
                c, RealQt.Orientation.Horizontal, RealQt.ItemDataRole.TextAlignmentRole
            ),
        )
        for c in range(model.columnCount())
    ]
    assert header_texts(view) == expected
    assert [t for t, _ in expected] == ["Item", "Unit price", "Qty", "Total"]
    assert header.sectionResizeMode(COL_TITLE) == QHeaderView.ResizeMode.Stretch
    window.resize(1024, 768)
    window.show()
    qtbot.waitUntil(lambda: window.has_painted, timeout=WAIT)
    # Once painted: the cart model, with the view's selection (the titles stand out for a
    # chosen line, as Qt sets a table's header up), resize modes and hidden columns kept.
    qtbot.waitUntil(lambda: header.model() is model, timeout=WAIT)
    assert header.selectionModel() is view.selectionModel()
    assert header_texts(view) == expected
    assert header.sectionResizeMode(COL_TITLE) == QHeaderView.ResizeMode.Stretch
    for column in range(1, model.columnCount()):
        assert header.sectionResizeMode(column) == QHeaderView.ResizeMode.ResizeToContents
    assert header.count() == model.columnCount()
    view.setColumnHidden(COL_UNIT_PRICE, True)
    assert header.isSectionHidden(COL_UNIT_PRICE)


def test_a_cart_view_given_another_model_or_a_model_after_painting_reads_it_straight(
    qtbot: QtBot,
) -> None:
    view = CartView()
    qtbot.addWidget(view)
    model = CartTableModel(site_for("MLA"))
    view.setModel(model)
    assert view.horizontalHeader().model() is not model  # the stand-in, until painted
    view.use_model_header()
    assert view.horizontalHeader().model() is model
    view.use_model_header()  # twice: nothing
    view.show()
    qtbot.waitExposed(view)
    again = CartTableModel(site_for("MLA"))
    view.setModel(again)  # painted already: no stand-in
    qtbot.waitUntil(lambda: view.horizontalHeader().model() is again, timeout=WAIT)


def test_the_empty_carts_hint_is_in_the_placeholder_colour(qtbot: QtBot) -> None:
    window = MainWindow(site=site_for("MLA"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.has_painted, timeout=WAIT)
    view = window.cart_view
    viewport = view.viewport()
    # A painter on the viewport starts with its foreground colour: the view's placeholder.
    assert viewport.palette().color(viewport.foregroundRole()) == (
        view.palette().placeholderText().color()
    )


def test_the_quicker_feature_check_answers_as_pyside6s_own() -> None:
    """pos_app.ui installs it (start-up time); its answers are PySide6's for every module."""
    import sys

    import PySide6.support.feature as feature

    from pos_app.ui.qtkit import feature_check

    installed = feature._mod_uses_pyside
    original = getattr(installed, "_pos_app", None)  # PySide6's own, which it falls back to
    assert callable(original)  # installed when pos_app.ui was imported
    assert feature_check.install() is False  # once
    modules = [m for m in list(sys.modules.values()) if m is not None]
    answers = [(m.__name__, feature_check.uses_pyside(m, original)) for m in modules]
    assert answers == [(m.__name__, original(m)) for m in modules]
    assert ("pos_app.ui.counter.main_window", True) in answers
    assert ("pos_app.domain.cart", False) in answers
