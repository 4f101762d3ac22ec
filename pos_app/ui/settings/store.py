"""Settings → Store and box: pick where this computer charges, or create it, and print its QR.

Mercado Pago's model: an account has stores (shops, with an address) and each store has boxes
(tills, each with its own printed QR). The app charges on one box, named by its *external id*,
which boxes made in Mercado Pago's web panel do not have; such boxes (and stores) are listed but
explained, not silently hidden. Every call runs on the qasync loop with a busy line; nothing
here blocks the window.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.mercadopago.errors import MercadoPagoError
from pos_app.mercadopago.models import Box, Store
from pos_app.settings import account
from pos_app.settings.account import AccountError, Places
from pos_app.settings.config import Config
from pos_app.settings.forms import field_for_rejection
from pos_app.ui.qtkit.async_utils import TaskKeeper
from pos_app.ui.qtkit.errors import describe_error, translate_message
from pos_app.ui.qtkit.workarounds import emit
from pos_app.ui.settings.qr_sticker import StickerPanel
from pos_app.ui.settings.saving import SecretWrite
from pos_app.ui.settings.session import SettingsSession
from pos_app.ui.settings.store_forms import NewBoxForm, NewStoreForm
from pos_app.ui.widgets.form_parts import BusyIndicator, heading, note

log = logging.getLogger(__name__)

ROLE = Qt.ItemDataRole.UserRole  # the Store or Box behind a list row
VIEW_LISTS, VIEW_NEW_STORE, VIEW_NEW_BOX = 0, 1, 2


def _scrolled(stack: QStackedWidget) -> QScrollArea:
    """A scrolled page of ``stack``, made in it: what it will show is made in its viewport and
    then given to :meth:`QScrollArea.setWidget`, so it never moves (each move re-styles the whole
    subtree: the app has a stylesheet)."""
    area = QScrollArea(stack)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    stack.addWidget(area)
    return area


class StoreBoxPage(QWidget):
    changed = Signal()

    def __init__(self, session: SettingsSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = TaskKeeper(self)
        self.places: Places | None = None
        self._loaded_for: int | None = None  # the user id the lists belong to
        self._running = 0  # calls started whose end was not rendered yet
        self.title = self.tr("Store and box")

        # -- the lists -------------------------------------------------------------------------
        self.account_line = note()
        self.busy = BusyIndicator()
        self.error = note(name="fieldError")
        self.error.hide()
        self.refresh_button = QPushButton(self.tr("Reload from Mercado Pago"))
        self.refresh_button.setObjectName("reloadPlacesButton")
        self.store_list = QListWidget()
        self.store_list.setObjectName("storeList")
        self.box_list = QListWidget()
        self.box_list.setObjectName("boxList")
        for view in (self.store_list, self.box_list):
            view.setMinimumHeight(120)
            view.setWordWrap(True)
        self.new_store_button = QPushButton(self.tr("New store…"))
        self.new_store_button.setObjectName("newStoreButton")
        self.new_box_button = QPushButton(self.tr("New box…"))
        self.new_box_button.setObjectName("newBoxButton")
        self.choice_problem = note(name="fieldError")
        self.choice_problem.hide()
        self.chosen = QLabel()
        self.chosen.setObjectName("chosenPlace")
        self.chosen.setWordWrap(True)
        self.sticker = StickerPanel()

        # Containers first, each made inside the page, then filled: every move re-styles the
        # whole subtree (the app has a stylesheet), and built loose the lists moved five times
        # (into their group, the group into the view, the view into the stack, the stack into
        # the page, the page into its window), the forms four. Now each part moves into the
        # page once (and with it into its window), and the forms are made where they stay.
        self.stack = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.addWidget(self.stack)
        list_view = QWidget()
        self.stack.addWidget(list_view)
        layout = QVBoxLayout(list_view)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(self.tr("Store and box")))
        layout.addWidget(
            note(
                self.tr(
                    "In Mercado Pago a store is your shop and a box is one till with its own "
                    "QR sticker. Choose the store and the box this computer charges on, or "
                    "create them here."
                )
            )
        )
        top = QHBoxLayout()
        layout.addLayout(top)
        top.addWidget(self.account_line, 1)
        top.addWidget(self.refresh_button)
        layout.addWidget(self.busy)
        layout.addWidget(self.error)
        lists = QHBoxLayout()
        layout.addLayout(lists, 1)
        stores = QGroupBox(self.tr("Stores"))
        lists.addWidget(stores, 1)
        stores_layout = QVBoxLayout(stores)
        stores_layout.addWidget(self.store_list, 1)
        stores_layout.addWidget(self.new_store_button)
        boxes = QGroupBox(self.tr("Boxes of the chosen store"))
        lists.addWidget(boxes, 1)
        boxes_layout = QVBoxLayout(boxes)
        boxes_layout.addWidget(self.box_list, 1)
        boxes_layout.addWidget(self.new_box_button)
        layout.addWidget(self.choice_problem)
        layout.addWidget(self.chosen)
        layout.addWidget(self.sticker)

        # -- the forms -------------------------------------------------------------------------
        store_area = _scrolled(self.stack)
        self.store_form = NewStoreForm(store_area.viewport())
        store_area.setWidget(self.store_form)
        box_area = _scrolled(self.stack)
        self.box_form = NewBoxForm(box_area.viewport())
        box_area.setWidget(self.box_form)
        self.stack.currentChanged.connect(lambda _index: emit(self.changed))

        # -- wiring ----------------------------------------------------------------------------
        self.refresh_button.clicked.connect(self.reload)
        self.store_list.currentItemChanged.connect(self._store_picked)
        self.box_list.currentItemChanged.connect(self._box_picked)
        self.new_store_button.clicked.connect(self.open_new_store)
        self.new_box_button.clicked.connect(self.open_new_box)
        self.store_form.createRequested.connect(self.create_store)
        self.store_form.backRequested.connect(self.show_lists)
        self.box_form.createRequested.connect(self.create_box)
        self.box_form.backRequested.connect(self.show_lists)
        session.accountChanged.connect(self._account_changed)
        self._show_account()
        self._show_choice()

    # == loading =================================================================================
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.load_if_needed()

    def load_if_needed(self) -> None:
        user = self.session.user
        if user is not None and self._loaded_for != user.id and not self.is_busy():
            self.reload()

    def _account_changed(self) -> None:
        self._show_account()
        if self.isVisible():
            self.load_if_needed()
        self._show_choice()

    def _show_account(self) -> None:
        user = self.session.user
        if user is None:
            self.account_line.setText(
                self.tr("Check the access token first (Account), then the stores appear here.")
            )
        else:
            self.account_line.setText(
                self.tr("Account: {nickname} (user {id})").format(
                    nickname=user.nickname or "—", id=user.id
                )
            )
        self._update_buttons()

    def reload(self) -> None:
        user = self.session.user
        if user is None or self.session.token is None:
            self._show_account()
            return
        self._run(self._load(user.id), self.tr("Loading your stores and boxes…"))

    async def _load(self, user_id: int) -> None:
        places = await account.load_places(self.session.client(), user_id)
        self.places = places
        self._loaded_for = user_id
        self._fill_lists()

    def _run(
        self,
        coro: Coroutine[Any, Any, None],
        busy_text: str,
        form: NewStoreForm | NewBoxForm | None = None,
    ) -> None:
        self.error.hide()
        if form is not None:
            form.set_busy(busy_text)
        else:
            self.busy.start(busy_text)

        async def run() -> None:
            try:
                await coro
            except AccountError as exc:
                self._api_failed(exc, form)
            finally:
                self.busy.stop()
                if form is not None:
                    form.set_busy("")

        self._running += 1
        task = self.tasks.spawn(run(), on_error=self._crashed)
        # Canceled before its first step (Settings closed in the same turn), ``run`` never
        # awaits ``coro``: closed here, it is not reported as "never awaited" at collection.
        # (On a coroutine that ran or is done, close() does nothing.)
        task.add_done_callback(lambda _task: coro.close())
        task.add_done_callback(self._settled)
        self._update_buttons()
        emit(self.changed)

    def _settled(self, _task: object) -> None:
        # One callback both ends "busy" and re-renders, so nobody sees one without the other.
        self._running -= 1
        self._update_buttons()
        emit(self.changed)

    def _api_failed(self, exc: AccountError, form: NewStoreForm | NewBoxForm | None) -> None:
        text = translate_message(exc.msg)
        if form is not None:
            cause = exc.cause
            key = (
                field_for_rejection(cause, box=form is self.box_form)
                if isinstance(cause, MercadoPagoError)
                else None
            )
            form.set_api_error(text, key)
        else:
            self.error.setText(text)
            self.error.show()

    def _crashed(self, exc: BaseException) -> None:
        log.error("store and box page failed", exc_info=exc)
        self.busy.stop()
        self.error.setText(describe_error(exc))
        self.error.show()
        self._update_buttons()
        emit(self.changed)

    # == the lists ===============================================================================
    def _fill_lists(self, select_store: Store | None = None, select_box: Box | None = None) -> None:
        places = self.places
        if places is None:
            return
        want_store = select_store.external_id if select_store else self.session.place_ids()[0]
        want_box = select_box.external_id if select_box else self.session.place_ids()[1]
        self.store_list.blockSignals(True)
        self.store_list.clear()
        current: QListWidgetItem | None = None
        for store in places.stores:
            item = QListWidgetItem(self._store_text(store))
            item.setData(ROLE, store)
            if not store.external_id:
                item.setForeground(Qt.GlobalColor.gray)
                item.setToolTip(self._no_store_id_text())
            self.store_list.addItem(item)
            wanted = (
                store.id == select_store.id
                if select_store is not None
                else bool(want_store) and store.external_id == want_store
            )
            if wanted and current is None:
                current = item
        self.store_list.blockSignals(False)
        if not places.stores:
            self.store_list.addItem(self._placeholder(self.tr("No store yet: create one.")))
        usable = [s for s in places.stores if s.external_id]
        if current is None and not want_store and len(usable) == 1:
            current = self.store_list.item(places.stores.index(usable[0]))  # the only choice
        if current is not None:
            self.store_list.setCurrentItem(current)  # fills the boxes
        else:
            self._fill_boxes(None)
        if select_box is not None or want_box:
            self._select_box(select_box.id if select_box else None, want_box)
        elif current is not None:
            boxes = [b for b in places.boxes_of(current.data(ROLE)) if b.external_id]
            if len(boxes) == 1:
                self._select_box(boxes[0].id, "")
        self._update_buttons()

    def _placeholder(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        return item

    def _store_text(self, store: Store) -> str:
        lines = [store.name or "—"]
        lines.append(
            self.tr("id {id}").format(id=store.external_id)
            if store.external_id
            else self.tr("no store id (made in the web panel)")
        )
        if store.address_line:
            lines.append(store.address_line)
        return "\n".join(lines)

    def _box_text(self, box: Box) -> str:
        if box.external_id:
            return f"{box.name or '—'}\n" + self.tr("id {id}").format(id=box.external_id)
        return f"{box.name or '—'}\n" + self.tr("no box id (made in the web panel)")

    def _no_store_id_text(self) -> str:
        return self.tr(
            "This store was made in the Mercado Pago web panel and has no store id, which the "
            "app needs. Create a store here instead."
        )

    def _no_box_id_text(self) -> str:
        return self.tr(
            "This box was made in the Mercado Pago web panel and has no box id, which the app "
            "needs to send it orders. Create a box here instead."
        )

    def _fill_boxes(self, store: Store | None) -> None:
        self.box_list.blockSignals(True)
        self.box_list.clear()
        if store is not None and self.places is not None:
            boxes = self.places.boxes_of(store)
            for box in boxes:
                item = QListWidgetItem(self._box_text(box))
                item.setData(ROLE, box)
                if not box.external_id:
                    item.setForeground(Qt.GlobalColor.gray)
                    item.setToolTip(self._no_box_id_text())
                self.box_list.addItem(item)
            if not boxes:
                self.box_list.addItem(self._placeholder(self.tr("No box yet: create one.")))
        self.box_list.blockSignals(False)

    def _select_box(self, box_id: int | None, external_id: str) -> None:
        for row in range(self.box_list.count()):
            item = self.box_list.item(row)
            box = item.data(ROLE)
            if isinstance(box, Box) and (
                box.id == box_id or (box_id is None and box.external_id == external_id)
            ):
                self.box_list.setCurrentItem(item)
                return

    def _current(self, view: QListWidget) -> object:
        item = view.currentItem()
        return item.data(ROLE) if item is not None else None

    def _store_picked(self, *_args: Any) -> None:
        store = self._current(self.store_list)
        self._fill_boxes(store if isinstance(store, Store) else None)
        if isinstance(store, Store) and self.session.store != store:
            self.session.set_place(store, None)
        self._show_choice()
        self._update_buttons()

    def _box_picked(self, *_args: Any) -> None:
        store = self._current(self.store_list)
        box = self._current(self.box_list)
        if not (isinstance(store, Store) and isinstance(box, Box)):
            return
        self.session.set_place(store, box)
        self._show_choice()
        if store.external_id and box.external_id and not box.qr_code:
            self._fetch_qr(store, box)

    def _fetch_qr(self, store: Store, box: Box) -> None:

        async def fetch() -> None:
            full = await account.box_with_qr(self.session.client(), box)
            if self.session.box is not None and self.session.box.id == full.id:
                self.session.set_place(store, full)
                self._show_choice()

        self._run(fetch(), self.tr("Fetching the box's QR code…"))

    # == the choice ==============================================================================
    def choice_problem_text(self) -> str:
        """Why the current choice cannot be saved; "" when it can."""
        store, box = self.session.store, self.session.box
        if store is not None and not store.external_id:
            return self._no_store_id_text()
        if box is not None and not box.external_id:
            return self._no_box_id_text()
        store_id, box_id = self.session.place_ids()
        if not store_id:
            return self.tr("Choose the store this computer belongs to, or create one.")
        if not box_id:
            return self.tr("Choose the box (till) this computer charges on, or create one.")
        return ""

    def _show_choice(self) -> None:
        problem = self.choice_problem_text()
        self.choice_problem.setText(problem)
        self.choice_problem.setVisible(bool(problem) and self.session.user is not None)
        store, box = self.session.store, self.session.box
        config = self.session.config
        if store is not None and box is not None and not problem:
            self.chosen.setText(
                self.tr("This computer charges on: {store} · {box}").format(
                    store=store.name, box=box.name
                )
            )
        elif not problem:
            self.chosen.setText(
                self.tr("This computer charges on: {store} · {box}").format(
                    store=config.store_name or config.store_external_id,
                    box=config.box_name or config.box_external_id,
                )
            )
        else:
            self.chosen.setText("")
        self.chosen.setVisible(bool(self.chosen.text()))
        if box is not None and box.qr_code and store is not None:
            self.sticker.set_sticker(box.qr_code, store.name, box.name)
        elif box is not None and box.external_id:
            self.sticker.clear(self.tr("Loading the QR code…"))
        else:
            self.sticker.clear(self.tr("Choose a box to see its QR code."))
        emit(self.changed)

    # == creating ================================================================================
    def open_new_store(self) -> None:
        self.store_form.start(self.places.store_ids() if self.places else [])
        self.stack.setCurrentIndex(VIEW_NEW_STORE)

    def open_new_box(self) -> None:
        store = self._current(self.store_list)
        if not isinstance(store, Store) or not store.external_id:
            return
        places = self.places or Places((), ())
        self.box_form.start(store, places.box_ids(), self.session.site, len(places.boxes_of(store)))
        self.stack.setCurrentIndex(VIEW_NEW_BOX)

    def show_lists(self) -> None:
        self.stack.setCurrentIndex(VIEW_LISTS)

    def create_store(self) -> None:
        user = self.session.user
        if user is None or not self.store_form.reveal_problems():
            return
        draft = self.store_form.draft()

        async def create() -> None:
            store = await account.create_store(self.session.client(), user.id, draft)
            self.places = (self.places or Places((), ())).with_store(store)
            self.show_lists()
            self._fill_lists(select_store=store)
            self.session.set_place(store, None)
            self._show_choice()

        self._run(create(), self.tr("Creating the store in Mercado Pago…"), self.store_form)

    def create_box(self) -> None:
        store = self.box_form.store
        if store is None or not self.box_form.reveal_problems():
            return
        draft = self.box_form.draft()

        async def create() -> None:
            box = await account.create_box(self.session.client(), store, draft)
            if not box.qr_code:
                box = await account.box_with_qr(self.session.client(), box)
            self.places = (self.places or Places((), ())).with_box(box)
            self.show_lists()
            self._fill_lists(select_store=store, select_box=box)

        self._run(create(), self.tr("Creating the box in Mercado Pago…"), self.box_form)

    # == page state ==============================================================================
    def _update_buttons(self) -> None:
        busy = self.is_busy()
        has_user = self.session.user is not None
        store = self._current(self.store_list)
        self.refresh_button.setEnabled(has_user and not busy)
        self.new_store_button.setEnabled(has_user and not busy and self.places is not None)
        self.new_box_button.setEnabled(
            has_user and not busy and isinstance(store, Store) and bool(store.external_id)
        )

    def is_busy(self) -> bool:
        return self._running > 0

    def problem(self) -> str:
        if self.is_busy():
            return self.tr("Wait for Mercado Pago to answer.")
        if self.stack.currentIndex() == VIEW_NEW_STORE:
            return self.tr("Create the new store, or go back to the list.")
        if self.stack.currentIndex() == VIEW_NEW_BOX:
            return self.tr("Create the new box, or go back to the list.")
        store, box = self.session.store, self.session.box
        if (store is not None and not store.external_id) or (
            box is not None and not box.external_id
        ):
            return self.tr("This one cannot be used (see the message under the lists).")
        return self.choice_problem_text()

    def apply_to(self, config: Config) -> Config:
        return config  # the session carries the place; the dialog applies it

    def secret_writes(self) -> list[SecretWrite] | None:
        return []

    def forget_tasks(self) -> list[asyncio.Task[Any]]:
        """Cancel calls still running (the dialog closed); returns them to be awaited."""
        return self.tasks.cancel_all()
