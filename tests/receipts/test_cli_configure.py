"""``pos-app configure --receipt-…``: Settings → Receipts from a terminal (a till set up by
script or over SSH), with the page's limits and cleaning."""

from __future__ import annotations

import json

import pytest

from pos_app.cli import main
from pos_app.domain import text_fields as tf
from pos_app.settings import config as config_mod
from tests.thread_sandbox import ThreadSandbox, sandbox_fixture  # noqa: F401


def configure(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(["configure", *argv])
    except SystemExit as exc:  # refused by the parser
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_configure_sets_every_receipt_setting(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = configure(
        capsys,
        "--receipt-printer",
        " net:192.168.1.50:9100 ",
        "--receipt-paper",
        "58",
        "--receipt-code-page",
        "CP1252",
        "--receipt-shop-name",
        "Almacén\tDon José\x1b",
        "--receipt-header",
        "Av. Corrientes 1234\\nCUIT 20-12345678-9\n\nTel. 4444-5555",
        "--receipt-footer",
        "¡Gracias!",
        "--receipt-auto-print",
        "--receipt-print-qr",
        "--json",
    )
    assert code == 0, err
    shown = json.loads(out)
    saved = config_mod.load().config
    assert saved.receipt_printer == "net:192.168.1.50:9100"
    assert saved.receipt_paper_mm == 58 and saved.receipt_code_page == "CP1252"
    assert saved.receipt_shop_name == "Almacén Don José"  # one line, no ESC: a printer command
    # "\n" (two characters) or a new line starts a line; empty lines dropped, as Settings does
    assert saved.receipt_header == "Av. Corrientes 1234\nCUIT 20-12345678-9\nTel. 4444-5555"
    assert saved.receipt_footer == "¡Gracias!"
    assert saved.receipt_auto_print and saved.receipt_print_qr
    assert {k: v for k, v in shown.items() if k.startswith("receipt_")} == {
        "receipt_printer": "net:192.168.1.50:9100",
        "receipt_paper_mm": 58,
        "receipt_code_page": "CP1252",
        "receipt_shop_name": "Almacén Don José",
        "receipt_header": saved.receipt_header,
        "receipt_footer": "¡Gracias!",
        "receipt_auto_print": True,
        "receipt_print_qr": True,
    }
    # In words: the header's lines under each other, in the values' column.
    code, out, err = configure(capsys, "--no-receipt-auto-print")
    assert code == 0, err
    assert not config_mod.load().config.receipt_auto_print
    lines = out.splitlines()
    [header] = [i for i, line in enumerate(lines) if line.startswith("Receipt header:")]
    column = lines[header].index("Av. Corrientes")
    assert lines[header + 1] == " " * column + "CUIT 20-12345678-9"
    assert "net:192.168.1.50:9100, 58 mm paper, CP1252" in out
    assert "not known yet" in out  # the box's QR: no box configured here
    # "" clears each text and the printer
    code, _, err = configure(
        capsys,
        "--receipt-printer",
        "",
        "--receipt-shop-name",
        "",
        "--receipt-header",
        "",
        "--receipt-footer",
        "",
    )
    assert code == 0, err
    saved = config_mod.load().config
    assert (saved.receipt_printer, saved.receipt_shop_name) == ("", "")
    assert (saved.receipt_header, saved.receipt_footer) == ("", "")
    assert saved.receipt_paper_mm == 58  # what was not given stays


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (
            ["--receipt-shop-name", "N" * 61],
            "--receipt-shop-name: Shop name on the receipt: at most 60 characters, this one has 61.",
        ),
        (
            ["--receipt-header", "a\\n" * 150 + "b"],  # 151 lines: 301 characters with the \n
            "--receipt-header: Receipt header: at most 300 characters, this one has 301.",
        ),
        (["--receipt-footer", "F" * 301], "--receipt-footer: Receipt footer: at most 300"),
        (["--receipt-footer", "\x01\u200b"], "--receipt-footer: it is empty once control"),
        (["--receipt-printer", "usb:zz:1"], "--receipt-printer: "),
        (["--receipt-paper", "57"], "invalid choice: '57'"),
        (["--receipt-code-page", "UTF-8"], "invalid choice: 'UTF-8'"),
    ],
)
def test_configure_refuses_what_settings_refuses(
    argv: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = config_mod.saved_bytes()
    code, _, err = configure(capsys, *argv)
    assert code == 2, err
    assert words in err, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert config_mod.saved_bytes() == before


def test_the_limits_are_the_settings_pages() -> None:
    assert (tf.RECEIPT_SHOP_NAME.limit, tf.RECEIPT_HEADER.limit, tf.RECEIPT_FOOTER.limit) == (
        60,
        300,
        300,
    )


def test_configuring_the_box_keeps_its_qr_for_the_receipt(
    sandbox: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--receipt-print-qr`` prints the box's QR, which only Settings → Receipts kept: a till
    set up from a terminal printed receipts without it."""
    code, out, err = configure(capsys, "--store", "SUC001", "--box", "CAJA01", "--receipt-print-qr")
    assert code == 0, err
    saved = config_mod.load().config
    box = sandbox.state.find_box(sandbox.state.seller_id, "CAJA01")
    assert box is not None
    assert saved.box_qr_code and saved.box_qr_code == box.qr_code
    assert "printed under the receipt" in out
