"""What the payment panel says about a sale: one decision, kept apart from the widgets.

The engine's :class:`~pos_app.domain.records.SaleSnapshot` carries the status and the flags a
cashier must know about (a rejected attempt, connection trouble, a late payment). This module turns
them into a banner *kind* (which the stylesheet colours) and two translated sentences, so the
panel only renders and the rules can be read, and tested, in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from pos_app.domain.money import Site
from pos_app.domain.money import format_money_unbroken as money
from pos_app.domain.sale import SaleStatus, Tender

if TYPE_CHECKING:
    # After the first frame (start-up time, issue 19).
    from datetime import datetime

    from pos_app.domain.records import SaleSnapshot


class BannerKind(StrEnum):
    """Also the ``state`` property the stylesheet selects on (``resources/style.qss``)."""

    SENDING = "sending"
    WAITING = "waiting"
    REJECTED = "rejected"
    TROUBLE = "trouble"
    AUTH = "auth"
    CANCELING = "canceling"
    PAID = "paid"
    LATE_PAID = "late"
    CASH = "cash"
    EXPIRED = "expired"
    CANCELED = "canceled"
    FAILED = "failed"


@dataclass(frozen=True)
class Banner:
    kind: BannerKind
    headline: str
    detail: str = ""


def clock_time(moment: datetime) -> str:
    """``HH:MM`` in the counter's local time."""
    return moment.astimezone().strftime("%H:%M")


def sending_banner() -> Banner:
    """Before the engine has even written the sale (the first instant after F5)."""
    return Banner(
        BannerKind.SENDING,
        QCoreApplication.translate("PaymentBanner", "Sending…"),
        QCoreApplication.translate("PaymentBanner", "Sending the order to Mercado Pago."),
    )


def canceling_banner() -> Banner:
    """The instant Esc (or "Customer pays cash") is pressed, before the engine has answered."""
    return Banner(
        BannerKind.CANCELING,
        QCoreApplication.translate("PaymentBanner", "Canceling…"),
        QCoreApplication.translate(
            "PaymentBanner", "Removing the order and making sure nobody paid it."
        ),
    )


def is_late_payment(sale: SaleSnapshot) -> bool:
    """Paid although the cashier had canceled it (or it had been shown canceled/expired)."""
    return sale.status is SaleStatus.PAID and (sale.late_payment or sale.cancel_requested)


def _charge_again() -> str:
    """What to do next after a charge that ended unpaid: the button's own words (PaymentPanel's
    "Back to the cart"), so the sentence and the button never disagree in any language."""
    back = QCoreApplication.translate("PaymentPanel", "Back to the cart")
    return QCoreApplication.translate(
        "PaymentBanner", "To charge again, press “{back}”; Enter starts a new sale."
    ).format(back=back)


