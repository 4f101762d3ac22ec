"""Where a receipt is printed, and sending it there without ever holding up a sale.

A printer is written as one line (Settings → Receipts, ``pos-app receipt --escpos``):

- ``usb:04b8:0202``: vendor and product id (python-escpos through pyusb);
- ``net:192.168.1.50`` or ``net:192.168.1.50:9100``: a network printer's raw port;
- ``serial:/dev/ttyUSB0`` or ``serial:COM3@19200``: a serial port (9600 baud by default);
- ``file:/dev/usb/lp0``, or just a path: a device file (Linux's USB printer class) or a file;
- ``system:NAME`` (``system:`` alone = the default): a printer of the operating system, through
  Qt's print support (the window and ``pos-app receipt`` handle it, not this module).

:func:`send` runs the writing in a daemon thread and waits at most ``timeout`` seconds: a printer
that is off, unplugged or out of paper makes it raise :class:`PrintError` with words a cashier
understands (Linux's USB printer driver reports "out of paper" as ``ENOSPC``), and a write that
hangs is left behind in its thread rather than blocking the till. The sale is in the ledger
before anything is printed, so a failed print loses nothing: the receipt can be printed again.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import re
import threading
from dataclasses import dataclass
from typing import Any

from pos_app.errors import UserFacingError
from pos_app.i18n import QT_TRANSLATE_NOOP, Message
from pos_app.receipts import CODE_PAGES as CODE_PAGES  # where Settings and escpos found them
from pos_app.receipts import DEFAULT_CODE_PAGE as DEFAULT_CODE_PAGE

log = logging.getLogger(__name__)

CTX = "Printer"
DEFAULT_TIMEOUT = 10.0
GRACE = 1.0  # seconds :func:`send` waits past the device's own timeout
_HEX4 = r"(?:0x)?([0-9a-fA-F]{1,4})"
_USB = re.compile(rf"^usb:{_HEX4}:{_HEX4}$")
_NET = re.compile(r"^net:(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.\-]+)(?::([0-9]{1,5}))?$")
_SERIAL = re.compile(r"^serial:([^@]+)(?:@([0-9]{3,7}))?$")


class PrintError(UserFacingError):
    """The receipt did not print; the message says why (the sale itself is safe)."""


@dataclass(frozen=True)
class PrinterSpec:
    kind: str  # "usb" | "net" | "serial" | "file" | "system"
    target: str = ""  # host, device path, system printer name
    port: int = 9100  # net: TCP port; serial: baud rate
    vendor: int = 0
    product: int = 0

    @property
    def is_escpos(self) -> bool:
        return self.kind != "system"


def parse_printer(spec: str) -> PrinterSpec:
    """Read a printer line (see the module); raises ``ValueError`` carrying a :class:`Message`."""
    text = spec.strip()
    if not text:
        raise _bad(QT_TRANSLATE_NOOP("Printer", "No printer is chosen."))
    if not text.isprintable():  # a NUL or a new line in a device path or a printer's name
        raise _bad(QT_TRANSLATE_NOOP("Printer", "Write the printer's device or file path."))
    if text.startswith("system:"):
        return PrinterSpec("system", text[len("system:") :].strip())
    if text.startswith("usb:"):
        match = _USB.match(text)
        if not match:
            raise _bad(
                QT_TRANSLATE_NOOP(
                    "Printer", "A USB printer is written usb:VENDOR:PRODUCT, e.g. usb:04b8:0202."
                )
            )
        return PrinterSpec("usb", vendor=int(match[1], 16), product=int(match[2], 16))
    if text.startswith("net:"):
        match = _NET.match(text)
        port = int(match[2]) if match and match[2] else 9100
        if not match or not 0 < port < 65536:
            raise _bad(
                QT_TRANSLATE_NOOP(
                    "Printer", "A network printer is written net:ADDRESS or net:ADDRESS:PORT."
                )
            )
        return PrinterSpec("net", match[1].strip("[]"), port)
    if text.startswith("serial:"):
        match = _SERIAL.match(text)
        if not match:
            raise _bad(
                QT_TRANSLATE_NOOP(
                    "Printer", "A serial printer is written serial:PORT or serial:PORT@BAUD."
                )
            )
        return PrinterSpec("serial", match[1], int(match[2] or 9600))
    path = text[len("file:") :] if text.startswith("file:") else text
    if not path or "\x00" in path:
        raise _bad(QT_TRANSLATE_NOOP("Printer", "Write the printer's device or file path."))
    return PrinterSpec("file", path)


def printer_problem(spec: str) -> Message | None:
    """For the config check: ``None`` when ``spec`` is empty (no printer) or readable."""
    if not spec:
        return None
    try:
        parse_printer(spec)
    except ValueError as exc:
        return exc.args[0] if exc.args and isinstance(exc.args[0], Message) else None
    return None


def _bad(source: str) -> ValueError:
    return ValueError(Message(CTX, source))


def _device(spec: PrinterSpec, timeout: float) -> Any:
    """A python-escpos printer object for ``spec`` (not yet opened)."""
    from pos_app.receipts.escpos_cache import load_capabilities

    load_capabilities()  # before python-escpos's first import: its cache (escpos_cache says why)
    from escpos import printer as escpos_printer  # pyusb, pyserial: loaded on use

    if spec.kind == "usb":
        return escpos_printer.Usb(
            spec.vendor, spec.product, timeout=int(timeout * 1000), profile="default"
        )
    if spec.kind == "net":
        return escpos_printer.Network(spec.target, spec.port, timeout=timeout)
    if spec.kind == "serial":
        return escpos_printer.Serial(spec.target, baudrate=spec.port, timeout=timeout)
    return escpos_printer.File(spec.target)


def _write(spec: PrinterSpec, data: bytes, timeout: float) -> None:
    device = _device(spec, timeout)
    device.open()  # python-escpos raises DeviceNotFoundError (or an OSError) when absent
    try:
        device._raw(data)  # the bytes were rendered on the Dummy printer already
        if spec.kind == "file":
            device.flush()
    finally:
        device.close()


def _explain(spec: PrinterSpec, exc: BaseException) -> PrintError:
    """What went wrong, in words for the cashier; the technical detail goes to the log."""
    log.warning("printing to %s failed: %r", spec.kind, exc)
    code = exc.errno if isinstance(exc, OSError) else None
    if code == errno.ENOSPC:
        source = QT_TRANSLATE_NOOP("Printer", "The printer is out of paper.")
    elif code in (errno.ENOENT, errno.ENODEV, errno.ENXIO) or type(exc).__name__ in (
        "DeviceNotFoundError",
        "USBNotFoundError",
    ):
        source = QT_TRANSLATE_NOOP(
            "Printer", "The printer is not connected (unplugged, or turned off)."
        )
    elif code in (errno.EACCES, errno.EPERM):
        source = QT_TRANSLATE_NOOP(
            "Printer", "This computer's user may not use the printer (permission denied)."
        )
    elif isinstance(exc, TimeoutError | ConnectionError) or code in (
        errno.EHOSTUNREACH,
        errno.ENETUNREACH,
        errno.ECONNREFUSED,
    ):
        source = QT_TRANSLATE_NOOP(
            "Printer", "The printer does not answer: check that it is on and connected."
        )
    elif code == errno.EIO:
        source = QT_TRANSLATE_NOOP(
            "Printer", "The printer reports a problem: check that it is on, closed and has paper."
        )
    elif isinstance(exc, ImportError):
        source = QT_TRANSLATE_NOOP(
            "Printer", "This kind of printer needs a component that is not installed."
        )
    else:
        source = QT_TRANSLATE_NOOP("Printer", "The printer could not print ({error}).")
    return PrintError(Message(CTX, source, {"error": type(exc).__name__}))


def send(
    spec: PrinterSpec, data: bytes, *, timeout: float = DEFAULT_TIMEOUT, grace: float = GRACE
) -> None:
    """Write ``data`` to the printer, waiting at most about ``timeout`` seconds.

    The device's own timeout is ``timeout``; after ``timeout + grace`` seconds without an
    answer (a device that ignores its timeout, a file or pipe whose open() blocks) this gives
    up and leaves the write to its own thread. Blocking for the caller (the command line); the
    window uses :func:`send_async`.
    """
    if not spec.is_escpos:
        raise ValueError("system printers are printed through Qt")
    outcome: list[BaseException | None] = []
    done = threading.Event()

    def work() -> None:
        try:
            _write(spec, data, timeout)
            outcome.append(None)
        except BaseException as exc:  # reported to the waiting caller, never lost
            outcome.append(exc)
        finally:
            done.set()

    threading.Thread(target=work, name="receipt-printer", daemon=True).start()
    if not done.wait(timeout + grace):
        raise _explain(spec, TimeoutError("no answer"))
    error = outcome[0]
    if error is not None:
        raise _explain(spec, error)


async def send_async(
    spec: PrinterSpec, data: bytes, *, timeout: float = DEFAULT_TIMEOUT, grace: float = GRACE
) -> None:
    """:func:`send` without blocking the event loop (a thread of its own, never the loop's)."""
    import asyncio  # here: the settings' checks import this module, and ``pos-app sales`` too

    loop = asyncio.get_running_loop()
    future: asyncio.Future[None] = loop.create_future()

    def finish(error: BaseException | None) -> None:
        if future.done():
            return
        if error is None:
            future.set_result(None)
        else:
            future.set_exception(error)

    def work() -> None:
        try:
            send(spec, data, timeout=timeout, grace=grace)
            error: BaseException | None = None
        except BaseException as exc:
            error = exc
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile (app quitting)
            loop.call_soon_threadsafe(finish, error)

    threading.Thread(target=work, name="receipt-print-job", daemon=True).start()
    await future
