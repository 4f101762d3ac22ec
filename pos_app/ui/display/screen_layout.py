"""Where windows go, as pure functions over rectangles (no Qt: tested over any screen size).

Two questions:

* :func:`place_display`: on which screen the customer display opens, and how (a window or the
  whole screen). The chosen screen by name; if it is not connected, any screen but the
  cashier's; with one screen, a window beside the counter's (never full screen over it).
* :func:`demo_layout`: the demo's windows (the cashier's, the customer's phone and, if asked,
  the customer display) side by side on the available screen area. At 1600×900 all three fit
  without touching; on smaller screens the cashier's window keeps its minimum size and the
  others may cover the cart's lines, never the right-hand side where the total and the Charge
  button are (:func:`protected_area`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pos_app.settings.rules import DISPLAY_FULL_SCREEN, DISPLAY_OFF, DISPLAY_WINDOW

GAP = 8  # pixels between windows
CASHIER_MIN = (800, 600)  # MainWindow.setMinimumSize
PHONE_SIZE = (380, 680)
DISPLAY_MIN_WIDTH = 400
# The cashier's window: cart on the left (3 parts), totals and Charge on the right (2 parts).
# Everything right of this fraction of its width must stay visible.
SIDE_PANEL_STARTS = 0.56


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:  # exclusive
        return self.x + self.w

    @property
    def bottom(self) -> int:  # exclusive
        return self.y + self.h

    def intersects(self, other: Rect) -> bool:
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )

    def contains(self, other: Rect) -> bool:
        return (
            self.x <= other.x
            and self.y <= other.y
            and other.right <= self.right
            and other.bottom <= self.bottom
        )


@dataclass(frozen=True)
class ScreenInfo:
    """What the placement needs to know of a screen (a ``QScreen`` in the app, fakes in tests)."""

    name: str
    geometry: Rect
    available: Rect  # without task bars and docks
    primary: bool = False


@dataclass(frozen=True)
class DisplayPlacement:
    screen: ScreenInfo
    full_screen: bool
    rect: Rect  # the window's frame (full screen: the whole screen)


def choose_screen(
    screens: Sequence[ScreenInfo], wanted: str, cashier_screen: str = ""
) -> ScreenInfo | None:
    """The screen named ``wanted`` if connected; else the first that is not the cashier's (nor
    the primary, when the cashier's is not known); else the cashier's own."""
    if not screens:
        return None
    for screen in screens:
        if wanted and screen.name == wanted:
            return screen
    busy = cashier_screen or next((s.name for s in screens if s.primary), "")
    for screen in screens:
        if screen.name != busy:
            return screen
    return screens[0]


def place_display(
    mode: str,
    screens: Sequence[ScreenInfo],
    wanted: str,
    cashier_screen: str = "",
    window_size: tuple[int, int] = (1024, 640),
) -> DisplayPlacement | None:
    """``None`` when the display is off or there is no screen at all.

    Full screen only on a screen of its own: asked for full screen on the cashier's only screen,
    it opens as a window, so the counter stays usable."""
    if mode == DISPLAY_OFF or mode not in (DISPLAY_WINDOW, DISPLAY_FULL_SCREEN):
        return None
    screen = choose_screen(screens, wanted, cashier_screen)
    if screen is None:
        return None
    busy = cashier_screen or next((s.name for s in screens if s.primary), "")
    on_cashiers = screen.name == busy or (not busy and len(screens) == 1)
    if mode == DISPLAY_FULL_SCREEN and not on_cashiers:
        return DisplayPlacement(screen, True, screen.geometry)
    area = screen.available
    w = min(window_size[0], area.w)
    h = min(window_size[1], area.h)
    # On the cashier's screen: at the right edge (the counter's window is usually left or
    # maximised; the cashier moves it once and the position is remembered by the window).
    x = area.right - w if on_cashiers else area.x + (area.w - w) // 2
    y = area.y + (area.h - h) // 2
    return DisplayPlacement(screen, False, Rect(x, y, w, h))


def protected_area(cashier: Rect) -> Rect:
    """The part of the cashier's window nothing may cover: the total and the Charge button."""
    left = cashier.x + int(cashier.w * SIDE_PANEL_STARTS)
    return Rect(left, cashier.y, cashier.right - left, cashier.h)


@dataclass(frozen=True)
class DemoLayout:
    cashier: Rect
    phone: Rect
    display: Rect | None


def demo_layout(
    area: Rect,
    *,
    with_display: bool,
    cashier_min: tuple[int, int] = CASHIER_MIN,
    phone_size: tuple[int, int] = PHONE_SIZE,
    display_min_width: int = DISPLAY_MIN_WIDTH,
    phone_min_height: int = 0,
) -> DemoLayout:
    """Frame rectangles for the demo's windows inside ``area`` (a screen's available area).

    Wide enough: cashier | phone | display, side by side, the cashier's window taking what the
    others leave (the display gets a third of what is left over the phone, at least its
    minimum). Too narrow: the cashier's window gets its minimum (or the whole area), and the
    phone and then the display go over the left part of it (the cart lines), never over
    :func:`protected_area`. ``phone_min_height``: what the phone's window cannot do without
    (the display gives up height first when both share the cart's side).
    """
    cashier_w_min = min(cashier_min[0], area.w)
    phone_w = min(phone_size[0], area.w)
    phone_h = min(phone_size[1], area.h)
    display_w = display_min_width if with_display else 0
    needed = cashier_w_min + GAP + phone_w + ((GAP + display_w) if with_display else 0)
    if needed <= area.w:
        spare = area.w - needed
        extra_display = spare // 3 if with_display else 0
        display_w += extra_display
        cashier_w = area.w - phone_w - GAP - ((GAP + display_w) if with_display else 0)
        cashier = Rect(area.x, area.y, cashier_w, area.h)
        phone = Rect(cashier.right + GAP, area.y, phone_w, phone_h)
        display = Rect(phone.right + GAP, area.y, display_w, area.h) if with_display else None
        return DemoLayout(cashier, phone, display)

    # Not enough room: the cashier's window first, as wide as allowed.
    if cashier_w_min + GAP + phone_w <= area.w:
        cashier = Rect(area.x, area.y, area.w - phone_w - GAP, area.h)
        phone = Rect(cashier.right + GAP, area.y, phone_w, phone_h)
        free = Rect(area.x, area.y, protected_area(cashier).x - area.x, area.h)
        display = _over_the_cart(free, display_min_width, area.h // 2) if with_display else None
        return DemoLayout(cashier, phone, display)
    cashier = Rect(area.x, area.y, area.w, area.h)
    free = Rect(area.x, area.y, protected_area(cashier).x - area.x, area.h)
    display = None
    if with_display:  # the display above, the phone below, both over the cart's lines
        phone_room = min(phone_h, max(phone_min_height, free.h - free.h * 2 // 5 - GAP))
        display = _over_the_cart(free, display_min_width, max(1, free.h - phone_room - GAP))
        below = Rect(free.x, display.bottom + GAP, free.w, free.bottom - display.bottom - GAP)
        phone = _over_the_cart(below, phone_w, phone_h, bottom=True)
    else:
        phone = _over_the_cart(free, phone_w, phone_h, bottom=True)
    return DemoLayout(cashier, phone, display)


def _over_the_cart(free: Rect, w: int, h: int, *, bottom: bool = False) -> Rect:
    """A window of at most ``w``×``h`` inside ``free`` (left-aligned; at its bottom if asked)."""
    w = max(1, min(w, free.w))
    h = max(1, min(h, free.h))
    y = free.bottom - h if bottom else free.y
    return Rect(free.x, y, w, h)
