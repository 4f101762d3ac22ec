"""Composition root for the window: the runtime, the bridge, the windows, and an orderly exit.

``pos-app`` calls :func:`main`; ``pos-app --demo`` calls ``main(demo=True)``, which also starts the
built-in Mercado Pago sandbox on a free loopback port, uses a throwaway data directory (never the
real configuration), loads a demo catalog and opens a second window: the customer's phone.

The demo's country: ``pos-app --demo --site MCO`` seeds the sandbox with a Colombian test seller
(pesos without decimals, IVA reported in every order) and loads ``demo_catalog_co.csv``. Without
``--site``, the locale's territory picks it when it is a Mercado Pago country (``LANG=es_CO`` →
Colombia, ``pt_BR`` → Brazil; ``LC_ALL``, then ``LC_MONETARY``, then ``LANG``, as POSIX orders
them), else Argentina. Only the demo: a real account's country is the one Mercado Pago says.

First run: with no access token, no account or no store and box, the setup assistant
(:mod:`pos_app.ui.settings.setup_assistant`) opens instead of a window that could not charge.
Its "Try the
demo first" makes :func:`run_windows` answer :data:`DEMO_REQUESTED`, and :func:`main` starts
again in demo mode. A settings file that was damaged (and put aside) is announced with a
non-modal notice. A damaged ledger stops nothing silently: before the window, a dialog offers a
fresh ledger or a backup (:mod:`pos_app.ui.maintenance.ledger_recovery`), the damaged file kept
aside.

Start-up shows the window first (issue 19): a first look at the settings file (the language,
the country) and the window's saved place; the window is built and painted with
"Connecting…" in its status bar; only then is the access token read from the keyring (on a
worker thread), and the runtime opened (ledger, HTTP client, engine, receiver) and handed to
the window, which enables charging. What the first frame does not need is imported after it.

Shutdown follows the design notes: the app does not quit when the last window closes; closing the
main window sets an ``asyncio.Event``, and :func:`main` then closes the engine, the HTTP client, the
ledger and the sandbox **while the event loop still runs**.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Mapping
from contextlib import AsyncExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

# The Qt-free modules of the first frame come before PySide6 (start-up time, issue 19): once
# PySide6 is imported, shiboken reads the source of each module an import statement brings in
# (its ``__feature__`` check, a fraction of a millisecond each); what is already imported by
# then skips most of those reads. The cart's and the catalog's modules (dataclasses, checks)
# are not needed before the first frame: the runtime brings them after it.
from pos_app.domain.money import DEFAULT_SITE_ID, SITES, Site, site_for
from pos_app.errors import UserFacingError
from pos_app.settings import paths
from pos_app.settings.first_look import FirstLook, first_look
from pos_app.system import logs

# isort: split
# PySide6 before qasync (imported in main() once the first frame is painted), or qasync may
# pick another Qt binding.
from PySide6.QtCore import QByteArray, QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.maintenance.support import catch_crashes
from pos_app.ui.qtkit.errors import describe_error, show_error, translate_message
from pos_app.ui.qtkit.single_instance import InstanceServer, hand_off
from pos_app.ui.qtkit.style import apply_stylesheet, resources_dir
from pos_app.ui.qtkit.translations import install_for_startup as install_translations
from pos_app.ui.qtkit.window_settings import read_geometry
from pos_app.ui.qtkit.workarounds import reserve_bool_references

if TYPE_CHECKING:
    # After the first frame (start-up time): imported where they are used. asyncio too: the
    # first frame is painted before the event loop starts.
    import asyncio

    from pos_app.runtime import Runtime
    from pos_app.sandbox.state import SandboxState
    from pos_app.settings.config import Config
    from pos_app.ui.display.controller import DisplayController
    from pos_app.ui.display.customer_display import CustomerDisplay
    from pos_app.ui.display.screen_layout import DemoLayout
    from pos_app.ui.qtkit.bridge import EngineBridge

log = logging.getLogger(__name__)

DEMO_TTL_MINUTES = 3  # long enough to play with, short enough to watch an order expire
DEMO_REQUESTED = -100  # run_windows' answer when the first-run assistant chose the demo


def main(
    *,
    demo: bool = False,
    argv: list[str] | None = None,
    demo_site: str | None = None,
    customer_display: bool = False,
) -> int:
    """Run the window until the cashier closes it; returns the process exit code.

    ``demo_site``: the demo's Mercado Pago site; ``None`` = from the locale (:func:`demo_site_for`).
    ``customer_display``: show the customer display for this run even if Settings say off.
    """
    site_id = demo_site_for(demo_site, os.environ)
    demo_home: str | None = None
    previous_home = os.environ.get("POS_APP_HOME")
    if demo:
        # Before anything reads a path: the demo must never touch the real ledger or config.
        demo_home = tempfile.mkdtemp(prefix="pos-app-demo-")
        os.environ["POS_APP_HOME"] = demo_home
    start_logging()
    reserve_bool_references()  # before qasync starts emitting (see qt_workarounds)
    # ``argv`` is Qt's: the program name first, then any Qt options (-platform, -style...).
    app = QApplication.instance() or QApplication(list(argv) if argv else ["pos-app"])
    assert isinstance(app, QApplication)
    # The first frame's few reads (the settings file's first look, the saved geometry: ~0.5 ms)
    # on the GUI thread, after QApplication (Qt takes the thread that makes its first object, the
    # QSettings there, for the main thread). A worker thread for them cost more than the reads:
    # its start and its hand-over (two waits for the GIL or a CPU) took 0.8 ms on an idle machine
    # and 2-12 ms on a busy one, and kept no file off the GUI thread: start_logging made the
    # data folder's logs folder there, and the log file is written there before the first frame
    # (start-up time, issue 19).
    app.setApplicationName("pos-app")
    app.setQuitOnLastWindowClosed(False)
    apply_stylesheet(app)
    reads = read_first(demo)
    # Before any window (demo too): config.language, else the locale.
    install_translations(reads.look.language)
    if not demo and hand_off():  # already running on this data folder: raised, not refused
        return 0
    # The first frame before the event loop, asyncio and the runtime: the window, painted.
    site = site_for(site_id) if demo else first_site(reads.look)
    window = show_first_window(site, reads.geometry) if site is not None else None
    set_window_icon(app)  # before any other window (the setup assistant, dialogs)
    try:
        import qasync

        code = int(
            qasync.run(
                run_windows(
                    demo=demo,
                    demo_site=site_id,
                    customer_display=customer_display,
                    first=reads,
                    window=window,
                )
            )
        )
    except Exception as exc:  # start-up failed (ledger locked, unreadable files...)
        # The loop has ended, so a blocking message box is safe here (and nothing else is).
        if isinstance(exc, UserFacingError):
            log.error("could not start: %s", exc)
        else:
            log.exception("could not start")
        return cannot_start(exc)
    finally:
        if window is not None:  # run_windows disposes of it; not if it never ran
            with contextlib.suppress(RuntimeError):  # already deleted
                window.hide()
                window.deleteLater()
        if demo_home is not None:
            logs.remove_file()  # closed before its folder goes
            shutil.rmtree(demo_home, ignore_errors=True)
            if previous_home is None:
                os.environ.pop("POS_APP_HOME", None)
            else:
                os.environ["POS_APP_HOME"] = previous_home
    if code == DEMO_REQUESTED and not demo:
        # The first-run assistant's "Try the demo first": same process, a fresh loop.
        return main(demo=True, argv=argv, demo_site=demo_site, customer_display=customer_display)
    return code


def set_window_icon(app: QApplication) -> None:
    """The app's icon on its windows, set right after the first frame: QIcon's enums cost ~10 M
    instructions before it (start-up time, issue 19). A task bar that takes the icon from the
    desktop entry (Linux) or the executable (the Windows bundle) shows the same picture from
    the start; elsewhere the title bar may show the system's icon for that one frame."""
    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(str(resources_dir() / "icon.png")))


