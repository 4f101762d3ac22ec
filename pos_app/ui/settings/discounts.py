"""Settings → Charging → Discounts and scales (issue 20).

The largest discount a cashier gives without the supervisor's PIN, the PIN itself (typed twice
nowhere: it is a few digits the supervisor types here; stored as a salted hash, never shown
back), and the scale label layouts. The same fields as ``pos-app configure --max-discount``,
``--supervisor-pin-stdin`` and ``--scale-labels``, with the same rules.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QLineEdit, QWidget

from pos_app.domain.scale_label import PRESETS, layouts_problem
from pos_app.settings import supervisor
from pos_app.settings.config import Config
from pos_app.ui.qtkit.fitting import fit_placeholder
from pos_app.ui.qtkit.workarounds import emit
from pos_app.ui.widgets.form_parts import FieldBox, FormGrid


class DiscountSettings(QGroupBox):
    changed = Signal()

    def __init__(self, config: Config, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Discounts and scales"))
        self._has_pin = bool(config.supervisor_pin)
        self.max_discount = QLineEdit(str(config.max_discount_percent))
        self.max_discount.setObjectName("maxDiscount")
        self.max_discount.setMaxLength(3)
        self.max_discount.setFixedWidth(110)
        self.max_discount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.max_discount_field = FieldBox(
            self.max_discount,
            self.tr("Larger discounts need the supervisor's PIN. With 0, every discount needs it."),
            trailing=QLabel("%"),
        )
        self.pin = QLineEdit()
        self.pin.setObjectName("supervisorPinSetting")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.pin.setFixedWidth(160)
        self.pin.setPlaceholderText(
            self.tr("saved — type to replace") if self._has_pin else self.tr("none")
        )
        self.remove_pin = QCheckBox(self.tr("No PIN (discounts above the limit are refused)"))
        self.remove_pin.setObjectName("removeSupervisorPin")
        self.remove_pin.setVisible(self._has_pin)
        self.pin_field = FieldBox(
            self.pin, self.tr("4 to 8 digits. Kept as a hash: nobody can read it back.")
        )
        self.scales = QLineEdit(config.scale_labels)
        self.scales.setObjectName("scaleLabels")
        fit_placeholder(
            self.scales,
            self.tr("Leave empty for the country's usual layout"),
            self.tr("usual layout"),
        )
        self.scales_field = FieldBox(
            self.scales,
            self.tr("Presets: {names}; or PREFIX-CODE-weight|price-DIGITS-DECIMALS.").format(
                names=", ".join(PRESETS)
            ),
        )
        form = FormGrid(self)
        form.addRow(self.tr("Discount without PIN up to:"), self.max_discount_field)
        form.addRow(self.tr("Supervisor PIN:"), self.pin_field)
        form.addRow("", self.remove_pin)
        form.addRow(self.tr("Scale labels:"), self.scales_field)
        for edit in (self.max_discount, self.pin, self.scales):
            edit.textChanged.connect(self.refresh)
        self.remove_pin.toggled.connect(self.refresh)
        self.refresh()

    def _percent(self) -> int | None:
        text = self.max_discount.text().strip()
        if not (text.isascii() and text.isdigit()):
            return None
        value = int(text)
        return value if supervisor.max_discount_problem(value) is None else None

    def _problems(self) -> dict[FieldBox, str]:
        pin = self.pin.text()
        layouts = [part.strip() for part in self.scales.text().split(",") if part.strip()]
        return {
            self.max_discount_field: ""
            if self._percent() is not None
            else self.tr("A whole percentage from 0 to 100."),
            self.pin_field: ""
            if not pin or supervisor.pin_problem(pin) is None
            else self.tr("A PIN is 4 to 8 digits."),
            self.scales_field: ""
            if layouts_problem(layouts) is None
            else self.tr(
                "Not a scale label layout: use a preset or a layout like 20-5-weight-5-3."
            ),
        }

    def refresh(self, *_args: object) -> None:
        self.pin.setEnabled(not self.remove_pin.isChecked())
        for field, problem in self._problems().items():
            field.set_error(problem)
        emit(self.changed)

    def problem(self) -> str:
        return next((text for text in self._problems().values() if text), "")

    def apply_to(self, config: Config) -> Config:
        percent = self._percent()
        pin = self.pin.text()
        if self.remove_pin.isChecked():
            stored = ""
        elif pin and supervisor.pin_problem(pin) is None:
            stored = supervisor.hash_pin(pin)
        else:
            stored = config.supervisor_pin
        layouts = [part.strip() for part in self.scales.text().split(",") if part.strip()]
        return config.with_changes(
            max_discount_percent=config.max_discount_percent if percent is None else percent,
            supervisor_pin=stored,
            scale_labels=",".join(layouts) if layouts_problem(layouts) is None else "",
        )
