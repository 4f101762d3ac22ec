"""The non-secret settings: a small JSON file, versioned, written atomically, mode 0600.

The access token is never here (see :mod:`pos_app.settings.secrets`). A file that cannot be
read, or holds values that make no sense, is put aside (``config.json.damaged-<time>``); every
valid setting is kept, defaults replace the rest, and the person at the counter is told once: a
damaged file must never stop a shop from selling.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import logging
import stat
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

# The schedule lives with the engine; settings store it (and keep this name for importers).
from pos_app.checkout.cadence import PollSchedule as PollSchedule
from pos_app.domain.money import DEFAULT_SITE_ID, site_for
from pos_app.i18n import QT_TRANSLATE_NOOP, Joined, Message, message
from pos_app.settings import paths
from pos_app.settings.config_fields import check_fields, plain_amount
from pos_app.settings.first_look import MAX_FILE_BYTES
from pos_app.system import files

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
CTX = "Config"


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
    # Which Mercado Pago API charges ("instore": instore orders v2; "orders": the Orders API),
    # and, for the Orders API, the QR the customer pays: the box's printed one ("static"), one
    # on screen per sale ("dynamic") or either ("hybrid").
    api: str = "instore"
    qr_mode: str = "static"
    # Notifications (receiver)
    notify_listen: str = ""  # "HOST:PORT"; empty = receiver off
    notify_url: str = ""  # the public URL Mercado Pago posts to
    # Tunnels/proxies whose X-Forwarded-For is believed ("127.0.0.1", "10.0.0.0/8", ...).
    notify_trusted_proxies: str = ""
    # Appearance
    language: str = ""  # empty = follow the system
    # Discounts and scales (issue 20): above this percentage a discount needs the supervisor's
    # PIN (stored hashed, see pos_app.settings.supervisor; empty = none, such discounts refused)
    max_discount_percent: int = 20
    supervisor_pin: str = ""
    # Scale label layouts, comma-separated presets or specs; empty = the country's presets.
    scale_labels: str = ""
    # Receipts (Settings → Receipts); the printer line is read by pos_app.receipts.printers
    receipt_printer: str = ""  # "" = no printer; usb:…, net:…, serial:…, file:…, system:…
    receipt_paper_mm: int = 80  # 58 or 80
    receipt_code_page: str = "CP850"
    receipt_shop_name: str = ""  # empty = the store's name
    receipt_header: str = ""  # address, tax id, phone…
    receipt_footer: str = ""
    receipt_auto_print: bool = False  # print when a sale is paid
    receipt_print_qr: bool = False  # the box's QR under the receipt
    box_qr_code: str = ""  # the box's EMVCo QR text (kept for the receipt's QR)
    # Backups of the ledger (pos_app.ledger.backup): empty folder = "backups" in the data folder
    backup_folder: str = ""
    backup_keep: int = 14  # how many backups the folder keeps (the newest)
    # The shared store database (issue 17): postgresql://USER@HOST:PORT/DB, never with the
    # password (that is in the keyring); empty = this counter keeps its sales to itself.
    store_database: str = ""
    # The customer display (a screen facing the customer): "off", "window" or "fullscreen",
    # on the screen Qt names so ("" = any screen but the cashier's), with the shop's logo.
    customer_display: str = "off"
    customer_display_screen: str = ""
    shop_logo: str = ""  # an absolute path to a picture; "" = no logo
    # Top-level settings this version does not know (a newer version wrote them): kept as read
    # and written back on save, so going back to the newer version finds them; never one of the
    # names above (those are always this version's own values).
    unknown: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_configured(self) -> bool:
        return bool(self.store_external_id and self.box_external_id)

    def max_total_amount(self) -> Decimal:
        if self.max_total:
            # Unrounded, even with too many decimals for the site: Settings shows it refused.
            # The loader already dropped what is not an amount; a Config made in code too.
            amount = plain_amount(self.max_total)
            if amount is not None:
                return amount
            log.warning("max_total %r is not an amount; using the default", self.max_total)
        return site_for(self.site_id).default_max_total

    def with_changes(self, **changes: Any) -> Config:
        return replace(self, **changes)


@dataclass(frozen=True)
class LoadResult:
    config: Config
    # Set when the file was damaged or held values that make no sense: a copy was put aside
    # (``moved_to``), what could be recovered is in ``config`` and ``dropped`` names the
    # settings that went back to their defaults. Told once: the cleaned file is saved.
    problem: Message | None = None
    moved_to: Path | None = None
    dropped: tuple[str, ...] = ()


def to_json(config: Config) -> dict[str, Any]:
    """The file's object: the known settings, over the unknown ones kept from the file."""
    known = asdict(replace(config, unknown={}))
    del known["unknown"]
    return {**{k: v for k, v in config.unknown.items() if k not in known}, **known}


