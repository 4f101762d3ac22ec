"""Placement of the customer display and the demo's window layout, over fake screens."""

from __future__ import annotations

import itertools

import pytest

from pos_app.ui.display.screen_layout import (
    CASHIER_MIN,
    PHONE_SIZE,
    Rect,
    ScreenInfo,
    choose_screen,
    demo_layout,
    place_display,
    protected_area,
)

LAPTOP = ScreenInfo("eDP-1", Rect(0, 0, 1366, 768), Rect(0, 0, 1366, 728), primary=True)
MONITOR = ScreenInfo("HDMI-1", Rect(1366, 0, 1920, 1080), Rect(1366, 0, 1920, 1080))
TABLET = ScreenInfo("DP-2", Rect(3286, 0, 1024, 600), Rect(3286, 0, 1024, 600))


def test_the_chosen_screen_wins_when_connected() -> None:
    assert choose_screen([LAPTOP, MONITOR, TABLET], "DP-2", "eDP-1") == TABLET


def test_a_missing_screen_falls_back_to_one_that_is_not_the_cashiers() -> None:
    assert choose_screen([LAPTOP, MONITOR], "DP-2", "eDP-1") == MONITOR
    # The cashier's window moved to the monitor: the display goes to the laptop's screen.
    assert choose_screen([LAPTOP, MONITOR], "DP-2", "HDMI-1") == LAPTOP
    # Cashier's screen unknown: the primary is taken to be the cashier's.
    assert choose_screen([LAPTOP, MONITOR], "", "") == MONITOR
    assert choose_screen([LAPTOP], "HDMI-1", "eDP-1") == LAPTOP
    assert choose_screen([], "HDMI-1", "eDP-1") is None


def test_full_screen_on_a_screen_of_its_own() -> None:
    placed = place_display("fullscreen", [LAPTOP, MONITOR], "HDMI-1", "eDP-1")
    assert placed is not None
    assert placed.full_screen and placed.screen == MONITOR
    assert placed.rect == MONITOR.geometry


def test_full_screen_never_covers_the_cashiers_only_screen() -> None:
    placed = place_display("fullscreen", [LAPTOP], "HDMI-1", "eDP-1")
    assert placed is not None and not placed.full_screen
    assert LAPTOP.available.contains(placed.rect)
    # Beside the counter: at the right edge of the screen.
    assert placed.rect.right == LAPTOP.available.right


def test_a_window_is_centred_on_another_screen_and_fits_a_small_one() -> None:
    placed = place_display("window", [LAPTOP, TABLET], "DP-2", "eDP-1")
    assert placed is not None and not placed.full_screen
    assert placed.rect == Rect(3286, 0, 1024, 600)  # shrunk to the tablet's area
    placed = place_display("window", [LAPTOP, MONITOR], "HDMI-1", "eDP-1")
    assert placed is not None
    assert MONITOR.available.contains(placed.rect)
    assert placed.rect.x == 1366 + (1920 - 1024) // 2


def test_off_places_nothing() -> None:
    assert place_display("off", [LAPTOP, MONITOR], "HDMI-1") is None
    assert place_display("bogus", [LAPTOP, MONITOR], "HDMI-1") is None
    assert place_display("window", [], "HDMI-1") is None


def _inside_and_apart(layout_rects: list[Rect], area: Rect) -> None:
    for rect in layout_rects:
        assert area.contains(rect), (rect, area)
    for a, b in itertools.combinations(layout_rects, 2):
        assert not a.intersects(b), (a, b)


def test_at_1600x900_the_three_demo_windows_share_the_screen_untouched() -> None:
    area = Rect(0, 0, 1600, 860)  # 1600×900 less a 40 px task bar
    layout = demo_layout(area, with_display=True)
    assert layout.display is not None
    _inside_and_apart([layout.cashier, layout.phone, layout.display], area)
    assert layout.cashier.w >= CASHIER_MIN[0] and layout.cashier.h >= CASHIER_MIN[1]
    assert layout.phone.w == PHONE_SIZE[0]
    assert layout.display.w >= 400


def test_at_1600x900_without_the_display_the_cashier_gets_the_room() -> None:
    area = Rect(0, 0, 1600, 900)
    layout = demo_layout(area, with_display=False)
    assert layout.display is None
    _inside_and_apart([layout.cashier, layout.phone], area)
    assert layout.cashier.w == 1600 - 8 - PHONE_SIZE[0]


@pytest.mark.parametrize(
    ("w", "h"),
    [(1920, 1080), (1600, 900), (1440, 900), (1366, 768), (1280, 720), (1024, 768), (800, 600)],
)
@pytest.mark.parametrize("with_display", [True, False])
def test_no_screen_size_hides_the_total_or_the_charge_button(
    w: int, h: int, with_display: bool
) -> None:
    area = Rect(0, 24, w, h - 24)  # a top panel, as on GNOME
    layout = demo_layout(area, with_display=with_display)
    others = [layout.phone] + ([layout.display] if layout.display else [])
    assert area.contains(layout.cashier)
    assert layout.cashier.w >= min(CASHIER_MIN[0], w)
    keep = protected_area(layout.cashier)
    for rect in others:
        assert area.contains(rect), (rect, area)
        assert not rect.intersects(keep), (rect, keep)
        assert rect.w > 0 and rect.h > 0
    assert (layout.display is not None) == with_display
    if layout.display is not None:
        assert not layout.display.intersects(layout.phone)


def test_a_second_screen_area_is_not_at_the_origin() -> None:
    area = Rect(1920, 0, 1600, 900)
    layout = demo_layout(area, with_display=True)
    assert layout.display is not None
    _inside_and_apart([layout.cashier, layout.phone, layout.display], area)


def test_on_a_small_screen_the_phone_keeps_the_height_it_needs() -> None:
    area = Rect(0, 0, 800, 800)
    layout = demo_layout(area, with_display=True, phone_min_height=534)
    assert layout.display is not None
    assert layout.phone.h >= 534
    assert area.contains(layout.phone) and area.contains(layout.display)
    assert not layout.phone.intersects(layout.display)
