"""Add or change one product: name, SKU, barcode, price, category, unit and (Colombia) IVA.

Every field says what is wrong under it, in the cashier's language, before anything is saved;
the last word is the CSV import's own rules (:func:`pos_app.ledger.catalog.product_from_fields`),
so a product typed here and one imported from a file obey the same checks. A non-modal dialog
opened with ``open()``: the qasync loop keeps running.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.cart import IVA_RATES, UnitMeasure
from pos_app.domain.catalog import Product
from pos_app.domain.money import Site
from pos_app.domain.pricing import SaleUnit
from pos_app.domain.text_fields import (
    PRODUCT_BARCODE,
    PRODUCT_CATEGORY,
    PRODUCT_NAME,
    PRODUCT_SKU,
)
from pos_app.domain.validation import clean_text
from pos_app.ledger.catalog import CatalogRepository, product_from_fields
from pos_app.ledger.catalog_import import RowProblem
from pos_app.ui.qtkit.errors import translate_message
from pos_app.ui.qtkit.keyboard import DiscardGuard, install_mnemonics
from pos_app.ui.qtkit.window_settings import resize_for_screen
from pos_app.ui.qtkit.workarounds import emit
from pos_app.ui.widgets.form_parts import SETTINGS_QSS, FieldBox, FormGrid, limit_length, note
from pos_app.ui.widgets.money_edit import MoneyEdit

log = logging.getLogger(__name__)


class ProductEditor(QDialog):
    saved = Signal(object)  # the Product as written to the catalog

    def __init__(
        self,
        catalog: CatalogRepository,
        site: Site,
        *,
        product: Product | None = None,
        barcode: str = "",
        parent: QWidget | None = None,
    ) -> None:
        """``product``: the one to change (None: a new one); ``barcode``: prefilled for a new
        product (a code scanned at the counter that the catalog did not know)."""
        super().__init__(parent)
        self.setObjectName("productEditor")
        self.setStyleSheet(SETTINGS_QSS)
        self._catalog = catalog
        self._site = site
        self._original = product
        self.setWindowTitle(self.tr("Change product") if product else self.tr("New product"))

        self.title = QLineEdit(product.title if product else "")
        self.title.setObjectName("productTitle")
        limit_length(self.title, PRODUCT_NAME)
        # A code scanned at the counter is a fine SKU too, until the shop prefers its own.
        self.sku = QLineEdit(product.sku if product else barcode)
        self.sku.setObjectName("productSku")
        limit_length(self.sku, PRODUCT_SKU)
        self.barcode = QLineEdit(product.barcode if product else barcode)
        self.barcode.setObjectName("productBarcode")
        limit_length(self.barcode, PRODUCT_BARCODE)
        self.price = MoneyEdit(site)
        self.price.setObjectName("productPrice")
        self.price.setMaximumWidth(220)
        if product is not None and not product.damaged:
            self.price.set_amount(product.unit_price)  # a damaged one: typed again, empty
        self.category = QLineEdit(product.category if product else "")
        self.category.setObjectName("productCategory")
        limit_length(self.category, PRODUCT_CATEGORY)
        self.unit = QComboBox()
        self.unit.setObjectName("productUnit")
        self.unit.addItem(self.tr("Unit"), UnitMeasure.UNIT.value)
        self.unit.addItem(self.tr("Pack"), UnitMeasure.PACK.value)
        # Sold by measure: the price is per kg (g, l, m) and the counter asks how much.
        self.unit.addItem(self.tr("By weight, price per kg"), SaleUnit.KG.value)
        self.unit.addItem(self.tr("By weight, price per g"), SaleUnit.G.value)
        self.unit.addItem(self.tr("By volume, price per litre"), SaleUnit.L.value)
        self.unit.addItem(self.tr("By length, price per metre"), SaleUnit.M.value)
        if product is not None:
            how = product.sale_unit.value if product.is_measured else product.unit_measure.value
            self.unit.setCurrentIndex(max(0, self.unit.findData(how)))
        self.iva: QComboBox | None = None
        if site.reports_iva:
            self.iva = QComboBox()
            self.iva.setObjectName("productIva")
            for rate in sorted(IVA_RATES, reverse=True):
                label = (
                    self.tr("IVA {rate} % (included in the price)").format(rate=rate)
                    if rate
                    else self.tr("Exempt from IVA")
                )
                self.iva.addItem(label, str(rate))
            current = str(product.iva_rate.normalize()) if product else "19"
            self.iva.setCurrentIndex(max(0, self.iva.findData(current)))

        self.title_field = FieldBox(self.title)
        self.sku_field = FieldBox(self.sku, self.tr("Your own code for the product."))
        self.barcode_field = FieldBox(
            self.barcode, self.tr("Optional: the number under the bars, for the scanner.")
        )
        self.price_field = FieldBox(
            self.price,
            self.tr("Price to the customer, e.g. {example}. Past sales keep their price.").format(
                example=self.price.example()
            ),
        )
        form = FormGrid()
        form.addRow(self.tr("Name:"), self.title_field)
        form.addRow(self.tr("SKU:"), self.sku_field)
        form.addRow(self.tr("Barcode:"), self.barcode_field)
        form.addRow(self.tr("Price:"), self.price_field)
        form.addRow(self.tr("Category:"), FieldBox(self.category, self.tr("Optional.")))
        form.addRow(self.tr("Sold by:"), self.unit)
        if self.iva is not None:
            form.addRow(self.tr("IVA:"), self.iva)

        self.footer = QLabel()
        self.footer.setObjectName("footerHint")
        self.footer.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("primaryButton")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.footer, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        if product is None and barcode:
            layout.addWidget(
                note(
                    self.tr(
                        "The scanned code {code} is not in your products yet: add it once, "
                        "and the next scan finds it."
                    ).format(code=barcode)
                )
            )
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(buttons)

        for edit in (self.title, self.sku, self.barcode, self.price):
            edit.textChanged.connect(self._refresh)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        resize_for_screen(self, 640, 560)
        self._touched: set[QWidget] = set()
        for edit in (self.title, self.sku, self.barcode, self.price):
            edit.textEdited.connect(lambda _t, e=edit: self._touched.add(e))
        self._refresh()
        install_mnemonics(self)
        self.guard = DiscardGuard(
            self, self.tr("Discard the changes to this product?"), self._discarded
        )
        (self.title if not self.title.text() else self.price).setFocus()
        self.guard.arm()

    def reject(self) -> None:
        """Esc, Cancel or the close button: what was typed is not dropped without asking."""
        if self.guard.reject():
            super().reject()

    def _discarded(self) -> None:
        super().reject()

    # -- checking ------------------------------------------------------------------------------
    def _problems(self) -> dict[FieldBox, str]:
        # Cleaned as the catalog will store them (product_from_fields): "YER\u200b1" is YER1,
        # so it must be found taken here, not saved over the product that has it.
        title = clean_text(self.title.text())
        sku = clean_text(self.sku.text())
        barcode = clean_text(self.barcode.text())
        original = self._original.sku if self._original else None
        problems = {
            self.title_field: "" if title else self.tr("Write the product's name."),
            self.sku_field: "" if sku else self.tr("Write a SKU (any code of yours)."),
            self.barcode_field: "",
            self.price_field: self.price.problem() if self.price.text().strip() else "",
        }
        if not self.price.text().strip():
            problems[self.price_field] = self.tr("Write the price.")
        if sku and sku != original:
            other = self._catalog.get(sku)
            if other is not None:
                problems[self.sku_field] = self.tr(
                    "Another product already has this SKU: {title}."
                ).format(title=other.title)
        owner = self._catalog.barcode_owner(barcode)
        if barcode and owner is not None and owner != original:
            other = self._catalog.get(owner)
            problems[self.barcode_field] = self.tr(
                "This barcode is already on {title} ({sku})."
            ).format(title=other.title if other else owner, sku=owner)
        return problems

    def problem(self) -> str:
        return next((text for text in self._problems().values() if text), "")

    def _refresh(self, *_args: object) -> None:
        problems = self._problems()
        for field, text in problems.items():
            # A field the cashier has not typed in yet stays calm; the footer says what is next.
            field.set_error(text if field.editor in self._touched or self._original else "")
        first = self.problem()
        self.save_button.setEnabled(not first)
        self.footer.setText(first)

    # -- saving --------------------------------------------------------------------------------
    def product(self) -> Product:
        """What the fields say, by the CSV import's rules; raises :class:`RowProblem`."""
        return product_from_fields(
            self._site,
            sku=self.sku.text(),
            title=self.title.text(),
            unit_price=str(self.price.amount()),
            barcode=self.barcode.text(),
            category=self.category.text(),
            unit_measure=str(self.unit.currentData()),
            iva_rate=str(self.iva.currentData()) if self.iva is not None else "0",
        )

    def save(self) -> bool:
        self._touched.update((self.title, self.sku, self.barcode, self.price))
        self._refresh()
        if self.problem():
            return False
        try:
            product = self.product()
        except RowProblem as exc:  # the import's rules caught what the fields did not
            self.footer.setText(translate_message(exc.msg))
            return False
        replacing = self._original.sku if self._original else None
        self._catalog.save_product(product, replacing=replacing)
        log.info("product %s saved", product.sku)
        emit(self.saved, product)
        self.accept()
        return True
