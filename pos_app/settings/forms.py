"""What a person types into Settings (or the first-run assistant), checked before anything is sent.

Every function answers with a translatable :class:`~pos_app.i18n.Message` saying what is wrong
(``None`` when the value is fine), so the window can show it beside the field it concerns. The
Mercado Pago rules themselves live in :mod:`pos_app.settings.setup` and are reused here, so the
dialog and ``pos-app configure`` accept and refuse the same input.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace

from pos_app.domain.money import Site
from pos_app.domain.text_fields import (
    CITY_NAME,
    STATE_NAME,
    STORE_NAME,
    STREET_NAME,
    STREET_NUMBER,
    TextField,
    text_problem,
)
from pos_app.domain.validation import ValidationError, clean_text, read_amount
from pos_app.i18n import QT_TRANSLATE_NOOP, Message, message
from pos_app.mercadopago.errors import MercadoPagoError
from pos_app.mercadopago.models import BoxRequest, Store, StoreRequest
from pos_app.settings.config import PollSchedule

# The bounds and the field checks are shared with the config file's loading (re-exported here).
from pos_app.settings.rules import LANGUAGES as LANGUAGES
from pos_app.settings.rules import MAX_FAST_PHASE_SECONDS as MAX_FAST_PHASE_SECONDS
from pos_app.settings.rules import MAX_POLL_SECONDS as MAX_POLL_SECONDS
from pos_app.settings.rules import MAX_TTL_MINUTES as MAX_TTL_MINUTES
from pos_app.settings.rules import MIN_POLL_SECONDS as MIN_POLL_SECONDS
from pos_app.settings.rules import MIN_TTL_MINUTES as MIN_TTL_MINUTES
from pos_app.settings.rules import LanguageChoice as LanguageChoice
from pos_app.settings.rules import fast_phase_problem as fast_phase_problem
from pos_app.settings.rules import listen_problem as listen_problem
from pos_app.settings.rules import notify_url_problem as notify_url_problem
from pos_app.settings.rules import order_ttl_problem as order_ttl_problem
from pos_app.settings.rules import poll_interval_problem as poll_interval_problem
from pos_app.settings.setup import MAX_BOX_ID as MAX_BOX_ID  # re-exported for the forms
from pos_app.settings.setup import MAX_STORE_ID as MAX_STORE_ID
from pos_app.settings.setup import (
    box_id_problem,
    box_name_problem,
    store_id_problem,
)

CTX = "SettingsForm"

MAX_CATEGORY_DIGITS = 10
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_HHMM = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")  # fullmatch: no "09:00\n", no "0٩:00"
_COORDINATE = re.compile(r"^[+-]?\d{1,3}(?:[.,]\d+)?$")

# Mercado Pago's example MCC codes for food and drink ("gastronomy") per site (notes §4).
FOOD_CATEGORY = {
    "MLA": 621102,
    "MLB": 5611203,
    "MLM": 5812,
    "MCO": 5611,
    "MPE": 5520,
    "MLU": 56101,
    "MLC": 561000,
}


def _msg(source: str, **params: object) -> Message:
    return message(CTX, source, **params)


# == charging ====================================================================================
def parse_number(text: str) -> float | None:
    """A plain number typed with a dot or a comma as the decimal mark (``1``, ``0,5``)."""
    text = text.strip().replace(",", ".")
    if not re.fullmatch(r"\d+(?:\.\d+)?|\.\d+", text, re.ASCII):
        return None
    value = float(text)
    return value if math.isfinite(value) else None  # 400 nines: inf, which int() refused


def format_number(value: float) -> str:
    return f"{value:g}"


def read_minutes(text: str) -> tuple[int | None, Message | None]:
    """The order expiry field: whole minutes, 1 to 1440."""
    value = parse_number(text)
    if value is None or value != int(value):
        return None, _msg(
            QT_TRANSLATE_NOOP("SettingsForm", "Write a whole number of minutes, from 1 to 1440.")
        )
    problem = order_ttl_problem(int(value))
    return (None, problem) if problem else (int(value), None)


def read_interval(text: str) -> tuple[float | None, Message | None]:
    """A polling interval in seconds, 0.2 to 300."""
    value = parse_number(text)
    problem = poll_interval_problem(value) if value is not None else None
    if value is None or problem is not None:
        return None, problem or _msg(
            QT_TRANSLATE_NOOP("SettingsForm", "Write a number of seconds, like 1 or 2.5.")
        )
    return value, None


def read_fast_phase(text: str) -> tuple[float | None, Message | None]:
    value = parse_number(text)
    problem = fast_phase_problem(value) if value is not None else None
    if value is None or problem is not None:
        return None, problem or _msg(
            QT_TRANSLATE_NOOP("SettingsForm", "Write a number of seconds, like 120.")
        )
    return value, None


def adaptive_poll(base: PollSchedule, fast: float, fast_for: float) -> PollSchedule:
    """Quick checks every ``fast`` seconds for the first ``fast_for``, then ``base``'s slower
    steps (never quicker than the quick ones, so the schedule only ever slows down)."""
    return replace(
        base,
        fast=fast,
        fast_for=fast_for,
        medium=max(base.medium, fast),
        slow=max(base.slow, fast),
    )


def is_fixed_poll(poll: PollSchedule) -> bool:
    """True when ``poll`` is what ``PollSchedule.fixed(poll.fast)`` (``--poll-interval``) makes
    and differs from the default adaptive schedule."""
    return poll == PollSchedule.fixed(poll.fast) and poll != PollSchedule()


@dataclass(frozen=True)
class AmountField:
    """An optional amount as stored in the config (a plain decimal string, "" = default)."""

    value: str
    problem: Message | None = None


def parse_max_total(text: str, site: Site) -> AmountField:
    """The "maximum sale" field: empty means the site's default; written the site's way.

    Read like every money field (:func:`~pos_app.domain.validation.read_amount`): local
    separators accepted, decimals refused (never rounded) where the currency has none.
    """
    if not text.strip():
        return AmountField("")
    try:
        amount = read_amount(text, site)
    except ValidationError as exc:
        return AmountField("", exc.msg)
    return AmountField(str(amount))


# == store and box ==============================================================================
def suggest_external_id(name: str, taken: Collection[str], *, limit: int, fallback: str) -> str:
    """Letters and digits from ``name`` (accents dropped), upper case, not one of ``taken``."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    base = "".join(ch for ch in plain.upper() if ch.isalnum())[: limit - 2] or fallback
    used = {t.upper() for t in taken}
    if base not in used:
        return base
    for n in range(2, 100):
        candidate = f"{base[: limit - len(str(n))]}{n}"
        if candidate not in used:
            return candidate
    return base  # a hundred look-alikes: let the "already used" check speak


