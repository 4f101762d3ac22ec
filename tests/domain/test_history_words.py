"""A history line's detail in plain words: every form the engine and the ledger write reads as
words (no ``merchant orders [..]``, keys, JSON or English codes), anything else as stored."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pos_app.domain.history_words import detail_words, stored_message
from pos_app.domain.money import site_for
from pos_app.domain.sale import SaleStatus
from pos_app.i18n import Joined, Message, message

MLA = site_for("MLA")
KEY = "5f2c0e1b9a7d4c3e8b6a1f0d2c4e6a8b"
PROBLEM = message(
    "MercadoPago", "Mercado Pago had a problem on its side (error {status}).", status=502
)

# (kind, cause, new status, detail as written, the words a cashier reads, in English)
FORMS = [
    ("status", "poll", SaleStatus.PAID, "merchant orders [7001]", "Mercado Pago order 7001"),
    (
        "status",
        "notification",
        SaleStatus.PAID,
        "merchant orders [7001, 7002]; PAID 2 TIMES: refund the extra payments",
        "Mercado Pago orders 7001, 7002; PAID 2 TIMES: refund the extra payments",
    ),
    (
        "status",
        "poll",
        SaleStatus.PAID,
        "merchant orders ['ORD01J']; also recorded as cash: refund one",
        "Mercado Pago order ORD01J; it was also taken in cash: refund one of the two",
    ),
    (
        "status",
        "recheck",
        SaleStatus.PAID,
        "merchant orders []; after it was closed here",
        "paid at Mercado Pago; paid after it was closed here",
    ),
    ("cancel_requested", "cancel", None, "cash", "taken in cash"),
    ("status", "poll", SaleStatus.EXPIRED, "left the box", "the order left the box"),
    ("status", "poll", SaleStatus.EXPIRED, "final check", "last check before it expired"),
    (
        "status",
        "resume",
        SaleStatus.EXPIRED,
        "never reached the box",
        "the order never reached the box",
    ),
    ("status", "charge", SaleStatus.FAILED, "invalid_parameter", "Mercado Pago refused the order"),
    (
        "trouble",
        "network",
        None,
        stored_message(PROBLEM),
        "Mercado Pago had a problem on its side (error 502).",
    ),
    ("refund", "pending", None, f"1725.25 {KEY}", "$ 1.725,25"),
    ("refund", "refunded", None, f"1725.25 {KEY}", "$ 1.725,25"),  # cash: at once
    ("refund", "refunded", None, "500 88123456", "$ 500,00, Mercado Pago refund 88123456"),
    (
        "refund",
        "refused",
        None,
        "500 amount exceeds the payment",
        "$ 500,00: amount exceeds the payment",
    ),
    (
        "adopted",
        "reconcile",
        SaleStatus.PAID,
        "payment 555 found at Mercado Pago, reference (none)",
        "payment 555 found at Mercado Pago",
    ),
    (
        "adopted",
        "reconcile",
        SaleStatus.PAID,
        "payment 555 found at Mercado Pago, reference CAJA01S1",
        "payment 555 found at Mercado Pago, reference CAJA01S1",
    ),
    ("created", "charge", SaleStatus.CREATING, "", ""),
]


def words(kind: str, cause: str, status: SaleStatus | None, detail: str) -> str:
    found = detail_words(kind, cause, status, detail, MLA)
    return "" if found is None else found.render()


def test_every_form_the_engine_writes_reads_as_words() -> None:
    for kind, cause, status, detail, expected in FORMS:
        assert words(kind, cause, status, detail) == expected, detail


def test_old_plain_text_and_unknown_forms_are_shown_as_stored() -> None:
    # A trouble line written before messages were stored as JSON: its English, as it was.
    assert words("trouble", "network", None, "Mercado Pago is not answering") == (
        "Mercado Pago is not answering"
    )
    assert words("status", "poll", SaleStatus.PAID, "something new") == "something new"
    assert words("refund", "refunded", None, "NaN x") == "NaN x"
    assert words("trouble", "auth", None, "{not json") == "{not json"
    hand_made = '{"context": "Engine", "source": "{missing}"}'
    assert words("trouble", "auth", None, hand_made) == hand_made


def test_a_stored_message_is_translated_with_its_params() -> None:
    found = detail_words("trouble", "network", None, stored_message(PROBLEM), MLA)
    assert isinstance(found, Message)
    assert found.render(lambda _c, s: s.replace("had a problem", "tuvo un problema")) == (
        "Mercado Pago tuvo un problema on its side (error 502)."
    )


@given(
    kind=st.sampled_from(["status", "trouble", "refund", "adopted", "cancel_requested", "x"]),
    cause=st.sampled_from(["poll", "pending", "refunded", "refused", ""]),
    status=st.sampled_from([None, *SaleStatus]),
    detail=st.text(max_size=80) | st.just("1e999 k") | st.just("{}") | st.just('{"context": 1}'),
)
def test_any_stored_detail_is_shown_without_an_error(
    kind: str, cause: str, status: SaleStatus | None, detail: str
) -> None:
    found = detail_words(kind, cause, status, detail, MLA)
    assert found is None or isinstance(found, Message | Joined)
    text = "" if found is None else found.render()
    assert detail.strip() == "" or text  # something is always said when something was stored