def cannot_start(exc: BaseException) -> int:
    """Say why the app cannot start, in a blocking box (no event loop runs here); exit code 1."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(
        None,
        QCoreApplication.translate("App", "The counter app cannot start"),
        describe_error(exc),
    )
    return 1


def start_logging() -> None:
    """The console (unless the command line set it up) and the rotating file in the data folder
    (the demo's own throwaway folder in demo mode); secrets redacted in both."""
    if not any(getattr(h, "_pos_app_handler", None) for h in logging.getLogger().handlers):
        logs.setup(1)
    try:
        logs.add_file(paths.logs_dir())
    except OSError as exc:  # a read-only data folder: the window still opens
        log.warning("no log file: %s", exc)


class FirstReads(NamedTuple):
    """What the first frame needs from files (:func:`read_first`).
    A named tuple: a frozen dataclass took ~6x longer to define, before the first frame."""

    look: FirstLook  # the settings file's language, country and "looks configured"
    geometry: QByteArray  # the window's place and size last time (empty: none saved)


def read_first(demo: bool) -> FirstReads:
    """A first look at the settings file and the window's saved geometry; never raises. The
    settings are loaded properly (checked, repaired) after the first frame, off the GUI
    thread."""
    return FirstReads(first_look(), read_geometry("main"))


def first_site(look: FirstLook) -> Site | None:
    """The country to build the first window for: ``None`` when the settings do not look like
    a till that can sell (the setup assistant is likely to open instead)."""
    if not look.looks_configured or look.site_id.upper() not in SITES:
        return None
    return site_for(look.site_id)


def can_sell_with(config: Config) -> bool:
    """The settings name an account, a store and a box (the access token is checked after the
    first frame; without one, :func:`~pos_app.settings.account.needs_setup` opens the
    assistant)."""
    return config.user_id is not None and config.is_configured


async def run_windows(
    *,
    demo: bool = False,
    demo_site: str = DEFAULT_SITE_ID,
    customer_display: bool = False,
    first: FirstReads | None = None,
    window: MainWindow | None = None,
) -> int:
    """The windows until the cashier closes the main one: first the window ("Connecting…"),
    then the runtime. ``first``: what :func:`main` already read (None: read here);
    ``window``: the window :func:`main` already painted for the first look's site."""
    import asyncio

    if first is None:
        first = await asyncio.to_thread(read_first, demo)
    async with AsyncExitStack() as stack:
        closed = asyncio.Event()
        phone_place: tuple[str, str] | None = None
        problem: str = ""
        if demo:
            window = window or MainWindow(site=site_for(demo_site), geometry=first.geometry)
            window.demo = True  # Help → About says so
            window = await adopt_window(stack, closed, window)
            rt, base_url, box = await open_demo(stack, demo_site)
            phone_place = (base_url, box)
        else:
            from pos_app.settings import config as config_mod

            window_stack: AsyncExitStack | None = None
            site = first_site(first.look)
            if window is None and site is not None:  # the window first; what it needs after
                window = MainWindow(site=site, geometry=first.geometry)
            if window is not None:
                window_stack = await stack.enter_async_context(AsyncExitStack())
                window = await adopt_window(window_stack, closed, window)
            # Checked, repaired and put aside if damaged: off the GUI thread too.
            loaded = await asyncio.to_thread(config_mod.load)
            config = loaded.config
            problem = translate_message(loaded.problem) if loaded.problem else ""
            if window is not None and (
                not can_sell_with(config) or config.site_id != window.site.site_id
            ):  # the first look was wrong (a damaged file): no window that cannot charge
                assert window_stack is not None
                await window_stack.aclose()
                window = None
            if window is not None:
                window.show_config(config)
            # After the first frame: the keyring, and the modules that bring httpx.
            from pos_app.settings import secrets
            from pos_app.settings.account import needs_setup
            from pos_app.system import tls

            # The keyring can take a while (a desktop's secret service), and the HTTP client's
            # TLS context loads the CA bundle (~20 ms): both on worker threads, at once.
            source, _ = await asyncio.gather(
                asyncio.to_thread(secrets.load_token),  # the runtime takes it from here
                asyncio.to_thread(tls.client_context),
            )
            token, origin = source.token, source.origin
            if needs_setup(config, token):
                from pos_app.ui.settings.setup_assistant import run_setup_assistant

                if window_stack is not None:  # the token is gone: no window that cannot charge
                    await window_stack.aclose()
                    window = None
                # Nothing to sell with yet: the assistant instead of an unusable window.
                outcome = await run_setup_assistant(loaded, source)
                if outcome is None:
                    return 0
                if outcome.demo or outcome.config is None:
                    return DEMO_REQUESTED
                config, problem = outcome.config, ""
                # A token the keyring could not keep serves this session only; otherwise the
                # runtime reads the one the assistant just saved.
                token, origin = outcome.token, "session"
            if window is None:
                window = await adopt_window(
                    stack,
                    closed,
                    MainWindow(site=site_for(config.site_id), geometry=first.geometry),
                )
                window.show_config(config)
            opened = await open_runtime_or_recover(
                stack, config=config, token=token, token_origin=origin
            )
            if opened is None:  # a damaged ledger, and the cashier chose to quit
                return 0
            rt, recovered = opened
            problem = "\n\n".join(p for p in (problem, recovered) if p)
        from pos_app.ui.qtkit.bridge import EngineBridge
        from pos_app.ui.settings.backups import DailyBackup

        bridge = EngineBridge(rt.engine.bus)
        stack.callback(bridge.detach)
        window.attach(rt, bridge)
        if not closed.is_set():  # closed while connecting: straight to the orderly shutdown
            daily = DailyBackup(window, rt)  # at start-up, then whenever the date changes
            daily.start()
            stack.callback(daily.stop)
            display = open_customer_display(stack, window, bridge, rt, show=customer_display)
            if problem:  # damaged settings or ledger put aside: say so, keep selling
                from pos_app.ui.widgets.form_parts import show_notice

                show_notice(window, problem)
            if phone_place is not None:
                await open_phone(stack, window, rt, *phone_place, display=display)
            await resume(window, rt, display.built)
            from pos_app.system.memory import settle_after_start_up

            settle_after_start_up()  # ~20 ms less in every later full collection
        await closed.wait()
        # Let calls the cashier started finish being cancelled before the engine closes.
        for task in window.tasks.cancel_all():
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
    return 0


def show_first_window(site: Site, geometry: QByteArray, timeout_ms: int = 2000) -> MainWindow:
    """The cashier's window for ``site``, shown and painted before the event loop starts (a
    local Qt loop until its first frame is done; at most ``timeout_ms`` for a window that is
    never painted, hidden or minimized)."""
    window = MainWindow(site=site, geometry=geometry)
    window.show()
    if not window.has_painted:
        wait = QEventLoop()
        window.painted.connect(wait.quit)
        QTimer.singleShot(timeout_ms, wait.quit)
        wait.exec()
    return window


async def adopt_window(
    stack: AsyncExitStack, closed: asyncio.Event, window: MainWindow
) -> MainWindow:
    """The cashier's window, shown and painted ("Connecting…"), before the runtime: closing it
    sets ``closed``; Ctrl-C closes it; a crash is reported on it; a second start raises it."""
    stack.callback(window.deleteLater)
    stack.callback(window.hide)
    window.closed.connect(closed.set)
    if window.was_closed:  # closed while main() painted it: shut down as soon as possible
        closed.set()
    else:
        window.show()
    from pos_app.ui.qtkit.terminal_signals import close_on_terminal_signals  # after the frame

    stack.enter_context(close_on_terminal_signals(window))
    stack.enter_context(catch_crashes(window.crashes))  # a bug: logged, a dialog, selling on
    await first_paint(window)
    instance = InstanceServer(window)  # a second start raises this window
    instance.listen()
    stack.callback(instance.close)
    return window


async def first_paint(window: MainWindow, timeout: float = 2.0) -> None:
    """Until ``window``'s first frame is painted (a hidden or minimized window is never painted:
    then at most ``timeout`` seconds)."""
    import asyncio

    if window.has_painted or not window.isVisible():
        return
    painted = asyncio.get_running_loop().create_future()

    def done() -> None:
        if not painted.done():
            painted.set_result(None)

    window.painted.connect(done)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(painted, timeout)


async def open_runtime_or_recover(
    stack: AsyncExitStack, **kwargs: Any
) -> tuple[Runtime, str] | None:
    """The runtime; with a damaged ledger, first the way back (a fresh ledger or a backup, the
    damaged file kept aside) and then the runtime on the recovered ledger. ``None``: the cashier
    chose to quit. The text says what the recovery did ("" when there was none)."""
    from pos_app.ledger.store import LedgerDamagedError
    from pos_app.runtime import open_runtime
    from pos_app.ui.maintenance.ledger_recovery import ask_ledger_recovery, recovered_notice

    notice = ""
    while True:
        try:
            rt = await stack.enter_async_context(open_runtime(**kwargs))
        except LedgerDamagedError as exc:
            log.error("the ledger is damaged: %s", exc.detail)
            done = await ask_ledger_recovery(exc)
            if done is None:
                return None
            notice = recovered_notice(done)
            continue
        return rt, notice


async def resume(window: MainWindow, rt: Runtime, display: CustomerDisplay | None = None) -> None:
    """Re-check the sales the last run left open; reopen the payment panel for this box's."""
    # Each on its own: a sale the engine could not re-check must not keep the refunds left
    # unconfirmed (money that may have left the shop) from being checked, nor the reverse.
    for step in (rt.engine.resume, window.resume_refunds):
        try:
            await step()
        except Exception as exc:  # the window is up: tell the cashier, keep running
            show_error(window, exc)
    sale = rt.engine.open_sale()
    if sale is not None:
        window.show_open_sale(sale)
        if display is not None:
            display.show_open_sale(sale)


# == demo mode ===================================================================================
# Locale territory → Mercado Pago site, for the demo's default country.
TERRITORY_SITES = {
    "AR": "MLA",
    "BR": "MLB",
    "MX": "MLM",
    "UY": "MLU",
    "PE": "MPE",
    "CL": "MLC",
    "CO": "MCO",
}


def demo_site_for(explicit: str | None, environ: Mapping[str, str]) -> str:
    """The demo's site: ``--site`` if given, else the locale's country if Mercado Pago has a
    site there (the first of ``LC_ALL``, ``LC_MONETARY``, ``LANG`` that is set decides, as in
    POSIX), else Argentina."""
    if explicit:
        return site_for(explicit).site_id
    for name in ("LC_ALL", "LC_MONETARY", "LANG"):
        value = environ.get(name, "")
        if value:
            language = value.split(".")[0].split("@")[0]
            _, _, territory = language.partition("_")
            return TERRITORY_SITES.get(territory.upper(), DEFAULT_SITE_ID)
    return DEFAULT_SITE_ID


def demo_catalog_path(site_id: str = DEFAULT_SITE_ID) -> Path:
    """Colombian products and integer peso prices (IVA 0, 5, 19 %) for the sites whose money has
    no decimals (MCO, MLC); the Argentine almacén, prices with cents, for the others."""
    if site_for(site_id).decimals == 0:
        return resources_dir() / "demo_catalog_co.csv"
    return resources_dir() / "demo_catalog.csv"


def demo_config(state: SandboxState) -> Config:
    """The seeded sandbox seller's store and box, as a configured till would have them."""
    from pos_app.settings.config import Config

    return Config(
        user_id=state.seller_id,
        site_id=state.site_id,
        nickname="DEMO",
        is_test_user=True,
        store_external_id=state.store_external_id,
        store_name=QCoreApplication.translate("App", "Almacén Don Pepe (demo)"),
        box_external_id=state.box_external_id,
        box_name=QCoreApplication.translate("App", "Box 1"),
        order_ttl_minutes=DEMO_TTL_MINUTES,
        sound_on_paid=True,
    )


async def open_demo(
    stack: AsyncExitStack, site_id: str = DEFAULT_SITE_ID
) -> tuple[Runtime, str, str]:
    from pos_app.mercadopago.credentials import AccessToken
    from pos_app.runtime import open_runtime
    from pos_app.sandbox.app import create_sandbox_app
    from pos_app.sandbox.server import SandboxServer
    from pos_app.sandbox.state import SandboxState
    from pos_app.settings.memory_keyring import memory_keyring

    # A token typed into Settings during the demo must never reach the computer's keyring.
    stack.enter_context(memory_keyring())
    state = SandboxState.seeded(site_id)
    server = await stack.enter_async_context(SandboxServer(create_sandbox_app(state)))
    rt = await stack.enter_async_context(
        open_runtime(
            config=demo_config(state),
            token=AccessToken(state.seller_token),
            base_url=server.base_url,
        )
    )
    report = rt.ledger.catalog.import_csv(demo_catalog_path(site_id), rt.site)
    for line_no, problem in report.errors:
        log.warning("demo catalog line %s: %s", line_no, problem)
    log.info(
        "demo: %s sandbox at %s, %s products, data in %s",
        site_id,
        server.base_url,
        report.imported,
        os.environ.get("POS_APP_HOME"),
    )
    return rt, server.base_url, state.box_external_id


def open_customer_display(
    stack: AsyncExitStack, window: MainWindow, bridge: EngineBridge, rt: Runtime, *, show: bool
) -> DisplayController:
    """The customer display's controller and its item in the Tools menu; the display, placed
    as Settings say (``show``: at least as a window), is built when it is first shown."""
    from pos_app.settings.rules import DISPLAY_OFF, DISPLAY_WINDOW
    from pos_app.ui.display.controller import DisplayController

    def make_display() -> CustomerDisplay:
        from pos_app.ui.display.customer_display import CustomerDisplay
        from pos_app.ui.qtkit.async_utils import delete_when_settled

        display = CustomerDisplay(rt.site)
        # Its logo's reading canceled, and deleted once that has ended (never under it).
        stack.callback(lambda: delete_when_settled(display, display.tasks.cancel_all()))
        stack.callback(display.close)
        display.follow(window.model, bridge, rt.config.box_external_id)  # renders the cart
        display.follow_cashier(window)  # Esc and cash at once; mid-charge, the charge
        return display

    config = rt.config
    if show and config.customer_display == DISPLAY_OFF:
        config = config.with_changes(customer_display=DISPLAY_WINDOW)
    controller = DisplayController(make_display, window, config, parent=window)
    stack.callback(controller.detach)
    window.tools_menu.addAction(controller.action)
    window.settingsApplied.connect(controller.apply)
    return controller


def lay_out_demo(window: MainWindow, phone: QWidget, display: DisplayController) -> DemoLayout:
    """The demo's windows side by side on the cashier's screen (:func:`demo_layout`)."""
    from pos_app.settings.rules import DISPLAY_OFF
    from pos_app.ui.display.controller import rect_of, set_frame_rect
    from pos_app.ui.display.screen_layout import Rect, demo_layout

    screen = window.screen()
    area = rect_of(screen.availableGeometry()) if screen is not None else Rect(0, 0, 1600, 900)
    extra_w = window.frameGeometry().width() - window.geometry().width()
    extra_h = phone.frameGeometry().height() - phone.geometry().height()
    cashier_min = window.minimumSize().expandedTo(window.minimumSizeHint())
    layout = demo_layout(
        area,
        with_display=display.mode != DISPLAY_OFF,
        cashier_min=(cashier_min.width() + extra_w, cashier_min.height()),
        phone_min_height=phone.minimumSizeHint().height() + extra_h,
    )
    set_frame_rect(window, layout.cashier)
    set_frame_rect(phone, layout.phone)
    display.window_rect = layout.display or demo_layout(area, with_display=True).display
    shown, placed = display.built, display.placement
    if layout.display is not None and shown and placed and not placed.full_screen:
        set_frame_rect(shown, layout.display)
    return layout


async def open_phone(
    stack: AsyncExitStack,
    window: MainWindow,
    rt: Runtime,
    base_url: str,
    box: str,
    *,
    display: DisplayController,
) -> None:
    from pos_app.ui.demo.phone_window import CustomerPhoneWindow

    phone = CustomerPhoneWindow(base_url, box, rt.site)
    stack.callback(phone.deleteLater)
    stack.push_async_callback(phone.aclose)
    stack.callback(phone.close)
    phone.show()
    lay_out_demo(window, phone, display)
    # Shown or hidden from the menu later: the windows make room again.
    display.action.toggled.connect(lambda _on: lay_out_demo(window, phone, display))
    phone.start()
    # The keyboard (and the barcode scanner) belong to the cashier's window, not the phone.
    window.raise_()
    window.activateWindow()


if __name__ == "__main__":  # pragma: no cover - ``python -m pos_app.app`` for development
    sys.exit(
        main(demo="--demo" in sys.argv[1:], customer_display="--customer-display" in sys.argv[1:])
    )
