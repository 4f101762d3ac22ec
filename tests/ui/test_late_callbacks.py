"""The opt-in stress of tests/ui/late_callbacks.py (``POS_APP_LATE_DONE_CALLBACKS``): a done
callback of ours is held back, and what ``call_soon`` is given after it waits behind it, in
order. On a plain asyncio loop of its own: the window tests' loop is left as it is."""

from __future__ import annotations

import asyncio

from tests.ui import late_callbacks


def test_a_done_callback_is_held_back_and_what_follows_keeps_its_place() -> None:
    loop = asyncio.new_event_loop()
    try:
        late_callbacks.install(loop, 0.05)
        order: list[str] = []
        seen: list[list[str]] = []
        future = loop.create_future()
        future.add_done_callback(lambda _future: order.append("callback"))
        future.set_result(None)
        loop.call_soon(order.append, "queued after it")
        loop.call_later(0.01, lambda: seen.append(list(order)))  # a timer: never held
        loop.call_later(0.1, loop.stop)
        loop.run_forever()
        assert seen == [[]]  # held back while the loop's timers went on
        assert order == ["callback", "queued after it"]  # then let go, in their order
    finally:
        loop.close()


def test_a_callback_of_asyncio_or_a_library_stays_on_time() -> None:
    loop = asyncio.new_event_loop()
    try:
        late_callbacks.install(loop, 10.0)
        other = loop.create_future()
        future = loop.create_future()
        future.add_done_callback(other.set_result)  # a method of asyncio's own: not ours
        future.set_result(None)
        loop.call_later(0.01, loop.stop)  # a timer, never held (a call_soon waits behind)
        loop.run_forever()
        assert other.done()  # not held for 10 s
    finally:
        loop.close()