def parse_coordinate(text: str, bound: int) -> float | None:
    """A latitude (bound 90) or longitude (bound 180) typed with a dot or a comma."""
    text = text.strip()
    if not _COORDINATE.match(text):
        return None
    value = float(text.replace(",", "."))
    return value if -bound <= value <= bound else None


def split_coordinates(text: str) -> tuple[str, str] | None:
    """``"-34.6037, -58.3816"`` (what Google Maps copies) → the two numbers, else ``None``."""
    parts = [p for p in re.split(r"[\s;]+|,\s+|,(?=[+-])", text.strip()) if p]
    if len(parts) != 2:
        return None
    lat, lng = parts
    if parse_coordinate(lat, 90) is None or parse_coordinate(lng, 180) is None:
        return None
    return lat, lng


@dataclass(frozen=True)
class OpeningHours:
    """One opening and one closing time for some days of the week (optional in Mercado Pago)."""

    days: tuple[str, ...]
    opens: str  # "HH:MM"
    closes: str

    def problem(self) -> Message | None:
        if not self.days:
            return _msg(QT_TRANSLATE_NOOP("SettingsForm", "Tick the days the store opens."))
        if not (_HHMM.fullmatch(self.opens) and _HHMM.fullmatch(self.closes)):
            return _msg(QT_TRANSLATE_NOOP("SettingsForm", "Write the times as HH:MM."))
        if self.closes <= self.opens:
            return _msg(
                QT_TRANSLATE_NOOP(
                    "SettingsForm", "The closing time must be later than the opening time."
                )
            )
        return None

    def to_json(self) -> dict[str, list[dict[str, str]]]:
        return {
            day: [{"open": self.opens, "close": self.closes}] for day in DAYS if day in self.days
        }


# The store's typed texts and their limits (the draft's attribute → its field).
_STORE_TEXTS: Mapping[str, TextField] = {
    "name": STORE_NAME,
    "street_name": STREET_NAME,
    "street_number": STREET_NUMBER,
    "city": CITY_NAME,
    "state": STATE_NAME,
}


