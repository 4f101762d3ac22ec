"""A loud bar across the top of the window for news the cashier must not miss.

Used for a payment that arrived after its sale had been canceled or had expired (found by a
re-check, possibly while the cashier is already on the next sale): the customer paid, so the
cashier must not charge again. It stays until the cashier acknowledges it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from pos_app.domain.money import Site, format_money
from pos_app.ui.qtkit.lazy_qt import set_enum

if TYPE_CHECKING:
    from pos_app.domain.records import SaleSnapshot  # after the first frame (issue 19)


class LatePaymentBar(QFrame):
    def __init__(self, site: Site, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("latePaymentBar")
        self._site = site
        self._references: list[str] = []
        self.label = QLabel()
        self.label.setObjectName("latePaymentText")
        self.label.setWordWrap(True)
        self.dismiss = QPushButton(self.tr("Understood"))
        self.dismiss.setObjectName("latePaymentDismiss")
        set_enum(self.dismiss, "focusPolicy", "NoFocus")
        self.dismiss.clicked.connect(self.acknowledge)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.dismiss)
        self.hide()

    @property
    def references(self) -> list[str]:
        return list(self._references)

    def add(self, sale: SaleSnapshot) -> None:
        if sale.external_reference not in self._references:
            self._references.append(sale.external_reference)
        self.label.setText(
            self.tr(
                "The customer DID pay sale {reference} ({amount}) after it was closed here — "
                "do not charge again. If you also took cash, give it back."
            ).format(
                reference=sale.external_reference,
                amount=format_money(sale.paid_amount or sale.total, self._site),
            )
        )
        self.show()

    def acknowledge(self) -> None:
        self._references.clear()
        self.hide()
