"""Every free text a person types that the app keeps, prints or sends: its longest, checked once.

A cashier's name, a cash movement's reason, a product's name or code, a discount's reason, the
receipt's header: each is a :class:`TextField` below with the length a real shop needs (and no
more than what Mercado Pago, a receipt line or the close report can carry). :func:`check_text`
is the one check behind the command line, the windows and the ledger: it cleans the text like
every name (:func:`~pos_app.domain.validation.clean_text`: no control, bidi or zero-width
characters, white space and new lines made one space) and refuses it, naming the field and its
limit, when it is empty (if required) or too long. Multi-line texts (the receipt's header and
footer) go through :func:`check_lines`, which keeps one line per line.

The limits apply to what is *written* from now on: a ledger or a settings file holding a longer
text from an older release still loads and shows it (nothing here runs when reading).
"""

from __future__ import annotations

from dataclasses import dataclass

from pos_app.domain.validation import (
    MAX_ORDER_TITLE,
    MAX_SKU,
    MAX_TITLE,
    ValidationError,
    clean_text,
)
from pos_app.i18n import QT_TRANSLATE_NOOP, Message, message

CTX = "Validation"  # the context of the validation messages (and of the field names)


@dataclass(frozen=True)
class TextField:
    """A free text field: its name as the person reads it (English source, context
    ``Validation``), the most characters it keeps, whether it may be empty, and what to say
    when a required one is (empty: the generic "{field}: write it")."""

    label: str
    limit: int
    required: bool = True
    missing: str = ""

    @property
    def name(self) -> Message:
        return message(CTX, self.label)


# -- the day book (ledger): the close report and the store database show them ---------------------
CASHIER_NAME = TextField(QT_TRANSLATE_NOOP("Validation", "Cashier's name"), 60)
CASH_REASON = TextField(QT_TRANSLATE_NOOP("Validation", "Reason for the cash movement"), 200)
# Why a refund's money went back ("defective"): optional; on the refund ticket and the close.
REFUND_NOTE = TextField(
    QT_TRANSLATE_NOOP("Validation", "Reason for the refund"), 200, required=False
)
# -- the catalog (Products window, CSV import): sent to Mercado Pago as the order's items ---------
PRODUCT_NAME = TextField(QT_TRANSLATE_NOOP("Validation", "Product name"), MAX_TITLE)
PRODUCT_SKU = TextField(QT_TRANSLATE_NOOP("Validation", "SKU"), MAX_SKU)
PRODUCT_BARCODE = TextField(QT_TRANSLATE_NOOP("Validation", "Barcode"), 48, required=False)
PRODUCT_CATEGORY = TextField(QT_TRANSLATE_NOOP("Validation", "Category"), 60, required=False)
# -- a sale: an item typed at the counter or with ``charge --item``, a discount's reason ---------
ITEM_DESCRIPTION = TextField(
    QT_TRANSLATE_NOOP("Validation", "Item description"),
    MAX_TITLE,
    missing=QT_TRANSLATE_NOOP(
        "Validation", "Every item needs a name (control and invisible characters do not count)."
    ),
)
DISCOUNT_REASON = TextField(
    QT_TRANSLATE_NOOP("Validation", "Reason for the discount"), 60, required=False
)
# -- settings: what the customer's phone, the receipt and the store's sticker show ---------------
ORDER_TITLE = TextField(
    QT_TRANSLATE_NOOP("Validation", "Name on the customer's phone"), MAX_ORDER_TITLE, required=False
)
RECEIPT_SHOP_NAME = TextField(
    QT_TRANSLATE_NOOP("Validation", "Shop name on the receipt"), 60, required=False
)
RECEIPT_HEADER = TextField(QT_TRANSLATE_NOOP("Validation", "Receipt header"), 300, required=False)
RECEIPT_FOOTER = TextField(QT_TRANSLATE_NOOP("Validation", "Receipt footer"), 300, required=False)
STORE_NAME = TextField(QT_TRANSLATE_NOOP("Validation", "Store name"), 60)
BOX_NAME = TextField(QT_TRANSLATE_NOOP("Validation", "Box name"), 44)  # Mercado Pago: < 45
STREET_NAME = TextField(QT_TRANSLATE_NOOP("Validation", "Street"), 80)
STREET_NUMBER = TextField(QT_TRANSLATE_NOOP("Validation", "Street number"), 20)
CITY_NAME = TextField(QT_TRANSLATE_NOOP("Validation", "City"), 60)
STATE_NAME = TextField(QT_TRANSLATE_NOOP("Validation", "Province or state"), 60)


def too_long(field: TextField, length: int) -> ValidationError:
    return ValidationError(
        message(
            CTX,
            QT_TRANSLATE_NOOP(
                "Validation", "{field}: at most {limit} characters, this one has {length}."
            ),
            field=field.name,
            limit=field.limit,
            length=length,
        )
    )


def empty(field: TextField) -> ValidationError:
    if field.missing:
        return ValidationError(message(CTX, field.missing))
    return ValidationError(
        message(
            CTX,
            QT_TRANSLATE_NOOP(
                "Validation",
                "{field}: it cannot be empty (control and invisible characters do not count).",
            ),
            field=field.name,
        )
    )


def check_text(text: str, field: TextField) -> str:
    """``text`` cleaned to one line (:func:`clean_text`), or :class:`ValidationError` naming
    ``field`` when it is empty and required, or longer than ``field.limit`` once cleaned."""
    cleaned = clean_text(text)
    if not cleaned and field.required:
        raise empty(field)
    if len(cleaned) > field.limit:
        raise too_long(field, len(cleaned))
    return cleaned


def check_lines(text: str, field: TextField) -> str:
    """A multi-line text (the receipt's header or footer): each line cleaned like
    :func:`check_text`, empty lines dropped, lines joined by ``\\n``; the limit counts every
    character kept, new lines included."""
    cleaned = clean_lines(text)
    if not cleaned and field.required:
        raise empty(field)
    if len(cleaned) > field.limit:
        raise too_long(field, len(cleaned))
    return cleaned


def clean_lines(text: str) -> str:
    """Each line of ``text`` cleaned (:func:`clean_text`), the empty ones dropped."""
    return "\n".join(line for line in map(clean_text, text.splitlines()) if line)


def text_problem(text: str, field: TextField, *, lines: bool = False) -> Message | None:
    """What :func:`check_text` (or :func:`check_lines`) would refuse, as a message; None if
    fine. For forms that show a problem under the field while the person types."""
    try:
        (check_lines if lines else check_text)(text, field)
    except ValidationError as exc:
        return exc.msg
    return None
