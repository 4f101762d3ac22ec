"""What Help → About and ``pos-app doctor`` tell a support technician about this install: the
version, where its files are, the Mercado Pago account's ids (never its token), the API in use
and whether this is the demo. No Qt: the window translates the labels
(:mod:`pos_app.ui.maintenance.about`), the doctor prints them in English."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pos_app import version_text
from pos_app.settings import paths
from pos_app.settings.config import Config


@dataclass(frozen=True)
class AboutFacts:
    version: str  # "pos-app 0.1.0", as ``pos-app --version`` says it
    data_folder: Path
    ledger: Path
    settings_file: Path
    logs: Path
    user_id: int | None  # the Mercado Pago account's; None: not set up yet
    store: str  # external ids, as Settings and the doctor show them
    box: str
    api: str  # Config.api: "instore" (the box's printed QR) or "orders"
    qr_mode: str  # the Orders API's QR mode
    demo: bool


def read_facts(config: Config | None, *, demo: bool) -> AboutFacts:
    """On a worker thread: the folders are looked up (and made, 0700, when missing) on disk.
    ``config``: the settings in use (None before they are read: nothing said of the account)."""
    return AboutFacts(
        version=version_text(),
        data_folder=paths.data_dir(),
        ledger=paths.ledger_path(),
        settings_file=paths.config_path(),
        logs=paths.logs_dir(),
        user_id=config.user_id if config else None,
        store=config.store_external_id if config else "",
        box=config.box_external_id if config else "",
        api=config.api if config else "",
        qr_mode=config.qr_mode if config else "",
        demo=demo,
    )


def files_text(facts: AboutFacts) -> str:
    """The doctor's line of the install's files (English)."""
    return (
        f"data folder {facts.data_folder}; ledger {facts.ledger}; settings file "
        f"{facts.settings_file}; log folder {facts.logs}"
    )
