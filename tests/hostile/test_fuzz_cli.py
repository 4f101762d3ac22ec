"""Fuzzing the command line in process (``pos_app.cli.main``): every command and option with
hostile values. Property: exit 0, 1 or 2 as documented, a one-line message on stderr for a
refusal, never a traceback, and a refused command (exit 2) writes nothing to the ledger.

The sandbox runs in a thread (tests/thread_sandbox.py), so the commands that talk to Mercado
Pago get real answers; a charge that goes through leaves its sale waiting on the box, and the
charges after it are refused with exit 1 (the box is busy), which the property allows.
"""

from __future__ import annotations

import json
import re
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pos_app.cli import main
from pos_app.ledger.store import Ledger
from pos_app.settings import config as config_mod
from pos_app.settings import paths
from tests.checkout.test_refund_cli import paid_ref
from tests.thread_sandbox import ThreadSandbox, configured_fixture, sandbox_fixture  # noqa: F401

HOSTILE = [
    "",
    " ",
    "\t",
    "1e309",
    "-1e309",
    "NaN",
    "nan",
    "inf",
    "-0",
    "-1",
    "0",
    str(2**64),
    "9" * 5000,
    "x" * 10_000,
    "\x00",
    "a\x00b",
    "١٢",
    "2026-02-30",
    "99999-01-01",
    "9999-12-31",
    "0000-00-00",
    "20260101",
    "%",
    "10%",
    "-5%",
    ":",
    "::::",
    "\u202eabc",
    "CAJA01S000001XXXXXXXX",
    "../../etc/passwd",
    "' OR 1=1 --",
    '"',
]
VALUES = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12))
REF = st.one_of(
    VALUES,
    st.from_regex(r"\A[A-Z0-9]{1,8}S[0-9]{6}[A-Z0-9]{8}\Z"),
    st.integers(-(2**70), 2**70).map(str),
)


LOG_LINE = re.compile(r"(\d{4}-\d\d-\d\d )?\d\d:\d\d:\d\d[ ,]")  # the log's lines on stderr


def ledger_rows() -> dict[str, int]:
    """How many rows each table of the ledger holds (what a refused command must not change)."""
    path = paths.ledger_path()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    if not paths.ledger_path().exists():  # made first: a new ledger has rows of its own
        Ledger(paths.ledger_path()).close()
    before = ledger_rows()
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own exit (a usage error)
        code = exc.code if isinstance(exc.code, int) else 2
    err = capsys.readouterr().err
    shown = [a[:40] for a in argv]
    assert code in (0, 1, 2, 3, 4), (shown, code, err[-500:])
    assert "Traceback" not in err, (shown, err[-2000:])
    if code == 2:
        said = [line for line in err.splitlines() if not LOG_LINE.match(line)]
        assert len(said) == 1 and said[0].startswith("pos-app: "), (shown, err[-1000:])
        assert len(said[0]) < 400, (shown, said[0][:1000])
        assert ledger_rows() == before, shown  # nothing half-written
    return code, err


# == local commands: the ledger and files, no network ==============================================
LOCAL = st.one_of(
    st.tuples(st.just(["sales", "--limit"]), VALUES),
    st.tuples(st.just(["sales", "--json", "--limit"]), VALUES),
    st.tuples(st.just(["receipt"]), REF),
    st.tuples(st.just(["receipt", "CAJA01S000001XXXXXXXX", "--refund"]), VALUES),
    st.tuples(st.just(["receipt", "CAJA01S000001XXXXXXXX", "--paper"]), VALUES),
    st.tuples(st.just(["cash", "in"]), VALUES, st.just("--reason"), VALUES),
    st.tuples(st.just(["cash", "out"]), VALUES, st.just("--reason"), VALUES),
    st.tuples(st.just(["cash"]), VALUES, st.just("5"), st.just("--reason"), st.just("r")),
    st.tuples(st.just(["shift", "open", "--cashier"]), VALUES, st.just("--float"), VALUES),
    st.tuples(st.just(["close", "--counted-cash"]), VALUES),
    st.tuples(st.just(["close", "--store", "--from"]), VALUES),
    st.tuples(st.just(["close", "--from"]), VALUES, st.just("--to"), VALUES),
    st.tuples(st.just(["backup", "--keep"]), VALUES),
    st.tuples(st.just(["catalog", "import"]), VALUES),
    st.tuples(st.just(["ledger", "recover", "--restore"]), VALUES),
    st.tuples(st.just(["restore"]), VALUES),
    st.tuples(st.just(["sales", "--limit", "5", "--limit"]), VALUES),  # repeated: the last wins
)