def _unknown(data: Mapping[str, Any]) -> dict[str, Any]:
    """``data``'s top-level keys that are none of this version's settings."""
    own = {f.name for f in fields(Config)} - {"unknown"}  # a file's "unknown" is not ours
    return {k: v for k, v in data.items() if k not in own}


class SettingsFileError(ValueError):
    """The file holds nothing usable (not JSON, not an object)."""


def recover(data: Any) -> tuple[Config, list[tuple[str, str]]]:
    """Every valid setting in ``data``, defaults for the rest, and what was dropped and why.

    Types and ranges follow Settings (:mod:`pos_app.settings.rules`): a number where a number
    belongs (``True`` is not one), in the range the form accepts; text where text belongs.
    """
    if not isinstance(data, dict):
        raise SettingsFileError("the file does not hold a settings object")
    values, poll, dropped = check_fields(data, schema_version=SCHEMA_VERSION)
    return Config(**values, poll=PollSchedule(**poll), unknown=_unknown(data)), dropped


def load(path: Path | None = None) -> LoadResult:
    """Read the settings; never raises for what the file holds.

    Damage of any kind (bytes that are not text, another encoding, a cut-short file, values of
    the wrong type or out of range) puts a dated copy aside (``config.json.damaged-<time>``),
    keeps every setting that is valid and reports it once: the cleaned file replaces it.
    """
    path = path or paths.config_path()
    files.tighten_private_file(path)  # 0666 by hand or by a copy: back to 0600, with a warning
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a folder, a device, a pipe (would block)
            return _set_aside(path, _why(QT_TRANSLATE_NOOP("Config", "not a file")), Config(), [])
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            return _set_aside(
                path,
                _why(QT_TRANSLATE_NOOP("Config", "far too large for a settings file")),
                Config(),
                [],
            )
    except FileNotFoundError:
        return LoadResult(Config())
    except OSError as exc:
        unreadable = message(
            CTX, QT_TRANSLATE_NOOP("Config", "cannot read it ({error})"), error=exc.strerror
        )
        return _set_aside(path, unreadable, Config(), [])
    text, encoding_problem = _decode(raw)
    data, syntax_problem = _parse(text)
    if data is None:
        why = syntax_problem if not encoding_problem else _NOT_SETTINGS
        return _set_aside(path, why, Config(), [])
    try:
        config, dropped = recover(data)
    except SettingsFileError:
        return _set_aside(path, _NOT_SETTINGS, Config(), [])
    notes = [n for n in (encoding_problem, syntax_problem) if n]
    if not notes and not dropped:
        return LoadResult(config)
    version = data.get("schema_version")
    newer = isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION
    return _set_aside(path, Joined(tuple(notes)) if notes else None, config, dropped, newer=newer)


def _why(source: str) -> Message:
    return message(CTX, source)


_NOT_SETTINGS = _why(QT_TRANSLATE_NOOP("Config", "not a settings file"))


