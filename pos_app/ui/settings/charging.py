"""Settings → Charging: order expiry, how often to check, the largest sale, the paid sound, and
the optional notification receiver (off by default).

The same fields ``pos-app configure`` sets (``--order-ttl``, ``--poll-interval``,
``--max-total``, ``--title``, ``--notify-listen``, ``--notify-url``), with the same rules.
"""

from __future__ import annotations

import asyncio
import functools
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import format_money
from pos_app.domain.text_fields import ORDER_TITLE
from pos_app.domain.validation import clean_text
from pos_app.settings import forms, secrets
from pos_app.settings.config import Config, PollSchedule
from pos_app.ui.qtkit.errors import describe_error, translate_message
from pos_app.ui.qtkit.fitting import fit_placeholder
from pos_app.ui.qtkit.keyboard import assign_mnemonics
from pos_app.ui.qtkit.workarounds import emit
from pos_app.ui.settings.discounts import DiscountSettings
from pos_app.ui.settings.saving import SecretWrite
from pos_app.ui.settings.session import SettingsSession
from pos_app.ui.widgets.form_parts import FieldBox, FormGrid, heading, note
from pos_app.ui.widgets.money_edit import MoneyEdit


def _number(value: str, name: str, unit: str, hint: str = "") -> tuple[QLineEdit, FieldBox]:
    """A short number field with its unit after it ("10  minutes")."""
    edit = QLineEdit(value)
    edit.setObjectName(name)
    edit.setMaxLength(8)
    edit.setFixedWidth(110)
    edit.setAlignment(Qt.AlignmentFlag.AlignRight)
    return edit, FieldBox(edit, hint, trailing=QLabel(unit))


