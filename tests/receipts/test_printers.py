"""Sending to a printer: the printer line, a file or device path, and the printers that are
off, unplugged, out of paper or silent: told in words, within the time limit, never a hang."""

from __future__ import annotations

import asyncio
import os
import socket
from pathlib import Path

import pytest

from pos_app.receipts.printers import (
    PrintError,
    PrinterSpec,
    parse_printer,
    printer_problem,
    send,
    send_async,
)


@pytest.mark.parametrize(
    ("line", "spec"),
    [
        ("usb:04b8:0202", PrinterSpec("usb", vendor=0x04B8, product=0x0202)),
        ("usb:0x0416:0x5011", PrinterSpec("usb", vendor=0x0416, product=0x5011)),
        ("net:192.168.1.50", PrinterSpec("net", "192.168.1.50", 9100)),
        ("net:printer.local:9101", PrinterSpec("net", "printer.local", 9101)),
        ("net:[fe80::1]:9100", PrinterSpec("net", "fe80::1", 9100)),
        ("serial:/dev/ttyUSB0", PrinterSpec("serial", "/dev/ttyUSB0", 9600)),
        ("serial:COM3@19200", PrinterSpec("serial", "COM3", 19200)),
        ("file:/dev/usb/lp0", PrinterSpec("file", "/dev/usb/lp0")),
        ("/dev/usb/lp0", PrinterSpec("file", "/dev/usb/lp0")),
        ("system:", PrinterSpec("system", "")),
        ("system:EPSON TM-T20", PrinterSpec("system", "EPSON TM-T20")),
    ],
)
def test_printer_lines(line, spec):
    assert parse_printer(line) == spec
    assert printer_problem(line) is None


@pytest.mark.parametrize(
    "line",
    ["usb:zz:1", "usb:04b8", "net:", "net:host:0", "net:host:70000", "serial:", "file:", "a\x00b"],
)
def test_bad_printer_lines_say_how_to_write_them(line):
    assert printer_problem(line) is not None
    with pytest.raises(ValueError):
        parse_printer(line)


def test_a_file_printer_gets_exactly_the_bytes(tmp_path: Path):
    target = tmp_path / "receipt.bin"
    send(parse_printer(str(target)), b"\x1b@hola\x1dV\x00")
    assert target.read_bytes() == b"\x1b@hola\x1dV\x00"


def test_an_unplugged_printer(tmp_path: Path):
    with pytest.raises(PrintError, match="not connected"):
        send(parse_printer(str(tmp_path / "missing" / "lp0")), b"x")


@pytest.mark.posix
def test_out_of_paper_is_what_the_usb_printer_driver_reports_as_enospc():
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with pytest.raises(PrintError, match="out of paper"):
        send(parse_printer("/dev/full"), b"x" * 10_000)


def test_a_network_printer_that_is_off():
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(PrintError):
        send(parse_printer(f"net:127.0.0.1:{port}"), b"x", timeout=2)


@pytest.mark.posix
def test_a_printer_that_never_answers_is_given_up_on_in_time(tmp_path: Path):
    fifo = tmp_path / "lp0"
    os.mkfifo(fifo)  # opening it for writing blocks forever: nobody reads
    # Without the timeout the open() would block for ever (and the test hit its own timeout).
    # A file's open() has no timeout of its own: it is given up on after timeout + grace.
    with pytest.raises(PrintError, match="does not answer"):
        send(parse_printer(str(fifo)), b"x", timeout=0.1, grace=0.1)


@pytest.mark.posix
def test_the_event_loop_keeps_running_while_a_printer_hangs(tmp_path: Path):
    fifo = tmp_path / "lp0"
    os.mkfifo(fifo)

    async def scenario() -> int:
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.005)
                ticks += 1

        task = asyncio.ensure_future(ticker())
        with pytest.raises(PrintError):  # after 0.4 s: ~80 ticks if the loop runs meanwhile
            await send_async(parse_printer(str(fifo)), b"x", timeout=0.2, grace=0.2)
        task.cancel()
        return ticks

    assert asyncio.run(scenario()) >= 10
