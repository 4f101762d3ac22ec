"""ESC/POS bytes from python-escpos's Dummy printer: the code page chosen once, the text in it,
characters it lacks replaced, styles, the optional QR, and the cut at the end."""

from __future__ import annotations

import pytest
from escpos.printer import Dummy

from pos_app.domain.money import site_for
from pos_app.receipts import layout
from pos_app.receipts.escpos import printable, render
from pos_app.receipts.language import translator
from pos_app.receipts.model import sale_receipt
from pos_app.receipts.service import ReceiptOptions, escpos_bytes
from tests.receipts.conftest import SHOP

INIT = b"\x1b@"
CP850 = b"\x1bt\x02"  # ESC t 2
CUT = b"\x1dV"  # GS V (python-escpos feeds, then cuts)
BOLD_ON = b"\x1bE\x01"
QR_IMAGE = b"\x1dv0"  # GS v 0: raster image


def cut_command() -> bytes:
    d = Dummy()
    d.cut()
    return bytes(d.output)


FOOTER = {
    "en": "This is not a fiscal invoice.",
    "es": "Documento no válido como factura.",
    "pt_BR": "Não é documento fiscal.",
}


@pytest.mark.parametrize("language", sorted(FOOTER))
@pytest.mark.parametrize("paper", [58, 80])
def test_the_receipt_bytes_in_each_language(arg_sale, language, paper):
    receipt = sale_receipt(arg_sale, site_for("MLA"), SHOP)
    data = escpos_bytes(receipt, ReceiptOptions(language, paper_mm=paper))
    assert data.startswith(INIT + CP850)
    assert data.count(b"\x1bt") == 1  # one code page for the whole receipt
    assert data.endswith(cut_command())
    assert BOLD_ON in data
    text = data.decode("cp850")
    assert "Almac\u00e9n Don Jos\u00e9" in text  # é is in CP850: kept
    for word in FOOTER[language].split():  # 32 columns wrap it
        assert word in text
    assert "$ 10.250,50" in text
    width = layout.columns_for(paper)
    assert "-" * width + "\n" in text and "-" * (width + 1) not in text
    assert QR_IMAGE not in data


def test_colombia_in_spanish_with_the_box_qr(col_sale):
    receipt = sale_receipt(col_sale, site_for("MCO"), SHOP)
    opts = ReceiptOptions("es", paper_mm=58, qr_data="00020101021243650016COM.MERCADOLIBRE")
    data = escpos_bytes(receipt, opts)
    text = data.decode("cp850", errors="replace")
    for expected in ("IVA 19 % incluido", "$ 2.491", "IVA 5 % incluido", "$ 1.800", "$ 59.800"):
        assert expected in text
    assert "Caf\u00e9 \u00c1guila Roja" in text
    assert QR_IMAGE in data and data.index(QR_IMAGE) > text.index("Documento no válido")
    assert data.endswith(cut_command())


def test_characters_the_code_page_lacks_are_replaced_sensibly():
    assert printable("₲ 10.000 — “ok” …", "CP850") == 'Gs 10.000 - "ok" ...'
    assert printable("Señor café ¿qué? ação", "CP850") == "Señor café ¿qué? ação"
    assert printable("Señor café ¿qué? ação", "ASCII") == "Senor cafe ?que? acao"
    assert printable("Łódź ő 漢", "CP850") == "Lódz o ?"
    assert printable("€5", "CP858") == "€5" and printable("€5", "CP850") == "EUR5"


def test_ascii_printers_get_only_ascii_text(arg_sale):
    receipt = sale_receipt(arg_sale, site_for("MLA"), SHOP)
    data = escpos_bytes(receipt, ReceiptOptions("es", code_page="ASCII"))
    assert data.startswith(INIT + b"\x1bt\x00") and data.count(b"\x1bt") == 1
    text_bytes = data.replace(cut_command(), b"")
    assert max(text_bytes) < 0x80
    assert b"Almacen Don Jose" in text_bytes
    assert b"Documento no valido como factura." in text_bytes


def test_render_without_cut_feeds_instead():
    lines = layout.layout(
        sale_receipt(
            __import__("tests.receipts.conftest", fromlist=["x"]).make_sale("MLA"),
            site_for("MLA"),
            SHOP,
        ).texts(translator("en")),
        32,
    )
    assert not render(lines, cut=False).endswith(cut_command())
    assert render(lines).endswith(cut_command())
