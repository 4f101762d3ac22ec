"""The cart as a Qt table model over the domain :class:`~pos_app.domain.cart.Cart`.

In the style of Vorta's ``archive_table_model``: column constants, documented custom roles, and
``dataChanged`` limited to the cells that really changed. Views read amounts and quantities
through the custom roles and never parse the display strings.

While a charge is in progress the model is *locked*: it refuses every change, so what the
customer pays is exactly what the ledger recorded.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Signal,
)

from pos_app.domain.money import Site, format_money
from pos_app.i18n_base import QT_TRANSLATE_NOOP
from pos_app.ui.counter.price_text import discount_text, price_per_unit
from pos_app.ui.qtkit.lazy_qt import (
    ALIGN_RIGHT_VCENTER,
    DISPLAY_ROLE,
    EDIT_ROLE,
    TEXT_ALIGNMENT_ROLE,
    USER_ROLE,
    Qt,
)
from pos_app.ui.qtkit.workarounds import emit

if TYPE_CHECKING:
    # The domain's cart (its lines, their prices and checks) is made for the first line: the
    # first frame's cart is empty (start-up time, issue 19; the runtime imports it anyway).
    from pos_app.domain.cart import Cart, CartLine
    from pos_app.domain.pricing import Discount

# Columns, in display order.
COL_TITLE = 0
COL_UNIT_PRICE = 1
COL_QUANTITY = 2
COL_LINE_TOTAL = 3
COLUMN_COUNT = 4

_HEADERS = {
    COL_TITLE: QT_TRANSLATE_NOOP("CartModel", "Item"),
    COL_UNIT_PRICE: QT_TRANSLATE_NOOP("CartModel", "Unit price"),
    COL_QUANTITY: QT_TRANSLATE_NOOP("CartModel", "Qty"),
    COL_LINE_TOTAL: QT_TRANSLATE_NOOP("CartModel", "Total"),
}

_TOOLTIP_ROLE = 3  # Qt.ItemDataRole.ToolTipRole

# Custom roles. Every column answers all three, whichever column the index is in.
LineRole = USER_ROLE + 1
"""The row's :class:`CartLine` (frozen; a changed line is a new object)."""
AmountRole = USER_ROLE + 2
"""``Decimal``: the unit price in the price column, the line total elsewhere."""
QuantityRole = USER_ROLE + 3
"""``int``: the row's quantity."""

_Index = QModelIndex | QPersistentModelIndex


def header_text(section: int) -> str:
    """Column ``section``'s title, translated."""
    return QCoreApplication.translate("CartModel", _HEADERS[section])


def header_alignment(section: int) -> int | None:
    """How column ``section``'s title is aligned (None: the header's default, left)."""
    return None if section == COL_TITLE else ALIGN_RIGHT_VCENTER


