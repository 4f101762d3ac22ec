"""A ledger with damaged pages or cut short is detected at start-up and in ``doctor``, named in
plain words, never touched, and there is a way back (issue 16, item 4).

The damage is made here on a real ledger: bytes overwritten in the middle, the file truncated.
The commands run as real processes, so a traceback would show.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.domain.cart import CartLine
from pos_app.domain.money import site_for
from pos_app.domain.sale import SaleStatus
from pos_app.ledger import recovery, store
from pos_app.ledger.lock import AlreadyRunningError, InstanceLock
from pos_app.ledger.store import Ledger, LedgerDamagedError, LedgerError
from pos_app.settings import config as config_mod
from pos_app.settings import paths
from pos_app.settings.config import Config

SALES = 400
LINE = CartLine(
    sku="7790001", title="Yerba mate 1kg " * 4, unit_price=Decimal("1725.25"), quantity=2
)


def make_ledger(path: Path, sales: int = SALES, *, open_last: bool = False) -> list[str]:
    """A real ledger with ``sales`` sales (all paid but maybe the last); their references.

    A new file is a copy of one made once per process for each (sales, open_last): writing 400
    sales one commit at a time (two syncs each) cost ~1 s per test; the copy is the same file.
    An existing ledger gets the sales added."""
    if path.exists():
        return _add_sales(path, sales, open_last=open_last)
    key = (sales, open_last)
    if key not in _TEMPLATES:
        folder = Path(tempfile.mkdtemp(prefix="pos-app-test-ledger-"))
        atexit.register(shutil.rmtree, folder, True)
        template = folder / "ledger.sqlite3"
        _TEMPLATES[key] = (template, _add_sales(template, sales, open_last=open_last))
    template, refs = _TEMPLATES[key]
    assert not template.with_name(template.name + "-wal").exists()  # all in the one file
    shutil.copyfile(template, path)
    return list(refs)


_TEMPLATES: dict[tuple[int, bool], tuple[Path, list[str]]] = {}


def _add_sales(path: Path, sales: int, *, open_last: bool) -> list[str]:
    ledger = Ledger(path, exclusive=False)
    refs = []
    try:
        now = datetime.now(UTC)
        for _ in range(sales):
            sale = ledger.create_sale(
                user_id=1,
                store_external_id="SUC001",
                box_external_id="CAJA01",
                site=site_for("MLA"),
                title="Almacén",
                lines=[LINE],
                total=Decimal("3450.50"),
                iva_total=None,
                now=now,
                expires_at=now + timedelta(minutes=10),
            )
            ledger.update_sale(
                sale.external_reference,
                {"status": SaleStatus.PAID},
                now=now,
                kind="status",
                cause="test",
            )
            refs.append(sale.external_reference)
        if open_last:
            ledger.update_sale(
                refs[-1], {"status": SaleStatus.PENDING}, now=now, kind="status", cause="test"
            )
    finally:
        ledger.close()
    return refs


def overwrite_middle(path: Path, size: int = 8192, seed: int = 4) -> None:
    total = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(total // 2)
        handle.write(random.Random(seed).randbytes(size))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


DAMAGE = {
    "overwritten": overwrite_middle,
    "truncated_half": lambda p: os.truncate(p, p.stat().st_size // 2),
    "truncated_mid_page": lambda p: os.truncate(p, p.stat().st_size // 3 + 1234),
    "truncated_to_header": lambda p: os.truncate(p, 60),
    "zeroed_pages": lambda p: _zero(p, p.stat().st_size // 4, 3 * 4096),
}


def _zero(path: Path, at: int, size: int) -> None:
    with path.open("r+b") as handle:
        handle.seek(at)
        handle.write(bytes(size))


@pytest.fixture
def damaged(_isolated_home: Path, request: pytest.FixtureRequest) -> Path:
    path = paths.ledger_path()
    make_ledger(path)
    DAMAGE[request.param](path)
    return path


@pytest.mark.parametrize("damaged", list(DAMAGE), indirect=True)
def test_damage_is_found_at_start_up_and_named_and_the_file_left_alone(damaged: Path) -> None:
    before = digest(damaged)
    with pytest.raises(LedgerDamagedError) as caught:
        Ledger(damaged)
    text = str(caught.value.msg)
    assert "damaged" in text and "pos-app ledger recover" in text
    assert "disk space" not in text  # a truncated ledger is not a full disk
    assert digest(damaged) == before  # never touched
    assert recovery.diagnose(damaged) is not None
    assert digest(damaged) == before
    # The lock was given back: the way back can take it.
    lock = InstanceLock(damaged.with_name(damaged.name + ".lock"))
    lock.acquire()
    lock.release()


def test_a_whole_ledger_passes(_isolated_home: Path) -> None:
    path = paths.ledger_path()
    make_ledger(path, 20)
    assert recovery.diagnose(path) is None
    Ledger(path).close()


def test_damage_found_while_reading_is_named_too(
    _isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Damage the start-up check did not see (it came later): reads say so, no traceback."""
    path = paths.ledger_path()
    refs = make_ledger(path)
    overwrite_middle(path, size=64 * 1024)
    monkeypatch.setattr(store, "quick_check", lambda conn: None)
    ledger = Ledger(path, exclusive=False)
    try:
        with pytest.raises(LedgerError) as caught:
            for ref in refs:
                ledger.get_sale(ref)
            ledger.all_sales(limit=10_000)
        assert isinstance(caught.value, LedgerDamagedError)
    finally:
        ledger.close()


