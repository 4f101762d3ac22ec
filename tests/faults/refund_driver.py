"""A till process for the refund SIGKILL scenarios: ``python -m tests.faults.refund_driver
STEP REFERENCE AMOUNT``.

It refunds AMOUNT of the sale as ``pos-app refund`` does (``open_runtime`` from the
environment, a :class:`~pos_app.checkout.refunds.RefundService`) and freezes at STEP, printing
``AT <step> <reference>``, until the test SIGKILLs it: ``before_post`` (the refund is in the
ledger, nothing sent), ``after_post`` (Mercado Pago made the refund, the ledger does not know).
"""

from __future__ import annotations

import asyncio
import sys
from decimal import Decimal
from typing import Any

from pos_app.checkout.refunds import RefundService
from pos_app.runtime import open_runtime
from tests.faults.driver import freeze

STEPS = ("before_post", "after_post")


async def main(step: str, ref: str, amount: Decimal) -> None:
    async with open_runtime(enable_receiver=False) as rt:
        client = rt.client

        def hook(original: Any) -> Any:
            async def hooked(*args: Any, **kwargs: Any) -> Any:
                if step == "before_post":
                    freeze(step, ref)
                got = await original(*args, **kwargs)
                if step == "after_post":
                    freeze(step, ref)
                return got

            return hooked

        # Either API's refund request: instore v2 payments, or the Orders API's order.
        client.refund_payment = hook(client.refund_payment)  # type: ignore[method-assign]
        client.refund_qr_order = hook(client.refund_qr_order)  # type: ignore[method-assign]
        await RefundService(rt.ledger, lambda: client).refund(ref, amount)
    print("NOT KILLED", flush=True)


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in STEPS:
        sys.exit(f"usage: python -m tests.faults.refund_driver {{{','.join(STEPS)}}} REF AMOUNT")
    asyncio.run(main(sys.argv[1], sys.argv[2], Decimal(sys.argv[3])))
