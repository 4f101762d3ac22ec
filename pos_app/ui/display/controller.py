"""Puts the customer display where Settings says, and keeps it there as screens come and go.

Settings → Customer display stores the mode (off, a window, full screen), the screen's name and
the shop's logo in the config file (this machine's). :class:`DisplayController` applies them with
:func:`~pos_app.ui.display.screen_layout.place_display`, again whenever a screen is connected or
disconnected (``QGuiApplication.screenAdded`` / ``screenRemoved``: no restart), and offers the
menu item that shows or hides the display for this session.

The display itself is built the first time it is to be shown (the default is off: most counters
have no second screen, and building it cost ~60 ms on the GUI thread right after start-up); its
maker catches it up with the cart and the charge in progress.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from pos_app.settings.config import Config
from pos_app.settings.rules import DISPLAY_OFF, DISPLAY_WINDOW
from pos_app.ui.display.screen_layout import DisplayPlacement, Rect, ScreenInfo, place_display

if TYPE_CHECKING:
    from pos_app.ui.display.customer_display import CustomerDisplay

log = logging.getLogger(__name__)


def rect_of(rect: QRect) -> Rect:
    return Rect(rect.x(), rect.y(), rect.width(), rect.height())


def screen_info(screen: QScreen) -> ScreenInfo:
    primary = QGuiApplication.primaryScreen()
    return ScreenInfo(
        name=screen.name(),
        geometry=rect_of(screen.geometry()),
        available=rect_of(screen.availableGeometry()),
        primary=screen is primary,
    )


def qt_screens() -> list[ScreenInfo]:
    return [screen_info(s) for s in QGuiApplication.screens()]


def set_frame_rect(widget: QWidget, rect: Rect) -> None:
    """Give ``widget`` a frame (title bar included, when the window system says how tall it
    is) of ``rect``."""
    frame, inner = widget.frameGeometry(), widget.geometry()
    left, top = inner.x() - frame.x(), inner.y() - frame.y()
    extra_w, extra_h = frame.width() - inner.width(), frame.height() - inner.height()
    widget.setGeometry(rect.x + left, rect.y + top, rect.w - extra_w, rect.h - extra_h)


class DisplayController(QObject):
    """Shows, places and hides the :class:`CustomerDisplay` (which it does not own), made by
    ``make_display`` when it is first shown (or asked for: :attr:`display`)."""

    def __init__(
        self,
        make_display: Callable[[], CustomerDisplay],
        cashier: QWidget,
        config: Config,
        *,
        screens: Callable[[], list[ScreenInfo]] = qt_screens,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._make_display = make_display
        self._display: CustomerDisplay | None = None
        self._config = config
        self._cashier = cashier
        self._screens = screens
        self._mode = DISPLAY_OFF
        self._wanted = ""
        self._shown_by_menu: bool | None = None  # the menu's choice for this session
        self._detached = False
        self.window_rect: Rect | None = None  # the demo's place for a windowed display
        self.placement: DisplayPlacement | None = None
        self.action = QAction(self.tr("Customer display"), self)
        self.action.setObjectName("customerDisplayAction")
        self.action.setCheckable(True)
        self.action.toggled.connect(self._menu_toggled)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenAdded.connect(self._screens_changed)
            app.screenRemoved.connect(self._screens_changed)
        self.apply(config)

    @property
    def built(self) -> CustomerDisplay | None:
        """The display if it has been shown (or asked for) already; None otherwise."""
        return self._display

    @property
    def display(self) -> CustomerDisplay:
        """The display, built now if it was not yet."""
        if self._display is None:
            display = self._make_display()
            display.keyboard_owner = self._cashier
            self._display = display
            self._configure(display)
        return self._display

    def _configure(self, display: CustomerDisplay) -> None:
        display.set_box(self._config.box_external_id)
        display.set_shop(self._config.store_name, self._config.shop_logo)

    @property
    def mode(self) -> str:
        if self._shown_by_menu is None:
            return self._mode
        if not self._shown_by_menu:
            return DISPLAY_OFF
        return self._mode if self._mode != DISPLAY_OFF else DISPLAY_WINDOW

    def apply(self, config: Config) -> None:
        """The saved settings (at start-up and after Settings' OK)."""
        self._mode = config.customer_display
        self._wanted = config.customer_display_screen
        self._shown_by_menu = None  # Settings just said what the shop wants
        self._config = config
        if self._display is not None:
            self._configure(self._display)
        self.place()

    def _menu_toggled(self, on: bool) -> None:
        if on != (self.mode != DISPLAY_OFF):
            self._shown_by_menu = on
            self.place()

    def _screens_changed(self, _screen: QScreen | None = None) -> None:
        # After Qt has finished moving windows off a screen that went away.
        QTimer.singleShot(0, self.place)

    def _cashier_screen(self) -> str:
        screen = self._cashier.screen()
        return screen.name() if screen is not None else ""

    def place(self) -> None:
        if self._detached:  # a screen change queued while the app was closing
            return
        mode = self.mode
        screens = self._screens()
        placed = place_display(mode, screens, self._wanted, self._cashier_screen())
        self.placement = placed
        self.action.blockSignals(True)
        self.action.setChecked(placed is not None)
        self.action.blockSignals(False)
        if placed is None:
            if self._display is not None:
                self._display.hide()
            return
        display = self.display
        if placed.full_screen:
            display.setWindowState(Qt.WindowState.WindowNoState)
            display.setGeometry(*_xywh(placed.rect))
            handle = display.windowHandle()
            qscreen = _qscreen(placed.screen.name)
            if handle is not None and qscreen is not None:
                handle.setScreen(qscreen)
            display.showFullScreen()
        else:
            if display.isFullScreen():
                display.showNormal()
            display.show()
            set_frame_rect(display, self.window_rect or placed.rect)
        log.info(
            "customer display: %s on %s",
            "full screen" if placed.full_screen else "window",
            placed.screen.name,
        )

    def detach(self) -> None:
        self._detached = True
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenAdded.disconnect(self._screens_changed)
            app.screenRemoved.disconnect(self._screens_changed)


def _xywh(rect: Rect) -> tuple[int, int, int, int]:
    return rect.x, rect.y, rect.w, rect.h


def _qscreen(name: str) -> QScreen | None:
    return next((s for s in QGuiApplication.screens() if s.name() == name), None)