def banner_for(sale: SaleSnapshot, site: Site) -> Banner:
    total = money(sale.total, site)
    status = sale.status
    if status is SaleStatus.PAID:
        if is_late_payment(sale):
            if sale.tender is Tender.CASH:  # taken in cash when it ended: both in the books
                detail = QCoreApplication.translate(
                    "PaymentBanner",
                    "{amount} arrived with Mercado Pago after you took cash: paid twice. Give "
                    "the cash back with a refund (Sales, the sale, Refund, In cash), so the "
                    "drawer adds up.",
                )
            elif not sale.late_payment:  # paid while the cancel was under way
                detail = QCoreApplication.translate(
                    "PaymentBanner",
                    "{amount} arrived with Mercado Pago while the charge was being canceled. "
                    "Do not take cash; if you already took it, give it back.",
                )
            else:
                detail = QCoreApplication.translate(
                    "PaymentBanner",
                    "{amount} arrived with Mercado Pago after the charge was canceled. "
                    "If you also took cash, give it back.",
                )
            return Banner(
                BannerKind.LATE_PAID,
                QCoreApplication.translate(
                    "PaymentBanner", "The customer DID pay — do not charge again"
                ),
                detail.format(amount=money(sale.paid_amount or sale.total, site)),
            )
        return Banner(
            BannerKind.PAID,
            QCoreApplication.translate("PaymentBanner", "PAID"),
            QCoreApplication.translate(
                "PaymentBanner", "{amount} received with Mercado Pago."
            ).format(amount=money(sale.paid_amount or sale.total, site)),
        )
    if status is SaleStatus.CANCELED:
        if sale.tender is Tender.CASH:
            return Banner(
                BannerKind.CASH,
                QCoreApplication.translate("PaymentBanner", "Customer pays cash"),
                QCoreApplication.translate(
                    "PaymentBanner", "The QR charge was canceled. Take {amount} in cash."
                ).format(amount=total),
            )
        return Banner(
            BannerKind.CANCELED,
            # A mark as well as a word and a colour: told apart from "Expired" at a glance.
            QCoreApplication.translate("PaymentBanner", "✕ Canceled"),
            QCoreApplication.translate("PaymentBanner", "Nothing was charged.")
            + " "
            + _charge_again(),
        )
    if status is SaleStatus.EXPIRED:
        return Banner(
            BannerKind.EXPIRED,
            QCoreApplication.translate("PaymentBanner", "◷ Expired"),
            QCoreApplication.translate(
                "PaymentBanner", "Nobody paid before the order expired. Nothing was charged."
            )
            + " "
            + _charge_again(),
        )
    if status is SaleStatus.FAILED:
        if sale.failure_message is not None:
            reason = sale.failure_message.render(QCoreApplication.translate, screen=True)
        else:
            reason = QCoreApplication.translate("PaymentBanner", "no reason given")
        return Banner(
            BannerKind.FAILED,
            QCoreApplication.translate("PaymentBanner", "Mercado Pago refused the order"),
            QCoreApplication.translate(
                "PaymentBanner", "Nothing was charged. Reason: {reason}"
            ).format(reason=reason),
        )
    # Open (creating or pending): the flags decide what the cashier needs to know first.
    if sale.cancel_requested:
        return canceling_banner()
    if sale.trouble == "auth":
        return Banner(
            BannerKind.AUTH,
            QCoreApplication.translate("PaymentBanner", "Mercado Pago refused the credentials"),
            QCoreApplication.translate(
                "PaymentBanner",
                "The app cannot check this payment until the access token works again: check "
                "it in Settings. If the customer shows a paid receipt, do not charge again.",
            ),
        )
    if sale.trouble:
        since = clock_time(sale.trouble_since) if sale.trouble_since else "—"
        return Banner(
            BannerKind.TROUBLE,
            QCoreApplication.translate("PaymentBanner", "Connection trouble — still trying"),
            QCoreApplication.translate(
                "PaymentBanner",
                "No answer from Mercado Pago since {time}. The customer can still pay; "
                "the app will notice as soon as the connection is back.",
            ).format(time=since),
        )
    if status is SaleStatus.CREATING:
        return sending_banner()
    if sale.last_attempt_rejected:
        return Banner(
            BannerKind.REJECTED,
            QCoreApplication.translate(
                "PaymentBanner", "Last attempt was rejected — the customer can try again"
            ),
            QCoreApplication.translate(
                "PaymentBanner",
                "The customer can pay again with another card or with money in the account.",
            ),
        )
    if sale.partially_paid:
        return Banner(
            BannerKind.WAITING,
            QCoreApplication.translate("PaymentBanner", "Waiting for the customer to scan and pay"),
            QCoreApplication.translate(
                "PaymentBanner", "Paid so far: {paid} of {total}. Waiting for the rest."
            ).format(paid=money(sale.partially_paid, site), total=total),
        )
    return Banner(
        BannerKind.WAITING,
        QCoreApplication.translate("PaymentBanner", "Waiting for the customer to scan and pay"),
        QCoreApplication.translate(
            "PaymentBanner", "Ask the customer to scan the QR code at the counter."
        ),
    )


def set_aside_banner() -> Banner:
    """The sale on screen can no longer be read (its record was changed while it waited): the
    engine stopped checking it. Whether the customer paid is not known here."""
    return Banner(
        BannerKind.TROUBLE,
        QCoreApplication.translate("PaymentBanner", "This sale can no longer be checked"),
        QCoreApplication.translate(
            "PaymentBanner",
            "Its record in the sales ledger was changed while it waited. If the customer shows "
            "a paid receipt, do not charge again: the day's check finds the payment. Run "
            "'pos-app doctor' or call support.",
        ),
    )


def status_label(status: SaleStatus) -> str:
    """A sale status in the cashier's language (the domain marks these for translation)."""
    return QCoreApplication.translate("SaleStatus", status.label)


def format_duration(seconds: float) -> str:
    """``m:ss`` below an hour, ``h:mm:ss`` above; never negative."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
