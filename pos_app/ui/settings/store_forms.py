"""The "new store" and "new box" forms of Settings → Store and box.

Each field shows what is wrong with it right under it, as soon as the person has touched it (or
presses Create); the rules are Mercado Pago's, from :mod:`pos_app.settings.forms`. The external
ids are suggested from the names (letters and digits only) until the person edits them.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import Site
from pos_app.domain.text_fields import (
    BOX_NAME,
    CITY_NAME,
    STATE_NAME,
    STORE_NAME,
    STREET_NAME,
    STREET_NUMBER,
)
from pos_app.i18n import Message
from pos_app.mercadopago.models import Store
from pos_app.settings import forms
from pos_app.settings.forms import BoxDraft, OpeningHours, StoreDraft
from pos_app.ui.qtkit.errors import translate_message
from pos_app.ui.qtkit.workarounds import emit
from pos_app.ui.widgets.form_parts import BusyIndicator, FieldBox, FormGrid, heading, note


def _line(name: str, *, max_length: int = 120, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setMaxLength(max_length)
    edit.setPlaceholderText(placeholder)
    return edit


class _Form(QWidget):
    """Touched-field tracking and error display shared by both forms."""

    createRequested = Signal()
    backRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, FieldBox] = {}
        self._touched: set[str] = set()
        self._show_all = False
        self.busy = BusyIndicator()
        self.form_error = note(name="fieldError")
        self.form_error.hide()

    def _field(self, key: str, editor: QWidget, hint: str = "") -> FieldBox:
        box = FieldBox(editor, hint)
        self.fields[key] = box
        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(functools.partial(self._edited, key))
        return box

    def _edited(self, key: str, _text: str = "") -> None:
        self._touched.add(key)
        self.form_error.hide()
        self.refresh()

    def problems(self) -> dict[str, Message]:
        raise NotImplementedError

    def refresh(self) -> dict[str, Message]:
        problems = self.problems()
        for key, box in self.fields.items():
            shown = self._show_all or key in self._touched
            problem = problems.get(key)
            box.set_error(translate_message(problem) if problem and shown else "")
        return problems

    def reveal_problems(self) -> bool:
        """Show every problem (the person pressed Create); True when there is none."""
        self._show_all = True
        problems = self.refresh()
        for key, box in self.fields.items():
            if key in problems:
                box.target.setFocus()
                break
        return not problems

    def set_api_error(self, text: str, key: str | None) -> None:
        """Mercado Pago refused: beside the field it names, or under the form."""
        if key is not None and key in self.fields:
            self.fields[key].set_error(text)
            self.fields[key].target.setFocus()
            self.form_error.hide()
        else:
            self.form_error.setText(text)
            self.form_error.show()

    def reset(self) -> None:
        self._touched.clear()
        self._show_all = False
        self.form_error.hide()
        self.busy.stop()

    def set_busy(self, text: str) -> None:
        if text:
            self.busy.start(text)
        else:
            self.busy.stop()
        for box in self.fields.values():
            box.editor.setEnabled(not text)
        self.back_button.setEnabled(not text)
        self.create_button.setEnabled(not text)

    def _lay_out(self, title: QWidget, explanation: str, form: FormGrid) -> None:
        """Title, what the form is for, the fields, a form-wide error, then Back and Create."""
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(note(explanation))
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addLayout(self._buttons(self.create_button))
        layout.addStretch(1)

    def _buttons(self, create: QPushButton) -> QHBoxLayout:
        # A literal context: self.tr() here would use each subclass's name at run time.
        back = QPushButton(QCoreApplication.translate("SettingsForms", "Back to the list"))
        back.setObjectName("formBackButton")
        back.clicked.connect(lambda: emit(self.backRequested))
        create.setObjectName("primaryButton")
        create.clicked.connect(lambda: emit(self.createRequested))
        row = QHBoxLayout()
        row.addWidget(self.busy, 1)
        row.addWidget(back)
        row.addWidget(create)
        self.back_button = back
        self.create_button = create
        return row


class NewStoreForm(_Form):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.taken_ids: list[str] = []
        self._id_edited = False
        self.name = _line(
            "storeName", max_length=STORE_NAME.limit, placeholder=self.tr("e.g. Almacén Don Pepe")
        )
        self.external_id = _line("storeExternalId", max_length=forms.MAX_STORE_ID)
        self.street = _line(
            "storeStreet", max_length=STREET_NAME.limit, placeholder=self.tr("e.g. Av. Corrientes")
        )
        self.number = _line("storeNumber", max_length=STREET_NUMBER.limit, placeholder="1234")
        self.city = _line("storeCity", max_length=CITY_NAME.limit)
        self.state = _line(
            "storeState", max_length=STATE_NAME.limit, placeholder=self.tr("province or state")
        )
        self.latitude = _line("storeLatitude", max_length=60, placeholder="-34.6037")
        self.longitude = _line("storeLongitude", max_length=30, placeholder="-58.3816")
        self.hours_box = QCheckBox(self.tr("Add opening hours (optional)"))
        self.hours_box.setObjectName("storeHoursToggle")
        labels = (
            self.tr("Mon"),
            self.tr("Tue"),
            self.tr("Wed"),
            self.tr("Thu"),
            self.tr("Fri"),
            self.tr("Sat"),
            self.tr("Sun"),
        )
        self.days = {day: QCheckBox(label) for day, label in zip(forms.DAYS, labels, strict=True)}
        for day in forms.DAYS[:6]:
            self.days[day].setChecked(True)
        self.opens = _line("storeOpens", max_length=5, placeholder="09:00")
        self.closes = _line("storeCloses", max_length=5, placeholder="20:00")
        for edit in (self.opens, self.closes):
            edit.setFixedWidth(100)
        hours = QWidget()
        hours.setObjectName("storeHours")
        grid = QGridLayout(hours)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, box in enumerate(self.days.values()):
            grid.addWidget(box, 0, i)
        times = QHBoxLayout()
        times.addWidget(QLabel(self.tr("from")))
        times.addWidget(self.opens)
        times.addWidget(QLabel(self.tr("to")))
        times.addWidget(self.closes)
        times.addStretch(1)
        grid.addLayout(times, 1, 0, 1, 7)
        self.hours_widget = hours
        hours.hide()

        self.create_button = QPushButton(self.tr("Create store"))
        form = FormGrid()
        form.addRow(
            self.tr("Store name:"),
            self._field("name", self.name, self.tr("As your customers know the shop.")),
        )
        form.addRow(
            self.tr("Store id:"),
            self._field(
                "external_id",
                self.external_id,
                self.tr(
                    "Your own short code for this store: letters and digits only, up to 60 "
                    "(e.g. SUC001). The app uses it to find the store."
                ),
            ),
        )
        form.addRow(self.tr("Street:"), self._field("street_name", self.street))
        form.addRow(self.tr("Number:"), self._field("street_number", self.number))
        form.addRow(self.tr("City:"), self._field("city", self.city))
        form.addRow(self.tr("State or province:"), self._field("state", self.state))
        form.addRow(
            self.tr("Latitude:"),
            self._field(
                "latitude",
                self.latitude,
                self.tr(
                    "In Google Maps, right-click your shop: the first line is “latitude, "
                    "longitude”. Click it to copy, then paste both numbers here."
                ),
            ),
        )
        form.addRow(self.tr("Longitude:"), self._field("longitude", self.longitude))
        hours_field = self._field("hours", hours)
        form.addRow("", self.hours_box)
        form.addRow("", hours_field)

        self._lay_out(
            heading(self.tr("New store")),
            self.tr(
                "Mercado Pago asks for the shop's address and its place on the map. "
                "A field with a message under it needs attention."
            ),
            form,
        )

        self.name.textEdited.connect(self._suggest_id)
        self.external_id.textEdited.connect(self._id_typed)
        self._latitude_before = ""
        self.latitude.textEdited.connect(self._latitude_edited)
        self.latitude.editingFinished.connect(self._maybe_split_coordinates)
        self.hours_box.toggled.connect(self._hours_toggled)
        for box in self.days.values():
            box.toggled.connect(lambda _on: self._edited("hours"))
        for edit in (self.opens, self.closes):
            edit.textEdited.connect(lambda _t: self._edited("hours"))

    def start(self, taken_ids: list[str]) -> None:
        """Open the form empty, for an account that already has ``taken_ids``."""
        self.taken_ids = list(taken_ids)
        for edit in (
            self.name,
            self.external_id,
            self.street,
            self.number,
            self.city,
            self.state,
            self.latitude,
            self.longitude,
        ):
            edit.clear()
        self._id_edited = False
        self.hours_box.setChecked(False)
        self.opens.setText("09:00")
        self.closes.setText("20:00")
        self.reset()
        self.refresh()
        self.name.setFocus()

    def _suggest_id(self, name: str) -> None:
        if not self._id_edited:
            self.external_id.setText(
                forms.suggest_external_id(
                    name, self.taken_ids, limit=forms.MAX_STORE_ID, fallback="SUC1"
                )
                if name.strip()
                else ""
            )
            if name.strip():
                self._touched.add("external_id")
            self.refresh()

    def _id_typed(self, _text: str) -> None:
        self._id_edited = True

    def _latitude_edited(self, text: str) -> None:
        pasted = len(text) - len(self._latitude_before) > 2  # typing adds one at a time
        self._latitude_before = text
        if pasted:
            self._maybe_split_coordinates()

    def _maybe_split_coordinates(self) -> None:
        pair = forms.split_coordinates(self.latitude.text())
        if pair is not None:  # "-34.6037, -58.3816" copied from a map: fill both
            self.latitude.setText(pair[0])
            self.longitude.setText(pair[1])
            self._touched.update({"latitude", "longitude"})
            self.refresh()

    def _hours_toggled(self, on: bool) -> None:
        self.hours_widget.setVisible(on)
        self.refresh()

    def draft(self) -> StoreDraft:
        hours = None
        if self.hours_box.isChecked():
            hours = OpeningHours(
                days=tuple(day for day, box in self.days.items() if box.isChecked()),
                opens=self.opens.text().strip(),
                closes=self.closes.text().strip(),
            )
        return StoreDraft(
            name=self.name.text(),
            external_id=self.external_id.text(),
            street_name=self.street.text(),
            street_number=self.number.text(),
            city=self.city.text(),
            state=self.state.text(),
            latitude=self.latitude.text(),
            longitude=self.longitude.text(),
            hours=hours,
        )

    def problems(self) -> dict[str, Message]:
        return self.draft().problems(self.taken_ids)


class NewBoxForm(_Form):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.taken_ids: list[str] = []
        self._id_edited = False
        self.title = heading(self.tr("New box"))
        self.name = _line("boxName", max_length=BOX_NAME.limit)
        self.external_id = _line("boxExternalId", max_length=forms.MAX_BOX_ID)
        self.category = _line("boxCategory", max_length=forms.MAX_CATEGORY_DIGITS)
        self.create_button = QPushButton(self.tr("Create box"))
        self.category_field = self._field("category", self.category)
        form = FormGrid()
        form.addRow(
            self.tr("Box name:"),
            self._field(
                "name",
                self.name,
                self.tr("Up to 44 characters, e.g. “Box 1” or “Front counter”."),
            ),
        )
        form.addRow(
            self.tr("Box id:"),
            self._field(
                "external_id",
                self.external_id,
                self.tr(
                    "Letters and digits only, fewer than 40 (e.g. CAJA01). It cannot be changed "
                    "later."
                ),
            ),
        )
        form.addRow(self.tr("Category (optional):"), self.category_field)
        self._lay_out(
            self.title,
            self.tr(
                "A box is one till with its own QR sticker. It is created for fixed "
                "amounts: the QR shows the customer exactly what this computer charges."
            ),
            form,
        )
        self.name.textEdited.connect(self._suggest_id)
        self.external_id.textEdited.connect(self._id_typed)

    def start(self, store: Store, taken_ids: list[str], site: Site, box_count: int) -> None:
        self.store = store
        self.taken_ids = list(taken_ids)
        self.title.setText(self.tr("New box in {store}").format(store=store.name))
        name = self.tr("Box {number}").format(number=box_count + 1)
        self.name.setText(name)
        self._id_edited = False
        self.external_id.setText(self._suggestion(name))
        self.category.clear()
        code = forms.FOOD_CATEGORY.get(site.site_id)
        self.category_field.set_hint(
            self.tr(
                "The MCC code of your trade, if Mercado Pago gave you one. For food and drink "
                "in {country}: {code}. Leave it empty if unsure."
            ).format(country=QCoreApplication.translate("Country", site.country), code=code)
            if code
            else self.tr("The MCC code of your trade, if you know it. Leave it empty if unsure.")
        )
        self.reset()
        self.refresh()
        self.name.setFocus()
        self.name.selectAll()

    def _suggestion(self, name: str) -> str:
        return forms.suggest_external_id(
            name, self.taken_ids, limit=forms.MAX_BOX_ID, fallback="CAJA1"
        )

    def _suggest_id(self, name: str) -> None:
        if not self._id_edited:
            self.external_id.setText(self._suggestion(name) if name.strip() else "")
            self.refresh()

    def _id_typed(self, _text: str) -> None:
        self._id_edited = True

    def draft(self) -> BoxDraft:
        return BoxDraft(
            name=self.name.text(),
            external_id=self.external_id.text(),
            category=self.category.text(),
        )

    def problems(self) -> dict[str, Message]:
        return self.draft().problems(self.taken_ids)
