"""``pos-app receipt REF``: as text, to an ESC/POS file or device, and as a PDF whose extracted
text (pypdf) holds the receipt, in each shipped language and for Colombia (MCO)."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from pos_app.cli import main
from pos_app.domain.money import site_for
from pos_app.ledger.store import Ledger
from pos_app.settings import config as config_mod
from pos_app.settings import paths
from pos_app.settings.config import Config
from tests.ledger_sales import record_sale
from tests.receipts.conftest import ARG_LINES, COL_LINES


def pdf_reader(path: Path) -> Any:
    """pypdf's reader of the file: pypdf imported here, by the few tests that read a PDF, not
    by every worker while it collects (~0.08 s)."""
    from pypdf import PdfReader

    return PdfReader(path)


def pdf_text(path: Path) -> str:
    """The PDF's text with its tabs, non-breaking spaces and ligatures (ﬁ) made plain."""
    raw = "\n".join(page.extract_text() for page in pdf_reader(path).pages)
    return " ".join(unicodedata.normalize("NFKC", raw).split())


NOW = datetime(2026, 12, 1, 15, 4, tzinfo=UTC)


def paid_sale(site_id: str, lines, language: str = "es") -> str:
    config_mod.save(
        Config(
            site_id=site_id,
            store_external_id="SUC001",
            store_name="Sucursal Centro",
            box_external_id="CAJA01",
            box_name="Caja 1",
            receipt_shop_name="Almacén Don José",
            receipt_header="Calle 10 # 5-51, Bogotá",
            language=language,
        )
    )
    site = site_for(site_id)
    from pos_app.domain.cart import Cart

    cart = Cart(site)
    cart.restore(list(lines))
    ledger = Ledger(paths.ledger_path())
    try:
        sale = record_sale(
            ledger,
            lines,
            at=NOW,
            site=site,
            total=cart.total(),
            iva_total=cart.iva_total() if site.reports_iva else None,
        )
    finally:
        ledger.close()
    return sale.external_reference


PDF_WORDS = {
    "en": ["SALE RECEIPT", "This is not a fiscal invoice.", "Paid with Mercado Pago (QR)"],
    "es": ["COMPROBANTE DE VENTA", "Documento no válido como", "Pagado con Mercado Pago (QR)"],
    "pt_BR": ["COMPROVANTE DE VENDA", "Não é documento fiscal.", "Pago com Mercado Pago (QR)"],
}


@pytest.mark.gui
@pytest.mark.parametrize("language", sorted(PDF_WORDS))
def test_a_colombian_receipt_as_pdf_in_each_language(tmp_path: Path, capsys, language, qapp):
    ref = paid_sale("MCO", COL_LINES, language)
    out = tmp_path / "receipt.pdf"
    assert main(["receipt", ref, "--pdf", str(out)]) == 0
    reader = pdf_reader(out)
    assert len(reader.pages) == 1
    page = reader.pages[0]
    width_mm = float(page.mediabox.width) / 72 * 25.4
    assert abs(width_mm - 80) < 0.5  # an 80 mm roll
    text = pdf_text(out)
    for word in [
        *PDF_WORDS[language],
        ref,
        "Almacén Don José",
        "$ 59.800",
        "$ 2.491",
        "$ 1.800",
        "5550001",
    ]:
        assert word in text, (word, text)
    assert "IVA 19 %" in text and "IVA 5 %" in text


@pytest.mark.gui
def test_a4_and_58_mm(tmp_path: Path, qapp):
    ref = paid_sale("MLA", ARG_LINES, "en")
    a4, roll = tmp_path / "a4.pdf", tmp_path / "58.pdf"
    assert main(["receipt", ref, "--pdf", str(a4), "--paper", "A4"]) == 0
    assert main(["receipt", ref, "--pdf", str(roll), "--paper", "58"]) == 0
    assert round(float(pdf_reader(a4).pages[0].mediabox.width)) == 595  # A4 in points
    assert abs(float(pdf_reader(roll).pages[0].mediabox.width) / 72 * 25.4 - 58) < 0.5
    assert "$ 10.250,50" in pdf_text(roll)


def test_text_and_escpos_from_the_command_line(tmp_path: Path, capsys):
    ref = paid_sale("MLA", ARG_LINES, "es")
    assert main(["receipt", ref, "--paper", "58"]) == 0
    text = capsys.readouterr().out
    assert "COMPROBANTE DE VENTA" in text and "$ 10.250,50" in text
    assert max(len(line) for line in text.splitlines()) <= 32
    device = tmp_path / "lp0"
    assert main(["receipt", ref, "--escpos", str(device)]) == 0
    data = device.read_bytes()
    assert data.startswith(b"\x1b@\x1bt\x02") and b"\x1dV" in data
    assert "Almacén Don José".encode("cp850") in data


def test_unknown_sale_and_a_dead_printer(tmp_path: Path, capsys):
    ref = paid_sale("MLA", ARG_LINES, "en")
    assert main(["receipt", "NOPE_1"]) == 2
    assert main(["receipt", ref, "--escpos", str(tmp_path / "gone" / "lp0")]) == 1
    assert "not connected" in capsys.readouterr().err
    assert main(["receipt", ref, "--escpos", "usb:zz"]) == 2
