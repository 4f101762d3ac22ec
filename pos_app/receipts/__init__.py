"""Receipts ("tickets"): what is printed for a sale or a refund, and how it is printed.

- :mod:`.model`: the receipt itself, built from a ledger sale, as translatable texts (Qt-free);
- :mod:`.language`: the shop's language, read from the shipped ``.ts`` files without Qt;
- :mod:`.layout`: the receipt as fixed-width text lines (32 or 48 columns);
- :mod:`.escpos`: those lines as ESC/POS bytes (python-escpos), with a code-page fallback;
- :mod:`.printers`: sending the bytes to a USB, network, serial or file printer, off the
  caller's thread and within a time limit, so a dead printer never holds up a sale.

The PDF and the system printers need Qt: :mod:`pos_app.ui.receipts.pdf`.
"""

# The code pages a receipt can be written in (ESC t); ASCII for printers whose pages are unknown.
# Here, not in .printers: the settings file is checked against them without importing a printer.
CODE_PAGES = ("CP850", "CP858", "CP437", "CP1252", "ASCII")
DEFAULT_CODE_PAGE = "CP850"