def _cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        POS_APP_HOME=str(home),
        MP_ACCESS_TOKEN="APP_USR-1234567890-abcdef-1234",
        MP_API_BASE_URL="http://127.0.0.1:9",  # never reached: the ledger stops it first
    )
    return subprocess.run(
        [sys.executable, "-m", "pos_app", *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


@pytest.mark.parametrize("damaged", ["overwritten", "truncated_half"], indirect=True)
def test_status_charge_sales_and_doctor_say_it_in_plain_words(
    damaged: Path, _isolated_home: Path
) -> None:
    config_mod.save(Config(user_id=1, store_external_id="SUC001", box_external_id="CAJA01"))
    before = digest(damaged)
    for args in (
        ("status", "CAJA01S000001XAAAA"),
        ("charge", "--item", "Yerba:1:100"),
        ("sales",),
        ("cancel",),
    ):
        result = _cli(*args, home=_isolated_home)
        assert result.returncode == 1, (args, result.stderr)
        assert "Traceback" not in result.stderr, result.stderr
        assert "is damaged" in result.stderr and "ledger recover" in result.stderr
        assert "disk space" not in result.stderr
    doctor = _cli("doctor", "--json", home=_isolated_home)
    assert "Traceback" not in doctor.stderr
    checks = {c["name"]: c for c in json.loads(doctor.stdout)["checks"]}
    assert not checks["ledger"]["ok"] and "damaged" in checks["ledger"]["detail"]
    assert digest(damaged) == before


def test_recover_says_what_is_wrong_and_changes_nothing(_isolated_home: Path) -> None:
    path = paths.ledger_path()
    make_ledger(path)
    overwrite_middle(path)
    before = digest(path)
    result = _cli("ledger", "recover", home=_isolated_home)
    assert result.returncode == 1 and "is damaged" in result.stdout
    assert "--fresh" in result.stdout and "--restore" in result.stdout
    assert digest(path) == before
    assert not list(_isolated_home.glob("*.damaged-*"))


def test_a_fresh_ledger_keeps_the_damaged_one_aside(_isolated_home: Path) -> None:
    path = paths.ledger_path()
    refs = make_ledger(path, open_last=True)
    overwrite_middle(path)
    before = digest(path)
    result = _cli("ledger", "recover", "--fresh", "--json", home=_isolated_home)
    assert result.returncode == 0, result.stderr
    done = json.loads(result.stdout)
    kept = Path(done["kept_as"][0])
    assert kept.name.startswith("ledger.sqlite3.damaged-") and digest(kept) == before
    # The last sale was waiting for payment: named, so the cashier checks it in Mercado Pago.
    assert done["open_sales"] == [refs[-1]]
    ledger = Ledger(path)
    try:
        assert ledger.all_sales() == []
        make = ledger.create_sale  # selling works again
        now = datetime.now(UTC)
        make(
            user_id=1,
            store_external_id="SUC001",
            box_external_id="CAJA01",
            site=site_for("MLA"),
            title="t",
            lines=[LINE],
            total=Decimal("3450.50"),
            iva_total=None,
            now=now,
            expires_at=now + timedelta(minutes=10),
        )
    finally:
        ledger.close()
    assert recovery.diagnose(kept) is not None  # still the damaged file, for a technician


def test_restoring_a_backup(_isolated_home: Path, tmp_path: Path) -> None:
    path = paths.ledger_path()
    refs = make_ledger(path, 50)
    backup = tmp_path / "backup.sqlite3"
    shutil.copy(path, backup)
    backup_digest = digest(backup)
    make_ledger(path, 300)  # more sales after the backup, then the damage
    overwrite_middle(path)
    damaged_digest = digest(path)

    result = _cli("ledger", "recover", "--restore", str(backup), home=_isolated_home)
    assert result.returncode == 0, result.stderr
    assert "restored from" in result.stdout
    assert digest(backup) == backup_digest  # the backup is only read
    [kept] = [
        p
        for p in _isolated_home.glob("ledger.sqlite3.damaged-*")
        if p.suffix != ".lock" and not p.name.endswith(("-wal", "-shm"))
    ]
    assert digest(kept) == damaged_digest
    ledger = Ledger(path)
    try:
        assert {s.external_reference for s in ledger.all_sales()} == set(refs)
    finally:
        ledger.close()


def test_a_damaged_backup_is_refused_and_nothing_changes(
    _isolated_home: Path, tmp_path: Path
) -> None:
    path = paths.ledger_path()
    make_ledger(path)
    backup = tmp_path / "backup.sqlite3"
    shutil.copy(path, backup)
    overwrite_middle(path)
    overwrite_middle(backup, seed=9)
    before = digest(path)
    result = _cli("ledger", "recover", "--restore", str(backup), home=_isolated_home)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "cannot be restored" in result.stderr and "damaged too" in result.stderr
    assert digest(path) == before and not list(_isolated_home.glob("*.damaged-*"))
    not_a_ledger = tmp_path / "notes.txt"
    not_a_ledger.write_text("hello", encoding="utf-8")
    with pytest.raises(recovery.RecoveryError):
        recovery.restore(path, not_a_ledger)
    assert digest(path) == before


def test_a_whole_ledger_is_not_recovered(_isolated_home: Path) -> None:
    path = paths.ledger_path()
    make_ledger(path, 10)
    ok = _cli("ledger", "recover", home=_isolated_home)
    assert ok.returncode == 0 and "nothing to recover" in ok.stdout
    fresh = _cli("ledger", "recover", "--fresh", home=_isolated_home)
    assert fresh.returncode == 1 and "not damaged" in fresh.stderr
    assert len(Ledger(path, exclusive=False).all_sales()) == 10


def test_no_recovery_while_the_till_runs(_isolated_home: Path) -> None:
    path = paths.ledger_path()
    make_ledger(path, 10)
    overwrite_middle(path, size=2048)
    lock = InstanceLock(path.with_name(path.name + ".lock"))
    lock.acquire()  # the cashier window has the data folder
    try:
        with pytest.raises(AlreadyRunningError):
            recovery.start_fresh(path)
    finally:
        lock.release()
    assert not list(_isolated_home.glob("*.damaged-*"))
