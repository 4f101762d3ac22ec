"""``pos-app refund … --note TEXT``: the note in ``--json``, in ``status``, and hostile notes
(over-long, NUL and control characters, bidi, bytes that are not UTF-8) a plain message with
exit 2 and nothing sent, or cleaned like every free text."""

from __future__ import annotations

import pytest

from pos_app.cli import main
from pos_app.domain.text_fields import REFUND_NOTE
from tests.checkout.test_cli import cli_json
from tests.checkout.test_refund_cli import paid_ref
from tests.thread_sandbox import ThreadSandbox, configured_fixture, sandbox_fixture  # noqa: F401


def refund_posts(sb: ThreadSandbox) -> list[object]:
    return [e for e in sb.state.request_log if "/refunds" in e["path"]]


def test_the_note_is_in_the_json_the_status_and_the_ticket(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    ref = paid_ref(capsys, configured)
    code, sale = cli_json(capsys, "refund", ref, "--line", "1:1", "--note", "Envase roto", "--json")
    assert code == 0, sale
    (first,) = sale["refunds"]
    assert first["note"] == "Envase roto" and first["reason"] is None
    assert main(["refund", ref]) == 0  # without a note
    assert "refunded $ 1.725,25 (Mercado Pago refund" in capsys.readouterr().err
    code, out = cli_json(capsys, "status", ref, "--json")
    assert [r["note"] for r in out["refunds"]] == ["Envase roto", None]
    assert main(["status", ref]) == 0
    text = capsys.readouterr().out.splitlines()
    assert text[1].startswith("  refund 1 ") and text[1].endswith("refunded  note: Envase roto")
    assert text[2].startswith("  refund 2 ") and "note" not in text[2]
    assert main(["receipt", ref, "--refund", "1"]) == 0
    assert "Reason: Envase roto" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("note", "said"),
    [
        ("x" * (REFUND_NOTE.limit + 1), "--note: Reason for the refund: at most 200 characters"),
        ("y" * 5000, "this one has 5000"),
        ("\udcff\udcfe defectuoso", "is not valid text: set the terminal to UTF-8"),
    ],
)
def test_a_hostile_note_is_a_plain_message_exit_2_and_nothing_is_sent(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str], note: str, said: str
) -> None:
    ref = paid_ref(capsys, configured)
    before = refund_posts(configured)
    assert main(["refund", ref, "--note", note]) == 2
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err
    assert err.count("\n") == 1 and len(err) < 200  # one line, never the whole note echoed
    assert refund_posts(configured) == before
    assert all(not p.refunds for p in configured.state.payments.values())


def test_control_and_invisible_characters_are_cleaned_out_of_the_note(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    ref = paid_ref(capsys, configured)
    note = "cobrado\x00 dos\nveces\x1b[31m\u202e\u200b"
    code, sale = cli_json(capsys, "refund", ref, "--amount", "10", "--note", note, "--json")
    assert code == 0 and sale["refunds"][0]["note"] == "cobrado dos veces[31m"
    # Nothing left once cleaned: no note (it is optional), the refund is made.
    code, sale = cli_json(capsys, "refund", ref, "--amount", "10", "--note", "\x00\u202e", "--json")
    assert code == 0 and sale["refunds"][1]["note"] is None
    code, sale = cli_json(
        capsys, "refund", ref, "--amount", "10", "--note", "é" * REFUND_NOTE.limit, "--json"
    )
    assert code == 0 and sale["refunds"][2]["note"] == "é" * REFUND_NOTE.limit
