"""What uvicorn's error logger says during a block, whatever logging looked like before it.

``caplog`` listens on the root logger, so it hears ``uvicorn.error`` only through propagation;
an earlier test in the same xdist worker that ran uvicorn with its default logging
configuration (``dictConfig``: ``uvicorn`` stops propagating, existing loggers may be
disabled) made a ``caplog`` check for uvicorn's messages pass whatever uvicorn said. Here a
handler sits on the logger itself, and the logger is enabled for the block, without the
filters the process gave it (the receiver's :class:`~pos_app.notifications.burstlog.RepeatFilter`
drops a message said again within its window: the same test's second parameter heard nothing).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def uvicorn_errors() -> Iterator[list[logging.LogRecord]]:
    logger = logging.getLogger("uvicorn.error")
    kept = _Kept()
    was = (logger.level, logger.disabled)
    filters, logger.filters = logger.filters, []
    logger.setLevel(logging.ERROR)
    logger.disabled = False
    logger.addHandler(kept)
    try:
        yield kept.records
    finally:
        logger.removeHandler(kept)
        logger.filters = filters
        logger.setLevel(was[0])
        logger.disabled = was[1]
