"""Kept for imports: the verdict lives beside the gateways (:mod:`pos_app.mercadopago.verdict`)."""

from pos_app.mercadopago.verdict import Verdict, evaluate, evaluate_order

__all__ = ["Verdict", "evaluate", "evaluate_order"]
