"""The root of every error a cashier may read.

Anything that is a :class:`UserFacingError` carries a translatable :class:`~pos_app.i18n.Message`
and is shown as is; anything else is a bug, logged with its traceback and shown as a generic
failure (see ``pos_app.ui.qtkit.errors``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pos_app.i18n import Message  # not needed to define the error (start-up, issue 19)


class UserFacingError(Exception):
    """An error whose message is meant for the person at the counter.

    ``bad_input``: what was asked for is wrong (a sale that does not exist), not something that
    went wrong doing it; the command line exits 2 for it, as for any invalid input."""

    bad_input = False

    def __init__(self, msg: Message) -> None:
        super().__init__(str(msg))
        self.msg = msg