class ChargingPage(QWidget):
    changed = Signal()

    def __init__(self, session: SettingsSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        config = session.config
        self.title = self.tr("Charging")
        self._secret_saved = False  # until the keyring says (read on a worker thread)
        self._tasks: list[asyncio.Task[Any]] = []

        # -- orders ----------------------------------------------------------------------------
        self.ttl, self.ttl_field = _number(
            str(config.order_ttl_minutes),
            "orderTtl",
            self.tr("minutes"),
            self.tr(
                "How long the customer has to pay. After that the order leaves the QR and "
                "the sale ends as expired."
            ),
        )
        self.max_total = MoneyEdit(session.site)
        self.max_total.setObjectName("maxTotal")
        if config.max_total:  # unrounded: a stored 1234.5 for COP shows as refused, not as 1.235
            self.max_total.set_amount(config.max_total_amount())
        self.max_total.setMaximumWidth(260)
        self.max_total_field = FieldBox(self.max_total)
        self.order_title = QLineEdit(config.order_title)
        self.order_title.setObjectName("orderTitle")
        self.order_title.setMaxLength(ORDER_TITLE.limit)
        fit_placeholder(
            self.order_title,
            self.tr("Leave empty for the store's name"),
            self.tr("the store's name"),
        )
        self.sound = QCheckBox(self.tr("Beep when a sale is paid"))
        self.sound.setObjectName("soundOnPaid")
        self.sound.setChecked(config.sound_on_paid)

        orders = QGroupBox(self.tr("Orders"))
        orders_form = FormGrid(orders)
        orders_form.addRow(self.tr("Order expires after:"), self.ttl_field)
        orders_form.addRow(self.tr("Largest sale:"), self.max_total_field)
        orders_form.addRow(
            self.tr("Name on the customer's phone:"),
            FieldBox(
                self.order_title,
                self.tr("Shown as the order's title when the customer scans."),
            ),
        )
        orders_form.addRow("", self.sound)

        # -- which Mercado Pago API ---------------------------------------------------------------
        self.api_instore = QRadioButton(self.tr("Instore orders (the box's printed QR)"))
        self.api_instore.setObjectName("apiInstore")
        self.api_orders = QRadioButton(self.tr("Orders API (Mercado Pago's newer API)"))
        self.api_orders.setObjectName("apiOrders")
        api_group = QButtonGroup(self)
        api_group.addButton(self.api_instore)
        api_group.addButton(self.api_orders)
        (self.api_orders if config.api == "orders" else self.api_instore).setChecked(True)
        self.qr_mode = QComboBox()
        self.qr_mode.setObjectName("qrMode")
        # Long translations must not widen the page: the list opens as wide as it needs.
        self.qr_mode.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.qr_mode.setMinimumContentsLength(18)
        for mode, label in (
            ("static", self.tr("The box's printed QR")),
            ("dynamic", self.tr("A QR on this screen for each sale")),
            ("hybrid", self.tr("Both: printed QR or the one on screen")),
        ):
            self.qr_mode.addItem(label, mode)
        self.qr_mode.setCurrentIndex(max(0, self.qr_mode.findData(config.qr_mode)))
        self.qr_mode_field = FieldBox(
            self.qr_mode,
            self.tr("A QR on screen is made for one sale only; the customer scans it there."),
        )
        api_box = QGroupBox(self.tr("Mercado Pago API"))
        api_form = FormGrid(api_box)
        api_form.addWide(self.api_instore)
        api_form.addWide(self.api_orders)
        api_form.addRow(self.tr("The customer pays with:"), self.qr_mode_field, indent=28)

        # -- polling ---------------------------------------------------------------------------
        poll = config.poll
        fixed = forms.is_fixed_poll(poll)
        self.adaptive = QRadioButton(self.tr("Quickly at first, then less often (recommended)"))
        self.adaptive.setObjectName("pollAdaptive")
        self.steady = QRadioButton(self.tr("At a steady pace"))
        self.steady.setObjectName("pollSteady")
        group = QButtonGroup(self)
        group.addButton(self.adaptive)
        group.addButton(self.steady)
        seconds = self.tr("seconds")
        self.fast, self.fast_field = _number(
            forms.format_number(poll.fast if not fixed else 1.0), "pollFast", seconds
        )
        self.fast_for, self.fast_for_field = _number(
            forms.format_number(poll.fast_for), "pollFastFor", seconds
        )
        self.every, self.every_field = _number(
            forms.format_number(poll.fast if fixed else 3.0), "pollEvery", seconds
        )
        (self.steady if fixed else self.adaptive).setChecked(True)

        # What the shopkeeper gets (how soon "paid" shows) first; how the app checks, behind
        # "Advanced", for whoever wants to tune it.
        polling = QGroupBox(self.tr("Noticing the payment"))
        polling_layout = QVBoxLayout(polling)
        self.outcome = note(name="pollOutcome")
        polling_layout.addWidget(self.outcome)
        self.advanced_button = QPushButton(self.tr("▸ Advanced: how often the app checks"))
        self.advanced_button.setObjectName("pollAdvanced")
        self.advanced_button.setCheckable(True)
        self.advanced_button.setStyleSheet("text-align: left;")
        polling_layout.addWidget(self.advanced_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.schedule_box = QWidget()
        schedule_layout = QVBoxLayout(self.schedule_box)
        schedule_layout.setContentsMargins(0, 0, 0, 0)
        schedule = FormGrid()  # one grid, so both choices' fields line up
        schedule.addWide(self.adaptive)
        schedule.addRow(self.tr("check every"), self.fast_field, indent=28)
        schedule.addRow(self.tr("during the first"), self.fast_for_field, indent=28)
        schedule.addWide(self.steady)
        schedule.addRow(self.tr("check every"), self.every_field, indent=28)
        schedule_layout.addLayout(schedule)
        schedule_layout.addWidget(
            note(
                self.tr(
                    "The app asks Mercado Pago about the sale while the customer pays. Quick "
                    "checks show “paid” sooner; fewer checks use less data."
                )
            )
        )
        polling_layout.addWidget(self.schedule_box)
        self.schedule_box.hide()
        self.advanced_button.toggled.connect(self._show_advanced)

        # -- notifications ---------------------------------------------------------------------
        self.notify = QCheckBox(self.tr("Receive payment notifications from Mercado Pago"))
        self.notify.setObjectName("notifyEnabled")
        self.notify.setChecked(bool(config.notify_listen or config.notify_url))
        self.listen = QLineEdit(config.notify_listen)
        self.listen.setObjectName("notifyListen")
        self.listen.setPlaceholderText("127.0.0.1:8088")
        self.listen_field = FieldBox(
            self.listen,
            self.tr("Where this computer listens (HOST:PORT), for example 127.0.0.1:8088."),
        )
        self.url = QLineEdit(config.notify_url)
        self.url.setObjectName("notifyUrl")
        self.url.setPlaceholderText("https://shop.example.com/mp/notifications")
        self.url_field = FieldBox(
            self.url,
            self.tr(
                "The https:// address on the internet that forwards to the address above "
                "(a tunnel or your router). Mercado Pago posts there."
            ),
        )
        self.secret = QLineEdit()
        self.secret.setObjectName("webhookSecret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText(
            self.tr("saved — type to replace") if self._secret_saved else self.tr("optional")
        )
        self.secret_field = FieldBox(
            self.secret,
            self.tr(
                "The webhook's secret signature (Your integrations → Webhooks). Kept in the "
                "keyring, like the token."
            ),
        )
        self.notify_body = QWidget()
        notify_form = FormGrid(self.notify_body)
        notify_form.setContentsMargins(0, 0, 0, 0)
        notify_form.addRow(self.tr("Listen on:"), self.listen_field)
        notify_form.addRow(self.tr("Public address:"), self.url_field)
        notify_form.addRow(self.tr("Webhook secret:"), self.secret_field)
        notifications = QGroupBox(self.tr("Instant notifications (optional, for experts)"))
        notifications_layout = QVBoxLayout(notifications)
        notifications_layout.addWidget(
            note(
                self.tr(
                    "Off by default: checking (above) is enough. With notifications Mercado "
                    "Pago also tells the app at once, but only if it can reach this computer "
                    "from the internet."
                )
            )
        )
        notifications_layout.addWidget(self.notify)
        notifications_layout.addWidget(self.notify_body)

        self.discounts = DiscountSettings(config)  # issue 20: discount limit, PIN, scale labels
        self.discounts.changed.connect(self.changed)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Charging")))
        layout.addWidget(orders)
        layout.addWidget(self.discounts)
        layout.addWidget(api_box)
        layout.addWidget(polling)
        layout.addWidget(notifications)
        layout.addStretch(1)

        for edit in (
            self.ttl,
            self.fast,
            self.fast_for,
            self.every,
            self.max_total,
            self.listen,
            self.url,
            self.secret,
        ):
            edit.textChanged.connect(self.refresh)
        for button in (self.adaptive, self.notify, self.api_orders):
            button.toggled.connect(self.refresh)
        session.accountChanged.connect(self.refresh)  # another country: other money rules
        self.refresh()
        self._ask_keyring()

    # == validation ==============================================================================
    def refresh(self, *_args: object) -> None:
        site = self.session.site
        self.max_total.set_site(site)
        default = format_money(site.default_max_total, site)
        fit_placeholder(
            self.max_total, self.tr("Leave empty for {amount}").format(amount=default), default
        )
        self.max_total_field.set_hint(
            self.tr(
                "Sales above this amount are refused before charging (a typo guard). In {currency}."
            ).format(currency=site.currency)
        )
        amount = forms.parse_max_total(self.max_total.text(), site)
        self.max_total_field.set_error(translate_message(amount.problem) if amount.problem else "")
        adaptive = self.adaptive.isChecked()
        for widget in (self.fast, self.fast_for):
            widget.setEnabled(adaptive)
        self.every.setEnabled(not adaptive)
        self.qr_mode.setEnabled(self.api_orders.isChecked())
        problems = self._number_problems()
        for field, problem in problems.items():
            field.set_error(problem)
        if any(problems[f] for f in (self.fast_field, self.fast_for_field, self.every_field)):
            self.advanced_button.setChecked(True)  # never hide what stops OK
        self.outcome.setText(self._outcome())
        on = self.notify.isChecked()
        self.notify_body.setVisible(on)
        self.listen_field.set_error(self._listen_problem() if on else "")
        self.url_field.set_error(self._url_problem() if on else "")
        self.secret_field.set_error("")
        emit(self.changed)

    def _show_advanced(self, shown: bool) -> None:
        self.schedule_box.setVisible(shown)
        self.advanced_button.setText(
            self.tr("▾ Advanced: how often the app checks")
            if shown
            else self.tr("▸ Advanced: how often the app checks")
        )
        assign_mnemonics(self.window())

    def _outcome(self) -> str:
        """How soon a payment shows as paid with the schedule in the fields, in words."""
        if self.adaptive.isChecked():
            fast = forms.read_interval(self.fast.text())[0]
            fast_for = forms.read_fast_phase(self.fast_for.text())[0]
            if fast is None or fast_for is None:
                return ""
            minutes = forms.format_number(round(fast_for / 60, 1))
            if fast <= 1:
                return self.tr(
                    "A payment is noticed within about a second during the first {minutes} "
                    "min, then within a few seconds."
                ).format(minutes=minutes)
            return self.tr(
                "A payment is noticed within about {seconds} seconds during the first "
                "{minutes} min, then within a few seconds."
            ).format(seconds=forms.format_number(fast), minutes=minutes)
        every = forms.read_interval(self.every.text())[0]
        if every is None:
            return ""
        if every <= 1:
            return self.tr("A payment is noticed within about a second.")
        return self.tr("A payment is noticed within about {seconds} seconds.").format(
            seconds=forms.format_number(every)
        )

    def _listen_problem(self) -> str:
        text = self.listen.text().strip()
        if not text:
            return self.tr("Needed to receive notifications.")
        problem = forms.listen_problem(text)
        return translate_message(problem) if problem else ""

    def _url_problem(self) -> str:
        text = self.url.text().strip()
        if not text:
            return self.tr("Needed: Mercado Pago must know where to send them.")
        problem = forms.notify_url_problem(text)
        return translate_message(problem) if problem else ""

    def _number_problems(self) -> dict[FieldBox, str]:
        """Each number field's problem ("" when fine); only the fields in use count."""
        adaptive = self.adaptive.isChecked()
        checks = (
            (self.ttl_field, forms.read_minutes(self.ttl.text())[1], True),
            (self.fast_field, forms.read_interval(self.fast.text())[1], adaptive),
            (self.fast_for_field, forms.read_fast_phase(self.fast_for.text())[1], adaptive),
            (self.every_field, forms.read_interval(self.every.text())[1], not adaptive),
        )
        return {
            field: translate_message(problem) if problem and used else ""
            for field, problem, used in checks
        }

    def problem(self) -> str:
        for text in self._number_problems().values():
            if text:
                return text
        amount = forms.parse_max_total(self.max_total.text(), self.session.site)
        if amount.problem is not None:
            return translate_message(amount.problem)
        if self.discounts.problem():
            return self.discounts.problem()
        if self.notify.isChecked():
            return self._listen_problem() or self._url_problem()
        return ""

    def is_busy(self) -> bool:
        return False

    # == OK ======================================================================================
    def secret_writes(self) -> list[SecretWrite] | None:
        """A new webhook secret, for the keyring (written on a worker thread)."""
        secret = self.secret.text().strip()
        if not (self.notify.isChecked() and secret):
            return []
        return [
            SecretWrite(
                functools.partial(secrets.save_webhook_secret, secret),
                saved=self._secret_written,
                failed=lambda exc: self.secret_field.set_error(describe_error(exc)),
            )
        ]

    def _secret_written(self) -> None:
        self.secret.clear()
        self._secret_saved = True
        self.secret.setPlaceholderText(self.tr("saved — type to replace"))

    def apply_to(self, config: Config) -> Config:
        site = self.session.site
        if self.adaptive.isChecked():
            # From a steady pace back to adaptive: start again from the default slower steps.
            base = PollSchedule() if forms.is_fixed_poll(config.poll) else config.poll
            fast = forms.read_interval(self.fast.text())[0] or base.fast
            fast_for = forms.read_fast_phase(self.fast_for.text())[0]
            poll = forms.adaptive_poll(base, fast, base.fast_for if fast_for is None else fast_for)
        else:
            poll = PollSchedule.fixed(forms.read_interval(self.every.text())[0] or 3.0)
        minutes = forms.read_minutes(self.ttl.text())[0] or config.order_ttl_minutes
        on = self.notify.isChecked()
        config = self.discounts.apply_to(config)
        return config.with_changes(
            order_ttl_minutes=minutes,
            poll=poll,
            max_total=forms.parse_max_total(self.max_total.text(), site).value,
            order_title=clean_text(self.order_title.text()),
            sound_on_paid=self.sound.isChecked(),
            notify_listen=self.listen.text().strip() if on else "",
            notify_url=self.url.text().strip() if on else "",
            api="orders" if self.api_orders.isChecked() else "instore",
            qr_mode=str(self.qr_mode.currentData() or "static"),
        )

    def forget_tasks(self) -> list[asyncio.Task[Any]]:
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            task.cancel()
        return tasks

    def _ask_keyring(self) -> None:
        """Whether a webhook secret is saved, read on a worker thread: a locked keyring's
        unlock prompt or a slow secret service must not freeze the window (issue 19)."""
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # no event loop (a dialog drawn outside the app): "optional"
            return
        self._tasks.append(asyncio.ensure_future(self._read_secret_saved()))

    async def _read_secret_saved(self) -> None:
        saved = bool(await asyncio.to_thread(secrets.load_webhook_secret))
        if saved and not self._secret_saved:
            self._secret_saved = True
            self.secret.setPlaceholderText(self.tr("saved — type to replace"))