def flat(parts: tuple[object, ...]) -> list[str]:
    argv: list[str] = []
    for part in parts:
        argv.extend(part if isinstance(part, list) else [str(part)])
    return argv


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(parts=LOCAL)
@example(parts=(["sales", "--limit"], str(10**40)))  # was an OverflowError from SQLite
@example(parts=(["sales", "--limit"], "-1"))  # listed every sale
@example(parts=(["backup", "--keep"], "-1"))  # removed the backups, "keeping the newest -1"
@example(parts=(["restore"], "x" * 300))  # was OSError: File name too long
@example(parts=(["restore"], "\x00"))  # was ValueError: embedded null byte
@example(parts=(["ledger", "recover", "--restore"], "x" * 300))
@example(parts=(["catalog", "import"], "x" * 300))
@example(parts=(["catalog", "import"], "\x0c"))  # "no such file: <form feed>": two lines
@example(parts=(["close", "--store", "--from"], "9999-12-31"))
def test_local_commands_refuse_hostile_values_in_one_line(
    parts: tuple[object, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    run(flat(parts), capsys)


# == commands that talk to Mercado Pago (the sandbox) =============================================
REMOTE = st.one_of(
    st.tuples(st.just(["status"]), REF),
    st.tuples(st.just(["cancel"]), REF),
    st.tuples(st.just(["refund"]), REF),
    st.tuples(st.just(["refund"]), REF, st.just("--amount"), VALUES),
    st.tuples(st.just(["refund"]), REF, st.just("--line"), VALUES),
    st.tuples(st.just(["reconcile", "--date"]), VALUES),
    st.tuples(st.just(["charge", "--item"]), VALUES),
    st.tuples(st.just(["charge", "--item"]), VALUES, st.just(":1:10")),
    st.tuples(st.just(["charge", "--sku"]), VALUES),
    st.tuples(st.just(["charge", "--item", "Pan:1:10", "--discount"]), VALUES),
    st.tuples(st.just(["charge", "--item", "Pan:1:10", "--wait", "--timeout"]), VALUES),
    st.tuples(st.just(["charge", "--item", "Pan:1:10", "--poll-interval"]), VALUES),
    st.tuples(
        st.just(["configure"]),
        st.sampled_from(
            [
                "--order-ttl",
                "--poll-interval",
                "--max-total",
                "--title",
                "--notify-url",
                "--notify-listen",
                "--notify-trusted-proxy",
                "--max-discount",
                "--scale-labels",
                "--latitude",
                "--category",
                "--receipt-printer",
                "--receipt-shop-name",
                "--receipt-header",
                "--receipt-footer",
            ]
        ),
        VALUES,
    ),
)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(parts=REMOTE)
@example(
    parts=(["reconcile", "--date"], "9999-12-31")
)  # was OverflowError: date value out of range
@example(parts=(["charge", "--item", "Pan:1:10", "--wait", "--timeout"], "nan"))
@example(parts=(["charge", "--item", "Pan:1:10", "--poll-interval"], "nan"))
@example(parts=(["configure"], "--latitude", "nan"))  # was saved, then sent as NaN
@example(parts=(["configure"], "--category", "-1"))
@example(parts=(["configure"], "--notify-listen", "\x00:8088"))  # was saved
@example(parts=(["configure"], "--notify-url", "https://[::1/x"))  # said only "Invalid IPv6 URL"
def test_commands_that_reach_mercado_pago_refuse_hostile_values_in_one_line(
    configured: ThreadSandbox, parts: tuple[object, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    saved = config_mod.saved_bytes()
    code, _ = run(flat(parts), capsys)
    if code == 2:
        assert config_mod.saved_bytes() == saved  # a refused configure changes nothing


# == the bugs the fuzzing found, said plainly ======================================================
@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["sales", "--limit", str(10**40)], "--limit: expected a whole number from 1 to 1000000"),
        (["sales", "--limit", "0"], "--limit"),
        (["sales", "--limit", "-1"], "--limit"),
        (["sales", "--store", "--limit", "-1"], "--limit"),
        (["backup", "--keep", "-1"], "--keep: expected a whole number from 1 to 1000"),
        (["backup", "--keep", "0"], "--keep"),
        (["backup", "--to", "x" * 300], "--to: file name too long"),
        (["backup", "--to", "a\x00b"], "--to: a file name cannot hold a NUL character"),
        (["restore", "x" * 300], "file name too long"),
        (["restore", "\x00"], "NUL"),
        (["ledger", "recover", "--restore", "d/" + "x" * 256], "file name too long"),
        (["catalog", "import", "x" * 256], "file name too long"),
        (["support-file", "--out", "x" * 300], "--out: file name too long"),
        (["support-file", "--out", "\x00"], "NUL"),
        (["receipt", "R", "--pdf", "\x00"], "NUL"),
        (["reconcile", "--date", "9999-12-31"], "--date: expected YYYY-MM-DD, a day from 2000"),
        (["reconcile", "--date", "20260101"], "--date: expected YYYY-MM-DD"),
        (["reconcile", "--date", "2026-02-30"], "--date: expected YYYY-MM-DD"),
        (["charge", "--item", "Pan:1:10", "--timeout", "nan"], "--timeout: expected seconds"),
        (["charge", "--item", "Pan:1:10", "--timeout", "-1"], "--timeout"),
        (["charge", "--item", "Pan:1:10", "--poll-interval", "nan"], "--poll-interval"),
        (["charge", "--item", "Pan:1:10", "--poll-interval", "1e309"], "--poll-interval"),
        (["charge", "--item", "Pan:1:10", "--poll-interval", "0"], "--poll-interval"),
        (["configure", "--latitude", "nan"], "--latitude: expected a latitude from -90 to 90"),
        (["configure", "--longitude", "1e309"], "--longitude"),
        (["configure", "--latitude", "91"], "--latitude"),
        (["configure", "--category", "-5"], "--category"),
        (["configure", "--category", str(10**30)], "--category"),
        (["configure", "--notify-listen", "\x00:8088"], "HOST:PORT"),
        (["configure", "--notify-listen", "a b:8088"], "HOST:PORT"),
        (["configure", "--notify-url", "https://a b.example/x"], "https://"),
        (["configure", "--notify-url", "https://[::1/x"], "https://"),
        (["refund", "9" * 5000], "There is no sale with reference " + "9" * 40 + "…."),
        (["refund", "R\nS"], "There is no sale with reference R S."),
        (["cash", "in", "0\x1e0", "--reason", "r"], "“0?0” is not an amount"),
        (["refund", "R"], "There is no sale with reference R."),
        (["receipt", "R" * 5000], "There is no sale with reference " + "R" * 40 + "…."),
        (["configure", "--order-ttl", "9" * 5000], "--order-ttl: expected a whole number from 1"),
        (["receipt", "R", "--paper", "x" * 10_000], "invalid choice: '" + "x" * 40 + "…'"),
        (["cash", "in\nout", "5", "--reason", "r"], "invalid choice: 'in\\nout'"),
        (["close", "--counted-cash", "10%"], "--counted-cash"),
    ],
)
def test_what_the_fuzzing_found_is_refused_plainly(
    argv: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = config_mod.saved_bytes()
    code, err = run(argv, capsys)
    assert code == 2, err
    assert words in err, err
    assert config_mod.saved_bytes() == before


@pytest.mark.parametrize(
    "argv",
    [["--store", "SUC001\n", "--box", "CAJA01"], ["--store", "SUC001", "--box", "CAJA01\n"]],
)
def test_an_id_with_a_final_new_line_is_refused(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = config_mod.saved_bytes()
    code, err = run(["configure", *argv], capsys)
    assert code == 2, err
    assert "may only have letters and digits" in err
    assert config_mod.saved_bytes() == before


def test_a_refused_backup_keep_removes_no_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    assert main(["cash", "in", "5", "--reason", "change"]) == 0  # a ledger to back up
    for _ in range(3):
        assert main(["backup", "--to", str(folder)]) == 0
    capsys.readouterr()
    kept = sorted(folder.iterdir())
    assert len(kept) == 3
    assert run(["backup", "--to", str(folder), "--keep", "-1"], capsys)[0] == 2
    assert sorted(folder.iterdir()) == kept


# == refunds of a paid sale ========================================================================
LINE = st.one_of(
    VALUES, st.sampled_from(["1", "1:1", "1:2", "1:3", "0", "2", "1:0", "01", "1:", ":1", "1:1:1"])
)
AMOUNT = st.one_of(VALUES, st.sampled_from(["0.01", "1725.25", "3450.50", "3450.51", "0.001"]))


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    extra=st.one_of(
        AMOUNT.map(lambda a: ["--amount", a]),
        st.lists(LINE, min_size=1, max_size=4).map(
            lambda ls: [x for n in ls for x in ("--line", n)]
        ),
    )
)
@example(extra=["--line", "\x85"])  # NEL: echoed raw, a second line to whoever reads stderr
@example(extra=["--line", "1", "--line", "1"])  # the same line twice: never more than it had
def test_a_paid_sale_is_never_refunded_beyond_what_was_paid(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str], extra: list[str]
) -> None:
    ref = getattr(configured, "fuzz_paid_ref", None)
    if ref is None:
        ref = paid_ref(capsys, configured)  # one sale for every example: $ 3.450,50 paid
        configured.fuzz_paid_ref = ref  # type: ignore[attr-defined]
    run(["refund", ref, *extra], capsys)
    capsys.readouterr()
    assert main(["status", ref, "--json"]) in (0, 1)
    sale = json.loads(capsys.readouterr().out)
    assert Decimal(sale["refunded_amount"]) <= Decimal("3450.50")


@pytest.mark.parametrize(
    "argv", [["--port", "99999"], ["--port", "-1"], ["--latency-ms", "-5"], ["--port", "9" * 5000]]
)
def test_the_sandbox_refuses_ports_and_latencies_out_of_range(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["sandbox", *argv])  # refused before it listens
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "expected a whole number from" in err and "Traceback" not in err
