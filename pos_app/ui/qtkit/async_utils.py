"""Running coroutines from Qt slots without losing them.

``asyncio`` only keeps weak references to tasks, and ``qasync.asyncSlot`` neither keeps the
task nor lets the slot use ``self.sender()``. A :class:`TaskKeeper` holds every task a widget
starts, routes failures to :func:`pos_app.ui.qtkit.errors.show_error`, and cancels what is left when
the widget goes away. Slots stay plain methods; context travels with ``functools.partial``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtWidgets import QWidget

from pos_app.ui.qtkit.errors import show_error

if TYPE_CHECKING:
    import asyncio

log = logging.getLogger(__name__)

T = TypeVar("T")


class TaskKeeper:
    """Strong references to running tasks, with one error path for all of them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self._parent = parent
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(
        self,
        coro: Coroutine[Any, Any, T],
        *,
        on_error: Callable[[BaseException], None] | None = None,
        name: str | None = None,
    ) -> asyncio.Task[T]:
        """Start ``coro`` now; an exception it raises is shown (or given to ``on_error``)."""
        import asyncio  # here, not at import: the first frame does without it (issue 19)

        task = asyncio.ensure_future(coro)
        if name:
            task.set_name(name)
        self._tasks.add(task)
        task.add_done_callback(lambda t: self._finished(t, on_error))
        return task

    def _finished(
        self, task: asyncio.Task[Any], on_error: Callable[[BaseException], None] | None
    ) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            return
        if on_error is not None:
            try:
                on_error(exc)
            except Exception:
                log.exception("error handler failed")
            return
        show_error(self._parent, exc)

    @property
    def busy(self) -> bool:
        return any(not t.done() for t in self._tasks)

    def pending(self) -> list[asyncio.Task[Any]]:
        """The tasks still running."""
        return [t for t in self._tasks if not t.done()]

    def __len__(self) -> int:
        return len(self._tasks)

    def cancel_all(self) -> list[asyncio.Task[Any]]:
        """Cancel every task still running but the caller's own; returns them so a caller may
        await them. A task whose last step closes its dialog (``self.accept()``) reaches this
        through the dialog's ``finished``: cancelling itself there turned its result into a
        cancellation as it returned (asyncio cancels a task that returns after ``cancel()``)."""
        import asyncio

        try:
            current = asyncio.current_task()
        except RuntimeError:  # no loop running: no task is the caller
            current = None
        pending = [task for task in self.pending() if task is not current]
        for task in pending:
            task.cancel()
        return pending


def delete_when_settled(widget: QWidget, canceled: Iterable[asyncio.Task[Any]]) -> None:
    """``widget.deleteLater()`` once the ``canceled`` calls have ended. A canceled call ends a
    loop turn later and may then touch its widget (its ``finally``, "no longer busy", a progress
    bar): deleted first, that was "Internal C++ object already deleted" (on a loaded machine, or
    a dialog's reading deleted with its window). Each task's own callbacks run before those
    added here, and the deletion is one more turn behind, after anything already queued."""
    import asyncio

    pending = [task for task in canceled if not task.done()]
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:  # no loop runs any more (shut down): no call can end either
        widget.deleteLater()
        return
    if not pending:
        loop.call_soon(widget.deleteLater)
        return
    ended = asyncio.gather(*pending, return_exceptions=True)
    ended.add_done_callback(lambda _ended: loop.call_soon(widget.deleteLater))
