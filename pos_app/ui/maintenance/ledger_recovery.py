"""Start-up with a damaged ledger: say what happened and offer the way back.

The cashier chooses between a fresh ledger and a backup copy (the damaged file is kept aside in
both cases, :mod:`pos_app.ledger.recovery`), or quits. Every dialog is opened with ``open()`` and
awaited through its ``finished`` signal: ``exec()`` inside a coroutine would break qasync.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from pos_app.errors import UserFacingError
from pos_app.ledger.lock import AlreadyRunningError
from pos_app.ledger.recovery import Recovered, restore, start_fresh
from pos_app.ledger.store import LedgerDamagedError
from pos_app.ui.qtkit.errors import show_error
from pos_app.ui.qtkit.keyboard import install_mnemonics

log = logging.getLogger(__name__)


async def _finished(dialog: QDialog) -> int:
    done: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def ended(result: int) -> None:
        if not done.done():
            done.set_result(result)

    dialog.finished.connect(ended)
    dialog.open()
    return await done


async def choose_backup(parent: QWidget | None, folder: Path) -> Path | None:
    dialog = QFileDialog(
        parent,
        QCoreApplication.translate("LedgerRecovery", "Choose a backup of the sales ledger"),
        str(folder),
    )
    dialog.setObjectName("ledgerBackupDialog")
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # same on every desktop
    try:
        if await _finished(dialog) != QDialog.DialogCode.Accepted:
            return None
        chosen = dialog.selectedFiles()
        return Path(chosen[0]) if chosen else None
    finally:
        dialog.deleteLater()


async def ask_ledger_recovery(
    error: LedgerDamagedError, parent: QWidget | None = None
) -> Recovered | None:
    """Until the ledger is usable again or the cashier quits (``None``)."""
    while True:
        box = QMessageBox(parent)
        box.setObjectName("ledgerDamagedBox")
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(
            QCoreApplication.translate("LedgerRecovery", "The sales ledger is damaged")
        )
        box.setText(
            QCoreApplication.translate(
                "LedgerRecovery",
                "The sales ledger {path} is damaged: part of it can no longer be read "
                "({detail}). Nothing was changed in it. Choose how to sell again; the damaged "
                "file is kept aside under a dated name either way.",
            ).format(path=str(error.path), detail=error.detail)
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "LedgerRecovery",
                "A fresh ledger starts the sales history again; a backup brings back the sales "
                "it holds. Sales that were waiting for payment are listed afterwards: check them "
                "in Mercado Pago before charging them again.",
            )
        )
        fresh = box.addButton(
            QCoreApplication.translate("LedgerRecovery", "Start a fresh ledger"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        fresh.setObjectName("freshLedgerButton")
        backup = box.addButton(
            QCoreApplication.translate("LedgerRecovery", "Restore a backup…"),
            QMessageBox.ButtonRole.ActionRole,
        )
        backup.setObjectName("restoreLedgerButton")
        quit_button = box.addButton(
            QCoreApplication.translate("LedgerRecovery", "Quit"), QMessageBox.ButtonRole.RejectRole
        )
        quit_button.setObjectName("quitButton")
        box.setEscapeButton(quit_button)
        # Enter opens the backup chooser (which asks again), never starts a fresh ledger: that
        # one is pressed on purpose (Tab to it, or Alt+its letter).
        box.setDefaultButton(backup)
        install_mnemonics(box)
        await _finished(box)
        clicked = box.clickedButton()
        choice = clicked.objectName() if clicked is not None else ""
        box.deleteLater()
        try:
            if choice == "freshLedgerButton":
                return start_fresh(error.path)
            if choice == "restoreLedgerButton":
                chosen = await choose_backup(parent, error.path.parent)
                if chosen is not None:
                    return restore(error.path, chosen)
                continue
        except (UserFacingError, OSError) as exc:
            if isinstance(exc, AlreadyRunningError | OSError):
                log.warning("ledger recovery failed: %s", exc)
            await _finished(show_error(parent, exc))
            continue
        return None


def recovered_notice(done: Recovered) -> str:
    """What the window says once it is up after a recovery."""
    if done.restored_from is not None:
        text = QCoreApplication.translate(
            "LedgerRecovery", "The sales ledger was restored from {backup}."
        ).format(backup=str(done.restored_from))
    else:
        text = QCoreApplication.translate("LedgerRecovery", "A fresh sales ledger was started.")
    text += " " + QCoreApplication.translate(
        "LedgerRecovery", "The damaged one is kept as {file}."
    ).format(file=str(done.kept_as[0]))
    if done.open_sales:
        text += " " + QCoreApplication.translate(
            "LedgerRecovery",
            "These sales were waiting for payment: check them in Mercado Pago before charging "
            "them again: {references}",
        ).format(references=", ".join(done.open_sales))
    return text