class CartTableModel(QAbstractTableModel):
    totalsChanged = Signal()
    """Emitted after any change to lines or quantities (the total label listens)."""

    def __init__(self, site: Site, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._site = site
        self._made_cart: Cart | None = None  # made when first needed (see _cart)
        self._locked = False

    # -- reading -----------------------------------------------------------------------------
    @property
    def site(self) -> Site:
        return self._site

    @property
    def _cart(self) -> Cart:
        """The domain's cart, made when first needed: the empty window's first frame (row
        count, totals) does without it and its modules (start-up time, issue 19)."""
        if self._made_cart is None:
            from pos_app.domain.cart import Cart

            self._made_cart = Cart(self._site)
        return self._made_cart

    @property
    def has_cart(self) -> bool:
        """False until something needed the domain's cart (until then the cart is empty)."""
        return self._made_cart is not None

    @property
    def cart(self) -> Cart:
        return self._cart

    def lines(self) -> tuple[CartLine, ...]:
        return self._cart.lines

    def total(self) -> Decimal:
        return self._cart.total()

    def item_count(self) -> int:
        return self._cart.item_count()

    def is_empty(self) -> bool:
        return self._cart.is_empty

    @property
    def locked(self) -> bool:
        return self._locked

    def set_locked(self, locked: bool) -> None:
        """Lock while a charge is in progress; the quantity column stops being editable."""
        if locked == self._locked:
            return
        self._locked = locked
        if len(self._cart):
            # flags() changed for the quantity column only.
            top = self.index(0, COL_QUANTITY)
            bottom = self.index(len(self._cart) - 1, COL_QUANTITY)
            emit(self.dataChanged, top, bottom, [])

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() or self._made_cart is None else len(self._made_cart)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE
    ) -> Any:
        # The cart view's first frame reads its header elsewhere (CartView: this method's
        # Qt.Orientation would make PySide6 build the whole Qt namespace; issue 19).
        if orientation != Qt.Orientation.Horizontal or section not in _HEADERS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return header_text(section)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return header_alignment(section)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        measured = 0 <= index.row() < len(self._cart) and self._cart[index.row()].is_measured
        if index.column() == COL_QUANTITY and not self._locked and not measured:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = DISPLAY_ROLE) -> Any:
        # Asked for every cell and role at each paint and resize of the cart (~80,000 times in
        # the window tests): the roles are compared as the plain numbers Qt passes, not through
        # Qt.ItemDataRole's enum members (an attribute lookup and an enum comparison each).
        if not index.isValid() or not 0 <= index.row() < len(self._cart):
            return None
        role = int(role)
        line = self._cart[index.row()]
        column = index.column()
        if role == DISPLAY_ROLE:
            return self._display(line, column)
        if role == LineRole:
            return line
        if role == QuantityRole:
            return line.quantity
        if role == AmountRole:
            return line.unit_price if column == COL_UNIT_PRICE else line.total(self.site)
        if role == EDIT_ROLE and column == COL_QUANTITY:
            return line.quantity
        if role == TEXT_ALIGNMENT_ROLE and column != COL_TITLE:
            return ALIGN_RIGHT_VCENTER
        if role == _TOOLTIP_ROLE and column == COL_TITLE:
            return self._tooltip(line)
        return None

    def _display(self, line: CartLine, column: int) -> str | None:
        if column == COL_TITLE:
            return line.title
        if column == COL_UNIT_PRICE:
            if line.is_measured:
                price = price_per_unit(line.unit_price, line.sale_unit.value, self.site)
            else:
                price = format_money(line.unit_price, self.site)
            if line.discount is not None:  # beside the price it changes; the reason in the tip
                short = discount_text(
                    replace(line.discount, reason=""),
                    self.site,
                    taken=line.discount_amount(self.site),
                )
                return f"{price}  {short}"
            return price
        if column == COL_QUANTITY:
            # Imported here, for this column only (see the imports above).
            from pos_app.domain.cart import UnitMeasure
            from pos_app.domain.pricing import format_measure

            if line.measure is not None:
                return format_measure(line.measure, line.sale_unit, self.site)
            if line.unit_measure == UnitMeasure.PACK:
                return QCoreApplication.translate("CartModel", "{n} pack").format(n=line.quantity)
            return str(line.quantity)
        if column == COL_LINE_TOTAL:
            return format_money(line.total(self.site), self.site)
        return None

    def _tooltip(self, line: CartLine) -> str:
        parts = [line.title]
        if line.discount is not None:
            parts.append(
                QCoreApplication.translate("CartModel", "Discount {what}: {amount}").format(
                    what=discount_text(
                        line.discount, self.site, taken=line.discount_amount(self.site)
                    ),
                    amount=format_money(line.discount_amount(self.site), self.site),
                )
            )
        if line.sku:
            parts.append(QCoreApplication.translate("CartModel", "SKU {sku}").format(sku=line.sku))
        if line.barcode:
            parts.append(
                QCoreApplication.translate("CartModel", "Code {code}").format(code=line.barcode)
            )
        if self.site.reports_iva:  # Colombia: prices include IVA at the line's rate
            parts.append(
                QCoreApplication.translate("CartModel", "IVA {rate} % included").format(
                    rate=line.iva_rate.normalize()
                )
                if line.iva_rate
                else QCoreApplication.translate("CartModel", "Exempt from IVA")
            )
        return "\n".join(parts)

    def line_at(self, row: int) -> CartLine:
        return self._cart[row]

    # -- changing ----------------------------------------------------------------------------
    def setData(self, index: _Index, value: Any, role: int = EDIT_ROLE) -> bool:
        from pos_app.domain.validation import MAX_QUANTITY, MIN_QUANTITY

        if (
            self._locked
            or not index.isValid()
            or index.column() != COL_QUANTITY
            or role != Qt.ItemDataRole.EditRole
        ):
            return False
        try:
            quantity = int(value)
        except (TypeError, ValueError):
            return False
        if not MIN_QUANTITY <= quantity <= MAX_QUANTITY:
            return False
        if quantity == self._cart[index.row()].quantity:
            return True
        self._cart.set_quantity(index.row(), quantity)
        self._quantity_changed(index.row())
        return True

    def add_line(self, line: CartLine) -> int:
        """Add (or merge into an equal line); returns the row. Raises ``ValidationError``."""
        self._refuse_if_locked()
        before = len(self._cart)
        # Validate on a scratch copy first so a refused line never half-inserts a row.
        from pos_app.domain.cart import Cart

        probe = Cart(self.site)
        probe.restore(list(self._cart.lines))
        row = probe.add(line)
        if row >= before:
            self.beginInsertRows(QModelIndex(), row, row)
            self._cart.add(line)
            self.endInsertRows()
        else:
            self._cart.add(line)
            self._quantity_changed(row)
        emit(self.totalsChanged)
        return row

    def change_quantity(self, row: int, delta: int) -> CartLine:
        """The ``+``/``-`` keys: clamps into 1..9999."""
        self._refuse_if_locked()
        before = self._cart[row].quantity
        line = self._cart.change_quantity(row, delta)
        if line.quantity != before:
            self._quantity_changed(row)
        return line

    def set_line_discount(self, row: int, discount: Discount | None) -> CartLine:
        """F7: a discount on one line (None removes it)."""
        self._refuse_if_locked()
        line = self._cart.set_line_discount(row, discount)
        emit(
            self.dataChanged,
            self.index(row, COL_TITLE),
            self.index(row, COL_LINE_TOTAL),
            [Qt.ItemDataRole.DisplayRole, AmountRole, LineRole],
        )
        emit(self.totalsChanged)
        return line

    def set_sale_discount(self, discount: Discount | None) -> None:
        """F8: a discount on the whole sale (None removes it)."""
        self._refuse_if_locked()
        self._cart.sale_discount = discount
        emit(self.totalsChanged)

    def remove_row(self, row: int) -> CartLine:
        self._refuse_if_locked()
        self.beginRemoveRows(QModelIndex(), row, row)
        line = self._cart.remove(row)
        self.endRemoveRows()
        emit(self.totalsChanged)
        return line

    def clear(self) -> None:
        """Empty the cart for a new sale (also unlocks it)."""
        self.beginResetModel()
        self._cart.clear()
        self._locked = False
        self.endResetModel()
        emit(self.totalsChanged)

    def restore(
        self, lines: tuple[CartLine, ...] | list[CartLine], sale_discount: Discount | None = None
    ) -> None:
        """Show the lines of a sale read back from the ledger (start-up with an open sale)."""
        self.beginResetModel()
        self._cart.restore(list(lines))
        self._cart.sale_discount = sale_discount
        self.endResetModel()
        emit(self.totalsChanged)

    def _quantity_changed(self, row: int) -> None:
        # Only the quantity and the line total moved; title and unit price did not.
        emit(
            self.dataChanged,
            self.index(row, COL_QUANTITY),
            self.index(row, COL_LINE_TOTAL),
            [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, AmountRole, QuantityRole],
        )
        emit(self.totalsChanged)

    def _refuse_if_locked(self) -> None:
        if self._locked:
            from pos_app.domain.cart import CartLockedError

            raise CartLockedError()


def __getattr__(name: str) -> Any:
    """``CartLockedError`` (a ``ValidationError``) lives with the domain's cart, whose modules
    the first frame does without (start-up time, issue 19); still importable from here."""
    if name == "CartLockedError":
        from pos_app.domain.cart import CartLockedError

        return CartLockedError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
