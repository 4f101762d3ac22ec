"""The file types a CSV export offers in the save dialog (the sales' and the catalog's).

Where the decimal mark is a comma (Argentina, Brazil, Chile, Colombia, Uruguay) Excel opens a
standard ``.csv`` in one column, every amount as text: its own kind (semicolons, decimal commas;
:mod:`pos_app.domain.spreadsheet`) is offered first there, the standard kind second. Elsewhere
(Mexico, Peru) the standard kind alone.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pos_app.domain.money import Site


def export_filters(site: Site) -> list[str]:
    """The save dialog's name filters, the first offered first."""
    standard = QCoreApplication.translate("CsvExport", "CSV files (*.csv)")
    if site.decimal_sep != ",":
        return [standard]
    excel = QCoreApplication.translate(
        "CsvExport", "CSV for Excel: semicolons, decimal comma (*.csv)"
    )
    return [excel, standard]


def is_excel_kind(filters: list[str], chosen: str) -> bool:
    """Whether ``chosen`` (the dialog's selected filter) is Excel's kind of ``filters``."""
    return len(filters) > 1 and chosen == filters[0]
