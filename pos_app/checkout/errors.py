"""Errors the checkout engine raises for the cashier."""

from __future__ import annotations

from pos_app.domain.records import SaleSnapshot
from pos_app.errors import UserFacingError
from pos_app.i18n import QT_TRANSLATE_NOOP, Message, message

CTX = "Checkout"


class CheckoutError(UserFacingError):
    pass


class BoxBusyError(CheckoutError):
    """Another sale is still open on the box: one order per box."""

    def __init__(self, sale: SaleSnapshot) -> None:
        super().__init__(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "Checkout",
                    "Box {box} is still waiting for the payment of sale {reference}. Finish or "
                    "cancel that sale before charging a new one.",
                ),
                box=sale.box_external_id,
                reference=sale.external_reference,
            )
        )
        self.sale = sale


class NotConfiguredError(CheckoutError):
    def __init__(self) -> None:
        super().__init__(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "Checkout",
                    "This till has no Mercado Pago store and box yet. Open Settings (F9) or run "
                    "'pos-app configure'.",
                ),
            )
        )


def _shown_reference(reference: str) -> str:
    # One line, and a control character seen as "?" (a terminal shows "\x01" as nothing).
    one_line = "".join(c if c.isprintable() else "?" for c in " ".join(reference.split()))
    return one_line if len(one_line) <= 64 else f"{one_line[:40]}…"


class UnknownSaleError(CheckoutError):
    bad_input = True  # exit 2 on the command line, as refund and receipt always did

    def __init__(self, reference: str) -> None:
        super().__init__(
            message(
                CTX,
                QT_TRANSLATE_NOOP("Checkout", "There is no sale with reference {reference}."),
                # A reference is at most 64 characters: a longer argument is shown cut, on
                # one line (a 5,000-character one made a 5,000-character message).
                reference=_shown_reference(reference),
            )
            if reference.strip()
            # Not "no sale with reference ." (an empty argument, or one of spaces).
            else message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "Checkout",
                    "The sale's reference is empty: give the reference of a sale "
                    "(pos-app sales lists them).",
                ),
            )
        )


class NothingToCancelError(CheckoutError):
    def __init__(self) -> None:
        super().__init__(
            message(
                CTX,
                QT_TRANSLATE_NOOP("Checkout", "There is no sale waiting for payment to cancel."),
            )
        )


class CancelNotConfirmedError(CheckoutError):
    """The order could not be removed from the box: the customer might still pay it."""

    def __init__(self, sale: SaleSnapshot, detail: str) -> None:
        super().__init__(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "Checkout",
                    "Could not remove the order from the box ({detail}). The customer could "
                    "still pay it: the app keeps trying and will show the result.",
                ),
                detail=detail,
            )
        )
        self.sale = sale


def order_failed_reason() -> Message:
    """Why a sale whose Orders API order ended ``failed`` ended with it (the sale's
    ``failure_reason``; the banner says "Mercado Pago refused the order" above it)."""
    return message(
        CTX,
        QT_TRANSLATE_NOOP(
            "Checkout",
            "Mercado Pago rejected the payment and ended the order: it can no longer be paid. "
            "Charge again, or take cash.",
        ),
    )