@dataclass(frozen=True)
class StoreDraft:
    """A store about to be created, as typed (coordinates still text)."""

    name: str = ""
    external_id: str = ""
    street_name: str = ""
    street_number: str = ""
    city: str = ""
    state: str = ""
    latitude: str = ""
    longitude: str = ""
    hours: OpeningHours | None = None

    def problems(self, taken_ids: Collection[str] = ()) -> dict[str, Message]:
        """Field name → what is wrong with it; empty when Mercado Pago should accept it."""
        found: dict[str, Message] = {}
        required = _msg(QT_TRANSLATE_NOOP("SettingsForm", "Mercado Pago needs this."))
        for name, field in _STORE_TEXTS.items():
            text = getattr(self, name)
            if not text.strip():
                found[name] = required
            elif (problem := text_problem(text, field)) is not None:
                found[name] = problem
        external_id = self.external_id.strip()
        problem = store_id_problem(external_id)
        if problem is not None:
            found["external_id"] = problem
        elif external_id.upper() in {t.upper() for t in taken_ids}:
            found["external_id"] = _msg(
                QT_TRANSLATE_NOOP(
                    "SettingsForm", "Another store of this account already uses this id."
                )
            )
        for name, bound in (("latitude", 90), ("longitude", 180)):
            if parse_coordinate(getattr(self, name), bound) is None:
                found[name] = (
                    _msg(
                        QT_TRANSLATE_NOOP(
                            "SettingsForm",
                            "A number between -{bound} and {bound}, like -34.6037.",
                        ),
                        bound=bound,
                    )
                    if getattr(self, name).strip()
                    else required
                )
        if self.hours is not None:
            problem = self.hours.problem()
            if problem is not None:
                found["hours"] = problem
        return found

    def to_request(self) -> StoreRequest:
        """Only for a draft without problems."""
        latitude = parse_coordinate(self.latitude, 90)
        longitude = parse_coordinate(self.longitude, 180)
        assert latitude is not None and longitude is not None, "validate first"
        return StoreRequest(
            name=clean_text(self.name),
            external_id=self.external_id.strip(),
            street_name=clean_text(self.street_name),
            street_number=clean_text(self.street_number),
            city_name=clean_text(self.city),
            state_name=clean_text(self.state),
            latitude=latitude,
            longitude=longitude,
            business_hours=self.hours.to_json() if self.hours else {},
        )


@dataclass(frozen=True)
class BoxDraft:
    """A box ("caja") about to be created in a store."""

    name: str = ""
    external_id: str = ""
    category: str = ""  # an MCC code, optional

    def problems(self, taken_ids: Collection[str] = ()) -> dict[str, Message]:
        found: dict[str, Message] = {}
        problem = box_name_problem(self.name)
        if problem is not None:
            found["name"] = problem
        external_id = self.external_id.strip()
        problem = box_id_problem(external_id)
        if problem is not None:
            found["external_id"] = problem
        elif external_id.upper() in {t.upper() for t in taken_ids}:
            found["external_id"] = _msg(
                QT_TRANSLATE_NOOP(
                    "SettingsForm", "Another box of this account already uses this id."
                )
            )
        category = self.category.strip()
        # ASCII digits: "²" is a digit to isdigit() and a ValueError to int(); 0 is no code.
        if category and not (
            category.isascii()
            and category.isdigit()
            and len(category) <= MAX_CATEGORY_DIGITS
            and int(category) > 0
        ):
            found["category"] = _msg(
                QT_TRANSLATE_NOOP(
                    "SettingsForm", "The category is a number (an MCC code), or leave it empty."
                )
            )
        return found

    def to_request(self, store: Store) -> BoxRequest:
        category = self.category.strip()
        return BoxRequest(
            name=clean_text(self.name),
            external_id=self.external_id.strip(),
            store_id=store.id,
            external_store_id=store.external_id,
            category=int(category) if category else None,
        )


# Mercado Pago's error keys (and the sandbox's, for POST /pos) → the field they are about.
_STORE_KEYS: Mapping[str, str] = {
    "INVALID_NAME": "name",
    "INVALID_LOCATION": "street_name",
    "INVALID_STATE_NAME": "state",
    "VALIDATION_ERROR": "external_id",
}
_BOX_KEYS: Mapping[str, str] = {
    "invalid_name": "name",
    "invalid_external_id": "external_id",
    "point_of_sale_exists": "external_id",
    "invalid_category": "category",
}


def field_for_rejection(exc: MercadoPagoError, *, box: bool) -> str | None:
    """Which form field a refusal from Mercado Pago is about, when its key says so."""
    keys = _BOX_KEYS if box else _STORE_KEYS
    if exc.status == 409 and box:
        return "external_id"
    return keys.get(exc.key) or keys.get(exc.key.lower()) or keys.get(exc.key.upper())