def _decode(raw: bytes) -> tuple[str, Message | None]:
    """The file's text and, when it was not plain UTF-8, what it was read as."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]  # Windows Notepad's UTF-8: harmless
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode("utf-16"), _why(QT_TRANSLATE_NOOP("Config", "written as UTF-16"))
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), _why(
            QT_TRANSLATE_NOOP("Config", "not UTF-8 (read as Windows-1252)")
        )
    except UnicodeDecodeError:
        return raw.decode("latin-1"), _why(
            QT_TRANSLATE_NOOP("Config", "not UTF-8 (read as Latin-1)")
        )


def _parse(text: str) -> tuple[Any, Message | None]:
    """The JSON value, or what could be saved of a file cut short; ``None`` when nothing."""
    try:
        return json.loads(text), None
    except (ValueError, RecursionError):
        pass
    salvaged = _salvage(text)
    if salvaged is not None:
        return salvaged, _why(QT_TRANSLATE_NOOP("Config", "cut short"))
    return None, _why(QT_TRANSLATE_NOOP("Config", "not JSON"))


def _salvage(text: str) -> dict[str, Any] | None:
    """A file cut short (a full disk, a power cut on an old non-atomic save): the longest run
    of whole lines that, closed with the braces it opened, is a JSON object. The app writes one
    setting a line, so every setting before the cut survives."""
    lines = text.splitlines()
    if not text.lstrip().startswith("{") or len(lines) > 500:
        return None
    for count in range(len(lines), 0, -1):
        head = "\n".join(lines[:count]).rstrip().rstrip(",")
        depth = _open_braces(head)
        if depth <= 0:
            continue
        try:
            data = json.loads(head + "}" * depth)
        except (ValueError, RecursionError):
            continue
        if isinstance(data, dict):
            return data
    return None


def _open_braces(text: str) -> int:
    depth, in_string, escaped = 0, False, False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
    return -1 if in_string else depth


def _set_aside(
    path: Path,
    why: Message | Joined | None,
    config: Config,
    dropped: list[tuple[str, str]],
    *,
    newer: bool = False,
) -> LoadResult:
    """Move the file aside under a dated name, save what was recovered in its place."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    label = "newer" if newer else "damaged"  # config.json.newer-<time>: not damage
    target: Path | None = path.with_name(f"{path.name}.{label}-{stamp}")
    n = 1
    while target is not None and (target.exists() or target.is_symlink()):
        n += 1
        target = path.with_name(f"{path.name}.{label}-{stamp}-{n}")
    try:
        assert target is not None
        path.rename(target)
    except OSError as exc:
        log.warning("cannot put the settings file %s aside: %s", path, exc)
        target = None
    reasons = [str(why)] if why else []
    reasons += [f"{name}: {reason}" for name, reason in dropped]
    log.warning("settings file %s: %s; the file is kept as %s", path, "; ".join(reasons), target)
    if target is not None and config != Config():
        try:
            save(config, path)  # the next start finds a clean file: told once
        except OSError as exc:
            log.warning("cannot save the recovered settings: %s", exc)
    moved = str(target) if target else "-"
    if newer:
        # The shop went back to an older version: not damage, and the copy is what the newer
        # version needs again (it said "damaged (schema_version)").
        problem = message(
            CTX,
            QT_TRANSLATE_NOOP(
                "Config",
                "The settings file was written by a newer version of pos-app; a copy was put "
                "aside as {moved}. The settings this version understands were kept, the others "
                "are back to their defaults: please check them in Settings. To go back to the "
                "newer version, install it and put that copy back as {path}.",
            ),
            moved=moved,
            path=str(path),
        )
    elif config == Config() and not dropped:
        problem = message(
            CTX,
            QT_TRANSLATE_NOOP(
                "Config",
                "The settings file was damaged ({why}) and was put aside as {moved}. "
                "Default settings are in use: please check them.",
            ),
            why=why,
            moved=moved,
        )
    else:
        # The names of the settings that went back to their defaults; the log says why.
        summary: list[Message | str] = []
        if isinstance(why, Joined):
            summary += why.parts
        elif why is not None:
            summary.append(why)
        if dropped:  # setting names as the file spells them: not words to translate
            summary.append(", ".join(name for name, _ in dropped))
        problem = message(
            CTX,
            QT_TRANSLATE_NOOP(
                "Config",
                "The settings file was damaged ({why}) and a copy was put aside as {moved}. "
                "The settings that could be read were kept, the others are back to their "
                "defaults: please check them in Settings.",
            ),
            why=Joined(tuple(summary)),
            moved=moved,
        )
    return LoadResult(
        config, problem=problem, moved_to=target, dropped=tuple(n for n, _ in dropped)
    )


def save(config: Config, path: Path | None = None) -> Path:
    """Write atomically: a temporary file in the same folder (0600 where modes exist), fsync,
    then rename over, retried while Windows reports the target in use (an antivirus)."""
    path = path or paths.config_path()
    _write(path, (json.dumps(to_json(config), indent=2, sort_keys=True) + "\n").encode())
    return path


def saved_bytes(path: Path | None = None) -> bytes | None:
    """The config file as it is now (None: there is none), for :func:`put_back`."""
    try:
        return (path or paths.config_path()).read_bytes()
    except FileNotFoundError:
        return None


def put_back(content: bytes | None, path: Path | None = None) -> None:
    """Undo a :func:`save`: what :func:`saved_bytes` read before it, or no file at all."""
    path = path or paths.config_path()
    if content is None:
        path.unlink(missing_ok=True)
    else:
        _write(path, content)


def _write(path: Path, content: bytes) -> None:
    files.private_dir(path.parent, ours=False)  # a new folder is 0700; see paths
    files.replace_file(path, lambda handle: handle.write(content), mode=files.PRIVATE_FILE)
