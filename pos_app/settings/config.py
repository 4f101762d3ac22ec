"""The non-secret settings: a small JSON file, versioned, written atomically, mode 0600.

The access token is never here (see :mod:`pos_app.settings.secrets`). A file that cannot be
read is moved aside (``config.json.broken-<time>``) and the defaults are used, with a message
for the person at the counter: a damaged file must never stop a shop from selling.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from dataclasses import asdict, dataclass, field, fields, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pos_app.domain.money import DEFAULT_SITE_ID, SITES, site_for
from pos_app.i18n import QT_TRANSLATE_NOOP, Message, message
from pos_app.settings import paths

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
CTX = "Config"


@dataclass(frozen=True)
class PollSchedule:
    """How often to search by reference while a sale is pending (seconds)."""

    fast: float = 1.0
    fast_for: float = 120.0
    medium: float = 3.0
    medium_until: float = 600.0
    slow: float = 10.0
    # With a notification seen in the last ``hint_window`` seconds, poll at most this often.
    with_notifications: float = 8.0
    hint_window: float = 60.0

    def interval(self, elapsed: float, notifications_recent: bool = False) -> float:
        if elapsed < self.fast_for:
            base = self.fast
        elif elapsed < self.medium_until:
            base = self.medium
        else:
            base = self.slow
        return max(base, self.with_notifications) if notifications_recent else base

    @classmethod
    def fixed(cls, seconds: float) -> PollSchedule:
        """``--poll-interval S``: never faster than S."""
        return cls(
            fast=seconds,
            medium=max(seconds, 3.0),
            slow=max(seconds, 10.0),
            with_notifications=max(seconds, 8.0),
        )


@dataclass(frozen=True)
class Config:
    schema_version: int = SCHEMA_VERSION
    # Account (from /users/me, cached so the app can start offline)
    user_id: int | None = None
    site_id: str = DEFAULT_SITE_ID
    nickname: str = ""
    is_test_user: bool = False
    api_base_url: str = ""  # empty = Mercado Pago; MP_API_BASE_URL overrides
    # Store and box
    store_external_id: str = ""
    store_name: str = ""
    box_external_id: str = ""
    box_name: str = ""
    order_title: str = ""  # shown to the customer; empty = the store's name
    # Charging
    order_ttl_minutes: int = 10
    poll: PollSchedule = field(default_factory=PollSchedule)
    max_total: str = ""  # empty = the site's default maximum
    sound_on_paid: bool = True
    # Notifications (receiver)
    notify_listen: str = ""  # "HOST:PORT"; empty = receiver off
    notify_url: str = ""  # the public URL Mercado Pago posts to
    # Tunnels/proxies whose X-Forwarded-For is believed ("127.0.0.1", "10.0.0.0/8", ...).
    notify_trusted_proxies: str = ""
    # Appearance
    language: str = ""  # empty = follow the system

    @property
    def is_configured(self) -> bool:
        return bool(self.store_external_id and self.box_external_id)

    def max_total_amount(self) -> Decimal:
        if self.max_total:
            try:
                return Decimal(self.max_total)
            except InvalidOperation:
                pass
        return site_for(self.site_id).default_max_total

    def with_changes(self, **changes: Any) -> Config:
        return replace(self, **changes)


@dataclass(frozen=True)
class LoadResult:
    config: Config
    problem: Message | None = None  # set when the file was damaged and moved aside
    moved_to: Path | None = None


def to_json(config: Config) -> dict[str, Any]:
    return asdict(config)


def from_json(data: Any) -> Config:
    if not isinstance(data, dict):
        raise ValueError("the settings file does not hold an object")
    version = data.get("schema_version", 1)
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise ValueError(f"unknown settings version {version!r}")
    known = {f.name: f for f in fields(Config)}
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name not in known or name == "schema_version":
            continue  # unknown keys from a newer minor release are ignored, not fatal
        if name == "poll":
            if not isinstance(value, dict):
                raise ValueError("poll must be an object")
            allowed = {f.name for f in fields(PollSchedule)}
            value = PollSchedule(**{k: float(v) for k, v in value.items() if k in allowed})
        values[name] = value
    config = Config(**values)
    _check_types(config)
    return config


def _check_types(config: Config) -> None:
    if config.site_id not in SITES:
        raise ValueError(f"unknown site {config.site_id!r}")
    if config.user_id is not None and not isinstance(config.user_id, int):
        raise ValueError("user_id must be a number")
    for name in (
        "store_external_id",
        "box_external_id",
        "max_total",
        "notify_listen",
        "notify_trusted_proxies",
    ):
        if not isinstance(getattr(config, name), str):
            raise ValueError(f"{name} must be text")
    if not isinstance(config.order_ttl_minutes, int) or not 1 <= config.order_ttl_minutes <= 1440:
        raise ValueError("order_ttl_minutes must be 1..1440")


def load(path: Path | None = None) -> LoadResult:
    path = path or paths.config_path()
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return LoadResult(Config())
    except OSError as exc:
        return _move_aside(path, f"cannot read it ({exc.strerror})")
    try:
        return LoadResult(from_json(json.loads(raw)))
    except (ValueError, TypeError) as exc:
        return _move_aside(path, str(exc))


def _move_aside(path: Path, why: str) -> LoadResult:
    target = path.with_name(f"{path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        path.replace(target)
    except OSError:
        target = None  # type: ignore[assignment]
    log.warning("settings file %s was unusable (%s); moved to %s", path, why, target)
    return LoadResult(
        Config(),
        problem=message(
            CTX,
            QT_TRANSLATE_NOOP(
                "Config",
                "The settings file was damaged ({why}) and was put aside as {moved}. "
                "Default settings are in use: please check them.",
            ),
            why=why,
            moved=str(target) if target else "-",
        ),
        moved_to=target,
    )


def save(config: Config, path: Path | None = None) -> Path:
    """Write atomically: a temporary file in the same folder, fsync, then rename over."""
    path = path or paths.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(to_json(config), indent=2, sort_keys=True) + "\n"
    fd, tmp = tempfile.mkstemp(prefix=".config-", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
