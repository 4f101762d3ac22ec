"""A till process for the SIGKILL scenarios: ``python -m tests.faults.driver STEP``.

It runs what ``pos-app charge`` runs (``open_runtime`` from the environment's POS_APP_HOME,
MP_API_BASE_URL and MP_ACCESS_TOKEN; ``resume``; ``charge``) with one test-only hook: at STEP
it prints ``AT <step> <reference>`` and freezes (a blocking sleep: nothing in the process moves
any more) until the test SIGKILLs it. Killing at a named point instead of after a guessed sleep
makes every step deterministic.

The hooks sit on the payment gateway (send, withdraw), so the same steps hold for instore v2
(PUT/DELETE) and the Orders API (create/cancel): the config file says which one the till uses.

Steps: ``before_put`` (sale written, order not sent), ``after_put`` (order on the box, the
answer not yet recorded), ``pending`` (recorded pending), ``cancel_before_delete`` (cancel
recorded, box not cleared), ``cancel_after_delete`` (box cleared, not yet confirmed),
``cancel_recheck`` (box cleared and looked at once, waiting for the second look). For the
cancel steps the driver prints ``CHARGED <reference>`` and waits for a line on stdin before
canceling, so the test can let the customer scan first.
"""

from __future__ import annotations

import asyncio
import sys
import time
from decimal import Decimal
from typing import Any, NoReturn

from pos_app.domain.cart import CartLine
from pos_app.runtime import open_runtime

STEPS = (
    "before_put",
    "after_put",
    "pending",
    "cancel_before_delete",
    "cancel_after_delete",
    "cancel_recheck",
)
LINE = CartLine(sku="7790001", title="Yerba 1kg", unit_price=Decimal("1725.25"), quantity=2)


def freeze(step: str, ref: str) -> NoReturn:
    print(f"AT {step} {ref}", flush=True)
    while True:
        time.sleep(60)


async def main(step: str) -> None:
    async with open_runtime(enable_receiver=False) as rt:
        gateway = rt.engine.gateway
        put, delete = gateway.send, gateway.withdraw
        current: list[str] = []

        async def hooked_put(*args: Any, **kwargs: Any) -> Any:
            ref = args[0].external_reference
            if step == "before_put":
                freeze(step, ref)
            sent = await put(*args, **kwargs)
            if step == "after_put":
                freeze(step, ref)
            return sent

        async def hooked_delete(*args: Any, **kwargs: Any) -> str:
            if step == "cancel_before_delete":
                freeze(step, current[0])
            found = await delete(*args, **kwargs)
            if step == "cancel_after_delete":
                freeze(step, current[0])
            return found

        async def hooked_sleep(delay: float) -> None:
            if step == "cancel_recheck":  # only the cancel's confirmation sleeps this way
                freeze(step, current[0])
            await asyncio.sleep(delay)

        rt.engine.sleep = hooked_sleep
        gateway.send = hooked_put  # type: ignore[method-assign]
        gateway.withdraw = hooked_delete  # type: ignore[method-assign]
        await rt.engine.resume()
        sale = await rt.engine.charge([LINE])
        ref = sale.external_reference
        current.append(ref)
        if step == "pending":
            assert sale.status.value == "pending", sale
            freeze(step, ref)
        print(f"CHARGED {ref}", flush=True)
        sys.stdin.readline()
        await rt.engine.cancel(ref)
    print("NOT KILLED", flush=True)


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in STEPS:
        sys.exit(f"usage: python -m tests.faults.driver {{{','.join(STEPS)}}}")
    asyncio.run(main(sys.argv[1]))
